"""Typed relations between a document's entities, found by dependency patterns kept as data.

The patterns live in `ontology/relations.json` (spaCy `DependencyMatcher` patterns with an id, a
property, a prior confidence and the nodes that name subject and object). A node names an entity
when it lies inside the entity's mention, when it is a member noun modified by the entity ("SDF
fighters" stands for the SDF, "U.S. air power" for the United States), or a place noun with "of"
("the village of Baghouz").

A match is not asserted when its verb is negated, under a modal ("could stage a comeback") or the
complement of a verb of denial or doubt.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.attrs import ENT_IOB
from spacy.language import Language
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Span, Token

from kg.errors import OntologyError
from kg.extract.classifier import Candidate, RelationModel, meeting_word, sentence_candidates, sentence_words
from kg.extract.entities import TEAM_NAME, datelines_of
from kg.model import OPEN_PREFIX, Evidence, LocalEntity, Mention, RelationMention
from kg.names import name_key
from kg.ontology import Ontology

MODALS = {"could", "might", "may", "would", "should", "must", "can", "will"}
DOUBT_VERBS = {"deny", "doubt", "dispute", "reject", "question", "refute", "allege", "claim", "rumour"}
# an intention is not a deed: "tried to kill", "plans to back"
INTENT_VERBS = {"try", "attempt", "plot", "plan", "threaten", "vow", "seek", "want", "intend", "conspire"}
HYPOTHETICAL_MARKS = {"if", "unless", "whether"}
DATELINE_PATTERN = "locatedIn/dateline"
DATELINE_CONFIDENCE = 0.85  # a dateline names a city and its state or country, seldom anything else
MODIFIER_DEPS = {"compound", "nmod", "poss", "npadvmod", "amod"}
HYPHENS = {"-", "‐", "–"}


@dataclass(frozen=True)
class RelationPattern:
    id: str
    property: str
    confidence: float
    subject: str
    object: str
    pattern: list[dict]
    subject_types: tuple[str, ...] = ()
    object_types: tuple[str, ...] = ()
    role: str | None = None
    hyphenated: bool = False
    not_in_list: bool = False
    members: bool = True  # a member noun ("SDF fighters") may stand for its group
    object_no_country: bool = False  # "IS in Syria" may be IS's fighters there: no seat
    object_country: bool = False  # the object is a country or nation ("a European champion": no citizen of Europe)


@dataclass(frozen=True)
class CampaignRule:
    """A rule over a whole article: a campaign waged against one opponent and aimed at a place says
    the opponent holds the place (see relations.json's comment)."""

    id: str
    property: str
    confidence: float
    event_nouns: frozenset[str]
    opponent_verbs: frozenset[str]
    opponent_preps: frozenset[str]
    target_preps: frozenset[str]
    max_sentences_apart: int


def load_campaign_rules(ontology: Ontology) -> list[CampaignRule]:
    where = ontology.directory / "relations.json"
    try:
        rules = [CampaignRule(**{k: frozenset(v) if isinstance(v, list) else v for k, v in r.items()})
                 for r in ontology.campaign_rules]
    except TypeError as err:
        raise OntologyError(f"{where}: a campaign rule has a field it should not or lacks one: {err}") from err
    for rule in rules:
        if rule.property not in ontology.properties:
            raise OntologyError(f"{where}: campaign rule {rule.id!r}: {rule.property!r} is not a property of kg.ttl")
    return rules


def load_patterns(ontology: Ontology) -> list[RelationPattern]:
    """The relation patterns of the ontology's relations.json, checked against its properties."""
    where = ontology.directory / "relations.json"
    try:
        patterns = [RelationPattern(**{**p, "subject_types": tuple(p.get("subject_types", ())),
                                       "object_types": tuple(p.get("object_types", ()))})
                    for p in ontology.relation_patterns]
    except TypeError as err:
        raise OntologyError(f"{where}: a pattern has a field it should not or lacks one: {err}") from err
    for p in patterns:
        nodes = {node["RIGHT_ID"] for node in p.pattern}
        if p.property not in ontology.properties:
            raise OntologyError(f"{where}: pattern {p.id!r}: {p.property!r} is not a property of kg.ttl")
        if not {p.subject, p.object} <= nodes:
            raise OntologyError(f"{where}: pattern {p.id!r}: subject and object must name pattern nodes")
    if len({p.id for p in patterns}) != len(patterns):
        raise OntologyError(f"{where}: pattern ids must be unique")
    return patterns


OPEN_CONFIDENCE = 0.5
PROVISIONAL = 1 << 30  # entity indices from here on are countries or peoples named by an adjective


@dataclass(frozen=True)
class _Named:
    """What an adjective outside the entities names: a country ("French") or a people ("Kurdish")."""

    index: int  # a provisional entity index, one per name
    name: str
    type: str  # Place or Group


class _Types:
    """The type of an entity index, provisional ones (named by an adjective) included."""

    def __init__(self, entities: list[LocalEntity], adjectives: dict[int, _Named]):
        self.entities = entities
        self.provisional = {named.index: named.type for named in adjectives.values()}

    def __getitem__(self, index: int) -> str:
        return self.provisional[index] if index >= PROVISIONAL else self.entities[index].type


class RelationExtractor:
    """Runs the relation patterns over a parsed document."""

    def __init__(self, nlp: Language, ontology: Ontology, patterns: list[RelationPattern],
                 open_relations: bool = False, model: RelationModel | None = None):
        self.ontology = ontology
        self.campaigns = load_campaign_rules(ontology)
        self.patterns = {p.id: p for p in patterns}
        self.titles = ontology.lowercase_titles
        self.demonyms = ontology.demonyms
        self.open_relations = open_relations
        self.model = model or RelationModel.from_data(ontology.relation_model, ontology.properties,
                                                      ontology.classes, ontology.directory / "relation_model.json")
        # One matcher per pattern: the dependency matcher's cost grows with the patterns it holds
        # times the tokens, so a sentence meets only the patterns whose anchor word it has ("backed",
        # "spokesman"), or whose entity types it has when the anchor names no word (place in place).
        self.matchers: list[tuple[frozenset[str], tuple[frozenset[str], frozenset[str]], DependencyMatcher]] = []
        for p in patterns:
            matcher = DependencyMatcher(nlp.vocab, validate=True)
            try:
                matcher.add(p.id, [p.pattern])
            except ValueError as err:
                raise OntologyError(f"relations.json: pattern {p.id!r} is not valid: {err}") from err
            self.matchers.append((frozenset(_anchor_words(p)),
                                  (frozenset(p.subject_types), frozenset(p.object_types)), matcher))

    def extract(self, doc: Doc, doc_id: str, entities: list[LocalEntity],
                mentions: list[Mention]) -> list[RelationMention]:
        """Every asserted relation of `doc` between its entities, none of a person with a contest and
        no seat for an event or a side. A country named only by its adjective ("French Defence
        Minister Florence Parly") is added to `entities`, and the adjective to `mentions`, when a
        relation needs it."""
        entity_of_token = _token_entities(doc, mentions)
        found = self._pattern_relations(doc, doc_id, entity_of_token, entities, mentions)
        for rule in self.campaigns:
            for rel in self._campaign_relations(rule, doc, doc_id, entity_of_token, entities):
                found.setdefault((rel.subject, rel.predicate, rel.object, rel.evidence.start), rel)
        for rel in self._dateline_relations(doc, doc_id, entity_of_token, entities):
            found.setdefault((rel.subject, rel.predicate, rel.object, rel.evidence.start), rel)
        found = _most_specific(found, self.ontology.parent_property)
        for rel in self._learned_relations(doc, doc_id, entity_of_token, entities, found):
            found.setdefault((rel.subject, rel.predicate, rel.object, rel.evidence.start), rel)
        found = {key: rel for key, rel in found.items() if not self._about_contest(rel, entities)}
        for rel in self._along_chains(found.values()):
            found.setdefault((rel.subject, rel.predicate, rel.object, rel.evidence.start), rel)
        if self.open_relations:
            typed = {(r.subject, r.object, r.evidence.start) for r in found.values()}
            for rel in self._open_relations(doc, doc_id, entity_of_token):
                if (rel.subject, rel.object, rel.evidence.start) not in typed:
                    found[(rel.subject, rel.predicate, rel.object, rel.evidence.start)] = rel
        return sorted(found.values(), key=lambda r: (r.evidence.start, r.predicate, r.subject, r.object))

    def candidates(self, doc: Doc, doc_id: str, entities: list[LocalEntity],
                   mentions: list[Mention]) -> Iterator[tuple[Span, Candidate]]:
        """The pairs the relation classifier weighs, with their sentences: what
        `train/relations.py` learns from."""
        entity_of_token = _token_entities(doc, mentions)
        found = self._pattern_relations(doc, doc_id, entity_of_token, list(entities), list(mentions))
        yield from self._candidates(doc, entity_of_token, entities, found)

    def _pattern_relations(self, doc: Doc, doc_id: str, entity_of_token: dict[int, int],
                           entities: list[LocalEntity], mentions: list[Mention]) -> dict[tuple, RelationMention]:
        """The relations the dependency patterns find, by (subject, property, object, sentence start)."""
        entity_of_token = dict(entity_of_token)
        countries = self._demonym_tokens(doc, entity_of_token)
        types = _Types(entities, countries)
        for token_i, named in countries.items():
            entity_of_token[token_i] = named.index
        found: dict[tuple, RelationMention] = {}
        for match_id, token_ids in self._matches(doc, entity_of_token, types):
            pattern = self.patterns[doc.vocab.strings[match_id]]
            nodes = {node["RIGHT_ID"]: doc[i] for node, i in zip(pattern.pattern, token_ids, strict=True)}
            subject = self._entity_at(nodes[pattern.subject], entity_of_token, pattern.members)
            obj = self._entity_at(nodes[pattern.object], entity_of_token, pattern.members)
            if subject is None or obj is None or subject == obj:
                continue
            if (pattern.subject_types and types[subject] not in pattern.subject_types) or \
                    (pattern.object_types and types[obj] not in pattern.object_types):
                continue
            if pattern.hyphenated and not _hyphen_between(nodes[pattern.subject], nodes[pattern.object]):
                continue
            if pattern.not_in_list and (_in_list(nodes[pattern.subject]) or _in_list(nodes[pattern.object])):
                continue
            if not asserted(nodes):
                continue
            subject = _named_country(subject, nodes[pattern.subject], countries, entities, mentions)
            obj = _named_country(obj, nodes[pattern.object], countries, entities, mentions)
            countries_only = self.ontology.team_country_names
            if subject == obj or (pattern.object_no_country and self._is_country(entities[obj])) \
                    or (pattern.object_country and name_key(entities[obj].name) not in countries_only):
                continue
            if pattern.property == "locatedIn" and self._is_country(entities[subject]) \
                    and not self._is_country(entities[obj]):
                subject, obj = obj, subject  # "the Darfur region of Sudan": a country lies in no smaller place
            evidence = _sentence_evidence(nodes[pattern.subject], doc_id, pattern.id)
            role = _role(nodes["title"], self.titles) if pattern.role == "title" else None
            key = (subject, pattern.property, obj, evidence.start)
            if key not in found or found[key].confidence < pattern.confidence:
                found[key] = RelationMention(subject, pattern.property, obj, pattern.confidence,
                                             evidence, role)
        return found

    def _along_chains(self, found: Iterable[RelationMention]) -> list[RelationMention]:
        """What the property chains of kg.ttl add within one sentence: "Dale Pruett of Oakhurst,
        Idaho" says he lives in Oakhurst and Oakhurst lies in Idaho, so he lives in Idaho. One
        step, from what the sentence itself states; no surer than either statement."""
        found = list(found)
        stated: dict[tuple[int, str, int], list[RelationMention]] = defaultdict(list)
        for rel in found:
            stated[(rel.subject, rel.predicate, rel.evidence.start)].append(rel)
        added = []
        for rel in found:
            for via in self.ontology.property_chains.get(rel.predicate, ()):
                for link in stated.get((rel.object, via, rel.evidence.start), ()):
                    if link.object != rel.subject:
                        evidence = replace(rel.evidence, pattern=f"{rel.evidence.pattern}+{link.evidence.pattern}")
                        added.append(RelationMention(rel.subject, rel.predicate, link.object,
                                                     min(rel.confidence, link.confidence), evidence, rel.role))
        return added

    def _dateline_relations(self, doc: Doc, doc_id: str, entity_of_token: dict[int, int],
                            entities: list[LocalEntity]) -> Iterator[RelationMention]:
        """A dateline's place lies in the region written after it ("AOSTA, Italy (AP) --"); the
        agency is based in neither."""
        for start, end in datelines_of(doc):
            span = doc.char_span(start, end, alignment_mode="contract")
            if span is None:
                continue
            places = [e for e in dict.fromkeys(entity_of_token[t.i] for t in span if t.i in entity_of_token)
                      if entities[e].type == "Place"]
            if len(places) == 2 and not self._is_country(entities[places[0]]):
                evidence = Evidence(doc_id, span.start_char, span.end_char, span.text, DATELINE_PATTERN)
                yield RelationMention(places[0], "locatedIn", places[1], DATELINE_CONFIDENCE, evidence)

    def _about_contest(self, relation: RelationMention, entities: list[LocalEntity]) -> bool:
        """Whether `relation` makes a contest a person's employer or group, or gives an event or a
        side a seat: a tournament is held in a city and a national team plays in one, neither is
        based there."""
        if relation.predicate == "basedIn":
            return self._is_held(entities[relation.subject])
        return entities[relation.subject].type == "Person" and self._is_contest(entities[relation.object])

    def _is_held(self, entity: LocalEntity) -> bool:
        """An event (a name ending in one of `event_words`: the Motor Show) or a national team, as
        kg names it (`team_cues`' team_name: "Wales national team")."""
        words = entity.name.split()
        team_word = str(self.ontology.team_cues.get("team_name", TEAM_NAME)).split()[-1]
        return len(words) > 1 and (words[-1].lower() in self.ontology.event_words or words[-1] == team_word)

    def _is_contest(self, entity: LocalEntity) -> bool:
        """A contest kg types as an organisation, for want of a class ("the US Open": a name of
        several words ending in one of `competition_words`): nobody is employed by, a member of or
        the leader of it."""
        words = entity.name.split()
        return len(words) > 1 and words[-1].lower() in self.ontology.competition_words

    def _is_country(self, entity: LocalEntity) -> bool:
        """A place of the alias table: a country, or a region such as the Middle East."""
        return entity.type == "Place" and name_key(entity.name) in self.ontology.place_alias_keys

    def _candidates(self, doc: Doc, entity_of_token: dict[int, int], entities: list[LocalEntity],
                    found: dict[tuple, RelationMention]) -> Iterator[tuple[Span, Candidate]]:
        """The classifier's candidate pairs, sentence by sentence, with the patterns' findings as
        features."""
        if not self.model.properties:
            return
        by_sentence: dict[int, dict[tuple[int, int], set[str]]] = defaultdict(lambda: defaultdict(set))
        for subject, prop, obj, start in found:
            by_sentence[start][(subject, obj)].add(prop)
        types = {i: e.type for i, e in enumerate(entities)}
        datelines = datelines_of(doc)
        for sentence in doc.sents:
            spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
            for token in sentence:
                entity = entity_of_token.get(token.i)
                if entity is None or entity >= PROVISIONAL:
                    continue
                if spans[entity] and spans[entity][-1][1] == token.i:
                    spans[entity][-1] = (spans[entity][-1][0], token.i + 1)
                else:
                    spans[entity].append((token.i, token.i + 1))
            if len(spans) < 2:
                continue
            patterns = by_sentence.get(_sentence_start(sentence), {})
            for candidate in sentence_candidates(sentence, spans, types, self.model, patterns):
                if not _in_dateline(datelines, doc, candidate):
                    yield sentence, candidate

    def _learned_relations(self, doc: Doc, doc_id: str, entity_of_token: dict[int, int], entities: list[LocalEntity],
                           found: dict[tuple, RelationMention]) -> Iterator[RelationMention]:
        """What the classifier asserts: in each sentence, for each subject and property, the most
        probable object above the property's threshold, between a pair no rule related there, and
        for no subject that the document's rules already relate by one of the property's `unless`
        properties (a spokesman of one group is not also employed by the next group named), and
        never a country inside another place ("US-occupied space in Syria")."""
        related = {(s, o, start) for s, _, o, start in found} | {(o, s, start) for s, _, o, start in found}
        ruled = {(s, prop) for s, prop, _, _ in found}
        best: dict[tuple[int, str, int], RelationMention] = {}
        read: dict[int, tuple[Evidence, frozenset[str]]] = {}  # by sentence: a sentence has many pairs
        for sentence, candidate in self._candidates(doc, entity_of_token, entities, found):
            if sentence.start not in read:
                read[sentence.start] = (_evidence_of(sentence, doc_id, "learned"), sentence_words(sentence))
            evidence, words = read[sentence.start]
            if (candidate.subject, candidate.object, evidence.start) in related or \
                    not asserted({"verb": _pair_verb(doc, candidate)}):
                continue
            for name, model in sorted(self.model.properties.items()):
                if not model.fits(entities[candidate.subject].type, entities[candidate.object].type) or \
                        not model.applies(words) or \
                        any((candidate.subject, other) in ruled for other in model.unless) or \
                        (name == "locatedIn" and self._is_country(entities[candidate.subject])):
                    continue  # where a country lies is the alias table's business, not a guess's
                probability = round(model.probability(candidate.features), 3)
                key = (evidence.start, name, candidate.subject)
                if probability >= model.threshold and (key not in best or best[key].confidence < probability):
                    best[key] = RelationMention(candidate.subject, name, candidate.object, probability,
                                                replace(evidence, pattern=f"learned/{name}"))
        return iter(best.values())

    def _campaign_relations(self, rule: CampaignRule, doc: Doc, doc_id: str, entity_of_token: dict[int, int],
                            entities: list[LocalEntity]) -> Iterator[RelationMention]:
        """`rule.property` from the one opponent of the article's campaigns to each place they aim at,
        with the passage from the sentence naming the opponent to the one naming the place."""
        opponents: dict[int, list[Token]] = defaultdict(list)  # entity -> campaign nouns waged against it
        targets: list[tuple[int, Token]] = []
        for event in doc:
            if event.pos_ != "NOUN" or event.lemma_.lower() not in rule.event_nouns:
                continue
            governed = event.dep_ in ("dobj", "nsubj", "nsubjpass") and event.head.pos_ == "VERB"
            governor = event.head if governed else None
            if not asserted({"verb": governor or event}):
                continue
            for entity in self._campaign_opponents(rule, event, entity_of_token):
                if entities[entity].type != "Person":
                    opponents[entity].append(event)
            for entity in self._campaign_targets(rule, (event, governor), entity_of_token):
                if entities[entity].type == "Place" and not self._is_country(entities[entity]):
                    targets.append((entity, event))
        if len(opponents) != 1:
            return
        ((opponent, waged),) = opponents.items()
        sentence_index = {sentence.start: i for i, sentence in enumerate(doc.sents)}

        def apart(a: Token, b: Token) -> int:
            return abs(sentence_index[a.sent.start] - sentence_index[b.sent.start])

        for target, aimed in targets:
            nearest = min(waged, key=lambda event: apart(event, aimed))
            first, last = sorted((nearest.sent, aimed.sent), key=lambda sentence: sentence.start)
            if target != opponent and apart(nearest, aimed) <= rule.max_sentences_apart:
                yield RelationMention(opponent, rule.property, target, rule.confidence,
                                      _passage_evidence(first, last, doc_id, rule.id))

    def _campaign_opponents(self, rule: CampaignRule, event: Token, entity_of_token: dict[int, int]) -> Iterator[int]:
        """Whom a campaign is waged against: "an offensive against IS", "a push to defeat IS"."""
        for child in event.children:
            if child.dep_ == "prep" and child.lower_ in rule.opponent_preps:
                objects = [c for c in child.children if c.dep_ == "pobj"]
            elif child.dep_ in ("relcl", "acl", "xcomp") and child.lemma_.lower() in rule.opponent_verbs:
                objects = [c for c in child.children if c.dep_ == "dobj"]
            else:
                continue
            for obj in objects:
                entity = self._entity_at(obj, entity_of_token)
                if entity is not None and entity < PROVISIONAL:
                    yield entity

    def _campaign_targets(self, rule: CampaignRule, heads: tuple[Token, Token | None],
                          entity_of_token: dict[int, int]) -> Iterator[int]:
        """Where a campaign is aimed: a place after a preposition on its noun or on the verb it is
        subject or object of ("launched an offensive on Mosul", "was focused on the village of Baghouz")."""
        for head in heads:
            for prep in head.children if head is not None else ():
                if prep.dep_ != "prep" or prep.lower_ not in rule.target_preps:
                    continue
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    entity = self._entity_at(obj, entity_of_token, members=False)
                    if entity is not None and entity < PROVISIONAL:
                        yield entity

    def _open_relations(self, doc: Doc, doc_id: str, entity_of_token: dict[int, int]) -> Iterator[RelationMention]:
        """Untyped subject-verb-object relations between two named entities ("verb:meet"), for
        exploring a corpus before modelling it; never between countries named by adjectives."""
        for token in doc:
            if token.pos_ != "VERB" or not token.lemma_.isalpha():
                continue
            subjects = [c for c in token.children if c.dep_ == "nsubj"]
            objects = [c for c in token.children if c.dep_ == "dobj"]
            for subject_token in subjects:
                for object_token in objects:
                    subject = self._entity_at(subject_token, entity_of_token)
                    obj = self._entity_at(object_token, entity_of_token)
                    if None in (subject, obj) or subject == obj or max(subject, obj) >= PROVISIONAL:
                        continue
                    if asserted({"verb": token}):
                        yield RelationMention(subject, OPEN_PREFIX + token.lemma_.lower(), obj, OPEN_CONFIDENCE,
                                              _sentence_evidence(subject_token, doc_id, "open/subject-verb-object"))

    def _demonym_tokens(self, doc: Doc, entity_of_token: dict[int, int]) -> dict[int, _Named]:
        """token index -> what it names, for each adjective of nationality or of a people outside the
        entities ("French", "South Korean", "Kurdish"); one provisional index per name."""
        found: dict[int, _Named] = {}
        index_of: dict[str, int] = {}
        for token in doc:
            if token.i in entity_of_token or not token.text[:1].isupper():
                continue
            pair = f"{doc[token.i - 1].text} {token.text}" if token.i else ""
            country = self.demonyms.get(pair) or self.demonyms.get(token.text)
            people = None if country else self.ontology.peoples.get(token.text)
            if country or people:
                index = index_of.setdefault(country or people, PROVISIONAL + len(index_of))
                found[token.i] = _Named(index, country or people, "Place" if country else "Group")
        return found

    def _matches(self, doc: Doc, entity_of_token: dict[int, int],
                 types: _Types) -> Iterator[tuple[int, list[int]]]:
        """Pattern matches in the sentences that could hold one: two entities or more, and a
        pattern's anchor word, or its entity types when its anchor names no word."""
        array_head = array = None  # the document as an array, made once: each sentence's copy slices it
        for sentence in doc.sents:
            named = {entity_of_token[i] for i in range(sentence.start, sentence.end) if i in entity_of_token}
            if len(named) < 2:
                continue
            words = sentence_words(sentence)
            present = [types[e] for e in named]
            wanted = [matcher for anchor, (subject_types, object_types), matcher in self.matchers
                      if (anchor & words if anchor else _fits(present, subject_types, object_types))]
            if not wanted:
                continue
            if array is None:
                array_head = doc._get_array_attrs()
                array = doc.to_array(array_head)
            sentence_doc = _sentence_doc(sentence, array_head, array)
            for matcher in wanted:
                for match_id, token_ids in matcher(sentence_doc):
                    yield match_id, [sentence.start + i for i in token_ids]

    def _entity_at(self, token: Token, entity_of_token: dict[int, int], members: bool = True) -> int | None:
        """The entity a pattern node names: its own, its legal form's ("Ltd." of "Kestrel Robotics
        Ltd."), a member noun's (when `members`), or a place noun's."""
        if token.i in entity_of_token:
            return entity_of_token[token.i]
        if token.tag_ in ("WDT", "WP") and token.head.dep_ == "relcl":  # "Hamas, which controls Gaza"
            return self._entity_at(token.head.head, entity_of_token, members)
        lemma = token.lemma_.lower()
        suffix = lemma in self.ontology.org_suffixes or token.text.rstrip(".") in self.ontology.org_suffixes
        if suffix or (members and lemma in self.ontology.member_nouns):  # "Velmar Meats Ltd. of Tulsa"
            for child in token.children:
                # "Syrian forces" may be any Syrian force, not the state: adjectives do not count here
                if child.dep_ in MODIFIER_DEPS and entity_of_token.get(child.i, PROVISIONAL) < PROVISIONAL \
                        and child.text not in self.demonyms:
                    return entity_of_token[child.i]
        if lemma in self.ontology.place_nouns:
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    named = [t for t in prep.children if t.dep_ == "pobj" and t.i in entity_of_token]
                    if named:
                        return entity_of_token[named[0].i]
        return None


def _named_country(index: int, near: Token, countries: dict[int, _Named],
                   entities: list[LocalEntity], mentions: list[Mention]) -> int:
    """The entity index for `index`: itself, or for a country or people named by its adjective (a
    provisional index), the document's entity of that name, added when there is none, with the
    adjective nearest to `near` as a mention."""
    if index < PROVISIONAL:
        return index
    token_i = min((t for t, named in countries.items() if named.index == index), key=lambda t: abs(t - near.i))
    named = countries[token_i]
    existing = next((n for n, e in enumerate(entities) if name_key(e.name) == name_key(named.name)), None)
    if existing is None:
        existing = len(entities)
        entities.append(LocalEntity(name=named.name, type=named.type, forms=(named.name,)))
    token = near.doc[token_i]
    if not any(m.start == token.idx for m in mentions):
        mentions.append(Mention(token.idx, token.idx + len(token), token.text, existing))
    return existing


def _most_specific(found: dict[tuple, RelationMention], parent: dict[str, str]) -> dict[tuple, RelationMention]:
    """Without the relations a more specific one states for the same pair in the same sentence:
    "Prime Minister Netanyahu" is leaderOf Israel, not also officialOf it."""
    def ancestors(prop: str) -> set[str]:
        seen = set()
        while prop in parent and parent[prop] not in seen:
            prop = parent[prop]
            seen.add(prop)
        return seen

    implied = {(s, general, o, start) for (s, prop, o, start) in found for general in ancestors(prop)}
    return {key: rel for key, rel in found.items() if key not in implied}


def _anchor_words(pattern: RelationPattern) -> set[str]:
    """The lowercase words a pattern's anchor node must be (its LEMMA or LOWER list), if any."""
    attrs = pattern.pattern[0]["RIGHT_ATTRS"]
    words: set[str] = set()
    for key in ("LEMMA", "LOWER", "ORTH", "TEXT"):
        value = attrs.get(key)
        if isinstance(value, str):
            words.add(value.lower())
        elif isinstance(value, dict) and "IN" in value:
            words |= {w.lower() for w in value["IN"]}
    return words


def _fits(present: list[str], subject_types: frozenset[str], object_types: frozenset[str]) -> bool:
    """True when two of the entity types present could be a pattern's subject and object."""
    for i, a in enumerate(present):
        for b in present[i + 1:]:
            for x, y in ((a, b), (b, a)):
                if (not subject_types or x in subject_types) and (not object_types or y in object_types):
                    return True
    return False


def _in_dateline(datelines: list[tuple[int, int]], doc: Doc, candidate: Candidate) -> bool:
    """Whether either end of a pair lies in a dateline: "BEIRUT (AP) --" says where the agency filed
    the story from, not where it is based, nor that the people of the story work for it."""
    return any(start <= doc[first].idx < end for first, _ in (candidate.subject_span, candidate.object_span)
               for start, end in datelines)


def _sentence_start(sentence: Span) -> int:
    """Where a sentence's evidence starts: its first character that is no white space."""
    return sentence.start_char + len(sentence.text) - len(sentence.text.lstrip())


def _pair_verb(doc: Doc, candidate: Candidate) -> Token:
    """The word where the dependency paths from a pair's two mentions meet (the verb of "X
    denied that Y ..." is "denied"): negation, modals and doubt are read from there up."""
    subject = doc[candidate.subject_span[0]:candidate.subject_span[1]].root
    obj = doc[candidate.object_span[0]:candidate.object_span[1]].root
    return meeting_word(subject, obj) or subject


def _sentence_evidence(token: Token, doc_id: str, pattern_id: str) -> Evidence:
    return _evidence_of(token.sent, doc_id, pattern_id)


def _evidence_of(sentence: Span, doc_id: str, pattern_id: str) -> Evidence:
    text = sentence.text
    stripped = text.strip()
    start = sentence.start_char + len(text) - len(text.lstrip())
    return Evidence(doc_id, start, start + len(stripped), stripped, pattern_id)


def _passage_evidence(first: Span, last: Span, doc_id: str, pattern_id: str) -> Evidence:
    """The sentences from `first` to `last`, as one piece of evidence."""
    text = first.doc[first.start:last.end].text  # not doc.text, which joins every token
    start = first.start_char + len(text) - len(text.lstrip())
    stripped = text.strip()
    return Evidence(doc_id, start, start + len(stripped), stripped, pattern_id)


def _token_entities(doc: Doc, mentions: list[Mention]) -> dict[int, int]:
    entity_of_token = {}
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        for token in span or ():
            entity_of_token[token.i] = mention.entity
    return entity_of_token


def _in_list(token: Token) -> bool:
    return token.dep_ == "conj" or any(child.dep_ == "conj" for child in token.children)


def _hyphen_between(a: Token, b: Token) -> bool:
    """True when a hyphen joins the modifier to the participle ("US-backed", "IS-held")."""
    first, last = sorted((a, b), key=lambda t: t.i)
    doc = a.doc
    window = doc[first.i:min(last.i + 2, len(doc))]
    return any(t.text in HYPHENS or t.text.startswith("-") for t in window)


def asserted(nodes: dict[str, Token]) -> bool:
    """False for negated, hypothetical, doubted or intended statements: "did not say", "could stage a
    comeback", "denied that ...", "if IS attacks", "tried to kill"."""
    verb = nodes.get("verb")
    if verb is None:
        return True
    for token in (verb, *verb.ancestors):
        children = list(token.children)
        if any(c.dep_ == "neg" for c in children):
            return False
        if any(c.dep_ == "aux" and c.lower_ in MODALS for c in children):
            return False
        if any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in children):
            return False
        lemma = token.lemma_.lower()
        if lemma in INTENT_VERBS or (token is not verb and lemma in DOUBT_VERBS):
            return False
        if token.dep_ not in ("ccomp", "xcomp", "conj", "advcl", "acl", "relcl", "amod"):
            break
    return True


def _role(title: Token, titles: frozenset[str]) -> str:
    """The longest title of ontology/names.json that ends at the matched title word ("Defence
    Minister" in "French Defence Minister Florence Parly"), or the word itself."""
    doc = title.doc
    for length in (4, 3, 2):
        if title.i - length + 1 >= 0:
            phrase = doc[title.i - length + 1:title.i + 1].text
            if phrase.lower() in titles:
                return phrase
    return title.text


def _sentence_doc(sentence: Span, array_head: list, array) -> Doc:
    """A copy of `sentence` as a Doc of its own, from the document's array made once: what
    `Span.as_doc` does, without its pass over every entity of the document for each sentence,
    which made long articles quadratic."""
    copy = Doc(sentence.doc.vocab, words=[t.text for t in sentence], spaces=[bool(t.whitespace_) for t in sentence])
    rows = array[sentence.start:sentence.end].copy()
    if len(rows) and ENT_IOB in array_head and rows[0][array_head.index(ENT_IOB)] == 1:
        rows[0][array_head.index(ENT_IOB)] = 3  # an entity that began before the sentence begins here
    copy.from_array(array_head, rows)
    return copy
