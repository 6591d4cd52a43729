"""Write a knowledge graph as GraphML (http://graphml.graphdrawing.org/) that Gephi opens whole.

A directed graph; nodes are entities, edges relations. What Gephi has rejected from other tools is
avoided: every attribute is a declared `<key>` with `for="node"` or `for="edge"`, a GraphML type
(string, int, double) and a name without spaces; every edge has a unique id (e0, e1, …) and the
relation as its `label` XML attribute, so parallel edges of different relations stay apart; no empty
ids; lists are written as strings joined by "; "; characters XML 1.0 forbids are removed.

>>> import io
>>> from kg.model import KnowledgeGraph
>>> out = io.StringIO()
>>> write_graphml(KnowledgeGraph([], [], [], []), out)
>>> out.getvalue().splitlines()[0]
"<?xml version='1.0' encoding='utf-8'?>"
"""

from __future__ import annotations

import re
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from kg.export.rdf import OPEN_PREFIX
from kg.model import KnowledgeGraph

NODE_KEYS = (("label", "string"), ("type", "string"), ("aliases", "string"), ("mentions", "int"),
             ("documents", "string"))
EDGE_KEYS = (("label", "string"), ("weight", "double"), ("confidence", "double"), ("sources", "string"),
             ("roles", "string"), ("sentence", "string"))
_XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
LIST_SEPARATOR = "; "


def write_graphml(graph: KnowledgeGraph, stream: TextIO, base: str | None = None) -> None:
    """Write `graph` to `stream` as GraphML. `base` is accepted for a uniform writer signature."""
    stream.write("<?xml version='1.0' encoding='utf-8'?>\n")
    stream.write('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                 'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
                 'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
    for scope, keys in (("node", NODE_KEYS), ("edge", EDGE_KEYS)):
        for name, type_ in keys:
            stream.write(f'  <key id="{scope[0]}_{name}" for="{scope}" attr.name="{name}" '
                         f'attr.type="{type_}"/>\n')
    stream.write('  <graph id="kg" edgedefault="directed">\n')
    for entity in graph.entities:
        stream.write(f"    <node id={xml_attribute(entity.key)}>\n")
        _data(stream, "n", {"label": entity.name, "type": entity.type,
                            "aliases": LIST_SEPARATOR.join(entity.aliases), "mentions": entity.mentions,
                            "documents": LIST_SEPARATOR.join(entity.documents)})
        stream.write("    </node>\n")
    for i, rel in enumerate(graph.relations):
        label = edge_label(rel.predicate)
        stream.write(f"    <edge id=\"e{i}\" source={xml_attribute(rel.subject)} target={xml_attribute(rel.object)} "
                     f"label={xml_attribute(label)}>\n")
        _data(stream, "e", {"label": label, "weight": float(rel.support),
                            "confidence": rel.confidence,
                            "sources": LIST_SEPARATOR.join(sorted({e.doc for e in rel.evidence})),
                            "roles": LIST_SEPARATOR.join(rel.roles),
                            "sentence": rel.evidence[0].sentence if rel.evidence else ""})
        stream.write("    </edge>\n")
    stream.write("  </graph>\n</graphml>\n")


def edge_label(predicate: str) -> str:
    """The relation as a graph tool shows it: the property's name, or an open relation's verb."""
    return predicate.removeprefix(OPEN_PREFIX)


def _data(stream: TextIO, scope: str, values: dict[str, object]) -> None:
    for name, value in values.items():
        if value == "":
            continue  # an absent value, not an empty string: Gephi types columns by their values
        stream.write(f'      <data key="{scope}_{name}">{escape(xml_text(str(value)))}</data>\n')


def xml_attribute(value: str) -> str:
    """A quoted XML attribute value, characters XML forbids removed."""
    return quoteattr(xml_text(value))


def xml_text(value: str) -> str:
    """`value` without the characters XML 1.0 cannot carry (NUL, most control characters)."""
    return _XML_FORBIDDEN.sub("", value)
