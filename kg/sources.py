"""Read articles from files, folders and stdin: plain text, HTML and JSON Lines.

>>> from kg.sources import iter_documents
>>> docs = list(iter_documents(["seeds/"], on_error=print))  # doctest: +SKIP

A file that cannot be read as an article is reported through `on_error` as an `InputError` naming the
file and the reason; reading goes on with the next one.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path

from kg.errors import InputError
from kg.model import Document

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
READABLE = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
STDIN = "-"

ErrorHandler = Callable[[InputError], None]


def iter_documents(paths: Iterable[str | Path], on_error: ErrorHandler,
                   dates: dict[str, str] | None = None, html: bool = True) -> Iterator[Document]:
    """Yield every article under `paths` (files, folders read recursively, or "-" for stdin).
    `dates` dates the articles whose text gives no date: by the path as given, or "*" for all.
    `html=False` passes over HTML files (whose text extraction is the slow part of reading)."""
    seen_ids: set[str] = set()
    dates = dates or {}
    for path in paths:
        default_date = dates.get(str(path), dates.get("*"))
        for doc in _read_path(str(path), on_error, html):
            doc = _with_unique_id(doc, seen_ids)
            if default_date and not doc.date:
                doc = replace(doc, date=default_date)
            seen_ids.add(doc.id)
            yield doc


def count_articles(paths: Iterable[str | Path]) -> int | None:
    """How many articles `paths` hold, when that is known without reading them: None if any is
    stdin or JSON Lines (one article a line)."""
    total = 0
    for path in map(Path, paths):
        if str(path) == STDIN:
            return None
        files = [f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in READABLE] \
            if path.is_dir() else [path]
        if any(f.suffix.lower() in JSONL_SUFFIXES for f in files):
            return None
        total += len(files)
    return total


def _read_path(path: str, on_error: ErrorHandler, html: bool = True) -> Iterator[Document]:
    if path == STDIN:
        try:
            yield from _read_bytes("<stdin>", "stdin", _stdin_bytes(), on_error, html=html)
        except InputError as err:
            on_error(err)
        return
    p = Path(path)
    if p.is_dir():
        files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in READABLE
                       and not any(part.startswith(".") for part in f.relative_to(p).parts))
        for file in files:
            if html or file.suffix.lower() not in HTML_SUFFIXES:
                yield from _read_file(file, file.relative_to(p), on_error)
    elif p.exists():
        if html or p.suffix.lower() not in HTML_SUFFIXES:
            yield from _read_file(p, Path(p.name), on_error)
    else:
        on_error(InputError(path, "no such file or folder"))


def _read_file(path: Path, name: Path, on_error: ErrorHandler) -> Iterator[Document]:
    """Read one file; `name` is how the graph records it: its path inside the folder given, so that
    the same input gives the same graph on any machine. The document id is that path without its
    extension (business/001 and sport/001 stay apart)."""
    try:
        data = path.read_bytes()
    except OSError as err:
        on_error(InputError(str(path), f"cannot read: {err.strerror or err}"))
        return
    try:
        yield from _read_bytes(name.as_posix(), name.with_suffix("").as_posix(), data, on_error,
                               path.suffix.lower())
    except InputError as err:
        on_error(InputError(str(path), err.reason))


@cache
def _stdin_bytes() -> bytes:
    """Standard input, read once however often the inputs are read."""
    return sys.stdin.buffer.read()


def _read_bytes(source: str, stem: str, data: bytes, on_error: ErrorHandler,
                suffix: str = "", html: bool = True) -> Iterator[Document]:
    """The articles in one file's bytes; raises InputError when the file as a whole is unreadable."""
    text = decode(source, data)
    if suffix in JSONL_SUFFIXES or (not suffix and text.lstrip().startswith("{")):
        yield from _read_jsonl(source, stem, text, on_error)
    elif suffix in HTML_SUFFIXES or (not suffix and text.lstrip().startswith("<")):
        if html:
            yield html_document(source, stem, text)
    else:
        yield text_document(source, stem, text)


def decode(source: str, data: bytes) -> str:
    """The text of a file's bytes, or an InputError saying why it is not an article."""
    if not data.strip():
        raise InputError(source, "empty file")
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(source, f"not UTF-8 text (invalid byte 0x{data[err.start]:02x} at offset "
                                 f"{err.start}); convert it with iconv -t UTF-8") from err


def text_document(source: str, stem: str, text: str) -> Document:
    return Document(id=stem, text=text, source=source, title=guess_title(text),
                    date=guess_date(text))


def html_document(source: str, stem: str, html: str) -> Document:
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    result = trafilatura.bare_extraction(html, include_comments=False, include_tables=True,
                                         with_metadata=True)
    extracted = result.as_dict() if result is not None else {}
    text = extracted.get("text") or ""
    if not text.strip():
        raise InputError(source, "no article text found in the HTML")
    return Document(id=stem, text=text, source=source,
                    title=extracted.get("title") or guess_title(text),
                    date=extracted.get("date") or guess_date(text), url=extracted.get("url"), format="html")


def _read_jsonl(source: str, stem: str, text: str, on_error: ErrorHandler) -> Iterator[Document]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            on_error(InputError(where, f"not valid JSON ({err.msg} at column {err.colno})"))
            continue
        body = record.get("text") if isinstance(record, dict) else None
        if not isinstance(body, str) or not body.strip():
            on_error(InputError(where, 'no "text" field with the article text'))
            continue
        yield Document(id=str(record.get("id") or f"{stem}-{number}"), text=body, source=where,
                       title=record.get("title") or guess_title(body),
                       date=_str_or_none(record.get("date")) or guess_date(body),
                       url=record.get("url"))


def _str_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def _with_unique_id(doc: Document, seen: set[str]) -> Document:
    if doc.id not in seen:
        return doc
    n = 2
    while f"{doc.id}~{n}" in seen:
        n += 1
    return replace(doc, id=f"{doc.id}~{n}")


MONTHS = "january february march april may june july august september october november december".split()
_MONTH = r"\b(?P<month>" + "|".join(f"{m[:3].capitalize()}(?:{m[3:]}|\\.)?" for m in MONTHS) + ")"
_DATE_PATTERNS = (
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(_MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<day>[0-3]?\d)\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b"),
)
HEAD_LINES = 6  # a dateline or title stands in the first few lines of a scraped page


def guess_date(text: str) -> str | None:
    """The ISO date of a dateline in the first lines of `text`, if one is there."""
    head = "\n".join(text.strip().splitlines()[:HEAD_LINES])
    for pattern in _DATE_PATTERNS:
        match = pattern.search(head)
        if match:
            fields = match.groupdict()
            month = int(fields["mnum"]) if fields.get("mnum") else \
                MONTHS.index(next(m for m in MONTHS if m.startswith(fields["month"][:3].lower()))) + 1
            try:
                return date(int(fields["year"]), month, int(fields["day"])).isoformat()
            except ValueError:
                continue
    return None


def guess_title(text: str) -> str | None:
    """The first headline-like line: 4 to 25 words, no sentence end, not a byline or dateline."""
    for line in text.strip().splitlines()[:HEAD_LINES * 2]:
        line = line.strip()
        words = line.split()
        if (4 <= len(words) <= 25 and line[-1] not in ".:;)\"”" and "|" not in line
                and not line.lower().startswith(("by ", "published", "updated"))
                and not any(p.search(line) for p in _DATE_PATTERNS)):
            return line
    return None
