"""Tell an article's text from the page furniture scraped with it.

Scraped news pages mix the story with menus, share buttons, newsletter boxes, bylines and footers.
Each line (a scraped page's paragraph) is classified by a small learned model from what it looks like
and from its neighbours (`kg.boilerplate.features`, `kg.boilerplate.model`), in the spirit of jusText
(Pomikálek 2011), rather than by a list of phrases: phrases (`ontology/boilerplate.json`) are one
signal among many. Lines repeated verbatim in many documents of one input (a site's menus and footers,
`kg.boilerplate.repeated`) are furniture too, unless the document is itself a copy of a story found
elsewhere. Datelines and results tables stay article text whatever their shape
(`kg.boilerplate.news`), and a byline at the top does not. Inside kept
lines, photo credits such as "(Photo by Jane Doe / AFP)" are cut.

`mask` keeps offsets: furniture characters become spaces, so every offset into the masked text is an
offset into the original.

>>> from kg.boilerplate import Boilerplate
>>> cleaner = Boilerplate.from_disk()
>>> text = "Home | World | Sport\\nThe army said on Monday it had left the town after a week of fighting.\\n"
>>> cleaner.mask(text).strip()
'The army said on Monday it had left the town after a week of fighting.'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kg.boilerplate.features import Phrases, line_features
from kg.boilerplate.lines import Line, split_lines
from kg.boilerplate.model import LineModel
from kg.boilerplate.news import bylines, news_forms
from kg.boilerplate.repeated import RepeatedLines, line_key
from kg.errors import OntologyError
from kg.ontology import ONTOLOGY_DIR, read_json

__all__ = ["Boilerplate", "Line", "Reading", "RepeatedLines", "split_lines"]

# blanks between two cells of a table laid out in columns (three spaces or more, or a tab)
COLUMN_GAP = re.compile(r"(?<=\S)(?: {3,}|[ \t]*\t[ \t]*)(?=\S)")
COPY_SHARE = 0.5  # a document whose article text is mostly repeated elsewhere is a copy of a story


@dataclass(frozen=True)
class Reading:
    """What the boilerplate stage made of one text: the spans kept as article and those skipped."""

    kept: tuple[tuple[int, int], ...]
    skipped: tuple[tuple[int, int], ...]

    def mask(self, text: str) -> str:
        """`text` with every skipped character but line breaks turned into a space."""
        chars = list(text)
        for start, end in self.skipped:
            chars[start:end] = [c if c in "\n\r" else " " for c in text[start:end]]
        return "".join(chars)

    def analysed(self, text: str) -> str:
        """The masked text with a cell separator opening each column gap between two kept words: a
        plain-text dump lays a table out in columns ("Bury South      Christian Wakeford"), and
        the entity recognizer reads blanks as no boundary at all ("Jamie Wallis   jamie.wallis@...")
        but a semicolon as one. Offsets stay the original's."""
        masked = self.mask(text)
        chars = None
        for gap in COLUMN_GAP.finditer(text):
            start, end = gap.span()
            if masked[start - 1].isspace() or masked[end].isspace():
                continue  # a gap left by a masked credit inside a sentence, or beside furniture
            chars = chars or list(masked)
            chars[start] = ";"
        return masked if chars is None else "".join(chars)


class Boilerplate:
    """Finds the spans of a text that belong to the article."""

    def __init__(self, model: LineModel, phrases: Phrases, inline: re.Pattern):
        self.model = model
        self.phrases = phrases
        self.inline = inline

    @classmethod
    def from_data(cls, phrases: dict, model: dict) -> Boilerplate:
        """From the contents of boilerplate.json and boilerplate_model.json."""
        try:
            return cls(LineModel.from_data(model), Phrases.from_data(phrases),
                       re.compile("|".join(f"(?:{p})" for p in phrases["inline"]), re.IGNORECASE))
        except re.error as err:
            raise OntologyError(f"boilerplate.json: bad regular expression: {err}") from err
        except (KeyError, TypeError, ValueError) as err:
            raise OntologyError(f"boilerplate.json or boilerplate_model.json: missing or malformed {err}") from err

    @classmethod
    def from_disk(cls, directory: Path | None = None) -> Boilerplate:
        directory = directory or ONTOLOGY_DIR
        return cls.from_data(read_json(directory / "boilerplate.json"), read_json(directory / "boilerplate_model.json"))

    def read(self, text: str, repeated: frozenset[int] = frozenset()) -> Reading:
        """Which spans of `text` are article and which furniture. `repeated` holds the keys
        (`line_key`) of lines found in many documents of the input."""
        lines = split_lines(text)
        if not lines:
            return Reading((), ())
        rows = line_features(text, lines, self.phrases)
        content = self.model.verdicts(rows, [len(x.text) for x in lines])
        if repeated:
            content = _without_repeated(lines, content, repeated)
        # a dateline or a table repeated across stories (SPRINGDALE 1996-08-30) is still each story's own
        content = [(c or form) and not byline
                   for c, form, byline in zip(content, news_forms(lines), bylines(lines), strict=True)]
        return self._reading(lines, content)

    def read_extracted(self, text: str) -> Reading:
        """The reading of a text already extracted from a page's markup: every line is article, less
        inline credits."""
        lines = split_lines(text)
        return self._reading(lines, [True] * len(lines))

    def _reading(self, lines: list[Line], content: list[bool]) -> Reading:
        """The kept lines, less their inline credits, and everything else as skipped."""
        kept: list[tuple[int, int]] = []
        skipped: list[tuple[int, int]] = []
        for line, is_content in zip(lines, content, strict=True):
            if is_content:
                pieces = self._without_inline(line)
                kept.extend(pieces)
                skipped.extend(_gaps(line, pieces))
            else:
                skipped.append((line.start, line.end))
        return Reading(tuple(kept), tuple(skipped))

    def mask(self, text: str, repeated: frozenset[int] = frozenset()) -> str:
        """`text` with every furniture character but line breaks turned into a space."""
        return self.read(text, repeated).mask(text)

    def _without_inline(self, line: Line) -> list[tuple[int, int]]:
        spans, start = [], line.start
        for match in self.inline.finditer(line.text):
            spans.append((start, line.start + match.start()))
            start = line.start + match.end()
        spans.append((start, line.end))
        return [(s, e) for s, e in spans if e > s]


def _without_repeated(lines: list[Line], content: list[bool], repeated: frozenset[int]) -> list[bool]:
    """The verdicts with repeated lines before the story's first kept line or after its last turned
    to furniture: a site's menus and footers. Inside the story a repeated line is the story's (a
    quotation every report of an event carries: "She was 85."). And when most of the article is
    repeated, the document is one of several copies of a story, and all its text is its own."""
    is_repeated = [line_key(line.text) in repeated for line in lines]
    article = sum(len(line.text) for line, c in zip(lines, content, strict=True) if c)
    copied = sum(len(line.text) for line, c, r in zip(lines, content, is_repeated, strict=True) if c and r)
    if not article or copied > COPY_SHARE * article:
        return content
    kept = [i for i, c in enumerate(content) if c and not is_repeated[i]]
    if not kept:
        return content
    first, last = kept[0], kept[-1]
    return [c and not (r and not first < i < last) for i, (c, r) in enumerate(zip(content, is_repeated, strict=True))]


def _gaps(line: Line, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of `line` outside `pieces`."""
    gaps, start = [], line.start
    for s, e in pieces:
        if s > start:
            gaps.append((start, s))
        start = e
    if line.end > start:
        gaps.append((start, line.end))
    return gaps
