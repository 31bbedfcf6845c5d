"""The vocabulary review: row labels the vocabulary did not know, by how often and where.

Built from quarantine rows (the published warehouse's `marts.quarantine`, or extracts in
hand), so that whoever extends `contract/metrics.csv` or `segments.csv` sees first the labels
that cost the most figures, with the nearest labels the vocabulary has. Pure: the pipeline
decides where the review is written, `reporting/vocabulary_review.py` how it is shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from extraction.cells import UNKNOWN_ROW_LABEL
from extraction.interpret import DocumentExtract
from extraction.labels import Candidate, Lexicon, label_key
from extraction.vocabulary import Vocabulary


@dataclass(frozen=True)
class UnmappedLabel:
    """One row label (as printed, in its commonest form) the vocabulary did not know."""

    label: str
    key: str  # the comparison key every printed form of the label shares
    cells: int  # quarantined cells that carry it
    documents: tuple[str, ...]  # ids of the documents that print it
    locators: tuple[str, ...]  # where, as `document_id: locator` (first cell of each row)
    candidates: tuple[Candidate, ...]  # the nearest labels of the vocabulary


def is_unknown_label(reason: str) -> bool:
    return reason.startswith(UNKNOWN_ROW_LABEL)


@dataclass(frozen=True)
class QuarantinedLabel:
    """A quarantined cell as the review reads it: where it is, its row label and its reason."""

    document_id: str
    row_label: str
    locator: str
    reason: str


def quarantined_labels(extracts: Mapping[str, DocumentExtract]) -> Iterable[QuarantinedLabel]:
    """The quarantined cells of extracts keyed by document id."""
    for document_id, extract in extracts.items():
        for item in extract.quarantined:
            yield QuarantinedLabel(document_id, item.row_label, item.locator, item.reason)


def review_unmapped_labels(
    extracts: Mapping[str, DocumentExtract], vocabulary: Vocabulary
) -> tuple[UnmappedLabel, ...]:
    """Unmapped row labels of the extracts (keyed by document id), most cells first."""
    return review_quarantined_labels(quarantined_labels(extracts), vocabulary)


def review_quarantined_labels(
    quarantined: Iterable[QuarantinedLabel], vocabulary: Vocabulary
) -> tuple[UnmappedLabel, ...]:
    """Unmapped row labels among quarantined cells, most cells first."""
    lexicon = Lexicon.from_vocabulary(vocabulary)
    cells: dict[str, int] = {}
    printed: dict[str, dict[str, int]] = {}
    documents: dict[str, dict[str, None]] = {}
    rows: dict[str, dict[str, None]] = {}
    for item in quarantined:
        if not is_unknown_label(item.reason):
            continue
        key = label_key(item.row_label)
        cells[key] = cells.get(key, 0) + 1
        forms = printed.setdefault(key, {})
        forms[item.row_label] = forms.get(item.row_label, 0) + 1
        documents.setdefault(key, {})[item.document_id] = None
        row_locator = item.locator.split(", column")[0]
        rows.setdefault(key, {})[f"{item.document_id}: {row_locator}"] = None
    entries = [
        UnmappedLabel(
            label=max(printed[key], key=lambda form: (printed[key][form], form)),
            key=key,
            cells=count,
            documents=tuple(documents[key]),
            locators=tuple(rows[key]),
            candidates=lexicon.nearest(key),
        )
        for key, count in cells.items()
    ]
    return tuple(sorted(entries, key=lambda e: (-e.cells, -len(e.documents), e.key)))
