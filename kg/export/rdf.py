"""The RDF data model of a knowledge graph, as a stream of triples that every RDF writer shares.

Entities: `<base>entity/<type>/<slug>` with `rdf:type` an ontology class, `rdfs:label` the
canonical name, `skos:altLabel` each other name, `kgo:mentionCount`, `kgo:mentionedIn` documents.
Relations: a direct triple `<s> kgo:backedBy <o>`, and a `kgo:RelationStatement` resource
(plain RDF 1.1 reification: `rdf:subject`, `rdf:predicate`, `rdf:object`) carrying
`kgo:supportCount`, `kgo:confidence`, `kgo:role` and `prov:wasDerivedFrom` its evidence: one NIF
string per supporting sentence, `<doc>#char=begin,end` with `nif:beginIndex`, `nif:endIndex`,
`nif:anchorOf` and `nif:referenceContext` the document. RDF-star is not used, since Virtuoso,
rapper and serdi reject it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote, urlsplit

from kg.errors import FormatError
from kg.model import OPEN_PREFIX, KnowledgeGraph, Relation
from kg.ontology import VOCAB

DEFAULT_BASE = "https://example.org/kg/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
DCTERMS = "http://purl.org/dc/terms/"
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\]+")
PREFIXES = {"kgo": VOCAB, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "skos": SKOS, "prov": PROV, "nif": NIF,
            "dcterms": DCTERMS}


@dataclass(frozen=True)
class IRI:
    value: str


@dataclass(frozen=True)
class Literal:
    value: str
    datatype: str | None = None  # an XSD IRI; None for a plain xsd:string


Term = IRI | Literal
Triple = tuple[IRI, IRI, Term]


class Namespaces:
    """The IRIs of one export, under a base IRI."""

    def __init__(self, base: str | None = None):
        base = base or DEFAULT_BASE
        problem = base_iri_problem(base)
        if problem:
            raise FormatError(f"base IRI {base!r}: {problem}; give one like {DEFAULT_BASE}")
        self.base = base if base.endswith("/") else base + "/"

    def entity(self, key: str) -> IRI:
        return IRI(self.base + "entity/" + key)

    def document(self, doc_id: str) -> IRI:
        return IRI(self.base + "doc/" + quote(doc_id, safe=""))

    def statement(self, s: str, p: str, o: str) -> IRI:
        digest = hashlib.sha256(f"{s}\n{p}\n{o}".encode()).hexdigest()[:20]
        return IRI(self.base + "statement/" + digest)

    def evidence(self, doc_id: str, start: int, end: int) -> IRI:
        return IRI(f"{self.document(doc_id).value}#char={start},{end}")

    def prefixes(self, types: list[str]) -> dict[str, str]:
        """Prefixes for a readable Turtle file: the vocabularies, then one per entity type."""
        data = {t.lower(): f"{self.base}entity/{t.lower()}/" for t in sorted(types)}
        return {**PREFIXES, **data, "doc": self.base + "doc/", "stmt": self.base + "statement/"}


@lru_cache(maxsize=16)
def base_iri_problem(base: str) -> str | None:
    """Why `base` cannot be the base of kg's IRIs, or None: it must be an absolute IRI (RFC 3987,
    checked by Oxigraph's parser) with no fragment or query (kg appends paths, and #char= to
    documents), a valid port, and a scheme that is none of the prefixes kg declares (a JSON-LD
    reader would take `doc:x/...` for a prefixed name)."""
    import pyoxigraph

    if not _ABSOLUTE_IRI.fullmatch(base):
        return "not an absolute IRI (it needs a scheme, and no spaces or <>\"{}|\\^` characters)"
    if "#" in base or "?" in base:
        return "has a fragment (#) or a query (?): kg adds its own paths and #char= fragments"
    scheme = base.split(":", 1)[0].lower()
    reserved = {*PREFIXES, "doc", "stmt", "person", "organization", "place", "group"}
    if scheme in reserved:
        return f"its scheme {scheme!r} is a prefix kg declares ({', '.join(sorted(reserved))})"
    try:
        urlsplit(base).port  # noqa: B018  (raises on a port out of range)
    except ValueError as err:
        return f"bad port ({err})"
    try:
        pyoxigraph.NamedNode(base.rstrip("/") + "/doc/x#char=0,1")
    except ValueError as err:
        return f"not a valid IRI ({err})"
    return None


def kgo(name: str) -> IRI:
    return IRI(VOCAB + name)


def predicate(name: str, ns: Namespaces) -> IRI:
    """The property of a relation: an ontology property, or for an open relation ("verb:meet")
    `<base>verb/meet`, declared a sub-property of kgo:relatedTo in the export."""
    if name.startswith(OPEN_PREFIX):
        return IRI(ns.base + "verb/" + quote(name[len(OPEN_PREFIX):], safe=""))
    return kgo(name)


def integer(n: int) -> Literal:
    return Literal(str(n), XSD + "integer")


def triples(graph: KnowledgeGraph, ns: Namespaces) -> Iterator[Triple]:
    """Every triple of the graph, grouped by subject, in a deterministic order."""
    yield from document_triples(graph, ns)
    yield from entity_triples(graph, ns)
    yield from relation_triples(graph, ns)
    yield from provenance_triples(graph, ns)


def quads(graph: KnowledgeGraph, ns: Namespaces) -> Iterator[tuple[IRI, IRI, Term, IRI | None]]:
    """The same data as quads: each relation's direct triple in a named graph of its own, named by
    its statement resource, which carries the provenance in the default graph."""
    for s, p, o in document_triples(graph, ns):
        yield s, p, o, None
    for s, p, o in entity_triples(graph, ns):
        yield s, p, o, None
    for relation, (s, p, o) in zip(graph.relations, relation_triples(graph, ns), strict=True):
        yield s, p, o, statement_iri(relation, ns)
    for s, p, o in provenance_triples(graph, ns):
        yield s, p, o, None


def statement_iri(relation: Relation, ns: Namespaces) -> IRI:
    return ns.statement(relation.subject, relation.predicate, relation.object)


def document_triples(graph: KnowledgeGraph, ns: Namespaces) -> Iterator[Triple]:
    a = IRI(RDF + "type")
    for doc in graph.documents:
        iri = ns.document(doc.id)
        yield iri, a, kgo("Document")
        yield iri, IRI(DCTERMS + "identifier"), Literal(doc.id)
        yield iri, IRI(DCTERMS + "source"), Literal(doc.source)
        yield iri, kgo("sha256"), Literal(doc.sha256)
        yield iri, kgo("wordCount"), integer(doc.words)
        if doc.title:
            yield iri, IRI(DCTERMS + "title"), Literal(doc.title)
        if doc.date:
            yield iri, IRI(DCTERMS + "date"), _date(doc.date)
        if doc.url:
            yield iri, IRI(DCTERMS + "relation"), Literal(doc.url, XSD + "anyURI")


def entity_triples(graph: KnowledgeGraph, ns: Namespaces) -> Iterator[Triple]:
    a = IRI(RDF + "type")
    for entity in graph.entities:
        iri = ns.entity(entity.key)
        yield iri, a, kgo(entity.type)
        yield iri, IRI(RDFS + "label"), Literal(entity.name)
        for alias in entity.aliases:
            yield iri, IRI(SKOS + "altLabel"), Literal(alias)
        yield iri, kgo("mentionCount"), integer(entity.mentions)
        for doc_id in entity.documents:
            yield iri, kgo("mentionedIn"), ns.document(doc_id)


def relation_triples(graph: KnowledgeGraph, ns: Namespaces) -> Iterator[Triple]:
    """One direct triple per relation, in the order of `graph.relations`."""
    for relation in graph.relations:
        yield ns.entity(relation.subject), predicate(relation.predicate, ns), ns.entity(relation.object)


def provenance_triples(graph: KnowledgeGraph, ns: Namespaces) -> Iterator[Triple]:
    """The properties of open relations, the statement resources (reified relations with support,
    confidence and roles) and the evidence sentences they derive from."""
    a = IRI(RDF + "type")
    for name in sorted({r.predicate for r in graph.relations if r.predicate.startswith(OPEN_PREFIX)}):
        iri = predicate(name, ns)
        yield iri, a, IRI(RDF + "Property")
        yield iri, IRI(RDFS + "subPropertyOf"), kgo("relatedTo")
        yield iri, IRI(RDFS + "label"), Literal(name[len(OPEN_PREFIX):])
    for relation in graph.relations:
        stmt = statement_iri(relation, ns)
        yield stmt, a, kgo("RelationStatement")
        yield stmt, IRI(RDF + "subject"), ns.entity(relation.subject)
        yield stmt, IRI(RDF + "predicate"), predicate(relation.predicate, ns)
        yield stmt, IRI(RDF + "object"), ns.entity(relation.object)
        yield stmt, kgo("supportCount"), integer(relation.support)
        yield stmt, kgo("confidence"), Literal(f"{relation.confidence:.4f}", XSD + "decimal")
        for role in relation.roles:
            yield stmt, kgo("role"), Literal(role)
        # The pattern belongs to the statement: one sentence may support two relations by two patterns.
        for pattern in sorted({ev.pattern for ev in relation.evidence}):
            yield stmt, kgo("pattern"), Literal(pattern)
        for ev in relation.evidence:
            yield stmt, IRI(PROV + "wasDerivedFrom"), ns.evidence(ev.doc, ev.start, ev.end)
    sentences = {(ev.doc, ev.start, ev.end): ev.sentence for relation in graph.relations for ev in relation.evidence}
    for (doc_id, start, end), sentence in sorted(sentences.items()):
        iri = ns.evidence(doc_id, start, end)
        yield iri, a, kgo("Evidence")
        yield iri, a, IRI(NIF + "String")
        yield iri, IRI(NIF + "referenceContext"), ns.document(doc_id)
        yield iri, IRI(NIF + "beginIndex"), Literal(str(start), XSD + "nonNegativeInteger")
        yield iri, IRI(NIF + "endIndex"), Literal(str(end), XSD + "nonNegativeInteger")
        yield iri, IRI(NIF + "anchorOf"), Literal(sentence)


def _date(value: str) -> Literal:
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        return Literal(value, XSD + "date")
    return Literal(value)
