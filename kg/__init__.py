"""kg: news articles in, a named-entity knowledge graph out (RDF/Turtle, GraphML, mentions).

>>> import kg
>>> graph = kg.build(["seeds/"])  # doctest: +SKIP
>>> kg.write_all(graph, "exports/")  # doctest: +SKIP
"""

from kg.errors import FormatError, InputError, KGError, ModelError, OntologyError
from kg.export import FORMATS, write, write_all
from kg.model import KnowledgeGraph
from kg.pipeline import BuildReport, build

__all__ = ["FORMATS", "BuildReport", "FormatError", "InputError", "KGError", "KnowledgeGraph",
           "ModelError", "OntologyError", "build", "write", "write_all"]
__version__ = "0.1.0"
