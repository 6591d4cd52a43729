"""Names the tagger missed in one article but found in others.

Capitalised words that the tagger passed over in one article become mentions where two articles or
more use them as a name: a name is a name throughout the corpus ("Hornets" in "Kestrels beat hapless
Hornets", "OAKHURST" in a headline).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace

from spacy.lang.en.stop_words import STOP_WORDS

from kg.model import DocResult, LocalEntity, Mention
from kg.names import COMPASS_WORDS, name_key
from kg.ontology import Ontology
from kg.resolve.clusters import same_name_key


def recover_names(results: list[DocResult], ontology: Ontology, longest: int) -> list[DocResult]:
    """The results with a mention wherever capitalised words (runs of up to `longest` words) spell
    a name that two articles or more use for an entity. Peoples' names are left out (adjectives
    too often: British), and so are kinds of organisation and titles (Police, President), compass
    words ("South" of "Oakhurst South"), and single words whose capital proves nothing (see
    `CapitalisedRun`)."""
    documents: dict[str, set[int]] = defaultdict(set)
    types: dict[str, Counter[str]] = defaultdict(Counter)
    for d, result in enumerate(results):
        for m in result.mentions:
            type_ = result.entities[m.entity].type
            if type_ != "Group":
                key = same_name_key(m.text)
                documents[key].add(d)
                types[key][type_] += 1
    excluded = {name_key(w) for w in ontology.generic_org_words | ontology.plural_non_names | ontology.demonyms.keys()}
    excluded |= {name_key(t) for t in ontology.titles} | COMPASS_WORDS  # "South" of "Oakhurst South"
    known = {key for key, docs in documents.items()
             if len(docs) >= 2 and len(key) >= 3 and key not in STOP_WORDS and key not in excluded}
    return [_with_names_found(result, known, types, longest) for result in results]


def _with_names_found(result: DocResult, known: set[str], types: dict[str, Counter[str]], longest: int) -> DocResult:
    if not result.capitalised:
        return result
    entities, mentions = list(result.entities), list(result.mentions)
    local = {same_name_key(form): i for i, e in enumerate(entities) for form in e.forms}
    # the words name here what they name most often in this article ("Peru" the team in a match report)
    written: dict[str, Counter[int]] = defaultdict(Counter)
    for m in mentions:
        written[same_name_key(m.text)][m.entity] += 1
    local |= {key: counts.most_common(1)[0][0] for key, counts in written.items()}
    for run in result.capitalised:
        taken: list[tuple[int, int]] = []
        for start, end, text in run.pieces(longest):
            key = same_name_key(text)
            # "IS" in "WHY THE WAR IS NOT OVER" is a verb, whatever IS names elsewhere
            if key not in known or text.lower() in STOP_WORDS or any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            if key not in local:
                local[key] = len(entities)
                entities.append(LocalEntity(name=text, type=types[key].most_common(1)[0][0], forms=(text,)))
            mentions.append(Mention(start, end, text, local[key]))
    if len(mentions) == len(result.mentions):
        return result
    return replace(result, entities=tuple(entities), mentions=tuple(sorted(mentions, key=lambda m: m.start)))
