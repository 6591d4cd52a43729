"""Write every entity mention as JSON Lines: `doc`, `start`, `end` (character offsets into the text
as read, end exclusive), `text` and `entity` (the entity's IRI)."""

from __future__ import annotations

import json
from typing import TextIO

from kg.export.rdf import Namespaces
from kg.model import KnowledgeGraph


def write_mentions(graph: KnowledgeGraph, stream: TextIO, base: str | None = None) -> None:
    ns = Namespaces(base)
    for m in sorted(graph.mentions, key=lambda m: (m.doc, m.start, m.end)):
        record = {"doc": m.doc, "start": m.start, "end": m.end, "text": m.text,
                  "entity": ns.entity(m.entity).value}
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
