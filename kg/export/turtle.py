"""Write a knowledge graph as RDF 1.1 Turtle (https://www.w3.org/TR/turtle/), streaming.

Triples are written as they are generated, grouped by subject, so memory does not grow with the
output and the same graph always gives the same bytes. Not supported: RDF-star (on purpose: see
`kg.export.rdf`), blank nodes, language tags.

>>> import io
>>> from kg.model import KnowledgeGraph
>>> out = io.StringIO()
>>> write_turtle(KnowledgeGraph([], [], [], []), out)
>>> out.getvalue().splitlines()[0]
'@prefix kgo: <https://example.org/kg/ontology#> .'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TextIO

from kg.export.rdf import IRI, XSD, Literal, Namespaces, Term, Triple, triples
from kg.model import KnowledgeGraph

_PN_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def write_turtle(graph: KnowledgeGraph, stream: TextIO, base: str | None = None) -> None:
    """Write `graph` to `stream` as Turtle."""
    ns = Namespaces(base)
    prefixes = write_prefixes(graph, ns, stream)
    write_subject_blocks(triples(graph, ns), prefixes, stream)


def write_prefixes(graph: KnowledgeGraph, ns: Namespaces, stream: TextIO) -> list[tuple[str, str]]:
    """Write the @prefix lines; returns the prefixes, longest namespace first, for `compact`."""
    prefixes = ns.prefixes(sorted({e.type for e in graph.entities}))
    for name, iri in prefixes.items():
        stream.write(f"@prefix {name}: <{iri}> .\n")
    return sorted(prefixes.items(), key=lambda kv: -len(kv[1]))


def write_subject_blocks(triples: Iterable[Triple], prefixes: list[tuple[str, str]], stream: TextIO,
                         indent: str = "") -> None:
    """Triples grouped by subject ("s p o ; p o ."), consecutive triples of a subject together."""
    subject = None
    for s, p, o in triples:
        if s != subject:
            stream.write(" .\n" if subject else "\n")
            stream.write(f"\n{indent}{_iri(s, prefixes)}\n{indent}    {_iri(p, prefixes)} {_term(o, prefixes)}")
            subject = s
        else:
            stream.write(f" ;\n{indent}    {_iri(p, prefixes)} {_term(o, prefixes)}")
    if subject:
        stream.write(" .\n")


def compact(term: Term, prefixes: list[tuple[str, str]]) -> str:
    """A term as Turtle writes it: a prefixed name where one fits, else <IRI> or a literal."""
    return _term(term, prefixes)


def _iri(iri: IRI, prefixes: list[tuple[str, str]]) -> str:
    if iri.value == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type":
        return "a"
    for name, namespace in prefixes:
        local = iri.value[len(namespace):]
        if iri.value.startswith(namespace) and _PN_LOCAL.fullmatch(local):
            return f"{name}:{local}"
    return iri_ref(iri.value)


def _term(term: Term, prefixes: list[tuple[str, str]]) -> str:
    if isinstance(term, IRI):
        return _iri(term, prefixes)
    if term.datatype == XSD + "integer":
        return term.value
    text = f'"{escape_string(term.value)}"'
    return f"{text}^^{_iri(IRI(term.datatype), prefixes)}" if term.datatype else text


def literal(term: Literal) -> str:
    """A literal in N-Triples form: quoted, escaped, with its full datatype IRI."""
    text = f'"{escape_string(term.value)}"'
    return f"{text}^^{iri_ref(term.datatype)}" if term.datatype else text


def escape_string(value: str) -> str:
    """A string escaped for a Turtle or N-Triples quoted literal; other control characters become
    \\u escapes, so the output stays one line per literal and valid UTF-8."""
    out = []
    for ch in value:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F or 0xD800 <= ord(ch) <= 0xDFFF:
            out.append(f"\\u{ord(ch) if ord(ch) < 0xD800 else 0xFFFD:04X}")
        else:
            out.append(ch)
    return "".join(out)


def iri_ref(value: str) -> str:
    """`<value>`, with the characters an IRI may not contain percent-encoded."""
    return "<" + _IRI_FORBIDDEN.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), value) + ">"
