"""Load the knowledge kept as data in `ontology/`: classes, properties, name words and aliases.

>>> from kg.ontology import Ontology
>>> onto = Ontology.load()
>>> onto.class_for_label("GPE")
'Place'
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from functools import cache, cached_property
from importlib import resources
from pathlib import Path

from kg.errors import OntologyError

ONTOLOGY_DIR = Path(str(resources.files("kg.data")))
VOCAB = "https://example.org/kg/ontology#"
DATA_FILES = ("kg.ttl", "aliases.json", "names.json", "relations.json", "boilerplate.json",
              "boilerplate_model.json", "overrides.json", "demonyms.json", "resolver.json", "relation_model.json")


@dataclass(frozen=True)
class AliasEntry:
    name: str
    type: str
    aliases: tuple[str, ...]
    country: bool = False  # a country of ISO 3166 (not a state, a region or a continent)


@dataclass(frozen=True)
class Overrides:
    """A user's corrections to resolution: name pairs that are one entity, or never one."""

    same: tuple[tuple[str, str], ...] = ()
    different: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_file(cls, path: Path) -> Overrides:
        data = read_json(path)
        try:
            same = tuple((str(a), str(b)) for a, b in data.get("same", []))
            different = tuple((str(a), str(b)) for a, b in data.get("different", []))
        except (TypeError, ValueError) as err:
            raise OntologyError(f"{path}: 'same' and 'different' must be lists of name pairs: {err}") from err
        return cls(same, different)


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per folder
class Ontology:
    """The vocabulary and curated data of one `ontology/` folder."""

    directory: Path
    classes: dict[str, tuple[str, ...]]  # class name -> NER labels mapped to it
    properties: frozenset[str]  # relation property names, e.g. "backedBy"
    parent_property: dict[str, str]  # property -> the kgo property it is a rdfs:subPropertyOf
    property_classes: dict[str, tuple[str | None, str | None]]  # property -> (domain, range) class; None: any entity
    property_chains: dict[str, tuple[str, ...]]  # p -> each q of its owl:propertyChainAxiom (p q); p if transitive
    titles: tuple[str, ...]
    org_suffixes: frozenset[str]
    member_nouns: frozenset[str]
    place_nouns: frozenset[str]
    plural_non_names: frozenset[str]
    place_abbreviations: dict[str, str]
    place_generic_words: frozenset[str]
    title_gender: dict[str, str]  # "Mr" -> "male"
    generic_org_words: frozenset[str]
    generic_names_alone: frozenset[str]  # generic words that alone still name one thing: the Guardian, the Army
    event_words: frozenset[str]  # a capitalised one after a place makes an event's name: the U.S. Open
    competition_words: frozenset[str]  # one ends a contest's name: nobody's employer or group (the US Open)
    event_names: frozenset[str]  # name keys of awards and events, which are no entities kg keeps
    diseases: frozenset[str]  # name keys of diseases (Covid, Ebola), which are no entities kg keeps either
    sports: frozenset[str]  # name keys of sports (SOCCER of a wire headline), which name no entity
    time_zones: frozenset[str]  # name keys of time zones' abbreviations (1400 GMT), which the tagger takes for names
    common_acronyms: frozenset[str]  # name keys of common nouns' abbreviations (AI, CPU), likewise
    surname_prefixes: frozenset[str]  # a capital may follow these inside a person's name: MacLeod, FitzGerald
    team_cues: dict  # names.json's team_cues: when a country's name stands for its national team
    type_cues: dict  # names.json's type_cues: words after a name that tell its kind
    aliases: tuple[AliasEntry, ...]
    demonyms: dict[str, str]  # adjective of nationality -> country name
    peoples: dict[str, str]  # adjective of a people without a state -> the group's name (Kurdish -> Kurds)
    relation_patterns: tuple[dict, ...]  # relations.json's patterns, checked by kg.extract.relations
    campaign_rules: tuple[dict, ...]  # relations.json's rules over whole articles, likewise
    relation_model: dict  # relation_model.json: the relation classifier's weights, checked likewise
    boilerplate: dict  # boilerplate.json, compiled by kg.boilerplate
    boilerplate_model: dict  # boilerplate_model.json: the line classifier's weights
    resolver: dict  # resolver.json: the thresholds of kg.resolve's rules
    version: str  # a hash of every data file: it changes whenever the knowledge does
    overrides: Overrides = Overrides()

    @classmethod
    def load(cls, directory: Path | None = None) -> Ontology:
        return _load(Path(directory or ONTOLOGY_DIR).resolve())

    def class_for_label(self, label: str) -> str | None:
        """The ontology class an NER label maps to, or None when kg does not keep it."""
        for name, labels in self.classes.items():
            if label in labels:
                return name
        return None

    def with_overrides(self, path: Path) -> Ontology:
        """This ontology with the resolution overrides of another file (which its version, and so
        every cache key, then follows)."""
        overrides = Overrides.from_file(path)
        version = hashlib.sha256(f"{self.version} {overrides}".encode()).hexdigest()[:16]
        return replace(self, overrides=overrides, version=version)

    @cached_property
    def alias_keys(self) -> frozenset[str]:
        """The name keys of every name in the alias table (countries included)."""
        from kg.names import name_key

        return frozenset(name_key(n) for e in self.aliases for n in (e.name, *e.aliases))

    @cached_property
    def place_alias_keys(self) -> frozenset[str]:
        """The name keys of the alias table's places: countries, and regions such as the Middle East."""
        return frozenset(self.place_alias_names)

    @cached_property
    def place_alias_names(self) -> dict[str, str]:
        """The alias table's place names by name key: "us" -> "United States"."""
        from kg.names import name_key

        return {name_key(n): e.name for e in self.aliases if e.type == "Place" for n in (e.name, *e.aliases)}

    @cached_property
    def kind_keys(self) -> frozenset[str]:
        """The name keys of words that alone name a kind of organisation, not one: generic_org_words
        but generic_names_alone ("Museum", "University"; not "Guardian" or "Army")."""
        from kg.names import name_key

        return frozenset(name_key(w) for w in self.generic_org_words - self.generic_names_alone)

    @cached_property
    def made_team_names(self) -> tuple[tuple[re.Pattern, str], ...]:
        """(pattern, template key) for each name kg makes for a side (team_cues' `team_name`,
        `sport_team_name`, `club_team_name`: "Peru national football team"); the pattern's group
        `place` holds the country's or the place's name."""
        sports = "|".join(re.escape(s) for s in sorted(self.team_cues.get("sports", {}), key=len, reverse=True)
                          if s != "_comment")
        patterns = []
        for key in ("team_name", "sport_team_name", "club_team_name"):
            template = self.team_cues.get(key)
            if template:
                pattern = re.escape(template).replace(r"\{country\}", "(?P<place>.+?)") \
                    .replace(r"\{place\}", "(?P<place>.+?)").replace(r"\{sport\}", f"(?:{sports})")
                patterns.append((re.compile(pattern), key))
        return tuple(patterns)

    def made_team_name(self, name: str) -> tuple[str, str] | None:
        """(place, template key) when `name` is one kg made for a side (`made_team_names`).

        >>> Ontology.load().made_team_name("Oakhurst baseball team")
        ('Oakhurst', 'club_team_name')
        """
        for pattern, key in self.made_team_names:
            match = pattern.fullmatch(name)
            if match:
                return match.group("place"), key
        return None

    @cached_property
    def team_country_names(self) -> dict[str, str]:
        """The names of the countries and nations that field national teams, by name key: every
        ISO country and the `nations` of names.json's team cues (England, Scotland)."""
        from kg.names import name_key

        nations = {name_key(n) for n in self.team_cues.get("nations", ())}
        return {name_key(n): e.name for e in self.aliases if e.type == "Place"
                and (e.country or name_key(e.name) in nations) for n in (e.name, *e.aliases)}

    @cached_property
    def apart_keys(self) -> frozenset[tuple[str, str]]:
        """The name-key pairs of the `different` overrides, both ways round."""
        from kg.names import name_key

        pairs = {(name_key(a), name_key(b)) for a, b in self.overrides.different}
        return frozenset(pairs | {(b, a) for a, b in pairs})

    @cached_property
    def lowercase_titles(self) -> frozenset[str]:
        return frozenset(t.lower() for t in self.titles)

    @cached_property
    def office_titles(self) -> frozenset[str]:
        """The titles in lower case but the styles that tell a gender (King, Lady, Mr): offices and
        roles, whose "X of Y" names the place or organisation Y ("Mayor of Springdale")."""
        return self.lowercase_titles - {t.lower() for t in self.title_gender}

    @cached_property
    def role_cues(self) -> dict[str, list[str]]:
        """type_cues' words after a name that tell its role ("Apple chief executive ..."), with the
        titles in lower case ("Velmar lawyer ..."): what keeps a sentence's first word a name."""
        return {**self.type_cues.get("after_name", {}), "title": sorted(self.lowercase_titles)}

    @cached_property
    def no_names_after_the(self) -> frozenset[str]:
        """Words in lower case that "the" before them says nothing of: titles and plurals that name
        nothing (the Pope, the Psalms)."""
        return self.lowercase_titles | {w.lower() for w in self.plural_non_names}


@cache
def _load(directory: Path) -> Ontology:
    from kg.names import name_key

    classes, properties, parents, property_classes, chains = _read_vocabulary(directory / "kg.ttl")
    names = read_json(directory / "names.json")
    relations = read_json(directory / "relations.json")
    demonyms = read_json(directory / "demonyms.json")
    entries = read_json(directory / "aliases.json").get("entities", [])
    try:
        aliases = tuple(AliasEntry(e["name"], e["type"], tuple(e["aliases"]) + _country_names(e), "country" in e)
                        for e in entries) + _other_countries(entries)
        return Ontology(
            directory=directory, classes=classes, properties=frozenset(properties), parent_property=parents,
            property_classes=property_classes, property_chains=chains,
            titles=tuple(sorted(names["titles"], key=len, reverse=True)),
            org_suffixes=frozenset(names["org_suffixes"]),
            member_nouns=frozenset(names["member_nouns"]),
            place_nouns=frozenset(names["place_nouns"]), plural_non_names=frozenset(names["plural_non_names"]),
            place_abbreviations=dict(names["place_abbreviations"]),
            place_generic_words=frozenset(names["place_generic_words"]), title_gender=dict(names["title_gender"]),
            generic_org_words=frozenset(names["generic_org_words"]), aliases=aliases,
            generic_names_alone=frozenset(names.get("generic_names_alone", ())),
            event_words=frozenset(w.lower() for w in names.get("event_words", ())),
            competition_words=frozenset(w.lower() for w in names.get("competition_words", ())),
            event_names=frozenset(name_key(n) for n in names.get("event_names", ())),
            diseases=frozenset(name_key(n) for n in names.get("diseases", ())),
            sports=frozenset(name_key(n) for n in names.get("sports", ())),
            time_zones=frozenset(name_key(n) for n in names.get("time_zones", ())),
            common_acronyms=frozenset(name_key(n) for n in names.get("common_acronyms", ())),
            surname_prefixes=frozenset(names.get("surname_prefixes", ())),
            team_cues=dict(names.get("team_cues", {})), type_cues=dict(names.get("type_cues", {})),
            demonyms=dict(demonyms["demonyms"]), peoples=dict(demonyms.get("peoples", {})),
            relation_patterns=tuple(relations["patterns"]), campaign_rules=tuple(relations.get("campaigns", ())),
            relation_model=read_json(directory / "relation_model.json"),
            boilerplate=read_json(directory / "boilerplate.json"),
            boilerplate_model=read_json(directory / "boilerplate_model.json"),
            resolver=read_json(directory / "resolver.json"),
            version=_version(directory),
            overrides=Overrides.from_file(directory / "overrides.json"))
    except (KeyError, TypeError) as err:
        raise OntologyError(f"{directory}: malformed names.json or aliases.json: {err!r}") from err


def _version(directory: Path) -> str:
    digest = hashlib.sha256()
    for name in DATA_FILES:
        digest.update((directory / name).read_bytes())
    return digest.hexdigest()[:16]


def read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise OntologyError(f"{path}: cannot read: {err.strerror or err}") from err
    except ValueError as err:
        raise OntologyError(f"{path}: not valid JSON: {err}") from err


def _read_vocabulary(path: Path) -> tuple[dict[str, tuple[str, ...]], list[str], dict[str, str],
                                          dict[str, tuple[str | None, str | None]]]:
    import rdflib
    from rdflib.namespace import OWL, RDF, RDFS

    graph = rdflib.Graph()
    try:
        graph.parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as err:
        raise OntologyError(f"{path}: cannot parse the ontology: {err}") from err
    ner_label = rdflib.URIRef(VOCAB + "nerLabel")
    classes: dict[str, list[str]] = {}
    for cls, label in graph.subject_objects(ner_label):
        classes.setdefault(str(cls).removeprefix(VOCAB), []).append(str(label))
    entity_relations = {str(p).removeprefix(VOCAB) for p in graph.subjects(RDF.type, OWL.ObjectProperty)
                        if str(p).startswith(VOCAB)}
    if not classes:
        raise OntologyError(f"{path}: no class has a kgo:nerLabel, so no entity would be kept")
    parents = {str(p).removeprefix(VOCAB): str(q).removeprefix(VOCAB)
               for p, q in graph.subject_objects(RDFS.subPropertyOf)
               if str(p).startswith(VOCAB) and str(q).startswith(VOCAB)}

    def kept_class(node: rdflib.term.Node | None) -> str | None:
        name = str(node).removeprefix(VOCAB) if node is not None else ""
        return name if name in classes else None  # kgo:Entity, or nothing said: any entity

    property_classes = {p: (kept_class(graph.value(rdflib.URIRef(VOCAB + p), RDFS.domain)),
                            kept_class(graph.value(rdflib.URIRef(VOCAB + p), RDFS.range)))
                        for p in sorted(entity_relations)}
    return ({c: tuple(sorted(labels)) for c, labels in sorted(classes.items())}, sorted(entity_relations),
            dict(sorted(parents.items())), property_classes, _chains(graph, entity_relations))


def _chains(graph, properties: set[str]) -> dict[str, tuple[str, ...]]:
    """{p: (q, ...)} for each owl:propertyChainAxiom (p q) stated of p, and (p p) when p is an
    owl:TransitiveProperty: p of x and y, and q of y and z, give p of x and z."""
    import rdflib
    from rdflib.collection import Collection
    from rdflib.namespace import OWL, RDF

    found: dict[str, set[str]] = {}
    for p in sorted(properties):
        node = rdflib.URIRef(VOCAB + p)
        if (node, RDF.type, OWL.TransitiveProperty) in graph:
            found.setdefault(p, set()).add(p)
        for chain in graph.objects(node, OWL.propertyChainAxiom):
            steps = [str(step).removeprefix(VOCAB) for step in Collection(graph, chain)]
            if len(steps) == 2 and steps[0] == p and steps[1] in properties:
                found.setdefault(p, set()).add(steps[1])
    return {p: tuple(sorted(qs)) for p, qs in sorted(found.items())}


def _country_names(entry: dict) -> tuple[str, ...]:
    code = entry.get("country")
    if not code:
        return ()
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        raise OntologyError(f"aliases.json: {entry['name']}: unknown ISO country code {code!r}")
    return _names_of(country)


def _names_of(country) -> tuple[str, ...]:
    # Not the ISO codes: written in capitals they are words too often (AND, CAN, PER).
    names = [country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)]
    return tuple(n for n in names if n)


def _other_countries(entries: list[dict]) -> tuple[AliasEntry, ...]:
    """Every country pycountry knows that aliases.json does not name, under its common name."""
    import pycountry

    curated = {e.get("country") for e in entries}
    return tuple(
        AliasEntry(getattr(c, "common_name", None) or c.name, "Place", _names_of(c), True)
        for c in sorted(pycountry.countries, key=lambda c: c.alpha_2) if c.alpha_2 not in curated)
