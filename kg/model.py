"""The plain data that flows between stages: sources → nlp → extract → resolve → export.

Everything a per-document stage returns is a frozen dataclass of strings, numbers and tuples, so it
pickles across processes and caches to disk unchanged.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import NamedTuple

OPEN_PREFIX = "verb:"  # the predicate of an open relation: "verb:" and the verb's lemma ("verb:meet")


@dataclass(frozen=True)
class Document:
    """One input article: the text exactly as read, and what the source says about it."""

    id: str  # the file name without extension, or the JSONL `id`
    text: str
    source: str  # the path it came from, or "<stdin>"
    title: str | None = None
    date: str | None = None
    url: str | None = None
    format: str = "text"  # "html" when the text was extracted from a page's markup
    repeated: frozenset[int] = frozenset()  # keys of its lines found in many documents of the input

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What the graph keeps of a document once its text has been processed."""

    id: str
    source: str
    sha256: str
    words: int
    title: str | None = None
    date: str | None = None
    url: str | None = None
    text: str = ""  # as read
    skipped: tuple[tuple[int, int], ...] = ()  # (start, end) of the spans skipped as page furniture

    @property
    def skipped_share(self) -> float:
        """The share of the text's visible characters skipped as page furniture."""
        visible = len(self.text) - sum(c.isspace() for c in self.text)
        skipped = sum(e - s - sum(c.isspace() for c in self.text[s:e]) for s, e in self.skipped)
        return skipped / visible if visible else 0.0


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the document's text naming an entity; `entity` indexes `DocResult.entities`."""

    start: int
    end: int
    text: str
    entity: int


@dataclass(frozen=True, slots=True)
class LocalEntity:
    """The mentions of one entity within one document, before cross-document resolution.

    `links` says why shorter names were joined to this one inside the document, as
    (form, rule) pairs, e.g. ("SDF", "acronym defined in the text").
    """

    name: str  # the most complete name the document uses
    type: str  # an ontology class name: Person, Organization, Place, Group
    forms: tuple[str, ...]  # every cleaned surface form, most complete first
    acronym: str | None = None  # an acronym the document defines for `name`
    links: tuple[tuple[str, str], ...] = ()
    gender: str | None = None  # "male" or "female" when titles say so (Mr Hartley, Miss Hartley)
    cued: bool = False  # the type was read from words after the name ("Twitter CEO"), not guessed by the tagger


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence that supports a relation, with its character offsets in the document's text."""

    doc: str
    start: int
    end: int
    sentence: str
    pattern: str


@dataclass(frozen=True, slots=True)
class RelationMention:
    """A relation found in one sentence between two of the document's local entities."""

    subject: int
    predicate: str
    object: int
    confidence: float
    evidence: Evidence
    role: str | None = None  # a title kept on the statement, e.g. "Defence Minister"


@dataclass(frozen=True, slots=True)
class CapitalisedRun:
    """Capitalised words outside every mention ("Kestrels Beat Hornets"): where the resolver looks for
    names the tagger missed here but found elsewhere. `words` are each word's (start, end); a word
    is `weak` when its capital proves nothing because the article also writes it in lower case
    (World, world)."""

    words: tuple[tuple[int, int], ...]
    weak: tuple[bool, ...]
    text: str  # the document's text from the first word's start to the last word's end
    headline: bool = False  # in a line of Headline Style, where every word has a capital

    def pieces(self, longest: int) -> list[tuple[int, int, str]]:
        """(start, end, text) of the run, or in a headline of every run of up to `longest`
        consecutive words in it, longest first ("Kestrels Beat Hornets": Kestrels, Hornets; but not World
        in "World Cup"). A weak word alone is no piece."""
        first = self.words[0][0]
        found = []
        shortest = 1 if self.headline else len(self.words)
        for n in range(min(longest, len(self.words)), shortest - 1, -1):
            for i in range(len(self.words) - n + 1):
                if n == 1 and self.weak[i]:
                    continue
                start, end = self.words[i][0], self.words[i + n - 1][1]
                found.append((start, end, self.text[start - first:end - first]))
        return found


@dataclass(frozen=True, slots=True)
class DocResult:
    """Everything the per-document stage learns from one document."""

    doc: DocumentInfo
    entities: tuple[LocalEntity, ...]
    mentions: tuple[Mention, ...]
    relations: tuple[RelationMention, ...]
    capitalised: tuple[CapitalisedRun, ...] = ()


class Merge(NamedTuple):
    """Why an alias joined an entity: the id of the rule that joined it (`kg.resolve.explain`
    tells its sentence) and the details that sentence names."""

    alias: str
    rule: str
    details: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class Entity:
    """A resolved, cross-document entity."""

    key: str  # the stable local part of its IRI, e.g. "person/donald-trump"
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: int = 0
    documents: list[str] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)  # why each alias was joined


@dataclass(slots=True)
class Relation:
    """A typed edge between two resolved entities with every sentence that supports it."""

    subject: str  # Entity.key
    predicate: str
    object: str
    confidence: float
    evidence: list[Evidence] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)

    @property
    def support(self) -> int:
        return len(self.evidence)


@dataclass(frozen=True, slots=True)
class ResolvedMention:
    doc: str
    start: int
    end: int
    text: str
    entity: str  # Entity.key


@dataclass
class KnowledgeGraph:
    """The whole graph: what every writer takes."""

    documents: list[DocumentInfo]
    entities: list[Entity]
    relations: list[Relation]
    mentions: list[ResolvedMention]

    def entity(self, name: str) -> Entity | None:
        """The entity whose name or alias is `name` (case-insensitive), if any."""
        folded = name.casefold()
        for entity in self.entities:
            if folded in (n.casefold() for n in [entity.name, *entity.aliases]):
                return entity
        return None


def result_to_data(result: DocResult) -> dict:
    """`result` as plain JSON data (lists for tuples), for the cache: no pickle, so a cache file
    can hold nothing but data."""
    return asdict(result)


def result_from_data(data: dict) -> DocResult:
    """The DocResult that `result_to_data` gave `data`; raises KeyError, TypeError or ValueError on
    anything else."""
    def pairs(items) -> tuple[tuple, ...]:
        return tuple(tuple(item) for item in items)

    doc = dict(data["doc"])
    doc["skipped"] = pairs(doc.get("skipped", ()))
    entities = tuple(LocalEntity(**{**e, "forms": tuple(e["forms"]), "links": pairs(e["links"])})
                     for e in data["entities"])
    mentions = tuple(Mention(**m) for m in data["mentions"])
    relations = tuple(RelationMention(**{**r, "evidence": Evidence(**r["evidence"])}) for r in data["relations"])
    capitalised = tuple(CapitalisedRun(**{**c, "words": pairs(c["words"]), "weak": tuple(c["weak"])})
                        for c in data["capitalised"])
    return DocResult(DocumentInfo(**doc), entities, mentions, relations, capitalised)
