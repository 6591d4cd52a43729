"""Tell an article's text from the page furniture scraped with it.

Scraped news pages mix the story with menus, ads, bylines, donation appeals and "about us" blocks.
This module classifies each line (a scraped page's paragraph), in the spirit of jusText
(Pomikálek 2011): a line is boilerplate when it is

- not a sentence and too short or too bare for a headline (menus, bylines, datelines, "Banner Top");
- a short line that starts with a furniture phrase ("Advertisement", "Follow us", "your password");
- after a footer heading ("About us", "Since you're here", "Tags") once the story has begun;
- addressed to the reader: first and second person outside quotations ("we", "our", "you"), as
  subscription and donation appeals are, while news is told in the third person;

Furniture phrases are data: `ontology/boilerplate.json`. Inside kept lines, photo credits such as
"(Photo by Jane Doe / AFP)" are removed.

`mask` keeps offsets: boilerplate characters become spaces, so every offset into the masked text is
an offset into the original.

>>> from kg.boilerplate import Boilerplate
>>> cleaner = Boilerplate.from_disk()
>>> cleaner.mask("Advertisement\\nThe army said on Monday it had left the town.\\n")
'             \\nThe army said on Monday it had left the town.\\n'
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from kg.errors import OntologyError
from kg.ontology import ONTOLOGY_DIR

SENTENCE_END = tuple(".!?…\"”’')")
READER_WORDS = frozenset("we us our ours ourselves you your yours yourself yourselves".split())
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|``.*?''")
WORD = re.compile(r"[^\W\d_][\w'’-]*")
MIN_WORDS = 3  # fewer words and no sentence end: a menu item, byline or dateline
MAX_LABEL_WORDS = 4  # up to this many words without a function word: a name or a menu, not a headline
MAX_READER_DENSITY = 0.04  # above it (with 3 or more such words) the line talks to the reader


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str


class Boilerplate:
    """Finds the spans of a text that belong to the article, from phrase lists kept as data."""

    def __init__(self, footer: list[str], line: list[str], inline: list[str], max_marker_words: int):
        def compile_all(patterns: list[str]) -> re.Pattern:
            return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)

        try:
            self.footer = compile_all(footer)
            self.line = compile_all(line)
            self.inline = compile_all(inline)
        except re.error as err:
            raise OntologyError(f"boilerplate.json: bad regular expression: {err}") from err
        self.max_marker_words = max_marker_words

    @classmethod
    def from_data(cls, data: dict) -> Boilerplate:
        """From the content of boilerplate.json."""
        try:
            return cls(data["footer"], data["line"], data["inline"], data["max_marker_words"])
        except (KeyError, TypeError) as err:
            raise OntologyError(f"boilerplate.json: missing or malformed {err}") from err

    @classmethod
    def from_disk(cls, path: Path | None = None) -> Boilerplate:
        path = path or ONTOLOGY_DIR / "boilerplate.json"
        try:
            return cls.from_data(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError) as err:
            raise OntologyError(f"{path}: cannot load boilerplate phrases: {err}") from err

    def content_spans(self, text: str) -> list[tuple[int, int]]:
        """The (start, end) character spans of `text` that belong to the article."""
        spans: list[tuple[int, int]] = []
        in_footer = story_begun = False
        for line in split_lines(text):
            words = WORD.findall(line.text)
            marker = len(words) <= self.max_marker_words and self._marker(line.text)
            if marker == "footer" and story_begun:
                in_footer = True
            if in_footer or marker or self._is_furniture(line.text, words):
                continue
            story_begun = True
            spans.extend(self._without_inline(line))
        return spans

    def mask(self, text: str) -> str:
        """`text` with every boilerplate character but newlines turned into a space."""
        chars = [c if c == "\n" else " " for c in text]
        for start, end in self.content_spans(text):
            chars[start:end] = text[start:end]
        return "".join(chars)

    def _marker(self, text: str) -> str | None:
        stripped = text.strip(" \t*#>-–—•·|:")
        if self.footer.match(stripped):
            return "footer"
        if self.line.match(stripped):
            return "line"
        return None

    def _is_furniture(self, text: str, words: list[str]) -> bool:
        if not text.rstrip().endswith(SENTENCE_END) and _is_label(text, words):
            return True
        unquoted = WORD.findall(QUOTED.sub(" ", text))
        reader = sum(w.lower() in READER_WORDS for w in unquoted)
        return reader >= 3 and reader > MAX_READER_DENSITY * len(unquoted)

    def _without_inline(self, line: Line) -> list[tuple[int, int]]:
        spans, start = [], line.start
        for match in self.inline.finditer(line.text):
            spans.append((start, line.start + match.start()))
            start = line.start + match.end()
        spans.append((start, line.end))
        return [(s, e) for s, e in spans if e > s]


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of `text` with their offsets, surrounding white space excluded."""
    lines, offset = [], 0
    for raw in text.splitlines(keepends=True):
        stripped = raw.strip()
        if stripped:
            start = offset + raw.index(stripped[0])
            lines.append(Line(start, start + len(stripped), stripped))
        offset += len(raw)
    return lines


def _is_label(text: str, words: list[str]) -> bool:
    """A line that is no sentence nor headline: a menu, a byline name, a date, "Banner Top". Headlines
    have three words or more and some function word ("Spears Checks Into Rehab") or a word in lower
    case ("Federer retains title")."""
    if len(words) < MIN_WORDS or text.count("|") + text.count("•") >= 2:
        return True
    return len(words) <= MAX_LABEL_WORDS and not any(w.lower() in STOP_WORDS or w.islower() for w in words)
