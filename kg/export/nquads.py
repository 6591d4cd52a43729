"""Write a knowledge graph as N-Quads (https://www.w3.org/TR/n-quads/): the TriG data, one quad a
line, each relation's direct triple in the named graph of its statement."""

from __future__ import annotations

from typing import TextIO

from kg.export.rdf import IRI, Namespaces, quads
from kg.export.turtle import iri_ref, literal
from kg.model import KnowledgeGraph


def write_nquads(graph: KnowledgeGraph, stream: TextIO, base: str | None = None) -> None:
    """Write `graph` to `stream` as N-Quads."""
    ns = Namespaces(base)
    for s, p, o, g in quads(graph, ns):
        obj = iri_ref(o.value) if isinstance(o, IRI) else literal(o)
        name = f" {iri_ref(g.value)}" if g is not None else ""
        stream.write(f"{iri_ref(s.value)} {iri_ref(p.value)} {obj}{name} .\n")
