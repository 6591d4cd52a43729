"""Cross-document resolution: one entity per real-world thing, whatever name each article uses.

Every document's local entities (already joined within the document: acronyms, surnames) are
joined across documents in four steps:

1. names the tagger missed in one article but found in others are recovered
   (`kg.resolve.recovery`), and sides a story named after their town take their club's name
   (`kg.resolve.sides`);
2. each name gets one type, voted over all its mentions (`kg.resolve.types`);
3. the rules of `kg.resolve.rules.RULES` run in order over one `Clusters` object, each join
   recording its rule's id (`kg.resolve.explain`), so that `Entity.merges` tells why every alias
   was joined; the user's overrides take part here and only here (`kg.resolve.overrides` splits
   what a document joined against them);
4. each cluster becomes an `Entity`, and relation mentions are pooled (`kg.resolve.graph`).

>>> from kg.model import DocResult, DocumentInfo, LocalEntity, Mention
>>> def doc(id, name):
...     info = DocumentInfo(id=id, source=id, sha256="", words=1)
...     return DocResult(info, (LocalEntity(name, "Organization", (name,)),), (Mention(0, len(name), name, 0),), ())
>>> graph = resolve([doc("a", "Daesh"), doc("b", "Islamic State")], Ontology.load())
>>> [(e.name, e.aliases) for e in graph.entities]
[('Islamic State', ['Daesh'])]
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from kg.model import DocResult, KnowledgeGraph, ResolvedMention
from kg.ontology import Ontology
from kg.resolve.clusters import Clusters, Settings, family, same_name_key
from kg.resolve.graph import Known, canonical_name, entities, pooled_relations, slug
from kg.resolve.overrides import split_apart
from kg.resolve.people import compatible_names
from kg.resolve.recovery import recover_names
from kg.resolve.rules import RULES
from kg.resolve.sides import name_sides
from kg.resolve.types import cued_types, vote_types

__all__ = ["RULES", "canonical_name", "compatible_names", "family", "resolve", "same_name_key", "slug"]


def resolve(results: Iterable[DocResult], ontology: Ontology, known: Known | None = None) -> KnowledgeGraph:
    """The knowledge graph of all documents' results. `known` ({key: (type, names)}, from an
    earlier build's resolution.jsonl) keeps the keys, and so the IRIs, of entities built before."""
    with _without_cycle_collector():
        return _resolve(list(results), ontology, known)


def _resolve(results: list[DocResult], ontology: Ontology, known: Known | None) -> KnowledgeGraph:
    settings = Settings.from_ontology(ontology)
    results = split_apart(results, ontology)
    results = recover_names(results, ontology, settings.max_name_words)
    results = name_sides(results, ontology)
    clusters = Clusters(results, ontology, settings, vote_types(results, ontology, settings.gazetteer_weight),
                        cued_types(results))
    for rule in RULES:
        rule(clusters)
    found, entity_of = entities(clusters, known or {})
    return KnowledgeGraph(
        documents=sorted((r.doc for r in results), key=lambda d: d.id),
        entities=sorted(found, key=lambda e: e.key),
        relations=pooled_relations(results, entity_of, {e.key: e.type for e in found}, ontology.property_classes),
        mentions=[ResolvedMention(r.doc.id, m.start, m.end, m.text, entity_of[(d, m.entity)])
                  for d, r in enumerate(results) for m in r.mentions])


@contextmanager
def _without_cycle_collector() -> Iterator[None]:
    """Python's cycle collector paused: resolution makes millions of small objects and no cycles
    to speak of, and the collector's repeated scans of them took a third of its time (100,000
    names: 9.8 s with it, 6.5 s without). Whatever cycles there are go when it resumes."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()
