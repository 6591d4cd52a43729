"""Write a knowledge graph as TriG (https://www.w3.org/TR/trig/): provenance in named graphs.

Each relation's direct triple sits in a named graph of its own, named by its statement resource;
the default graph holds the entities, documents, statements (support, confidence, roles, evidence)
and evidence sentences. A query reaches a relation's provenance with `GRAPH ?st { ?s ?p ?o }` and
`?st prov:wasDerivedFrom ?evidence`.
"""

from __future__ import annotations

from typing import TextIO

from kg.export.rdf import Namespaces, document_triples, entity_triples, provenance_triples, quads
from kg.export.turtle import compact, write_prefixes, write_subject_blocks
from kg.model import KnowledgeGraph


def write_trig(graph: KnowledgeGraph, stream: TextIO, base: str | None = None) -> None:
    """Write `graph` to `stream` as TriG."""
    ns = Namespaces(base)
    prefixes = write_prefixes(graph, ns, stream)
    for part in (document_triples, entity_triples, provenance_triples):
        write_subject_blocks(part(graph, ns), prefixes, stream)
    for s, p, o, g in quads(graph, ns):
        if g is not None:
            stream.write(f"\n{compact(g, prefixes)} {{ {compact(s, prefixes)} {compact(p, prefixes)} "
                         f"{compact(o, prefixes)} . }}\n")
