"""The vocabulary review as Markdown: the file beside the warehouse and the UI's metadata.

Read from the published warehouse's `marts.quarantine` (the one record of what a run set
aside), so the review names exactly the cells the published build quarantined. Labels and
locators come from documents: shown escaped (`reporting/preview.py`).
"""

from __future__ import annotations

import duckdb

from extraction.cells import UNKNOWN_ROW_LABEL
from extraction.vocabulary import Vocabulary
from extraction.vocabulary_review import (
    QuarantinedLabel,
    UnmappedLabel,
    review_quarantined_labels,
)
from reporting.preview import Markdown, code, escape_markdown, markdown_table

COLUMNS = ("row label", "cells", "documents", "nearest vocabulary labels", "where")
# Where a label is printed: the first rows named, enough to find it in the decks.
SHOWN_LOCATORS = 3
NONE_UNMAPPED = (Markdown("(none: every row label was in the vocabulary)"), 0, 0, "-", "-")


def quarantined_labels(connection: duckdb.DuckDBPyConnection) -> list[QuarantinedLabel]:
    """The cells `marts.quarantine` set aside for an unknown row label, in the table's order."""
    rows = connection.execute(
        "select document_id, row_label, locator, reason from marts.quarantine "
        "where starts_with(reason, ?)",
        [UNKNOWN_ROW_LABEL],
    ).fetchall()
    return [QuarantinedLabel(*row) for row in rows]


def warehouse_review(
    connection: duckdb.DuckDBPyConnection, vocabulary: Vocabulary
) -> tuple[UnmappedLabel, ...]:
    return review_quarantined_labels(quarantined_labels(connection), vocabulary)


def review_markdown(entries: tuple[UnmappedLabel, ...]) -> str:
    """The review as a Markdown table, most cells first; a line saying so when none is unmapped."""
    rows = [
        [
            entry.label,
            entry.cells,
            len(entry.documents),
            _nearest(entry) or "-",
            "; ".join(entry.locators[:SHOWN_LOCATORS])
            + ("; ..." if len(entry.locators) > SHOWN_LOCATORS else ""),
        ]
        for entry in entries
    ]
    return markdown_table(COLUMNS, rows or [NONE_UNMAPPED], max_rows=None) + "\n"


def _nearest(entry: UnmappedLabel) -> Markdown:
    return Markdown(
        ", ".join(
            f"{escape_markdown(c.label)} ({c.kind} {code(c.vocabulary_id)})"
            for c in entry.candidates
        )
    )
