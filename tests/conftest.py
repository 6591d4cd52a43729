from __future__ import annotations

import os
import tempfile
from pathlib import Path

# The CLI caches per-document results under XDG_CACHE_HOME: keep the tests' out of the user's.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="kg-test-cache-")

import pytest

import kg
from kg.pipeline import Extractor

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def seeds_graph() -> kg.KnowledgeGraph:
    return kg.build([SEEDS])


@pytest.fixture(scope="session")
def seeds_out(tmp_path_factory, seeds_graph) -> Path:
    """The seeds' graph written in every format."""
    out = tmp_path_factory.mktemp("seeds-out")
    kg.write_all(seeds_graph, out, ("turtle", "ntriples", "graphml", "mentions"))
    return out


def shared_path(*parts: str) -> Path:
    """A path under ../shared/, or a skip when a fresh clone has none."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared/ holds the evaluation data beside the project")
    return path


def analyse_texts(extractor: Extractor, texts: dict[str, str]) -> list:
    """The per-document results of `texts` ({id: text}), through the real pipeline."""
    from kg.model import Document

    return list(extractor.process(Document(id=i, text=t, source=f"{i}.txt") for i, t in texts.items()))


def graph_of(extractor: Extractor, texts: dict[str, str]) -> kg.KnowledgeGraph:
    from kg.resolve import resolve

    return resolve(analyse_texts(extractor, texts), extractor.ontology)
