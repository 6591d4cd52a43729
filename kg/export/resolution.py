"""How each entity was resolved, as JSON Lines: one object per entity with its IRI, name, type,
aliases and `merges`: for each alias, the id of the rule that joined it and the details that
rule's sentence names (`kg.resolve.explain` tells it). `kg explain` reads this file, and so does
`kg build` when it builds into the same folder again: an entity keeps the IRI it had.

>>> import io
>>> from kg.model import Entity, KnowledgeGraph
>>> out = io.StringIO()
>>> trump = Entity("person/donald-trump", "Donald Trump", "Person", ["Trump"])
>>> write_resolution(KnowledgeGraph([], [trump], [], []), out)
>>> read_known_entities(io.StringIO(out.getvalue()))
{'person/donald-trump': ('Person', ('Donald Trump', 'Trump'))}
"""

from __future__ import annotations

import json
from typing import TextIO

from kg.errors import InputError
from kg.export.rdf import Namespaces
from kg.model import KnowledgeGraph

RECORD_FIELDS = ("entity", "name", "type", "mentions", "documents", "aliases", "merges")


def write_resolution(graph: KnowledgeGraph, stream: TextIO, base: str | None = None) -> None:
    ns = Namespaces(base)
    for entity in graph.entities:
        record = {"entity": ns.entity(entity.key).value, "name": entity.name, "type": entity.type,
                  "mentions": entity.mentions, "documents": entity.documents, "aliases": entity.aliases,
                  "merges": [{"alias": m.alias, "rule": m.rule, "details": dict(m.details)} for m in entity.merges]}
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")


def read_resolution(stream: TextIO, source: str = "resolution.jsonl") -> list[dict]:
    """The entity records of a resolution file that `write_resolution` wrote."""
    records = []
    try:
        for number, line in enumerate(stream, start=1):
            try:
                record = json.loads(line)
                missing = [f for f in RECORD_FIELDS if f not in record]
                if missing or not isinstance(record["entity"], str) or not isinstance(record["aliases"], list):
                    raise ValueError(f"no {', '.join(missing)}" if missing else "entity or aliases malformed")
            except (ValueError, TypeError) as err:
                raise InputError(source, f"line {number} is no entity record ({err})") from err
            records.append(record)
    except UnicodeDecodeError as err:
        raise InputError(source, f"not UTF-8 text ({err.reason} at byte {err.start} of a line)") from err
    return records


def read_known_entities(stream: TextIO, source: str = "resolution.jsonl") -> dict[str, tuple[str, tuple[str, ...]]]:
    """{entity key: (type, names)} of a resolution file that `write_resolution` wrote."""
    return {record["entity"].rpartition("/entity/")[2]: (record["type"], (record["name"], *record["aliases"]))
            for record in read_resolution(stream, source)}
