"""An on-disk cache of per-document results, so that a rebuild redoes only what changed.

A result is keyed by everything it depends on: the document (id, source, text, title, date, url,
format and its lines the input repeats), the spaCy pipeline (name, its package version, spaCy's
version), kg's code and the ontology data (a hash of its files and of the overrides in use). A
changed article, model, pattern file or override therefore misses the cache by itself.

The cache is one SQLite file that holds plain data only: each result as compressed JSON with its
SHA-256, so a damaged or planted row is a miss, never code run. Results are committed as they come
(every few seconds), so an interrupted build keeps what it did; two builds sharing the file wait for
each other's writes. A cache that cannot be written (a full or read-only disk, a locked file) is a
warning, not a failed build: only the main process reads and writes it.

>>> cache = ResultCache("~/.cache/kg/results.sqlite", signature="...")  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
import zlib
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from kg.model import DocResult, Document, result_from_data, result_to_data

DEFAULT_DIR = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "kg"
TABLE = "results_json_v1"  # a cache of another layout keeps its own table, untouched
COMMIT_SECONDS = 2.0
LOCK_TIMEOUT = 60.0  # seconds to wait for another build's write


def pipeline_signature(model: str, ontology_version: str) -> str:
    """What, besides the document, a result depends on: kg's code (a hash of its source, so that
    an edited rule invalidates results even without a new version number), spaCy, the model and
    the ontology data."""
    import spacy

    try:
        model_version = metadata.version(model.replace("_", "-"))
    except metadata.PackageNotFoundError:
        model_version = "unpackaged"
    return f"kg {code_version()}; spacy {spacy.__version__}; {model} {model_version}; ontology {ontology_version}"


def code_version() -> str:
    """A hash of kg's own Python source."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class ResultCache:
    """DocResults stored by key in one SQLite file. `on_warning` hears, once, why the cache stopped
    being used; the build goes on without it."""

    def __init__(self, path: str | Path, signature: str, on_warning: Callable[[str], None] | None = None):
        self.path = Path(path).expanduser()
        self.signature = signature
        self.on_warning = on_warning or (lambda message: None)
        self.hits = self.misses = 0
        self.db: sqlite3.Connection | None = None
        self._last_commit = time.monotonic()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=LOCK_TIMEOUT)
            self.db.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} "
                            "(key TEXT PRIMARY KEY, sha256 TEXT NOT NULL, result BLOB NOT NULL)")
            self.db.commit()
        except (OSError, sqlite3.Error) as err:
            if self.db is not None:
                self.db.close()
            self.db = None
            self.on_warning(f"{self.path}: cannot open the cache ({err}); going on without it (give --cache FILE "
                            "or --no-cache)")

    def key(self, doc: Document) -> str:
        fields = (self.signature, doc.id, doc.source, doc.sha256, doc.title, doc.date, doc.url, doc.format,
                  sorted(doc.repeated))
        return hashlib.sha256(repr(fields).encode("utf-8")).hexdigest()

    def get(self, doc: Document) -> DocResult | None:
        """The cached result of `doc`, or None: not there, or a row that is not what kg wrote."""
        if self.db is None:
            return None
        try:
            row = self.db.execute(f"SELECT sha256, result FROM {TABLE} WHERE key = ?", (self.key(doc),)).fetchone()
        except sqlite3.Error as err:
            self._give_up(f"cannot read it ({err})")
            return None
        result = _decoded(row) if row else None
        if result is None:
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, doc: Document, result: DocResult) -> None:
        if self.db is None:
            return
        blob = zlib.compress(json.dumps(result_to_data(result), ensure_ascii=False).encode("utf-8", "surrogatepass"))
        try:
            self.db.execute(f"INSERT OR REPLACE INTO {TABLE} VALUES (?, ?, ?)",
                            (self.key(doc), hashlib.sha256(blob).hexdigest(), blob))
            if time.monotonic() - self._last_commit > COMMIT_SECONDS:
                self.db.commit()
                self._last_commit = time.monotonic()
        except sqlite3.Error as err:
            self._give_up(f"cannot write it ({err})")

    def close(self) -> None:
        if self.db is None:
            return
        try:
            self.db.commit()
        except sqlite3.Error as err:
            self.on_warning(f"{self.path}: the cache could not be saved ({err}); the build is not affected")
        finally:
            self.db.close()
            self.db = None

    def _give_up(self, reason: str) -> None:
        self.on_warning(f"{self.path}: {reason}; going on without the cache")
        try:
            self.db.rollback()
            self.db.close()
        except sqlite3.Error:
            pass
        self.db = None


def _decoded(row: tuple) -> DocResult | None:
    checksum, blob = row
    if not isinstance(blob, bytes) or hashlib.sha256(blob).hexdigest() != checksum:
        return None
    try:
        return result_from_data(json.loads(zlib.decompress(blob).decode("utf-8", "surrogatepass")))
    except (zlib.error, ValueError, KeyError, TypeError):
        return None
