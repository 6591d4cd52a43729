"""Per-document extraction: entities and relations of one parsed document, as plain data."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from kg.extract.entities import capitalised_runs, group_mentions, lowercase_words, named_spans, text_of
from kg.extract.relations import RelationExtractor
from kg.model import DocResult, Document, DocumentInfo, LocalEntity, Mention, RelationMention
from kg.names import name_key
from kg.ontology import Ontology


def analyse(document: Document, parsed: Doc, ontology: Ontology, relations: RelationExtractor,
            skipped: tuple[tuple[int, int], ...] = ()) -> DocResult:
    """Everything kg keeps of one document. `parsed` is spaCy's parse of the document's text with
    boilerplate masked, so its character offsets are offsets into `document.text`; `skipped` are
    the spans masked."""
    lower = lowercase_words(text_of(parsed))
    entities, mentions = local_entities(document.text, parsed, ontology, lower)
    found = [_quoting(document.text, r) for r in relations.extract(parsed, document.id, entities, mentions)]
    info = DocumentInfo(id=document.id, source=document.source, sha256=document.sha256,
                        words=len(document.text.split()), title=document.title, date=document.date,
                        url=document.url, text=document.text, skipped=skipped)
    capitalised = capitalised_runs(parsed, mentions, lower)
    return DocResult(info, tuple(entities), tuple(mentions), tuple(found), tuple(capitalised))


def local_entities(text: str, parsed: Doc, ontology: Ontology,
                   lower: frozenset[str] | None = None) -> tuple[list[LocalEntity], list[Mention]]:
    """The entities `parsed` names and their mentions: what relations are found between. `lower`
    is `lowercase_words(text_of(parsed))`, when the caller has it."""
    lower = lowercase_words(text_of(parsed)) if lower is None else lower
    spans = named_spans(parsed, ontology, lower)
    return _without_kinds(*group_mentions(text, spans, ontology.alias_keys), ontology.kind_keys)


def _without_kinds(entities: list[LocalEntity], mentions: list[Mention],
                   kinds: frozenset[str]) -> tuple[list[LocalEntity], list[Mention]]:
    """The entities but those named only by a word for a kind of organisation ("the Museum", "the
    University": `Ontology.kind_keys`): whose it is, the article says, not the name. One that the
    article also names in full ("the Museum" of "the Kestrel Museum") keeps its fuller name."""
    kept = [i for i, entity in enumerate(entities) if name_key(entity.name) not in kinds]
    if len(kept) == len(entities):
        return entities, mentions
    index = {old: new for new, old in enumerate(kept)}
    return [entities[i] for i in kept], [replace(m, entity=index[m.entity]) for m in mentions if m.entity in index]


def _quoting(text: str, relation: RelationMention) -> RelationMention:
    """The relation with its evidence quoted from the document as read: a passage over two
    sentences may span boilerplate that the parse saw masked."""
    evidence = relation.evidence
    if evidence.sentence == text[evidence.start:evidence.end]:
        return relation
    return replace(relation, evidence=replace(evidence, sentence=text[evidence.start:evidence.end]))
