"""The `kg` command: a thin layer over the library (`kg.build`, `kg.write_all`)."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from kg import store
from kg.cache import DEFAULT_DIR
from kg.errors import InputError, KGError
from kg.export import DEFAULT_FORMATS, FORMATS, get_format, write_all
from kg.export.rdf import DEFAULT_BASE, Namespaces
from kg.export.resolution import read_known_entities, read_resolution
from kg.names import name_key
from kg.nlp import DEFAULT_MODEL
from kg.ontology import ONTOLOGY_DIR, Ontology
from kg.pipeline import BuildReport, NoInputError, build
from kg.sources import count_articles

DEFAULT_CACHE = DEFAULT_DIR / "results.sqlite"


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help(sys.stderr)
        return 2
    try:
        return args.run(args)
    except KeyboardInterrupt:
        done = "the new outputs were all written" if getattr(args, "outputs_written", False) else \
            "no output was changed"
        print(f"kg: interrupted; {done}", file=sys.stderr)
        return 130
    except NoInputError as err:
        print(f"kg: error: {err.reason}", file=sys.stderr)
        return 1
    except KGError as err:
        print(f"kg: error: {err}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader left early (`kg explain X | head`): stop quietly, as cat does
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing left to flush at exit
        return 128 + signal.SIGPIPE


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg", description="Turn news articles into a named-entity knowledge graph: people, "
        "organisations, places and groups, the relations between them with the sentences that "
        "support them, written as RDF/Turtle (for triple stores) and GraphML (for Gephi).")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for add in (_add_build, _add_explain, _add_query, _add_load, _add_push, _add_draw):
        add(commands)
    return parser


def _add_build(commands) -> None:
    b = commands.add_parser(
        "build", help="read articles and write the graph",
        description="Read articles (.txt, .html, .jsonl; folders recursively; - for stdin) and "
        "write DIR/graph.ttl, DIR/graph.graphml, DIR/mentions.jsonl and DIR/resolution.jsonl (or the "
        "--format files), each atomically. An input that cannot be read is reported on stderr and "
        "skipped; the exit status is non-zero only when no article could be read.")
    b.add_argument("paths", nargs="+", metavar="PATH",
                   help="files or folders of articles, or - to read one article (or JSONL) from stdin")
    b.add_argument("--out", "-o", required=True, type=Path, metavar="DIR",
                   help="folder to write the graph files into (created if missing)")
    b.add_argument("--model", default=DEFAULT_MODEL, metavar="NAME",
                   help=f"installed spaCy pipeline to use (default: {DEFAULT_MODEL}; e.g. "
                        "en_core_web_sm or en_core_web_trf where installed)")
    b.add_argument("--base-iri", default=DEFAULT_BASE, metavar="IRI",
                   help=f"namespace of entity, document and statement IRIs (default: {DEFAULT_BASE})")
    b.add_argument("--format", "-f", action="append", dest="formats", metavar="NAME",
                   choices=sorted(FORMATS),
                   help="output format, repeatable: " + ", ".join(sorted({f.name for f in FORMATS.values()}))
                        + f" (default: {', '.join(DEFAULT_FORMATS)})")
    b.add_argument("--jobs", "-j", type=_positive, metavar="N",
                   help=f"worker processes for the per-document work (default: the {usable_cores()} cores this "
                        f"machine lets kg use, or 1 for fewer than {ARTICLES_PER_WORKER} articles, where "
                        "starting workers costs more than it saves)")
    b.add_argument("--date", type=_dated_path, action="append", default=[], metavar="[PATH=]YYYY-MM-DD",
                   help="the date of the articles whose text gives none (a dateline is read when there is "
                        "one), for one input PATH as given or for all; repeatable. GEXF's timeline uses it")
    b.add_argument("--open-relations", action="store_true",
                   help="also export untyped subject-verb-object relations between entities, the verb's lemma "
                        "as the relation (verb:meet), for exploring before modelling (off by default)")
    b.add_argument("--dask", metavar="ADDRESS", default=None,
                   help="run the per-document work on an existing Dask distributed cluster, given its "
                        "scheduler's address (e.g. tcp://scheduler-host:8786); needs dask[distributed]")
    b.add_argument("--cache", type=Path, default=DEFAULT_CACHE, metavar="FILE",
                   help="file of per-document results, so that a rebuild redoes only new or changed "
                        f"articles; a new model or ontology misses it by itself (default: {DEFAULT_CACHE})")
    b.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    b.add_argument("--new-iris", action="store_true",
                   help="mint every entity's IRI from its name; by default an entity already in "
                        "DIR/resolution.jsonl keeps its IRI when a rebuild adds articles")
    b.add_argument("--ontology", type=Path, default=None, metavar="DIR",
                   help=f"folder of ontology, alias, pattern and boilerplate files to use instead of "
                        f"the installed ones ({ONTOLOGY_DIR})")
    b.add_argument("--quiet", "-q", action="store_true",
                   help="print nothing but errors (no progress bar, no summary)")
    b.add_argument("--overrides", type=Path, default=None, metavar="FILE",
                   help="JSON file of resolution corrections: {\"same\": [[name, name], ...], "
                        "\"different\": [[name, name], ...]} (default: the ontology's overrides.json)")
    b.add_argument("--store", type=Path, default=None, metavar="DIR",
                   help="also load the graph into an on-disk Oxigraph triple store in DIR, replacing what "
                        "it held (query it with kg query --store DIR)")
    b.set_defaults(run=run_build)


def _add_load(commands) -> None:
    lo = commands.add_parser(
        "load", help="load RDF files into an on-disk triple store",
        description="Bulk-load RDF files (.ttl, .nt, .nq, .trig, .jsonld, .rdf) into an embedded Oxigraph "
        "store in DIR (created if missing), adding to what it holds.")
    lo.add_argument("files", nargs="+", type=Path, metavar="FILE", help="RDF files, e.g. out/graph.ttl")
    lo.add_argument("--store", required=True, type=Path, metavar="DIR", help="the store's folder")
    lo.add_argument("--replace", action="store_true", help="empty the store before loading")
    lo.set_defaults(run=run_load)


def _add_query(commands) -> None:
    q = commands.add_parser(
        "query", help="run a SPARQL query on a store",
        description="Run a SPARQL query (SELECT, ASK, CONSTRUCT) on the store in DIR and print the results.")
    q.add_argument("sparql", metavar="SPARQL", help="the query, or @FILE to read it from a file")
    q.add_argument("--store", required=True, type=Path, metavar="DIR", help="the store's folder")
    q.add_argument("--format", choices=["table", "csv", "json"], default="table",
                   help="how to print the results (default: table)")
    q.set_defaults(run=run_query)


def _add_push(commands) -> None:
    pu = commands.add_parser(
        "push", help="upload a graph to a remote triple store (SPARQL Graph Store protocol)",
        description="Upload an RDF file to a triple store's SPARQL 1.1 Graph Store HTTP endpoint (e.g. "
        "Virtuoso's http://host:8890/sparql-graph-crud-auth, Fuseki's http://host:3030/ds/data). PUT "
        "replaces the named graph; --append POSTs into it. Digest or Basic authentication, as the "
        "server asks; the password may come from the KG_PASSWORD environment variable.")
    pu.add_argument("file", type=Path, metavar="FILE", help="the RDF file: .ttl, .nt, .jsonld or .rdf")
    pu.add_argument("--endpoint", required=True, metavar="URL", help="the Graph Store endpoint")
    pu.add_argument("--graph", metavar="IRI", default=None, help="the named graph (default: the default graph)")
    pu.add_argument("--user", default=os.environ.get("KG_USER"), help="user name (default: $KG_USER)")
    pu.add_argument("--password", default=os.environ.get("KG_PASSWORD"),
                    help="password (default: $KG_PASSWORD; prefer the variable to the command line)")
    pu.add_argument("--append", action="store_true", help="add to the graph (POST) instead of replacing it (PUT)")
    pu.set_defaults(run=run_push)


def _add_draw(commands) -> None:
    d = commands.add_parser(
        "draw", help="draw a graph as a picture (PNG, SVG or HTML)",
        description="Render a GraphML file written by kg build as a picture: entities coloured by type and "
        "sized by mentions, relations as labelled arrows; the entities in relations first, then the most "
        "mentioned, up to --top.")
    d.add_argument("graphml", type=Path, metavar="GRAPHML", help="a graph.graphml written by kg build")
    d.add_argument("--output", "-o", required=True, type=Path, metavar="FILE",
                   help="the picture to write: .png, .svg or .html")
    d.add_argument("--top", type=_positive, default=60, metavar="N", help="entities to show at most (default: 60)")
    d.set_defaults(run=run_draw)


def _add_explain(commands) -> None:
    e = commands.add_parser(
        "explain", help="say why the names of an entity were joined",
        description="Print an entity of a built graph with every alias and the rule that joined it "
        "(acronym defined in a document, alias table, surname, spelling variant...), read from "
        "DIR/resolution.jsonl. Correct a wrong merge with a 'different' pair in an overrides file.")
    e.add_argument("name", metavar="NAME", help="a name or alias of the entity (case-insensitive)")
    e.add_argument("--out", "-o", required=True, type=Path, metavar="DIR",
                   help="the folder kg build wrote the graph into")
    e.set_defaults(run=run_explain)



def run_build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    report = BuildReport()
    report.errors = _ReportingList("skipped")
    report.warnings = _ReportingList("warning:")
    report.notes = _ReportingList("warning:")
    ontology = Ontology.load(args.ontology) if args.ontology else None
    if args.overrides:
        ontology = (ontology or Ontology.load()).with_overrides(args.overrides)
    formats = tuple(dict.fromkeys(get_format(f).name for f in args.formats or DEFAULT_FORMATS))
    Namespaces(args.base_iri)  # a bad IRI or output folder fails now, not after the articles are read
    _check_output_folder(args.out)
    articles = count_articles(args.paths)
    jobs = args.jobs or default_jobs(articles)
    with _progress(args.quiet, articles) as progress:
        def advance(result) -> None:
            progress.update(1)
            progress.set_postfix_str(f"{report.words / max(time.perf_counter() - started, 1e-9):,.0f} words/s",
                                     refresh=False)

        graph = build(args.paths, model=args.model, ontology=ontology, report=report, on_document=advance,
                      jobs=jobs, cache=None if args.no_cache else args.cache, dask=args.dask,
                      open_relations=args.open_relations, dates=dict(args.date), known=_known_entities(args))
    if args.store and "turtle" not in formats:
        formats += ("turtle",)
    written = write_all(graph, args.out, formats, args.base_iri)
    args.outputs_written = True
    if args.store:
        store.load([args.out / get_format("turtle").filename], args.store, replace=True)
        written.append(args.store)
    if not args.quiet:
        skipped = f", {len(report.errors)} inputs skipped" if report.errors else ""
        skipped += f", {len(report.warnings)} mostly page furniture" if report.warnings else ""
        skipped += f", {report.cached} from the cache" if report.cached else ""
        workers = "on a Dask cluster" if args.dask else f"{jobs} process{'es' if jobs > 1 else ''}"
        print(f"kg: {report.documents} documents, {len(graph.entities)} entities, "
              f"{len(graph.relations)} relations in {time.perf_counter() - started:.1f} s ({workers}){skipped} "
              f"-> {', '.join(str(p) for p in written)}", file=sys.stderr)
    return 0


def _check_output_folder(out: Path) -> None:
    """That `out` is, or can be made, a folder kg can write into."""
    if out.exists() and not out.is_dir():
        raise KGError(f"--out {out}: is a file, not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as err:
        raise KGError(f"--out {out}: cannot write there ({err.strerror or err})") from err


def _known_entities(args: argparse.Namespace) -> dict[str, tuple[str, tuple[str, ...]]]:
    """The entities of the build already in the output folder, whose IRIs the new build keeps."""
    path = args.out / get_format("resolution").filename
    if args.new_iris or not path.is_file():
        return {}
    with open(path, encoding="utf-8") as stream:
        return read_known_entities(stream, str(path))


def run_load(args: argparse.Namespace) -> int:
    triples = store.load(args.files, args.store, replace=args.replace)
    print(f"kg: {args.store} holds {triples} triples", file=sys.stderr)
    return 0


def run_query(args: argparse.Namespace) -> int:
    sparql = args.sparql
    if sparql.startswith("@"):
        try:
            sparql = Path(sparql[1:]).read_text(encoding="utf-8")
        except OSError as err:
            raise KGError(f"{sparql[1:]}: cannot read the query ({err.strerror})") from err
    columns, rows = store.query(args.store, sparql)
    for line in store.format_rows(columns, rows, args.format):
        print(line)
    return 0


def run_push(args: argparse.Namespace) -> int:
    from kg.push import push, shown_url

    status = push(args.file, args.endpoint, graph=args.graph, user=args.user, password=args.password,
                  append=args.append)
    target = f"graph <{args.graph}>" if args.graph else "the default graph"
    print(f"kg: {'added' if args.append else 'replaced'} {target} at {shown_url(args.endpoint)} (HTTP {status})",
          file=sys.stderr)
    return 0


def run_draw(args: argparse.Namespace) -> int:
    from kg.draw import draw

    print(f"kg: drew {draw(args.graphml, args.output, top=args.top)}", file=sys.stderr)
    return 0


def run_explain(args: argparse.Namespace) -> int:
    path = args.out / get_format("resolution").filename
    try:
        with open(path, encoding="utf-8") as stream:
            records = read_resolution(stream, str(path))
    except OSError as err:
        raise KGError(f"{path}: cannot read ({err.strerror}); run kg build ... --out {args.out} first") from err
    wanted = name_key(args.name)
    found = [r for r in records if wanted in {name_key(n) for n in [r["name"], *r["aliases"]]}]
    if not found:
        print(f"kg: no entity named {args.name!r} in {path}", file=sys.stderr)
        return 1
    for record in found:
        print(f"{record['name']} ({record['type']}) <{record['entity']}>")
        print(f"  {record['mentions']} mentions in {len(record['documents'])} documents")
        width = max((len(m["alias"]) for m in record["merges"]), default=0)
        for merge in record["merges"]:
            print(f"  {merge['alias']:<{width}}  {_told(merge)}")
        if not record["merges"]:
            print("  no other name was joined to it")
    return 0


def _told(merge: dict) -> str:
    """The sentence of a merge record of resolution.jsonl."""
    from kg.model import Merge
    from kg.resolve.explain import explain

    details = merge.get("details")
    pairs = tuple((str(k), str(v)) for k, v in details.items()) if isinstance(details, dict) else ()
    return explain(Merge(str(merge.get("alias", "")), str(merge.get("rule", "")), pairs))


def _dated_path(value: str) -> tuple[str, str]:
    """"PATH=YYYY-MM-DD" or "YYYY-MM-DD" (for every input) as (path or "*", date)."""
    from datetime import date

    path, _, day = value.rpartition("=")
    try:
        return path or "*", date.fromisoformat(day).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{day!r} is not a date like 2019-02-09") from None


ARTICLES_PER_WORKER = 100  # each worker loads the model (a few seconds): worth it from this many articles


def usable_cores() -> int:
    """The cores this process may run on (a container's or `taskset`'s limit, not the machine's)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def default_jobs(articles: int | None) -> int:
    """Worker processes for `articles` articles (None: not known before reading, as in JSON Lines):
    every usable core, unless there are too few articles to repay starting the workers."""
    if articles is not None and articles < ARTICLES_PER_WORKER:
        return 1
    return usable_cores()


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive number")
    return number


class _ReportingList(list):
    """The build's list of errors or warnings: each is also printed as one line the moment it happens."""

    def __init__(self, prefix: str):
        super().__init__()
        self.prefix = prefix

    def append(self, error: InputError) -> None:
        print(f"kg: {self.prefix} {error}", file=sys.stderr)
        super().append(error)

    def extend(self, errors) -> None:
        for error in errors:
            self.append(error)


def _progress(quiet: bool, total: int | None):
    """A progress bar on stderr when it is a terminal: documents done, words per second, time left."""
    from tqdm import tqdm

    return tqdm(total=total, unit=" docs", file=sys.stderr, disable=quiet or not sys.stderr.isatty(), leave=False)


if __name__ == "__main__":
    sys.exit(main())
