"""Sides a story named after their town, given their club's name from the rest of the corpus.

A match report often names a club by its town alone ("Oakhurst beat Mellford 3-1"), and the
extractor, finding no club of that town in the story, names the side by team_cues'
`club_team_name` ("Oakhurst baseball team"). Before any type is voted, each such side takes the
name of the only club the corpus names after that town in a story about a sport ("Oakhurst
Hornets"); where there is none, or several, it is the town again, as the tagger read it.

>>> from kg.model import DocResult, DocumentInfo, LocalEntity, Mention
>>> def doc(id, *names):
...     info = DocumentInfo(id=id, source=id, sha256="", words=1)
...     return DocResult(info, tuple(LocalEntity(n, "Organization", (n,)) for n in names),
...                      tuple(Mention(0, 8, n, i) for i, n in enumerate(names)), ())
>>> named = name_sides([doc("a", "Oakhurst baseball team", "Dunmore baseball team"),
...                     doc("b", "Oakhurst Hornets", "Mellford baseball team")], Ontology.load())
>>> [(e.name, e.type) for e in named[0].entities]
[('Oakhurst Hornets', 'Organization'), ('Dunmore', 'Place')]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace

from kg.model import DocResult
from kg.names import TOWN_SIDE_RULE, name_key
from kg.ontology import Ontology
from kg.resolve.clusters import same_name_key


def name_sides(results: list[DocResult], ontology: Ontology) -> list[DocResult]:
    """The results with every side kg named after its town (`club_team_name`) named as its club,
    or as the town where the corpus names no one club after it."""
    towns = [{i: made[0] for i, e in enumerate(r.entities)
              if (made := ontology.made_team_name(e.name)) and made[1] == "club_team_name"} for r in results]
    if not any(towns):
        return results
    clubs = _clubs_by_town(results, ontology, [bool(t) for t in towns])
    return [_named(result, sides, clubs, ontology) if sides else result
            for result, sides in zip(results, towns, strict=True)]


def _clubs_by_town(results: list[DocResult], ontology: Ontology, sport_story: list[bool]) -> dict[str, Counter[str]]:
    """{town's key: {club's name: articles}}: organisations named after a town and a plural
    ("Oakhurst Hornets", "Fresno 88ers"), not a kind of organisation ("Oakhurst Schools"), in
    stories about a sport (where kg named a side), so not the "Oakhurst Purchasing Managers"."""
    generic = {name_key(w) for w in ontology.generic_org_words}
    clubs: dict[str, Counter[str]] = defaultdict(Counter)
    for result, sporting in zip(results, sport_story, strict=True):
        if not sporting:
            continue
        for entity in result.entities:
            words = entity.name.split()
            if entity.type == "Organization" and len(words) > 1 and words[-1].endswith("s") \
                    and (words[-1][0].isupper() or words[-1][0].isdigit()) and name_key(words[-1]) not in generic \
                    and ontology.made_team_name(entity.name) is None:
                for n in range(1, len(words)):
                    clubs[same_name_key(" ".join(words[:n]))][entity.name] += 1
    return clubs


def _named(result: DocResult, sides: dict[int, str], clubs: dict[str, Counter[str]], ontology: Ontology) -> DocResult:
    entities = list(result.entities)
    for i, town in sides.items():
        entity = entities[i]
        named = clubs.get(same_name_key(town), Counter())
        # the names kg made are no forms of anything ("Real Sociedad" may hold "Sociedad football team")
        forms = tuple(f for f in entity.forms if ontology.made_team_name(f) is None)
        if len({same_name_key(club) for club in named}) == 1:
            club = min(named, key=lambda c: (-named[c], c))
            entities[i] = replace(entity, name=club, forms=(club, *(f for f in forms if f != club)),
                                  links=(*entity.links, (town, TOWN_SIDE_RULE)))
        else:
            entities[i] = replace(entity, name=town, type="Place", forms=(town, *(f for f in forms if f != town)))
    return replace(result, entities=tuple(entities))
