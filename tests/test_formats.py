"""Every registered output format is written for the seeds and read back by independent parsers:
rdflib and pyoxigraph for RDF, and Debian's rapper (raptor2) and serdi where they are installed."""

import shutil
import subprocess

import pyoxigraph
import pytest
import rdflib
import rdflib.compare

import kg
from kg.export import FORMATS, get_format

RDF_FORMATS = {  # name: (rdflib format, pyoxigraph format, rapper syntax, serdi syntax, has named graphs)
    "turtle": ("turtle", pyoxigraph.RdfFormat.TURTLE, "turtle", "turtle", False),
    "ntriples": ("nt", pyoxigraph.RdfFormat.N_TRIPLES, "ntriples", "ntriples", False),
    "nquads": ("nquads", pyoxigraph.RdfFormat.N_QUADS, "nquads", "nquads", True),
    "trig": ("trig", pyoxigraph.RdfFormat.TRIG, "trig", "trig", True),
    "jsonld": ("json-ld", pyoxigraph.RdfFormat.JSON_LD, None, None, False),
}
OTHER_FORMATS = {"graphml": "tests/test_graphml.py", "gexf": "tests/test_graphml.py",
                 "mentions": "tests/test_cli.py", "resolution": "tests/test_cli.py",
                 "text": "tests/test_boilerplate.py"}


def test_every_registered_format_is_tested_here_or_named():
    assert {f.name for f in FORMATS.values()} == set(RDF_FORMATS) | set(OTHER_FORMATS)


@pytest.fixture(scope="module")
def written(tmp_path_factory, seeds_graph):
    out = tmp_path_factory.mktemp("formats")
    kg.write_all(seeds_graph, out, tuple(RDF_FORMATS))
    return out


@pytest.fixture(scope="module")
def reference(written) -> rdflib.Graph:
    return rdflib.Graph().parse(written / "graph.ttl", format="turtle")


@pytest.mark.parametrize("name", RDF_FORMATS)
def test_rdflib_and_pyoxigraph_read_the_same_data(written, reference, name):
    rdflib_format, oxigraph_format, _, _, quads = RDF_FORMATS[name]
    path = written / get_format(name).filename
    if quads:
        dataset = rdflib.Dataset()
        dataset.parse(path, format=rdflib_format)
        merged = rdflib.Graph()
        for s, p, o, _ in dataset.quads():
            merged.add((s, p, o))
        assert rdflib.compare.isomorphic(merged, reference)
        named = {g for _, _, _, g in dataset.quads() if g is not None and "/statement/" in str(g)}
        assert len(named) == len(list(reference.subjects(rdflib.RDF.type, rdflib.URIRef(
            "https://example.org/kg/ontology#RelationStatement"))))
    else:
        assert rdflib.compare.isomorphic(rdflib.Graph().parse(path, format=rdflib_format), reference)
    assert len(list(pyoxigraph.parse(path=str(path), format=oxigraph_format))) == len(reference)


@pytest.mark.parametrize("name", [n for n, spec in RDF_FORMATS.items() if spec[2]])
def test_rapper_accepts_it(written, reference, name):
    if not shutil.which("rapper"):
        pytest.skip("rapper is not installed (Debian package raptor2-utils; .ci/run installs it)")
    path = written / get_format(name).filename
    out = subprocess.run(["rapper", "-i", RDF_FORMATS[name][2], "-c", str(path)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert f"returned {len(reference)} " in out.stderr


@pytest.mark.parametrize("name", [n for n, spec in RDF_FORMATS.items() if spec[3]])
def test_serdi_accepts_it(written, reference, name):
    if not shutil.which("serdi"):
        pytest.skip("serdi is not installed (Debian package serdi; .ci/run installs it)")
    path = written / get_format(name).filename
    out = subprocess.run(["serdi", "-i", RDF_FORMATS[name][3], "-o", "nquads", str(path)],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert len(out.stdout.splitlines()) == len(reference)


def test_the_export_satisfies_the_shacl_shapes(written):
    pyshacl = pytest.importorskip("pyshacl", reason="pyshacl is not installed")
    from kg.ontology import ONTOLOGY_DIR

    data = rdflib.Graph().parse(written / "graph.ttl", format="turtle")
    shapes = rdflib.Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")
    conforms, _, report = pyshacl.validate(data, shacl_graph=shapes, ont_graph=rdflib.Graph().parse(
        ONTOLOGY_DIR / "kg.ttl"), inference="none")
    assert conforms, report


def test_the_shapes_catch_a_broken_export(written):
    pyshacl = pytest.importorskip("pyshacl", reason="pyshacl is not installed")
    from kg.ontology import ONTOLOGY_DIR

    data = rdflib.Graph().parse(written / "graph.ttl", format="turtle")
    kgo = rdflib.Namespace("https://example.org/kg/ontology#")
    statement = next(data.subjects(rdflib.RDF.type, kgo.RelationStatement))
    data.remove((statement, kgo.supportCount, None))
    data.set((statement, kgo.confidence, rdflib.Literal("1.5", datatype=rdflib.XSD.decimal)))
    conforms, _, report = pyshacl.validate(data, shacl_graph=rdflib.Graph().parse(ONTOLOGY_DIR / "shapes.ttl"))
    assert not conforms
    assert "supportCount" in report and "confidence" in report
