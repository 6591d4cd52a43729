"""One type per name, voted over all its mentions in the corpus."""

from __future__ import annotations

from kg.model import DocResult
from kg.ontology import Ontology


def vote_types(results: list[DocResult], ontology: Ontology) -> dict[str, str]:
    """{name key: type} for names whose type the corpus settles differently from one tagger
    decision. (Empty for now: every local entity keeps its document's type.)"""
    return {}
