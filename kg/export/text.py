"""Write what kg read of each document as JSON Lines: the text it analysed and what it skipped.

One line a document: `doc` (its id), `source`, `text` (the text as read with every character skipped
as page furniture turned into a space, line breaks kept, so offsets are the same as in the original
file), `skipped` (a list of `[start, end]` character offsets, end exclusive, into the original text)
and `skipped_share` (the share of its visible characters skipped).

>>> import io, json
>>> from kg.model import DocumentInfo, KnowledgeGraph
>>> doc = DocumentInfo("a", "a.txt", "", 5, text="Home\\nRebels took the town.", skipped=((0, 4),))
>>> out = io.StringIO()
>>> write_text(KnowledgeGraph([doc], [], [], []), out)
>>> json.loads(out.getvalue())["text"]
'    \\nRebels took the town.'
"""

from __future__ import annotations

import json
from typing import TextIO

from kg.boilerplate import Reading
from kg.model import KnowledgeGraph


def write_text(graph: KnowledgeGraph, stream: TextIO, base: str | None = None) -> None:
    for doc in sorted(graph.documents, key=lambda d: d.id):
        record = {"doc": doc.id, "source": doc.source, "text": Reading((), doc.skipped).mask(doc.text),
                  "skipped": [[start, end] for start, end in doc.skipped],
                  "skipped_share": round(doc.skipped_share, 4)}
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
