"""An embedded, on-disk triple store (Oxigraph) to load graphs into and query with SPARQL.

A load is one transaction: the files go into a copy of the store, which takes its place only when
every file has loaded, so a broken file leaves the store as it was. RDF/XML that declares XML
entities is refused (they can grow a small file into gigabytes), and so are federated queries
(SERVICE): kg query reads the local store only. Query results stream.

>>> from kg.store import load, query
>>> load(["exports/graph.ttl"], "db")  # doctest: +SKIP
1234
>>> columns, rows = query("db", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import KGError

FORMATS = {".ttl": "TURTLE", ".nt": "N_TRIPLES", ".nq": "N_QUADS", ".trig": "TRIG", ".jsonld": "JSON_LD",
           ".rdf": "RDF_XML", ".owl": "RDF_XML"}
TABLE_SAMPLE = 1000  # rows read before a table's column widths are fixed


class StoreError(KGError):
    """The store cannot be opened, a file cannot be loaded, or a query is not valid SPARQL."""


def open_store(directory: str | Path, create: bool = False):
    """The Oxigraph store in `directory`. Only `create` makes one, and only in a missing or empty
    folder: kg never writes a database into a folder of other files."""
    import pyoxigraph

    directory = Path(directory)
    if not is_store(directory):
        if not create:
            raise StoreError(f"{directory}: no store here; load a graph first (kg load graph.ttl --store {directory})")
        if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
            raise StoreError(f"{directory}: not a kg store, and not an empty folder; give another --store")
    try:
        return pyoxigraph.Store(str(directory))
    except OSError as err:
        raise StoreError(f"{directory}: cannot open the store ({err}); is another kg process using it?") from err


def is_store(directory: Path) -> bool:
    """Whether `directory` holds an Oxigraph (RocksDB) store."""
    return (directory / "CURRENT").is_file() and any(directory.glob("OPTIONS-*"))


def load(files: Iterable[str | Path], directory: str | Path, replace: bool = False) -> int:
    """Load RDF files into the store at `directory` (created if missing; `replace` empties it
    first) as one transaction. Returns the number of triples the store then holds."""
    import pyoxigraph

    files = [Path(f) for f in files]
    for file in files:
        _check_loadable(file)
    directory = Path(directory)
    existing = open_store(directory, create=True)
    directory.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=directory.parent))
    copy = work / "store"
    try:
        if not replace:
            existing.backup(str(copy))
        del existing  # closed: its folder is about to be swapped
        target = pyoxigraph.Store(str(copy))
        for file in files:
            try:
                target.bulk_load(path=str(file), format=getattr(pyoxigraph.RdfFormat, FORMATS[file.suffix.lower()]))
            except (OSError, SyntaxError, ValueError) as err:
                raise StoreError(f"{file}: cannot load ({err}); the store is unchanged") from err
        target.flush()
        count = len(target)
        del target
        _swap(copy, directory, work)
        return count
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _check_loadable(file: Path) -> None:
    fmt = FORMATS.get(file.suffix.lower())
    if fmt is None:
        raise StoreError(f"{file}: unknown RDF format; use one of {', '.join(sorted(FORMATS))}; the store is unchanged")
    if not file.is_file():
        raise StoreError(f"{file}: no such file; the store is unchanged")
    if fmt == "RDF_XML":
        with open(file, "rb") as stream:
            head = stream.read(1 << 20)
        if re.search(rb"<!ENTITY", head, re.IGNORECASE):
            raise StoreError(f"{file}: declares XML entities, which kg does not expand (an entity can grow a "
                             "small file into gigabytes); the store is unchanged")


def _swap(new: Path, directory: Path, work: Path) -> None:
    """`new` in the place of `directory`; the old store is removed (with `work`) only once the new
    one is there."""
    old = work / "old"
    if directory.exists():
        os.replace(directory, old)
    try:
        os.replace(new, directory)
    except OSError:
        if old.exists():
            os.replace(old, directory)
        raise


# IRIs, strings and comments, which may hold the word SERVICE without calling a service
_NOT_KEYWORDS = re.compile(r'<[^<>\s]*>|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"'
                           r"|'(?:[^'\\\n]|\\.)*'|#[^\n]*")


def check_query(sparql: str) -> None:
    """Refuse what a query of the local store should not do: call other endpoints."""
    if re.search(r"\bSERVICE\b", _NOT_KEYWORDS.sub(" ", sparql), re.IGNORECASE):
        raise StoreError("SERVICE (a federated query to another endpoint) is not allowed: kg query reads the "
                         "local store only")


def query(directory: str | Path, sparql: str) -> tuple[list[str], Iterator[list[str | None]]]:
    """Run a SPARQL query; SELECT gives its variables and an iterator of rows of values (None where
    unbound), ASK one boolean row, CONSTRUCT/DESCRIBE subject-predicate-object rows. Rows are read
    from the store as they are consumed."""
    import pyoxigraph

    check_query(sparql)
    store = open_store(directory)
    try:
        result = store.query(sparql)
    except SyntaxError as err:
        raise StoreError(f"the query is not valid SPARQL: {err}") from err
    if isinstance(result, pyoxigraph.QueryBoolean):
        return ["result"], iter([[str(bool(result)).lower()]])
    if isinstance(result, pyoxigraph.QueryTriples):
        return ["subject", "predicate", "object"], ([_value(t.subject), _value(t.predicate), _value(t.object)]
                                                   for t in result)
    columns = [v.value for v in result.variables]
    return columns, ([_value(solution[c]) for c in columns] for solution in result)


def _value(term) -> str | None:
    return None if term is None else term.value


def format_rows(columns: list[str], rows: Iterable[list[str | None]], fmt: str) -> Iterator[str]:
    """The result as lines of text: an aligned table, CSV, or JSON (a list of objects), made as the
    rows come, so a large result prints from its first rows."""
    rows = iter(rows)
    if fmt == "json":
        yield from _json_lines(columns, rows)
    elif fmt == "csv":
        yield from _csv_lines(columns, rows)
    else:
        yield from _table_lines(columns, rows)


def _json_lines(columns: list[str], rows: Iterator[list[str | None]]) -> Iterator[str]:
    yield "["
    for i, row in enumerate(rows):
        yield ("," if i else "") + json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False)
    yield "]"


def _csv_lines(columns: list[str], rows: Iterator[list[str | None]]) -> Iterator[str]:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in itertools.chain([columns], (["" if v is None else v for v in row] for row in rows)):
        out.seek(0)
        out.truncate()
        writer.writerow(row)
        yield out.getvalue().rstrip("\n")


def _table_lines(columns: list[str], rows: Iterator[list[str | None]]) -> Iterator[str]:
    """Columns as wide as their widest cell among the first TABLE_SAMPLE rows."""
    sample = [_cells(row) for row in itertools.islice(rows, TABLE_SAMPLE)]
    widths = [max([len(c)] + [len(r[i]) for r in sample]) for i, c in enumerate(columns)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    yield line(columns)
    yield "  ".join("-" * w for w in widths)
    count = 0
    for cells in itertools.chain(sample, (_cells(row) for row in rows)):
        count += 1
        yield line(cells)
    yield f"({count} rows)"


def _cells(row: list[str | None]) -> list[str]:
    return ["" if v is None else v.replace("\n", " ") for v in row]
