"""Which language a text is written in, told by its function words (spaCy's stop-word lists).

A spaCy pipeline reads one language: an English model finds "Beispiel" and "Jahr" to be people in a
German page. A document whose function words are clearly another language's than the model's is
better skipped with one line that says so than turned into junk nodes.

>>> other_language("Die Regierung hat am Montag in Berlin einen neuen Plan für das Jahr vorgestellt, "
...                "aber die Opposition ist dagegen und will im Parlament gegen den Plan stimmen, "
...                "weil er nach ihrer Ansicht zu teuer ist und nicht genug für die Bürger tut.", "en")
'German'
>>> other_language("The government presented a new plan in Berlin on Monday.", "en") is None
True
"""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from functools import cache
from pathlib import Path

# the languages told apart: the commonest of scraped pages, each with a stop-word list in spaCy
LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt", "sv", "da", "pl", "ro", "cs", "tr")
MIN_FUNCTION_WORDS = 20  # fewer than this (a results table, a short note) proves no language
MARGIN = 2.0  # another language's function words must outnumber the model's this many times
WORD = re.compile(r"[^\W\d_]{2,}")  # one letter ("a", "i", "o") is a word in too many languages


def other_language(text: str, language: str) -> str | None:
    """The name of the language `text` is written in when it is clearly not `language` (an ISO
    639-1 code: a spaCy pipeline's `lang`), else None. Languages kg cannot tell apart count as the
    model's."""
    if language not in LANGUAGES:
        return None
    languages_of = _languages_of_words()
    counts: Counter[str] = Counter()
    for word in WORD.findall(text.lower()):
        counts.update(languages_of.get(word, ()))
    best, found = max(counts.items(), key=lambda item: (item[1], item[0] == language), default=(language, 0))
    if best == language or found < MIN_FUNCTION_WORDS or found < MARGIN * counts[language]:
        return None
    return _name(best)


@cache
def _languages_of_words() -> dict[str, tuple[str, ...]]:
    """Each function word with the languages it is one of."""
    languages: dict[str, list[str]] = {}
    for code in LANGUAGES:
        for word in _load_stop_words(code):
            languages.setdefault(word, []).append(code)
    return {word: tuple(codes) for word, codes in languages.items()}


def _load_stop_words(code: str) -> frozenset[str]:
    """spaCy's stop words of one language, read from its module alone: importing the language's
    package would also load its tokenizer exceptions (three seconds for French)."""
    spec = importlib.util.find_spec("spacy")
    path = Path(spec.origin).parent / "lang" / code / "stop_words.py"
    module_spec = importlib.util.spec_from_file_location(f"_kg_stop_words_{code}", path)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)


def _name(code: str) -> str:
    from spacy.util import get_lang_class

    return get_lang_class(code).__name__
