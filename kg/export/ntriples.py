"""Write a knowledge graph as RDF 1.1 N-Triples (https://www.w3.org/TR/n-triples/): one triple a
line, full IRIs, streaming; the format every triple store bulk-loads fastest."""

from __future__ import annotations

from typing import TextIO

from kg.export.rdf import IRI, Namespaces, triples
from kg.export.turtle import iri_ref, literal
from kg.model import KnowledgeGraph


def write_ntriples(graph: KnowledgeGraph, stream: TextIO, base: str | None = None) -> None:
    """Write `graph` to `stream` as N-Triples."""
    ns = Namespaces(base)
    for s, p, o in triples(graph, ns):
        obj = iri_ref(o.value) if isinstance(o, IRI) else literal(o)
        stream.write(f"{iri_ref(s.value)} {iri_ref(p.value)} {obj} .\n")
