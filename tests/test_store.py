"""The embedded store through the CLI: loads are transactions, and hostile files and queries are refused."""

import subprocess
import sys

import pytest

from .conftest import ROOT

EXPORT = ROOT / "exports" / "graph.ttl"


def run_kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=300)


def triples(store) -> int:
    out = run_kg("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", str(store), "--format", "csv")
    assert out.returncode == 0, out.stderr
    return int(out.stdout.splitlines()[1])


@pytest.fixture
def store(tmp_path):
    db = tmp_path / "db"
    out = run_kg("load", str(EXPORT), "--store", str(db))
    assert out.returncode == 0, out.stderr
    return db


@pytest.mark.parametrize("content, suffix", [("@prefix broken <", ".ttl"), ("anything", ".xyz")])
def test_a_failed_load_leaves_the_store_as_it_was(store, tmp_path, content, suffix):
    before = triples(store)
    bad = tmp_path / f"bad{suffix}"
    bad.write_text(content, encoding="utf-8")
    for extra in ((), ("--replace",)):
        out = run_kg("load", str(EXPORT), str(bad), "--store", str(store), *extra)
        assert out.returncode == 1 and "the store is unchanged" in out.stderr
        assert len(out.stderr.strip().splitlines()) == 1
        assert triples(store) == before


def test_replace_swaps_in_the_new_graph_whole(store, tmp_path):
    small = tmp_path / "small.nt"
    small.write_text("<http://ex.org/a> <http://ex.org/b> <http://ex.org/c> .\n", encoding="utf-8")
    out = run_kg("load", str(small), "--store", str(store), "--replace")
    assert out.returncode == 0, out.stderr
    assert triples(store) == 1
    assert not [p for p in store.parent.iterdir() if p.name.startswith(".db.")]  # no copy left behind


def test_an_xml_entity_bomb_is_refused(store, tmp_path):
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10 if i else "lol"}">' for i in range(10))
    bomb = tmp_path / "bomb.rdf"
    bomb.write_text(f'<?xml version="1.0"?><!DOCTYPE r [{lol}]><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
                    f'22-rdf-syntax-ns#"><rdf:Description rdf:about="http://ex.org/a"><rdf:value>&l9;</rdf:value>'
                    f'</rdf:Description></rdf:RDF>', encoding="utf-8")
    out = run_kg("load", str(bomb), "--store", str(store))
    assert out.returncode == 1 and "declares XML entities" in out.stderr


def test_federated_queries_are_refused_but_the_word_in_a_string_is_not(store):
    out = run_kg("query", "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }", "--store", str(store))
    assert out.returncode == 1 and "SERVICE" in out.stderr and len(out.stderr.strip().splitlines()) == 1
    out = run_kg("query", 'SELECT * WHERE { ?s ?p "SERVICE" }', "--store", str(store))
    assert out.returncode == 0, out.stderr


def test_query_and_load_never_write_into_a_folder_of_other_files(tmp_path):
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    out = run_kg("query", "ASK { ?s ?p ?o }", "--store", str(folder))
    assert out.returncode == 1 and "no store here" in out.stderr
    out = run_kg("load", str(EXPORT), "--store", str(folder))
    assert out.returncode == 1 and "not a kg store" in out.stderr
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_results_stream_in_every_format(store):
    from kg.store import format_rows

    def endless():
        n = 0
        while True:
            n += 1
            yield [f"row {n}", None]

    for fmt in ("table", "csv", "json"):
        lines = format_rows(["a", "b"], endless(), fmt)
        first = [next(lines) for _ in range(3)]
        assert any("row 1" in line for line in first)
