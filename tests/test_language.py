"""A document in another language than the pipeline's is skipped with one line, in one process or many."""

import pickle

import pytest

import kg
from kg.errors import InputError
from kg.language import other_language
from kg.pipeline import BuildReport, NoInputError

from .conftest import SEEDS

GERMAN = ("Die Regierung hat am Montag in Berlin einen neuen Plan für das Jahr vorgestellt, aber die Opposition "
          "ist dagegen und will im Parlament gegen den Plan stimmen, weil er nach ihrer Ansicht zu teuer ist und "
          "nicht genug für die Bürger tut. Der Minister sagte, man werde darüber noch einmal mit allen reden.\n")
SPANISH = ("El gobierno presentó el lunes en Madrid un nuevo plan para el año, pero la oposición está en contra y "
           "quiere votar en el Parlamento contra el plan, porque según ella es demasiado caro y no hace lo "
           "suficiente por los ciudadanos. El ministro dijo que se hablaría de nuevo con todos.\n")
RESULTS = "Results of English league matches on Saturday:\nStoke 4 Barnsley 3\nNorwich 1 Derby 1\nLeeds 0 Bury 2\n"


@pytest.mark.parametrize("text, language, code", [(GERMAN, "German", "de"), (SPANISH, "Spanish", "es")])
def test_a_text_in_another_language_is_named(text, language, code):
    assert other_language(text, "en") == language
    assert other_language(text, code) is None  # a pipeline of that language reads it
    assert other_language(GERMAN if code == "es" else SPANISH, code) is not None


@pytest.mark.parametrize("text", [
    RESULTS,  # too few function words to prove anything
    "Der Spiegel and Die Zeit reported that Angela Merkel met the Kaiser of Bavaria on Monday in Munich.",
    (SEEDS / "001_8ec9f37912554485.txt").read_text(encoding="utf-8"),
])
def test_english_with_foreign_names_or_few_words_is_english(text):
    assert other_language(text, "en") is None


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_foreign_article_is_skipped_with_one_line_and_the_rest_is_read(tmp_path, jobs):
    (tmp_path / "de.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "en.txt").write_text("The SDF, backed by U.S. air power, drove IS from Baghouz.\n", encoding="utf-8")
    report = BuildReport()
    graph = kg.build([tmp_path], jobs=jobs, report=report)
    assert report.documents == 1 and {e.name for e in graph.entities} >= {"United States", "Baghouz"}
    (error,) = report.errors
    assert error.source == "de.txt" and "German" in error.reason and "\n" not in str(error)


def test_errors_cross_process_boundaries_intact():
    error = pickle.loads(pickle.dumps(InputError("a.txt", "not UTF-8")))
    assert (error.source, error.reason, str(error)) == ("a.txt", "not UTF-8", "a.txt: not UTF-8")
    none_read = pickle.loads(pickle.dumps(NoInputError([error])))
    assert none_read.errors[0].source == "a.txt"
