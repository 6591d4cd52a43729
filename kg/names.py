"""Name-level rules shared by the extractor and the resolver: keys, acronyms, spelling variants.

>>> name_key("U.S.") == name_key("US")
True
>>> is_acronym_of("SDF", "Syrian Democratic Forces")
True
>>> spelling_variants("Baghouz", "Baghuz"), spelling_variants("Iraq", "Iran")
(True, False)
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from nicknames import NickNamer

SHORT_NAME_RULE = "shortened name"  # the rule the extractor records for "the Observatory" and its kind
SURNAME_RULE = "surname or short form of a person's name"  # the extractor's "Haldane" for "Robert Haldane"
TOWN_SIDE_RULE = "a town standing for its side"  # "Oakhurst" for the side kg names "Oakhurst baseball team"
NICKNAME_RULE = "nickname given in the text"  # Juan Carlos "Charlie" Mendez: Charlie Mendez
QUOTES = "\"'“”‘’`´«»„"
FUNCTION_WORDS = frozenset("of for the and de du des la le al el in on at to".split())
VOWELS = frozenset("aeiouy")
COMPASS_WORDS = frozenset({"north", "south", "east", "west"})  # alone, a region only after "the": "the South"
GENERATIONAL = frozenset({"jr", "sr", "ii", "iii", "iv"})  # end a person's name (King Jr.): no name of their own
# Arabic "al-" assimilates to the next consonant in transliteration: ez-Zor, as-Sham, ad-Dawla.
ARABIC_ARTICLE = re.compile(r"\b[ae](?:l[-\s]|([tdrszn])[-\s]?(?=\1))")
_NON_WORD = re.compile(r"[^\w]+")
_DIGITS = re.compile(r"\d+")


def fold(text: str) -> str:
    """Accents removed (Daphné -> Daphne), ligatures and full-width forms folded."""
    if text.isascii():  # most names: nothing to fold
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 17)
def name_key(name: str) -> str:
    """The key under which spelling variants of case, accents and punctuation meet.

    Dots and apostrophes vanish (U.S. -> us, Qa'ida -> qaida), other punctuation separates words,
    and a leading "the" goes.
    """
    text = fold(name).casefold().replace(".", "").replace("'", "").replace("’", "")
    text = _NON_WORD.sub(" ", text).strip()
    return text.removeprefix("the ").strip()


def is_acronym(name: str) -> bool:
    """True for names written as capital initials: SDF, U.S., ISIL (2 to 6 letters)."""
    letters = name.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def initials(name: str) -> list[str]:
    """Candidate initials of a name's words; function words may or may not count (IS, ISIL)."""
    words = [w for w in re.split(r"[\s\-]+", fold(name)) if w and w[0].isalnum()]
    options = [""]
    for word in words:
        head = word[0].upper()
        if word.lower() in FUNCTION_WORDS:
            options = [o + head for o in options] + options
        else:
            options = [o + head for o in options]
    return options


def is_acronym_of(acronym: str, name: str) -> bool:
    """True when `acronym` spells the initials of `name` (Agence France-Presse: AFP)."""
    letters = acronym.replace(".", "").upper()
    return len(name.split()) >= 2 and letters in initials(name)


def consonant_skeleton(key: str) -> str:
    """A name key without its Arabic article, vowels, spaces and doubled letters: the blocking key
    for transliteration variants (Deir ez-Zor, Deir el-Zour, Deir Ezzor: drzr). A letter is
    doubled next to itself only: Google keeps both its g's (ggl), and Goole (gl) is another name."""
    text = ARABIC_ARTICLE.sub("", key).replace(" ", "")
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch in VOWELS or (i and text[i - 1] == ch) or (ch == "h" and out and out[-1] in "kgdtsz"):
            continue
        out.append(ch)
    return "".join(out)


def spelling_variants(a: str, b: str) -> bool:
    """True when two names are transliterations of one another: the same consonants in the same
    order, differing only in vowels, doubled letters or the Arabic article, by at most one edit (or
    two vowels swapped in names of 8 letters or more), with the same first letter and, in names
    under 8 letters, the same last letter. Iraq/Iran, Niger/Nigeria and Austria/Australia stay apart."""
    ka, kb = name_key(a), name_key(b)
    if ka == kb:
        return True
    if _DIGITS.findall(ka) != _DIGITS.findall(kb):  # Apollo 11 is not Apollo 13
        return False
    sa, sb = consonant_skeleton(ka), consonant_skeleton(kb)
    if sa != sb or len(sa) < 2:
        return False
    ja, jb = (ARABIC_ARTICLE.sub("", k).replace(" ", "") for k in (ka, kb))
    shortest = min(len(ja), len(jb))
    if shortest < 5 or ja[0] != jb[0] or (shortest < 8 and ja[-1] != jb[-1]):
        return False
    distance = edit_distance(ja, jb, limit=2)
    # Two edits only as two swapped vowels (Mohammed, Muhammad), not Saarland and Sauerland.
    return distance <= 1 or (distance == 2 and shortest >= 8 and len(ja) == len(jb))


def misspelled_word(a: str, b: str, min_letters: int) -> bool:
    """True when two name keys of several words differ in one word only, and there by one letter
    added, dropped or changed or two neighbours swapped, inside a word of `min_letters` letters or
    more that keeps its first letter: a misspelling (Jakob Zuma, Robert Lewandowksi, Goethe Insitut).
    A different ending is a different name, not a slip (Daniel and Daniela Ruiz, Olympic and
    Olympics).

    >>> misspelled_word("robert lewandowksi", "robert lewandowski", 5)
    True
    >>> misspelled_word("daniel ruiz", "daniela ruiz", 5)
    False
    """
    words_a, words_b = a.split(), b.split()
    if len(words_a) != len(words_b) or len(words_a) < 2:
        return False
    differing = [(x, y) for x, y in zip(words_a, words_b, strict=True) if x != y]
    if len(differing) != 1:
        return False
    x, y = differing[0]
    if min(len(x), len(y)) < min_letters or x[0] != y[0] or _DIGITS.search(x + y):
        return False
    if x.startswith(y) or y.startswith(x) or (len(x) == len(y) and x[:-1] == y[:-1]):
        return False  # the words part only at their ends
    return _one_slip(x, y)


def _one_slip(x: str, y: str) -> bool:
    """One letter added, dropped or changed (`edit_distance`), or two neighbours swapped."""
    if edit_distance(x, y, limit=1) <= 1:
        return True
    if len(x) != len(y):
        return False
    diff = [i for i, (cx, cy) in enumerate(zip(x, y, strict=True)) if cx != cy]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and x[diff[0]] == y[diff[1]] and x[diff[1]] == y[diff[0]]


def letter_dropped(word: str) -> set[str]:
    """The word and every way of writing it with one letter fewer: two words one slip apart
    (`misspelled_word`) share one of these."""
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of `a` and `b`, or `limit + 1` as soon as it exceeds `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


@lru_cache(maxsize=1)
def nicknamer() -> NickNamer:
    """The `nicknames` package's table of given names and their nicknames (Liz, Elizabeth)."""
    return NickNamer()


def is_given_name(word: str) -> bool:
    """Whether the `nicknames` table knows `word` as a given name (Rodney, Nora; not every one:
    it lists names that have nicknames).

    >>> is_given_name("Robert"), is_given_name("Ministry")
    (True, False)
    """
    lowered = word.lower()
    return bool(nicknamer().nicknames_of(lowered) or nicknamer().canonicals_of(lowered))


def opens_with_given_name(name: str) -> bool:
    """Whether a name of two to four words opens with a known given name, as a person's does
    ("Nora Quill"; a company named after its founder may too, so this is evidence, not proof).

    >>> opens_with_given_name("Nora Quill"), opens_with_given_name("Nora"), opens_with_given_name("Kestrel Robotics")
    (True, False, False)
    """
    words = name.split()
    return 2 <= len(words) <= 4 and is_given_name(words[0])
