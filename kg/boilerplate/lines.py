"""The lines of a text with their offsets: the unit the boilerplate stage classifies."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of `text` with their offsets, surrounding white space excluded.

    >>> split_lines("  Home\\n\\nRebels took the town.\\n")
    [Line(start=2, end=6, text='Home'), Line(start=8, end=29, text='Rebels took the town.')]
    """
    return [Line(m.start(), m.end(), m.group()) for m in _LINE.finditer(text)]


_LINE = re.compile(r"[^\s](?:[^\n\r]*[^\s])?")
