"""Per-document extraction: entities and relations of one parsed document, as plain data."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from kg.extract.entities import capitalised_runs, group_mentions, lowercase_words, named_spans, text_of
from kg.extract.relations import RelationExtractor
from kg.model import DocResult, Document, DocumentInfo, LocalEntity, Mention, RelationMention
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
    return group_mentions(text, spans, ontology.alias_keys)


def _quoting(text: str, relation: RelationMention) -> RelationMention:
    """The relation with its evidence quoted from the document as read: a passage over two
    sentences may span boilerplate that the parse saw masked."""
    evidence = relation.evidence
    if evidence.sentence == text[evidence.start:evidence.end]:
        return relation
    return replace(relation, evidence=replace(evidence, sentence=text[evidence.start:evidence.end]))
