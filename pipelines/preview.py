"""Markdown previews of rows, shown as asset metadata in the Dagster UI."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

PREVIEW_ROWS = 10


def markdown_table(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A markdown table of the first `PREVIEW_ROWS` rows; `_no rows_` when there are none."""
    if not rows:
        return "_no rows_"
    lines = [
        _markdown_row(columns),
        _markdown_row(["---"] * len(columns)),
        *(_markdown_row(row) for row in rows[:PREVIEW_ROWS]),
    ]
    if len(rows) > PREVIEW_ROWS:
        lines.append(f"\n_{PREVIEW_ROWS} of {len(rows)} rows_")
    return "\n".join(lines)


def _markdown_row(cells: Sequence[Any]) -> str:
    texts = ("" if cell is None else str(cell) for cell in cells)
    return "| " + " | ".join(text.replace("|", "\\|").replace("\n", " ") for text in texts) + " |"
