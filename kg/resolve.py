"""Cross-document resolution: one entity per real-world thing, whatever name each article uses.

Every document's local entities (already joined within the document: acronyms, surnames) are
joined across documents by rules that each leave a reason, so `Entity.merges` explains every alias:

1. the alias table (`ontology/aliases.json` and pycountry's country names): Daesh = Islamic State;
2. the same name up to case, accents and punctuation (U.S. = US, ISIS = Isis);
3. an acronym defined in some document ("Syrian Democratic Forces (SDF)") joins the bare acronym
   everywhere, unless documents define it for different names (AP);
4. transliteration variants (Baghouz = Baghuz, Deir ez-Zor = Deir Ezzor), blocked by consonant
   skeleton so that the cost grows with the number of distinct names, not its square;
5. a surname alone joins the one full name in the corpus that ends with it (Trump = Donald Trump).

People never join places or organisations by name, except when one name is tagged both ways and
one reading outweighs the other by `NER_MAJORITY` to 1 (a tagger's slip, not a second entity).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from kg.model import DocResult, Entity, KnowledgeGraph, LocalEntity, Relation, ResolvedMention
from kg.names import consonant_skeleton, fold, is_acronym, name_key, spelling_variants
from kg.ontology import Ontology
from kg.unionfind import UnionFind

NER_MAJORITY = 3
Ref = tuple[int, int]  # (document index, local entity index)


def family(type_: str) -> str:
    """People are one family; organisations, places and groups another, as NER confuses those."""
    return "person" if type_ == "Person" else "other"


@dataclass
class _Local:
    ref: Ref
    doc: str
    entity: LocalEntity
    mentions: int


class AliasTable:
    """Names of the curated alias table, looked up by name key; short acronyms (IS, US, UN) only in
    capitals, so that "Is" or "us" never match."""

    def __init__(self, ontology: Ontology):
        self.entries = ontology.aliases
        self.by_key: dict[str, int] = {}
        self.by_caps: dict[str, int] = {}
        for i, entry in enumerate(self.entries):
            for alias in (entry.name, *entry.aliases):
                letters = alias.replace(".", "")
                if is_acronym(alias) and len(letters) <= 2:
                    self.by_caps.setdefault(letters, i)
                else:
                    self.by_key.setdefault(name_key(alias), i)

    def lookup(self, name: str) -> int | None:
        letters = name.replace(".", "")
        if letters in self.by_caps:
            return self.by_caps[letters]
        return self.by_key.get(name_key(name))


def resolve(results: Iterable[DocResult], ontology: Ontology) -> KnowledgeGraph:
    """The knowledge graph of all documents' results."""
    results = list(results)
    locals_ = [_Local((d, i), r.doc.id, e, sum(m.entity == i for m in r.mentions))
               for d, r in enumerate(results) for i, e in enumerate(r.entities)]
    by_ref = {loc.ref: loc for loc in locals_}
    aliases = AliasTable(ontology)
    entry_of = {loc.ref: _alias_entry(loc.entity, aliases) for loc in locals_}
    type_of = {loc.ref: aliases.entries[entry_of[loc.ref]].type if entry_of[loc.ref] is not None
               else loc.entity.type for loc in locals_}

    clusters: UnionFind[Ref] = UnionFind(loc.ref for loc in locals_)
    _join_by_alias_table(locals_, entry_of, clusters, aliases)
    _join_by_name(locals_, type_of, clusters)
    _join_by_acronym(locals_, type_of, clusters)
    _join_spelling_variants(locals_, type_of, clusters)
    _join_surnames(locals_, type_of, clusters)

    entities, entity_of = _build_entities(clusters, by_ref, entry_of, type_of, aliases)
    return KnowledgeGraph(
        documents=sorted((r.doc for r in results), key=lambda d: d.id),
        entities=sorted(entities, key=lambda e: e.key),
        relations=_relations(results, entity_of),
        mentions=[ResolvedMention(r.doc.id, m.start, m.end, m.text, entity_of[(d, m.entity)])
                  for d, r in enumerate(results) for m in r.mentions])


def _alias_entry(entity: LocalEntity, aliases: AliasTable) -> int | None:
    for form in entity.forms:
        found = aliases.lookup(form)
        if found is not None and family(aliases.entries[found].type) == family(entity.type):
            return found
    found = aliases.lookup(entity.name)
    return found if found is not None and entity.type != "Person" else None


def _join_by_alias_table(locals_: list[_Local], entry_of: dict[Ref, int | None], clusters: UnionFind,
                         aliases: AliasTable) -> None:
    first: dict[int, _Local] = {}
    for loc in locals_:
        entry = entry_of[loc.ref]
        if entry is None:
            continue
        if entry in first:
            clusters.union(first[entry].ref, loc.ref,
                           f"alias table: {loc.entity.name} = {aliases.entries[entry].name}")
        else:
            first[entry] = loc


def _join_by_name(locals_: list[_Local], type_of: dict[Ref, str], clusters: UnionFind) -> None:
    """Same name key and family; across families only where one reading clearly dominates."""
    by_key: dict[str, list[_Local]] = defaultdict(list)
    for loc in locals_:
        by_key[name_key(loc.entity.name)].append(loc)
    for group in by_key.values():
        mentions: Counter[str] = Counter()
        anchors: dict[str, _Local] = {}
        for loc in group:
            fam = family(type_of[loc.ref])
            mentions[fam] += loc.mentions
            anchor = anchors.setdefault(fam, loc)
            clusters.union(anchor.ref, loc.ref, f"same name: {loc.entity.name}")
        (top, top_count), *others = mentions.most_common()
        for fam, count in others:
            if top_count >= NER_MAJORITY * count:
                loc = anchors[fam]
                clusters.union(anchors[top].ref, loc.ref, f"same name, tagged {type_of[loc.ref]} in "
                                                          f"{count} of {mentions.total()} mentions")
                for other in group:
                    if family(type_of[other.ref]) == fam:
                        type_of[other.ref] = type_of[anchors[top].ref]


def _join_by_acronym(locals_: list[_Local], type_of: dict[Ref, str], clusters: UnionFind) -> None:
    definers: dict[str, list[_Local]] = defaultdict(list)
    for loc in locals_:
        if loc.entity.acronym:
            definers[name_key(loc.entity.acronym)].append(loc)
    for loc in locals_:
        defined = definers.get(name_key(loc.entity.name))
        if not defined or family(type_of[loc.ref]) == "person":
            continue
        if len({clusters.find(d.ref) for d in defined}) == 1:  # defined for two names: ambiguous
            clusters.union(defined[0].ref, loc.ref,
                           f"acronym {loc.entity.name} defined in document {defined[0].doc}")


def _join_spelling_variants(locals_: list[_Local], type_of: dict[Ref, str], clusters: UnionFind) -> None:
    blocks: dict[tuple[str, str], dict[str, _Local]] = defaultdict(dict)
    for loc in locals_:
        key = name_key(loc.entity.name)
        if not is_acronym(loc.entity.name):
            blocks[(family(type_of[loc.ref]), consonant_skeleton(key))].setdefault(key, loc)
    for block in blocks.values():
        names = sorted(block)
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                if spelling_variants(a, b):
                    clusters.union(block[a].ref, block[b].ref,
                                   f"spelling variant: {block[b].entity.name} ~ {block[a].entity.name}")


def _join_surnames(locals_: list[_Local], type_of: dict[Ref, str], clusters: UnionFind) -> None:
    """A one-word person name joins the one multi-word person cluster whose names end with it."""
    full_names: dict[str, set[Ref]] = defaultdict(set)
    for loc in locals_:
        words = name_key(loc.entity.name).split()
        if type_of[loc.ref] == "Person" and len(words) > 1:
            full_names[words[-1]].add(clusters.find(loc.ref))
    for loc in locals_:
        words = name_key(loc.entity.name).split()
        if type_of[loc.ref] != "Person" or len(words) != 1:
            continue
        candidates = {clusters.find(ref) for ref in full_names.get(words[0], ())}
        if len(candidates) == 1:
            clusters.union(candidates.pop(), loc.ref, f"surname: {loc.entity.name}")


def _build_entities(clusters: UnionFind, by_ref: dict[Ref, _Local], entry_of: dict[Ref, int | None],
                    type_of: dict[Ref, str], aliases: AliasTable) -> tuple[list[Entity], dict[Ref, str]]:
    reasons: dict[Ref, list[tuple[Ref, str]]] = defaultdict(list)
    for _, joined, rule in clusters.reasons:
        reasons[clusters.find(joined)].append((joined, rule))
    drafts = []
    for refs in clusters.groups():
        members = [by_ref[ref] for ref in refs]
        entry = next((entry_of[r] for r in refs if entry_of[r] is not None), None)
        forms: Counter[str] = Counter()
        for loc in members:
            forms.update({f: loc.mentions if f == loc.entity.name else 1 for f in loc.entity.forms})
        type_votes = Counter()
        for loc in members:
            type_votes[type_of[loc.ref]] += loc.mentions
        type_ = aliases.entries[entry].type if entry is not None else type_votes.most_common(1)[0][0]
        name = aliases.entries[entry].name if entry is not None else canonical_name(forms)
        merges = [(by_ref[r].entity.name, rule) for r, rule in reasons[clusters.find(refs[0])]]
        merges += [link for loc in members for link in loc.entity.links]
        drafts.append((refs, Entity(
            key="", name=name, type=type_,
            aliases=sorted(f for f in forms if f != name),
            mentions=sum(loc.mentions for loc in members),
            documents=sorted({loc.doc for loc in members}),
            merges=sorted(set(merges)))))
    entity_of: dict[Ref, str] = {}
    taken: set[str] = set()
    for refs, entity in sorted(drafts, key=lambda d: (d[1].type, d[1].name, -d[1].mentions, d[1].documents)):
        entity.key = _unique(f"{entity.type.lower()}/{slug(entity.name)}", taken)
        for ref in refs:
            entity_of[ref] = entity.key
    return [entity for _, entity in drafts], entity_of


def canonical_name(forms: Counter[str]) -> str:
    """The most complete common form: not an acronym, as many words as any form used in more than
    one mention (or the longest), then the most frequent."""
    def rank(form: str) -> tuple:
        return (is_acronym(form), -min(len(form.split()), 6), -forms[form], form)
    return min(forms, key=rank)


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


def _relations(results: list[DocResult], entity_of: dict[Ref, str]) -> list[Relation]:
    """Relation mentions pooled by (subject, property, object); confidence by noisy-or of the
    evidence, so every further supporting sentence raises it."""
    pooled: dict[tuple[str, str, str], Relation] = {}
    for d, result in enumerate(results):
        for rm in result.relations:
            s, o = entity_of[(d, rm.subject)], entity_of[(d, rm.object)]
            if s == o:
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
