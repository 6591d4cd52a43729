"""An on-disk cache of per-document results, so that a rebuild redoes only what changed.

A result is keyed by everything it depends on: the document (id, source, text, title, date, url),
the spaCy pipeline (name, its package version, spaCy's version), kg's version and the version of the
ontology data (a hash of its files). A changed article, model or pattern file therefore misses the
cache by itself. The cache is one SQLite file; only the main process reads and writes it.

>>> cache = ResultCache("~/.cache/kg/results.sqlite", signature="...")  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
from importlib import metadata
from pathlib import Path

from kg.errors import KGError
from kg.model import DocResult, Document

DEFAULT_DIR = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "kg"


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
    """DocResults stored by key in one SQLite file."""

    def __init__(self, path: str | Path, signature: str):
        self.path = Path(path).expanduser()
        self.signature = signature
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path)
            self.db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, result BLOB NOT NULL)")
        except (OSError, sqlite3.Error) as err:
            raise KGError(f"{self.path}: cannot open the cache ({err}); give --cache FILE or --no-cache") from err
        self.hits = self.misses = 0

    def key(self, doc: Document) -> str:
        fields = (self.signature, doc.id, doc.source, doc.sha256, doc.title, doc.date, doc.url, doc.format,
                  sorted(doc.repeated))
        return hashlib.sha256(repr(fields).encode("utf-8")).hexdigest()

    def get(self, doc: Document) -> DocResult | None:
        row = self.db.execute("SELECT result FROM results WHERE key = ?", (self.key(doc),)).fetchone()
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        return pickle.loads(row[0])

    def put(self, doc: Document, result: DocResult) -> None:
        self.db.execute("INSERT OR REPLACE INTO results VALUES (?, ?)",
                        (self.key(doc), pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)))

    def close(self) -> None:
        self.db.commit()
        self.db.close()
