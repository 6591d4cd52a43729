"""Output formats, registered by name, each written atomically (temporary file, then rename).

>>> from kg.export import FORMATS
>>> FORMATS["ttl"].filename
'graph.ttl'
"""

from __future__ import annotations

import importlib
import os
import tempfile
from collections.abc import Callable
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
    writer = get_format(format).writer()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            writer(graph, stream, base)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes the file private; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_all(graph: KnowledgeGraph, directory: str | Path, formats: tuple[str, ...] = DEFAULT_FORMATS,
              base: str | None = None) -> list[Path]:
    """Write `graph` into `directory` once per format, under each format's file name."""
    return [write(graph, Path(directory) / get_format(f).filename, f, base) for f in formats]
