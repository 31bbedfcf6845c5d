"""The shapes every reader produces and the interpreter consumes.

A reader (text or PDF) turns one source file into a `RawDocument`: its tables as rows of printed
cell texts, each table with the page text printed just before it (its heading, `Unit:` line and
the like). Nothing here knows about metrics or periods; that is `extraction.interpret`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


class DocumentError(Exception):
    """A source file that cannot be read; the message names the file and the reason."""

    def __init__(self, source_file: str, reason: str):
        super().__init__(f"{source_file}: {reason}")
        self.source_file = source_file
        self.reason = reason


@dataclass(frozen=True)
class BBox:
    """A box on a PDF page, in points: `top` and `bottom` measured down from the page top (the
    frame pdfplumber reports positions in)."""

    x0: float
    top: float
    x1: float
    bottom: float

    def as_tuple(self) -> tuple[float, float, float, float]:
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass(frozen=True)
class RawRow:
    """One printed line of a table: the cell texts in column order (first cell: the row label).

    From a PDF, also where it is printed: its page and, per cell, the box of the cell's words
    (None for an empty cell); a text rendering has no page, so both stay empty."""

    cells: tuple[str, ...]
    locator: str
    # where each cell was printed, where that is not `<locator>, column N` (a transposed table)
    cell_locators: tuple[str, ...] = ()
    page: int | None = None
    cell_boxes: tuple[BBox | None, ...] = ()

    def cell_locator(self, index: int) -> str:
        if self.cell_locators:
            return self.cell_locators[index]
        return f"{self.locator}, column {index + 1}"

    def cell_box(self, column: int) -> BBox | None:
        return self.cell_boxes[column] if column < len(self.cell_boxes) else None


@dataclass(frozen=True)
class RawTable:
    """A table as printed: header and body rows in order, plus the text printed above it.

    `context` holds the non-table lines between the previous table (or the page start) and this
    table, nearest last; headings, `Unit:` lines and period captions are read from it.
    """

    index: int
    rows: tuple[RawRow, ...]
    context: tuple[str, ...]
    locator: str
    page: int | None = None  # from a PDF: the page the table starts on (1-based)
    bbox: BBox | None = None  # from a PDF: the table's box on that page


@dataclass(frozen=True)
class RawDocument:
    source_file: str
    sha256: str
    format: str
    pages: int | None
    title: str | None
    document_date: date | None
    tables: tuple[RawTable, ...]
    text_lines: tuple[str, ...] = field(default=(), repr=False)

    @property
    def document_id(self) -> str:
        return document_id_for(self.sha256)


def document_id_for(sha256: str) -> str:
    """Stable id of a document: same bytes, same id, whatever the file is called."""
    return sha256[:16]


@dataclass(frozen=True)
class Fact:
    """One published figure, with everything needed to trace it back to the printed page."""

    table_id: str
    metric_id: str
    segment_id: str
    period_id: str
    period_type: str
    period_start: date
    period_end: date
    fiscal_year: int | None
    scenario: str
    basis: str
    measure: str
    unit: str
    value: float
    decimals: int
    reported_text: str
    reported_unit: str
    row_label: str
    column_label: str
    locator: str
    page: int | None = None  # from a PDF: the page of the cell, and the box of its text
    cell_box: BBox | None = None

    @property
    def figure_key(self) -> tuple[str, str, str, str, str, str]:
        """Which figure this is, whatever its table: metric, segment, period, scenario, basis,
        measure. A table states each figure once."""
        return (
            self.metric_id, self.segment_id, self.period_id, self.scenario, self.basis,
            self.measure,
        )


@dataclass(frozen=True)
class Quarantined:
    """A piece of table data that was not published, and why."""

    table_id: str
    locator: str
    raw_text: str
    row_label: str
    column_label: str
    reason: str
    page: int | None = None  # from a PDF: the page of the cell, and the box of its text
    cell_box: BBox | None = None
