"""The vocabulary review: row labels the vocabulary did not know, by how often and where.

Built from the quarantine of one run's extracts, so that whoever extends `contract/metrics.csv`
or `segments.csv` sees first the labels that cost the most figures, with the nearest labels the
vocabulary has. Pure: the pipeline decides where the review is written.
"""

from __future__ import annotations

from collections.abc import Mapping
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


def review_unmapped_labels(
    extracts: Mapping[str, DocumentExtract], vocabulary: Vocabulary
) -> tuple[UnmappedLabel, ...]:
    """Unmapped row labels of the extracts (keyed by document id), most cells first."""
    lexicon = Lexicon.from_vocabulary(vocabulary)
    cells: dict[str, int] = {}
    printed: dict[str, dict[str, int]] = {}
    documents: dict[str, dict[str, None]] = {}
    rows: dict[str, dict[str, None]] = {}
    for document_id, extract in extracts.items():
        for item in extract.quarantined:
            if not is_unknown_label(item.reason):
                continue
            key = label_key(item.row_label)
            cells[key] = cells.get(key, 0) + 1
            forms = printed.setdefault(key, {})
            forms[item.row_label] = forms.get(item.row_label, 0) + 1
            documents.setdefault(key, {})[document_id] = None
            row_locator = item.locator.split(", column")[0]
            rows.setdefault(key, {})[f"{document_id}: {row_locator}"] = None
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


def review_markdown(entries: tuple[UnmappedLabel, ...]) -> str:
    """The review as a Markdown table, for the file beside the warehouse and the UI's metadata."""
    lines = [
        "| row label | cells | documents | nearest vocabulary labels | where |",
        "| --- | ---: | ---: | --- | --- |",
    ]
    for entry in entries:
        nearest = ", ".join(f"{c.label} ({c.kind} `{c.vocabulary_id}`)" for c in entry.candidates)
        where = "; ".join(entry.locators[:3]) + ("; ..." if len(entry.locators) > 3 else "")
        label = entry.label.replace("|", "\\|")
        lines.append(
            f"| {label} | {entry.cells} | {len(entry.documents)} | {nearest or '-'} | {where} |"
        )
    if not entries:
        lines.append("| (none: every row label was in the vocabulary) | 0 | 0 | - | - |")
    return "\n".join(lines) + "\n"
