"""Markdown tables of rows: previews shown as asset metadata in the Dagster UI, and documents.

Text from documents (labels, titles, file names, reasons naming them) is shown as text: every
character that markdown or HTML would read as markup (links, images, emphasis, code, tags, a
table's `|`) is escaped, and control characters are shown as escapes. Only cells marked
`Markdown` (text this project writes: the data dictionary's meanings, `code` names) are kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from warehousing.sql_models import PREVIEW_ROWS

# What markdown (CommonMark with GitHub's tables) or HTML reads as markup inside a table cell:
# links and images ([, ], !), emphasis (*, ~, and _ but not between letters or digits, where it
# is only a character: `fact_metric`), code (`), tags (<, >), cells (|), escapes (\). Each is
# escaped by a backslash. An entity (&lt;) shows a character and opens nothing; a bare URL is
# linked, to exactly what it shows.
MARKUP = re.compile(r"([\\`*\[\]<>!|~])|(?<![^\W_])_|_(?![^\W_])")


class Markdown(str):
    """Text that is markdown already, written by this project: shown as it is."""


def code(name: str) -> Markdown:
    return Markdown(f"`{name}`")


def escape_markdown(text: str) -> str:
    """`text` shown literally in markdown: markup escaped, a line break a space, control
    characters as escapes (`\\x1b`)."""
    one_line = text.replace("\r\n", " ").replace("\n", " ")
    escaped = MARKUP.sub(lambda markup: "\\" + markup.group(0), one_line)
    return "".join(
        character if character.isprintable() or character == " " else _escape(character)
        for character in escaped
    )


def _escape(character: str) -> str:
    return character.encode("unicode_escape").decode("ascii").replace("\\", "\\\\")


def markdown_cell(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, Markdown):
        return cell.replace("|", "\\|").replace("\n", " ")
    if isinstance(cell, str):
        return escape_markdown(cell)
    return str(cell)  # numbers, dates: nothing in them is markup


def markdown_table(
    columns: Sequence[str], rows: Sequence[Sequence[Any]], max_rows: int | None = PREVIEW_ROWS
) -> str:
    """A markdown table of the first `max_rows` rows (all when None); `_no rows_` when there are
    none. Column names are this project's (shown as they are); cells are escaped unless marked
    `Markdown`."""
    if not rows:
        return "_no rows_"
    shown = rows if max_rows is None else rows[:max_rows]
    lines = [
        _markdown_row([Markdown(column) for column in columns]),
        _markdown_row([Markdown("---")] * len(columns)),
        *(_markdown_row(row) for row in shown),
    ]
    if len(shown) < len(rows):
        lines.append(f"\n_{len(shown)} of {len(rows)} rows_")
    return "\n".join(lines)


def _markdown_row(cells: Sequence[Any]) -> str:
    return "| " + " | ".join(markdown_cell(cell) for cell in cells) + " |"
