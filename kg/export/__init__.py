"""Output formats, registered by name, each written atomically (temporary file, then rename).

>>> from kg.export import FORMATS
>>> FORMATS["ttl"].filename
'graph.ttl'
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib
import json
import os
import signal
import tempfile
import threading
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from kg.errors import FormatError
from kg.model import KnowledgeGraph

Writer = Callable[[KnowledgeGraph, TextIO, "str | None"], None]


@dataclass(frozen=True)
class Format:
    name: str
    module: str  # imported when first used
    function: str
    filename: str
    aliases: tuple[str, ...] = ()

    def writer(self) -> Writer:
        return getattr(importlib.import_module(self.module), self.function)


_REGISTERED = (
    Format("turtle", "kg.export.turtle", "write_turtle", "graph.ttl", ("ttl", "text/turtle")),
    Format("ntriples", "kg.export.ntriples", "write_ntriples", "graph.nt",
           ("nt", "n-triples", "application/n-triples")),
    Format("nquads", "kg.export.nquads", "write_nquads", "graph.nq", ("nq", "n-quads", "application/n-quads")),
    Format("trig", "kg.export.trig", "write_trig", "graph.trig", ("application/trig",)),
    Format("jsonld", "kg.export.jsonld", "write_jsonld", "graph.jsonld", ("json-ld", "application/ld+json")),
    Format("graphml", "kg.export.graphml", "write_graphml", "graph.graphml", ("application/graphml+xml",)),
    Format("gexf", "kg.export.gexf", "write_gexf", "graph.gexf"),
    Format("mentions", "kg.export.mentions", "write_mentions", "mentions.jsonl", ("jsonl",)),
    Format("resolution", "kg.export.resolution", "write_resolution", "resolution.jsonl"),
    Format("text", "kg.export.text", "write_text", "text.jsonl"),
)
FORMATS: dict[str, Format] = {name: f for f in _REGISTERED for name in (f.name, *f.aliases)}
DEFAULT_FORMATS = ("turtle", "graphml", "mentions", "resolution")


def get_format(name: str) -> Format:
    try:
        return FORMATS[name.lower()]
    except KeyError:
        valid = ", ".join(f.name for f in _REGISTERED)
        raise FormatError(f"unknown output format {name!r}; choose from {valid}") from None


def write(graph: KnowledgeGraph, path: str | Path, format: str, base: str | None = None) -> Path:
    """Write `graph` to `path` in `format`, atomically: readers see the old file or the new one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _stage_graph(graph, path, format, base)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


MANIFEST = "manifest.json"


def write_all(graph: KnowledgeGraph, directory: str | Path, formats: tuple[str, ...] = DEFAULT_FORMATS,
              base: str | None = None) -> list[Path]:
    """Write `graph` into `directory` once per format, under each format's file name, as one set:
    every file is written to a temporary file first, and only when all are complete are they
    renamed into place, under a lock (two builds into one folder take turns) and with Ctrl-C held
    back, so the folder holds the old set or the new one, never a mix. `manifest.json` then lists
    the set's files with their SHA-256."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    try:
        for name in formats:
            path = directory / get_format(name).filename
            staged.append((_stage_graph(graph, path, name, base), path))
        manifest = json.dumps({"files": {path.name: _sha256(tmp) for tmp, path in staged}}, indent=1, sort_keys=True)
        staged.append((_stage(directory / MANIFEST, lambda stream: stream.write(manifest + "\n")),
                       directory / MANIFEST))
        with _folder_lock(directory), _interrupts_held():
            for tmp, path in staged:
                os.replace(tmp, path)
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
    return [path for _, path in staged[:-1]]


def _stage_graph(graph: KnowledgeGraph, path: Path, format: str, base: str | None) -> Path:
    """`graph` written in `format` to a new temporary file beside `path`."""
    writer = get_format(format).writer()
    return _stage(path, lambda stream: writer(graph, stream, base))


def _stage(path: Path, write: Callable[[TextIO], object]) -> Path:
    """A new temporary file beside `path` that `write` filled, flushed to disk."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes the file private; outputs are ordinary files
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@contextmanager
def _folder_lock(directory: Path):
    """An exclusive lock on the output folder itself (no lock file left behind), waited for."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


@contextmanager
def _interrupts_held():
    """SIGINT and SIGTERM held back (in the main thread) until the block ends."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
