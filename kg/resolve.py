"""Cross-document resolution: one entity per real-world thing, whatever name each article uses.

First, capitalised words that the tagger passed over in one article become mentions where two
articles or more use them as a name ("Knicks" in "Bulls beat hapless Knicks").

Then every document's local entities (already joined within the document: acronyms, surnames) are
joined across documents by rules, in this order, each leaving a reason so that `Entity.merges`
explains every alias:

1. the alias table (`ontology/aliases.json` and pycountry's country names): Daesh = Islamic State;
2. the same name up to case, accents and punctuation (U.S. = US, ISIS = Isis), a nickname an
   article gives counting as a name (Juan Carlos "Charlie" Mendez = Charlie Mendez);
3. an acronym defined in some document ("Syrian Democratic Forces (SDF)") joins the bare acronym
   everywhere, unless documents define it for different names;
4. transliteration variants (Baghouz = Baghuz, Deir ez-Zor = Deir Ezzor);
5. people's full names that agree on the surname and do not disagree on first or middle names
   (Harvey Oswald = Lee Harvey Oswald, Fred Smith = Frederick W. Smith, Bill = William by the
   `nicknames` table, but not Ed and David Miliband),
   then a surname (or else a first name) alone joins the one full name in the corpus that ends (or
   begins) with it, or the one named `SALIENCE` times as often as all the others together;
6. a rare person's name that is a frequent person's name of two words or more with up to
   `MAX_GLUED_WORDS` words glued on after it ("Britney Spears Checks Into Rehab", from a headline);
7. an organisation's name with a place before it (Chicago Bears) and the same name alone
   (Bears), when one organisation is so named and the name is no kind of organisation (Police);
   a short name an article used for a fuller one ("the Bears" after "Chicago Bears") in the
   articles that use only the short name, if one entity taught it (or `SALIENCE` times more than
   the others did), unless it is far more used on its own;
8. the user's overrides (`same` pairs join; `different` pairs are never joined by any rule).

Before the name rules of 5 and 6, and again after 7, a name the tagger read two ways (Spears a place
thrice, a person seventeen times) joins the reading that outweighs the others `NER_MAJORITY` to 1,
when that reading is one entity and the name is not the alias table's. A one-word name that also
names a place or organisation (Bears) is nobody's surname.

People never join places or organisations otherwise. Each rule looks only within blocks that share a
key (a name, a skeleton, a surname), so the cost grows with the number of distinct names.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

from nicknames import NickNamer
from spacy.lang.en.stop_words import STOP_WORDS

from kg.model import DocResult, Entity, KnowledgeGraph, LocalEntity, Mention, Relation, ResolvedMention
from kg.names import NICKNAME_RULE, SHORT_NAME_RULE, consonant_skeleton, fold, is_acronym, name_key, spelling_variants
from kg.ontology import Ontology
from kg.unionfind import UnionFind

NER_MAJORITY = 2
SALIENCE = 5
MAX_GLUED_WORDS = 3
MAX_NAME_WORDS = 4  # the longest name looked for again in capitalised words
GENERATIONAL = {"jr", "sr", "ii", "iii", "iv"}
DIRECTIONS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western"}
Ref = tuple[int, int]  # (document index, local entity index)


def family(type_: str) -> str:
    """People are one family; organisations, places and groups another, as NER confuses those."""
    return "person" if type_ == "Person" else "other"


@dataclass
class _Local:
    ref: Ref
    doc: str
    entity: LocalEntity
    forms: Counter[str] = field(default_factory=Counter)  # name key -> mentions written that way
    key: str = ""

    def __post_init__(self) -> None:
        self.key = same_name_key(self.entity.name)

    @property
    def mentions(self) -> int:
        return self.forms.total()


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

    def entry_for(self, entity: LocalEntity) -> int | None:
        """The entry of the entity's name or of the acronym its document defines for it; never a
        country for a person's name. Shorter forms do not count: "North America" used "America"."""
        for name in filter(None, (entity.name, entity.acronym)):
            found = self.lookup(name)
            if found is not None and (family(self.entries[found].type) == family(entity.type)
                                      or entity.type != "Person"):
                return found
        return None


def resolve(results: Iterable[DocResult], ontology: Ontology,
            known: Mapping[str, tuple[str, tuple[str, ...]]] | None = None) -> KnowledgeGraph:
    """The knowledge graph of all documents' results. `known` ({key: (type, names)}, from an
    earlier build's resolution.jsonl) keeps the keys, and so the IRIs, of entities built before:
    an entity takes the key of the known entity of its type that shares most of its names."""
    results = _names_found_again(list(results), ontology)
    resolver = _Resolver(results, ontology)
    resolver.join_all()
    entities, entity_of = resolver.entities(known or {})
    return KnowledgeGraph(
        documents=sorted((r.doc for r in results), key=lambda d: d.id),
        entities=sorted(entities, key=lambda e: e.key),
        relations=_relations(results, entity_of),
        mentions=[ResolvedMention(r.doc.id, m.start, m.end, m.text, entity_of[(d, m.entity)])
                  for d, r in enumerate(results) for m in r.mentions])


def _names_found_again(results: list[DocResult], ontology: Ontology) -> list[DocResult]:
    """The results with a mention wherever capitalised words the tagger passed over spell a name
    that two articles or more use for an entity: a name is a name throughout the corpus
    ("Knicks" in "Bulls beat hapless Knicks", "GONZAGA" in a headline). Peoples' names are left
    out (adjectives too often: British), and so are kinds of organisation and titles (Police,
    President), and single words whose capital proves nothing (see `CapitalisedRun`)."""
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
    excluded |= {name_key(t) for t in ontology.titles}
    known = {key for key, docs in documents.items()
             if len(docs) >= 2 and len(key) >= 3 and key not in STOP_WORDS and key not in excluded}
    return [_with_names_found(result, known, types) for result in results]


def _with_names_found(result: DocResult, known: set[str], types: dict[str, Counter[str]]) -> DocResult:
    entities, mentions = list(result.entities), list(result.mentions)
    local = {same_name_key(form): i for i, e in enumerate(entities) for form in e.forms}
    for run in result.capitalised:
        taken: list[tuple[int, int]] = []
        for start, end, text in run.pieces(MAX_NAME_WORDS):
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


class _Resolver:
    def __init__(self, results: list[DocResult], ontology: Ontology):
        self.ontology = ontology
        self.aliases = aliases = AliasTable(ontology)
        overrides = ontology.overrides
        self.locals: list[_Local] = []
        for d, result in enumerate(results):
            forms: dict[int, Counter[str]] = defaultdict(Counter)
            for m in result.mentions:
                forms[m.entity][same_name_key(m.text)] += 1
            self.locals += [_Local((d, i), result.doc.id, e, forms[i]) for i, e in enumerate(result.entities)]
        self.by_ref = {loc.ref: loc for loc in self.locals}
        self.entry_of = {loc.ref: aliases.entry_for(loc.entity) for loc in self.locals}
        self.type_of = {loc.ref: loc.entity.type if self.entry_of[loc.ref] is None
                        else aliases.entries[self.entry_of[loc.ref]].type for loc in self.locals}
        self.clusters: UnionFind[Ref] = UnionFind(loc.ref for loc in self.locals)
        self.overrides = overrides
        self.apart: dict[str, set[str]] = defaultdict(set)  # name key -> keys it must never join
        for a, b in overrides.different:
            self.apart[same_name_key(a)].add(same_name_key(b))
            self.apart[same_name_key(b)].add(same_name_key(a))
        self.guarded: dict[Ref, set[str]] = {}  # cluster root -> its names that `apart` mentions
        for loc in self.locals:
            names = {loc.key, *(same_name_key(f) for f in loc.entity.forms)} & self.apart.keys()
            if names:
                self.guarded[loc.ref] = names

    def join_all(self) -> None:
        self.join_alias_table()
        self.join_same_names()
        self.join_acronyms()
        self.join_spelling_variants()
        self.join_tagging_slips()
        self.join_person_names()
        self.join_surnames()
        self.join_decorated_names()
        self.join_place_qualified_names()
        self.join_learned_short_names()
        self.join_tagging_slips()  # again, now that full names have gathered their short forms
        self.join_overrides()

    def family_of(self, loc: _Local) -> str:
        return family(self.type_of[loc.ref])

    def union(self, keep: _Local, join: _Local, reason: str) -> None:
        """Join two clusters, unless an override keeps two of their names apart."""
        a, b = self.clusters.find(keep.ref), self.clusters.find(join.ref)
        names_a, names_b = self.guarded.get(a, set()), self.guarded.get(b, set())
        if any(self.apart[name] & names_b for name in names_a):
            return
        if self.clusters.union(keep.ref, join.ref, reason) and (names_a or names_b):
            self.guarded[self.clusters.find(keep.ref)] = names_a | names_b

    def join_overrides(self) -> None:
        """The user's `same` pairs: every entity named one way joins every entity named the other."""
        named: dict[str, list[_Local]] = defaultdict(list)
        for loc in self.locals:
            for key in {loc.key, *(same_name_key(f) for f in loc.entity.forms)}:
                named[key].append(loc)
        for a, b in self.overrides.same:
            group = named.get(same_name_key(a), []) + named.get(same_name_key(b), [])
            for loc in group[1:]:
                self.union(group[0], loc, f"override: {a} = {b}")

    def join_alias_table(self) -> None:
        first: dict[int, _Local] = {}
        for loc in self.locals:
            entry = self.entry_of[loc.ref]
            if entry is None:
                continue
            if entry in first:
                self.union(first[entry], loc, f"alias table: {loc.entity.name} = {self.aliases.entries[entry].name}")
            else:
                first[entry] = loc

    def join_same_names(self) -> None:
        """Entities of one family and one name key join; a nickname the text gives is a name too,
        and places meet by their `place_key` as well."""
        first: dict[tuple[str, str], tuple[_Local, str]] = {}
        genders: dict[str, set[str]] = defaultdict(set)  # a lone surname's genders in the corpus
        for loc in self.locals:
            if self.family_of(loc) == "person" and " " not in loc.key and loc.entity.gender:
                genders[loc.key].add(loc.entity.gender)
        for loc in self.locals:
            family = self.family_of(loc)
            if family == "person" and " " not in loc.key and (loc.entity.gender or len(genders[loc.key]) == 1):
                # Mr Hartley and Miss Hartley are two people; a bare Hartley is Mr Hartley if no Miss is
                family = loc.entity.gender or next(iter(genders[loc.key]))
            names = [(family, loc.key, f"same name: {loc.entity.name}")] + [
                (family, same_name_key(form), f"nickname {form} given in document {loc.doc}")
                for form, rule in loc.entity.links if rule == NICKNAME_RULE]
            if self.type_of[loc.ref] == "Place":
                names.append(("place", self.place_key(loc.key), f"same place name: {loc.entity.name}"))
            for family, key, reason in names:
                anchor, why = first.setdefault((family, key), (loc, reason))
                self.union(anchor, loc, why)

    def place_key(self, key: str) -> str:
        """A place's name key with its first word spelled out and a generic last word dropped:
        Mt Kenya and Mount Kenya, the Caspian Sea and the Caspian meet."""
        words = key.split()
        words[0] = self.ontology.place_abbreviations.get(words[0], words[0])
        if len(words) > 1 and words[-1] in self.ontology.place_generic_words and len(words[-2]) > 3 \
                and not (len(words) == 2 and words[0] in DIRECTIONS):
            words.pop()
        return " ".join(words)

    def join_acronyms(self) -> None:
        definers: dict[str, list[_Local]] = defaultdict(list)
        for loc in self.locals:
            if loc.entity.acronym:
                definers[same_name_key(loc.entity.acronym)].append(loc)
        for loc in self.locals:
            defined = definers.get(loc.key)
            if not defined or self.family_of(loc) == "person":
                continue
            if len({self.clusters.find(d.ref) for d in defined}) == 1:  # defined for two names: ambiguous
                self.union(defined[0], loc, f"acronym {loc.entity.name} defined in document {defined[0].doc}")

    def join_spelling_variants(self) -> None:
        blocks: dict[tuple[str, str], dict[str, _Local]] = defaultdict(dict)
        for loc in self.locals:
            # A surname alone is no transliteration: Meyer and Mayer are two families.
            if not is_acronym(loc.entity.name) and not (self.family_of(loc) == "person" and " " not in loc.key):
                blocks[(self.family_of(loc), consonant_skeleton(loc.key))].setdefault(loc.key, loc)
        for block in blocks.values():
            keys = sorted(block)
            for i, a in enumerate(keys):
                for b in keys[i + 1:]:
                    if spelling_variants(a, b):
                        self.union(block[a], block[b],
                                   f"spelling variant: {block[b].entity.name} ~ {block[a].entity.name}")

    def join_person_names(self) -> None:
        """Full names sharing a surname join when their other names agree, and only then."""
        by_surname: dict[str, dict[str, _Local]] = defaultdict(dict)
        for loc in self.locals:
            words = _person_words(loc.key)
            if self.type_of[loc.ref] == "Person" and len(words) > 1:
                by_surname[words[-1]].setdefault(loc.key, loc)
        for block in by_surname.values():
            keys = sorted(block)
            fits = {a: [b for b in keys if b != a and compatible_names(a, b)] for a in keys}
            # "Le Pen" fits Marine Le Pen and Marion Marechal Le Pen, who do not fit each other.
            unambiguous = {a for a in keys if all(compatible_names(b, c) for b in fits[a] for c in fits[a] if b < c)}
            for a in keys:
                if a in unambiguous:
                    for b in (b for b in fits[a] if b in unambiguous):
                        longer, shorter = sorted((block[a], block[b]), key=lambda loc: (-len(loc.key), loc.key))
                        self.union(longer, shorter,
                                   f"same person's name: {shorter.entity.name} ~ {longer.entity.name}")

    def join_surnames(self) -> None:
        """A one-word person name joins the person whose full name ends (or, failing that, begins)
        with it: the only one, or one named `SALIENCE` times as often as all the others together
        (a lone "Clinton" is Hillary Clinton, not Chelsea Clinton, in a story about her)."""
        positions = (("surname", -1), ("first name", 0))
        bearers: dict[tuple[int, str], Counter[Ref]] = defaultdict(Counter)
        for loc in self.locals:
            words = _person_words(loc.key)
            if self.type_of[loc.ref] == "Person" and len(words) > 1:
                for _, position in positions:
                    bearers[(position, words[position])][self.clusters.find(loc.ref)] += loc.mentions
        elsewhere = self._named_otherwise("Person")
        for loc in self.locals:
            if (self.type_of[loc.ref] != "Person" or " " in loc.key or self.entry_of[loc.ref] is not None
                    or loc.key in elsewhere):
                continue
            for rule, position in positions:
                counts: Counter[Ref] = Counter()
                for ref, n in bearers.get((position, loc.key), Counter()).items():
                    counts[self.clusters.find(ref)] += n
                if counts:
                    (top, n), *others = counts.most_common()
                    if n >= SALIENCE * sum(m for _, m in others):
                        self.union(self.by_ref[top], loc, f"{rule}: {loc.entity.name}")
                    break

    def join_place_qualified_names(self) -> None:
        """A name that some organisation's name is, with a place before it, joins that organisation
        when it is the only one so named and the name is no kind of organisation: Bears the Chicago
        Bears, Yankees the New York Yankees, but Police no police force."""
        places = {loc.key for loc in self.locals if self.type_of[loc.ref] == "Place"}
        generic = {name_key(w) for w in self.ontology.generic_org_words}
        qualified: dict[str, set[Ref]] = defaultdict(set)
        for loc in self.locals:
            words = loc.key.split()
            if self.family_of(loc) == "other" and self.type_of[loc.ref] != "Place":
                for n in range(1, len(words)):
                    if " ".join(words[:n]) in places:
                        qualified[" ".join(words[n:])].add(self.clusters.find(loc.ref))
        mentions = self._cluster_mentions()
        for loc in self.locals:
            targets = {self.clusters.find(ref) for ref in qualified.get(loc.key, ())}
            if len(targets) != 1 or loc.key in generic or loc.key in STOP_WORDS or self.family_of(loc) != "other" \
                    or self.entry_of[loc.ref] is not None or loc.key in places:
                continue
            (target,) = targets
            if SALIENCE * mentions[target] >= mentions[self.clusters.find(loc.ref)]:
                self.union(self.by_ref[target], loc, f"{loc.entity.name} with a place before it: "
                                                     f"{self.by_ref[target].entity.name}")

    def join_learned_short_names(self) -> None:
        """A short name some article used for a fuller one ("the Bears" after "Chicago Bears")
        joins that entity in articles that use only the short name, if it was learned for one
        entity (or for one `SALIENCE` times as often as for all others, whose mentions count) and
        the short name alone is not used `SALIENCE` times as often as that entity
        (one article calling the South Wales Evening Post "Wales" does not make Wales a newspaper)."""
        mentions = self._cluster_mentions()
        learned: dict[tuple[str, str], set[Ref]] = defaultdict(set)
        for loc in self.locals:
            for form, rule in loc.entity.links:
                if rule == SHORT_NAME_RULE:
                    learned[(self.family_of(loc), same_name_key(form))].add(loc.ref)
        for loc in self.locals:
            teachers = learned.get((self.family_of(loc), loc.key))
            if not teachers or self.entry_of[loc.ref] is not None:
                continue
            targets = Counter({self.clusters.find(ref): mentions[self.clusters.find(ref)] for ref in teachers})
            (target, n), *others = targets.most_common()
            if n >= SALIENCE * sum(m for _, m in others) and SALIENCE * n >= mentions[self.clusters.find(loc.ref)]:
                teacher = self.by_ref[min(ref for ref in teachers if self.clusters.find(ref) == target)]
                self.union(self.by_ref[target], loc,
                           f"short name {loc.entity.name} used for {teacher.entity.name} in document {teacher.doc}")

    def join_decorated_names(self) -> None:
        """A rare person's name that begins with a frequent person's full name, a few words glued on
        after it, joins it: "Britney Spears Checks Into Rehab" (a headline)."""
        mentions = self._cluster_mentions()
        documents: dict[Ref, set[str]] = defaultdict(set)
        for loc in self.locals:
            documents[self.clusters.find(loc.ref)].add(loc.doc)
        by_name: dict[tuple[str, str], set[Ref]] = defaultdict(set)
        for loc in self.locals:
            by_name[(self.type_of[loc.ref], loc.key)].add(self.clusters.find(loc.ref))
        for loc in self.locals:
            root, words = self.clusters.find(loc.ref), loc.key.split()
            if mentions[root] > 2 or len(documents[root]) > 1 or self.type_of[loc.ref] != "Person":
                continue  # North America is not America, nor United Nations University the UN
            for n in range(len(words) - 1, max(1, len(words) - 1 - MAX_GLUED_WORDS), -1):
                found = {r for r in by_name.get((self.type_of[loc.ref], " ".join(words[:n])), ())
                         if mentions[self.clusters.find(r)] >= SALIENCE * mentions[root]}
                targets = {self.clusters.find(r) for r in found} - {root}
                if len(targets) == 1:
                    self.union(self.by_ref[targets.pop()], loc, f"name with words glued on: {loc.entity.name}")
                if targets:
                    break

    def _cluster_mentions(self) -> Counter[Ref]:
        """Mentions per cluster, by its current root."""
        mentions: Counter[Ref] = Counter()
        for loc in self.locals:
            mentions[self.clusters.find(loc.ref)] += loc.mentions
        return mentions

    def join_tagging_slips(self) -> None:
        """A name mostly used for one entity of the other family joins it: that entity has
        `NER_MAJORITY` times the mentions of this family's and `SALIENCE` times those of any rival."""
        usage: dict[str, Counter[Ref]] = defaultdict(Counter)
        for loc in self.locals:
            for key, n in loc.forms.items():
                usage[key][self.clusters.find(loc.ref)] += n
        for loc in self.locals:
            users = usage.get(loc.key)
            if not users or self.entry_of[loc.ref] is not None:  # Jordan the country stays one
                continue
            mine = self.family_of(loc)
            theirs = Counter({root: n for root, n in users.items() if self.family_of(self.by_ref[root]) != mine})
            if not theirs:
                continue
            ours = sum(n for root, n in users.items() if root not in theirs)
            (root, n), *rivals = theirs.most_common()
            if n >= NER_MAJORITY * ours and n >= SALIENCE * sum(m for _, m in rivals):
                self.union(self.by_ref[root], loc, f"same name, tagged {self.type_of[loc.ref]} in {ours} of "
                                                   f"{ours + theirs.total()} mentions")
                self.type_of[loc.ref] = self.type_of[root]  # later rules see it as what it is

    def _named_otherwise(self, type_: str) -> set[str]:
        """Names used for things of another type at least a `NER_MAJORITY`th as often as for
        `type_`: Bears the team is nobody's first name."""
        usage: dict[str, Counter[bool]] = defaultdict(Counter)
        for loc in self.locals:
            for key, n in loc.forms.items():
                usage[key][self.type_of[loc.ref] == type_] += n
        return {key for key, c in usage.items() if c[False] and c[False] * NER_MAJORITY >= c[True]}

    def entities(self, known: Mapping[str, tuple[str, tuple[str, ...]]]) -> tuple[list[Entity], dict[Ref, str]]:
        reasons: dict[Ref, list[tuple[Ref, Ref, str]]] = defaultdict(list)
        for kept, joined, rule in self.clusters.reasons:
            reasons[self.clusters.find(joined)].append((kept, joined, rule))
        drafts = [(refs, self._entity([self.by_ref[r] for r in refs], reasons[self.clusters.find(refs[0])]))
                  for refs in self.clusters.groups()]
        drafts.sort(key=lambda d: (d[1].type, d[1].name, -d[1].mentions, d[1].documents))
        kept = _known_keys([entity for _, entity in drafts], known)
        entity_of: dict[Ref, str] = {}
        taken: set[str] = set(kept.values())
        for i, (refs, entity) in enumerate(drafts):
            entity.key = kept.get(i) or _unique(f"{entity.type.lower()}/{slug(entity.name)}", taken)
            for ref in refs:
                entity_of[ref] = entity.key
        return [entity for _, entity in drafts], entity_of

    def _entity(self, members: list[_Local], reasons: list[tuple[Ref, Ref, str]]) -> Entity:
        entry = next((self.entry_of[m.ref] for m in members if self.entry_of[m.ref] is not None), None)
        forms: Counter[str] = Counter()
        types: Counter[str] = Counter()
        for loc in members:
            forms.update({f: loc.mentions if f == loc.entity.name else 1 for f in loc.entity.forms})
            types[self.type_of[loc.ref]] += loc.mentions
        if entry is not None:
            name, type_ = self.aliases.entries[entry].name, self.aliases.entries[entry].type
        else:
            name, type_ = canonical_name(forms), types.most_common(1)[0][0]
        # A rule is told under the name it brought in: the joined side's, or the kept side's when
        # the joined side is the entity's own name.
        merges = [(self.by_ref[joined].entity.name if self.by_ref[joined].entity.name != name
                   else self.by_ref[kept].entity.name, rule) for kept, joined, rule in reasons]
        merges += [(form, f"{rule} in document {loc.doc}") for loc in members for form, rule in loc.entity.links]
        merges = [(alias, rule) for alias, rule in merges if alias != name]
        return Entity(key="", name=name, type=type_, aliases=sorted(f for f in forms if f != name),
                      mentions=sum(loc.mentions for loc in members),
                      documents=sorted({loc.doc for loc in members}), merges=sorted(set(merges)))


def _known_keys(entities: list[Entity], known: Mapping[str, tuple[str, tuple[str, ...]]]) -> dict[int, str]:
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


def same_name_key(name: str) -> str:
    """The name key, except that names of up to three letters keep their capitals: US is not "Us",
    AP is not "Ap"."""
    letters = name.replace(".", "")
    return letters if len(letters) <= 3 and any(c.isupper() for c in letters[1:]) else name_key(name)


def _person_words(key: str) -> list[str]:
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
    wa, wb = _person_words(a), _person_words(b)
    ga, gb = _generation(a), _generation(b)
    if wa[-1] != wb[-1] or (ga and gb and ga != gb):  # Martin Luther King Sr. is not Martin Luther King Jr.
        return False
    short, long_ = sorted((wa, wb), key=len)
    if len(short) >= 2 and long_[-len(short):] == short:
        return True
    if not _same_given_name(wa[0], wb[0]):
        return False
    middles_a, middles_b = wa[1:-1], wb[1:-1]
    return not (middles_a and middles_b) or all(
        any(_same_given_name(x, y) for y in middles_b) for x in middles_a)


def _same_given_name(x: str, y: str) -> bool:
    """One given name written two ways: an initial (W., William), a short form (Fred, Frederick) or
    a nickname the `nicknames` table knows (Liz, Elizabeth; Bill, William)."""
    short, long_ = sorted((x, y), key=len)
    return short == long_ or (len(short) == 1 and long_.startswith(short)) or \
        (len(short) >= 3 and long_.startswith(short)) or x in _nicknamer().canonicals_of(y) or \
        y in _nicknamer().canonicals_of(x)


@lru_cache(maxsize=1)
def _nicknamer() -> NickNamer:
    return NickNamer()


def canonical_name(forms: Counter[str]) -> str:
    """The most complete common form: not an acronym; common, that is used at least a tenth as often
    as the most used form and more than once if any form is (a headline's "Britney Spears Checks" is
    not the name); the most words (up to 6); the most frequent; then the first alphabetically."""
    common = max(2, max(forms.values()) / 10) if max(forms.values()) > 1 else 1

    def rank(form: str) -> tuple:
        return (is_acronym(form), forms[form] < common, -min(len(form.split()), 6), -forms[form], form)
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
