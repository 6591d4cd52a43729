"""The ids of the resolution rules and the sentence `kg explain` tells for each.

A join records its rule's id and the details the rule's text names; the text is derived from the
id here and nowhere else, so the registry of rules (`kg.resolve.rules`), `resolution.jsonl` and
`kg explain` cannot drift apart.

>>> explain(Merge("SDF", ACRONYM, (("acronym", "SDF"), ("doc", "a"))))
'acronym SDF defined in document a'
"""

from __future__ import annotations

from kg.model import Merge

ALIAS_TABLE = "alias-table"
SAME_NAME = "same-name"
NICKNAME = "nickname"
SAME_PLACE = "same-place"
ACRONYM = "acronym"
INITIALS = "initials"
SPELLING_VARIANT = "spelling-variant"
MISSPELLING = "misspelling"
TAGGING_SLIP = "tagging-slip"
PERSON_NAME = "person-name"
SURNAME = "surname"
FIRST_NAME = "first-name"
GLUED_WORDS = "glued-words"
PLACE_QUALIFIED = "place-qualified"
SHORT_NAME = "short-name"
OVERRIDE = "override"
IN_DOCUMENT = "in-document"

TEXTS = {
    ALIAS_TABLE: "alias table: {name} = {entry}",
    SAME_NAME: "same name: {name}",
    NICKNAME: "nickname {name} given in document {doc}",
    SAME_PLACE: "same place name: {name}",
    ACRONYM: "acronym {acronym} defined in document {doc}",
    INITIALS: "{acronym} spells the initials of {name}",
    SPELLING_VARIANT: "spelling variant: {name} ~ {other}",
    MISSPELLING: "misspelling: {name} for {other}",
    TAGGING_SLIP: "same name, tagged {type} in {ours} of {all} mentions",
    PERSON_NAME: "same person's name: {name} ~ {other}",
    SURNAME: "surname: {name}",
    FIRST_NAME: "first name: {name}",
    GLUED_WORDS: "name with words glued on: {name}",
    PLACE_QUALIFIED: "{name} with a place before it: {other}",
    SHORT_NAME: "short name {name} used for {other} in document {doc}",
    OVERRIDE: "override: {name} = {other}",
    IN_DOCUMENT: "{rule} in document {doc}",
}


def explain(merge: Merge) -> str:
    """The sentence told for a merge; a rule this version does not know (from a file another
    version wrote) is told by its id and details."""
    details = dict(merge.details)
    try:
        return TEXTS[merge.rule].format(**details)
    except (KeyError, IndexError, ValueError):
        return " ".join([merge.rule, *(f"{k}={v}" for k, v in merge.details)])
