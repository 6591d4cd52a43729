"""The Turtle and N-Triples exports, read back by two independent parsers: rdflib and pyoxigraph."""

import io

import pyoxigraph
import pytest
import rdflib
import rdflib.compare
from rdflib.namespace import RDF, RDFS, SKOS

from kg.errors import FormatError
from kg.export.ntriples import write_ntriples
from kg.export.turtle import write_turtle
from kg.model import DocumentInfo, Entity, Evidence, KnowledgeGraph, Relation

from .conftest import SEEDS

KGO = rdflib.Namespace("https://example.org/kg/ontology#")
NIF = rdflib.Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
PREFIXES = """PREFIX kgo: <https://example.org/kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""


@pytest.fixture(scope="module")
def turtle(seeds_out) -> rdflib.Graph:
    return rdflib.Graph().parse(seeds_out / "graph.ttl", format="turtle")


@pytest.fixture(scope="module")
def store(seeds_out) -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.bulk_load(path=str(seeds_out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    return store


def test_both_parsers_read_the_same_triples(seeds_out, turtle, store):
    assert len(turtle) == len(store) > 300
    nt = rdflib.Graph().parse(seeds_out / "graph.nt", format="nt")
    assert rdflib.compare.isomorphic(nt, turtle)


def test_entities_have_a_class_a_label_aliases_and_mentions(turtle, seeds_graph):
    isis = rdflib.URIRef("https://example.org/kg/entity/organization/islamic-state")
    assert (isis, RDF.type, KGO.Organization) in turtle
    assert turtle.value(isis, RDFS.label) == rdflib.Literal("Islamic State")
    assert {str(a) for a in turtle.objects(isis, SKOS.altLabel)} >= {"IS", "ISIS", "Isis", "Daesh"}
    assert int(turtle.value(isis, KGO.mentionCount)) == seeds_graph.entity("Islamic State").mentions
    assert len(set(turtle.objects(isis, KGO.mentionedIn))) == 5


def test_a_plain_sparql_query_finds_who_backs_whom(store):
    rows = store.query(PREFIXES + """SELECT ?s ?o WHERE { ?x kgo:backedBy ?y . ?x rdfs:label ?s . ?y rdfs:label ?o }""")
    assert ("Syrian Democratic Forces", "United States") in {(r["s"].value, r["o"].value) for r in rows}


def test_every_relation_carries_sentences_whose_offsets_point_into_the_document(store):
    rows = list(store.query(PREFIXES + """
        SELECT ?p ?file ?begin ?end ?sentence ?support WHERE {
          ?st a kgo:RelationStatement ; rdf:predicate ?p ; kgo:supportCount ?support ;
              prov:wasDerivedFrom ?ev .
          ?ev nif:beginIndex ?begin ; nif:endIndex ?end ; nif:anchorOf ?sentence ; nif:referenceContext ?doc .
          ?doc <http://purl.org/dc/terms/source> ?file .
        }"""))
    assert rows
    for r in rows:
        text = (SEEDS / r["file"].value).read_text(encoding="utf-8")
        assert text[int(r["begin"].value):int(r["end"].value)] == r["sentence"].value
        assert int(r["support"].value) >= 1


def test_documents_are_resources_with_hash_and_title(turtle):
    docs = set(turtle.subjects(RDF.type, KGO.Document))
    assert len(docs) == 5
    for doc in docs:
        assert len(str(turtle.value(doc, KGO.sha256))) == 64
    titles = {str(t) for t in turtle.objects(None, rdflib.URIRef("http://purl.org/dc/terms/title"))}
    assert "Backed Syrian fighters advance in clashes with Islamic State" in titles


def test_the_export_uses_only_terms_the_ontology_defines(turtle):
    onto = rdflib.Graph().parse(SEEDS.parent / "ontology" / "kg.ttl")
    used = {p for p in turtle.predicates() if str(p).startswith(str(KGO))} | \
        {o for o in turtle.objects(None, RDF.type) if str(o).startswith(str(KGO))}
    defined = set(onto.subjects(RDF.type, None))
    assert used and used <= defined


NASTY = "Quote \" back\\slash <angle> {brace} tab\t new\nline \x01 control é 東京 \U0001F600"


def test_a_base_iri_with_spaces_is_refused():
    with pytest.raises(FormatError, match="not an absolute IRI"):
        write_turtle(KnowledgeGraph([], [], [], []), io.StringIO(), "http://example.com/my base/")


def test_any_name_gives_valid_turtle_and_ntriples():
    graph = KnowledgeGraph(
        documents=[DocumentInfo("doc with spaces & <odd> chars", "a b.txt", "0" * 64, 3, title=NASTY)],
        entities=[Entity("person/x", NASTY, "Person", aliases=[NASTY + "2"], mentions=1,
                         documents=["doc with spaces & <odd> chars"]),
                  Entity("place/%E6%9D%B1%E4%BA%AC", "東京", "Place", mentions=1)],
        relations=[Relation("person/x", "citizenOf", "place/%E6%9D%B1%E4%BA%AC", 0.5,
                            [Evidence("doc with spaces & <odd> chars", 0, 3, NASTY, "p/1")], roles=[NASTY])],
        mentions=[])
    for writer, fmt, ox in ((write_turtle, "turtle", pyoxigraph.RdfFormat.TURTLE),
                            (write_ntriples, "nt", pyoxigraph.RdfFormat.N_TRIPLES)):
        out = io.StringIO()
        writer(graph, out, "http://example.com/news-kg/")
        parsed = rdflib.Graph().parse(data=out.getvalue(), format=fmt)
        assert NASTY in {str(o) for o in parsed.objects()}
        assert len(list(pyoxigraph.parse(out.getvalue().encode(), format=ox))) == len(parsed)


def test_each_statement_names_the_patterns_that_found_it_even_when_two_share_a_sentence():
    sentence = Evidence("d", 0, 40, "Hamas, backed by Iran, which controls Gaza", "backedBy/passive-participle")
    graph = KnowledgeGraph(
        documents=[DocumentInfo("d", "d.txt", "0" * 64, 7)],
        entities=[Entity("organization/hamas", "Hamas", "Organization"), Entity("place/iran", "Iran", "Place"),
                  Entity("place/gaza", "Gaza", "Place")],
        relations=[Relation("organization/hamas", "backedBy", "place/iran", 0.85, [sentence]),
                   Relation("organization/hamas", "holds", "place/gaza", 0.7,
                            [Evidence("d", 0, 40, sentence.sentence, "holds/active-verb")])],
        mentions=[])
    out = io.StringIO()
    write_turtle(graph, out)
    store = pyoxigraph.Store()
    store.load(out.getvalue().encode(), format=pyoxigraph.RdfFormat.TURTLE)
    rows = store.query("""PREFIX kgo: <https://example.org/kg/ontology#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?p ?pattern WHERE { ?st a kgo:RelationStatement ; rdf:predicate ?p ; kgo:pattern ?pattern }""")
    found = {(row["p"].value.rpartition("#")[2], row["pattern"].value) for row in rows}
    assert found == {("backedBy", "backedBy/passive-participle"), ("holds", "holds/active-verb")}
