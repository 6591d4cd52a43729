"""Entities of one document: clean names from spaCy's entity spans, joined within the document.

Within a document, shorter names join the most complete one they stand for:
- an acronym the text defines ("Syrian Democratic Forces (SDF)", "the Islamic State (IS) group");
- a person's surname or a tail of the full name (Bali -> Mustafa Bali), titles stripped (Mr Trump);
- a shortened organisation or place name made of the full name's words (the Observatory -> Syrian
  Observatory for Human Rights) when exactly one full name in the document fits.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from kg.boilerplate.lines import Line, split_lines
from kg.boilerplate.news import is_row, tables
from kg.model import CapitalisedRun, LocalEntity, Mention
from kg.names import (
    COMPASS_WORDS,
    FUNCTION_WORDS,
    GENERATIONAL,
    NICKNAME_RULE,
    QUOTES,
    SHORT_NAME_RULE,
    SURNAME_RULE,
    TOWN_SIDE_RULE,
    is_acronym,
    is_acronym_of,
    is_given_name,
    name_key,
    opens_with_given_name,
)
from kg.ontology import Ontology
from kg.unionfind import UnionFind

SEPARATORS = {"/", "|", "_", "—", "–", "•", "·", "(", ")", "[", "]"}
DASHES = {"-", "–", "—", "--"}
DROP_LEADING = {"the", "a", "an", "of", "in", "at", "on", "to", "from", "by", "for", "with", "near"}
POSSESSIVE = {"'s", "’s", "'", "’"}
# Lowercase words that belong to names: al-Assad, Ludwig van Beethoven, Osama bin Laden.
NAME_PARTICLES = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "bin", "ibn", "bint", "abu", "da", "de", "del",
                  "della", "der", "di", "do", "dos", "das", "du", "la", "le", "van", "von", "ten", "ter", "y"}
WEB_ADDRESS = re.compile(r"@|://|\bwww\.", re.IGNORECASE)  # an e-mail or web address is no name
PRODUCT_WORD = re.compile(r"[a-z]+[A-Z]")  # iPod, iTunes, eReader: how products, not companies, are written
ACRONYM_AFTER = re.compile(r"\s*\(\s*(?:the\s+)?([A-Z][A-Za-z.&]{1,7})\s*\)")
MAX_NAME_TOKENS = 10
TEAM_NUMBER = re.compile(r"\d{2}(?:ers|ERS)")  # a team named by a number: the 88ers
PLACE_PREPOSITIONS = {"in", "near", "outside", "throughout"}  # before a place's name, not a person's
HONORIFICS = {"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms."}  # only a person's name follows one
VERSION = re.compile(r"\d{1,2}(?:\.\d{1,3}){0,2}")  # "3", "10", "3.8", "2.7.1" after a product's name
REGION_ENDS = {",", ";", ".", ":", "(", ")", "\n"}  # what may follow "Springdale, Ark." where a place's name ends
OTHER_NAMES = {"EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE"}  # names the tagger finds that kg does not keep
TEAM_NAME = "{country} national team"
SCORE = re.compile(r"\d{1,3}(?:[-/]\d{1,3})?$")  # 2, 245, 245/6, 2-1: not a year or a date
TEXT_KEY = "kg_text"  # where `text_of` keeps a document's text
PRODUCTS_KEY = "kg_products"  # where `named_spans` leaves the products' names, for `capitalised_runs`
DATELINES_KEY = "kg_datelines"  # where `datelines_of` keeps a document's datelines
HEADLINES_KEY = "kg_headlines"  # where `_in_headline` keeps its verdict on each line, by the line's start
ROWS_KEY = "kg_rows"  # where `rows_of` keeps the rows of a document's results tables
CAPITALISED_WORD = re.compile(r"(?<![\w'’.-])[A-Z][^\W\d_]*(?![\w'’-])")
# a word in lower case, not a piece of an address ("jane.doe.mp@parliament.uk", "bbc.co.uk/news")
LOWER_WORD = re.compile(r"(?<![\w@/.])[a-z]+(?![\w@/]|\.\w)")
_WORD = r"[A-Z][\w.'’-]*"
# A dateline opens a story: a place in capitals, perhaps its region or country, then an agency in
# brackets, a dash or a date ("BEIRUT —", "AOSTA, Italy (AP)", "AL-AIN, United Arab Emirates 1996-12-06").
DATELINE = re.compile(r"(?m)^[ \t]*(?P<place>[A-Z][A-Z'’.-]+(?:[ -][A-Z][A-Z'’.-]*){0,3})"
                      r"(?:,[ \t]+[A-Z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){0,3})?"
                      r"(?=[ \t]*(?:\([A-Z][\w ]{1,20}\)|[—–]|--|-[ \t]|\d{4}-\d\d-\d\d))")
DATELINE_END = re.compile(r"[ \t]*(?:\([A-Z][\w ]{1,20}\))?[ \t]*(?:[—–_]|--|-(?=[ \t]))?")
# a run of capitalised words, with the particles of names between them ("Harlow Rovers", "Pieter de Vries")
TABLE_NAME = re.compile(r"[A-Z][\w'’.&-]*(?:[ \t]+(?:(?:de|da|van|von|der|den|di|du|la|le|del|of|and)[ \t]+)*"
                        r"[A-Z][\w'’.&-]*)*")
BRACKETED_AFTER = re.compile(r"[ \t]*\(([^()\n]{2,30})\)")
# a wire story's label before its headline: "SOCCER - PERU BEAT ICELAND."
WIRE_LABEL = re.compile(r"\s*([a-z]+(?: [a-z]+)?) [-—–] ")
CALENDAR_WORDS = frozenset("january february march april may june july august september october november december "
                           "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday "
                           "friday saturday sunday".split())
# Juan Carlos "Charlie" Mendez, Tyrone (Ty) Marshall, Salvatore 'The Bull' Gravano
NICKNAMED = re.compile(rf"\b({_WORD}(?: {_WORD}){{0,2}}) (?:\(({_WORD}(?: {_WORD}){{0,2}})\)"
                       rf"|[\"“'‘]({_WORD}(?: {_WORD}){{0,2}})[\"”'’]) ({_WORD})\b")
# "Elizabeth Harrow, known as Beth", "..., better known as Lady Gaga", "..., nicknamed 'Chip'"
KNOWN_AS = re.compile(rf",?[ \t]+(?:(?:also|better|widely|popularly|commonly)[ \t]+)?(?:known[ \t]+as|nicknamed|dubbed)"
                      rf"[ \t]+[\"“'‘]?({_WORD}(?: {_WORD}){{0,2}})\b")


@dataclass
class NamedSpan:
    """A cleaned entity span: where the name is and what kind of entity it names."""

    start: int
    end: int
    name: str
    type: str
    tokens: tuple[int, int]  # token indices [first, last + 1)
    nickname: str | None = None  # "Charlie Mendez" for Juan Carlos "Charlie" Mendez
    gender: str | None = None  # what a title before a person's name says: Mr, Miss
    cued: bool = False  # typed by the words after it (`_typed_by_context`)
    made: bool = False  # a name kg made for a side named after its town ("Oakhurst baseball team")


def text_of(doc: Doc) -> str:
    """`doc.text`, which spaCy joins from every token on each access, joined once per document."""
    if TEXT_KEY not in doc.user_data:
        doc.user_data[TEXT_KEY] = doc.text
    return doc.user_data[TEXT_KEY]


def datelines_of(doc: Doc) -> list[tuple[int, int]]:
    """`dateline_spans` of the document's text, found once per document: the relation rules and
    the classifier's candidates both read them."""
    if DATELINES_KEY not in doc.user_data:
        doc.user_data[DATELINES_KEY] = dateline_spans(text_of(doc))
    return doc.user_data[DATELINES_KEY]


def rows_of(doc: Doc) -> list[Line]:
    """The lines of the document's results tables that are rows, found once per document: the
    sides of a row are read twice (`_table_sides_whole`, `_table_names`)."""
    if ROWS_KEY not in doc.user_data:
        lines = split_lines(text_of(doc))
        doc.user_data[ROWS_KEY] = [line for first, last in tables(lines) for line in lines[first:last]
                                   if is_row(line.text)]
    return doc.user_data[ROWS_KEY]


def lowercase_words(text: str) -> frozenset[str]:
    """The words a text writes in lower case: a capital on one of them elsewhere proves no name."""
    return frozenset(LOWER_WORD.findall(text))


def _rejoined(ents: tuple[Span, ...]) -> list[Span]:
    """The tagger's entities with a name it cut in two joined again: a number word with a capital
    inside a sentence before an organisation ("the Six Nations": Six, Nations), an organisation's
    word before a nationality's ("the Liberal Democrats": Liberal, Democrats), a place before a
    team's number-led plural ("the Fresno 88ers": Fresno, 88ers), and an office's list of fields
    ("the Department for Culture, Media and Sport": Department for Culture, Media, Sport)."""
    joined: list[Span] = []
    for ent in ents:
        if joined and (_one_name_cut_in_two(joined[-1], ent) or ent.end <= joined[-1].end):
            joined[-1] = Span(ent.doc, joined[-1].start, max(ent.end, joined[-1].end), label="ORG")
        else:
            joined.append(_with_its_list(ent, ents))
    return joined


def _nationalities_apart(ents: list[Span], ontology: Ontology) -> list[Span]:
    """The entities with an adjective of nationality that the tagger glued to a person's name
    taken apart, whatever it labelled the whole: "American Dale Pruett outclassed ..." (where the
    article names Pruett as a person elsewhere) is an American and Dale Pruett, and in
    "Controversial Australian Dale Pruett" the tagger's "Controversial Australian" is only the
    adjective; so is it where a known given name follows it ("American Robert Haldane", the
    `nicknames` table's) or only words in lower case ("the Peruvian transport ministry"). The adjective
    alone then counts as a mention of its country. Not before an event ("the British Davis Cup
    team")."""
    doc, demonyms = (ents[0].doc if ents else None), ontology.demonyms
    surnames = {e[-1].text for e in ents if e.label_ == "PERSON"}
    apart: list[Span] = []
    for i, ent in enumerate(ents):
        following = ents[i + 1] if i + 1 < len(ents) else None
        if ent.label_ != "PERSON" and len(ent) >= 3 and ent[0].text in demonyms \
                and (ent[-1].text in surnames or is_given_name(ent[1].text)) \
                and all(t.is_title and t.is_alpha for t in ent[1:]) and ent[-1].lower_ not in ontology.event_words:
            apart += [Span(doc, ent.start, ent.start + 1, label="NORP"),
                      Span(doc, ent.start + 1, ent.end, label="PERSON")]
        elif ent.label_ != "PERSON" and len(ent) >= 2 and ent[0].text in demonyms \
                and all(t.is_lower and t.is_alpha for t in ent[1:]):
            apart.append(Span(doc, ent.start, ent.start + 1, label="NORP"))
        elif ent.label_ != "PERSON" and len(ent) >= 2 and ent[-1].text in demonyms and following is not None \
                and following.label_ == "PERSON" and following.start == ent.end:
            apart.append(Span(doc, ent.end - 1, ent.end, label="NORP"))
        else:
            apart.append(ent)
    return apart


def _with_its_list(ent: Span, ents: tuple[Span, ...]) -> Span:
    """An office's name with the list of its fields, which the tagger cuts after the first ("the
    Department for Culture", "Media", "Sport"): an organisation "for" or "of" a capitalised word,
    then a comma, capitalised words and "and", none of them a name written elsewhere in the text."""
    doc = ent.doc
    if ent.label_ != "ORG" or len(ent) < 3 or doc[ent.end - 2].lower_ not in ("for", "of") \
            or ent.end >= len(doc) or doc[ent.end].text != ",":
        return ent
    items, i, closed = [], ent.end, False
    while not closed and i + 1 < len(doc) and doc[i].text in (",", "and", "&") and doc[i + 1].is_title:
        closed = doc[i].text != ","  # "and" opens the last field
        j = i + 1
        while j < len(doc) and doc[j].is_title and j - i <= 2:
            j += 1
        items.append(doc[i + 1:j].text)
        i = j
    inside = [e for e in ents if ent.end <= e.start < i]
    elsewhere = {e.text for e in ents if e.start < ent.start or e.start >= i}
    if not closed or any(e.label_ != "ORG" for e in inside) or elsewhere & set(items):
        return ent
    return Span(doc, ent.start, i, label="ORG")


def _one_name_cut_in_two(first: Span, second: Span) -> bool:
    spaced = first.end == second.start and first.doc[first.end - 1].whitespace_ == " "
    if spaced and first.label_ in ("GPE", "ORG") and len(second) == 1 and TEAM_NUMBER.fullmatch(second.text):
        return True
    number_word = first.label_ == "CARDINAL" and len(first) == 1 and first[0].is_title and first[0].is_alpha \
        and not first[0].is_sent_start  # "Six" opening a sentence has its capital from there
    return spaced and second[0].is_title and ((number_word and second.label_ == "ORG")
                                              or (first.label_ == "ORG" and second.label_ == "NORP"))


def named_spans(doc: Doc, ontology: Ontology, lower: frozenset[str]) -> list[NamedSpan]:
    """The document's entity spans that the ontology keeps, with names cleaned; `lower` is
    `lowercase_words` of its text."""
    text = text_of(doc)
    spans, in_headline = [], []
    for ent in _nationalities_apart(_rejoined(doc.ents), ontology):
        type_ = ontology.class_for_label(ent.label_)
        if type_ in ("Group", "Place") and (end := _event_name_end(doc, ent, ontology.event_words)):
            # "the U.S. Open", "the British Masters": a tournament, not the country
            spans.append(NamedSpan(ent.start_char, doc[end - 1].idx + len(doc[end - 1]),
                                   " ".join(doc[ent.start:end].text.split()), "Organization", (ent.start, end)))
            in_headline.append(False)
            continue
        if type_ == "Place" and len(ent) > 1 and ent[-1].is_title and ent[-1].lower_ in ontology.event_words:
            type_ = "Organization"  # "the Davis Cup", as "the U.S. Open": an event, no place
        if type_ in ("Organization", "Place", "Group") and (
                (len(ent) > 1 and ent[0].text in HONORIFICS) or (ent.start and doc[ent.start - 1].text in HONORIFICS)):
            type_ = "Person"  # "Mr Ebbers", whatever the tagger said
        if (type_ in ("Group", "Place") or (type_ and len(ent) == 1)) and (country := _nationality(ent, ontology)):
            # "Afghan" as a place too, and "Welsh" as a person or an organisation
            spans.append(NamedSpan(ent.start_char, ent.end_char, country, "Place", (ent.start, ent.end)))
            in_headline.append(False)
            continue
        if type_ is None or (type_ == "Group" and not _names_a_people(ent)):
            continue
        span = clean_span(ent, type_, ontology, text)
        if span is not None and span.type != "Person" and span.name.split()[-1] in HOLIDAY_WORDS:
            span = _place_before_a_holiday(doc, span, ontology)  # "the U.S. Memorial Day weekend": the U.S.
        if span is not None and ((key := name_key(span.name)) in ontology.event_names or key in ontology.sports
                                 or key in ontology.diseases or key in ontology.time_zones
                                 or (key in ontology.common_acronyms and f"({span.name})" not in text)):
            continue  # an award, an event, a sport or a disease ("Oscar", "Olympic", "SOCCER", "Covid"),
            # which the ontology has no class for, "GMT", "AI"
        if span is not None and not _starts_a_title(ent, ontology) and not _word_in_capitals(doc, span, lower):
            spans.append(span)
            in_headline.append(_in_headline(doc, ent.start_char))
    spans, in_headline = _without_ordinary_words(doc, spans, in_headline, lower, ontology.alias_keys,
                                                 ontology.role_cues)
    spans, in_headline = _nationality_before_place_noun(doc, spans, in_headline, ontology)
    spans, in_headline = _datelines(doc, text, spans, in_headline, lower, ontology.sports)
    spans, in_headline = _country_prefixes_joined(doc, spans, in_headline, ontology)
    spans, in_headline = _table_sides_whole(doc, text, spans, in_headline, ontology)
    for span in _table_names(doc, text, spans, ontology, lower) + _people_with_their_country(doc, text, spans,
                                                                                              ontology, lower):
        spans.append(span)
        in_headline.append(False)
    body_keys = {name_key(s.name) for s, headline in zip(spans, in_headline, strict=True) if not headline}
    spans = [_trimmed_to_known_name(doc, text, s, body_keys) if headline else s
             for s, headline in zip(spans, in_headline, strict=True)]
    spans = _nicknamed_people(doc, text, spans, ontology.place_alias_keys)
    _known_as(text, spans)
    spans += _plural_names(doc, text, spans, ontology)
    spans += _repeated_names(doc, text, spans, ontology)
    spans += _repeated_surnames(doc, text, spans, ontology.lowercase_titles)
    spans += _heads_with_the(doc, text, spans, ontology.alias_keys)
    sport = _story_sport(text, ontology.team_cues)
    spans = _national_teams(doc, text, spans, ontology, sport)
    spans = _clubs_named_after_places(doc, text, spans, ontology, sport)
    for span in spans:
        if span.type == "Person" and span.tokens[0] > 0:
            span.gender = ontology.title_gender.get(doc[span.tokens[0] - 1].text)
    products = _products(spans, [e.text for e in doc.ents if e.label_ == "PRODUCT"])
    doc.user_data[PRODUCTS_KEY] = products
    spans = sorted((s for s in spans if _looks_like_a_name(s.name) and not _names_a_product(s.name, products)
                    and not _direction_alone(doc, s)),
                   key=lambda s: s.start)  # every way in, not only the tagger's: "S" of "S Jones; M Smith"
    _typed_by_context(doc, spans, ontology.type_cues, ontology.place_alias_keys, ontology.no_names_after_the)
    for span in spans:
        if span.type == "Person" and span.gender is None and _written_as_a_brand(span.name, ontology.surname_prefixes):
            span.type = "Organization"
    _people_of_a_lineup(text, spans, ontology)
    return spans


def _direction_alone(doc: Doc, span: NamedSpan) -> bool:
    """Whether a span is a compass word alone, which names a region only after "the" ("the South"):
    otherwise it is a piece of a longer name the tagger cut ("Oakhurst South", a constituency in a
    table's cell)."""
    first, end = span.tokens
    return end - first == 1 and doc[first].lower_ in COMPASS_WORDS and (first == 0 or doc[first - 1].lower_ != "the")


BRAND_CAPITAL = re.compile(r"\b([A-Z][a-z]{2,}|[a-z]{3,})[A-Z]")  # a word's head of 3 letters or more, then a capital


HOLIDAY_WORDS = frozenset({"Day", "Eve"})  # the last word of a holiday's name: Memorial Day, Christmas Eve


def _place_before_a_holiday(doc: Doc, span: NamedSpan, ontology: Ontology) -> NamedSpan | None:
    """The place that begins a holiday's name the tagger took for an organisation's or a place's
    ("U.S. Memorial Day", "French Bastille Day"); None when no place begins it ("Memorial Day"): a
    holiday is no entity."""
    first, end = span.tokens
    for last in range(end - 2, first, -1):
        words = doc[first:last].text
        place = words if name_key(words) in ontology.place_alias_keys else ontology.demonyms.get(words)
        if place:
            return NamedSpan(span.start, doc[last - 1].idx + len(doc[last - 1]), place, "Place", (first, last))
    return None


def _written_as_a_brand(name: str, surname_prefixes: frozenset[str]) -> bool:
    """Whether a name has a capital inside a word after three letters or more, as brands are
    written (SpaceX, PlayStation, DaimlerChrysler), and no person's name is but after a prefix of
    `surname_prefixes` (MacLeod, FitzGerald). Shorter heads are a person's (DiCaprio, LeBron,
    McCain, DeShawn)."""
    return any(match.group(1) not in surname_prefixes for match in BRAND_CAPITAL.finditer(name))


def _typed_by_context(doc: Doc, spans: list[NamedSpan], cues: dict, regions: frozenset[str],
                      no_names: frozenset[str]) -> None:
    """Retype every span of a name whose article says what it is with the words after it (`type_cues`
    of names.json: "Netflix's subscribers", "Twitter CEO Jack Dorsey", "Jordan's capital") or with
    the noun right before it ("energy giant Gazprom", "the town of Oakhurst"), by the region written
    after it ("Springdale, Ark.", "Cedar Falls, Iowa.": `regions` holds the name keys of the known
    ones), by the words of place around a one-word name the tagger took for a person's ("in
    Mellford", "Mellford-based"; not a surname of the article), or by "the" before a person's name
    that heads its phrase ("the Premiership": an organisation), over the tagger's guess. A name with
    cues of two kinds, or a person named with Mr or Mrs, keeps its type. What follows a person's
    possessive proves nothing (Musk's employees, Merkel's government); only a name's head noun,
    before the person who holds it, turns a person the tagger saw into an organisation. Only a word
    cue marks a span `cued`, for the resolver to carry to other articles: Lincoln, Neb. says nothing
    of the Lincoln of another story."""
    found: dict[str, set[str]] = defaultdict(set)
    worded: set[str] = set()
    surnames = _surnames(spans)
    jobs_too = frozenset(cues.get("jobs_too", ()))
    for span, following in itertools.zip_longest(spans, spans[1:]):
        end, key = span.tokens[1], name_key(span.name)
        # "the producer Robert Haldane": a word for a company's kind may be a person's job too
        jobs = jobs_too if span.type == "Person" and opens_with_given_name(span.name) else frozenset()
        if span.type == "Person" and (kind := _kind_named_by_its_words(span.name, cues)):
            found[key].add(kind)  # "Brackenridge College", "Fort Dunmore": no person's name
            worded.add(key)
            continue
        if (span.type != "Place" and following is not None and _region_after(doc, span, following, regions)) \
                or (span.type == "Person" and span.name not in surnames and _where_a_place_is(doc, span)):
            found[key].add("Place")
            continue
        if span.type == "Person" and _named_with_the(doc, span, no_names):
            kinds = {"Organization"}
        elif (kinds := _cued_before(doc, span.tokens[0], cues)) and doc[span.tokens[0] - 1].lower_ not in jobs:
            pass  # "energy giant Gazprom", "the Afghan capital Kabul", "oil firm Yukos" (not a person)
        elif end < len(doc) and doc[end].lower_ in POSSESSIVE:
            if span.type == "Person":  # a person has employees, a website and a government too
                continue
            kinds = _cued(doc, end + 1, cues.get("after_possessive", {}))
        elif span.type == "Person" and _role_holder_after(doc, span, following):
            # "Twitter CEO Jack Dorsey"; "Iran leader" says nothing of Iran, "named Dale Pruett coach" of Pruett
            kinds = _cued(doc, end, cues.get("after_name", {}))
        elif (appositive := _appositive_of(doc, span)) and appositive.lemma_.lower() not in jobs:
            # "Kestrel Robotics, a Tulsa software company", "... is a software company": what the name is
            kinds = {kind for kind, words in cues.get("appositive", {}).items() if appositive.lemma_.lower() in words}
        else:
            continue
        found[key] |= kinds
        worded |= {key} if kinds else set()
    for span in spans:
        kinds = found.get(key := name_key(span.name), set())
        if len(kinds) == 1 and span.gender is None:
            span.type, span.cued = next(iter(kinds)), key in worded


def _kind_named_by_its_words(name: str, cues: dict) -> str | None:
    """The kind of thing a name of two words or more says it is by its last or first word, which
    no person's name ends or begins with (`person_name_never_ends` and `_begins` of type_cues)."""
    words = name.lower().split()
    if len(words) < 2:
        return None
    for cue, word in (("person_name_never_ends", words[-1]), ("person_name_never_begins", words[0])):
        kind = next((kind for kind, listed in cues.get(cue, {}).items() if word in listed), None)
        if kind:
            return kind
    return None


def _appositive_of(doc: Doc, span: NamedSpan) -> Token | None:
    """The noun a sentence says a name is: in apposition to it after a comma ("Kestrel Robotics, a
    software company") or after "is" ("Kestrel Robotics is a software company")."""
    first, end = span.tokens
    root = doc[first:end].root
    if end < len(doc) and doc[end].text == ",":
        return next((c for c in root.children if c.dep_ == "appos" and c.i > end and c.pos_ == "NOUN"), None)
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        return next((c for c in root.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"), None)
    return None


def _named_with_the(doc: Doc, span: NamedSpan, no_names: frozenset[str]) -> bool:
    """Whether a one-word name the tagger took for a person's heads a phrase after "the", which no
    person's name does ("a return to the Premiership"; not "the Blair government"); `no_names`
    are the words in lower case that this says nothing of ("the Pope", "the Psalms")."""
    first, end = span.tokens
    word = doc[first]
    return (end - first == 1 and first > 0 and doc[first - 1].lower_ == "the" and word.lower_ not in no_names
            and word.dep_ not in ("compound", "amod", "nmod", "poss")
            and not (end < len(doc) and doc[end].lower_ in POSSESSIVE))


def _where_a_place_is(doc: Doc, span: NamedSpan) -> bool:
    """Whether a one-word name stands where a place's does: after "in" ("a warehouse in
    Mellford") or before "-based" ("Mellford-based band"), and not before a possessive or as a
    noun's modifier ("in Conservative hands")."""
    first, end = span.tokens
    after = doc[end:end + 2]
    return end - first == 1 and doc[first].dep_ not in ("compound", "amod", "nmod") and (
        (first > 0 and doc[first - 1].lower_ in PLACE_PREPOSITIONS and not (after and after[0].lower_ in POSSESSIVE))
        or [t.lower_ for t in after] == ["-", "based"])


def _role_holder_after(doc: Doc, span: NamedSpan, following: NamedSpan | None) -> bool:
    """Whether a person's name follows `span` after a few words and no punctuation, as the
    holder of a role ("Twitter CEO Jack Dorsey", "Manchester United manager Sir Alex Ferguson")."""
    if following is None or following.type != "Person":
        return False
    between = doc[span.tokens[1]:following.tokens[0]]
    return 0 < len(between) <= 4 and not any(t.is_punct for t in between)


def _region_after(doc: Doc, span: NamedSpan, following: NamedSpan, regions: frozenset[str]) -> bool:
    """Whether `following` is a known region written after `span` and a comma, where a place's
    name ends ("Springdale, Ark.;", "Cedar Falls, Iowa."): not where a name goes on ("Ford,
    Michigan's biggest employer")."""
    end, (start, after) = span.tokens[1], following.tokens
    return (start == end + 1 and doc[end].text == "," and following.type == "Place"
            and name_key(following.name) in regions
            and (after == len(doc) or doc[after].is_sent_start or doc[after].text in REGION_ENDS))


def _cued(doc: Doc, start: int, cues: dict[str, list[str]]) -> set[str]:
    """The kinds whose cue words begin at token `start`."""
    words = " ".join(t.lower_ for t in doc[start:start + 3])
    return {kind for kind, phrases in cues.items() if kind != "_comment"  # names.json's notes may sit anywhere
            and any(words == p or words.startswith(p + " ") for p in phrases)}


def _cued_before(doc: Doc, first: int, cues: dict) -> set[str]:
    """The kinds whose cue noun, in lower case, stands right before the name at token `first`:
    the head of the phrase the name is in apposition to ("energy giant Gazprom"), or, followed by
    "of", a place noun or a company's legal form ("the town of Oakhurst", "Velmar Co. of
    Springdale"; `before_of_name`)."""
    if first >= 2 and doc[first - 1].lower_ == "of":
        word = doc[first - 2].lower_.rstrip(".")
        return {kind for kind, words in cues.get("before_of_name", {}).items() if kind != "_comment" and word in words}
    return _cued_noun(doc[first - 1], cues.get("before_name", {})) if first else set()


def _cued_noun(noun: Token, cues: dict[str, list[str]]) -> set[str]:
    if not noun.is_lower or noun.pos_ != "NOUN":
        return set()
    return {kind for kind, words in cues.items() if kind != "_comment" and noun.lower_ in words}


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """The character spans of the datelines of `text`, up to the dash or bracketed agency that ends
    each: the place where a story was filed and the agency that filed it ("BEIRUT (AP) —")."""
    found = []
    for match in DATELINE.finditer(text):
        end = match.end()
        rest = DATELINE_END.match(text, end)
        found.append((match.start("place"), rest.end() if rest else end))
    return found


PROPER_TAGS = frozenset({"NNP", "NNPS"})


def _without_ordinary_words(doc: Doc, spans: list[NamedSpan], in_headline: list[bool], lower: frozenset[str],
                            known: frozenset[str], role_cues: dict) -> tuple[list[NamedSpan], list[bool]]:
    """The spans but those of a one-word name that is an ordinary word: the article writes it in
    lower case, and each time the tagger took it for a name it was capitalised only as a
    sentence's first word or in a headline ("Change Font Size"); or the article never capitalises
    it inside a sentence, and each time the tagger took it for a name it opened a sentence of the
    body where the tagger read it as no proper noun ("Alcohol is not allowed.", "Teamwork is
    essential"). A headline's tags are no evidence ("Labour plans ..."), and a name of the alias
    table or one before a possessive or a role of `role_cues` (kind -> words, with the titles)
    stays ("Apple chief executive Tim Cook", "Velmar lawyer Nora Quill"). Not a word of a longer
    name of the article (May of Theresa May, Brown of Gordon Brown)."""
    def at_sentence_start(word: Token) -> bool:
        return all(not t.is_alpha for t in doc[word.sent.start:word.i])

    def ordinary(span: NamedSpan, headline: bool) -> bool:
        first, end = span.tokens
        word = doc[first]
        if end - first > 1 or not word.is_title:
            return False
        if word.lower_ in lower:
            return headline or at_sentence_start(word)
        return (not headline and at_sentence_start(word) and word.tag_ not in PROPER_TAGS
                and span.name == word.text and span.type != "Group" and name_key(span.name) not in known
                and not _cued(doc, end, role_cues) and not (end < len(doc) and doc[end].lower_ in POSSESSIVE))

    def named_inside_a_sentence(name: str) -> bool:
        return any(t.text == name and not at_sentence_start(t) and not _in_headline(doc, t.idx) for t in doc)

    words_of_longer = {doc[i].lower_ for s in spans if s.tokens[1] - s.tokens[0] > 1 for i in range(*s.tokens)}
    verdicts_of: dict[str, list[bool]] = defaultdict(list)
    for span, headline in zip(spans, in_headline, strict=True):
        verdicts_of[span.name].append(ordinary(span, headline))
    dropped = {name for name, verdicts in verdicts_of.items()
               if all(verdicts) and name.lower() not in words_of_longer
               and (name.lower() in lower or not named_inside_a_sentence(name))}
    kept = [i for i, span in enumerate(spans) if span.name not in dropped]
    return [spans[i] for i in kept], [in_headline[i] for i in kept]


def _products(spans: list[NamedSpan], tagged_products: list[str]) -> frozenset[str]:
    """The names of products, which kg keeps no class for, that the article writes both alone and
    with a version number ("Python" and "Python 3", "Windows" and "Windows 10"; not "Channel 4"),
    or with a version number where the tagger saw a product (`tagged_products`)."""
    def unversioned(names: list[str]) -> set[str]:
        return {" ".join(words) for *words, last in (n.split() for n in names) if words and VERSION.fullmatch(last)}

    names = {s.name for s in spans}
    return frozenset((unversioned(list(names)) & names) | unversioned(tagged_products))


def _names_a_product(name: str, products: frozenset[str]) -> bool:
    """Whether `name` is one of `products`, with or without a version, or has a dotted version
    number ("Python 3.8")."""
    *words, last = name.split() or [""]
    return name in products or " ".join(words) in products or bool(words and "." in last and VERSION.fullmatch(last))


def _nationality_before_place_noun(doc: Doc, spans: list[NamedSpan], in_headline: list[bool],
                                   ontology: Ontology) -> tuple[list[NamedSpan], list[bool]]:
    """A span the tagger glued to the adjective before it, in front of a place noun ("the northern
    Iraqi Nineveh province"), is two mentions: the country the adjective names and the place, a
    place whatever the tagger typed the glued span. Before anything but a place noun, or with a word
    of an organisation's name after it ("the Syrian Democratic Forces area"), the adjective stays
    part of the name."""
    result: list[NamedSpan] = []
    headlines: list[bool] = []
    for span, headline in zip(spans, in_headline, strict=True):
        first, end = span.tokens
        country = ontology.demonyms.get(doc[first].text)
        if (country and end - first >= 2 and end < len(doc) and doc[end].lower_ in ontology.place_nouns
                and doc[first + 1].text[:1].isupper()
                and not any(t.text in ontology.generic_org_words for t in doc[first + 1:end])):
            adjective, rest = doc[first], doc[first + 1:end]
            result += [NamedSpan(adjective.idx, adjective.idx + len(adjective), country, "Place", (first, first + 1)),
                       NamedSpan(rest.start_char, rest.end_char, rest.text, "Place", (first + 1, end))]
            headlines += [headline, headline]
        else:
            result.append(span)
            headlines.append(headline)
    return result, headlines


def _datelines(doc: Doc, text: str, spans: list[NamedSpan], in_headline: list[bool],
               lower: frozenset[str], sports: frozenset[str]) -> tuple[list[NamedSpan], list[bool]]:
    """The place of each dateline is a place, whatever the tagger made of it or whether it saw it
    at all ("BEIRUT" as an organisation, "AOSTA" missed). Not a line in capitals whose words the
    article also writes in lower case ("BREAKING —"), nor a sport that heads a wire headline
    ("SOCCER - ...": `sports` holds their name keys)."""
    for match in DATELINE.finditer(text):
        start, end = match.span("place")
        words = re.findall(r"[A-Za-z]+", match.group("place"))
        if not words or any(w.lower() in lower and len(w) > 3 for w in words) or len(match.group("place")) < 3 \
                or name_key(match.group("place")) in sports:
            continue
        overlapping = [i for i, s in enumerate(spans) if s.start < end and start < s.end]
        if overlapping:
            for i in overlapping:
                if spans[i].start >= start and spans[i].end <= end:
                    spans[i].type = "Place"
            continue
        piece = doc.char_span(start, end)
        if piece is not None:
            spans.append(NamedSpan(start, end, match.group("place"), "Place", (piece.start, piece.end)))
            in_headline.append(False)
    order = sorted(range(len(spans)), key=lambda i: spans[i].start)
    return [spans[i] for i in order], [in_headline[i] for i in order]


def _table_names(doc: Doc, text: str, spans: list[NamedSpan], ontology: Ontology,
                 lower: frozenset[str]) -> list[NamedSpan]:
    """Names the tagger passed over in the rows of a results table ("Oakhurst 0 Mellford 2",
    "Harlow Rovers 4 2 1 1 7 5 7"): the sides and competitors of each row. A country's name is a place
    (a side once `_national_teams` reads its score), a name followed by its country in brackets a
    person ("Dale Pruett (U.S.)"), any other a team. Not words the article writes in lower case, a
    function or calendar word, a label before a colon, or a name of under three letters."""
    found: list[NamedSpan] = []
    for row in rows_of(doc):
        for start, end in _capitalised_names(row):
            name, words = text[start:end], text[start:end].split()
            if (len(re.sub(r"\W", "", name)) < 3 or text[end:end + 1] == ":"
                    or all(w.lower() in lower for w in words) or any(w.lower() in CALENDAR_WORDS for w in words)
                    or any(s.start < end and start < s.end for s in spans + found)):
                continue
            piece = doc.char_span(start, end)
            if piece is not None:
                found.append(NamedSpan(start, end, name, _table_name_type(name, text, end, ontology),
                                       (piece.start, piece.end)))
    return found


def _table_sides_whole(doc: Doc, text: str, spans: list[NamedSpan], in_headline: list[bool],
                       ontology: Ontology) -> tuple[list[NamedSpan], list[bool]]:
    """A side of a results table's row that the tagger cut into pieces read as one name ("Springdale
    Irish 27 Mellford 28": not Springdale and Ireland but the club): in a row, a run of capitalised words
    of which the tagger's names cover only parts, none of them a country of the alias table, is one
    side: a person if a part was ("Nora Quill" of "Quill"), else typed as `_table_names` types one.
    Not after a title ("Miss Quill")."""
    runs = [run for row in rows_of(doc) for run in _capitalised_names(row)]
    if not runs:
        return spans, in_headline
    replaced: set[int] = set()
    wholes: list[NamedSpan] = []
    for start, end in runs:
        end = start + len(text[start:end].rstrip("."))  # a row's full stop, not an abbreviation's
        inside = [i for i, s in enumerate(spans) if s.start < end and start < s.end]
        words = text[start:end].split()
        if any("." in word for word in words):
            continue  # a reference's abbreviations ("Clin Rheumatol."), a file's name, an initial
        whole = len(inside) == 1 and (spans[inside[0]].start, spans[inside[0]].end) == (start, end)
        if not inside or whole or len(words) < 2 or words[0].lower() in ontology.lowercase_titles or any(
                spans[i].start < start or spans[i].end > end
                or name_key(text[spans[i].start:spans[i].end]) in ontology.place_alias_keys for i in inside):
            continue  # "Miss Quill" is Quill; a country is a side of its own ("TUVALU BEAT VANUATU")
        piece = doc.char_span(start, end)
        if piece is not None:
            replaced.update(inside)
            name = " ".join(text[start:end].split())
            type_ = "Person" if any(spans[i].type == "Person" for i in inside) \
                else _table_name_type(name, text, end, ontology)
            wholes.append(NamedSpan(start, end, name, type_, (piece.start, piece.end)))
    kept = [i for i in range(len(spans)) if i not in replaced]
    return [spans[i] for i in kept] + wholes, [in_headline[i] for i in kept] + [False] * len(wholes)


def _capitalised_names(line: Line) -> Iterator[tuple[int, int]]:
    """Offsets of the runs of capitalised words of a line (with the particles between them: "Bank of
    England"), cut at function words written with a capital ("At Dunmore", "OAKHURST AT MELLFORD")."""
    for match in TABLE_NAME.finditer(line.text):
        words = list(re.finditer(r"\S+", match.group()))
        run: list[re.Match] = []
        for word in [*words, None]:
            if word is not None and (word.group().islower() or word.group().lower() not in STOP_WORDS):
                run.append(word)
                continue
            if run:
                yield line.start + match.start() + run[0].start(), line.start + match.start() + run[-1].end()
            run = []


# two to four capitalised words, then a country in brackets: "Dale Pruett (Peru)" in a line of results
PERSON_WITH_COUNTRY = re.compile(r"(?<![\w'’.&-])([A-Z][a-z'’-]+(?:[ \t](?:(?:de|da|van|von|der|den|di|du|le|del|dos)"
                                 r"[ \t])?[A-Z][a-z'’-]+){1,3})" + BRACKETED_AFTER.pattern)


def _people_with_their_country(doc: Doc, text: str, spans: list[NamedSpan], ontology: Ontology,
                               lower: frozenset[str]) -> list[NamedSpan]:
    """People the tagger passed over where results name them with their country in brackets
    ("16 - Dale Pruett (Peru) beat Robert Haldane (Canada) 6-4"): a person's name, written in words
    of a capital and small letters, none a kind of organisation, a legal form, a title or a word the
    article writes in lower case (`lower`), that no span touches."""
    found: list[NamedSpan] = []
    words_not_in_names = ontology.generic_org_words | ontology.org_suffixes | {t.title() for t in
                                                                               ontology.lowercase_titles}
    for match in PERSON_WITH_COUNTRY.finditer(text):
        start, end = match.span(1)
        if name_key(match.group(2)) not in ontology.place_alias_keys \
                or any(w in words_not_in_names or w.lower() in CALENDAR_WORDS or w.lower() in lower
                       for w in match.group(1).split()) \
                or any(s.start < end and start < s.end for s in spans):
            continue
        piece = doc.char_span(start, end)
        if piece is not None:
            found.append(NamedSpan(start, end, match.group(1), "Person", (piece.start, piece.end)))
    return found


LINEUP_SEPARATORS = re.compile(r"[,;]")
MINUTE_AFTER = re.compile(r" \d+\b")  # "(Dunmore 70)": a substitute and his minute
LINEUP_NAMES = 4  # the fewest names, outside brackets, of a line that lists a team's players
LINEUP_LEFTOVER = re.compile(r"\([^()\n]*\)|\b[A-Z]\b\.?|\b\d+\b|\b(?:pen|og|and|subs|replacements)\b|[\s,;:.'’-]",
                            re.IGNORECASE)


def _people_of_a_lineup(text: str, spans: list[NamedSpan], ontology: Ontology) -> None:
    """Retype as people the names of a line that lists a team's players ("Whitcomb, Quill, Velmar,
    Haldane (Dunmore 70), Mellford"), where the tagger took some for organisations or places: a line
    of four names or more outside brackets, separated by commas or semicolons, holding little
    else but initials, minutes and bracketed notes (a word for every four names: "Juninho
    Paulista"), most of whose names the tagger read as people's; and a substitute before his
    bracketed minute ("(Dunmore 70)"). Another bracketed name (a player's club), a name before a
    colon (the side: "Ireland: G Murphy; ...") and a country keep their types."""
    by_line: dict[int, list[NamedSpan]] = defaultdict(list)
    for span in spans:
        by_line[text.rfind("\n", 0, span.start) + 1].append(span)
    for start, members in by_line.items():
        end = text.find("\n", start)
        line = text[start:end if end >= 0 else len(text)]
        outside = [s for s in members if not line[s.end - start:].lstrip().startswith(":")
                   and (not _bracketed(line, s.start - start) or MINUTE_AFTER.match(line, s.end - start))]
        if len(outside) < LINEUP_NAMES or sum(s.type == "Person" for s in outside) * 2 <= len(outside):
            continue
        rest = list(line)
        for s in members:
            rest[s.start - start:s.end - start] = " " * (s.end - s.start)
        leftover = LINEUP_LEFTOVER.sub(" ", "".join(rest)).split()  # a word the tagger left out of a name
        listed = sum(not _bracketed(line, s.start - start) for s in outside)
        if len(leftover) * LINEUP_NAMES > len(outside) or len(LINEUP_SEPARATORS.findall(line)) < listed - 2:
            continue
        for s in outside:
            if s.type != "Person" and len(s.name.split()) <= 3 and name_key(s.name) not in ontology.place_alias_keys:
                s.type = "Person"


def _surnames(spans: list[NamedSpan]) -> set[str]:
    """The last words of the full names of the people of `spans`."""
    return {s.name.split()[-1] for s in spans if s.type == "Person" and " " in s.name}


def _bracketed(line: str, offset: int) -> bool:
    return line.rfind("(", 0, offset) > line.rfind(")", 0, offset)


def _table_name_type(name: str, text: str, end: int, ontology: Ontology) -> str:
    if name_key(name) in ontology.place_alias_names:
        return "Place"
    country = BRACKETED_AFTER.match(text, end)
    return "Person" if country and name_key(country.group(1)) in ontology.place_alias_names else "Organization"


def _word_in_capitals(doc: Doc, span: NamedSpan, lower: frozenset[str]) -> bool:
    """True for a word in capitals that is an ordinary word: one the article writes in lower case
    ("ARMY" in a headline, "the army" below it), or a function word among other words in capitals
    ("IS" in "WHY THE WAR IS NOT OVER" is a verb, not the Islamic State)."""
    if not span.name.isupper() or " " in span.name:
        return False
    if span.name.lower() in lower and len(span.name) > 3:
        return True
    if span.name.lower() not in STOP_WORDS:
        return False
    first, last = span.tokens
    neighbours = [t for t in (doc[first - 1] if first > 0 else None, doc[last] if last < len(doc) else None)
                  if t is not None and t.is_alpha]
    return any(t.is_upper and len(t) > 1 for t in neighbours)


def _nicknamed_people(doc: Doc, text: str, spans: list[NamedSpan], places: frozenset[str]) -> list[NamedSpan]:
    """One person's span for a name with a nickname in quotes or brackets, whatever pieces the
    tagger made of it: Juan Carlos "Charlie" Mendez is Juan Carlos Mendez, also called Charlie Mendez (a
    nickname of one word makes a name; "The Bull" does not). A place in brackets is where the
    person is from ("Dieter Kampmann (Germany) Telekom" in a table of results): `places` are the
    name keys of the places the alias table knows."""
    surnames = {s.name.split()[-1] for s in spans if s.type == "Person"}
    for match in NICKNAMED.finditer(text):
        nickname, surname = match.group(2) or match.group(3), match.group(4)
        given_start = _given_names_start(match, spans, surnames)
        if given_start is None or len(nickname) < 2 or nickname.isupper() \
                or (match.group(2) and name_key(nickname) in places):
            continue
        given = text[given_start:match.end(1)]
        piece = doc.char_span(given_start, match.end())
        if piece is None or not all(w.replace(".", "").replace("-", "").isalpha() for w in given.split()) \
                or given.lower() in STOP_WORDS:
            continue
        spans = [s for s in spans if not (s.start < match.end() and given_start < s.end)]
        spans.append(NamedSpan(given_start, match.end(), f"{given} {surname}", "Person", (piece.start, piece.end),
                               None if " " in nickname else f"{nickname} {surname}"))
    return spans


def _known_as(text: str, spans: list[NamedSpan]) -> None:
    """Give a person's span the other name the text says the person goes by: "Elizabeth Harrow,
    known as Beth" (Beth Harrow), "Stefani Germanotta, better known as Lady Gaga"."""
    for span in spans:
        if span.type == "Person" and span.nickname is None and " " in span.name \
                and (match := KNOWN_AS.match(text, span.end)):
            other = match.group(1)
            span.nickname = other if " " in other else f"{other} {span.name.split()[-1]}"


def _given_names_start(match: re.Match, spans: list[NamedSpan], surnames: set[str]) -> int | None:
    """Where the given names before a nickname begin: those of a person's span that ends there, or
    of a span over the whole name; else the one word before the nickname if the surname is a
    person's in the article ("Mobster Salvatore": Salvatore)."""
    for s in spans:
        if s.type == "Person" and s.end == match.end(1) and s.start >= match.start(1):
            return s.start
        if match.start(1) <= s.start < match.end(1) and s.end >= match.end(4):
            return s.start
    if match.group(4) in surnames:
        return match.start(1) + match.group(1).rfind(" ") + 1
    return None


def _plural_names(doc: Doc, text: str, spans: list[NamedSpan], ontology: Ontology) -> list[NamedSpan]:
    """Organisations named by a capitalised plural after "the", which the tagger often leaves
    untyped or calls a product: the Kestrels, the Blue Hornets, the Crips. Written twice at least (once
    is a phrase in title case as often as a name), not at a sentence start, not in a headline, not a
    people (the Kurds) nor a plural of `ontology.plural_non_names` (the Oscars)."""
    taken = {i for s in spans for i in range(*s.tokens)}
    found = []
    for token in doc:
        if (token.tag_ not in ("NNPS", "NNS") or not token.is_title or not token.is_alpha or len(token) < 4
                or token.is_sent_start or token.i in taken
                or (token.ent_type_ and ontology.class_for_label(token.ent_type_) is not None)):
            continue
        start = token.i
        while start > 1 and doc[start - 1].tag_ == "NNP" and doc[start - 1].is_title and doc[start - 1].is_alpha \
                and not doc[start - 1].is_sent_start and start - 1 not in taken:
            start -= 1
        piece = doc[start:token.i + 1]
        if start == 0 or doc[start - 1].lower_ != "the" or {piece.text, token.text} & ontology.plural_non_names:
            continue
        if len(re.findall(rf"\b{re.escape(piece.text)}\b", text)) < 2 or _in_headline(doc, piece.start_char):
            continue
        taken.update(range(start, token.i + 1))
        found.append(NamedSpan(piece.start_char, piece.end_char, piece.text, "Organization", (start, token.i + 1)))
    return found


def _repeated_names(doc: Doc, text: str, spans: list[NamedSpan], ontology: Ontology) -> list[NamedSpan]:
    """Further occurrences of the document's names that the tagger missed: a name is a name
    throughout its article ("Merkel" tagged once, written six times). Matched as written, or in
    capitals as headlines and datelines write names (LAKERS, BEIRUT), at token boundaries, outside
    the spans already found and the longer names of other kinds ("U.S." is no mention of the
    country in "the U.S. Open", an event), and not where it begins a longer name the tagger missed
    (`_begins_a_longer_name`) or, but for a person's surname, ends one (`_ends_a_longer_name`);
    where names overlap, the longest at the leftmost place."""
    type_of: dict[str, Counter[str]] = {}
    for s in spans:
        if s.type != "Group":  # a people's name is an adjective too often (Kurdish, Syrian)
            type_of.setdefault(s.name, Counter())[s.type] += 1
    name_of = {}
    for name in type_of:
        if len(name) >= 2 and name.lower() not in STOP_WORDS:
            name_of.setdefault(name, name)
            if len(name) >= 4:
                name_of.setdefault(name.upper(), name)
    covered = {c for s in spans for c in range(s.start, s.end)}
    covered |= {c for e in doc.ents if e.label_ in OTHER_NAMES and len(e) > 1 for c in range(e.start_char, e.end_char)}
    found = []
    for piece, name in _written_again(doc, text, name_of, covered, r"\w"):
        type_ = type_of[name].most_common(1)[0][0]
        if (_begins_a_longer_name(piece, ontology) or (type_ != "Person" and _ends_a_longer_name(piece, ontology))) \
                and not _in_headline(doc, piece.start_char):
            continue
        covered.update(range(piece.start_char, piece.end_char))
        found.append(NamedSpan(piece.start_char, piece.end_char, name, type_, (piece.start, piece.end)))
    return found


def _begins_a_longer_name(piece: Span, ontology: Ontology) -> bool:
    """Whether a capitalised word after `piece` on its line makes it the start of a longer name (the
    city's name in "the Calgary Stampeders", "the Washington Post"): not a day or a month, not a
    company's suffix ("Velmar Denim Corp"), and never after a country's name, which names the country
    inside an organisation's ("U.S. Agriculture Department")."""
    doc = piece.doc
    if piece.end >= len(doc) or "\n" in piece[-1].whitespace_ or name_key(piece.text) in ontology.team_country_names:
        return False
    after = doc[piece.end]
    return _capitalised_word(after) and after.text.rstrip(".") not in ontology.org_suffixes


def _ends_a_longer_name(piece: Span, ontology: Ontology) -> bool:
    """Whether a capitalised word before `piece` on its line makes it the end of a longer name
    ("Sport" in "BBC Sport"): not a sentence's first word, a title, a day or a month."""
    if piece.start == 0:
        return False
    before = piece.doc[piece.start - 1]
    capitalised = before.is_title or (before.is_upper and before.is_alpha and len(before) > 1)
    return capitalised and not before.is_sent_start and "\n" not in before.whitespace_ \
        and before.lower_ not in CALENDAR_WORDS and before.lower_ not in ontology.lowercase_titles


def _repeated_surnames(doc: Doc, text: str, spans: list[NamedSpan], titles: frozenset[str]) -> list[NamedSpan]:
    """A person's surname written alone where the tagger missed it ("Holloway told police" after
    "Marcus Holloway"): outside the spans found, capitalised, and not next to another capitalised
    word but a title (Mr Holloway), which would make it part of a name the tagger missed."""
    other_names = {s.name for s in spans if s.type != "Person"}
    surnames = _surnames(spans)
    written = {name: name for name in surnames if len(name) >= 3 and name[0].isupper()
               and name.lower() not in STOP_WORDS and name not in other_names}
    covered = {c for s in spans for c in range(s.start, s.end)}
    found = []
    for piece, surname in _written_again(doc, text, written, covered, r"\w-"):
        if not _next_to_a_name(doc, piece, titles):
            covered.update(range(piece.start_char, piece.end_char))
            found.append(NamedSpan(piece.start_char, piece.end_char, surname, "Person", (piece.start, piece.end)))
    return found


def _written_again(doc: Doc, text: str, names_of: dict[str, str], covered: set[int],
                   word_chars: str) -> Iterator[tuple[Span, str]]:
    """(span, name) wherever `text` writes a form of `names_of` (form -> name) as whole words (not
    next to `word_chars`) on characters outside `covered`, the longest form first at each place.
    The caller adds what it keeps to `covered`."""
    # str.find for each form, not one regex of all forms: that regex is new in every document,
    # and compiling it cost more than the search
    word_char = re.compile(f"[{word_chars}]")
    found = []
    for form in names_of:
        start = text.find(form)
        while start >= 0:
            end = start + len(form)
            if not (start and word_char.match(text, start - 1)) and not word_char.match(text, end):
                found.append((start, -len(form), form))
            start = text.find(form, start + 1)
    reached = 0
    for start, length, form in sorted(found):
        end = start - length
        if start < reached:  # inside a longer form found at an earlier place
            continue
        reached = end
        if any(c in covered for c in range(start, end)):
            continue
        piece = doc.char_span(start, end)
        if piece is not None and piece.text.strip():
            yield piece, names_of[form]


def _next_to_a_name(doc: Doc, piece: Span, titles: frozenset[str]) -> bool:
    """Whether a capitalised word beside `piece` on its line makes it part of a longer name: not a
    title before it (Mr Holloway), not a day or a month (in Beirut Monday)."""
    before = doc[piece.start - 1] if piece.start > 0 else None
    after = doc[piece.end] if piece.end < len(doc) else None
    return (after is not None and "\n" not in piece[-1].whitespace_ and _capitalised_word(after)) or (
        before is not None and "\n" not in before.whitespace_ and _capitalised_word(before)
        and not before.is_sent_start and before.text.lower().rstrip(".") not in titles
        and before.text.lower() not in titles)


def _capitalised_word(token: Token) -> bool:
    """A capitalised word that may belong to a name beside it: not a day or a month."""
    return token.is_title and token.is_alpha and token.lower_ not in CALENDAR_WORDS


def _heads_with_the(doc: Doc, text: str, spans: list[NamedSpan], known: frozenset[str]) -> list[NamedSpan]:
    """"The Observatory" after "the Syrian Observatory for Human Rights": an organisation of three
    words or more named again by its head noun with "the", capitalised and not followed by another
    capitalised word ("the Observatory said", not "the State Department"). A lone word the tagger
    already took for a name of another type becomes the organisation's."""
    taken = {i for s in spans for i in range(*s.tokens)}
    lone = {s.tokens[0]: s for s in spans if s.tokens[1] - s.tokens[0] == 1}
    heads: set[str] = set()
    for s in spans:
        if s.type == "Organization" and s.tokens[1] - s.tokens[0] >= 3:
            head = doc[s.tokens[0]:s.tokens[1]].root
            if head.is_title and head.is_alpha and len(head) > 3 and head.lower_ not in STOP_WORDS \
                    and name_key(head.text) not in known:
                heads.add(head.text)
    found = []
    for head in sorted(heads):
        for match in re.finditer(rf"\b[Tt]he ({re.escape(head)})\b(?!\s+[A-Z])", text):
            piece = doc.char_span(match.start(1), match.end(1))
            if piece is not None and piece.start in lone:  # the tagger saw a name, but not whose
                lone[piece.start].type = "Organization"
            elif piece is not None and not any(t.i in taken for t in piece):
                taken.update(t.i for t in piece)
                found.append(NamedSpan(piece.start_char, piece.end_char, head, "Organization",
                                       (piece.start, piece.end)))
    return found


def _in_headline(doc: Doc, offset: int) -> bool:
    """Whether the line holding character `offset` is Headline Style Text (`_is_headline`), judged
    once per line of the document, whichever rule asks."""
    text = text_of(doc)
    start = text.rfind("\n", 0, offset) + 1
    verdicts = doc.user_data.setdefault(HEADLINES_KEY, {})
    if start not in verdicts:
        verdicts[start] = _is_headline(doc, text, start)
    return verdicts[start]


def _is_headline(doc: Doc, text: str, start: int) -> bool:
    """True for the line at `start` if it is Headline Style Text, where the tagger reads capitalised
    words as names. Lines, not sentences: a headline has no full stop to end its sentence."""
    end = text.find("\n", start)
    line = doc.char_span(start, end if end >= 0 else len(text), alignment_mode="expand")
    words = [t for t in line or () if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) >= 0.7 * len(words)


def _event_name_end(doc: Doc, ent: Span, event_words: frozenset[str]) -> int | None:
    """Where the name of an event ends that a place or a people's word begins: followed on its
    line by a capitalised word of `event_words` (names.json: Open, Masters, Grand Prix)."""
    if "\n" in ent[-1].whitespace_:
        return None
    for length in (2, 1):
        words = doc[ent.end:ent.end + length]
        if len(words) == length and words[0].text[:1].isupper() and words.text.lower() in event_words:
            return ent.end + length
    return None


def _trimmed_to_known_name(doc: Doc, text: str, span: NamedSpan, body_keys: set[str]) -> NamedSpan:
    """A headline span cut to the longest name within it that the article's body uses: as a name
    the tagger found, or written capitalised outside the headline ("Britney Spears Checks Into
    Court" -> "Britney Spears", "Comedian Jerry Seinfeld" -> "Jerry Seinfeld")."""
    first, last = span.tokens
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end
    written = text[span.start:span.end]
    if name_key(written) in body_keys or _written_outside(text, written, line_start, line_end):
        return span  # the whole name is the body's: "South Africa", not "South"
    for length in range(last - first - 1, 0, -1):
        for start in range(first, last - length + 1):
            piece = doc[start:start + length]
            name = piece.text
            if _is_punct(piece[0]) or _is_punct(piece[-1]) or not (piece[0].is_title or piece[0].is_upper):
                continue
            if name_key(name) in body_keys or _written_outside(text, name, line_start, line_end):
                return NamedSpan(piece.start_char, piece.end_char, " ".join(name.split()), span.type,
                                 (start, start + length))
    return span


def _written_outside(text: str, name: str, start: int, end: int) -> bool:
    """True when `name` is written, as whole words, in `text` outside [start, end)."""
    if name.lower() in STOP_WORDS:
        return False
    return any(not start <= m.start() < end for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text))


def _starts_a_title(ent: Span, ontology: Ontology) -> bool:
    """True when the span is the first word of a title ("Defence" in "Defence Minister Parly")."""
    after = ent.doc[ent.end:ent.end + 2]
    return any(f"{ent.text} {after[:n].text}".lower() in ontology.lowercase_titles for n in (1, 2)
               if len(after) >= n)


def _nationality(ent: Span, ontology: Ontology) -> str | None:
    """The country an adjective or a singular noun of nationality names ("Iraqi troops", "an
    Australian"), which kg counts as a mention of that country; None for anything else, and for a
    plural (the Iraqis are a people: a group)."""
    if ent.root.tag_ in ("NNS", "NNPS"):
        return None
    return ontology.demonyms.get(" ".join(ent.text.split()))


def _country_prefixes_joined(doc: Doc, spans: list[NamedSpan], in_headline: list[bool],
                             ontology: Ontology) -> tuple[list[NamedSpan], list[bool]]:
    """A country's name that the tagger cut off the name it begins joined to it ("U.S." +
    "Amateur Championship", "U.S." + untagged "Open"): the country is part of that name, not a
    mention of the country. An adjective stays apart: "Syrian Deir Ezzor" is Deir Ezzor."""
    text = text_of(doc)
    taken = {i for s in spans for i in range(*s.tokens)}
    joined: list[NamedSpan] = []
    flags: list[bool] = []
    for span, headline in zip(spans, in_headline, strict=True):
        previous = joined[-1] if joined else None
        if (previous is not None and _is_country(previous, ontology, text) and span.type in ("Organization", "Place")
                and span.name[:1].isupper() and span.start > previous.end
                and not text[previous.end:span.start].strip(" ")):
            joined[-1] = NamedSpan(previous.start, span.end, text[previous.start:span.end], span.type,
                                   (previous.tokens[0], span.tokens[1]))
            continue
        if _is_country(span, ontology, text) and (end := _untagged_name_after(doc, span.tokens[1], taken, ontology)) \
                and doc[end - 1].text not in HOLIDAY_WORDS:
            span = NamedSpan(span.start, doc[end - 1].idx + len(doc[end - 1]),
                             text[span.start:doc[end - 1].idx + len(doc[end - 1])], "Organization",
                             (span.tokens[0], end))
        joined.append(span)
        flags.append(headline)
    return joined, flags


def _is_country(span: NamedSpan, ontology: Ontology, text: str) -> bool:
    """True for a country's name, as written (not its adjective: "Iraqi" names Iraq)."""
    return span.type == "Place" and name_key(span.name) in ontology.place_alias_names and _written_as_named(span, text)


def _written_as_named(span: NamedSpan, text: str) -> bool:
    """Whether the text writes the span's name, not a word standing for it ("French" for France)."""
    return name_key(text[span.start:span.end]) == name_key(span.name)


def _untagged_name_after(doc: Doc, start: int, taken: set[int], ontology: Ontology) -> int | None:
    """The end of the capitalised proper nouns right after token `start - 1` on its line that no
    span holds and that no person's name or title follows ("U.S. Open", not "U.S. President"; not a
    day or a month: "in Washington Monday")."""
    end = start
    while end < len(doc) and end not in taken and doc[end].pos_ == "PROPN" and doc[end].is_title \
            and doc[end].lower_ not in ontology.lowercase_titles and doc[end].lower_ not in CALENDAR_WORDS \
            and "\n" not in doc[end - 1].whitespace_:
        end += 1
    if end == start or (end < len(doc) and (end in taken or doc[end].ent_type_ == "PERSON"
                                             or doc[end].lower_ in ontology.lowercase_titles)):
        return None
    return end


def _story_sport(text: str, cues: dict) -> str | None:
    """The team sport the story is about (`team_sport`), by `team_cues` of names.json."""
    if not cues:
        return None
    return team_sport(text, cues.get("sports", {}), int(cues.get("min_sport_words", 3)),
                      frozenset(cues.get("topic_words", ())))


def _national_teams(doc: Doc, text: str, spans: list[NamedSpan], ontology: Ontology,
                    sport: str | None) -> list[NamedSpan]:
    """The spans, with a country's name renamed to its national team (`team_cues` of names.json)
    where it stands for the team: the team is not the country. A sports result shows it ("France
    beat Belgium", "Australia v England", "Romania 2 Bulgaria 1"), and in a story about a team
    sport (`team_sport`) a country is a side wherever it is not a place: not in the dateline, not
    a person's country in brackets ("Nick Faldo (England)"), not after a word of place ("in
    France"). The team is named after its sport where the story has one (England's cricket team is
    not its football team). A country's adjective stays the country's ("French fans")."""
    cues = ontology.team_cues
    countries = [ontology.team_country_names.get(name_key(span.name)) for span in spans]
    if not cues or not any(countries):
        return spans
    words, verbs = set(cues.get("words", ())), set(cues.get("verbs", ()))
    team_name = str(cues.get("sport_team_name", TEAM_NAME) if sport else cues.get("team_name", TEAM_NAME))
    datelines = datelines_of(doc) if sport else []
    place_words = set(cues.get("place_words", ()))
    renamed = []
    for span, country in zip(spans, countries, strict=True):
        if not country or span.type not in ("Place", "Organization") \
                or not _written_as_named(span, text):  # "French fans" are the country's
            renamed.append(span)
            continue
        if _plays(doc, span, words, verbs) or (sport and _side_in_a_story(doc, text, span, datelines, place_words)):
            name = team_name.replace("{country}", country).replace("{sport}", sport or "")
            span = NamedSpan(span.start, span.end, name, "Organization", span.tokens)
        renamed.append(span)
    return renamed


def _clubs_named_after_places(doc: Doc, text: str, spans: list[NamedSpan], ontology: Ontology,
                              sport: str | None) -> list[NamedSpan]:
    """The spans, with a place's name renamed to the club the story names after it ("Calgary" to
    "Calgary Stampeders") where, in a story about a team sport, it stands for the side: a sports
    result shows it, or it is not a place (`_side_in_a_story`). Only a club whose name ends in a
    plural ("Stampeders") or that the story also names without the place ("United"), and
    the only such club named after that place in the story; never a person's surname the story
    gives ("Tollesbury" of Mark Tollesbury). Where the story names no club after
    the place, the side is named by team_cues' `club_team_name` ("Calgary football team"), which
    the resolver joins to the only club the corpus names after that place. `sport` is the
    story's (`_story_sport`)."""
    cues = ontology.team_cues
    if not sport:
        return spans
    names = {name_key(s.name) for s in spans}
    clubs: dict[str, set[str]] = defaultdict(set)
    for span in spans:
        words = span.name.split()
        if span.type == "Organization" and len(words) > 1 and \
                (words[-1].endswith("s") or name_key(" ".join(words[1:])) in names):
            for n in range(1, len(words)):
                clubs[name_key(" ".join(words[:n]))].add(span.name)
    result_words, verbs = set(cues.get("words", ())), set(cues.get("verbs", ()))
    datelines, place_words = datelines_of(doc), set(cues.get("place_words", ()))
    team_name = cues.get("club_team_name")
    surnames = _surnames(spans)
    renamed = []
    for span in spans:
        if span.name in surnames:  # "Tollesbury" where the story names Mark Tollesbury: a player, no side
            renamed.append(span)
            continue
        club = clubs.get(name_key(span.name), ())
        # no country (`_national_teams` names its side), region or continent of the alias table, nor
        # an adjective standing for a place ("European")
        unnamed_club_of_a_town = not club and team_name and name_key(span.name) not in ontology.place_alias_keys \
            and _written_as_named(span, text)
        if span.type == "Place" and (len(club) == 1 or unnamed_club_of_a_town) and (
                _plays(doc, span, result_words, verbs) or (_side_in_a_story(doc, text, span, datelines, place_words)
                                                           and (club or not _where_something_is(doc, span)))):
            name = next(iter(club)) if club else \
                team_name.replace("{place}", _as_written_in_prose(span.name)).replace("{sport}", sport)
            span = NamedSpan(span.start, span.end, name, "Organization", span.tokens, made=not club)
        renamed.append(span)
    return renamed


def _where_something_is(doc: Doc, span: NamedSpan) -> bool:
    """Whether a town's name says where something is rather than who plays: after "at" or a comma
    ("at Kestrel Park, Springdale"), or before a bracket, a colon or a comma ("Springdale (Kestrel
    Park): ...")."""
    first, end = span.tokens
    return (first > 0 and doc[first - 1].lower_ in ("at", ",")) or (end < len(doc) and doc[end].text in ("(", ":", ","))


def _as_written_in_prose(name: str) -> str:
    """A name as prose writes it: a table's or a headline's capitals in title case (PORT ALDWIN)."""
    return " ".join(w.title() if w.isupper() and len(w) > 1 else w for w in name.split())


def team_sport(text: str, sports: dict[str, list[str]], least: int,
               topic_words: frozenset[str] = frozenset()) -> str | None:
    """The team sport a story is about: the one its wire label names (a headline "SOCCER - ..."
    files it under the sport of that word), else the one whose words (`sports`, sport -> words) it
    uses most, at least `least` times, and more than any other sport's. Words that only name a sport
    or its bodies (`topic_words`: "football", "FIFA") come up in stories about its business or its
    video games too: a story of the game itself uses at least one word of play ("striker").

    >>> team_sport("The striker scored after halftime; the goalkeeper was beaten.", {"football": ["striker",
    ...            "halftime", "goalkeeper"], "cricket": ["wicket"]}, 3)
    'football'
    >>> team_sport("SOCCER - HOSTS HELD.\\nThe match ended 1-1.", {"football": ["soccer"]}, 3)
    'football'
    """
    lowered = text.lower()
    label = WIRE_LABEL.match(lowered)
    if label:
        labelled = [sport for sport, words in sports.items() if sport != "_comment" and label.group(1) in words]
        if len(labelled) == 1:
            return labelled[0]
    found = sorted(((len(words), sport, words) for sport, pattern in _sport_words(
        tuple((s, tuple(w)) for s, w in sports.items() if s != "_comment")).items()
        if (words := pattern.findall(lowered))), reverse=True)
    if not found or found[0][0] < least or (len(found) > 1 and found[1][0] == found[0][0]) \
            or set(found[0][2]) <= topic_words:
        return None
    return found[0][1]


@cache
def _sport_words(sports: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, re.Pattern]:
    return {sport: re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                              + r")(?![\w-])") for sport, words in sports}


def _side_in_a_story(doc: Doc, text: str, span: NamedSpan, datelines: list[tuple[int, int]],
                     place_words: set[str]) -> bool:
    """Whether a country's name in a story about a team sport stands for its side: neither in
    the dateline, nor a person's country in brackets, nor after a word of place."""
    if any(start <= span.start < end for start, end in datelines):
        return False
    if text[span.start - 1:span.start] == "(" and text[span.end:span.end + 1] == ")":
        return False
    first = span.tokens[0]
    head = doc[span.tokens[1] - 1]
    while head.dep_ == "conj" and head.head.i < head.i:  # "in Europe and the US": where the first one is
        head = head.head
        first = min(first, head.i)
    before = doc[first - 1].lower_ if first > 0 else ""
    if before == "the" and first > 1:
        before = doc[first - 2].lower_
    return before not in place_words


def _plays(doc: Doc, span: NamedSpan, words: set[str], verbs: set[str]) -> bool:
    """True when a country's name is a side in a sports result: next to "v", followed by a score
    on its line, or subject or object of a verb such as "beat"."""
    first, end = span.tokens
    before = doc[first - 1] if first > 0 else None
    after = doc[end] if end < len(doc) else None
    root = doc[end - 1]
    return ((before is not None and before.lower_ in words) or (after is not None and after.lower_ in words)
            or (after is not None and bool(SCORE.match(after.text)) and "\n" not in root.whitespace_)
            or (root.dep_ in ("nsubj", "dobj", "nsubjpass") and root.head.lemma_.lower() in verbs))


def _names_a_people(ent: Span) -> bool:
    """NORP spans count as groups when used as a noun (the Kurds), not as an adjective
    (Kurdish fighters, American troops)."""
    root = ent.root
    if root.tag_ in ("NNS", "NNPS"):
        return True
    following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    modifies = following is not None and (following.text in DASHES or following.pos_ in ("NOUN", "PROPN", "ADJ"))
    return root.tag_ == "NNP" and root.dep_ not in ("compound", "amod") and not modifies


def clean_span(ent: Span, type_: str, ontology: Ontology, text: str) -> NamedSpan | None:
    """Trim an entity span to the name: no separators, articles, quotes, possessives, titles,
    descriptions ("comedian Jerry Seinfeld"), or verbs a headline glued on ("Spears Checks Into")."""
    tokens = _before_separator(list(ent))
    while tokens and _not_a_leading_name_part(tokens[0]):
        tokens.pop(0)
    while tokens and _not_a_trailing_name_part(tokens[-1]):
        tokens.pop()
    if len(tokens) > 1 and tokens[-1].is_digit and _in_a_row(text, tokens[-1].idx):
        while len(tokens) > 1 and tokens[-1].is_digit:  # a score glued to a side ("Oakhurst 0"), not "Channel 4"
            tokens.pop()
    tokens = _without_trailing_score(tokens)
    if type_ != "Person":
        tokens = _without_leading_role(tokens, ontology.office_titles)
    if type_ == "Person":
        tokens = _without_title(tokens, ontology)
        if len(tokens) > 2 and tokens[0].text in ontology.demonyms:
            tokens = tokens[1:]  # "Briton Nora Quill": her nationality, not her name
        inner = next((i for i, t in enumerate(tokens[1:-1], 1) if t.is_lower and t.is_alpha
                      and t.lower_ not in NAME_PARTICLES and t.whitespace_ and tokens[i - 1].whitespace_), None)
        if inner is not None:
            tokens = tokens[:inner]  # two names the tagger ran together ("Vincent to Emily")
        headline_word = next((i for i, t in enumerate(tokens[2:], 2) if t.pos_ == "ADP" and t.is_title
                              and t.lower_ not in NAME_PARTICLES and t.lower_ != "of"), None)
        if headline_word is not None:
            tokens = tokens[:headline_word - 1]  # a headline's verb and preposition ("Quint Checks Into Rehab")
        while len(tokens) > 1 and tokens[-1].is_lower and tokens[-1].lower_ not in NAME_PARTICLES:
            tokens.pop()  # a word glued on after a name ("Meghan cry"): no name ends in lower case
        if any(t.like_num or any(c.isdigit() for c in t.text) for t in tokens):
            return None  # "Python 3.4/3.5": a person's name has no number
    elif type_ == "Organization":
        while len(tokens) > 1 and tokens[-1].text.rstrip(".") in ontology.org_suffixes:
            tokens.pop()
        if len(tokens) > 1 and PRODUCT_WORD.match(tokens[-1].text):
            tokens.pop()  # "Apple iPod": a product, named after its maker, who is the organisation
    if not tokens or len(tokens) > MAX_NAME_TOKENS:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    name = " ".join(text[start:end].split())
    if not _looks_like_a_name(name):
        return None
    return NamedSpan(start, end, name, type_, (tokens[0].i, tokens[-1].i + 1))


def _without_leading_role(tokens: list[Token], titles: frozenset[str]) -> list[Token]:
    """An organisation's or a place's name without a role the tagger read into it, up to "of" or
    "at" ("Founder of Kestrel Robotics", "Mayor of Springdale"); a title that holds "of" itself
    stays whole ("Secretary of State for Health"), and so does a style's ("Prince of Wales"), which
    `titles` (`Ontology.office_titles`) leaves out."""
    n = next((n for n in range(min(4, len(tokens) - 2), 0, -1)
              if " ".join(t.lower_ for t in tokens[:n]) in titles), 0)  # the longest title it begins with
    if n and tokens[n].lower_ in ("of", "at") and tokens[n + 1].text[:1].isupper():
        return tokens[n + 1:]
    return tokens


def _without_trailing_score(tokens: list[Token]) -> list[Token]:
    """The tokens without a result glued on ("Lithuania 2-1"): numbers joined by a dash end no
    name, where a number alone may ("Channel 4")."""
    end = len(tokens)
    while end > 1 and (tokens[end - 1].is_digit or tokens[end - 1].text in DASHES):
        end -= 1
    trailing = tokens[end:]
    if any(t.text in DASHES for t in trailing) and any(t.is_digit for t in trailing):
        return tokens[:end]
    return tokens


def _in_a_row(text: str, offset: int) -> bool:
    """Whether the line at `offset` is a row of a results table (`kg.boilerplate.news.is_row`)."""
    start, end = text.rfind("\n", 0, offset) + 1, text.find("\n", offset)
    return is_row(text[start:end if end >= 0 else len(text)])


def _not_a_leading_name_part(token: Token) -> bool:
    return (token.lower_ in DROP_LEADING or _is_punct(token) or _is_verb(token)
            or (token.is_lower and token.is_alpha and token.lower_ not in NAME_PARTICLES))


def _not_a_trailing_name_part(token: Token) -> bool:
    return (token.lower_ in POSSESSIVE or _is_punct(token) or _is_verb(token)
            or token.pos_ in ("ADP", "CCONJ", "DET", "PRON"))


def _is_verb(token: Token) -> bool:
    """A verb inside an entity span is the tagger's reading of a headline word ("Checks", "Dies")."""
    return token.tag_.startswith("VB") and not token.is_upper


def _before_separator(tokens: list[Token]) -> list[Token]:
    """The tokens before a separator or line break; those after it when nothing comes before."""
    for i, token in enumerate(tokens):
        if token.text in SEPARATORS or token.is_space or "\n" in token.whitespace_ or _is_spaced_dash(token):
            return tokens[:i] or _before_separator(tokens[i + 1:])
    return tokens


def _is_spaced_dash(token: Token) -> bool:
    """A dash with spaces around it separates ("Computerworld - Microsoft"); one inside a name does not."""
    return token.text in DASHES and bool(token.whitespace_) and token.i > 0 and bool(token.doc[token.i - 1].whitespace_)


def _is_punct(token: Token) -> bool:
    return token.is_punct or token.text in QUOTES or token.text in SEPARATORS


def _without_title(tokens: list[Token], ontology: Ontology) -> list[Token]:
    """A person's name without the title or description before it, wherever the span starts:
    "President Donald Trump", "Packers QB Aaron Rodgers" -> "Aaron Rodgers"; a plural title names
    several ("Chefs Nora Quill and ..."). The name keeps one word."""
    titles = ontology.lowercase_titles
    for end in range(len(tokens) - 1, 0, -1):
        if all(t.text.rstrip(".").lower() in GENERATIONAL for t in tokens[end:]):
            continue  # "Martin Luther King Jr.": what follows a title must be a name, not "Jr."
        for n in (n for n in (3, 2, 1) if n <= end):
            words = " ".join(t.text for t in tokens[end - n:end]).lower()
            if words in titles or (len(words) > 3 and words.endswith("s") and words[:-1] in titles):
                return tokens[end:]
    return tokens


def _looks_like_a_name(name: str) -> bool:
    """Two letters or more, one a capital, and no e-mail or web address ("Dana.Whitcomb@example.org")."""
    letters = [c for c in name if c.isalpha()]
    return len(letters) >= 2 and any(c.isupper() for c in letters) and not WEB_ADDRESS.search(name)


def group_mentions(text: str, spans: list[NamedSpan],
                   known_names: frozenset[str] = frozenset()) -> tuple[list[LocalEntity], list[Mention]]:
    """Join the spans that name one entity within the document: the document's local entities.
    `known_names` are alias-table name keys."""
    by_key: dict[str, list[NamedSpan]] = defaultdict(list)
    for span in spans:
        by_key[name_key(span.name)].append(span)
    # a name an article writes after Mr or Mrs is a person's throughout, whatever the tagger said elsewhere
    types = {key: "Person" if any(s.gender for s in group) else Counter(s.type for s in group).most_common(1)[0][0]
             for key, group in by_key.items()}
    names = UnionFind(by_key)
    acronyms: dict[str, str] = {}
    for span, acronym in defined_acronyms(text, spans):
        long_key = name_key(span.name)
        acronyms.setdefault(long_key, acronym)
        names.union(long_key, name_key(acronym), "acronym defined in the text")
    nicknames = {}
    for span in spans:
        if span.nickname:
            nicknames[name_key(span.nickname)] = span.nickname
            names.add(name_key(span.nickname))
            names.union(name_key(span.name), name_key(span.nickname), NICKNAME_RULE)
    _join_short_names(by_key, types, known_names, names)

    entities, entity_of = [], {}
    for keys in names.groups():
        group = [s for key in keys for s in by_key.get(key, [])]
        if not group:  # an acronym defined but never used on its own
            continue
        for key in keys:
            entity_of[key] = len(entities)
        entities.append(_local_entity(group, keys, names, acronyms, nicknames, types[names.find(keys[0])]))
    mentions = [Mention(s.start, s.end, text[s.start:s.end], entity_of[name_key(s.name)]) for s in spans]
    return entities, mentions


def _local_entity(group: list[NamedSpan], keys: list[str], names: UnionFind, acronyms: dict[str, str],
                  nicknames: dict[str, str], type_: str) -> LocalEntity:
    forms = Counter(s.name for s in group)
    acronym = next((acronyms[k] for k in keys if k in acronyms), None)
    for alias in [acronym] + [nicknames[k] for k in keys if k in nicknames]:
        if alias:
            forms.setdefault(alias, 0)
    ordered = sorted(forms, key=lambda f: (is_acronym(f), -len(f.split()), -forms[f], f))
    links = tuple((_form_of(joined, forms), rule) for _, joined, rule in names.reasons if joined in keys)
    genders = {s.gender for s in group if s.gender}
    return LocalEntity(name=ordered[0], type=type_, forms=tuple(ordered), acronym=acronym, links=links,
                       gender=genders.pop() if len(genders) == 1 else None,
                       cued=any(s.cued and s.type == type_ for s in group))


def _form_of(key: str, forms: Counter) -> str:
    return next((f for f in forms if name_key(f) == key), key)


def defined_acronyms(text: str, spans: list[NamedSpan]) -> list[tuple[NamedSpan, str]]:
    """(span, acronym) for every "Full Name (FN)" in the text whose letters spell the name."""
    found = []
    for span in spans:
        match = ACRONYM_AFTER.match(text, span.end)
        if match and is_acronym(match.group(1)) and is_acronym_of(match.group(1), span.name):
            found.append((span, match.group(1)))
    return found


def _join_short_names(by_key: dict[str, list[NamedSpan]], types: dict[str, str], known: frozenset[str],
                      names: UnionFind) -> None:
    """Join each short name that the fuller names of exactly one entity explain (Mendez: Juan
    Carlos Mendez, also called Charlie Mendez), longer names first, so that Haldane finds J.
    Robert Haldane and Robert Haldane already one. A town's name is short for the side kg named
    after it only in that article (`TOWN_SIDE_RULE`: no other article learns that Oakhurst is a
    team). A one-word name joins a person's full name whatever the tagger
    called it (it often reads a lone surname as a place or an organisation), unless it is a name
    of the alias table (Jordan). A company is not short for its branch (Nintendo Europe), nor for
    a name it is hyphenated to (Gazprom-Rosneft)."""
    for short in sorted(by_key, key=lambda key: (-len(key.split()), key)):
        words = short.split()
        if all(is_acronym(s.name) for s in by_key[short]):  # SPEARS in a headline is no acronym if Spears is
            continue
        if short in known and types[short] != "Person":  # Ireland is not short for Northern Ireland
            continue
        fuller = [full for full in by_key if full != short and _shortens(words, full.split(), types[full])
                  and not _a_branch(words, full.split(), known) and not _two_names_joined(short, by_key[full])
                  and (types[full] == types[short]
                       or (types[full] == "Person" and len(words) == 1 and short not in known))]
        if fuller and len({names.find(full) for full in fuller}) == 1:
            rule = SURNAME_RULE if types[fuller[0]] == "Person" else \
                TOWN_SIDE_RULE if all(s.made for s in by_key[fuller[0]]) else SHORT_NAME_RULE
            names.union(fuller[0], short, rule)


def _two_names_joined(short: str, spans: list[NamedSpan]) -> bool:
    """Whether an organisation's or place's name is two names joined by a hyphen, `short` one of
    them: "the merged Gazprom-Rosneft group" is short for neither Gazprom nor Rosneft."""
    if spans[0].type == "Person":  # Kilroy is short for Robert Kilroy-Silk
        return False
    sides = [span.name.split("-") for span in spans]
    return all(len(parts) == 2 and all(part[:1].isupper() for part in parts) and short in map(name_key, parts)
               for parts in sides)


def _a_branch(short: list[str], full: list[str], known: frozenset[str]) -> bool:
    """Whether `full` is `short` and then a name of the alias table, as a company's branch is
    named after its place: Nintendo Europe, Sony of America, Microsoft UK."""
    rest = full[len(short):] if full[:len(short)] == short else []
    if rest[:1] in (["of"], ["in"]):
        rest = rest[1:]
    return bool(rest) and " ".join(rest) in known


def _shortens(short: list[str], full: list[str], type_: str) -> bool:
    """True when `short` names what `full` names: a person's surname, first name or name tail, or
    for other entities a run of the full name's words that is not only function words."""
    if len(short) >= len(full):
        return False
    if type_ == "Person":
        return full[-len(short):] == short or (len(short) == 1 and full[0] == short[0])
    # South Australia is not Australia, nor are African Americans Americans
    if type_ in ("Place", "Group") or all(w in FUNCTION_WORDS for w in short):
        return False
    n = len(short)
    return any(full[i:i + n] == short for i in range(len(full) - n + 1))


def capitalised_runs(doc: Doc, mentions: list[Mention], lower: frozenset[str]) -> list[CapitalisedRun]:
    """The runs of capitalised words (Kestrels, NORA QUILL) outside the mentions, within a
    line and not led by a function word: where the resolver finds names that the tagger missed here
    but found in other articles. Not the words the tagger read as a people's or party's adjective
    ("Tory leader", "Kurdish fighters"): it did not miss them. Read from the text, not the tokens,
    which is ten times faster. Nor the products `named_spans` found ("Python 3")."""
    text = text_of(doc)
    taken = sorted({(m.start, m.end) for m in mentions} | {(e.start_char, e.end_char) for e in doc.ents
                                                          if e.label_ == "NORP"})
    taken = [span for i, span in enumerate(taken) if i == 0 or span[0] >= taken[i - 1][1]]  # no overlaps
    starts, ends = zip(*taken, strict=True) if taken else ((), ())
    runs: list[list[re.Match]] = [[]]
    for word in CAPITALISED_WORD.finditer(text):
        w = word.group()
        i = bisect_right(starts, word.start()) - 1
        if not (w.istitle() or (w.isupper() and len(w) > 1)) or (i >= 0 and ends[i] > word.start()) \
                or (i + 1 < len(starts) and starts[i + 1] < word.end()):
            runs.append([])
            continue
        if runs[-1] and text[runs[-1][-1].end():word.start()] != " ":
            runs.append([])
        if runs[-1] or w.lower() not in STOP_WORDS:
            runs[-1].append(word)
    found = []
    products = doc.user_data.get(PRODUCTS_KEY, frozenset())
    for run in (r for r in runs if r and not _names_a_product(text[r[0].start():r[-1].end()], products)):
        found.append(CapitalisedRun(tuple(w.span() for w in run), tuple(w.group().lower() in lower for w in run),
                                    text[run[0].start():run[-1].end()], _in_headline(doc, run[0].start())))
    return found
