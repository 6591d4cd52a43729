import pytest

from kg.extract.entities import team_sport

from .conftest import analyse_texts, graph_of


def names(extractor, text):
    (result,) = analyse_texts(extractor, {"d": text})
    return {(e.name, e.type) for e in result.entities}, result


@pytest.mark.parametrize("text, name, type_", [
    ("The United Nations said on Monday that aid had reached the city.", "United Nations", "Organization"),
    ("Angela Merkel's government fell on Tuesday.", "Angela Merkel", "Person"),
    ("President Emmanuel Macron spoke in Paris on Friday.", "Emmanuel Macron", "Person"),
    ("“We will win,” said Mr. Boris Johnson at the rally in London.", "Boris Johnson", "Person"),
    ("Fighters of the Islamic State group withdrew from the town.", "Islamic State", "Organization"),
    ("The Kurds have largely stayed out of the civil war.", "Kurds", "Group"),
    ('"I think it is a win," said Supervisor Nora Quill of Kestrel County.', "Nora Quill", "Person"),
    ("Chefs Nora Quill and Dana Whitcomb have joined the campaign.", "Nora Quill", "Person"),
])
def test_names_are_clean(extractor, text, name, type_):
    found, _ = names(extractor, text)
    assert (name, type_) in found
    assert not any(n.lower().startswith("the ") or n.endswith(("'s", "’s")) for n, _ in found)


def test_national_adjectives_are_mentions_of_their_country_never_its_name(extractor):
    found, result = names(extractor, "Kurdish and Syrian officials met French diplomats in Geneva.")
    assert found == {("Geneva", "Place"), ("Syria", "Place"), ("France", "Place")}
    assert {m.text for m in result.mentions} == {"Syrian", "French", "Geneva"}
    assert all(e.forms == (e.name,) for e in result.entities)


def test_a_people_stays_a_group(extractor):
    found, _ = names(extractor, "The Iraqis and the Kurds signed the deal.")
    assert {("Iraqis", "Group"), ("Kurds", "Group")} <= found


def test_a_country_the_tagger_cut_off_a_name_joins_it(extractor):
    found, result = names(extractor, "He won his third successive U.S. Amateur Championship title.")
    assert [m.text for m in result.mentions] == ["U.S. Amateur Championship"]
    assert "United States" not in {n for n, _ in found}
    _, result = names(extractor, "The U.S. Agriculture Department, in Washington Monday, said so.")
    assert "Washington" in [m.text for m in result.mentions]  # a day is no part of a name


def test_capitalised_acronyms_are_entities_but_the_verb_is_not(extractor):
    found, result = names(extractor, "IS militants attacked the town, which is near the border with Iraq.")
    assert ("IS", "Organization") in found
    assert all(m.text != "is" for m in result.mentions)


def test_acronym_defined_in_the_text_joins_its_name(extractor):
    _, result = names(extractor, "The Syrian Democratic Forces (SDF) advanced. SDF commanders said the town fell.")
    (sdf,) = [e for e in result.entities if e.name == "Syrian Democratic Forces"]
    assert sdf.acronym == "SDF" and "SDF" in sdf.forms
    assert ("SDF", "acronym defined in the text") in sdf.links
    assert len([e for e in result.entities if e.type == "Organization"]) == 1


def test_surname_after_the_full_name_joins_it(extractor):
    _, result = names(extractor, "Mustafa Bali, a spokesman, spoke on Monday. Bali said the battle was fierce.")
    people = [e for e in result.entities if e.type == "Person"]
    assert len(people) == 1 and people[0].name == "Mustafa Bali" and "Bali" in people[0].forms


def test_two_people_sharing_a_surname_stay_apart_in_a_document(extractor):
    _, result = names(extractor, "Frank Lampard coached his son Luke Lampard. Lampard smiled.")
    people = {e.name for e in result.entities if e.type == "Person"}
    assert {"Frank Lampard", "Luke Lampard"} <= people


def test_mention_offsets_point_into_the_original_text(extractor):
    text = "Advertisement\nBanner Top\n\nThe SDF, backed by U.S. air power, drove IS from Baghouz.\n"
    _, result = names(extractor, text)
    assert result.mentions
    for m in result.mentions:
        assert text[m.start:m.end] == m.text
    assert {m.text for m in result.mentions} >= {"SDF", "U.S.", "IS", "Baghouz"}
    assert not any("Advertisement" in m.text or "Banner" in m.text for m in result.mentions)


def test_a_name_is_a_name_throughout_its_article(extractor):
    text = "Nora Quill checked into a clinic on Tuesday. Quill had said in May that Quill was fine."
    _, result = names(extractor, text)
    starts = {m.start for m in result.mentions if m.text == "Quill"}
    assert starts == {text.index("Quill had"), text.index("Quill was")}
    (quill,) = [e for e in result.entities if e.type == "Person"]
    assert quill.name == "Nora Quill"


def test_a_peoples_adjective_is_not_a_group(extractor):
    found, _ = names(extractor, "Civilians fled Kurdish-held territory as Kurdish forces advanced on the town.")
    assert all(t != "Group" for _, t in found)


def test_the_head_noun_with_the_names_the_organisation_again(extractor):
    _, result = names(extractor, "The Britain-based Syrian Observatory for Human Rights counted the dead. "
                                 "The Observatory said 12 gunmen attacked. The State Department declined to comment.")
    (sohr,) = [e for e in result.entities if e.name == "Syrian Observatory for Human Rights"]
    assert "Observatory" in sohr.forms
    assert ("Observatory", "shortened name") in sohr.links
    assert not any(m.text == "State" for m in result.mentions)


@pytest.mark.parametrize("text, name, nickname", [
    ('Sergeant Juan Carlos (Charlie) Mendez, 35, was shot in the head. Mendez died later.',
     "Juan Carlos Mendez", "Charlie Mendez"),
    ("Tyrone 'Ty' Marshall, 16, was killed by police in Baltimore.", "Tyrone Marshall", "Ty Marshall"),
    ('Mobster Carmine "The Snake" Persico died in prison. Persico was 85.', "Carmine Persico", None),
])
def test_a_nickname_in_quotes_or_brackets_leaves_the_name(extractor, text, name, nickname):
    _, result = names(extractor, text)
    (person,) = [e for e in result.entities if e.type == "Person"]
    assert person.name == name
    assert (nickname, "nickname given in the text") in person.links if nickname else not person.links or all(
        rule != "nickname given in the text" for _, rule in person.links)
    assert len({m.entity for m in result.mentions if m.entity == result.entities.index(person)}) == 1
    assert all(text[m.start:m.end] == m.text for m in result.mentions)


def test_a_bracketed_initial_or_acronym_is_no_nickname(extractor):
    found, result = names(extractor, "Senator Dana Whitcomb (D) Ill said on Monday that Reuters (AP) Smith was right.")
    assert ("Dana Whitcomb", "Person") in found
    assert not any(name in ("Dana Ill", "Dana Whitcomb Ill", "Reuters Smith") for name, _ in found)
    assert not any(e.links for e in result.entities)


def test_a_surname_is_a_name_throughout_its_article(extractor):
    text = ("Tyler Robinson, 17, was convicted on Friday. Then Robinson told police he fired. "
            "Mr. Robinson denied it.")
    _, result = names(extractor, text)
    (robinson,) = [e for e in result.entities if e.type == "Person"]
    assert robinson.name == "Tyler Robinson"
    assert sum(m.text == "Robinson" for m in result.mentions) == 2


def test_a_surname_shared_by_two_people_joins_neither(extractor):
    text = "Tyler Robinson was convicted. His mother Rosa Robinson cried. Robinson said nothing."
    _, result = names(extractor, text)
    people = {e.name for e in result.entities if e.type == "Person"}
    assert {"Tyler Robinson", "Rosa Robinson"} <= people


def test_a_capitalised_plural_after_the_names_an_organisation(extractor):
    text = ("The Kestrels fired coach Dale Pruett on Saturday. The Blue Hornets beat the Kestrels, and the "
            "Blue Hornets went on. The Kurds and the Americans sang the Psalms, and the Psalms went on.")
    found, _ = names(extractor, text)
    assert {("Kestrels", "Organization"), ("Blue Hornets", "Organization")} <= found
    assert ("Psalms", "Organization") not in found
    assert not any(t == "Organization" and n in ("Kurds", "Americans") for n, t in found)


def test_a_plural_written_once_is_no_name(extractor):
    found, _ = names(extractor, "Fans of the Kestrels cheered on Monday.")
    assert ("Kestrels", "Organization") not in found


def test_a_name_in_capitals_is_the_same_name(extractor):
    text = "BECKHAM JOINS THE GALAXY IN LOS ANGELES\nDavid Beckham signed with the Galaxy on Friday. Beckham is 31."
    _, result = names(extractor, text)
    capitals = [m for m in result.mentions if m.text == "BECKHAM"]
    assert capitals and result.entities[capitals[0].entity].name == "David Beckham"


@pytest.mark.parametrize("text, kept, not_kept", [
    ("The former U.S. Open champ Dale Pruett won.", "U.S. Open", "U.S."),
    ("U.S. President Bill Clinton spoke on Friday.", "U.S.", "U.S. President"),
    ("French Defence Minister Florence Parly spoke.", "Florence Parly", "French Defence"),
])
def test_a_country_begins_an_untagged_name_but_never_a_title(extractor, text, kept, not_kept):
    _, result = names(extractor, text)
    mentioned = {m.text for m in result.mentions}
    assert kept in mentioned and not_kept not in mentioned


@pytest.mark.parametrize("text, team, country", [
    ("France beat Belgium 2-1 in Paris on Saturday.", "Belgium national team", None),
    ("Australia v England at Lord's: Australia 245.", "England national team", None),
    ("Australia lost the vote in France, officials said.", None, "Australia"),
    ("Scotland voted to stay in the United Kingdom.", None, "Scotland"),
])
def test_a_country_in_a_sports_result_is_its_national_team(extractor, text, team, country):
    found, _ = names(extractor, text)
    if team:
        assert (team, "Organization") in found
    if country:
        assert (country, "Place") in found and f"{country} national team" not in {n for n, _ in found}


MATCH_REPORT = """LONDON 1996-09-01
England beat Moldova 3-0 in a World Cup qualifier on Sunday. The striker scored twice after halftime and
the goalkeeper of England was rarely tested. Moldova host Italy next month; the game is played in Moldova.
Marco Rossi (Italy) was booked.
"""


def test_a_city_that_stands_for_the_club_named_after_it_is_the_club(extractor):
    from kg.extract.entities import NamedSpan, _clubs_named_after_places, _story_sport

    text = ("Joe Harlan beat the Calgary Stampeders 20-13 in Calgary on Sunday. The quarterback threw a "
            "touchdown pass, but Calgary took the lead before halftime; a late field goal sealed it.")
    doc = extractor.nlp(text)

    def span(name, type_, nth=0):
        start = [i for i in range(len(text)) if text.startswith(name, i)][nth]
        piece = doc.char_span(start, start + len(name))
        return NamedSpan(start, start + len(name), name, type_, (piece.start, piece.end))

    spans = [span("Calgary Stampeders", "Organization"), span("Calgary", "Place", 1), span("Calgary", "Place", 2)]
    cues = extractor.ontology.team_cues
    renamed = _clubs_named_after_places(doc, text, spans, extractor.ontology, _story_sport(text, cues))
    assert [s.name for s in renamed] == ["Calgary Stampeders", "Calgary", "Calgary Stampeders"]  # in it; the side


def test_a_country_in_a_story_about_a_team_sport_is_that_sports_team_unless_a_place(extractor):
    _, result = names(extractor, MATCH_REPORT)
    teams = {result.entities[m.entity].name for m in result.mentions
             if result.entities[m.entity].type == "Organization"}
    assert {"England national football team", "Moldova national football team",
            "Italy national football team"} <= teams
    places = {m.text for m in result.mentions if result.entities[m.entity].type == "Place"}
    assert {"LONDON", "Moldova", "Italy"} <= places  # the dateline, "in Moldova", "(Italy)"


def test_a_country_in_a_story_the_wire_files_under_a_team_sport_is_its_team(extractor):
    _, result = names(extractor, "SOCCER - PERU HOLD ICELAND.\nLIMA 1996-09-01\n"
                                 "Peru and Iceland drew 1-1 in a friendly in Lima on Saturday.\n"
                                 "Scorers:\nPeru - Dale Pruett (12th minute)\nIceland - Robert Haldane (80th)\n")
    named = {(m.text, result.entities[m.entity].name) for m in result.mentions if m.text in ("Peru", "Iceland")}
    assert named == {("Peru", "Peru national football team"), ("Iceland", "Iceland national football team")}


def test_every_mention_of_a_country_in_a_match_report_is_its_team_however_it_was_found(extractor):
    _, result = names(extractor, "FOOTBALL - ICELAND BEAT PERU 3-1.\nLIMA 1996-09-01\nIceland beat Peru 3-1 "
                                 "(halftime 1-0) in an international friendly on Friday.\n")
    named = {(m.text, result.entities[m.entity].name) for m in result.mentions if m.text != "LIMA"}
    assert named == {("ICELAND", "Iceland national football team"), ("PERU", "Peru national football team"),
                     ("Iceland", "Iceland national football team"), ("Peru", "Peru national football team")}


def test_a_town_that_says_where_a_match_was_played_is_no_side(extractor):
    found, _ = names(extractor, "Fresno (Memorial Stadium): Tulsa Oilers 21, Boise State 14.\nThe quarterback "
                                "threw three touchdowns and a field goal at Memorial Stadium, Fresno.\n")
    assert ("Fresno", "Place") in found
    assert not [name for name, _ in found if name.endswith("team")]


def test_a_town_standing_for_a_side_the_story_names_no_club_of_is_named_for_the_resolver(extractor):
    found, _ = names(extractor, "Tulsa won again on Sunday. The quarterback threw two touchdowns and a field goal "
                                "sealed it.\nFans in Tulsa cheered.\n")
    assert found == {("Tulsa american football team", "Organization"), ("Tulsa", "Place")}


def test_a_players_surname_the_tagger_took_for_a_town_is_the_player_not_a_side(extractor):
    found, _ = names(extractor, "Peru lost 19-13 to Iceland in the Six Nations rugby union match at Lansdowne "
                                "Road on Saturday. Peruvian referee Gideon Parkwell ruled that Tollesbury was "
                                "ahead of Robert Haldane when the fly-half hoisted his kick. \"I think Mark Tollesbury "
                                "scored a perfectly legal try,\" said the coach.")
    assert ("Mark Tollesbury", "Person") in found
    assert not [name for name, _ in found if "Tollesbury" in name and name != "Mark Tollesbury"]


@pytest.mark.parametrize("text, found", [
    ("Crude traded thinly ahead of the U.S. Memorial Day weekend, dealers said.", {("U.S.", "Place")}),
    ("Shops closed early on Memorial Day.", set()),
    ("Doris Day sang on Memorial Day.", {("Doris Day", "Person")}),
])
def test_a_holiday_is_no_entity_but_the_place_that_begins_its_name_is_one(extractor, text, found):
    assert names(extractor, text)[0] == found


def test_an_adjective_of_nationality_glued_to_a_given_name_or_to_words_in_lower_case_is_taken_apart(extractor):
    found, _ = names(extractor, "Dale Pruett, chasing an eighth Tulsa Open title, plays second-seeded Australian "
                                "Rodney Quill in the final.")
    assert {("Rodney Quill", "Person"), ("Australia", "Place")} <= found
    from spacy.tokens import Span

    from kg.extract.entities import _nationalities_apart
    doc = extractor.nlp.make_doc("The Peruvian transport ministry said so.")
    (ent,) = _nationalities_apart([Span(doc, 1, 4, label="ORG")], extractor.ontology)
    assert (ent.text, ent.label_) == ("Peruvian", "NORP")


def test_people_the_tagger_missed_are_found_by_their_country_in_brackets(extractor):
    found, _ = names(extractor, "Add women's singles, third round\n2 - Dana Whitcomb (Peru) beat Nora Haldane (Nepal)\n"
                                "6-0 6-2\n")
    assert {("Dana Whitcomb", "Person"), ("Nora Haldane", "Person")} <= found
    # words the article writes in lower case, a kind of organisation or a legal form make no person's name
    found, _ = names(extractor, "Even Tulsa (Oklahoma) voted for it, and even Kestrel Bank (Peru) paid up.")
    assert not {n for n, t in found if t == "Person"}


def test_a_word_for_a_kind_of_organisation_alone_is_no_name_unless_the_article_names_it_in_full(extractor):
    found, result = names(extractor, "The Museum opens at nine, the University said on Monday.")
    assert found == set()
    found, result = names(extractor, "The Kestrel Museum reopened on Monday. The Museum had been shut for a year.")
    assert found == {("Kestrel Museum", "Organization")} and len(result.mentions) == 2
    found, _ = names(extractor, "The Army said on Monday that two soldiers were hurt.")
    assert ("Army", "Organization") in found  # a national institution, as the news names it


@pytest.mark.parametrize("text, sport", [
    (MATCH_REPORT, "football"),
    ("The bowler took four wickets as the batsmen collapsed on the last day of the test match.", "cricket"),
    ("Football clubs' revenue rose; football's governing body FIFA and the football league agreed.", None),
    ("The striker scored.", None),
    ("SOCCER - PERU HOLD ICELAND.\nThe sides drew 1-1.", "football"),  # the wire's label files it
    ("RUGBY LEAGUE - PERU HOLD ICELAND.\nThe sides drew 1-1.", None),  # no sport of the cues
    ("Peru - Dale Pruett (12th minute)", None),  # no sport's name before the dash
])
def test_the_team_sport_of_a_story_is_the_one_whose_words_of_play_it_uses(extractor, text, sport):
    cues = extractor.ontology.team_cues
    assert team_sport(text, cues["sports"], cues["min_sport_words"], frozenset(cues["topic_words"])) == sport


def test_a_result_glued_to_a_name_is_cut_off(extractor):
    _, result = names(extractor, "Romania beat Lithuania 2-1 (halftime 1-1) on Friday.")
    assert {m.text for m in result.mentions} >= {"Romania", "Lithuania"}
    assert not any(any(c.isdigit() for c in e.name) for e in result.entities)


@pytest.mark.parametrize("text, place", [
    ("BEIRUT — U.S.-backed Syrian forces said Saturday they had launched a final push.", "BEIRUT"),
    ("AOSTA, Italy (AP) -- Three climbers died on the mountain on Sunday.", "AOSTA"),
    ("MEXICO CITY (AP) -- The peso fell for a third day.", "MEXICO CITY"),
    ("AL-AIN, United Arab Emirates 1996-12-06\nJapan beat Syria 2-1 in the Asian Cup.", "AL-AIN"),
    ("WASHINGTON (Reuters) - The Senate voted on Tuesday.", "WASHINGTON"),
])
def test_a_datelines_place_is_a_place(extractor, text, place):
    (result,) = analyse_texts(extractor, {"d": text})
    assert (place, "Place") in {(e.name, e.type) for e in result.entities}


def test_a_line_in_capitals_is_no_dateline_when_its_words_are_ordinary(extractor):
    (result,) = analyse_texts(extractor, {"d": "BREAKING — the minister resigned over the breaking scandal."})
    assert not any(e.name == "BREAKING" for e in result.entities)


FOOTBALL_RESULTS = """Results of English league soccer matches on Saturday:
Division two
Crewe 0 Watford 2
Harlow Rovers 2 Hartlepool 0
Shrewsbury 0 Brentford 3
Romania 2 Bulgaria 1
The referee sent off two players at Crewe, the league said.
"""
GOLF_RESULTS = """Leading scores after the first round of the Greater Springdale Open on Thursday:
1. Dale Pruett (U.S.) 64 65
2. Robert Haldane (U.S.) 62 67
3. Pieter Vosloo (South Africa) 66 66
"""


def test_the_sides_of_a_results_table_are_names_without_their_scores(extractor):
    found, result = names(extractor, FOOTBALL_RESULTS)
    assert {("Watford", "Organization"), ("Harlow Rovers", "Organization"), ("Hartlepool", "Organization"),
            ("Brentford", "Organization"), ("Romania national team", "Organization")} <= found
    assert not any(any(c.isdigit() for c in m.text) for m in result.mentions)
    assert "Division" not in {n for n, _ in found}


def test_a_competitor_listed_with_a_country_is_a_person_and_the_country_a_place(extractor):
    found, _ = names(extractor, GOLF_RESULTS)
    assert {("Dale Pruett", "Person"), ("Robert Haldane", "Person"), ("South Africa", "Place")} <= found


def test_the_sides_of_fixtures_are_names(extractor):
    found, _ = names(extractor, "AMERICAN LEAGUE\nOAKHURST AT MELLFORD\nDUNMORE AT TOLLESBURY\n"
                                "PORT ALDWIN AT SPRINGDALE\nPostponed: Harlow v Kestrel County\n")
    assert {"OAKHURST", "MELLFORD", "DUNMORE", "PORT ALDWIN", "Harlow", "Kestrel County"} <= {n for n, _ in found}
    assert "Postponed" not in {n for n, _ in found}


def test_capitalised_words_of_a_row_outside_a_table_are_left_to_the_tagger(extractor):
    found, _ = names(extractor, "Shares of Acme rose 3 percent to 41 cents on Friday, traders said.\n")
    assert not {n for n, _ in found} & {"Shares", "Friday"}


def test_a_number_in_a_name_outside_a_table_stays(extractor):
    found, _ = names(extractor, "The documentary was shown on Channel 4 in Britain last year.")
    assert "Channel 4" in {n for n, _ in found}


@pytest.mark.parametrize("text, place, country", [
    ("Troops moved into the northern Iraqi Nineveh province on Monday.", "Nineveh", "Iraq"),
    ("Fighting spread to the southern Afghan Helmand province.", "Helmand", "Afghanistan"),
])
def test_an_adjective_glued_to_a_place_before_a_place_noun_is_its_country(extractor, text, place, country):
    found, _ = names(extractor, text)
    assert {(place, "Place"), (country, "Place")} <= found


def test_an_adjective_stays_in_an_organisations_name_before_a_place_noun(extractor):
    found, _ = names(extractor, "The Syrian Democratic Forces area was calm on Monday.")
    assert "Democratic Forces" not in {n for n, _ in found}


@pytest.mark.parametrize("text, name, type_", [
    ("Robert Haldane Academy opened its doors on Monday.", "Robert Haldane Academy", "Organization"),
    ("Fort Pruett was quiet.", "Fort Pruett", "Place"),
])
def test_a_name_whose_last_or_first_word_no_persons_name_has_is_no_person(extractor, text, name, type_):
    assert extractor.nlp(text).ents[0].label_ == "PERSON"  # the tagger's reading, which the words overrule
    found, _ = names(extractor, text)
    assert (name, type_) in found


def test_the_words_a_persons_name_never_ends_or_begins_with():
    from kg.extract.entities import _kind_named_by_its_words
    from kg.ontology import Ontology

    cues = Ontology.load().type_cues
    assert _kind_named_by_its_words("Brackenridge College", cues) == "Organization"
    assert _kind_named_by_its_words("Kestrel River", cues) == "Place"
    assert _kind_named_by_its_words("Mount Velmar", cues) == "Place"
    # surnames that are also words of places or institutions
    assert _kind_named_by_its_words("Nora Court", cues) is None
    assert _kind_named_by_its_words("Dana Lake", cues) is None
    assert _kind_named_by_its_words("College", cues) is None  # one word: no name to read


@pytest.mark.parametrize("text, name, type_", [
    ("Twitter CEO Jack Dorsey said on Monday that Twitter would ban political ads.", "Twitter", "Organization"),
    ("Tuvalu's economy depends on fishing; Tuvalu sells stamps.", "Tuvalu", "Place"),
    ("Zoom CEO Eric Yuan said Zoom would grow.", "Zoom", "Organization"),
    ("Manchester United manager Sir Alex Ferguson was angry.", "Manchester United", "Organization"),
])
def test_the_words_after_a_name_tell_its_kind_throughout_the_article(extractor, text, name, type_):
    found, _ = names(extractor, text)
    assert (name, type_) in found


@pytest.mark.parametrize("text, name", [
    ("SPRINGDALE, Ark.", "SPRINGDALE"),
    ("The depots are at Elk Grove, Calif.; Camp Hale, Colo.; and Cedar Falls, Iowa.", "Cedar Falls"),
])
def test_a_name_before_a_comma_and_its_region_is_a_place(extractor, text, name):
    found, _ = names(extractor, text)
    assert (name, "Place") in found


def test_a_region_that_goes_on_says_nothing_of_the_name_before_it(extractor):
    found, _ = names(extractor, "Ford, Michigan's biggest employer, said it would hire.")
    assert ("Ford", "Place") not in found


def test_an_ordinary_word_capitalised_only_to_open_a_sentence_is_no_name(extractor):
    found, _ = names(extractor, "How long to cook Foccacia?\n\nCook in a preheated oven at 200C for 20 minutes. "
                                "Then cook it again.")
    assert "Cook" not in {n for n, _ in found}


@pytest.mark.parametrize("text, word", [
    ("Fares fell. Budget carriers Kestrel Air and Velmar Jet cut fares again.", "Budget"),
    ("Tacit approval from Kestrel County came later.", "Tacit"),
])
def test_a_word_the_tagger_reads_as_no_proper_noun_where_it_opens_a_sentence_is_no_name(extractor, text, word):
    found, _ = names(extractor, text)
    assert word not in {n for n, _ in found}
    assert found  # the names after it stay


def test_a_word_before_a_title_where_it_opens_a_sentence_stays_a_name(extractor):
    found, _ = names(extractor, "It rained. Budget spokesman Dale Pruett said so.")
    assert ("Budget", "Organization") in found


def test_a_word_the_article_capitalises_inside_a_sentence_stays_a_name(extractor):
    from kg.extract.entities import _without_ordinary_words, lowercase_words, named_spans

    doc = extractor.nlp("Fares fell. Budget carriers cut fares again. Fliers prefer the seats of Budget to others.")
    spans = [s for s in named_spans(doc, extractor.ontology, lowercase_words(doc.text)) if s.name == "Budget"]
    opening = [s for s in spans if s.tokens[0] == 3]  # the tagger's reading there alone: "Budget carriers" (NN)
    assert doc[3].tag_ not in ("NNP", "NNPS") and opening
    kept, _ = _without_ordinary_words(doc, opening, [False], lowercase_words(doc.text), frozenset(), {})
    assert kept == opening


def test_a_people_is_not_short_for_a_people_qualified(extractor):
    found, _ = names(extractor, "African Americans make up 13 percent of Americans, and Americans voted.")
    assert {("African Americans", "Group"), ("Americans", "Group")} <= found


def test_a_word_of_a_longer_name_is_no_ordinary_word(extractor):
    found, _ = names(extractor, "Prime Minister Theresa May said on Tuesday that she may go. May left for Brussels.")
    assert ("Theresa May", "Person") in found


def test_an_address_writes_no_word_in_lower_case():
    from kg.extract.entities import lowercase_words

    words = lowercase_words("jane.doe.mp@parliament.uk, see bbc.co.uk/news or the end.")
    assert words == {"see", "or", "the", "end"}


def test_a_place_before_its_markets_words_stays_a_place(extractor):
    found, _ = names(extractor, "Tokyo shares fell on Monday, and Asian shares followed.")
    assert {("Tokyo", "Place"), ("Asia", "Place")} <= found


def test_a_role_after_a_person_with_no_holder_is_no_cue(extractor):
    found, _ = names(extractor, "The Comets fired Tom Reddick and named Dale Pruett coach. Pruett played there.")
    assert ("Dale Pruett", "Person") in found


def test_a_headlines_verb_and_preposition_are_cut_off_a_persons_name(extractor):
    found, _ = names(extractor, "Marla Quint Checks Into Rehab at Sunrise Clinic\n"
                                "Early Friday the actress checked into rehab.")
    assert ("Marla Quint", "Person") in found


def test_a_surname_finds_the_full_names_of_one_person_already_joined(extractor):
    _, result = names(extractor, "J. Robert Haldane, who leaked information, died. Robert Haldane, known as the "
                                 "Source, was 95. Haldane admitted his role in 2005.")
    (haldane,) = [e for e in result.entities if "Haldane" in e.forms]
    assert {"J. Robert Haldane", "Robert Haldane"} <= set(haldane.forms)


def test_a_name_heading_a_phrase_after_the_is_no_person(extractor):
    found, _ = names(extractor, "Chelsea lead the Premiership by nine points. The Blair government fell. Blair left.")
    assert ("Premiership", "Person") not in found and ("Blair", "Person") in found


def test_the_name_a_person_is_known_as_is_the_persons(extractor):
    _, result = names(extractor, "Friends of Elizabeth Harrow, known as Beth, described her as bright. "
                                 "The death of Beth Harrow saddened staff.")
    (harrow,) = [e for e in result.entities if "Elizabeth Harrow" in e.forms]
    assert "Beth Harrow" in harrow.forms


def test_a_company_is_not_short_for_its_branch(extractor):
    _, result = names(extractor, "Nintendo Europe said sales of the DS rose. Nintendo has sold 2.8 million consoles.")
    (branch,) = [e for e in result.entities if e.name == "Nintendo Europe"]
    assert "Nintendo" not in branch.forms


def test_a_product_written_with_a_version_is_no_entity(extractor):
    found, result = names(extractor, "The new release of Python 3 is much faster than the old Python 2 that many "
                                     "companies still run. Python is used everywhere, says Guido van Rossum, who "
                                     "wrote it in the 1990s.")
    assert {n for n, _ in found} == {"Guido van Rossum"}
    assert not any(run.text.startswith("Python") for run in result.capitalised)


def test_an_honorific_makes_a_person_and_a_lone_demonym_a_country(extractor):
    found, _ = names(extractor, "Shares in WorldCom fell as Mr Ebbers left. The Welsh scored twice against England "
                                "at Cardiff on Saturday.")
    assert {("Ebbers", "Person"), ("Wales", "Place")} <= found and ("Welsh", "Person") not in found


def test_a_name_written_after_mr_is_a_persons_throughout_the_article(extractor):
    # the tagger reads this hyphenated surname as an organisation's, even right after "Mr"
    found, _ = names(extractor, "Mr Ashby-Crane quit the party last week. Ashby-Crane said the party was finished. "
                                "Supporters of Ashby-Crane left.")
    assert ("Ashby-Crane", "Person") in found and ("Ashby-Crane", "Organization") not in found


def test_the_noun_a_name_stands_in_apposition_to_types_it(extractor):
    found, _ = names(extractor, "The unit of Russian energy giant Gazprom faces a claim, and a judge barred Gazprom "
                                "and its lenders. Shares in the oil firm Yukos fell.")
    assert {("Gazprom", "Organization"), ("Yukos", "Organization")} <= found
    assert ("Gazprom", "Place") not in found and ("Yukos", "Person") not in found


def test_a_place_noun_or_legal_form_and_of_make_the_name_after_a_place_but_a_company_of_people_does_not(extractor):
    found, _ = names(extractor, "Dana Whitcomb moved away from the town of Oakhurst at 18. The Oakhurst-born singer "
                                "Dana Whitcomb spoke on Friday. He enjoyed the company of Nora Quill.")
    assert {("Oakhurst", "Place"), ("Nora Quill", "Person")} <= found
    for company, seat in (("Harrow Salvage Co.", "Mellford"), ("Velmar Denim Co.", "Dunmore")):
        found, _ = names(extractor, f"The rig, leased from {company} of {seat}, had left a worksite.")
        assert (seat, "Place") in found


def test_a_name_hyphenated_to_another_is_not_short_for_the_pair(extractor):
    found, _ = names(extractor, "Orlenko bid for the unit. Vastneft said it would not sell. The merged "
                                "Orlenko-Vastneft group will rank alongside Sibtek.")
    assert {("Vastneft", "Organization"), ("Orlenko-Vastneft", "Organization")} <= found


def test_an_offices_list_of_fields_is_part_of_its_name(extractor):
    found, _ = names(extractor, "A spokesman for the Department for Culture, Media and Sport said there were no "
                                "plans. The Ministry of Defence, Microsoft and Google agreed. Microsoft said so.")
    assert ("Department for Culture, Media and Sport", "Organization") in found
    assert ("Sport", "Organization") not in found and ("Microsoft", "Organization") in found


def test_a_nationality_before_a_persons_name_is_no_part_of_it(extractor):
    found, _ = names(extractor, "Briton Nora Quill beat the top seed in straight sets.")
    assert ("Nora Quill", "Person") in found and not any(n.startswith("Briton") for n, _ in found)


def test_a_nationality_the_tagger_read_into_an_organisation_with_a_persons_name_is_apart(extractor):
    from spacy.tokens import Span

    from kg.extract.entities import _nationalities_apart

    doc = extractor.nlp("Peruvian Dale Pruett won the Nepalese Davis Cup tie. Pruett and the Davis Cup were praised.")
    ents = [Span(doc, 0, 3, label="ORG"), Span(doc, 5, 8, label="ORG"),  # the tagger's worst reading
            Span(doc, 10, 11, label="PERSON"), Span(doc, 13, 15, label="PERSON")]
    assert [(e.text, e.label_) for e in _nationalities_apart(ents, extractor.ontology)] == [
        ("Peruvian", "NORP"), ("Dale Pruett", "PERSON"), ("Nepalese Davis Cup", "ORG"), ("Pruett", "PERSON"),
        ("Davis Cup", "PERSON")]


def test_a_nationality_the_tagger_read_with_a_word_before_it_before_a_persons_name_is_apart(extractor):
    from spacy.tokens import Span

    from kg.extract.entities import _nationalities_apart

    doc = extractor.nlp("Controversial Mongolian Dale Pruett called Gideon Parkwell a cheat.")
    ents = [Span(doc, 0, 2, label="ORG"), Span(doc, 2, 4, label="PERSON"), Span(doc, 5, 7, label="PERSON")]
    assert [(e.text, e.label_) for e in _nationalities_apart(ents, extractor.ontology)] == [
        ("Mongolian", "NORP"), ("Dale Pruett", "PERSON"), ("Gideon Parkwell", "PERSON")]


def test_a_nationality_alone_counts_for_its_country(extractor):
    from spacy.tokens import Span

    from kg.extract.entities import named_spans

    doc = extractor.nlp("Controversial Mongolian Dale Pruett called Gideon Parkwell a cheat.")
    doc.ents = [Span(doc, 0, 2, label="ORG"), Span(doc, 2, 4, label="PERSON"), Span(doc, 5, 7, label="PERSON")]
    found = {(s.name, s.type) for s in named_spans(doc, extractor.ontology, frozenset())}
    assert {("Mongolia", "Place"), ("Dale Pruett", "Person")} <= found
    assert not any(n.startswith("Controversial") for n, _ in found)


def test_a_role_the_tagger_read_into_an_organisations_name_is_no_part_of_it(extractor):
    found, _ = names(extractor, "Nora Quill, Founder of Kestrel Robotics, said it was late.")
    assert ("Kestrel Robotics", "Organization") in found and not any(n.startswith("Founder") for n, _ in found)


@pytest.mark.parametrize("text, name", [
    ("Velmar said the Mayor of Springdale had left.", "Springdale"),
    ("Velmar said the Secretary of State for Health had left.", "Secretary of State for Health"),
    ("Velmar said the Prince of Oakhurst had left.", "Prince of Oakhurst"),  # a style, not an office
])
def test_an_office_before_of_is_no_part_of_the_name_after_it(extractor, text, name):
    from kg.extract.entities import _without_leading_role

    doc = extractor.nlp(text)
    tokens = list(doc[3:-3])
    assert " ".join(t.text for t in _without_leading_role(tokens, extractor.ontology.office_titles)) == name


@pytest.mark.parametrize("row, pieces, whole", [
    ("Springdale Irish 27 Mellford 28", [("Springdale", "Place"), ("Irish", "Place")],
     ("Springdale Irish", "Organization")),
    ("Nora Quill 46 Dunmore 20", [("Quill", "Person")], ("Nora Quill", "Person")),
    ("Miss Nora Quill 46 Dunmore 20", [("Quill", "Person")], None),  # a title is no part of the side
    ("TUVALU BEAT VANUATU 2 1", [("TUVALU", "Place"), ("VANUATU", "Place")], None),  # countries are sides
])
def test_a_side_of_a_results_row_the_tagger_cut_up_is_one_name(extractor, row, pieces, whole):
    from kg.extract.entities import NamedSpan, _table_sides_whole

    text = f"Results of matches on Saturday:\nHarlow Rovers 75 Tollesbury 19\n{row}\nOakhurst 22 Port Aldwin 37\n"
    doc = extractor.nlp(text)
    spans = []
    for piece, type_ in pieces:
        start = text.index(piece)
        span = doc.char_span(start, start + len(piece))
        spans.append(NamedSpan(start, start + len(piece), piece, type_, (span.start, span.end)))
    found, flags = _table_sides_whole(doc, text, spans, [False] * len(spans), extractor.ontology)
    assert len(found) == len(flags)
    assert [(s.name, s.type) for s in found] == ([whole] if whole else pieces)


def test_a_place_named_as_an_events_is_the_event(extractor):
    from spacy.tokens import Span

    from kg.extract.entities import named_spans

    doc = extractor.nlp("Quill helped Britain reach the Harlow Cup final in Leeds.")
    doc.ents = [Span(doc, 2, 3, "GPE"), Span(doc, 5, 7, "GPE"), Span(doc, 9, 10, "GPE")]
    spans = named_spans(doc, extractor.ontology, frozenset())
    assert [(s.name, s.type) for s in spans] == [("Britain", "Place"), ("Harlow Cup", "Organization"),
                                                 ("Leeds", "Place")]


def test_a_one_word_name_where_a_place_stands_is_a_place(extractor):
    t = ("Record labels turned up to one gig in Glasgow - which the band thought was odd. "
         "Voters put their trust in Macron, and Emmanuel Macron won. The seat was in Conservative hands.")
    found, _ = names(extractor, t)
    assert ("Glasgow", "Person") not in found and ("Emmanuel Macron", "Person") in found
    assert ("Conservative", "Place") not in found


def test_a_teams_number_led_plural_stays_with_its_place(extractor):
    found, _ = names(extractor, "The Fresno 88ers fired Tom Reddick on Monday.")
    assert ("Fresno 88ers", "Organization") in found


def test_an_initial_alone_is_no_name(extractor):
    _, result = names(extractor, "Italy: L Tallow, S Parvell, M Bortano (capt), A Lovato.\n"
                                 "Wales: G Thomasen (capt); H Lowe, T Shanley, S Willard; S Jonas, D Pell.")
    assert not any(len(m.text.rstrip(".")) == 1 for m in result.mentions)


def test_a_persons_possessive_is_no_cue(extractor):
    found, _ = names(extractor, "Michael Jordan's shares in the team rose, and Michael Jordan's staff cheered.")
    assert ("Michael Jordan", "Person") in found
    found, _ = names(extractor, "Musk's employees at Tesla were angry, and Musk said so.")
    assert ("Musk", "Person") in found


def test_a_partys_adjective_is_no_name_the_tagger_missed(extractor):
    (result,) = analyse_texts(extractor, {"d": "Tory leader Michael Howard said Kurdish fighters had won."})
    runs = {run.text for run in result.capitalised}
    assert "Tory" not in runs and "Kurdish" not in runs  # read by the tagger as adjectives, not missed


def test_a_headline_name_the_body_writes_whole_is_not_cut_to_a_word_of_it(extractor):
    from kg.extract.entities import NamedSpan, _trimmed_to_known_name

    text = "South Africa - 15 - Pieter Vosloo, 14 - Johan Kriel\nSouth Africa won on Saturday.\n"
    doc = extractor.nlp(text)
    span = NamedSpan(0, 12, "South Africa", "Place", (0, 2))
    assert _trimmed_to_known_name(doc, text, span, {"south africa"}) == span


def test_a_country_in_brackets_between_a_name_and_a_team_is_no_nickname(extractor):
    found, _ = names(extractor, "Stage results on Saturday:\n1. Dieter Kampmann (Germany) Telekom 4 hours 48 mins\n"
                                "2. Jens Nyborg (Denmark) Rabobank 5 seconds behind\n")
    assert {("Dieter Kampmann", "Person"), ("Germany", "Place"), ("Jens Nyborg", "Person")} <= found
    assert not any(("Telekom" in n and "Dieter" in n) or ("Rabobank" in n and "Jens" in n) for n, _ in found)


@pytest.mark.parametrize("text, event, place", [
    ("Agassi lost in the third round of the U.S. Open on Friday.", "U.S.", None),
    ("TENNIS - FRIDAY'S RESULTS FROM THE U.S. OPEN.\nNEW YORK 1996-08-30\nResults on Friday.", "U.S.", "NEW YORK"),
    ("He won the British Masters at Woburn, and the U.S. economy grew.", "British", "U.S."),
])
def test_a_place_that_begins_an_events_name_is_no_mention_of_the_place(extractor, text, event, place):
    _, result = names(extractor, text)
    places = {m.text for m in result.mentions if result.entities[m.entity].type == "Place"}
    assert event not in places
    if place:
        assert place in places


def test_common_nouns_abbreviated_are_no_entities(extractor):
    found, _ = names(extractor, "AI is changing how Google builds its CPU designs, said Sundar Pichai.")
    assert {n for n, _ in found} == {"Google", "Sundar Pichai"}
    _, result = names(extractor, "Amnesty International (AI) said on Monday that AI had seen the reports.")
    named = {(m.text, result.entities[m.entity].name) for m in result.mentions}
    assert ("AI", "Amnesty International") in named  # an acronym the article defines is a name


def test_time_zones_are_no_entities(extractor):
    found, _ = names(extractor, "Trading in London closed at 1400 GMT, and New York opens at 9 a.m. EST.")
    assert not {n for n, _ in found} & {"GMT", "EST"} and ("London", "Place") in found


def test_awards_and_events_are_no_entities(extractor):
    found, _ = names(extractor, "Olympic champion Kelly Holmes won again, and the Oscar-winning actor Jamie Foxx "
                                "watched a play by Oscar Wilde.")
    assert {("Kelly Holmes", "Person"), ("Jamie Foxx", "Person"), ("Oscar Wilde", "Person")} <= found
    assert not {n for n, _ in found} & {"Olympic", "Oscar"}


def test_a_persons_name_has_no_number_ends_in_no_lower_case_word_and_keeps_its_suffix(extractor):
    from spacy.tokens import Span

    from kg.extract.entities import clean_span

    def cleaned(text, start, end):
        doc = extractor.nlp(text)
        span = clean_span(Span(doc, start, end, label="PERSON"), "Person", extractor.ontology, text)
        return span and span.name

    assert cleaned("Install Python 3.4 first.", 1, 3) is None
    assert cleaned("Meghan cry at the ceremony.", 0, 2) == "Meghan"
    assert cleaned("Martin Luther King Jr. spoke.", 0, 4) == "Martin Luther King Jr."
    assert cleaned("President Donald Trump spoke.", 0, 3) == "Donald Trump"
    assert cleaned("Letters from Vincent to Emily were sold.", 2, 5) == "Vincent"  # two names run together
    assert cleaned("Ata-ur-Rehman took four wickets.", 0, 5) == "Ata-ur-Rehman"
    assert cleaned("Ludwig van Beethoven wrote it.", 0, 3) == "Ludwig van Beethoven"


def test_a_name_the_tagger_cut_in_two_is_joined_again(extractor):
    from spacy.tokens import Span

    from kg.extract.entities import _rejoined

    doc = extractor.nlp.make_doc("Wales lost a Six Nations game , and Liberal Democrats said Six Microsoft staff left")
    doc.ents = [Span(doc, 0, 1, "GPE"), Span(doc, 3, 4, "CARDINAL"), Span(doc, 4, 5, "ORG"), Span(doc, 8, 9, "ORG"),
                Span(doc, 9, 10, "NORP"), Span(doc, 11, 12, "CARDINAL"), Span(doc, 12, 13, "ORG")]
    doc[11].is_sent_start = True  # a number that opens a sentence has its capital from there, not from a name
    assert [(e.text, e.label_) for e in _rejoined(doc.ents)] == [("Wales", "GPE"), ("Six Nations", "ORG"),
                                                                 ("Liberal Democrats", "ORG"), ("Six", "CARDINAL"),
                                                                 ("Microsoft", "ORG")]


def test_a_name_written_again_at_the_start_of_a_longer_name_is_no_mention_of_it(extractor):
    from kg.extract.entities import _begins_a_longer_name

    text = ("The Calgary Stampeders beat the Ottawa Redblacks 23-17 on Sunday. Calgary scored twice, "
            "and Ottawa never recovered.\n")
    _, result = names(extractor, text)
    club = text.index("Calgary Stampeders")
    assert [m.start for m in result.mentions if m.text == "Calgary"] == [text.index("Calgary scored")]
    assert not any(club <= m.start < club + len("Calgary Stampeders") for m in result.mentions)

    doc = extractor.nlp.make_doc("The Washington Post , the U.S. Agriculture Department , Washington Monday , "
                                 "Velmar Denim Corp")
    assert _begins_a_longer_name(doc[1:2], extractor.ontology)  # Washington in the Washington Post
    assert not _begins_a_longer_name(doc[5:6], extractor.ontology)  # the country inside an organisation's name
    assert not _begins_a_longer_name(doc[9:10], extractor.ontology)  # a day is no part of a name
    assert not _begins_a_longer_name(doc[12:14], extractor.ontology)  # nor a company's suffix

    from kg.extract.entities import _ends_a_longer_name

    doc = extractor.nlp("Sport is changing, he told BBC Sport. Mr Holloway and Friday Sport agreed.")
    assert not _ends_a_longer_name(doc[0:1], extractor.ontology)  # a sentence's first word
    assert _ends_a_longer_name(doc[7:8], extractor.ontology)  # Sport in BBC Sport
    assert not _ends_a_longer_name(doc[10:11], extractor.ontology)  # a title before a name
    assert not _ends_a_longer_name(doc[13:14], extractor.ontology)  # a day before it


def test_a_product_named_after_its_maker_is_the_makers_mention(extractor):
    found, result = names(extractor, "Sales of the Apple iPod doubled, Apple said on Monday. eBay shares rose.")
    assert ("Apple", "Organization") in found and not any("iPod" in n for n, _ in found)
    assert [m.text for m in result.mentions if m.text.startswith("Apple")] == ["Apple", "Apple"]
    assert ("eBay", "Organization") in found  # a company written like a product is still the company


@pytest.mark.parametrize("name, brand", [
    ("KestrelByte", True), ("VelmarSoft Kids", True), ("Nora MacQuill", False), ("Dana FitzWhitcomb", False),
    ("Dale DiPruett", False), ("DeShawn Quill", False), ("eKestrel", False),
])
def test_a_capital_inside_a_word_after_its_head_is_written_as_a_brand(extractor, name, brand):
    from kg.extract.entities import _written_as_a_brand

    assert _written_as_a_brand(name, extractor.ontology.surname_prefixes) is brand


def test_a_name_written_as_a_brand_is_no_person(extractor):
    from spacy.tokens import Span

    from kg.extract.entities import named_spans

    doc = extractor.nlp("KestrelByte launched a rocket on Monday. Nora MacQuill said KestrelByte would launch more.")
    doc.ents = [Span(doc, 0, 1, label="PERSON"), Span(doc, 7, 9, label="PERSON"), Span(doc, 10, 11, label="PERSON")]
    found = {(s.name, s.type) for s in named_spans(doc, extractor.ontology, frozenset())}
    assert found == {("KestrelByte", "Organization"), ("Nora MacQuill", "Person")}


def test_a_word_for_a_companys_kind_that_is_a_persons_job_too_leaves_a_persons_name_a_person(extractor):
    found, _ = names(extractor, "Among the tributes was one from his friend, the producer Robert Haldane, who called "
                                "him a brother. The film-maker Nora Quill said he changed music. Rodney Quill, a "
                                "publisher, spoke at the funeral.")
    assert {("Robert Haldane", "Person"), ("Nora Quill", "Person"), ("Rodney Quill", "Person")} <= found


def test_a_disease_is_no_entity(extractor):
    found, _ = names(extractor, "Nora Quill said Covid cases rose in Oakhurst, and the spread of Covid across "
                                "universities worried the Kestrel Museum. Ebola and Covid-19 were both discussed.")
    assert not [name for name, _ in found if name.lower().startswith(("covid", "ebola"))]
    assert ("Nora Quill", "Person") in found


def test_an_email_or_web_address_is_no_entity(extractor):
    found, _ = names(extractor, "Nora.Quill@example.org' Nora.Quill@example.org' Nora says: I loved the cruise. "
                                "Write to Dana.Whitcomb@example.org or see www.KestrelRobotics.com today.")
    assert not [name for name, _ in found if "@" in name or "www" in name.lower()]


def test_a_compass_word_alone_names_a_region_only_after_the(extractor):
    found, _ = names(extractor, "Bougainvilleas are hardy throughout the South but grow only in summer up North.")
    assert ("South", "Place") in found and not [n for n, _ in found if n == "North"]
    g = graph_of(extractor, {"a": "Storms hit the South on Monday.", "b": "The South braced for more rain.",
                             "c": "Results: Mellford South 4,512; Dunmore West 3,100."})
    assert not [m for m in g.mentions if m.doc == "c" and m.text == "South"]


def test_the_names_of_a_lineup_are_people_but_a_bracketed_club(extractor):
    found, _ = names(extractor, "Harlow Rovers beat Kestrel County 3-0 in the football league on Saturday.\n"
                                "Harlow Rovers: Whitcomb, Pruett, Quill, Parkwell, Velmar, Haldane, Taylor, Wilson "
                                "(Dunmore 45), Mellford.\n")
    assert {(name, "Person") for name in ("Quill", "Parkwell", "Velmar", "Haldane", "Dunmore")} <= found
    found, _ = names(extractor, "Harlow Rovers beat Springdale 3-0 in the football league on Saturday.\n"
                                "Harlow Rovers: Whitcomb, Pruett, Quill, Parkwell, Velmar (Kestrel County), Haldane, "
                                "Taylor, Wilson, Mellford.\n")
    assert ("Quill", "Person") in found and ("Kestrel County", "Person") not in found
