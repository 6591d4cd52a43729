"""The table-lookup components give exactly the tokens of the spaCy components they replace."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from kg.components import ATTRIBUTE_RULES, LEMMATIZER, AttributeRules, use_table_components
from kg.nlp import DEFAULT_MODEL

from .conftest import SEEDS

COLUMNS = [POS, MORPH, LEMMA, TAG, DEP, HEAD]
# What the model's rules of more than one token, of dependencies and of white space are about.
EDGE_CASES = [
    "We 're gon na win, y'all, and it ai n't over: let 's go.",
    "There is a problem.  There are two\n\nof them, and I did it, as you said it would.",
    "Somethin' ol' is goin' on, 'nuff said; c'm on, I'll tell 'em.",
    "",
]


@pytest.fixture(scope="module")
def pipelines() -> tuple[spacy.Language, spacy.Language]:
    spacy_own, tables = spacy.load(DEFAULT_MODEL), spacy.load(DEFAULT_MODEL)
    use_table_components(tables)
    return spacy_own, tables


def test_the_tables_replace_the_attribute_ruler_and_the_lemmatizer(pipelines):
    _, tables = pipelines
    assert ATTRIBUTE_RULES in tables.pipe_names and LEMMATIZER in tables.pipe_names
    assert "attribute_ruler" not in tables.pipe_names and "lemmatizer" not in tables.pipe_names


def test_tokens_are_the_ones_spacy_gives(pipelines):
    spacy_own, tables = pipelines
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] + EDGE_CASES
    # Twice: the second pass reads what the first one cached.
    for expected, got in zip(spacy_own.pipe(texts * 2), tables.pipe(texts * 2), strict=True):
        assert (expected.to_array(COLUMNS) == got.to_array(COLUMNS)).all()
        assert [t.lemma_ for t in expected] == [t.lemma_ for t in got]


def test_rules_of_several_tokens_and_of_dependencies_apply(pipelines):
    _, tables = pipelines
    doc = tables("We 're gon na win and it ai n't over.")
    assert [t.lemma_ for t in doc[2:4]] == ["go", "to"]
    assert doc[7].lemma_ == "be"
    assert str(tables("I saw it.")[0].morph) == "Case=Nom|Number=Sing|Person=1|PronType=Prs"


def test_a_ruler_testing_something_else_is_kept():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "the"}]], {"LEMMA": "the"})
    assert AttributeRules.reads(ruler)
    ruler.add([[{"IS_TITLE": True}]], {"LEMMA": "x"})
    assert not AttributeRules.reads(ruler)
    use_table_components(nlp)
    assert nlp.pipe_names == ["attribute_ruler"]
