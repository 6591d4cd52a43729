"""exports/ holds the graph of seeds/, and a fresh build gives the same bytes."""

import pytest

import kg

from .conftest import ROOT, SEEDS


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    out = tmp_path_factory.mktemp("fresh")
    kg.write_all(kg.build([SEEDS]), out)
    return out


@pytest.mark.parametrize("name", ["graph.ttl", "graph.graphml", "mentions.jsonl", "resolution.jsonl"])
def test_committed_exports_equal_a_fresh_build(fresh, name):
    committed = ROOT / "exports" / name
    assert committed.exists(), f"exports/{name} is missing: run kg build seeds/ --out exports/"
    assert (fresh / name).read_bytes() == committed.read_bytes(), \
        f"exports/{name} differs from a fresh build: run kg build seeds/ --out exports/ --new-iris and commit it"


def test_two_builds_give_identical_bytes(fresh, tmp_path):
    kg.write_all(kg.build([SEEDS]), tmp_path)
    for name in ("graph.ttl", "graph.graphml", "mentions.jsonl", "resolution.jsonl"):
        assert (tmp_path / name).read_bytes() == (fresh / name).read_bytes()


def test_seed_boilerplate_yields_no_entities(fresh):
    text = (fresh / "graph.graphml").read_text(encoding="utf-8") + (fresh / "mentions.jsonl").read_text()
    for furniture in ("Advertisement", "YOUTUBE", "Banner Top", "CONCEPTNEWSCENTRAL", "Makati City",
                      "Concept Group", "Philippines", "Minnie Murray", "Cesar Oliver", "Daphné", "BENOIT"):
        assert furniture not in text, furniture


def test_seed_aliases_resolve(seeds_graph):
    graph = seeds_graph
    for a, b in [("IS", "Islamic State"), ("ISIS", "Islamic State"), ("Isis", "Islamic State"),
                 ("Daesh", "Islamic State"),
                 ("Trump", "Donald Trump"), ("Baghuz", "Baghouz"), ("SDF", "Syrian Democratic Forces"),
                 ("U.S.", "United States"), ("USA", "United States"), ("America", "United States"),
                 ("Bali", "Mustafa Bali"), ("Deir ez-Zor", "Deir el-Zour"), ("AFP", "Agence France-Presse"),
                 ("Britain", "United Kingdom")]:
        assert graph.entity(a).key == graph.entity(b).key, (a, b)
    for a, b in [("Syria", "Syrian Democratic Forces"), ("Islamic State", "United States"), ("Iraq", "Syria"),
                 ("Associated Press", "Agence France-Presse")]:
        assert graph.entity(a).key != graph.entity(b).key, (a, b)
    assert graph.entity("Islamic State").name == "Islamic State"
    assert graph.entity("Trump").name == "Donald Trump"
