"""Relations from dependency patterns: on the seeds, and on sentences of our own."""

import pytest

from kg.errors import OntologyError
from kg.extract.classifier import RelationModel
from kg.extract.relations import load_patterns
from kg.ontology import Ontology

from .conftest import graph_of


def relations(extractor, text: str) -> set[tuple[str, str, str]]:
    g = graph_of(extractor, {"d": text})
    names = {e.key: e.name for e in g.entities}
    return {(names[r.subject], r.predicate, names[r.object]) for r in g.relations}


@pytest.mark.parametrize("subject, predicate, obj", [
    ("Syrian Democratic Forces", "backedBy", "United States"),
    ("Syrian Observatory for Human Rights", "basedIn", "United Kingdom"),
    ("Mustafa Bali", "spokespersonOf", "Syrian Democratic Forces"),
    ("Donald Trump", "leaderOf", "United States"),
    ("Abu Bakr al-Baghdadi", "leaderOf", "Islamic State"),
    ("Islamic State", "attacked", "Syrian Democratic Forces"),
    ("Baghouz", "locatedIn", "Syria"),
    ("Florence Parly", "officialOf", "France"),
    ("Mike Pompeo", "officialOf", "United States"),
    ("People's Protection Units", "memberOf", "Syrian Democratic Forces"),
    ("Deir Ezzor", "locatedIn", "Syria"),
    ("Syrian Democratic Forces", "fights", "Islamic State"),
    ("Islamic State", "holds", "Baghouz"),
])
def test_seed_relations_come_out_with_their_sentences(seeds_graph, subject, predicate, obj):
    s, o = seeds_graph.entity(subject), seeds_graph.entity(obj)
    (rel,) = [r for r in seeds_graph.relations if (r.subject, r.predicate, r.object) == (s.key, predicate, o.key)]
    assert rel.support >= 1 and 0 < rel.confidence <= 1
    for ev in rel.evidence:
        assert ev.sentence and ev.pattern.startswith(predicate + "/")


@pytest.mark.parametrize("text, expected", [
    ("Hamas, backed by Iran, fired rockets.", ("Hamas", "backedBy", "Iran")),
    ("Hezbollah is backed by Iran.", ("Hezbollah", "backedBy", "Iran")),
    ("The Iran-backed Houthis attacked ships in the Red Sea.", ("Houthis", "backedBy", "Iran")),
    ("The Taliban-held town of Musa Qala fell silent.", ("Taliban", "holds", "Musa Qala")),
    ("The town of Kafr Nabl, held by Hayat Tahrir al-Sham, was shelled.",
     ("Hayat Tahrir al-Sham", "holds", "Kafr Nabl")),
    ("The Islamic State captured the city of Mosul in 2014.", ("Islamic State", "holds", "Mosul")),
    ("The London-based Amnesty International published a report.",
     ("Amnesty International", "basedIn", "London")),
    ("Amnesty International, based in London, criticised the raid.",
     ("Amnesty International", "basedIn", "London")),
    ("NATO Secretary-General Jens Stoltenberg warned Moscow.",
     ("Jens Stoltenberg", "officialOf", "North Atlantic Treaty Organization")),
    ("UN Secretary-General Antonio Guterres urged calm.", ("Antonio Guterres", "officialOf", "United Nations")),
    ("Kremlin spokesman Dmitry Peskov said talks would continue.", ("Dmitry Peskov", "spokespersonOf", "Kremlin")),
    ("Hamas leader Ismail Haniyeh was killed in Tehran.", ("Ismail Haniyeh", "leaderOf", "Hamas")),
    ("The Taliban attacked a NATO convoy near Kabul.", ("Taliban", "attacked", "North Atlantic Treaty Organization")),
    ("The strike hit Kharkiv, Ukraine, early on Friday.", ("Kharkiv", "locatedIn", "Ukraine")),
    ("Fighting continued in the Darfur region of Sudan.", ("Darfur", "locatedIn", "Sudan")),
    ("Hezbollah, allied with Iran, sent fighters.", ("Hezbollah", "alliedWith", "Iran")),
    ("The Houthis are allied with Iran.", ("Houthis", "alliedWith", "Iran")),
    ("Qatar joined OPEC in 1961.", ("Qatar", "memberOf", "Organization of the Petroleum Exporting Countries")),
    ("BBC correspondent Lyse Doucet reported from Kabul.",
     ("Lyse Doucet", "employedBy", "British Broadcasting Corporation")),
    ("John Smith, an analyst at Goldman Sachs, said prices would rise.", ("John Smith", "employedBy", "Goldman Sachs")),
    ("Pierre Dupont, a French citizen, was arrested.", ("Pierre Dupont", "citizenOf", "France")),
    ("French Defence Minister Florence Parly visited Iraq.", ("Florence Parly", "officialOf", "France")),
    ("Israeli Prime Minister Benjamin Netanyahu said the army would continue.",
     ("Benjamin Netanyahu", "leaderOf", "Israel")),
    ("Apple chief executive Tim Cook did not comment.", ("Tim Cook", "leaderOf", "Apple")),
    ("Hamas, which controls the Gaza Strip, is backed by Iran.", ("Hamas", "holds", "Gaza Strip")),
    ("Russian President Vladimir Putin met Chinese leader Xi Jinping in Beijing.", ("Xi Jinping", "leaderOf", "China")),
    ("Civilians fled fighting between Syrian Democratic Forces (SDF) and Islamic State (IS) jihadists in Baghuz.",
     ("Syrian Democratic Forces", "fights", "Islamic State")),
    ("The Kurdish-led SDF captured the town of Manbij.", ("SDF", "ledBy", "Kurds")),
    ("The SDF, spearheaded by the Kurdish YPG militia, advanced on Raqqa.",
     ("SDF", "ledBy", "People's Protection Units")),
    ("The SDF, spearheaded by the Kurdish YPG militia, advanced on Raqqa.",
     ("People's Protection Units", "memberOf", "SDF")),  # the spearhead is a member
    ("Hamas, led by Yahya Sinwar, fired rockets at Israel.", ("Yahya Sinwar", "leaderOf", "Hamas")),
    ("Mustafa Bali, head of the SDF media office, said the battle was fierce.", ("Mustafa Bali", "officialOf", "SDF")),
    ("Fighting raged in Iraq's Anbar province on Monday.", ("Anbar", "locatedIn", "Iraq")),
    ("Troops moved into the northern Iraqi Nineveh province on Monday.", ("Nineveh", "locatedIn", "Iraq")),
    ("Wang Yi met his Russian counterpart, Sergei Lavrov, in Beijing.", ("Sergei Lavrov", "officialOf", "Russia")),
    ("Dale Pruett was born in Springdale in 1950.", ("Dale Pruett", "livesIn", "Springdale")),
    ("Robert Haldane, who was born in Port Aldwin, spoke first.", ("Robert Haldane", "livesIn", "Port Aldwin")),
    ("Dana Whitcomb left the town of Oakhurst at 18, and the Oakhurst-born Whitcomb never went back.",
     ("Dana Whitcomb", "livesIn", "Oakhurst")),
    ("Nora Quill, a native of Kestrel County, said the plan failed.", ("Nora Quill", "livesIn", "Kestrel County")),
    ("Robert Haldane is a Port Aldwin resident.", ("Robert Haldane", "livesIn", "Port Aldwin")),
    ("Robert Haldane now lives in Port Aldwin with his family.", ("Robert Haldane", "livesIn", "Port Aldwin")),
    ("Dale Pruett grew up in Springdale, where his father farmed.", ("Dale Pruett", "livesIn", "Springdale")),
    ("Professor Nora Quill of Brackenridge University in Port Aldwin said so.",
     ("Brackenridge University", "basedIn", "Port Aldwin")),
    ("Britain's Barclays posted a loss.", ("Barclays", "basedIn", "United Kingdom")),
    # a property chain of kg.ttl: living in a town of a state is living in the state
    ("Dale Pruett of Oakhurst, Idaho, said the plan failed.", ("Dale Pruett", "livesIn", "Idaho")),
])
def test_constructions_of_news_text(extractor, text, expected):
    assert expected in relations(extractor, text)


def test_an_adjective_of_nationality_names_a_country_only_where_it_is_one(extractor):
    found = relations(extractor, "French Defence Minister Florence Parly met US-backed Syrian forces in Iraq.")
    assert ("Florence Parly", "officialOf", "France") in found
    assert not any("Syria" in (s, o) for s, _, o in found)  # Syrian forces are not the Syrian state
    g = graph_of(extractor, {"d": "French Defence Minister Florence Parly visited Iraq."})
    (france,) = [m for m in g.mentions if m.entity == "place/france"]
    assert france.text == "French" and france.start == 0


def test_the_most_specific_relation_wins(extractor):
    found = relations(extractor, "Israeli Prime Minister Benjamin Netanyahu said the army would continue.")
    assert found == {("Benjamin Netanyahu", "leaderOf", "Israel")}  # not also officialOf, its parent


def test_the_title_is_kept_as_the_role(extractor):
    g = graph_of(extractor, {"d": "NATO Secretary-General Jens Stoltenberg warned Moscow."})
    assert g.relations[0].roles == ["Secretary-General"]


@pytest.mark.parametrize("text", [
    "IS militants did not attack SDF fighters on Sunday.",
    "IS militants could attack SDF fighters if the coalition leaves.",
    "IS militants tried to attack SDF fighters on Sunday.",
    "Hezbollah wants to be backed by Iran.",
    "The SDF denied that IS militants attacked SDF fighters near the field.",
    "Bali did not say whether Hezbollah is backed by Iran.",
])
def test_negated_hypothetical_and_denied_statements_are_not_asserted(extractor, text):
    assert not {r for r in relations(extractor, text) if r[1] in ("attacked", "backedBy")}


def test_every_pattern_names_a_property_of_the_ontology():
    onto = Ontology.load()
    patterns = load_patterns(onto)
    assert len(patterns) >= 20
    assert {p.property for p in patterns} <= onto.properties
    assert {"backedBy", "holds", "basedIn", "leaderOf", "spokespersonOf", "attacked", "locatedIn"} <= \
        {p.property for p in patterns}


def test_open_relations_are_off_by_default_and_typed_by_their_verb_when_asked(tmp_path):
    import networkx as nx
    import rdflib

    import kg
    from kg.cli import main

    text = tmp_path / "talks.txt"
    text.write_text("Angela Merkel met Emmanuel Macron in Berlin on Monday. Macron did not call Vladimir Putin.")
    assert not kg.build([text]).relations
    graph = kg.build([text], open_relations=True)
    names = {e.key: e.name for e in graph.entities}
    assert [(names[r.subject], r.predicate, names[r.object]) for r in graph.relations] == \
        [("Angela Merkel", "verb:meet", "Emmanuel Macron")]  # the negated call is not asserted
    assert main(["build", str(text), "-o", str(tmp_path / "out"), "-q", "--no-cache", "--open-relations"]) == 0
    (edge,) = nx.read_graphml(tmp_path / "out" / "graph.graphml").edges(data=True)
    assert edge[2]["label"] == "meet"
    rdf = rdflib.Graph().parse(tmp_path / "out" / "graph.ttl")
    meet = rdflib.URIRef("https://example.org/kg/verb/meet")
    assert (meet, rdflib.RDFS.subPropertyOf, rdflib.URIRef("https://example.org/kg/ontology#relatedTo")) in rdf
    assert len(list(rdf.triples((None, meet, None)))) == 1


@pytest.mark.parametrize("text, expected", [
    ("Iraqi forces launched an offensive against the Islamic State group in Mosul on Monday.",
     {("Islamic State", "holds", "Mosul")}),
    ("Government troops began a push to oust the Taliban from the north. Officials said the offensive "
     "was focused on the town of Kunduz.", {("Taliban", "holds", "Kunduz")}),
    ("The army could launch an offensive against Hamas in Rafah.", set()),
    ("Iraqi forces launched an offensive against the Islamic State group in Iraq.", set()),
    ("Troops began an assault against Hamas in Gaza City and an offensive against Hezbollah in Tyre.", set()),
    ("The senator began a campaign against Google in California.", set()),
])
def test_the_place_a_campaign_against_one_opponent_aims_at_is_held_by_it(extractor, text, expected):
    found = {r for r in relations(extractor, text) if r[1] == "holds"}
    assert found == expected


def test_a_campaign_relation_cites_the_sentences_that_make_it(extractor):
    text = ("Government troops began a push to oust the Taliban from the north. Officials said the offensive "
            "was focused on the town of Kunduz.")
    g = graph_of(extractor, {"d": text})
    (rel,) = [r for r in g.relations if r.predicate == "holds"]
    (evidence,) = rel.evidence
    assert evidence.pattern == "holds/campaign-target" and evidence.sentence == text[evidence.start:evidence.end]
    assert evidence.sentence.startswith("Government troops") and evidence.sentence.endswith("Kunduz.")


def test_a_passage_over_boilerplate_is_quoted_as_the_document_has_it(extractor):
    text = ("Government troops began a push to oust the Taliban from the north.\nAdvertisement\n"
            "Officials said the offensive was focused on the town of Kunduz.")
    g = graph_of(extractor, {"d": text})
    (rel,) = [r for r in g.relations if r.predicate == "holds"]
    (evidence,) = rel.evidence
    assert evidence.sentence == text[evidence.start:evidence.end] and "Advertisement" in evidence.sentence


@pytest.mark.parametrize("text, expected", [
    ("Prosecutors say Martin Kowalski is the gunman who killed Anna Berg.", ("Martin Kowalski", "killed", "Anna Berg")),
    ("Laura Chen covers City Hall for the Boston Globe.", ("Laura Chen", "employedBy", "Boston Globe")),
    ("Laura Chen, a reporter for the Boston Globe, said the vote was close.",
     ("Laura Chen", "employedBy", "Boston Globe")),
    ("Peter Olsen, a lawyer from Denver, said the case was closed.", ("Peter Olsen", "livesIn", "Denver")),
])
def test_the_classifier_finds_what_no_pattern_states(extractor, text, expected):
    assert expected in relations(extractor, text)


def test_a_learned_relation_cites_its_sentence_with_its_probability(extractor):
    g = graph_of(extractor, {"d": "Rain fell all day. Prosecutors say Martin Kowalski is the gunman who killed "
                                  "Anna Berg in 1999."})
    (rel,) = [r for r in g.relations if r.predicate == "killed"]
    (evidence,) = rel.evidence
    assert evidence.pattern == "learned/killed"
    assert evidence.sentence == "Prosecutors say Martin Kowalski is the gunman who killed Anna Berg in 1999."
    threshold = RelationModel.from_data(extractor.ontology.relation_model, extractor.ontology.properties,
                                        extractor.ontology.classes).properties["killed"].threshold
    assert threshold <= rel.confidence < 1


@pytest.mark.parametrize("text", [
    "Martin Kowalski did not kill Anna Berg.",
    "Police could not say whether Martin Kowalski killed Anna Berg.",
])
def test_the_classifier_asserts_nothing_negated_or_hypothetical(extractor, text):
    assert not any(p == "killed" for _, p, _ in relations(extractor, text))


def test_no_killing_is_read_from_a_sentence_without_a_word_of_killing(extractor):
    killed = Ontology.load().relation_model["properties"]["killed"]
    assert {"kill", "murder", "assassinate"} <= set(killed["requires"])
    for text in ("Martin Kowalski was beaten by Peter Olsen in the semi-final at Wimbledon.",
                 "Martin Kowalski fired a forehand wide and Peter Olsen took the set."):
        assert not any(p == "killed" for _, p, _ in relations(extractor, text))


def test_a_contest_employs_nobody_but_a_festival_does(extractor):
    found = relations(extractor, "Nora Quill was a strong favourite for the US Open but, hampered by injury, lost "
                                 "to Elise Marchand in the semis.")
    assert not any(o == "US Open" for _, _, o in found)
    found = relations(extractor, "Dale Pruett of the Harlow Film Festival said the jury had chosen.")
    assert ("Dale Pruett", "employedBy", "Harlow Film Festival") in found


def test_a_subject_a_rule_affiliates_gets_no_learned_employer(extractor):
    found = relations(extractor, "Syrian Democratic Forces spokesman Mustafa Bali said on Saturday that more than "
                                 "20,000 civilians were evacuated from the areas held by the Islamic State group.")
    assert ("Mustafa Bali", "spokespersonOf", "Syrian Democratic Forces") in found
    assert not any(s == "Mustafa Bali" and p == "employedBy" for s, p, _ in found)


def test_the_shipped_relation_model_loads_and_knows_the_new_properties():
    ontology = Ontology.load()
    model = RelationModel.from_data(ontology.relation_model, ontology.properties, ontology.classes)
    assert {"employedBy", "livesIn", "killed", "locatedIn"} <= set(model.properties)
    killed = model.properties["killed"]
    assert killed.fits("Person", "Person") and not killed.fits("Place", "Person")
    features = ("types=Person>Person", "between=kill", "path=nsubj< >dobj")
    assert killed.probability(features) == killed.probability(tuple(reversed(features)))


@pytest.mark.parametrize("spec, complaint", [
    ({"properties": {"worksAt": {}}}, "'worksAt' is not a property"),
    ({"properties": {"killed": {"subject_types": ["Robot"], "object_types": ["Person"], "bias": 0,
                                "threshold": 0.5, "weights": {}}}}, "no class"),
    ({"properties": {"killed": {"subject_types": ["Person"], "object_types": ["Person"], "bias": 0,
                                "threshold": 0.5, "weights": {}, "unless": ["hates"]}}}, "'unless'"),
    ({"properties": {"killed": {"subject_types": ["Person"]}}}, "lacks a field"),
    ({"properties": {"killed": {"subject_types": ["Person"], "object_types": ["Person"], "bias": "high",
                                "threshold": 0.5, "weights": {}}}}, "lacks a field"),
])
def test_a_broken_relation_model_is_named_in_the_error(spec, complaint):
    ontology = Ontology.load()
    with pytest.raises(OntologyError, match=f"relation_model.json: .*{complaint}"):
        RelationModel.from_data(spec, ontology.properties, ontology.classes, "relation_model.json")


def test_a_dateline_says_where_a_story_was_filed_not_where_its_agency_is(extractor):
    found = relations(extractor, "BEIRUT (AP) — Laura Chen covers City Hall for the Boston Globe.")
    assert ("Laura Chen", "employedBy", "Boston Globe") in found
    assert not any(p == "basedIn" for _, p, _ in found)


def test_the_classifier_puts_no_country_inside_another_place(extractor):
    found = relations(extractor, "The Kurds fear an invasion of formerly US-occupied space in Syria, officials said.")
    assert ("United States", "locatedIn", "Syria") not in found


def test_a_language_a_contest_and_a_country_of_operations_are_no_seat(extractor):
    for text in ("The Bangkok Post in English reported the result of the Harlow Indoor Tournament in Springdale.",
                 "The Kurds launched a final push to defeat IS in Syria.",
                 "Robert Haldane spoke at the Springdale Motor Show in Port Aldwin."):
        assert not any(p == "basedIn" for _, p, _ in relations(extractor, text))


def test_a_dateline_puts_its_city_in_its_region_and_its_story_in_neither(extractor):
    found = relations(extractor, "SPRINGDALE, Kestrel County (AP) -- Nora Quill said on Friday the mill would close.")
    assert ("SPRINGDALE", "locatedIn", "Kestrel County") in found
    assert not any(s == "Nora Quill" for s, _, _ in found)


@pytest.mark.parametrize("text", [
    "Dale Pruett killed Robert Haldane in 1950.",
    "Robert Haldane was murdered by Dale Pruett.",
    "Dale Pruett, who shot and killed Robert Haldane, died in prison.",
    "Dale Pruett, the assassin of Robert Haldane, died in prison.",
    "Robert Haldane's assassin, Dale Pruett, died in prison.",
    "Dale Pruett, Robert Haldane's killer, died in prison.",
    "Dale Pruett fatally shot Robert Haldane in Springdale.",
    "Robert Haldane was mortally wounded by Dale Pruett.",
])
def test_who_killed_whom(extractor, text):
    assert ("Dale Pruett", "killed", "Robert Haldane") in relations(extractor, text)


@pytest.mark.parametrize("text", [
    "Dale Pruett tried to kill Robert Haldane.",
    "Dale Pruett plotted to assassinate Robert Haldane.",
])
def test_an_attempt_or_a_plot_to_kill_is_no_killing(extractor, text):
    assert not any(p == "killed" for _, p, _ in relations(extractor, text))


@pytest.mark.parametrize("text, expected", [
    # the legal form is the organisation's word in the parse
    ("The beef was sent to Velmar Meats Ltd. of Tulsa on Monday.", ("Velmar Meats", "basedIn", "Tulsa")),
    # an appositive company noun with its place, which also tells the name's kind
    ("Kestrel Robotics, a Tulsa software company, said on Monday it would hire 200 people.",
     ("Kestrel Robotics", "basedIn", "Tulsa")),
])
def test_where_an_organisation_is_based_from_its_legal_form_or_an_appositive(extractor, text, expected):
    assert expected in relations(extractor, text)


def test_a_person_in_apposition_to_a_place_and_a_job_is_no_company(extractor):
    assert not {r for r in relations(extractor, "Dale Pruett, a Tulsa lawyer, said he would appeal.")
                if r[1] == "basedIn"}


@pytest.mark.parametrize("text", [
    "Dale Pruett was a Peruvian songwriter, author and composer.",
    "Dale Pruett, a Peruvian novelist, won the prize on Monday.",
    "The Peruvian novelist Dale Pruett won the prize on Monday.",
])
def test_a_persons_nationality_from_the_adjective_of_what_they_are(extractor, text):
    assert ("Dale Pruett", "citizenOf", "Peru") in relations(extractor, text)


def test_a_continent_is_nobodys_nationality(extractor):
    found = relations(extractor, "Former European 200m champion Dale Pruett is to retire.")
    assert not {r for r in found if r[1] == "citizenOf"}


def test_a_company_said_to_be_one_has_no_nationality(extractor):
    found = relations(extractor, "Kestrel Robotics is a Peruvian company.")
    assert not {r for r in found if r[1] == "citizenOf"}
    assert ("Kestrel Robotics", "Organization") in {(e.name, e.type) for e in graph_of(
        extractor, {"d": "Kestrel Robotics is a Peruvian company."}).entities}
