"""A learned relation classifier over pairs of entities that share a sentence.

Each property the model knows (`ontology/relation_model.json`) is a logistic regression over
binary features of a candidate pair: the entity types, their order and distance, the words
between them, the dependency path that joins them, the words around each, and which dependency
pattern of `relations.json` matched the pair. `train/relations.py` fits the weights on CoNLL04;
inference is a sum of weights in a fixed order, so it is deterministic, and the probability is
the relation's confidence.

>>> model = RelationModel.from_data({"properties": {"basedIn": {
...     "subject_types": ["Organization"], "object_types": ["Place"], "bias": -2.0,
...     "threshold": 0.5, "weights": {"between=in": 3.0}}}}, {"basedIn"}, {"Organization", "Place"})
>>> round(model.properties["basedIn"].probability(("between=in",)), 3)
0.731
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Span, Token

from kg.errors import OntologyError

MAX_ENTITIES = 12  # a sentence naming more is a list (results, places of a tour): no pair is read
MAX_PATH = 5  # lexicalised paths longer than this are too rare to weigh
DISTANCES = (0, 1, 2, 3, 5, 8, 12, 20)


@dataclass(frozen=True)
class PropertyModel:
    """One property's logistic regression: its argument types, weights and threshold."""

    property: str
    subject_types: frozenset[str]
    object_types: frozenset[str]
    bias: float
    threshold: float
    weights: dict[str, float]
    unless: frozenset[str] = frozenset()  # properties that, stated of the subject by a rule, make this one moot
    requires: frozenset[str] = frozenset()  # words (lemmas) one of which the sentence must hold: a killing's

    def fits(self, subject_type: str, object_type: str) -> bool:
        return subject_type in self.subject_types and object_type in self.object_types

    def applies(self, words: frozenset[str]) -> bool:
        """Whether a sentence of these words (`sentence_words`) can state the property at all: a
        sentence about a tennis match ("Roddick beat Nadal") holds no word of killing, whatever
        its features weigh."""
        return not self.requires or bool(self.requires & words)

    def probability(self, features: Iterable[str]) -> float:
        score = self.bias + sum(self.weights.get(f, 0.0) for f in sorted(set(features)))
        return 1.0 / (1.0 + math.exp(-score))


@dataclass(frozen=True)
class RelationModel:
    """The learned properties, by name."""

    properties: dict[str, PropertyModel]

    @classmethod
    def from_data(cls, data: dict, properties: Iterable[str], classes: Iterable[str],
                  where: Path | str = "relation_model.json") -> RelationModel:
        """The model of `data` (relation_model.json), checked against the ontology's properties
        and classes; an error names `where`."""
        known, types = set(properties), set(classes)
        models = {}
        try:
            for name, spec in sorted(data.get("properties", {}).items()):
                if name not in known:
                    raise OntologyError(f"{where}: {name!r} is not a property of kg.ttl")
                model = PropertyModel(name, frozenset(spec["subject_types"]), frozenset(spec["object_types"]),
                                      float(spec["bias"]), float(spec["threshold"]),
                                      {str(k): float(v) for k, v in spec["weights"].items()},
                                      frozenset(spec.get("unless", ())), frozenset(spec.get("requires", ())))
                if not (model.subject_types | model.object_types) <= types:
                    raise OntologyError(f"{where}: {name!r} names a type that is no class of kg.ttl")
                if not model.unless <= known:
                    raise OntologyError(f"{where}: {name!r}: 'unless' names a property that is not in kg.ttl")
                models[name] = model
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise OntologyError(f"{where}: a property model lacks a field or has a wrong one: {err!r}") from err
        return cls(models)

    def to_data(self) -> dict:
        return {"properties": {name: {"subject_types": sorted(m.subject_types), "object_types": sorted(m.object_types),
                                      "unless": sorted(m.unless), "requires": sorted(m.requires), "bias": m.bias,
                                      "threshold": m.threshold,
                                      "weights": dict(sorted(m.weights.items()))}
                               for name, m in sorted(self.properties.items())}}

    def fits(self, subject_type: str, object_type: str) -> bool:
        return any(m.fits(subject_type, object_type) for m in self.properties.values())


@dataclass(frozen=True)
class Candidate:
    """An ordered pair of a sentence's entities, the mentions nearest each other, and the pair's
    features. Spans are token offsets into the document."""

    subject: int
    object: int
    subject_span: tuple[int, int]
    object_span: tuple[int, int]
    features: tuple[str, ...]


def sentence_candidates(sentence: Span, spans: dict[int, list[tuple[int, int]]], types: dict[int, str],
                        model: RelationModel, patterns: dict[tuple[int, int], set[str]]) -> Iterator[Candidate]:
    """Every ordered pair of `sentence`'s entities whose types some property of `model` takes.
    `spans` holds each entity's mention token spans in the sentence; `patterns` the properties
    a dependency pattern found between two entities of the sentence."""
    if not 2 <= len(spans) <= MAX_ENTITIES:
        return
    verbs = [f"verb={t.lemma_.lower()}" for t in sentence if t.pos_ == "VERB"]  # the same for every pair
    for subject in sorted(spans):
        for obj in sorted(spans):
            if subject == obj or not model.fits(types[subject], types[obj]):
                continue
            a, b = min(((s, o) for s in spans[subject] for o in spans[obj]), key=lambda p: _gap(*p))
            if _overlap(a, b):
                continue
            features = pair_features(sentence, a, b, types[subject], types[obj], spans, subject, obj, verbs)
            features += [f"pattern={p}" for p in sorted(patterns.get((subject, obj), ()))]
            features += [f"pattern_reversed={p}" for p in sorted(patterns.get((obj, subject), ()))]
            yield Candidate(subject, obj, a, b, tuple(features))


def pair_features(sentence: Span, subject: tuple[int, int], obj: tuple[int, int], subject_type: str,
                  object_type: str, spans: dict[int, list[tuple[int, int]]], subject_id: int,
                  object_id: int, verbs: list[str]) -> list[str]:
    """The features of one ordered pair of mention spans (token offsets into the document);
    `verbs` are the sentence's verb features, the same for each of its pairs."""
    doc = sentence.doc
    first, second = sorted((subject, obj))
    order = "subject_first" if subject <= obj else "object_first"
    between = doc[first[1]:second[0]]
    features = [f"types={subject_type}>{object_type}", f"order={order}",
                f"distance={_bucket(len(between))}", f"{order}:distance={_bucket(len(between))}"]
    words = [_word(t) for t in between]
    features += [f"between={w}" for w in words]
    features += [f"{order}:between={w}" for w in words]
    features += verbs
    if len(words) <= 4:
        features.append(f"{order}:between_all={' '.join(words)}")
    others = sum(1 for e, ss in spans.items() if e not in (subject_id, object_id)
                 for s in ss if first[1] <= s[0] and s[1] <= second[0])
    features.append(f"entities_between={min(others, 2)}")
    for role, (start, end) in (("subject", subject), ("object", obj)):
        features.append(f"{role}_before={_word(doc[start - 1]) if start > sentence.start else '<s>'}")
        features.append(f"{role}_after={_word(doc[end]) if end < sentence.end else '</s>'}")
        features.append(f"{role}_last={doc[end - 1].lower_}")
        features.append(f"{role}_label={doc[end - 1].ent_type_ or 'none'}")
        root = doc[start:end].root
        features.append(f"{role}_dep={root.dep_}")
        features.append(f"{role}_head={root.dep_}:{_word(root.head)}")
    features += _path_features(doc[subject[0]:subject[1]].root, doc[obj[0]:obj[1]].root)
    return features


def _path_features(subject: Token, obj: Token) -> list[str]:
    """The dependency path from the subject's head word to the object's: unlexicalised, with the
    prepositions and the word where the two branches meet, and its words."""
    top = meeting_word(subject, obj)
    if top is None:
        return ["path=none"]
    up = [subject, *subject.ancestors]
    down = [obj, *obj.ancestors]
    rising = up[:[t.i for t in up].index(top.i)]
    falling = list(reversed(down[:[t.i for t in down].index(top.i)]))
    steps = [f"{t.dep_}<" for t in rising] + [f">{t.dep_}" for t in falling]
    lexical = [f"{t.dep_}<" + (_word(t.head) if t.head is not top else "") for t in rising] + \
              [f">{t.dep_}" + (":" + t.lower_ if t.dep_ == "prep" or t.dep_ == "agent" else "") for t in falling]
    features = [f"path={' '.join(steps)}", f"path_length={min(len(steps), 6)}"]
    if top is not subject and top is not obj:
        features.append(f"top={_word(top)}")
        features.append(f"path_top={' '.join(steps)}|{_word(top)}")
    if len(steps) <= MAX_PATH:
        features.append(f"path_words={' '.join(lexical)}|{_word(top)}")
    inner = [t for t in (*rising[1:], *falling[:-1]) if t is not top]
    features += [f"on_path={_word(t)}" for t in inner]
    return features


def meeting_word(a: Token, b: Token) -> Token | None:
    """The word where the dependency paths up from `a` and from `b` meet (one of them, when it
    governs the other), or None when they lie in different trees."""
    above_b = {t.i for t in (b, *b.ancestors)}
    return next((t for t in (a, *a.ancestors) if t.i in above_b), None)


def sentence_words(sentence: Span) -> frozenset[str]:
    """The lemmas and lower-case forms of a sentence's words, which `PropertyModel.requires` reads."""
    return frozenset(t.lemma_.lower() for t in sentence) | frozenset(t.lower_ for t in sentence)


def _word(token: Token) -> str:
    return token.lemma_.lower() if token.is_alpha else token.text.lower()


def _bucket(distance: int) -> int:
    return max(d for d in DISTANCES if d <= distance)


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(a[0], b[0]) - min(a[1], b[1])


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
