"""The state the resolution rules share: one `Clusters` object owns the local entities, which of
them are one entity (a union-find remembering the rule of every join), the type of every local
entity, and the user's overrides, which no rule can cross."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, fields
from functools import lru_cache

from kg.errors import OntologyError
from kg.model import DocResult, LocalEntity
from kg.names import is_acronym, name_key
from kg.ontology import Ontology
from kg.unionfind import UnionFind

Ref = tuple[int, int]  # (document index, local entity index)
Reason = tuple[str, tuple[tuple[str, str], ...]]  # a rule's id and the details its text names


@dataclass(frozen=True)
class Settings:
    """The resolver's thresholds, read from `ontology/resolver.json`."""

    ner_majority: int = 2  # a tagger's reading outweighs another this many to one
    salience: int = 5  # one candidate is this many times as used as all the others together
    max_glued_words: int = 3  # words a headline glues after a person's name
    max_name_words: int = 4  # the longest name looked for again among capitalised words
    gazetteer_weight: int = 3  # mentions' worth of type evidence a gazetteer entry counts as
    taught_articles: int = 5  # articles teaching a short name for one entity that make it its usual name
    taught_majority: int = 2  # ... when they are this many times those teaching it for all others
    surname_articles: int = 2  # articles calling one bearer alone by a surname that make it that bearer's
    misspelling_letters: int = 5  # the shortest word a slip of one letter is read in
    misspelling_ratio: int = 1  # the name written right is used this many times as often as the slip
    initials_evidence: int = 5  # what shared neighbours must say to join an acronym to a name it spells

    @classmethod
    def from_ontology(cls, ontology: Ontology) -> Settings:
        data = {k: v for k, v in ontology.resolver.items() if not k.startswith("_")}
        known = {f.name for f in fields(cls)}
        bad = sorted(k for k, v in data.items() if k not in known or not isinstance(v, int) or v < 0)
        if bad:
            raise OntologyError(f"{ontology.directory / 'resolver.json'}: unknown or invalid settings: "
                                f"{', '.join(bad)} (expected non-negative integers: {', '.join(sorted(known))})")
        return cls(**data)


@lru_cache(maxsize=1 << 18)  # each name is keyed by several rules
def same_name_key(name: str) -> str:
    """The name key, except that names of up to three letters keep their capitals: US is not "Us",
    AP is not "Ap"."""
    letters = name.replace(".", "")
    return letters if len(letters) <= 3 and any(c.isupper() for c in letters[1:]) else name_key(name)


def family(type_: str) -> str:
    """People are one family; organisations, places and groups another, as NER confuses those."""
    return "person" if type_ == "Person" else "other"


@dataclass
class Local:
    """One document's local entity, as the resolver sees it."""

    ref: Ref
    doc: str
    entity: LocalEntity
    forms: Counter[str] = field(default_factory=Counter)  # name key -> mentions written that way
    key: str = field(init=False)
    mentions: int = field(init=False)  # counted once: every rule asks

    def __post_init__(self) -> None:
        self.key = same_name_key(self.entity.name)
        self.mentions = self.forms.total()

    @property
    def keys(self) -> set[str]:
        """The keys of its name and of every form the document used for it."""
        return {self.key, *(same_name_key(f) for f in self.entity.forms)}


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


class Clusters:
    """The local entities of every document and the joins the rules have made between them."""

    def __init__(self, results: list[DocResult], ontology: Ontology, settings: Settings,
                 types: dict[str, str] | None = None, cued: dict[str, str] | None = None):
        self.ontology = ontology
        self.settings = settings
        self.aliases = AliasTable(ontology)
        self.locals: list[Local] = []
        for d, result in enumerate(results):
            forms: dict[int, Counter[str]] = defaultdict(Counter)
            for m in result.mentions:
                forms[m.entity][same_name_key(m.text)] += 1
            self.locals += [Local((d, i), result.doc.id, e, forms[i]) for i, e in enumerate(result.entities)]
        self.by_ref = {loc.ref: loc for loc in self.locals}
        self.entry_of = {loc.ref: self.aliases.entry_for(loc.entity) for loc in self.locals}
        self.type_of = {loc.ref: self._type(loc, types or {}, cued or {}) for loc in self.locals}
        self._joined: UnionFind[Ref, Reason] = UnionFind(loc.ref for loc in self.locals)
        self._apart: dict[str, set[str]] = defaultdict(set)  # name key -> keys it must never join
        for a, b in ontology.overrides.different:
            self._apart[same_name_key(a)].add(same_name_key(b))
            self._apart[same_name_key(b)].add(same_name_key(a))
        self._guarded: dict[Ref, set[str]] = {}  # cluster root -> its names that `_apart` mentions
        for loc in self.locals:
            if names := loc.keys & self._apart.keys():
                self._guarded[loc.ref] = names

    def _type(self, loc: Local, voted: dict[str, str], cued: dict[str, str]) -> str:
        """The alias table's type, else the type an article's words state (unless a title made the
        mention a man or a woman), else the corpus's vote within the document's family."""
        entry = self.entry_of[loc.ref]
        if entry is not None:
            return self.aliases.entries[entry].type
        if loc.key in cued and loc.entity.gender is None:
            return cued[loc.key]
        if family(loc.entity.type) == "other":
            return voted.get(loc.key, loc.entity.type)
        return loc.entity.type

    def find(self, ref: Ref) -> Ref:
        return self._joined.find(ref)

    def family_of(self, loc: Local) -> str:
        return family(self.type_of[loc.ref])

    def union(self, keep: Local, join: Local, rule: str, **details: object) -> None:
        """Join two clusters for `rule` (an id of `kg.resolve.explain`), unless an override keeps
        two of their names apart."""
        a, b = self.find(keep.ref), self.find(join.ref)
        names_a, names_b = self._guarded.get(a, set()), self._guarded.get(b, set())
        if any(self._apart[name] & names_b for name in names_a):
            return
        reason = (rule, tuple(sorted((k, str(v)) for k, v in details.items())))
        if self._joined.union(keep.ref, join.ref, reason) and (names_a or names_b):
            self._guarded[self.find(keep.ref)] = names_a | names_b

    def joins(self) -> list[tuple[Ref, Ref, Reason]]:
        """(kept, joined, reason) of every join, in the order made."""
        return self._joined.reasons

    def groups(self) -> list[list[Ref]]:
        return self._joined.groups()

    def mentions(self) -> Counter[Ref]:
        """Mentions per cluster, by its current root."""
        counts: Counter[Ref] = Counter()
        find = self._joined.find
        for loc in self.locals:
            counts[find(loc.ref)] += loc.mentions
        return counts

    def documents(self) -> dict[Ref, set[str]]:
        """Documents per cluster, by its current root."""
        found: dict[Ref, set[str]] = defaultdict(set)
        find = self._joined.find
        for loc in self.locals:
            found[find(loc.ref)].add(loc.doc)
        return found

    def by_document(self) -> dict[str, list[Local]]:
        """The local entities of each document, by document id."""
        found: dict[str, list[Local]] = defaultdict(list)
        for loc in self.locals:
            found[loc.doc].append(loc)
        return found

    def named_otherwise(self, type_: str) -> set[str]:
        """Names used for things of another type at least a `ner_majority`th as often as for
        `type_`: Rovers the team is nobody's first name."""
        usage: dict[str, Counter[bool]] = defaultdict(Counter)
        for loc in self.locals:
            for key, n in loc.forms.items():
                usage[key][self.type_of[loc.ref] == type_] += n
        majority = self.settings.ner_majority
        return {key for key, c in usage.items() if c[False] and c[False] * majority >= c[True]}
