"""When two written names can be one person's: surnames, given names, initials and nicknames.

>>> compatible_names("fred smith", "frederick w smith"), compatible_names("ed miliband", "david miliband")
(True, False)
"""

from __future__ import annotations

from kg.names import GENERATIONAL, nicknamer


def person_words(key: str) -> list[str]:
    """A person's name key as words, without a generational suffix (Jr., III)."""
    words = key.split()
    return words[:-1] if len(words) > 2 and words[-1] in GENERATIONAL else words


def _generation(key: str) -> str | None:
    last = key.split()[-1]
    return last if last in GENERATIONAL else None


def compatible_names(a: str, b: str) -> bool:
    """True when two people's name keys can name one person: the same surname, first names equal,
    one an initial, a short form or a nickname of the other (w/william, fred/frederick,
    liz/elizabeth), and middle names likewise where both have them; or the shorter name the tail of
    the longer (harvey oswald, lee harvey oswald)."""
    wa, wb = person_words(a), person_words(b)
    ga, gb = _generation(a), _generation(b)
    if wa[-1] != wb[-1] or (ga and gb and ga != gb):  # Martin Luther King Sr. is not Martin Luther King Jr.
        return False
    short, long_ = sorted((wa, wb), key=len)
    if len(short) >= 2 and long_[-len(short):] == short:
        return True
    if not same_given_name(wa[0], wb[0]):
        return False
    middles_a, middles_b = wa[1:-1], wb[1:-1]
    return not (middles_a and middles_b) or all(
        any(same_given_name(x, y) for y in middles_b) for x in middles_a)


def same_given_name(x: str, y: str) -> bool:
    """One given name written two ways: an initial (W., William), a short form (Fred, Frederick) or
    a nickname the `nicknames` table knows (Liz, Elizabeth; Bill, William)."""
    short, long_ = sorted((x, y), key=len)
    return short == long_ or (len(short) == 1 and long_.startswith(short)) or \
        (len(short) >= 3 and long_.startswith(short)) or x in nicknamer().canonicals_of(y) or \
        y in nicknamer().canonicals_of(x)

