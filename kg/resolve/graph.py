"""From clusters to the graph: one `Entity` per cluster, its name, type, key and the story of its
merges; relation mentions pooled per (subject, property, object)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping

from kg.model import DocResult, Entity, Merge, Relation
from kg.names import fold, is_acronym, name_key
from kg.resolve.clusters import Clusters, Local, Reason, Ref
from kg.resolve.explain import IN_DOCUMENT

Known = Mapping[str, tuple[str, tuple[str, ...]]]  # key -> (type, names) of an earlier build's entity


def entities(clusters: Clusters, known: Known) -> tuple[list[Entity], dict[Ref, str]]:
    """The entities, sorted, and the key of each local entity's. An entity takes the key of the
    known entity of its type that shares most of its names, so its IRI outlives a rebuild."""
    joins: dict[Ref, list[tuple[Ref, Ref, Reason]]] = defaultdict(list)
    for kept, joined, reason in clusters.joins():
        joins[clusters.find(joined)].append((kept, joined, reason))
    drafts = [(refs, _entity(clusters, [clusters.by_ref[r] for r in refs], joins[clusters.find(refs[0])]))
              for refs in clusters.groups()]
    drafts.sort(key=lambda d: (d[1].type, d[1].name, -d[1].mentions, d[1].documents))
    kept = _known_keys([entity for _, entity in drafts], known)
    entity_of: dict[Ref, str] = {}
    taken: set[str] = set(kept.values())
    for i, (refs, entity) in enumerate(drafts):
        entity.key = kept.get(i) or _unique(f"{entity.type.lower()}/{slug(entity.name)}", taken)
        for ref in refs:
            entity_of[ref] = entity.key
    return [entity for _, entity in drafts], entity_of


def _entity(clusters: Clusters, members: list[Local], joins: list[tuple[Ref, Ref, Reason]]) -> Entity:
    if len(members) == 1 and not joins and not members[0].entity.links and clusters.entry_of[members[0].ref] is None:
        return _alone(clusters, members[0])
    entry = next((clusters.entry_of[m.ref] for m in members if clusters.entry_of[m.ref] is not None), None)
    forms: Counter[str] = Counter()
    types: Counter[str] = Counter()
    for loc in members:
        forms.update({f: loc.mentions if f == loc.entity.name else 1 for f in loc.entity.forms})
        types[clusters.type_of[loc.ref]] += loc.mentions
    if entry is not None:
        name, type_ = clusters.aliases.entries[entry].name, clusters.aliases.entries[entry].type
    else:
        type_ = types.most_common(1)[0][0]
        name = canonical_name(forms, person=type_ == "Person")
    # A rule is told under the name it brought in: the joined side's, or the kept side's when
    # the joined side is the entity's own name.
    merges = [Merge(clusters.by_ref[joined].entity.name if clusters.by_ref[joined].entity.name != name
                    else clusters.by_ref[kept].entity.name, rule, details) for kept, joined, (rule, details) in joins]
    merges += [Merge(form, IN_DOCUMENT, (("doc", loc.doc), ("rule", rule)))
               for loc in members for form, rule in loc.entity.links]
    merges = [merge for merge in merges if merge.alias != name]
    return Entity(key="", name=name, type=type_, aliases=sorted(f for f in forms if f != name),
                  mentions=sum(loc.mentions for loc in members),
                  documents=sorted({loc.doc for loc in members}), merges=sorted(set(merges)))


def _alone(clusters: Clusters, loc: Local) -> Entity:
    """The entity of one local entity that nothing joined (most, in a large corpus), as `_entity`
    makes it, without its counting."""
    name = canonical_name(Counter({f: loc.mentions if f == loc.entity.name else 1 for f in loc.entity.forms}),
                          person=clusters.type_of[loc.ref] == "Person")
    return Entity(key="", name=name, type=clusters.type_of[loc.ref], aliases=sorted(set(loc.entity.forms) - {name}),
                  mentions=loc.mentions, documents=[loc.doc], merges=[])


def _known_keys(entities: list[Entity], known: Known) -> dict[int, str]:
    """{index in `entities`: known key} pairing each known entity with the entity of its type that
    shares most names with it, the largest overlaps first, one to one."""
    holders: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, (type_, names) in sorted(known.items()):
        for name in {name_key(n) for n in names}:
            holders[(type_, name)].append(key)
    overlap: Counter[tuple[int, str]] = Counter()
    for i, entity in enumerate(entities):
        for name in {name_key(n) for n in (entity.name, *entity.aliases)}:
            for key in holders.get((entity.type, name), ()):
                overlap[(i, key)] += 1
    kept: dict[int, str] = {}
    known_taken: set[str] = set()
    for (i, key), _ in sorted(overlap.items(), key=lambda pair: (-pair[1], pair[0])):
        if i not in kept and key not in known_taken:
            kept[i] = key
            known_taken.add(key)
    return kept


def canonical_name(forms: Counter[str], person: bool = False) -> str:
    """The most complete common form: not an acronym; for a person, not a first name alone where a
    full name begins with it; common, that is used at least a tenth as often as the most used form
    and more than once if any form is (a headline's "Britney Spears Checks" is not the name); the
    most words (up to 6); the most frequent; then the first alphabetically. Spellings of one name
    key count as one form, written the way it is most often written (Robert Kilroy-Silk rather
    than Robert Kilroy Silk)."""
    if len(forms) == 1:  # most entities, in a large corpus
        return next(iter(forms))
    by_key: dict[str, Counter[str]] = defaultdict(Counter)
    for form, n in forms.items():
        by_key[name_key(form)][form] += n
    uses = {form: by_key[name_key(form)].total() for form in forms}
    common = max(2, max(uses.values()) / 10) if max(uses.values()) > 1 else 1

    first_names = {form.split()[0] for form in forms if " " in form} if person else set()

    def rank(form: str) -> tuple:
        return (is_acronym(form), form in first_names, uses[form] < common, -min(len(form.split()), 6), -uses[form],
                form)
    best = min(forms, key=rank)
    return min(by_key[name_key(best)], key=lambda form: (-forms[form], is_acronym(form), form))


def slug(name: str) -> str:
    """The IRI-safe local name of an entity: ASCII letters, digits and hyphens
    (Daphné Benoit -> daphne-benoit); percent-encoded UTF-8 for scripts without a Latin form."""
    text = re.sub(r"[^a-z0-9]+", "-", re.sub(r"['’]", "", fold(name).lower())).strip("-")
    if text:
        return text
    return "".join(f"%{b:02X}" for b in name.encode("utf-8"))[:120] or "unnamed"


def _unique(key: str, taken: set[str]) -> str:
    candidate, n = key, 2
    while candidate in taken:
        candidate, n = f"{key}-{n}", n + 1
    taken.add(candidate)
    return candidate


def pooled_relations(results: list[DocResult], entity_of: dict[Ref, str], type_of: Mapping[str, str],
                     property_classes: Mapping[str, tuple[str | None, str | None]]) -> list[Relation]:
    """Relation mentions pooled by (subject, property, object); confidence by noisy-or of the
    evidence, so every further supporting sentence raises it. A relation whose subject or object
    is, once resolved, of another class than the property's domain or range (`property_classes`,
    from kg.ttl) is dropped: a sentence read about "Mellford" the place says nothing of Mellford
    the player."""
    pooled: dict[tuple[str, str, str], Relation] = {}
    for d, result in enumerate(results):
        for rm in result.relations:
            s, o = entity_of[(d, rm.subject)], entity_of[(d, rm.object)]
            domain, range_ = property_classes.get(rm.predicate, (None, None))
            if s == o or domain not in (None, type_of[s]) or range_ not in (None, type_of[o]):
                continue
            relation = pooled.setdefault((s, rm.predicate, o), Relation(s, rm.predicate, o, 0.0))
            relation.evidence.append(rm.evidence)
            relation.confidence = 1 - (1 - relation.confidence) * (1 - rm.confidence)
            if rm.role and rm.role not in relation.roles:
                relation.roles.append(rm.role)
    for relation in pooled.values():
        relation.evidence.sort(key=lambda e: (e.doc, e.start, e.pattern))
        relation.roles.sort()
        relation.confidence = round(relation.confidence, 4)
    return [pooled[k] for k in sorted(pooled)]
