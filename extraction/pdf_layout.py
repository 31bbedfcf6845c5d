"""Page geometry for the PDF reader: words into lines, borderless tables, wrapped paragraphs.

Pure functions over positioned words (PDF points, `top` measured down from the page top). The
thresholds are multiples of the font size, so they hold for any table font size; they separate
the tight leading inside a wrapped cell or paragraph from the padding between table rows, and
that from the wider spacing between a table and the text around it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from statistics import median

from pdfplumber.utils import cluster_objects

LINE_TOLERANCE = 2.0  # points: words whose tops differ by less share a printed line
SEGMENT_GAP = 1.0  # x font size: a wider horizontal gap separates table cells
CONTINUATION_GAP = 0.5  # x font size: a narrower vertical gap continues the line above
ROW_GAP_SLACK = 1.5  # a line this many typical row gaps below a table still belongs to it
FIRST_ROW_GAP = 1.6  # x font size: the row gap assumed while a table has shown only one row
COLUMN_TOUCH = 1.0  # points: segments closer than this horizontally share a column
WRAPPED_LINE_FILL = 0.8  # a line reaching this share of the text width may wrap onto the next


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    italic: bool = False

    @property
    def x_center(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def y_center(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Line:
    """Words printed on one line, left to right."""

    words: tuple[Word, ...]

    @property
    def top(self) -> float:
        return min(word.top for word in self.words)

    @property
    def bottom(self) -> float:
        return max(word.bottom for word in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return max(word.x1 for word in self.words)

    @property
    def size(self) -> float:
        return max(word.size for word in self.words)

    @property
    def text(self) -> str:
        return phrase_text(self.words)


@dataclass(frozen=True)
class PageTable:
    """A table found on a page: cell texts row by row, and where it is printed."""

    rows: tuple[tuple[str, ...], ...]
    x0: float
    top: float
    x1: float
    bottom: float


def phrase_text(words: Iterable[Word]) -> str:
    """Words joined by spaces, italic runs marked `<i>..</i>` as the text renderings mark them."""
    parts: list[str] = []
    italic_run: list[str] = []
    for word in words:
        if word.italic:
            italic_run.append(word.text)
            continue
        if italic_run:
            parts.append(f"<i>{' '.join(italic_run)}</i>")
            italic_run = []
        parts.append(word.text)
    if italic_run:
        parts.append(f"<i>{' '.join(italic_run)}</i>")
    return " ".join(parts)


def group_lines(words: Sequence[Word]) -> list[Line]:
    """Printed lines, top to bottom."""
    clusters = cluster_objects(list(words), lambda word: word.top, LINE_TOLERANCE)
    lines = [Line(tuple(sorted(cluster, key=lambda word: word.x0))) for cluster in clusters]
    return sorted(lines, key=lambda line: line.top)


def segments(line: Line) -> list[tuple[Word, ...]]:
    """Runs of words separated by less than a cell gap: the cells a line shows."""
    runs: list[list[Word]] = [[line.words[0]]]
    for previous, word in zip(line.words, line.words[1:], strict=False):
        if word.x0 - previous.x1 > SEGMENT_GAP * max(previous.size, word.size):
            runs.append([])
        runs[-1].append(word)
    return [tuple(run) for run in runs]


def vertical_gap(upper: Line | Band, lower: Line | Band) -> float:
    return lower.top - upper.bottom


def is_continuation(upper: Line, lower: Line) -> bool:
    """`lower` is printed at line leading under `upper`: a wrapped line of the same cell or row."""
    return vertical_gap(upper, lower) <= CONTINUATION_GAP * min(upper.size, lower.size)


def group_rows(lines: Sequence[Line]) -> list[list[Line]]:
    """Lines printed at line leading under each other: one table row (or one paragraph)."""
    rows: list[list[Line]] = []
    for line in lines:
        if rows and is_continuation(rows[-1][-1], line):
            rows[-1].append(line)
        else:
            rows.append([line])
    return rows


@dataclass(frozen=True)
class Band:
    """Lines set at line leading under each other: a table row, or a paragraph."""

    lines: tuple[Line, ...]

    @property
    def top(self) -> float:
        return min(line.top for line in self.lines)

    @property
    def bottom(self) -> float:
        return max(line.bottom for line in self.lines)

    @property
    def size(self) -> float:
        return max(line.size for line in self.lines)

    @cached_property
    def shows_cells(self) -> bool:
        return any(len(segments(line)) >= 2 for line in self.lines)


def typical_row_gap(bands: Sequence[Band]) -> float | None:
    gaps = [vertical_gap(upper, lower) for upper, lower in zip(bands, bands[1:], strict=False)]
    return median(gaps) if gaps else None


def table_band_spans(bands: Sequence[Band]) -> list[range]:
    """Index ranges of bands forming borderless tables.

    A table starts at a band showing two or more cells and takes the bands below and just above
    it that sit at its row spacing (label-only rows, header rows); text set off by a wider gap
    stays outside. Until a table has shown a row gap, only a band showing cells may follow, at a
    generous assumed row gap.
    """
    spans: list[range] = []
    start = 0
    while start < len(bands):
        if not bands[start].shows_cells:
            start += 1
            continue
        end = start + 1
        while end < len(bands):
            row_gap = typical_row_gap(bands[start:end])
            if row_gap is None:
                if not bands[end].shows_cells:
                    break
                row_gap = FIRST_ROW_GAP * bands[end].size
            if vertical_gap(bands[end - 1], bands[end]) > ROW_GAP_SLACK * row_gap:
                break
            end += 1
        row_gap = typical_row_gap(bands[start:end])
        floor = spans[-1].stop if spans else 0
        while (
            row_gap is not None
            and start > floor
            and vertical_gap(bands[start - 1], bands[start]) <= ROW_GAP_SLACK * row_gap
        ):
            start -= 1
        spans.append(range(start, end))
        start = end
    return spans


def column_spans(boxes: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    """Columns as the union of overlapping horizontal extents of the cells printed in them."""
    columns: list[list[float]] = []
    for x0, x1 in sorted(boxes):
        if columns and x0 <= columns[-1][1] + COLUMN_TOUCH:
            columns[-1][1] = max(columns[-1][1], x1)
        else:
            columns.append([x0, x1])
    return [(x0, x1) for x0, x1 in columns]


def column_of(x0: float, x1: float, columns: Sequence[tuple[float, float]]) -> int:
    """The column a cell overlaps most; the nearest one when it overlaps none (the overlap is
    then negative: minus the distance)."""
    return max(
        range(len(columns)),
        key=lambda index: min(x1, columns[index][1]) - max(x0, columns[index][0]),
    )


def borderless_table(bands: Sequence[Band]) -> PageTable:
    """The cell texts of a table whose columns are aligned by whitespace only: one row a band."""
    lines = [line for band in bands for line in band.lines]
    line_segments = {id(line): segments(line) for line in lines}
    columns = column_spans(
        (run[0].x0, run[-1].x1) for runs in line_segments.values() for run in runs
    )
    rows = []
    for band in bands:
        cell_words: list[list[Word]] = [[] for _ in columns]
        for line in band.lines:
            for run in line_segments[id(line)]:
                cell_words[column_of(run[0].x0, run[-1].x1, columns)].extend(run)
        rows.append(tuple(phrase_text(words) for words in cell_words))
    return PageTable(
        rows=tuple(rows),
        x0=min(line.x0 for line in lines),
        top=bands[0].top,
        x1=max(line.x1 for line in lines),
        bottom=bands[-1].bottom,
    )


def find_borderless_tables(lines: Sequence[Line]) -> tuple[list[PageTable], list[Line]]:
    """Borderless tables among a page's lines, and the lines left over (the page's text)."""
    bands = [Band(tuple(row)) for row in group_rows(lines)]
    tables: list[PageTable] = []
    in_tables: set[int] = set()
    for span in table_band_spans(bands):
        table_bands = bands[span.start : span.stop]
        tables.append(borderless_table(table_bands))
        in_tables.update(id(line) for band in table_bands for line in band.lines)
    return tables, [line for line in lines if id(line) not in in_tables]


def cell_text(words: Sequence[Word]) -> str:
    """The text of one ruled cell: its lines joined by spaces."""
    if not words:
        return ""
    return phrase_text(word for line in group_lines(words) for word in line.words)


def join_wrapped_lines(lines: Sequence[Line]) -> list[Line]:
    """Text lines with each wrapped paragraph joined back into one line."""
    if not lines:
        return []
    left_edge = min(line.x0 for line in lines)
    wrap_width = WRAPPED_LINE_FILL * (max(line.x1 for line in lines) - left_edge)
    joined = [lines[0]]
    for upper, lower in zip(lines, lines[1:], strict=False):
        wrapped = (
            is_continuation(upper, lower)
            and abs(upper.size - lower.size) < 0.5
            and upper.x1 - left_edge >= wrap_width
        )
        joined[-1:] = [Line(joined[-1].words + lower.words)] if wrapped else [joined[-1], lower]
    return joined
