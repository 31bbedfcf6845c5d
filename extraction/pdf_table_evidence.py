"""Whether a grid the page geometry suggests is a table at all, from its cells' contents.

Whitespace and rules make grids of many things that are not tables: justified prose (its word
gaps line up by chance), bulleted and numbered lists (the marker hangs in a column of its own),
empty frames and chart grids, and the tick labels of chart axes. What they lack is what a table
has: two or more columns holding text, cells of a few words rather than sentences, and columns
of figures that are read, not counted off at a fixed step.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extraction.numbers import NotAFigure, parse_cell, strip_markup

Rows = Sequence[Sequence[str]]

MIN_COLUMNS = 2
# A line of running text holds ten words or more, most of them lower-case; a table row, even
# one of text cells, holds a label and a few short cells.
PROSE_LINE_WORDS = 8
MIN_AXIS_TICKS = 3
MARK_CHARS = 2  # `x`, `✓`, `--`: a cell of such words marks, it does not say
LIST_MARKER = re.compile(r"^(?:[•·◦▪▫■□●○◆◇►▶➤✓✔\-–—*]|\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})[.)])$")


def looks_like_a_table(rows: Rows) -> bool:
    columns = filled_columns(rows)
    return (
        len(columns) >= MIN_COLUMNS
        and not reads_as_prose(rows)
        and not is_mostly_empty(rows)
        and not is_a_list(rows, columns)
        and not is_chart_axes(rows, columns)
    )


def plain(cell: str) -> str:
    return strip_markup(cell)


def filled_columns(rows: Rows) -> list[int]:
    width = max((len(row) for row in rows), default=0)
    return [
        column
        for column in range(width)
        if any(column < len(row) and plain(row[column]) for row in rows)
    ]


def column_cells(rows: Rows, column: int) -> list[str]:
    return [plain(row[column]) for row in rows if column < len(row) and plain(row[column])]


def is_prose_line(text: str) -> bool:
    """A line of running text: many words, most of them lower-case (`the`, `of`, `shows`)."""
    words = [word for word in strip_markup(text).split() if word[:1].isalpha()]
    lower = sum(word[:1].islower() for word in words)
    return len(words) >= PROSE_LINE_WORDS and lower * 2 >= len(words)


def is_prose_row(cells: Sequence[str]) -> bool:
    """A row reading as a line of running text, with no figure and no mark (`x`, `✓`) in a cell
    of its own: a table row of long text cells still holds those."""
    filled = [plain(cell) for cell in cells if plain(cell)]
    return is_prose_line(" ".join(filled)) and not any(
        figures_of(cell) or is_mark(cell) for cell in filled
    )


def is_mark(cell: str) -> bool:
    return all(len(word) <= MARK_CHARS for word in cell.split())


def reads_as_prose(rows: Rows) -> bool:
    """Most rows are lines of running text (justified prose lines up its word gaps by chance),
    and no two columns are filled in most rows, as a table of long text cells fills them."""
    prose = sum(is_prose_row(row) for row in rows)
    full = [
        column for column in filled_columns(rows) if len(column_cells(rows, column)) * 2 > len(rows)
    ]
    return prose * 2 >= len(rows) and len(full) < MIN_COLUMNS


def is_mostly_empty(rows: Rows) -> bool:
    """Most rows hold nothing: the grid lines of a chart or a form, not a table."""
    empty = sum(not any(plain(cell) for cell in row) for row in rows)
    return empty * 2 > len(rows)


def is_a_list(rows: Rows, columns: Sequence[int]) -> bool:
    """The first filled column holds nothing but list markers (`•`, `-`, `1.`, `(a)`)."""
    return all(LIST_MARKER.match(cell) for cell in column_cells(rows, columns[0]))


def figures_of(cell: str) -> list[float]:
    try:
        return [figure.value for figure in parse_cell(cell) if figure.note != "remark"]
    except NotAFigure:
        return []


def is_axis(values: Sequence[float]) -> bool:
    """Figures stepping by one constant amount: the tick labels of a chart axis."""
    steps = {round(b - a, 6) for a, b in zip(values, values[1:], strict=False)}
    return len(values) >= MIN_AXIS_TICKS and len(steps) == 1 and steps != {0}


def is_chart_axes(rows: Rows, columns: Sequence[int]) -> bool:
    """Every column holding figures holds an axis's tick labels, one a cell, with no label
    beside any tick (a table's row of figures has its label); the text in other rows is a few
    legend or axis titles."""
    for row in rows:
        cells = [plain(cell) for cell in row if plain(cell)]
        if any(map(figures_of, cells)) and not all(map(figures_of, cells)):
            return False
    ticks = 0
    for column in columns:
        figures = [values for values in map(figures_of, column_cells(rows, column)) if values]
        if figures and (
            any(len(values) != 1 for values in figures) or not is_axis([v[0] for v in figures])
        ):
            return False
        ticks += len(figures)
    text = sum(1 for row in rows for cell in row if plain(cell) and not figures_of(plain(cell)))
    return ticks > 0 and text * 2 < ticks
