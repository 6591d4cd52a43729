"""Lines repeated verbatim across many documents of one input: a site's menus and footers.

Counting them is the one look across documents before the per-document work; each document then
carries the keys of its own lines that are repeated (`Document.repeated`), so its result stays a
function of its text and that set, which is part of its cache key.

>>> counter = RepeatedLines()
>>> for text in ["Home\\nA story.\\n", "Home\\nAnother.\\n", "Home\\nA third.\\n"]:
...     counter.add(text)
>>> counter.repeated_in("Home\\nNew.\\n") == frozenset([line_key("Home")])
True
"""

from __future__ import annotations

import hashlib

import numpy as np

from kg.boilerplate.lines import split_lines

MIN_DOCUMENTS = 3  # a line in this many documents or more is the site's, not one story's
MIN_CHARS = 3  # shorter lines ("|", "*") say nothing


def line_key(text: str) -> int:
    """A compact key of a line, blind to runs of white space."""
    data = " ".join(text.split()).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


class RepeatedLines:
    """In how many documents each line occurs: 8 bytes a line while counting, then only the keys of
    the repeated ones."""

    def __init__(self, min_documents: int = MIN_DOCUMENTS):
        self.min_documents = min_documents
        self._pending: list[np.ndarray] = []
        self._repeated: frozenset[int] | None = None

    def add(self, text: str) -> None:
        keys = {line_key(line.text) for line in split_lines(text) if len(line.text) >= MIN_CHARS}
        self._pending.append(np.fromiter(keys, dtype=np.uint64, count=len(keys)))
        self._repeated = None

    @property
    def repeated(self) -> frozenset[int]:
        """The keys of every line found in `min_documents` documents or more."""
        if self._repeated is None:
            keys = np.concatenate(self._pending) if self._pending else np.zeros(0, dtype=np.uint64)
            values, counts = np.unique(keys, return_counts=True)
            self._repeated = frozenset(int(k) for k in values[counts >= self.min_documents])
            self._pending = [np.repeat(values, counts)]
        return self._repeated

    def repeated_in(self, text: str) -> frozenset[int]:
        """The keys of the lines of `text` found in `min_documents` documents or more."""
        repeated = self.repeated
        if not repeated:
            return frozenset()
        return frozenset(key for key in (line_key(line.text) for line in split_lines(text)) if key in repeated)
