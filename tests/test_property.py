"""Property: whatever articles and names come in, every format is read back by independent parsers with
the same number of triples (RDF) or nodes and edges (GraphML)."""

import io

import networkx as nx
import pyoxigraph
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg
from kg.model import Document
from kg.resolve import resolve

NAMES = st.sampled_from(["Angela Merkel", "Kafr Nabl", "Hezbollah", "Iran", "O'Brien & Sons", "São Paulo",
                         "Ελλάδα", "Zürich", "the U.S.", "Mr Trump", "Dr. Jekyll <Hyde>", "AT&T"])
FILLER = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs", "S")), max_size=40)


@st.composite
def articles(draw):
    texts = []
    for _ in range(draw(st.integers(1, 3))):
        sentences = [f"{draw(NAMES)} {draw(st.sampled_from(['met', 'is backed by', 'attacked', 'said']))} "
                     f"{draw(NAMES)} in {draw(NAMES)}. {draw(FILLER)}" for _ in range(draw(st.integers(1, 4)))]
        texts.append("\n".join(sentences))
    ids = draw(st.lists(st.text(min_size=1, max_size=12).filter(lambda s: s.strip()), min_size=len(texts),
                        max_size=len(texts), unique=True))
    return list(zip(ids, texts, strict=True))


RDF = {"turtle": (pyoxigraph.RdfFormat.TURTLE, "turtle"), "ntriples": (pyoxigraph.RdfFormat.N_TRIPLES, "nt"),
       "nquads": (pyoxigraph.RdfFormat.N_QUADS, "nquads"), "trig": (pyoxigraph.RdfFormat.TRIG, "trig"),
       "jsonld": (pyoxigraph.RdfFormat.JSON_LD, "json-ld")}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(articles())
def test_every_format_is_read_back_with_equal_counts(extractor, docs):
    results = list(extractor.process(Document(id=i, text=t, source=f"{i}.txt") for i, t in docs))
    graph = resolve(results, extractor.ontology)
    counts = set()
    for name, (oxigraph_format, rdflib_format) in RDF.items():
        out = io.StringIO()
        kg.export.get_format(name).writer()(graph, out, None)
        store = pyoxigraph.Store()
        store.load(out.getvalue().encode(), format=oxigraph_format)
        dataset = rdflib.Dataset()
        dataset.parse(data=out.getvalue(), format=rdflib_format)
        quads = len(dataset) if name in ("turtle", "ntriples", "jsonld") else len(list(dataset.quads()))
        assert quads == len(store), name
        counts.add(len(store))
    assert len(counts) == 1
    out = io.StringIO()
    kg.export.get_format("graphml").writer()(graph, out, None)
    read = nx.read_graphml(io.BytesIO(out.getvalue().encode()))
    assert read.number_of_nodes() == len(graph.entities)
    assert read.number_of_edges() == len(graph.relations)
