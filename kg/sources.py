"""Read articles from files, folders and stdin: plain text, HTML and JSON Lines.

>>> from kg.sources import iter_documents
>>> docs = list(iter_documents(["seeds/"], on_error=print))  # doctest: +SKIP

A file that cannot be read as an article is reported through `on_error` as an `InputError` naming the
file and the reason; reading goes on with the next one.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
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
MAX_FILE_BYTES = 64 * 2**20  # an article file (or one JSONL line) larger than this is refused
MAX_STDIN_BYTES = 2**30  # standard input is held in memory: this much at most

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
    """How many articles `paths` hold, counted without parsing them (a JSON Lines file by its
    non-blank lines): None if any is stdin."""
    total = 0
    for path in map(Path, paths):
        if str(path) == STDIN:
            return None
        files = [f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in READABLE] \
            if path.is_dir() else [path]
        total += sum(_lines(f) if f.suffix.lower() in JSONL_SUFFIXES else 1 for f in files)
    return total


def _lines(path: Path) -> int:
    """The non-blank lines of a file (0 if it cannot be read: reading it will report why)."""
    try:
        with open(path, "rb") as lines:
            return sum(1 for line in lines if line.strip())
    except OSError:
        return 0


def _read_path(path: str, on_error: ErrorHandler, html: bool = True) -> Iterator[Document]:
    if path == STDIN:
        try:
            data = _stdin_bytes()
            if len(data) > MAX_STDIN_BYTES:
                raise InputError("<stdin>", f"over {MAX_STDIN_BYTES // 2**30} GiB; save it as a .jsonl file, "
                                            "which kg reads a line at a time")
            yield from _read_bytes("<stdin>", "stdin", data, on_error, html=html)
        except InputError as err:
            on_error(err)
        return
    p = Path(path)
    if p.is_dir():
        for file in _files_under(p, on_error):
            if html or file.suffix.lower() not in HTML_SUFFIXES:
                yield from _read_file(file, file.relative_to(p), on_error)
    elif p.exists() or p.is_symlink():
        if html or p.suffix.lower() not in HTML_SUFFIXES:
            yield from _read_file(p, Path(p.name), on_error)
    else:
        on_error(InputError(path, "no such file or folder"))


def _files_under(folder: Path, on_error: ErrorHandler) -> list[Path]:
    """The article files under `folder`, sorted, hidden ones left out. A subfolder that cannot be
    read is reported, and so is any entry with an article's suffix that is no regular file (a
    dangling link, a FIFO, a device): `_read_file` says which."""
    def unreadable(err: OSError) -> None:
        on_error(InputError(err.filename or str(folder), f"cannot read folder: {err.strerror or err}"))

    found = []
    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root) / name for name in files
                     if not name.startswith(".") and Path(name).suffix.lower() in READABLE)
    return sorted(found)


def _read_file(path: Path, name: Path, on_error: ErrorHandler) -> Iterator[Document]:
    """Read one file; `name` is how the graph records it: its path inside the folder given, so that
    the same input gives the same graph on any machine. The document id is that path without its
    extension (business/001 and sport/001 stay apart)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError(str(path), "not a regular file (a FIFO, a device or a socket)")
        if path.suffix.lower() in JSONL_SUFFIXES:
            yield from _read_jsonl_file(path, name, on_error)
            return
        if info.st_size > MAX_FILE_BYTES:
            raise InputError(str(path), f"too large ({info.st_size / 2**20:,.0f} MiB; an article file may "
                                        f"hold {MAX_FILE_BYTES // 2**20} MiB, a .jsonl file any number of articles)")
        with open(path, "rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise InputError(str(path), f"too large (over {MAX_FILE_BYTES // 2**20} MiB)")
        yield from _read_bytes(name.as_posix(), name.with_suffix("").as_posix(), data, on_error,
                               path.suffix.lower())
    except FileNotFoundError:
        on_error(InputError(str(path), "dangling symbolic link" if path.is_symlink() else "no such file"))
    except OSError as err:
        on_error(InputError(str(path), f"cannot read: {err.strerror or err}"))
    except InputError as err:
        on_error(InputError(str(path), err.reason))


def _read_jsonl_file(path: Path, name: Path, on_error: ErrorHandler) -> Iterator[Document]:
    """The articles of a JSON Lines file, read a line at a time: the file may be of any size, a
    line (one article) of up to MAX_FILE_BYTES."""
    source, stem = name.as_posix(), name.with_suffix("").as_posix()
    with open(path, "rb") as stream:
        for number, raw in enumerate(iter(lambda: stream.readline(MAX_FILE_BYTES + 1), b""), start=1):
            where = f"{path}:{number}"
            if len(raw) > MAX_FILE_BYTES:
                on_error(InputError(where, f"line over {MAX_FILE_BYTES // 2**20} MiB; the rest of the file is skipped"))
                return
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as err:
                on_error(InputError(where, f"not UTF-8 text (invalid byte at column {err.start + 1})"))
                continue
            document = _jsonl_document(f"{source}:{number}", f"{stem}-{number}", line, on_error, where)
            if document is not None:
                yield document


@cache
def _stdin_bytes() -> bytes:
    """Standard input (up to one byte past the limit), read once however often the inputs are read."""
    return sys.stdin.buffer.read(MAX_STDIN_BYTES + 1)


def _read_bytes(source: str, stem: str, data: bytes, on_error: ErrorHandler,
                suffix: str = "", html: bool = True) -> Iterator[Document]:
    """The articles in one file's bytes; raises InputError when the file as a whole is unreadable."""
    text = decode(source, data, html=suffix in HTML_SUFFIXES or not suffix)
    if suffix in JSONL_SUFFIXES or (not suffix and text.lstrip().startswith("{")):
        yield from _read_jsonl(source, stem, text, on_error)
    elif suffix in HTML_SUFFIXES or (not suffix and text.lstrip().startswith("<")):
        if html:
            yield html_document(source, stem, text)
    else:
        yield text_document(source, stem, text)


def decode(source: str, data: bytes, html: bool = False) -> str:
    """The text of a file's bytes, or an InputError saying why it is not an article. UTF-8 (with or
    without a byte-order mark), UTF-16 with its mark, and HTML in the character set it declares."""
    for mark, codec in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                return _without_surrogates(data[len(mark):].decode(codec))
            except UnicodeDecodeError as err:
                raise InputError(source, f"not valid {codec.upper()} text: {err.reason}") from err
    if not data.strip():
        raise InputError(source, "empty file")
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        declared = _declared_charset(data) if html else None
        if declared:
            try:
                return data.decode(declared)
            except UnicodeDecodeError as second:
                raise InputError(source, f"not valid {declared} text, as the page declares") from second
        raise InputError(source, f"not UTF-8 text (invalid byte 0x{data[err.start]:02x} at offset "
                                 f"{err.start}); convert it with iconv -t UTF-8") from err


_BYTE_ORDER_MARKS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                     (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# as browsers do (WHATWG Encoding): pages that say Latin-1 or ASCII are read as windows-1252
_CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
                    "ascii": "cp1252", "windows-1252": "cp1252"}


def _declared_charset(data: bytes) -> str | None:
    """The character set an HTML page declares in its first 4 KiB, if Python knows it."""
    match = _CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    name = _CHARSET_ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _without_surrogates(text: str) -> str:
    """`text` with any lone surrogate (which no UTF-8 writer accepts) replaced by U+FFFD."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace") if _SURROGATE.search(text) else text


_SURROGATE = re.compile("[\ud800-\udfff]")


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
                    date=valid_date(extracted.get("date")) or guess_date(text), url=extracted.get("url"),
                    format="html")


def _read_jsonl(source: str, stem: str, text: str, on_error: ErrorHandler) -> Iterator[Document]:
    for number, line in enumerate(text.split("\n"), start=1):
        document = _jsonl_document(f"{source}:{number}", f"{stem}-{number}", line, on_error)
        if document is not None:
            yield document


MAX_ID_CHARS = 200  # an id names a document in IRIs and file listings


def _jsonl_document(source: str, default_id: str, line: str, on_error: ErrorHandler,
                    where: str | None = None) -> Document | None:
    """The article on one line of JSON Lines, or None (reported at `where`, by default `source`)
    when the line holds none. Fields that are not strings (a number as the title) are left out
    rather than written as given."""
    where = where or source
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        on_error(InputError(where, f"not valid JSON ({err.msg} at column {err.colno})"))
        return None
    except (ValueError, RecursionError) as err:  # a 5,000-digit number, JSON nested 100,000 deep
        on_error(InputError(where, f"not readable JSON ({type(err).__name__}: {str(err)[:80]})"))
        return None
    body = record.get("text") if isinstance(record, dict) else None
    if not isinstance(body, str) or not body.strip():
        on_error(InputError(where, 'no "text" field with the article text'))
        return None
    identifier = record.get("id")
    if isinstance(identifier, bool) or not isinstance(identifier, (str, int, type(None))):
        on_error(InputError(where, '"id" is neither a string nor a whole number'))
        return None
    identifier = _without_surrogates(str(identifier)).strip() if identifier is not None else ""
    if len(identifier) > MAX_ID_CHARS:
        on_error(InputError(where, f'"id" is longer than {MAX_ID_CHARS} characters'))
        return None
    body = _without_surrogates(body)
    title, url = _string_field(record, "title"), _string_field(record, "url")
    return Document(id=identifier or default_id, text=body, source=source, title=title or guess_title(body),
                    date=valid_date(_string_field(record, "date")) or guess_date(body), url=url)


def _string_field(record: dict, name: str) -> str | None:
    value = record.get(name)
    return _without_surrogates(value).strip() or None if isinstance(value, str) else None


def valid_date(value: str | None) -> str | None:
    """The ISO date (YYYY-MM-DD) that `value` starts with, if it is a real date (not 2019-02-30)."""
    match = re.match(r"\s*(\d{4})-(\d\d)-(\d\d)", value or "")
    if not match:
        return None
    try:
        return date(*map(int, match.groups())).isoformat()
    except ValueError:
        return None


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
