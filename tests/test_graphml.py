"""The GraphML export, read back by networkx and by igraph (a C parser of its own)."""

import io
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import igraph
import networkx as nx
import pytest

from kg.export.graphml import write_graphml
from kg.model import Entity, Evidence, KnowledgeGraph, Relation

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}


def test_networkx_reads_nodes_edges_and_typed_attributes(seeds_out, seeds_graph):
    g = nx.read_graphml(seeds_out / "graph.graphml")
    assert g.is_directed()
    assert g.number_of_nodes() == len(seeds_graph.entities)
    assert g.number_of_edges() == len(seeds_graph.relations)
    trump = g.nodes["person/donald-trump"]
    assert trump["label"] == "Donald Trump" and trump["type"] == "Person"
    assert isinstance(trump["mentions"], int) and "Trump" in trump["aliases"]
    backed = [d for u, v, d in g.edges(data=True)
              if (u, v) == ("organization/syrian-democratic-forces", "place/united-states")]
    assert backed and backed[0]["label"] == "backedBy" and isinstance(backed[0]["weight"], float)
    assert backed[0]["weight"] >= 2 and "002_6c806e12cfd8c7db" in backed[0]["sources"]


def test_igraph_reads_the_same_graph(seeds_out, seeds_graph):
    g = igraph.Graph.Read_GraphML(str(seeds_out / "graph.graphml"))
    assert g.is_directed()
    assert (g.vcount(), g.ecount()) == (len(seeds_graph.entities), len(seeds_graph.relations))
    assert sorted(g.vs["label"]) == sorted(e.name for e in seeds_graph.entities)
    assert sorted(g.es["label"]) == sorted(r.predicate for r in seeds_graph.relations)
    assert all(w >= 1 for w in g.es["weight"])


def test_what_gephi_needs(seeds_out):
    raw = (seeds_out / "graph.graphml").read_bytes()
    assert raw.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    root = ET.fromstring(raw)
    keys = root.findall("g:key", NS)
    assert keys and all(k.get("for") in ("node", "edge") for k in keys)
    assert all(k.get("attr.type") in ("string", "int", "double", "long", "float", "boolean") for k in keys)
    assert all(" " not in k.get("attr.name") for k in keys)
    declared = {k.get("id") for k in keys}
    assert {d.get("key") for d in root.iter(f"{{{NS['g']}}}data")} <= declared
    edges = root.findall(".//g:edge", NS)
    ids = [e.get("id") for e in edges]
    assert all(ids) and len(set(ids)) == len(ids)
    assert all(e.get("label") for e in edges)
    assert all(n.get("id") for n in root.findall(".//g:node", NS))


def test_parallel_relations_and_forbidden_characters(tmp_path):
    graph = KnowledgeGraph([], [
        Entity("org/a", "A <&> \x00\x07 B", "Organization", aliases=["x\x0by"], mentions=1),
        Entity("place/b", "B", "Place", mentions=1)], [
        Relation("org/a", "holds", "place/b", 0.9, [Evidence("d", 0, 1, "s\x01", "holds/x")]),
        Relation("org/a", "basedIn", "place/b", 0.8, [Evidence("d", 0, 1, "t", "basedIn/x")])], [])
    out = io.StringIO()
    write_graphml(graph, out)
    g = nx.read_graphml(io.BytesIO(out.getvalue().encode()))
    assert g.nodes["org/a"]["label"] == "A <&>  B"
    assert sorted(d["label"] for _, _, d in g.edges(data=True)) == ["basedIn", "holds"]
    path = tmp_path / "g.graphml"
    path.write_text(out.getvalue(), encoding="utf-8")
    ig = igraph.Graph.Read_GraphML(str(path))
    assert ig.ecount() == 2


JS = Path(__file__).parent / "js"


def gephi_lite_read(fmt: str, path: Path) -> dict:
    """The graph as Gephi Lite's own parser (graphology-graphml / graphology-gexf) reads it."""
    if not shutil.which("node") or not (JS / "node_modules" / "graphology").exists():
        pytest.skip("node and tests/js/node_modules are needed (npm install --prefix tests/js; .ci/run does it)")
    out = subprocess.run(["node", str(JS / "read_graph.mjs"), fmt, str(path)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_gephi_lites_graphml_parser_reads_everything(seeds_out, seeds_graph):
    graph = gephi_lite_read("graphml", seeds_out / "graph.graphml")
    assert graph["type"] == "directed"
    assert (graph["order"], graph["size"]) == (len(seeds_graph.entities), len(seeds_graph.relations))
    for entity in seeds_graph.entities:
        node = graph["nodes"][entity.key]
        assert (node["label"], node["type"], node["mentions"]) == (entity.name, entity.type, entity.mentions)
    labels = sorted(e["attributes"]["label"] for e in graph["edges"])
    assert labels == sorted(r.predicate for r in seeds_graph.relations)
    assert len({e["key"] for e in graph["edges"]}) == len(graph["edges"])


def test_gexf_for_gephi_reads_back_with_colours_sizes_and_dates(tmp_path, seeds_graph):
    from kg.export import write

    path = write(seeds_graph, tmp_path / "graph.gexf", "gexf")
    graph = gephi_lite_read("gexf", path)
    assert (graph["order"], graph["size"]) == (len(seeds_graph.entities), len(seeds_graph.relations))
    trump = graph["nodes"]["person/donald-trump"]
    assert trump["label"] == "Donald Trump" and trump["color"].startswith("rgb(") and trump["size"] > 5
    kinds = {e["attributes"]["kind"] for e in graph["edges"]}
    assert {"backedBy", "leaderOf", "attacked"} <= kinds
    g = nx.read_gexf(path)
    assert g.number_of_nodes() == len(seeds_graph.entities)
    root = ET.parse(path).getroot()
    spells = root.findall(".//{http://gexf.net/1.3}spell")
    dated = {d.date for d in seeds_graph.documents if d.date}
    assert spells and {s.get("start") for s in spells} <= dated
