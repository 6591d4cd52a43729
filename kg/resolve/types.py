"""One type per name, voted over all its mentions in the corpus, before any join.

The tagger types each mention on its own: Washington is a place in one article and an
organisation in the next, Netflix a place once in forty. Among organisations, places and groups
(the family the tagger confuses) a name takes the type most of its mentions have, with a
gazetteer's word as `gazetteer_weight` mentions more for Place: pycountry's countries and their
subdivisions (states, provinces, regions). People are left to the tagging-slip rule, which also
weighs who else bears the name (Jordan the country, Michael Jordan's surname).

>>> from kg.model import DocResult, DocumentInfo, LocalEntity, Mention
>>> def doc(id, name, type_):
...     info = DocumentInfo(id=id, source=id, sha256="", words=1)
...     return DocResult(info, (LocalEntity(name, type_, (name,)),), (Mention(0, len(name), name, 0),), ())
>>> vote_types([doc("a", "Ohio", "Organization"), doc("b", "Ohio", "Organization")], Ontology.load(), 3)
{'ohio': 'Place'}
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import cache

from kg.model import DocResult
from kg.names import name_key
from kg.ontology import Ontology
from kg.resolve.clusters import family, same_name_key


def vote_types(results: list[DocResult], ontology: Ontology, gazetteer_weight: int) -> dict[str, str]:
    """{name key: type} for every name of the organisation-place-group family whose mentions or
    gazetteer entry disagree with one document's type; a name absent keeps its document's type.
    A gazetteer place counts `gazetteer_weight` mentions more for Place."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for result in results:
        counts = Counter(m.entity for m in result.mentions)
        for i, entity in enumerate(result.entities):
            if family(entity.type) == "other":
                votes[same_name_key(entity.name)][entity.type] += counts[i]
    places = gazetteer_places(ontology)
    decided = {}
    for key, counts in votes.items():
        if key in places:
            counts["Place"] += gazetteer_weight
        if len(counts) > 1:
            decided[key] = min(counts, key=lambda t: (-counts[t], t))
    return decided


def cued_types(results: list[DocResult]) -> dict[str, str]:
    """{name key: type} for every name an article typed by the words after it ("Twitter CEO Jack
    Dorsey": `type_cues` of names.json), when no article's cue says otherwise: what the text states
    outweighs the tagger's guesses in every other article, whatever their family."""
    cued: dict[str, set[str]] = defaultdict(set)
    for result in results:
        for entity in result.entities:
            if entity.cued:
                cued[same_name_key(entity.name)].add(entity.type)
    return {key: next(iter(types)) for key, types in cued.items() if len(types) == 1}


@cache
def gazetteer_places(ontology: Ontology) -> frozenset[str]:
    """The name keys of the countries and their subdivisions that pycountry knows, and of the
    alias table's places."""
    import pycountry

    names = {name_key(s.name) for s in pycountry.subdivisions}
    return frozenset(names | ontology.place_alias_keys)
