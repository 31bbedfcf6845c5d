"""Turn the raw tables of one document into facts and quarantined cells (work in progress)."""

from __future__ import annotations

from dataclasses import dataclass

from extraction.model import Fact, Quarantined, RawDocument
from extraction.vocabulary import Vocabulary


@dataclass(frozen=True)
class DocumentExtract:
    facts: tuple[Fact, ...]
    quarantined: tuple[Quarantined, ...]


def interpret_document(document: RawDocument, vocabulary: Vocabulary) -> DocumentExtract:
    raise NotImplementedError
