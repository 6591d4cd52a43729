"""The user's `different` overrides inside documents: a document that joined two names an override
keeps apart (the short name "Fergie" to "Sarah Ferguson") gets them back as two local entities, so
that the rules, which never join them (`Clusters.union`), start from them apart."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from kg.model import DocResult, LocalEntity
from kg.names import name_key
from kg.ontology import Ontology


def split_apart(results: list[DocResult], ontology: Ontology) -> list[DocResult]:
    apart = ontology.apart_keys
    if not apart:
        return results
    return [_split(result, apart) for result in results]


def _split(result: DocResult, apart: frozenset[tuple[str, str]]) -> DocResult:
    entities = list(result.entities)
    moved: dict[tuple[int, str], int] = {}  # (entity, name key of a form split off) -> new entity
    for i, entity in enumerate(result.entities):
        own = name_key(entity.name)
        keys = {name_key(f) for f in entity.forms}
        for form in entity.forms:
            key = name_key(form)
            if key != own and ((own, key) in apart or any((k, key) in apart for k in keys if k < key)):
                moved[(i, key)] = len(entities)
                entities.append(LocalEntity(form, entity.type, (form,)))
    if not moved:
        return result
    split_keys: dict[int, set[str]] = defaultdict(set)
    for i, key in moved:
        split_keys[i].add(key)
    for i, keys in split_keys.items():
        entity = entities[i]
        entities[i] = replace(entity, forms=tuple(f for f in entity.forms if name_key(f) not in keys),
                              links=tuple(link for link in entity.links if name_key(link[0]) not in keys))
    mentions = tuple(replace(m, entity=moved.get((m.entity, name_key(m.text)), m.entity)) for m in result.mentions)
    return replace(result, entities=tuple(entities), mentions=mentions)
