"""The library entry point: read sources, run spaCy, extract per document, resolve across documents.

>>> import kg
>>> graph = kg.build(["seeds/"])  # doctest: +SKIP
>>> kg.write(graph, "out/graph.ttl", "turtle")  # doctest: +SKIP
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import pickle
import threading
import time
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.tokens import Doc

from kg.boilerplate import Boilerplate, Reading, RepeatedLines
from kg.cache import ResultCache, pipeline_signature
from kg.errors import InputError, KGError
from kg.extract import analyse
from kg.extract.relations import RelationExtractor, load_patterns
from kg.language import other_language
from kg.model import DocResult, Document, KnowledgeGraph
from kg.nlp import DEFAULT_MODEL, load_pipeline
from kg.ontology import Ontology
from kg.resolve import resolve
from kg.sources import iter_documents

BATCH_SIZE = 32
PIECE_CHARS = 100_000  # spaCy reads a longer article in pieces of this many characters at most
MOSTLY_FURNITURE = 0.5  # a document that loses more of its text than this gets a warning


@dataclass
class BuildReport:
    """What a build did: for the CLI's summary line and for benchmarks."""

    documents: int = 0
    words: int = 0
    cached: int = 0  # documents whose results came from the cache
    errors: list[InputError] = field(default_factory=list)
    warnings: list[InputError] = field(default_factory=list)  # documents read, but mostly furniture
    notes: list[str] = field(default_factory=list)  # other warnings: the cache could not be used
    seconds: dict[str, float] = field(default_factory=dict)

    def timed(self, stage: str, started: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - started


@dataclass(frozen=True)
class Options:
    """How documents are processed, the same in every worker: part of each cached result's key."""

    model: str = DEFAULT_MODEL
    open_relations: bool = False  # also untyped subject-verb-object relations ("verb:meet")


class Extractor:
    """Per-document work: boilerplate masking, spaCy, entity and relation extraction.

    Holds the loaded pipeline; `process` maps documents to plain `DocResult`s in order."""

    def __init__(self, model: str = DEFAULT_MODEL, ontology: Ontology | None = None, open_relations: bool = False):
        self.ontology = ontology or Ontology.load()
        self.nlp = load_pipeline(model, self.ontology)
        self.boilerplate = Boilerplate.from_data(self.ontology.boilerplate, self.ontology.boilerplate_model)
        self.relations = RelationExtractor(self.nlp, self.ontology, load_patterns(self.ontology), open_relations)

    def process(self, documents: Iterable[Document], report: BuildReport | None = None,
                batch_size: int = BATCH_SIZE) -> Iterator[DocResult]:
        """The results of `documents`, in order. A document whose analysis fails is reported in
        `report.errors` and skipped: one bad article does not stop the others."""
        report = report if report is not None else BuildReport()
        pending: deque[tuple[Document, str, Reading, int]] = deque()
        parts: list[Doc] = []
        started = time.perf_counter()
        for parsed in self.nlp.pipe(self._masked(documents, pending, report), batch_size=batch_size):
            parts.append(parsed)
            if len(parts) < pending[0][3]:
                continue  # a long article comes in pieces
            document, blank, reading, _ = pending.popleft()
            report.timed("nlp", started)
            started = time.perf_counter()
            try:
                if blank:
                    parts.insert(0, self.nlp.make_doc(blank))
                parsed = parts[0] if len(parts) == 1 else \
                    Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor"])
                result = analyse(document, parsed, self.ontology, self.relations, reading.skipped)
            except Exception as err:  # a bug on one article must not lose the run
                report.errors.append(InputError(document.source, f"could not be analysed ({err!r})"))
                continue
            finally:
                parts = []
                report.timed("extract", started)
                started = time.perf_counter()
            report.documents += 1
            report.words += result.doc.words
            yield result
            started = time.perf_counter()
        report.seconds["nlp"] = report.seconds.get("nlp", 0.0) - report.seconds.get("read", 0.0) \
            - report.seconds.get("boilerplate", 0.0)

    def _masked(self, documents: Iterable[Document], pending: deque[tuple[Document, str, Reading, int]],
                report: BuildReport) -> Iterator[str]:
        """The documents' texts with boilerplate masked, each without the white space it begins
        with (which `process` puts back): a first token of white space throws the entity recognizer
        off the first name ("Roger Federer beat..." after a masked menu). A long text comes in
        pieces of whole lines, so that no article is too long for spaCy and memory stays bounded.
        A document written in another language than the pipeline's is reported and skipped: the
        tagger would make junk of it. Reading and boilerplate time are counted apart."""
        for document in _timed_reading(documents, report):
            started = time.perf_counter()
            try:
                reading = self.boilerplate.read_extracted(document.text) if document.format == "html" \
                    else self.boilerplate.read(document.text, document.repeated)
            except Exception as err:  # a bug on one article must not lose the run
                report.errors.append(InputError(document.source, f"could not be read ({err!r})"))
                continue
            masked = reading.analysed(document.text)
            language = other_language(masked, self.nlp.lang)
            if language:
                report.errors.append(InputError(document.source, f"written in {language}, which the {self.nlp.lang!r} "
                                                "pipeline cannot read (see --model)"))
                continue
            text = masked.lstrip()
            pieces = split_text(text, min(PIECE_CHARS, self.nlp.max_length))
            pending.append((document, masked[:len(masked) - len(text)], reading, len(pieces)))
            report.timed("boilerplate", started)
            yield from pieces


def split_text(text: str, size: int) -> list[str]:
    """`text` in consecutive pieces of at most `size` characters, cut after a line break where
    there is one (else after a space), whose concatenation is `text`.

    >>> split_text("ab\\ncd\\nef", 6)
    ['ab\\ncd\\n', 'ef']
    """
    pieces, start = [], 0
    while len(text) - start > size:
        cut = text.rfind("\n", start, start + size) + 1 or text.rfind(" ", start, start + size) + 1 \
            or start + size
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def build(paths: Iterable[str | Path], model: str = DEFAULT_MODEL, ontology: Ontology | None = None,
          report: BuildReport | None = None, on_document: Callable[[DocResult], None] | None = None,
          jobs: int = 1, cache: str | Path | None = None, dask: str | None = None,
          open_relations: bool = False, dates: dict[str, str] | None = None,
          known: Mapping[str, tuple[str, tuple[str, ...]]] | None = None) -> KnowledgeGraph:
    """The knowledge graph of every article under `paths` (files, folders, "-" for stdin).

    `jobs` > 1 runs the per-document work in that many worker processes, `dask` (a scheduler's
    address, such as tcp://host:8786) on a Dask cluster's workers. `dates` ({path as given or "*":
    "YYYY-MM-DD"}) dates the articles whose text gives no date. `cache` is a file of
    per-document results (see `kg.cache`): documents found there are not processed again. `known`
    (`kg.export.resolution.read_known_entities` of an earlier build) keeps entities' IRIs.
    Unreadable inputs are recorded in `report.errors` and skipped; raises `NoInputError` only when
    nothing could be read."""
    report = report if report is not None else BuildReport()
    ontology = ontology or Ontology.load()
    paths = list(paths)  # read twice: once to count repeated lines, once for the work
    documents = _with_repeated_lines(paths, iter_documents(paths, on_error=report.errors.append, dates=dates),
                                     report)
    options = Options(model, open_relations)
    store = ResultCache(cache, f"{pipeline_signature(model, ontology.version)}; {options}",
                        report.notes.append) if cache else None
    results: dict[int, bytes] = {}  # packed (`_pack`) until the resolver needs them
    waiting: deque[tuple[int, Document]] = deque()

    def accept(result: DocResult) -> None:
        share = result.doc.skipped_share
        if share > MOSTLY_FURNITURE:
            report.warnings.append(InputError(result.doc.source, f"{share:.0%} of its text was skipped as "
                                              "page furniture (see --format text)"))
        if on_document:
            on_document(result)

    def uncached() -> Iterator[Document]:
        for i, document in enumerate(documents):
            hit = store.get(document) if store else None
            if hit is None:
                waiting.append((i, document))
                yield document
            else:
                results[i] = _pack(hit)
                report.cached += 1
                report.documents += 1
                report.words += hit.doc.words
                accept(hit)

    if dask:
        stream = process_on_dask(uncached(), dask, options, ontology, report)
    elif jobs > 1:
        stream = process_in_workers(uncached(), jobs, options, ontology, report)
    else:
        stream = _process_here(uncached(), options, ontology, report)
    try:
        for result in stream:
            i, document = waiting.popleft()
            while result.doc.id != document.id:  # the document before failed and was skipped
                i, document = waiting.popleft()
            results[i] = _pack(result)
            if store:
                store.put(document, result)
            accept(result)
    finally:
        if store:
            store.close()
    if not results:
        raise NoInputError(report.errors)
    started = time.perf_counter()
    graph = resolve([_unpack(results.pop(i)) for i in sorted(results)], ontology, known)
    report.timed("resolve", started)
    return graph


def _pack(result: DocResult) -> bytes:
    """A document's result as it waits for the resolver, compressed: on news, 2 KB against 10 KB
    as objects (which also fragment the heap spaCy works in), so a long build holds less."""
    return zlib.compress(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), 1)


def _unpack(packed: bytes) -> DocResult:
    return pickle.loads(zlib.decompress(packed))


def _with_repeated_lines(paths: Iterable[str | Path], documents: Iterable[Document],
                         report: BuildReport) -> Iterator[Document]:
    """The documents, each with the keys of its lines that the input repeats in many documents (a
    site's menus and footers). Counting them reads the text inputs once before the work begins."""
    started = time.perf_counter()
    counter = RepeatedLines()
    for document in iter_documents(paths, on_error=lambda error: None, html=False):
        counter.add(document.text)
    report.timed("read", started)
    for document in documents:
        if document.format != "html" and counter.repeated:
            document = replace(document, repeated=counter.repeated_in(document.text))
        yield document


def _process_here(documents: Iterable[Document], options: Options, ontology: Ontology,
                  report: BuildReport) -> Iterator[DocResult]:
    """`Extractor.process` in this process, loading the pipeline only if a document needs it."""
    iterator = iter(documents)
    first = next(iterator, None)
    if first is not None:
        extractor = Extractor(options.model, ontology, options.open_relations)
        yield from extractor.process(itertools.chain([first], iterator), report)


DASK_WORKER_WAIT = 30.0  # seconds to wait for a Dask scheduler's first worker
CHUNK_SIZE = 16  # documents a worker takes at a time: enough for nlp.pipe to batch


def process_in_workers(documents: Iterable[Document], jobs: int, options: Options, ontology: Ontology,
                       report: BuildReport) -> Iterator[DocResult]:
    """`Extractor.process` spread over `jobs` processes, results in input order."""
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: no state shared by fork
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_exit_with_parent,
                             initargs=(os.getpid(),)) as pool:
        yield from _in_order(lambda chunk: pool.submit(_work, chunk, options, ontology),
                             documents, 2 * jobs, report)


def _exit_with_parent(parent: int) -> None:
    """In a worker: end this process when the build that started it is gone (killed with -9, it
    cannot tell its workers), rather than live on."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def process_on_dask(documents: Iterable[Document], address: str, options: Options, ontology: Ontology,
                    report: BuildReport) -> Iterator[DocResult]:
    """`Extractor.process` on the workers of a Dask distributed cluster (its scheduler's address);
    only plain per-document results come back."""
    try:
        from distributed import Client
    except ImportError as err:
        raise KGError("--dask needs the distributed package: pip install 'dask[distributed]'") from err
    try:
        client = Client(address, timeout="10s")
    except (OSError, ValueError, TypeError) as err:  # unreachable, or no address at all ("tcp://:x")
        raise KGError(f"cannot reach the Dask scheduler at {address}: {str(err).splitlines()[0][:200]}") from err
    with client:
        try:
            client.wait_for_workers(1, timeout=DASK_WORKER_WAIT)
        except (TimeoutError, OSError) as err:
            raise KGError(f"the Dask scheduler at {address} has no workers (waited {DASK_WORKER_WAIT:.0f} s)") from err
        slots = 2 * max(1, sum(client.nthreads().values()))
        shared = client.scatter(ontology, broadcast=True)
        yield from _in_order(lambda chunk: client.submit(_work, chunk, options, shared, pure=False),
                             documents, slots, report)


def _in_order(submit: Callable[[list[Document]], Future], documents: Iterable[Document], slots: int,
              report: BuildReport) -> Iterator[DocResult]:
    """Results of chunks of documents run elsewhere, in input order. At most `slots` chunks are in
    flight, so memory stays flat however many documents there are."""
    in_flight: deque[Future] = deque()
    for chunk in _chunks(documents, CHUNK_SIZE, report):
        in_flight.append(submit(chunk))
        if len(in_flight) >= slots:
            yield from _collect(in_flight.popleft(), report)
    while in_flight:
        yield from _collect(in_flight.popleft(), report)


def _chunks(documents: Iterable[Document], size: int, report: BuildReport) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    for document in _timed_reading(documents, report):
        chunk.append(document)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _timed_reading(documents: Iterable[Document], report: BuildReport) -> Iterator[Document]:
    """The documents, the time spent reading them counted as the "read" stage."""
    iterator = iter(documents)
    while True:
        started = time.perf_counter()
        document = next(iterator, None)
        report.timed("read", started)
        if document is None:
            return
        yield document


def _collect(future: Future, report: BuildReport) -> list[DocResult]:
    try:
        results, worker_report = future.result()
    except BrokenProcessPool as err:
        raise KGError(f"a worker process died ({err}); run with --jobs 1 to see why") from err
    except KGError:
        raise
    except Exception as err:  # a Dask worker killed or lost: its documents cannot be had
        raise KGError(f"a worker failed ({type(err).__name__}: {str(err).splitlines()[0][:200] if str(err) else ''}); "
                      "run with --jobs 1 to see why") from err
    report.documents += worker_report.documents
    report.words += worker_report.words
    report.errors.extend(worker_report.errors)
    for stage in ("boilerplate", "nlp", "extract"):  # CPU seconds summed over the workers
        report.seconds[stage] = report.seconds.get(stage, 0.0) + worker_report.seconds.get(stage, 0.0)
    return results


_WORKERS: dict[tuple[Options, str], Extractor] = {}  # one loaded pipeline per worker process


def _work(chunk: list[Document], options: Options, ontology: Ontology) -> tuple[list[DocResult], BuildReport]:
    """A worker's job: the results of one chunk, with its timings."""
    key = (options, ontology.version)
    if key not in _WORKERS:
        _WORKERS[key] = Extractor(options.model, ontology, options.open_relations)
    report = BuildReport()
    results = list(_WORKERS[key].process(chunk, report))
    report.seconds.pop("read", None)
    return results, report


class NoInputError(InputError):
    """Not a single article could be read."""

    def __init__(self, errors: list[InputError]):
        reason = f"no article could be read ({len(errors)} input errors)" if errors else \
            "no .txt, .html or .jsonl article found"
        super().__init__("input", reason)
        self.errors = errors

    def __reduce__(self) -> tuple:
        return type(self), (self.errors,)
