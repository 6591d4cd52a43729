"""An embedded, on-disk triple store (Oxigraph) to load graphs into and query with SPARQL.

>>> from kg.store import load, query
>>> load(["exports/graph.ttl"], "db")  # doctest: +SKIP
1234
>>> columns, rows = query("db", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path

from kg.errors import KGError

FORMATS = {".ttl": "TURTLE", ".nt": "N_TRIPLES", ".nq": "N_QUADS", ".trig": "TRIG", ".jsonld": "JSON_LD",
           ".rdf": "RDF_XML", ".owl": "RDF_XML"}


class StoreError(KGError):
    """The store cannot be opened, a file cannot be loaded, or a query is not valid SPARQL."""


def open_store(directory: str | Path):
    import pyoxigraph

    try:
        return pyoxigraph.Store(str(directory))
    except OSError as err:
        raise StoreError(f"{directory}: cannot open the store ({err}); is another kg process using it?") from err


def load(files: Iterable[str | Path], directory: str | Path, replace: bool = False) -> int:
    """Bulk-load RDF files into the store at `directory` (created if missing); `replace` empties
    it first. Returns the number of triples the store then holds."""
    import pyoxigraph

    store = open_store(directory)
    if replace:
        store.clear()
    for file in map(Path, files):
        fmt = FORMATS.get(file.suffix.lower())
        if fmt is None:
            raise StoreError(f"{file}: unknown RDF format; use one of {', '.join(sorted(FORMATS))}")
        try:
            store.bulk_load(path=str(file), format=getattr(pyoxigraph.RdfFormat, fmt))
        except (OSError, SyntaxError, ValueError) as err:
            raise StoreError(f"{file}: cannot load ({err})") from err
    store.flush()
    return len(store)


def query(directory: str | Path, sparql: str) -> tuple[list[str], list[list[str | None]]]:
    """Run a SPARQL query; SELECT gives its variables and rows of values (None where unbound),
    ASK one boolean row, CONSTRUCT/DESCRIBE subject-predicate-object rows."""
    import pyoxigraph

    if not Path(directory).exists():
        raise StoreError(f"{directory}: no store here; load a graph first (kg load graph.ttl --store {directory})")
    store = open_store(directory)
    try:
        result = store.query(sparql)
    except SyntaxError as err:
        raise StoreError(f"the query is not valid SPARQL: {err}") from err
    if isinstance(result, pyoxigraph.QueryBoolean):
        return ["result"], [[str(bool(result)).lower()]]
    if isinstance(result, pyoxigraph.QueryTriples):
        return ["subject", "predicate", "object"], [[_value(t.subject), _value(t.predicate), _value(t.object)]
                                                   for t in result]
    columns = [v.value for v in result.variables]
    return columns, [[_value(solution[c]) for c in columns] for solution in result]


def _value(term) -> str | None:
    return None if term is None else term.value


def format_rows(columns: list[str], rows: list[list[str | None]], fmt: str) -> str:
    """Rows as an aligned text table, CSV, or JSON (a list of objects)."""
    if fmt == "json":
        return json.dumps([dict(zip(columns, row, strict=True)) for row in rows], ensure_ascii=False, indent=1)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([["" if v is None else v for v in row] for row in rows])
        return out.getvalue().rstrip("\n")
    cells = [columns] + [["" if v is None else v.replace("\n", " ") for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(columns))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join([*lines, f"({len(rows)} rows)"])
