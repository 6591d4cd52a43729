"""Write how each entity was resolved, as JSON Lines: one object per entity with its IRI, name,
type, aliases and `merges`, the rule that joined each alias (`kg explain` reads this file)."""

from __future__ import annotations

import json
from typing import TextIO

from kg.export.rdf import Namespaces
from kg.model import KnowledgeGraph


def write_resolution(graph: KnowledgeGraph, stream: TextIO, base: str | None = None) -> None:
    ns = Namespaces(base)
    for entity in graph.entities:
        record = {"entity": ns.entity(entity.key).value, "name": entity.name, "type": entity.type,
                  "mentions": entity.mentions, "documents": entity.documents, "aliases": entity.aliases,
                  "merges": [{"alias": alias, "rule": rule} for alias, rule in entity.merges]}
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
