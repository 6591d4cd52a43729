"""Per-document extraction: entities and relations of one parsed document, as plain data."""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.entities import capitalised_runs, group_mentions, named_spans
from kg.extract.relations import RelationExtractor
from kg.model import DocResult, Document, DocumentInfo
from kg.ontology import Ontology


def analyse(document: Document, parsed: Doc, ontology: Ontology,
            relations: RelationExtractor) -> DocResult:
    """Everything kg keeps of one document. `parsed` is spaCy's parse of the document's text with
    boilerplate masked, so its character offsets are offsets into `document.text`."""
    spans = named_spans(parsed, ontology)
    entities, mentions = group_mentions(document.text, spans, ontology.alias_keys, ontology.apart_keys)
    found = relations.extract(parsed, document.id, entities, mentions)
    info = DocumentInfo(id=document.id, source=document.source, sha256=document.sha256,
                        words=len(document.text.split()), title=document.title, date=document.date,
                        url=document.url)
    return DocResult(info, tuple(entities), tuple(mentions), tuple(found), tuple(capitalised_runs(parsed, mentions)))
