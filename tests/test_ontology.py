"""ontology/: the vocabulary and the data files load, and describe every term the export uses."""

import json
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from kg.errors import OntologyError
from kg.ontology import ONTOLOGY_DIR, Ontology

KGO = rdflib.Namespace("https://example.org/kg/ontology#")
RELATIONS = ["backedBy", "holds", "locatedIn", "basedIn", "memberOf", "leaderOf", "spokespersonOf", "officialOf",
             "attacked", "fights", "alliedWith", "citizenOf", "employedBy"]


@pytest.fixture(scope="module")
def vocab():
    return rdflib.Graph().parse(ONTOLOGY_DIR / "kg.ttl")


def test_every_term_has_a_label_and_a_comment(vocab):
    terms = [s for s in vocab.subjects(RDF.type, None) if str(s).startswith(str(KGO))]
    assert len(terms) > 30
    for term in terms:
        assert vocab.value(term, RDFS.label) is not None, term
        assert vocab.value(term, RDFS.comment) is not None, term


@pytest.mark.parametrize("name", RELATIONS)
def test_relations_have_domain_range_and_a_parent(vocab, name):
    prop = KGO[name]
    assert (prop, RDF.type, OWL.ObjectProperty) in vocab
    assert vocab.value(prop, RDFS.domain) is not None and vocab.value(prop, RDFS.range) is not None
    assert vocab.value(prop, RDFS.subPropertyOf) is not None


def test_ner_labels_map_to_classes():
    onto = Ontology.load()
    assert {onto.class_for_label(x) for x in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")} == \
        {"Person", "Organization", "Place", "Group"}
    assert onto.class_for_label("DATE") is None


def test_a_broken_data_file_is_named_in_the_error(tmp_path):
    for f in ONTOLOGY_DIR.iterdir():
        if f.suffix in (".ttl", ".json"):
            (tmp_path / f.name).write_bytes(f.read_bytes())
    (tmp_path / "names.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(OntologyError, match=r"names\.json: not valid JSON"):
        Ontology.load(tmp_path)


def test_alias_table_entries_are_well_formed():
    data = json.loads((ONTOLOGY_DIR / "aliases.json").read_text(encoding="utf-8"))
    classes = set(Ontology.load().classes)
    for entry in data["entities"]:
        assert entry["type"] in classes and entry["name"] and isinstance(entry["aliases"], list)


def test_every_package_of_kg_is_installed_by_pyproject():
    tomllib = pytest.importorskip("tomllib")
    root = Path(__file__).resolve().parents[1]
    listed = set(tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    packages = {".".join(p.parent.relative_to(root).parts) for p in (root / "kg").rglob("__init__.py")}
    assert packages <= listed


def test_property_chains_come_from_the_vocabulary():
    chains = Ontology.load().property_chains
    assert chains["livesIn"] == ("locatedIn",) and chains["basedIn"] == ("locatedIn",)
    assert chains["locatedIn"] == ("locatedIn",)  # an owl:TransitiveProperty
    assert "employedBy" not in chains
