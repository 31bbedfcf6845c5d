"""Tables whose grid is drawn: cell rules, or the edges of filled cells (PowerPoint's styles).

pdfplumber's `lines` strategy finds the grid from every drawn edge, rules and the sides of
filled rectangles alike. A PowerPoint table styled with banded rows and no rules shows a grid
only where a row is filled: each filled row comes out as a grid of its own, the unfilled rows
between them as loose lines, and a dark header over an unfilled body as a grid of one row. The
grids of one table share their column edges, and the loose rows between and under them print
their cells within those columns; so grids sharing their columns are one table, with the rows
printed between them, and a grid takes the rows printed under it at its row spacing whose cells
keep within its columns (`stitched_tables`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

import pdfplumber
from pdfplumber.table import Table

from extraction.pdf_layout import (
    COLUMN_TOUCH,
    FIRST_ROW_GAP,
    FIXED_ROW_SLACK,
    Band,
    Line,
    PageTable,
    Run,
    Word,
    cell_gap_of,
    cell_text,
    follows_at_row_gap,
    group_lines,
    is_running_text,
    is_same_size,
    measure_leadings,
    segments,
    split_rows,
    text_bands,
    words_box,
)
from extraction.pdf_table_evidence import looks_like_a_table

RULED_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
Box = tuple[float, float, float, float]
Cells = list[list[Word]]  # one row: the words of each column


@dataclass(frozen=True)
class Grid:
    """A drawn grid: where its columns start (and the last ends), and its rows' cell words."""

    edges: tuple[float, ...]
    top: float
    bottom: float
    rows: tuple[Cells, ...]

    @property
    def x0(self) -> float:
        return self.edges[0]

    @property
    def x1(self) -> float:
        return self.edges[-1]

    def holds_columns_of(self, other: Grid) -> bool:
        """Both span the same width and every column edge of `other` is one of this grid's (a
        grid of merged header cells shows fewer edges)."""
        return (
            abs(self.x0 - other.x0) <= COLUMN_TOUCH
            and abs(self.x1 - other.x1) <= COLUMN_TOUCH
            and all(self.edge_index(edge) is not None for edge in other.edges)
        )

    def edge_index(self, edge: float) -> int | None:
        return next(
            (index for index, own in enumerate(self.edges) if abs(own - edge) <= COLUMN_TOUCH),
            None,
        )

    def rows_on(self, edges: Grid) -> list[Cells]:
        """This grid's rows on the columns of `edges`, a grid holding its columns: a cell
        spanning several of those columns in the first of them."""
        width = len(edges.edges) - 1
        placed = []
        for row in self.rows:
            cells: Cells = [[] for _ in range(width)]
            for column, words in enumerate(row):
                cells[edges.edge_index(self.edges[column]) or 0].extend(words)
            placed.append(cells)
        return placed


def ruled_tables(
    page: pdfplumber.page.Page, lines: list[Line]
) -> tuple[list[PageTable], list[Line]]:
    """Tables drawn with cell borders or filled cells, and the lines outside them."""
    words = [word for line in lines for word in line.words]
    cell_gap = cell_gap_of(lines)
    grids = sorted(
        (
            grid_of(table, words, cell_gap)
            for table in page.find_tables(RULED_SETTINGS)
            if len(table.rows[0].cells) >= 2
        ),
        key=lambda grid: grid.top,
    )
    tables = stitched_tables(grids, lines, cell_gap)
    # A frame around prose or an empty chart grid is ruled too; its text stays page text.
    tables = [table for table in tables if looks_like_a_table(table.rows)]
    if not tables:
        return [], lines
    boxes = [(t.x0, t.top, t.x1, t.bottom) for t in tables]
    outside = [
        Line(kept)
        for line in lines
        if (kept := tuple(w for w in line.words if not any(inside(w, box) for box in boxes)))
    ]
    return tables, outside


def grid_of(table: Table, words: Sequence[Word], cell_gap: float) -> Grid:
    edges = column_edges(table)
    return Grid(
        edges=tuple(edges),
        top=table.bbox[1],
        bottom=table.bbox[3],
        rows=tuple(ruled_row(row.cells, edges, words, cell_gap) for row in table.rows),
    )


def column_edges(table: Table) -> list[float]:
    """Where each column of the grid starts, and where the last ends: pdfplumber aligns every
    row's cells to the distinct left edges of all the table's cells."""
    return [*sorted({cell[0] for cell in table.cells}), table.bbox[2]]


def ruled_row(
    cells: Sequence[Box | None], edges: Sequence[float], words: Sequence[Word], cell_gap: float
) -> Cells:
    """The words of each cell of a ruled row. A cell drawn across several columns whose text
    stands apart at the column edges, a run in each column (a body row under a ruled header,
    with no rules of its own between columns), is parted into those columns."""
    row: Cells = [[] for _ in cells]
    for index, cell in enumerate(cells):
        if cell is None:
            continue
        inner = words_inside(words, cell)
        covered = range(index, index + sum(1 for edge in edges[index:-1] if edge < cell[2]))
        runs = [run for line in group_lines(inner) for run in segments(line, cell_gap)]
        places = [run_column(run, edges, covered) for run in runs]
        if len(covered) > 1 and None not in places and len(set(places)) > 1:
            for run, place in zip(runs, places, strict=True):
                row[place].extend(run)
        else:
            row[index] = inner
    return row


def run_column(run: Run, edges: Sequence[float], covered: range) -> int | None:
    """The column of `covered` a run lies within, or None when it crosses a column edge."""
    for column in covered:
        if (
            edges[column] - COLUMN_TOUCH <= run[0].x0
            and run[-1].x1 <= edges[column + 1] + COLUMN_TOUCH
        ):
            return column
    return None


def inside(word: Word, bbox: Box) -> bool:
    x0, top, x1, bottom = bbox
    return x0 <= word.x_center <= x1 and top <= word.y_center <= bottom


def words_inside(words: Sequence[Word], bbox: Box) -> list[Word]:
    return [word for word in words if inside(word, bbox)]


def stitched_tables(
    grids: Sequence[Grid], lines: Sequence[Line], cell_gap: float
) -> list[PageTable]:
    """Grids sharing their columns, with the loose rows between them, as one table each; each
    table then takes the loose rows printed under it (`rows_below`)."""
    loose = [line for line in lines if not any(in_grid(line, grid) for grid in grids)]
    groups: list[list[Grid]] = []
    for grid in grids:
        if groups and joins(groups[-1], grid, loose, cell_gap):
            groups[-1].append(grid)
        else:
            groups.append([grid])
    # a table's loose rows end where the next drawn grid starts
    limits = [*(group[0].top for group in groups[1:]), float("inf")]
    return [
        finished_table(group, [line for line in loose if line.bottom <= limit], cell_gap)
        for group, limit in zip(groups, limits, strict=False)
    ]


def in_grid(line: Line, grid: Grid) -> bool:
    return all(inside(word, (grid.x0, grid.top, grid.x1, grid.bottom)) for word in line.words)


def widest(group: Sequence[Grid]) -> Grid:
    return max(group, key=lambda grid: len(grid.edges))


def lines_between(loose: Sequence[Line], top: float, bottom: float) -> list[Line]:
    return [line for line in loose if top <= line.top and line.bottom <= bottom]


def joins(group: Sequence[Grid], grid: Grid, loose: Sequence[Line], cell_gap: float) -> bool:
    """`grid` continues the table of `group`: they share their columns, and the lines printed
    between them are table rows in the same type (`continues_table`)."""
    columns = widest([*group, grid])
    if not all(columns.holds_columns_of(other) for other in [*group, grid]):
        return False
    between = text_bands(lines_between(loose, group[-1].bottom, grid.top), cell_gap)
    printed = text_rows(columns, [row for g in group for row in g.rows_on(columns)])
    return all(continues_table(printed, band, columns, cell_gap) for band in between)


def continues_table(printed: Sequence[Band], band: Band, columns: Grid, cell_gap: float) -> bool:
    """A loose band reads as a row of the table: not running text, in the type of the table's
    last row, within its width, each run within one of its columns."""
    return (
        bool(printed)
        and not is_running_text(band)
        and is_same_size(printed[-1], band)
        and columns.x0 - COLUMN_TOUCH <= min(line.x0 for line in band.lines)
        and max(line.x1 for line in band.lines) <= columns.x1 + COLUMN_TOUCH
        and rows_fit(band.lines, columns, cell_gap)
    )


def finished_table(group: Sequence[Grid], loose: Sequence[Line], cell_gap: float) -> PageTable:
    columns = widest(group)
    rows: list[Cells] = []
    previous_bottom = None
    for grid in group:
        if previous_bottom is not None:
            between = lines_between(loose, previous_bottom, grid.top)
            rows += loose_rows(between, columns, cell_gap)
        rows += grid.rows_on(columns)
        previous_bottom = grid.bottom
    below = rows_below(
        columns, rows, [line for line in loose if line.top >= group[-1].bottom], cell_gap
    )
    rows += loose_rows(below, columns, cell_gap)
    return PageTable(
        rows=tuple(tuple(cell_text(cell) for cell in row) for row in rows),
        x0=columns.x0,
        top=group[0].top,
        x1=columns.x1,
        bottom=max([group[-1].bottom, *(line.bottom for line in below)]),
        cell_boxes=tuple(tuple(map(words_box, row)) for row in rows),
    )


def rows_fit(lines: Sequence[Line], grid: Grid, cell_gap: float) -> bool:
    """Every run of the lines keeps within one of the grid's columns."""
    covered = range(len(grid.edges) - 1)
    return all(
        run_column(run, grid.edges, covered) is not None
        for line in lines
        for run in segments(line, cell_gap)
    )


def text_rows(grid: Grid, rows: Sequence[Cells]) -> list[Band]:
    """The table's rows as bands of their printed lines, for their text's spacing and type."""
    return [
        Band(tuple(group_lines([word for cell in row for word in cell])))
        for row in rows
        if any(row)
    ]


def rows_below(
    grid: Grid, rows: Sequence[Cells], lines: Sequence[Line], cell_gap: float
) -> list[Line]:
    """The loose lines under a table that continue it: bands that read as its rows
    (`continues_table`), each at its row spacing (as the text of its rows is spaced) or no
    further below the row above than its tallest row is high, plus a few lines (rows of a fixed
    height centre their text, so a short row's text stands further off); the last of them fills
    two columns or more (a lone label line under a table is a caption or a note)."""
    spacing = text_rows(grid, rows)
    taken: list[Band] = []
    for band in text_bands(lines, cell_gap):
        if not continues_table(spacing, band, grid, cell_gap):
            break
        if not follows_at_row_gap(spacing[-1], band, row_gap(spacing, band)) and (
            band.top - spacing[-1].bottom
            > max(row.bottom - row.top for row in spacing) + FIXED_ROW_SLACK * band.size
        ):
            break
        spacing.append(band)
        taken.append(band)
    while taken and filled_columns(taken[-1], grid, cell_gap) < 2:
        taken.pop()
    return [line for band in taken for line in band.lines]


def row_gap(bands: Sequence[Band], lower: Band) -> float:
    """The gap between the text of consecutive rows so far; a generous one before any."""
    gaps = [b.top - a.bottom for a, b in zip(bands, bands[1:], strict=False)]
    return median(gaps) if gaps else FIRST_ROW_GAP * lower.size


def filled_columns(band: Band, grid: Grid, cell_gap: float) -> int:
    covered = range(len(grid.edges) - 1)
    return len(
        {
            run_column(run, grid.edges, covered)
            for line in band.lines
            for run in segments(line, cell_gap)
        }
    )


def loose_rows(lines: Sequence[Line], grid: Grid, cell_gap: float) -> list[Cells]:
    """Loose lines as table rows (split where the cell padding parts them), each run in the
    grid column it keeps within."""
    bands = text_bands(lines, cell_gap)
    leadings = measure_leadings(bands)
    covered = range(len(grid.edges) - 1)
    rows: list[Cells] = []
    for band in bands:
        for row in split_rows(band, leadings):
            cells: Cells = [[] for _ in covered]
            for line in row.lines:
                for run in segments(line, cell_gap):
                    column = run_column(run, grid.edges, covered)
                    cells[column if column is not None else 0].extend(run)
            rows.append(cells)
    return rows
