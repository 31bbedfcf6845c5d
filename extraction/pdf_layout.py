"""Page geometry for the PDF reader: words into lines, borderless tables, wrapped paragraphs.

Pure functions over positioned words (PDF points, `top` measured down from the page top). The
thresholds are multiples of the font size, so they hold for any table font size; they separate
the tight leading inside a wrapped cell or paragraph from the padding between table rows, and
that from the wider spacing between a table and the text around it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from statistics import median

from pdfplumber.utils import cluster_objects

from extraction.model import BBox
from extraction.numbers import NotAFigure, parse_cell
from extraction.pdf_table_evidence import is_prose_row, looks_like_a_table

LINE_TOLERANCE = 2.0  # points: words whose tops differ by less share a printed line
SEGMENT_GAP = 1.0  # x font size: a wider horizontal gap separates table cells
CONTINUATION_GAP = 0.5  # x font size: a narrower vertical gap continues the line above
ROW_GAP_SLACK = 1.5  # a line this many typical row gaps below a table still belongs to it
RULE_ALLOWANCE = 0.25  # x font size: a rule between two rows widens their gap by at most this
FIRST_ROW_GAP = 1.6  # x font size: the row gap assumed while a table has shown only one row
FIXED_ROW_SLACK = 2 * FIRST_ROW_GAP  # x font size: how much taller than its text a row may be
MIN_ALIGNED_RUNS = 2  # cells lined up with the rows above that make a row of the same table
COLUMN_TOUCH = 1.0  # points: segments closer than this horizontally share a column
EDGE_SUPPORT = 3  # runs starting at one x make it a column's left edge
ALIGNED_GAP = 0.75  # of the cell gap: enough to part cells before a column's left edge
DEFAULT_SPACE = 0.28  # ems: a space in common text faces, when a page has too few to measure
MIN_SPACE_SAMPLES = 20
CELL_GAP_PER_SPACE = 1.6  # a gap this many spaces wide parts two cells
MIN_CELL_GAP = 0.4  # ems
SIZE_TOLERANCE = 0.15  # type sizes within this share of each other count as the same size
SPACE_FOR_WRAP = 0.2  # ems: the narrowest space a writer leaves between two words on a line
WRAP_SLACK = 1.0  # points
MIN_TABLE_ROWS = 2
MIN_PITCH = 0.8  # x font size: lines of one cell are at least this far apart, baseline to baseline
MAX_PITCH = 2.0  # x font size: lines further apart are not two lines of one cell
PITCH_SLACK = 0.8  # points: a wider pitch than the leading has cell padding in it: a new row
HYPHEN_BREAK = re.compile(r"[\w.)]-$")  # `Value-`, `U.S.-`, not `-` or `--`
FIGURE = re.compile(r"^[-+−▲△(]*(?:JPY ?)?\d[\d,]*(?:\.\d+)?%?\)?$|^[-—–]$")


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    italic: bool = False
    baseline: float | None = None  # where known: type of two faces on one line shares it
    font: str = ""

    @property
    def line_position(self) -> float:
        return self.bottom if self.baseline is None else self.baseline

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
    def baseline(self) -> float:
        return max(word.line_position for word in self.words)

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
    cell_boxes: tuple[tuple[BBox | None, ...], ...] = ()  # per row, the box of each cell's words


def phrase_text(words: Iterable[Word]) -> str:
    """Words joined by spaces, italic runs marked `<i>..</i>` as the text renderings mark them; a
    word broken after its hyphen at the end of a line is joined back (`Value-` `added`)."""
    tokens: list[tuple[str, bool]] = []
    previous: Word | None = None
    for word in words:
        if previous is not None and is_hyphen_break(previous, word):
            tokens[-1] = (tokens[-1][0] + word.text, word.italic)
        else:
            tokens.append((word.text, word.italic))
        previous = word
    parts: list[str] = []
    italic_run: list[str] = []
    for text, italic in tokens:
        if italic:
            italic_run.append(text)
            continue
        if italic_run:
            parts.append(f"<i>{' '.join(italic_run)}</i>")
            italic_run = []
        parts.append(text)
    if italic_run:
        parts.append(f"<i>{' '.join(italic_run)}</i>")
    return " ".join(parts)


def is_hyphen_break(previous: Word, word: Word) -> bool:
    """`word` opens the next line of text, whose last word ended in a hyphen after a letter,
    digit, `.` or `)`: the writer broke a hyphenated word there. A dash standing alone (a bullet,
    a nil figure) or a line opening with punctuation is no such break."""
    return (
        HYPHEN_BREAK.search(previous.text) is not None
        and word.text[:1].isalnum()
        and word.italic == previous.italic
        and word.line_position - previous.line_position > LINE_TOLERANCE
        and word.x0 < previous.x1
    )


def group_lines(words: Sequence[Word]) -> list[Line]:
    """Printed lines, top to bottom: words on one baseline (a symbol from a fallback face sits
    on the line's baseline, though its box may start higher)."""
    clusters = cluster_objects(list(words), lambda word: word.line_position, LINE_TOLERANCE)
    lines = [Line(tuple(sorted(cluster, key=lambda word: word.x0))) for cluster in clusters]
    return sorted(lines, key=lambda line: line.top)


def typical_space(lines: Sequence[Line]) -> float:
    """The width of a space between words (in ems), measured on the lines given."""
    gaps = [
        (word.x0 - previous.x1) / max(previous.size, word.size)
        for line in lines
        for previous, word in zip(line.words, line.words[1:], strict=False)
        if 0 < word.x0 - previous.x1 < max(previous.size, word.size)
    ]
    return median(gaps) if len(gaps) >= MIN_SPACE_SAMPLES else DEFAULT_SPACE


def cell_gap_of(lines: Sequence[Line]) -> float:
    """The narrowest gap (in ems) that parts two cells: well over a space in the lines' font,
    since tightly set tables leave as little as two cell paddings between columns."""
    return min(SEGMENT_GAP, max(MIN_CELL_GAP, CELL_GAP_PER_SPACE * typical_space(lines)))


Run = tuple[Word, ...]


def segments(
    line: Line, cell_gap: float = SEGMENT_GAP, column_starts: Sequence[float] = ()
) -> list[Run]:
    """Runs of words separated by less than a cell gap: the cells a line shows. Where a word
    starts at the left edge of a column (`column_starts`), a gap somewhat narrower than a cell
    gap, but still wider than a space, parts it from the word before."""
    runs: list[list[Word]] = [[line.words[0]]]
    for previous, word in zip(line.words, line.words[1:], strict=False):
        gap = (word.x0 - previous.x1) / max(previous.size, word.size)
        if gap > cell_gap or (
            gap > ALIGNED_GAP * cell_gap and starts_column(word.x0, column_starts)
        ):
            runs.append([])
        runs[-1].append(word)
    return [tuple(run) for run in runs]


def starts_column(x0: float, column_starts: Sequence[float]) -> bool:
    return any(abs(x0 - start) < COLUMN_TOUCH for start in column_starts)


def column_starts(bands: Sequence[Band]) -> tuple[float, ...]:
    """Left edges at which the runs of several lines start: where a column's text starts."""
    starts = sorted(run[0].x0 for band in bands for run in band.runs)
    edges: list[list[float]] = []
    for x0 in starts:
        if edges and x0 - edges[-1][0] < COLUMN_TOUCH:
            edges[-1].append(x0)
        else:
            edges.append([x0])
    return tuple(median(edge) for edge in edges if len(edge) >= EDGE_SUPPORT)


def is_figure(run: Run) -> bool:
    """Figures alone (`26,444`, `(1,885)`, `-`), or a figure as the interpreter reads one with
    its unit or note (`30.0 billion`, `JPY11,021 million`, `(13.4% YoY)`); a date, a period or
    prose with a number in it is none."""
    return all(FIGURE.match(word.text.strip()) for word in run) or reads_as_figure(
        " ".join(word.text for word in run)
    )


@lru_cache(maxsize=8192)
def reads_as_figure(text: str) -> bool:
    try:
        figures = parse_cell(text)
    except NotAFigure:
        return False
    return any(figure.note != "remark" for figure in figures)


def vertical_gap(upper: Line | Band, lower: Line | Band) -> float:
    return lower.top - upper.bottom


def is_continuation(upper: Line, lower: Line) -> bool:
    """`lower` is printed at line leading under `upper`, in type of the same size: a wrapped
    line of the same cell or row (or, in a tightly set table, the next row)."""
    return vertical_gap(upper, lower) <= CONTINUATION_GAP * min(upper.size, lower.size) and abs(
        upper.size - lower.size
    ) <= SIZE_TOLERANCE * max(upper.size, lower.size)


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
    cell_gap: float = SEGMENT_GAP
    column_starts: tuple[float, ...] = ()

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
    def type_face(self) -> tuple[str, float]:
        """The font and size (to a tenth of a point) most of the band's words are set in."""
        words = (word for line in self.lines for word in line.words)
        faces = Counter((word.font, round(word.size, 1)) for word in words)
        return faces.most_common(1)[0][0]

    @cached_property
    def line_runs(self) -> tuple[tuple[Run, ...], ...]:
        return tuple(
            tuple(segments(line, self.cell_gap, self.column_starts)) for line in self.lines
        )

    @cached_property
    def shows_cells(self) -> bool:
        return any(len(runs) >= 2 for runs in self.line_runs)

    @property
    def runs(self) -> list[Run]:
        return [run for runs in self.line_runs for run in runs]

    @property
    def shows_figures(self) -> bool:
        return any(is_figure(run) for run in self.runs[1:])


def overlap(a: Run, b: Run) -> float:
    return min(a[-1].x1, b[-1].x1) - max(a[0].x0, b[0].x0)


def wraps_into(upper: Run, lower: Run, column_right: float) -> bool:
    """`lower` continues the cell text `upper`: its first word would not have fitted after it."""
    space = SPACE_FOR_WRAP * upper[-1].size
    return upper[-1].x1 + space + (lower[0].x1 - lower[0].x0) > column_right + WRAP_SLACK


def figure_runs(runs: Sequence[Run]) -> list[Run]:
    return [run for run in runs[1:] if is_figure(run)]


def continues_row(row: list[int], line: int, band: Band, leading: float) -> bool:
    """Line `line` of the band belongs to the row made of lines `row`: it overlaps them (cells
    centred vertically), or each of its cells under a cell of the row is that cell's next line:
    at the band's line pitch, and either a header line stacked under a header cell or text that
    wrapped (its first word would not have fitted). Figures never continue a cell."""
    lines, line_runs = band.lines, band.line_runs
    if lines[line].top < max(lines[index].bottom for index in row) - LINE_TOLERANCE:
        return True
    below = line_runs[line]
    pairs = []
    for run in below:
        over = [(index, r) for index in row for r in line_runs[index] if overlap(r, run) > 0]
        if over:
            index, upper = max(over, key=lambda pair: lines[pair[0]].top)
            pairs.append((upper, run, run[0].line_position - upper[0].line_position))
    if not pairs or any(is_figure(run) or pitch > leading + PITCH_SLACK for _, run, pitch in pairs):
        return False
    if not figure_runs(below) and not any(figure_runs(line_runs[index]) for index in row):
        uppers = [id(upper) for upper, _, _ in pairs]
        return len(set(uppers)) == len(uppers) == len(below)
    all_runs = band.runs
    return all(
        wraps_into(upper, run, max(r[-1].x1 for r in all_runs if overlap(r, upper) > 0))
        for upper, run, _ in pairs
    )


def line_pitch(band: Band) -> float:
    """The smallest distance between the baselines of two lines of one column: the band's leading
    where a cell wraps (else its row pitch; 0 for a single line)."""
    runs = sorted(band.runs, key=lambda run: run[0].line_position)
    pitches = []
    for index, upper in enumerate(runs):
        for lower in runs[index + 1 :]:
            pitch = lower[0].line_position - upper[0].line_position
            if pitch > MAX_PITCH * upper[0].size:
                break
            if pitch > MIN_PITCH * upper[0].size and overlap(upper, lower) > 0:
                pitches.append(pitch)
    return min(pitches, default=0.0)


Leadings = Mapping[tuple[str, float], float]  # font and size (`Band.type_face`) -> leading


def measure_leadings(bands: Iterable[Band]) -> dict[tuple[str, float], float]:
    """The leading of table type, per font and size: the smallest line pitch of the bands
    showing cells in that type (a table whose cells never wrap shows only its row pitch)."""
    leadings: dict[tuple[str, float], float] = {}
    for band in bands:
        if band.shows_cells and (pitch := line_pitch(band)):
            leadings[band.type_face] = min(pitch, leadings.get(band.type_face, pitch))
    return leadings


def band_leading(band: Band, leadings: Leadings) -> float:
    measured = [pitch for pitch in (line_pitch(band), leadings.get(band.type_face)) if pitch]
    return min(measured, default=0.0)


def padded_rows(band: Band, leading: float) -> list[list[int]]:
    """The band's lines grouped into rows, cut where a line sits further below every line above
    it than the leading: the cell padding between rows set at line leading. Cells centred
    vertically interleave their lines, so the cut is taken from the lowest line above."""
    rows: list[list[int]] = [[0]]
    lowest = band.lines[0].baseline
    for index, line in enumerate(band.lines[1:], start=1):
        if line.baseline - lowest > leading + PITCH_SLACK:
            rows.append([])
        rows[-1].append(index)
        lowest = max(lowest, line.baseline)
    return rows


def holds_several_rows(band: Band) -> bool:
    """Two lines of the band print figures in the same column: a tightly set table, whose rows
    follow each other at line leading."""
    printed = [
        (line, run)
        for line, runs in zip(band.lines, band.line_runs, strict=True)
        for run in figure_runs(runs)
    ]
    return any(
        vertical_gap(first, second) >= 0 and overlap(a, b) > 0
        for index, (first, a) in enumerate(printed)
        for second, b in printed[index + 1 :]
        if second is not first
    )


def split_rows(band: Band, leadings: Leadings) -> list[Band]:
    """The rows of a band: the parts its lines fall into where cell padding parts them
    (`padded_rows`); else those of `unpadded_rows`. A table pads every row alike, so where a
    part still holds several rows there is no padding, and what widened a gap was something
    else (a rule under the header)."""
    leading = band_leading(band, leadings)
    if len(band.lines) > 1 and band.shows_cells and leading:
        parts = [lines_of(band, part) for part in padded_rows(band, leading)]
        if len(parts) > 1 and not any(holds_several_rows(part) for part in parts):
            return parts
    return unpadded_rows(band, leading)


def unpadded_rows(band: Band, leading: float) -> list[Band]:
    """One row, unless the band holds several rows (`holds_several_rows`); then a line opens a
    new row unless it continues the row above (`continues_row`)."""
    if len(band.lines) == 1 or not holds_several_rows(band):
        return [band]
    rows: list[list[int]] = [[0]]
    for line in range(1, len(band.lines)):
        if continues_row(rows[-1], line, band, leading):
            rows[-1].append(line)
        else:
            rows.append([line])
    return [lines_of(band, row) for row in rows]


def lines_of(band: Band, indices: Sequence[int]) -> Band:
    return Band(tuple(band.lines[index] for index in indices), band.cell_gap)


def typical_row_gap(bands: Sequence[Band]) -> float | None:
    gaps = [vertical_gap(upper, lower) for upper, lower in zip(bands, bands[1:], strict=False)]
    return median(gaps) if gaps else None


def table_band_spans(bands: Sequence[Band]) -> list[range]:
    """Index ranges of bands forming borderless tables.

    A table starts at a band showing two or more cells and takes the bands below and just above
    it that sit at its row spacing and type size (label-only rows, header rows); text set off by
    a wider gap or in other type stays outside. Until a table has shown a row gap, only a band
    showing cells may follow, at a generous assumed row gap. A lone row is a line of text with a
    wide space, not a table.
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
            if not follows_at_row_gap(
                bands[end - 1], bands[end], row_gap
            ) and not continues_columns(bands[start:end], bands[end]):
                break
            end += 1
        row_gap = typical_row_gap(bands[start:end])
        floor = spans[-1].stop if spans else 0
        while (
            row_gap is not None
            and start > floor
            and follows_at_row_gap(bands[start - 1], bands[start], row_gap)
        ):
            start -= 1
        if end - start >= MIN_TABLE_ROWS:
            spans.append(range(start, end))
        start = end
    return spans


def continues_columns(rows: Sequence[Band], lower: Band) -> bool:
    """`lower` is a row of figures whose cells line up with the rows above (two or more of its
    runs share an edge or a centre with theirs), in their type size, no further below them than
    their tallest row is high plus a few lines: a table whose rows have a fixed height centres
    their text, so a row's text stands further from its neighbours' where a neighbour wraps."""
    upper = rows[-1]
    allowed = max(row.bottom - row.top for row in rows) + FIXED_ROW_SLACK * lower.size
    if not (lower.shows_figures and is_same_size(upper, lower)):
        return False
    if vertical_gap(upper, lower) > allowed:
        return False
    above = [run for row in rows for run in row.runs]
    aligned = sum(any(runs_aligned(run, other) for other in above) for run in lower.runs)
    return aligned >= MIN_ALIGNED_RUNS


def runs_aligned(a: Run, b: Run) -> bool:
    """Two cells set flush left, flush right or centred in one column."""
    left, right = a[0].x0 - b[0].x0, a[-1].x1 - b[-1].x1
    return min(abs(left), abs(right), abs(left + right) / 2) < COLUMN_TOUCH


def follows_at_row_gap(upper: Band, lower: Band, row_gap: float) -> bool:
    """`lower` sits under `upper` at the table's row gap, in the same type size. Rows set at
    bare leading leave a gap so small that a rule under a header row would double it."""
    row_gap = max(row_gap, 0.0)
    allowed = max(ROW_GAP_SLACK * row_gap, row_gap + RULE_ALLOWANCE * lower.size)
    return vertical_gap(upper, lower) <= allowed and is_same_size(upper, lower)


def is_same_size(upper: Band, lower: Band) -> bool:
    return abs(upper.size - lower.size) <= SIZE_TOLERANCE * max(upper.size, lower.size)


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


def covered_columns(run: Run, columns: Sequence[tuple[float, float]]) -> list[int]:
    return [
        index
        for index, (x0, x1) in enumerate(columns)
        if min(run[-1].x1, x1) - max(run[0].x0, x0) > COLUMN_TOUCH
    ]


def headers_right_aligned(
    header_runs: Sequence[Run],
    columns: Sequence[tuple[float, float]],
    figure_columns: Collection[int],
) -> bool:
    """Whether the header cells over single columns of figures sit flush right (and not flush
    left). Headers over text columns sit as the text does, flush left; a header wider than its
    column's figures cannot tell right-aligned from centred."""
    flush_right = flush_left = 0
    for run in header_runs:
        covered = covered_columns(run, columns)
        if len(covered) != 1 or covered[0] not in figure_columns:
            continue
        x0, x1 = columns[covered[0]]
        right_gap, left_gap = x1 - run[-1].x1, run[0].x0 - x0
        # a header reaching past its column's figures is flush with neither edge
        flush_right += abs(right_gap) < COLUMN_TOUCH < left_gap
        flush_left += abs(left_gap) < COLUMN_TOUCH < right_gap
    return flush_right > flush_left


def stacked_cells(runs: Sequence[Run]) -> list[list[Run]]:
    """A header row's runs grouped into cells: runs printed over each other are one cell."""
    cells: list[list[Run]] = []
    for run in sorted(runs, key=lambda r: r[0].x0):
        if cells and run[0].x0 < max(r[-1].x1 for r in cells[-1]):
            cells[-1].append(run)
        else:
            cells.append([run])
    return cells


def header_columns(
    runs: Sequence[Run],
    columns: Sequence[tuple[float, float]],
    spans_right_to_left: bool,
    figure_columns: Collection[int] = (),
) -> list[int]:
    """Columns of a header row's cells, each in the first column it spans (where the text
    renderings print a spanning cell). A cell printed across several columns spans them from
    the first; where spanning headers sit flush right, a cell over figure columns spans the
    columns after the previous one (a cell within a text column's extent heads that column)."""
    assigned: dict[int, int] = {}
    previous_end = 0
    for cell in stacked_cells(runs):
        x0, x1 = min(r[0].x0 for r in cell), max(r[-1].x1 for r in cell)
        box = (Word("", x0, x1, 0, 0, 0),)
        covered = covered_columns(box, columns) or [column_of(x0, x1, columns)]
        column = covered[0] if len(covered) > 1 else column_of(x0, x1, columns)
        within_text_column = (
            len(covered) == 1
            and covered[0] not in figure_columns
            and columns[covered[0]][0] - COLUMN_TOUCH <= x0
            and x1 <= columns[covered[0]][1] + COLUMN_TOUCH
        )
        if spans_right_to_left and column > 0 and not within_text_column:
            column = min(column, previous_end + 1)
        assigned.update((id(run), column) for run in cell)
        previous_end = max(covered[-1], column)
    return [assigned[id(run)] for run in runs]


def borderless_table(bands: Sequence[Band]) -> PageTable:
    """The cell texts of a table whose columns are aligned by whitespace only: one row a band.

    Columns come from the rows showing figures (a spanning header cell would join the columns
    it spans); header rows are then placed on them."""
    lines = [line for band in bands for line in band.lines]
    body = [band for band in bands if band.shows_figures] or [
        band for band in bands if band.shows_cells
    ]
    columns = column_spans((run[0].x0, run[-1].x1) for band in body for run in band.runs)
    figure_columns = {
        column_of(run[0].x0, run[-1].x1, columns) for band in body for run in figure_runs(band.runs)
    }
    headers = [band for band in bands if not band.shows_figures]
    right_aligned = headers_right_aligned(
        [run for b in headers for run in b.runs], columns, figure_columns
    )
    rows = []
    boxes = []
    for band, below in zip(bands, [*bands[1:], None], strict=True):
        runs = band.runs
        if band.shows_figures:
            places = [column_of(run[0].x0, run[-1].x1, columns) for run in runs]
        else:
            # only a header row over another header row can hold cells spanning its columns
            spanning = right_aligned and below is not None and not below.shows_figures
            places = header_columns(runs, columns, spanning, figure_columns)
        cell_words: list[list[Word]] = [[] for _ in columns]
        for run, column in zip(runs, places, strict=True):
            cell_words[column].extend(run)
        rows.append(tuple(phrase_text(words) for words in cell_words))
        boxes.append(tuple(map(words_box, cell_words)))
    return PageTable(
        rows=tuple(rows),
        x0=min(line.x0 for line in lines),
        top=bands[0].top,
        x1=max(line.x1 for line in lines),
        bottom=bands[-1].bottom,
        cell_boxes=tuple(boxes),
    )


def words_box(words: Sequence[Word]) -> BBox | None:
    """The box of a cell's words; None for an empty cell."""
    if not words:
        return None
    return BBox(
        min(word.x0 for word in words),
        min(word.top for word in words),
        max(word.x1 for word in words),
        max(word.bottom for word in words),
    )


def text_bands(lines: Sequence[Line], cell_gap: float | None = None) -> list[Band]:
    """A page's lines in bands set at line leading. `cell_gap`: the document's (`cell_gap_of`
    all its lines: a page of figures alone shows few spaces), by default these lines'."""
    gap = cell_gap_of(lines) if cell_gap is None else cell_gap
    return [Band(tuple(lines_at_leading), gap) for lines_at_leading in group_rows(lines)]


def find_borderless_tables(
    bands: Sequence[Band], leadings: Leadings | None = None
) -> tuple[list[PageTable], list[Line]]:
    """Borderless tables among a page's bands, and the lines left over (the page's text).
    `leadings`: the document's (`measure_leadings`), by default measured on these bands."""
    if leadings is None:
        leadings = measure_leadings(bands)
    rows = [row for band in bands for row in split_rows(band, leadings)]
    tables: list[PageTable] = []
    in_tables: set[int] = set()
    for span in table_band_spans(rows):
        table_rows = without_prose_edges(rows[span.start : span.stop])
        if len(table_rows) < MIN_TABLE_ROWS:
            continue
        starts = column_starts(table_rows)
        table = borderless_table([replace(row, column_starts=starts) for row in table_rows])
        if not looks_like_a_table(table.rows):
            continue
        tables.append(table)
        in_tables.update(id(line) for row in table_rows for line in row.lines)
    return tables, [line for band in bands for line in band.lines if id(line) not in in_tables]


def is_running_text(band: Band) -> bool:
    """A band printed as one run that reads as running text: a caption or paragraph line."""
    runs = band.runs
    return len(runs) == 1 and is_prose_row([phrase_text(runs[0])])


def without_prose_edges(rows: Sequence[Band]) -> Sequence[Band]:
    """The rows without the lines of running text that open or close them: a caption or a
    paragraph set at the table's spacing is page text."""
    start, stop = 0, len(rows)
    while start < stop and is_running_text(rows[start]):
        start += 1
    while stop > start and is_running_text(rows[stop - 1]):
        stop -= 1
    return rows[start:stop]


def cell_text(words: Sequence[Word]) -> str:
    """The text of one ruled cell: its lines joined by spaces."""
    if not words:
        return ""
    return phrase_text(word for line in group_lines(words) for word in line.words)


def wraps_onto(upper: Line, lower: Line, right_edge: float) -> bool:
    """`lower`'s first word would not have fitted on `upper` before the right edge of the text
    (the rightmost point any line of the document reaches), in type of the same size."""
    first_word = lower.words[0]
    return (
        abs(upper.size - lower.size) <= SIZE_TOLERANCE * max(upper.size, lower.size)
        and upper.x1 + SPACE_FOR_WRAP * upper.size + (first_word.x1 - first_word.x0)
        > right_edge - WRAP_SLACK
    )


def join_wrapped_lines(lines: Sequence[Line], right_edge: float) -> list[Line]:
    """Text lines with each wrapped paragraph joined back into one line: a line continues the
    one above when set at its leading and it wrapped (`wraps_onto`)."""
    if not lines:
        return []
    joined = [lines[0]]
    for upper, lower in zip(lines, lines[1:], strict=False):
        wrapped = is_continuation(upper, lower) and wraps_onto(upper, lower, right_edge)
        joined[-1:] = [Line(joined[-1].words + lower.words)] if wrapped else [joined[-1], lower]
    return joined
