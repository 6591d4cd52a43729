"""Write a knowledge graph as JSON-LD 1.1 (https://www.w3.org/TR/json-ld11/): a flattened `@graph`
of node objects with full IRIs and a `@context` of the prefixes, the same triples as the Turtle
export (provenance as statement resources)."""

from __future__ import annotations

import json
from itertools import groupby
from typing import TextIO

from kg.export.rdf import IRI, RDF, XSD, Namespaces, triples
from kg.model import KnowledgeGraph


def write_jsonld(graph: KnowledgeGraph, stream: TextIO, base: str | None = None) -> None:
    """Write `graph` to `stream` as JSON-LD, one node object a line inside `@graph`."""
    ns = Namespaces(base)
    context = ns.prefixes(sorted({e.type for e in graph.entities}))
    stream.write('{"@context": ' + json.dumps(context, ensure_ascii=False) + ',\n "@graph": [')
    first = True
    for subject, group in groupby(triples(graph, ns), key=lambda t: t[0]):
        node: dict[str, object] = {"@id": subject.value}
        for _, p, o in group:
            if p.value == RDF + "type":
                node.setdefault("@type", []).append(o.value)
            else:
                node.setdefault(p.value, []).append(_value(o))
        stream.write(("\n  " if first else ",\n  ") + json.dumps(node, ensure_ascii=False))
        first = False
    stream.write("\n]}\n")


def _value(term) -> dict:
    if isinstance(term, IRI):
        return {"@id": term.value}
    if term.datatype and term.datatype != XSD + "string":
        return {"@value": term.value, "@type": term.datatype}
    return {"@value": term.value}
