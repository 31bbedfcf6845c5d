"""Markdown tables of rows: previews shown as asset metadata in the Dagster UI, and documents."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from warehousing.sql_models import PREVIEW_ROWS


def markdown_table(
    columns: Sequence[str], rows: Sequence[Sequence[Any]], max_rows: int | None = PREVIEW_ROWS
) -> str:
    """A markdown table of the first `max_rows` rows (all when None); `_no rows_` when there are
    none."""
    if not rows:
        return "_no rows_"
    shown = rows if max_rows is None else rows[:max_rows]
    lines = [
        _markdown_row(columns),
        _markdown_row(["---"] * len(columns)),
        *(_markdown_row(row) for row in shown),
    ]
    if len(shown) < len(rows):
        lines.append(f"\n_{len(shown)} of {len(rows)} rows_")
    return "\n".join(lines)


def _markdown_row(cells: Sequence[Any]) -> str:
    texts = ("" if cell is None else str(cell) for cell in cells)
    return "| " + " | ".join(text.replace("|", "\\|").replace("\n", " ") for text in texts) + " |"
