"""The library entry point: read sources, run spaCy, extract per document, resolve across documents.

>>> import kg
>>> graph = kg.build(["seeds/"])  # doctest: +SKIP
>>> kg.write(graph, "out/graph.ttl", "turtle")  # doctest: +SKIP
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.boilerplate import Boilerplate
from kg.errors import InputError
from kg.extract import analyse
from kg.extract.relations import RelationExtractor, load_patterns
from kg.model import DocResult, Document, KnowledgeGraph
from kg.nlp import DEFAULT_MODEL, load_pipeline
from kg.ontology import Ontology
from kg.resolve import resolve
from kg.sources import iter_documents

BATCH_SIZE = 32


@dataclass
class BuildReport:
    """What a build did: for the CLI's summary line and for benchmarks."""

    documents: int = 0
    words: int = 0
    errors: list[InputError] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    def timed(self, stage: str, started: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - started


class Extractor:
    """Per-document work: boilerplate masking, spaCy, entity and relation extraction.

    Holds the loaded pipeline; `process` maps documents to plain `DocResult`s in order."""

    def __init__(self, model: str = DEFAULT_MODEL, ontology: Ontology | None = None):
        self.ontology = ontology or Ontology.load()
        self.nlp = load_pipeline(model, self.ontology)
        self.boilerplate = Boilerplate.from_disk(self.ontology.directory / "boilerplate.json")
        self.relations = RelationExtractor(self.nlp, self.ontology, load_patterns(self.ontology))

    def process(self, documents: Iterable[Document], report: BuildReport | None = None,
                batch_size: int = BATCH_SIZE) -> Iterator[DocResult]:
        report = report or BuildReport()
        pending = _Pending()
        masked = (self.boilerplate.mask(doc.text) for doc in pending.track(documents))
        started = time.perf_counter()
        for parsed in self.nlp.pipe(masked, batch_size=batch_size):
            report.timed("nlp", started)
            started = time.perf_counter()
            result = analyse(pending.pop(), parsed, self.ontology, self.relations)
            report.timed("extract", started)
            report.documents += 1
            report.words += result.doc.words
            yield result
            started = time.perf_counter()


class _Pending:
    """The documents handed to nlp.pipe and not yet back, in order."""

    def __init__(self) -> None:
        self.queue: deque[Document] = deque()

    def track(self, documents: Iterable[Document]) -> Iterator[Document]:
        for doc in documents:
            self.queue.append(doc)
            yield doc

    def pop(self) -> Document:
        return self.queue.popleft()


def build(paths: Iterable[str | Path], model: str = DEFAULT_MODEL, ontology: Ontology | None = None,
          report: BuildReport | None = None,
          on_document: Callable[[DocResult], None] | None = None) -> KnowledgeGraph:
    """The knowledge graph of every article under `paths` (files, folders, "-" for stdin).

    Unreadable inputs are recorded in `report.errors` and skipped; raises `NoInputError` only when
    nothing could be read."""
    report = report if report is not None else BuildReport()
    extractor = Extractor(model, ontology)
    documents = iter_documents(paths, on_error=report.errors.append)
    results = []
    for result in extractor.process(documents, report):
        results.append(result)
        if on_document:
            on_document(result)
    if not results:
        raise NoInputError(report.errors)
    started = time.perf_counter()
    graph = resolve(results, extractor.ontology)
    report.timed("resolve", started)
    return graph


class NoInputError(InputError):
    """Not a single article could be read."""

    def __init__(self, errors: list[InputError]):
        reason = f"no article could be read ({len(errors)} input errors)" if errors else \
            "no .txt, .html or .jsonl article found"
        super().__init__("input", reason)
        self.errors = errors
