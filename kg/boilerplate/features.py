"""The signals that tell a line of an article from page furniture, as numbers for the model.

A line is described by what it looks like (jusText's signals: length, stop-word density, sentence-final
punctuation, capitalised words, bullets and separators, link-like text, words addressed to the reader,
furniture phrases), by its indentation against that of the page's prose, and by its neighbourhood: how
far it stands from the nearest line that reads like prose, and how much prose lies before and after
it. Nothing here names a site or a page.

>>> from kg.boilerplate.lines import split_lines
>>> text = "Home\\nThe army said on Monday it had left the town.\\n"
>>> rows = line_features(text, split_lines(text), Phrases([], []))
>>> len(rows) == 2 and len(rows[0]) == len(FEATURES)
True
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from kg.boilerplate.lines import Line

WORD = re.compile(r"[^\W\d_][\w'’.-]*")
SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")
BULLET = re.compile(r"^(?:[*•·‣▪►>+#–—-]|o\s|\d{1,2}[.)]\s)")
SEPARATOR = re.compile(r"[|»›•·→←/]|\s-\s")
LINK_LIKE = re.compile(r"https?:|www\.|\.(?:com|org|net|html?|php|jpe?g|png|gif|svg)\b|@\w|#\w|\w=\w",
                       re.IGNORECASE)
WEB_BULLET = re.compile(r"^(?:[*+•·‣▪►]|o\s)")
BRACKETED = re.compile(r"^(?:\[[^\]]*\]|\([A-Z ]+\)|[A-Z]+:)")  # [image alt], (BUTTON), IFRAME:
DATE_LIKE = re.compile(r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}:\d\d\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
                       r"[a-z]*\.? \d{1,2}\b|\b\d+ (?:minutes?|hours?|days?|weeks?) ago\b", re.IGNORECASE)
QUOTE = re.compile(r"[\"“”]")
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
READER_WORDS = frozenset("we us our ours ourselves you your yours yourself yourselves".split())
COPYRIGHT = re.compile(r"©|\(c\)|copyright|all rights reserved", re.IGNORECASE)
PROSE_WORDS = 8  # a line of prose: this many words, a sentence end and some function words
PROSE_STOP_DENSITY = 0.2
NEAR = 3  # the neighbourhood a line's context is read from, in lines each side
FAR = 10  # distances to prose are counted up to this many lines


@dataclass(frozen=True)
class Phrases:
    """Furniture phrases (boilerplate.json): a signal among many, read at the start of short lines."""

    footer: Sequence[re.Pattern]
    line: Sequence[re.Pattern]
    max_words: int = 12

    @classmethod
    def from_data(cls, data: dict) -> Phrases:
        """From boilerplate.json's "footer" and "line" lists of regular expressions."""
        def compiled(key: str) -> tuple[re.Pattern, ...]:
            return (re.compile("|".join(f"(?:{pattern})" for pattern in data[key]), re.IGNORECASE),)

        return cls(compiled("footer"), compiled("line"), int(data["max_marker_words"]))

    def match(self, text: str, words: int) -> tuple[bool, bool]:
        if words > self.max_words:
            return False, False
        stripped = text.strip(" \t*#>-–—•·|:")
        return any(p.match(stripped) for p in self.footer), any(p.match(stripped) for p in self.line)


OWN = ("words", "chars", "stop_density", "sentence_end", "ends_colon", "capital_share", "all_caps",
       "digit_share", "alpha_share", "bullet", "separators", "link_like", "footer_phrase", "line_phrase",
       "separator_density", "reader_density", "copyright", "date_like", "comma_density", "mean_word_length",
       "quote", "bracketed", "prose")
NEIGHBOURS = ("words", "stop_density", "sentence_end", "bullet", "capital_share", "prose")  # read off the lines
# just before and after
CONTEXT = ("position", "prose_before", "prose_after", "prose_near", "distance_prev_prose", "distance_next_prose",
           "doc_prose_share", "doc_short_share", "after_footer_heading", "block_lines", "block_prose_share",
           "block_bullet_share", "first_in_block", "words_to_doc_prose", "bullet_run", "in_main_text",
           "distance_to_main_text", "bullet_outside_main_text", "prose_indent", "deeper_than_prose")
FEATURES = OWN + CONTEXT + tuple(f"{side}_{name}" for side in ("prev", "next") for name in NEIGHBOURS)


def own_features(text: str, phrases: Phrases) -> list[float]:
    """What one line looks like, in the order of `OWN`."""
    words = WORD.findall(text)
    n = len(words)
    letters = sum(c.isalpha() for c in text)
    visible = max(1, sum(not c.isspace() for c in text))
    stop = sum(w.lower() in STOP_WORDS for w in words)
    unquoted = WORD.findall(QUOTED.sub(" ", text))
    reader = sum(w.lower() in READER_WORDS for w in unquoted)
    footer, line = phrases.match(text, n)
    sentence_end = bool(SENTENCE_END.search(text))
    stop_density = stop / n if n else 0.0
    return [
        math.log1p(n),
        math.log1p(len(text)),
        stop_density,
        float(sentence_end),
        float(text.endswith(":")),
        sum(w[0].isupper() for w in words) / n if n else 0.0,
        float(letters >= 2 and text.upper() == text),
        sum(c.isdigit() for c in text) / visible,
        letters / visible,
        float(bool(BULLET.match(text))),
        min(len(SEPARATOR.findall(text)), 3) / 3,
        float(bool(LINK_LIKE.search(text))),
        float(footer),
        float(line),
        len(SEPARATOR.findall(text)) / n if n else 0.0,
        reader / len(unquoted) if unquoted else 0.0,
        float(bool(COPYRIGHT.search(text))),
        float(bool(DATE_LIKE.search(text))),
        text.count(",") / n if n else 0.0,
        math.log1p(sum(map(len, words)) / n) if n else 0.0,
        float(bool(QUOTE.search(text))),
        float(bool(BRACKETED.match(text))),
        float(n >= PROSE_WORDS and sentence_end and stop_density >= PROSE_STOP_DENSITY),
    ]


PROSE = OWN.index("prose")
FOOTER = OWN.index("footer_phrase")
BULLET_INDEX = OWN.index("bullet")
STORY_TOLD = 0.5
WORDS = OWN.index("words")


def line_features(text: str, lines: Sequence[Line], phrases: Phrases) -> list[list[float]]:
    """One row of `FEATURES` per line of `text`: its own signals, then its neighbourhood's."""
    own = [own_features(line.text, phrases) for line in lines]
    prose = [row[PROSE] for row in own]
    chars = [len(line.text) for line in lines]
    prose_chars = [c * p for c, p in zip(chars, prose, strict=True)]
    before = _running(prose_chars)
    total_prose = max(1.0, sum(prose_chars))
    prev_prose, next_prose = _distances(prose)
    doc = [sum(prose_chars) / max(1, sum(chars)), sum(row[WORDS] < math.log1p(4) for row in own) / max(1, len(own))]
    prose_words = [row[WORDS] for row in own if row[PROSE]]
    typical_words = sorted(prose_words)[len(prose_words) // 2] if prose_words else math.log1p(PROSE_WORDS)
    blocks = _blocks(text, lines)
    bullet_runs = _run_lengths([row[BULLET_INDEX] > 0 for row in own])
    main_start, main_end = _main_text(own)
    # a browser's text dump indents paragraphs by one step, list items and menus deeper, headings not
    indents = [line.start - text.rfind("\n", 0, line.start) - 1 for line in lines]
    prose_indents = sorted(d for d, p in zip(indents, prose, strict=True) if p)
    prose_indent = prose_indents[len(prose_indents) // 2] if prose_indents else 0
    neighbour = [OWN.index(name) for name in NEIGHBOURS]
    empty = [0.0] * len(NEIGHBOURS)
    rows = []
    after_footer = False
    for i, row in enumerate(own):
        near = prose[max(0, i - NEAR):i] + prose[i + 1:i + 1 + NEAR]
        block = blocks[i]
        rows.append(row + [
            i / max(1, len(lines) - 1),
            before[i] / total_prose,
            (total_prose - before[i] - prose_chars[i]) / total_prose,
            sum(near) / len(near) if near else 0.0,
            math.log1p(prev_prose[i]),
            math.log1p(next_prose[i]),
            *doc,
            float(after_footer),
            math.log1p(len(block)),
            sum(prose[j] for j in block) / len(block),
            sum(own[j][BULLET_INDEX] for j in block) / len(block),
            float(block[0] == i),
            row[WORDS] - typical_words,
            math.log1p(bullet_runs[i]),
            float(main_start <= i < main_end),
            math.log1p(max(main_start - i, i - main_end + 1, 0)),
            # a web page's list (of links) beside the story; a dash list is a plain-text article's own
            float(bool(WEB_BULLET.match(lines[i].text)) and not main_start <= i < main_end),
            float(indents[i] == prose_indent),
            float(indents[i] > prose_indent),
        ] + ([own[i - 1][k] for k in neighbour] if i > 0 else empty)
          + ([own[i + 1][k] for k in neighbour] if i + 1 < len(own) else empty))
        # a footer heading ("About us", "Related") once most of the prose is told ends the story
        after_footer = after_footer or (row[FOOTER] > 0 and before[i] >= STORY_TOLD * total_prose)
    return rows


def _main_text(own: Sequence[Sequence[float]]) -> tuple[int, int]:
    """(start, end) of the run of lines with the most words of prose less words of the rest: the
    page's main text, as Body Text Extraction (Finn et al. 2001) finds it."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, row in enumerate(own):
        words = math.expm1(row[WORDS])
        total += words if row[PROSE] else -words
        if total <= 0:
            total, start = 0.0, i + 1
        elif total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def _run_lengths(flags: Sequence[bool]) -> list[int]:
    """For each position, the length of the run of set flags it belongs to (0 when not set)."""
    lengths = [0] * len(flags)
    i = 0
    while i < len(flags):
        if not flags[i]:
            i += 1
            continue
        j = i
        while j < len(flags) and flags[j]:
            j += 1
        lengths[i:j] = [j - i] * (j - i)
        i = j
    return lengths


def _blocks(text: str, lines: Sequence[Line]) -> list[range]:
    """For each line, the indices of its block: the run of lines between blank lines."""
    blocks: list[range] = []
    first = 0
    for i in range(1, len(lines) + 1):
        if i == len(lines) or text.count("\n", lines[i - 1].end, lines[i].start) > 1:
            blocks.extend([range(first, i)] * (i - first))
            first = i
    return blocks


def _running(values: Sequence[float]) -> list[float]:
    """The sum of the values before each position."""
    sums, total = [], 0.0
    for value in values:
        sums.append(total)
        total += value
    return sums


def _distances(flags: Sequence[float]) -> tuple[list[int], list[int]]:
    """For each position, how many lines back and ahead the nearest flagged line is (up to FAR)."""
    n = len(flags)
    back, ahead = [FAR] * n, [FAR] * n
    last = None
    for i in range(n):
        if last is not None:
            back[i] = min(FAR, i - last)
        if flags[i]:
            last = i
    last = None
    for i in range(n - 1, -1, -1):
        if last is not None:
            ahead[i] = min(FAR, last - i)
        if flags[i]:
            last = i
    return back, ahead
