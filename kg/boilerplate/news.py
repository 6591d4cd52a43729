"""Forms of news that settle a line whatever its shape: a clean article's headline, datelines and
results tables stay article text, a byline at the top does not.

A results table ("Oakhurst 4 3 1 0 7 4 10", "1. Nora Quill (Jamaica) 12.71 seconds") or a dateline
("SPRINGDALE 1996-08-30") is short, has no sentence end and few function words: everything that marks a
menu. What tells them apart is their form: a dateline is a place in capitals and a date at the top of
the story; a table is a run of rows that each pair names with numbers, with its section headings
("Division one", "EASTERN DIVISION") between the rows.

>>> from kg.boilerplate.lines import split_lines
>>> news_forms(split_lines("SPRINGDALE 1996-08-30\\nOakhurst 4 3 1\\nMellford 3 3 0\\nDunmore 4 3 0\\n* Home\\n"))
[True, True, True, True, False]
>>> bylines(split_lines("Rebels take the town\\nJane Doe\\nFebruary 11, 2019\\nRebels took it.\\n"))
[False, True, True, False]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.boilerplate.lines import Line

_DATE = (r"(?:\d{4}-\d\d-\d\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}"
         r"(?:,?\s+\d{4})?|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:\s+\d{4})?)")
DATELINE = re.compile(r"^[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][\w.'’ -]{1,40})?\s*(?:\([\w .]+\))?\s*[-–—,]?\s*"
                      + _DATE + r"\s*$", re.IGNORECASE)
NUMBER = re.compile(r"(?<![\w.])[-+]?\d+(?:[.,:/]\d+)*(?![\w])|(?<![\w])\.\d+")
NAME_WORD = re.compile(r"[A-Z][^\W\d_]+")
ANY_DATE = re.compile(r"\b" + _DATE + r"\b|\b(?:1[89]|20)\d\d\b|\b\d{1,2}:\d\d(?:\s*[ap]\.?m\.?)?", re.IGNORECASE)
NOT_A_ROW = re.compile(r"^[*+•·#>-]|[|»›@^\[\]]|https?:|www\.|©")  # bullets, separators, links
_SIDE = r"[A-Z][\w.'’&-]*(?: [A-Z(][\w.'’&()-]*){0,4}"
# a fixture: two sides either side of "v" ("Oakhurst v Mellford", "Postponed: Harlow Rovers v Kestrel County"),
# or a schedule's "AT" in capitals ("OAKHURST AT MELLFORD"); not "Careers at Google"
FIXTURE = re.compile(rf"^(?:[A-Z][\w ]{{0,30}}:\s*)?{_SIDE} (?:v|vs\.?) {_SIDE}$")
CAPITALS_FIXTURE = re.compile(r"^[A-Z][A-Z.'’& -]{1,30} AT [A-Z][A-Z.'’& -]{1,30}$")
RANKED = re.compile(r"^\d{1,3}(?:\.|\s+-)\s+[A-Z]")  # "9. Andersson", "13 - Jens Nyborg"
MIN_FIGURES = 2  # a row pairs a name with two figures or more (a score, a rank and a time)
BARE_NAME = re.compile(r"^(?:[Bb]y\s+)?[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}$")
ONLY_DATE = re.compile(r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?" + _DATE + r"(?:,?\s+\d{4})?"
                       r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?$", re.IGNORECASE)
PROSE_END = re.compile(r"[.!?…][\"”’')]*$")
PROSE_WORDS = 8
MIN_HEADLINE_WORDS, MAX_HEADLINE_WORDS = 2, 25
NOT_A_HEADLINE = re.compile(r"[|»@]|https?:|www\.")
HEAD_LINES = 4  # a dateline stands within the first lines of the story
MIN_ROWS = 3  # a table is this many rows or more
MAX_ROW_WORDS = 20
MAX_GAP = 2  # headings between rows of one table
MAX_HEADING_WORDS = 8  # the line before a table, when this short, is its heading


def news_forms(lines: Sequence[Line]) -> list[bool]:
    """For each line, whether it is a dateline or belongs to a results table."""
    found = [i < HEAD_LINES and bool(DATELINE.match(line.text)) and _starts_in_capitals(line.text)
             for i, line in enumerate(lines)]
    if _opens_with_a_headline(lines):
        found[0] = True
    for start, end in tables(lines):
        heading = start > 0 and len(lines[start - 1].text.split()) <= MAX_HEADING_WORDS
        for i in range(start - heading, end):
            found[i] = True
    return found


def tables(lines: Sequence[Line]) -> list[tuple[int, int]]:
    """(start, end) line indices of each results table: MIN_ROWS rows or more, with at most MAX_GAP
    other lines (its headings) between two rows.

    >>> from kg.boilerplate.lines import split_lines
    >>> tables(split_lines("Results:\\nOakhurst 4 Mellford 3\\nDunmore 1 Tollesbury 1\\nHarlow 0 Kestrel 2\\n"))
    [(1, 4)]
    """
    return _runs([is_row(line.text) for line in lines])


def bylines(lines: Sequence[Line]) -> list[bool]:
    """For each line, whether it is a byline at the top of the story: a bare name ("Jane Doe", "By Jane
    Doe") next to a line that is only a date. Its name is the writer's, not the story's."""
    found = [False] * len(lines)
    for i in range(min(len(lines), 2 * HEAD_LINES)):
        if not BARE_NAME.match(lines[i].text):
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(lines) and ONLY_DATE.match(lines[j].text):
                found[i] = found[j] = True
    return found


def _opens_with_a_headline(lines: Sequence[Line]) -> bool:
    """Whether the text's first line is its headline: headline-like (two to 25 words, no sentence
    end, no separator or link) and followed by the story's prose, with at most a byline or a date
    between (a clean article; a scraped page opens with its site's furniture instead)."""
    if len(lines) < 2 or not _is_headline(lines[0].text):
        return False
    byline = bylines(lines)
    for i in range(1, min(len(lines), 4)):
        text = lines[i].text
        if PROSE_END.search(text) and len(text.split()) >= PROSE_WORDS:
            return True
        if not (byline[i] or ONLY_DATE.match(text) or DATELINE.match(text)):
            return False
    return False


def _is_headline(text: str) -> bool:
    return MIN_HEADLINE_WORDS <= len(text.split()) <= MAX_HEADLINE_WORDS and not PROSE_END.search(text) \
        and not NOT_A_HEADLINE.search(text) and (text[0].isupper() or text[0].isdigit())


def _starts_in_capitals(text: str) -> bool:
    first = text.split(",")[0].split()
    return bool(first) and all(w.isupper() for w in first if any(c.isalpha() for c in w))


def is_row(text: str) -> bool:
    """A name with figures, or a fixture: not a bulleted item, not a date, not a sentence. A time
    counts as a figure after a rank ("9. Andersson 1:34"); elsewhere it is a clock's."""
    if len(text.split()) > MAX_ROW_WORDS or NOT_A_ROW.search(text):
        return False
    if FIXTURE.match(text) or CAPITALS_FIXTURE.match(text):
        return True
    figures = NUMBER.findall(text if RANKED.match(text) else ANY_DATE.sub(" ", text))
    return len(figures) >= MIN_FIGURES and bool(NAME_WORD.search(text)) and not text.endswith(("?", "!"))


def _runs(rows: list[bool]) -> list[tuple[int, int]]:
    """(start, end) of each table: MIN_ROWS rows or more, with at most MAX_GAP other lines between
    two rows (the table's headings)."""
    runs: list[tuple[int, int]] = []
    start = last = None
    count = 0
    for i, is_row in enumerate(rows):
        if not is_row:
            continue
        if last is not None and i - last - 1 <= MAX_GAP:
            count += 1
        else:
            if start is not None and count >= MIN_ROWS:
                runs.append((start, last + 1))
            start, count = i, 1
        last = i
    if start is not None and count >= MIN_ROWS:
        runs.append((start, last + 1))
    return runs
