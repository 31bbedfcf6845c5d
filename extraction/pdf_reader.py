"""Reader for PDF decks: the same raw tables the text reader gives, read from page geometry.

Ruled tables (cell borders or filled cells) are found by pdfplumber's `lines` strategy
(`extraction.pdf_ruled`); borderless ones (columns aligned by whitespace) by clustering word
positions (`extraction.pdf_layout`). Running headers
and footers are dropped: lines in the top or bottom band of the page that repeat on most pages
(digits aside, so page numbers count as repeats). Each table's context is the text printed
since the previous table, whatever page that was on, as in the text renderings.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.psexceptions import PSEOF, PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from extraction.document_meta import find_document_date, find_title
from extraction.limits import READER_LIMITS
from extraction.model import BBox, DocumentError, RawDocument, RawRow, RawTable
from extraction.pdf_layout import (
    Band,
    Leadings,
    Line,
    PageTable,
    Word,
    cell_gap_of,
    find_borderless_tables,
    group_lines,
    join_wrapped_lines,
    measure_leadings,
    text_bands,
)
from extraction.pdf_ruled import ruled_tables
from extraction.text_reader import CONTEXT_LINES

PDF_MAGIC = b"%PDF-"
MAGIC_WINDOW = 1024  # readers accept the header anywhere in the first KiB
EOF_MARKER = b"%%EOF"
EOF_WINDOW = 2048
RUNNING_BAND = 0.08  # share of the page height at the top and bottom holding running lines
RUNNING_SHARE = 0.5  # a band line repeated on at least this share of pages is a running line
# pdfplumber's default (3 points) mixes the lines of small type set at tight leading.
WORD_Y_TOLERANCE = 1.5
# Letters of a word touch; a space is a quarter em or more. Some writers place words one by one
# without space characters, so the gap alone must part them, at any type size: pdfplumber's
# fixed 3 points joins the words of type smaller than 11 points.
WORD_X_TOLERANCE_RATIO = 0.12
SLANT = 0.1  # horizontal shear per unit of height above which upright type counts as italic
NO_TEXT_LAYER = "no text layer; OCR is not supported"
READ_ERRORS = (PdfminerException, MalformedPDFException, PSException)


@dataclass(frozen=True)
class PageLayout:
    number: int
    tables: tuple[PageTable, ...]
    paragraphs: tuple[Line, ...]

    def in_reading_order(self) -> list[PageTable | Line]:
        return sorted([*self.tables, *self.paragraphs], key=lambda item: item.top)


def parse_pdf_document(data: bytes, name: str, max_pages: int | None = None) -> RawDocument:
    """The document a PDF's bytes print; one over `max_pages` is refused before any page is
    extracted. `name` names it in errors."""
    check_pdf_bytes(data, name)
    try:
        layouts = read_layouts(data, name, max_pages)
    except READ_ERRORS as exc:
        raise DocumentError(name, describe_read_error(exc)) from exc
    text_lines = document_text_lines(layouts)
    return RawDocument(
        source_file=name,
        sha256=hashlib.sha256(data).hexdigest(),
        format="pdf",
        pages=len(layouts),
        title=find_title(text_lines),
        document_date=find_document_date(text_lines),
        tables=tuple(raw_tables(layouts)),
        text_lines=tuple(text_lines),
    )


def check_pdf_bytes(data: bytes, name: str) -> None:
    """Refuse what is plainly not a whole PDF before handing it to the parser."""
    if not data:
        raise DocumentError(name, "empty file")
    if PDF_MAGIC not in data[:MAGIC_WINDOW]:
        raise DocumentError(name, "not a PDF (no %PDF- header at the start of the file)")
    if EOF_MARKER not in data[-EOF_WINDOW:]:
        raise DocumentError(name, "truncated or corrupt PDF (no %%EOF marker at the end)")


def describe_read_error(exc: Exception) -> str:
    cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(cause, PDFEncryptionError):
        return "encrypted PDF: password-protected, cannot be read"
    if isinstance(cause, PSEOF):
        return "truncated or corrupt PDF (unexpected end of file)"
    return f"corrupt PDF ({type(cause).__name__}: {cause})"


def read_layouts(data: bytes, name: str, max_pages: int | None) -> list[PageLayout]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = pdf.pages
        if max_pages is not None and len(pages) > max_pages:
            raise DocumentError(name, f"too many pages: {len(pages)} (the limit is {max_pages})")
        page_words = [bounded_words(page, number, name) for number, page in enumerate(pages, 1)]
        if not any(page_words):
            raise DocumentError(name, f"{NO_TEXT_LAYER} ({len(pages)} pages without text)")
        page_lines = [group_lines(words) for words in page_words]
        heights = [float(page.height) for page in pages]
        running = running_line_keys(page_lines, heights)
        body_lines = [
            without_running_lines(lines, height, running)
            for lines, height in zip(page_lines, heights, strict=True)
        ]
        right_edge = max(line.x1 for lines in body_lines for line in lines)
        ruled = [ruled_tables(page, lines) for page, lines in zip(pages, body_lines, strict=True)]
        cell_gap = cell_gap_of([line for lines in body_lines for line in lines])
        page_bands = [text_bands(lines, cell_gap) for _, lines in ruled]
        leadings = measure_leadings(band for bands in page_bands for band in bands)
        return [
            lay_out_page(number, tables, bands, leadings, right_edge)
            for number, ((tables, _), bands) in enumerate(zip(ruled, page_bands, strict=True), 1)
        ]


def bounded_words(page: pdfplumber.page.Page, number: int, name: str) -> list[Word]:
    """The page's words, refused past the reader's bound (extraction/limits.py), page by page:
    the pages after a refused one are not read."""
    words = words_of(page)
    if len(words) > READER_LIMITS.max_words_per_page:
        raise DocumentError(
            name,
            f"page {number} has {len(words):,} words, over the limit of "
            f"{READER_LIMITS.max_words_per_page:,} per page: not read",
        )
    return words


def words_of(page: pdfplumber.page.Page) -> list[Word]:
    """The page's upright words. A word whose characters come from two faces (`Ⅲ-1.`, the
    numeral from a fallback font) stays one word, as does one whose characters' sizes differ
    by rounding."""
    height = float(page.height)
    return [
        positioned_word(word, height)
        for word in page.extract_words(
            y_tolerance=WORD_Y_TOLERANCE,
            x_tolerance_ratio=WORD_X_TOLERANCE_RATIO,
            return_chars=True,
        )
        if word["upright"]
    ]


def positioned_word(word: dict, page_height: float) -> Word:
    """A pdfplumber word, in the face of its first character."""
    first = word["chars"][0]
    return Word(
        text=word["text"],
        x0=float(word["x0"]),
        x1=float(word["x1"]),
        top=float(word["top"]),
        bottom=float(word["bottom"]),
        size=float(word["bottom"] - word["top"]),  # the box height of upright type
        italic=is_italic_font(first["fontname"]) or is_slanted(first["matrix"]),
        baseline=page_height - float(first["matrix"][5]),
        font=first["fontname"],
    )


def is_slanted(matrix: Sequence[float]) -> bool:
    """Type drawn with a sheared text matrix: the oblique a writer makes of an upright face when
    the font has no italic of its own."""
    _, _, shear, height, _, _ = matrix
    return abs(shear) > SLANT * abs(height)


def is_italic_font(fontname: str) -> bool:
    name = fontname.lower()
    return "italic" in name or "oblique" in name


def running_key(line: Line) -> str:
    return re.sub(r"\d+", "#", " ".join(word.text for word in line.words))


def in_running_band(line: Line, page_height: float) -> bool:
    band = RUNNING_BAND * page_height
    return line.bottom <= band or line.top >= page_height - band


def running_line_keys(page_lines: Sequence[list[Line]], heights: Sequence[float]) -> set[str]:
    """Band lines (digits masked) printed on at least half of the pages, and on two or more."""
    counts: Counter[str] = Counter()
    for lines, height in zip(page_lines, heights, strict=True):
        counts.update({running_key(line) for line in lines if in_running_band(line, height)})
    needed = max(2, math.ceil(RUNNING_SHARE * len(page_lines)))
    return {key for key, count in counts.items() if count >= needed}


def without_running_lines(lines: list[Line], height: float, running: set[str]) -> list[Line]:
    return [
        line
        for line in lines
        if not (in_running_band(line, height) and running_key(line) in running)
    ]


def lay_out_page(
    number: int,
    ruled: list[PageTable],
    bands: list[Band],
    leadings: Leadings,
    right_edge: float,
) -> PageLayout:
    """A page's tables (ruled ones, then borderless ones among the other lines) and its text."""
    borderless, text_lines = find_borderless_tables(bands, leadings)
    return PageLayout(
        number=number,
        tables=tuple(sorted([*ruled, *borderless], key=lambda table: table.top)),
        paragraphs=tuple(join_wrapped_lines(text_lines, right_edge)),
    )


def raw_tables(layouts: Sequence[PageLayout]) -> list[RawTable]:
    """Every table in page order, with the text printed since the previous table as context, as
    the text reader gives it: a caption printed at the foot of a page belongs to the table at
    the top of the next. A table that opens a page right after one that closed the page before,
    repeating its header rows, is that table continued (`continued_table`)."""
    tables: list[RawTable] = []
    context: list[str] = []
    for layout in layouts:
        table_number = 0
        for item in layout.in_reading_order():
            if isinstance(item, Line):
                context.append(item.text)
                continue
            table_number += 1
            where = f"page {layout.number}, table {table_number}"
            if tables and not context and table_number == 1 and repeated_rows(tables[-1], item):
                tables[-1] = continued_table(tables[-1], item, where, layout.number)
            else:
                tables.append(raw_table(item, len(tables), where, context, layout.number))
            context = []
    return tables


def raw_table(table: PageTable, index: int, where: str, context: list[str], page: int) -> RawTable:
    return RawTable(
        index=index,
        rows=raw_rows(table, where, page),
        context=tuple(context[-CONTEXT_LINES:]),
        locator=f"{where} (x0={table.x0:.0f}, top={table.top:.0f})",
        page=page,
        bbox=BBox(table.x0, table.top, table.x1, table.bottom),
    )


def raw_rows(table: PageTable, where: str, page: int, skipped: int = 0) -> tuple[RawRow, ...]:
    """The table's rows after the first `skipped`, each with its page."""
    boxes = table.cell_boxes or ((),) * len(table.rows)
    return tuple(
        RawRow(cells=cells, locator=f"{where}, row {row}", page=page, cell_boxes=row_boxes)
        for row, (cells, row_boxes) in enumerate(zip(table.rows, boxes, strict=True), start=1)
        if row > skipped
    )


def repeated_rows(previous: RawTable, table: PageTable) -> int:
    """How many of the table's first rows repeat the previous table's first rows (its header,
    as a writer repeats it atop each page a table runs onto), leaving rows of its own."""
    count = 0
    for earlier, cells in zip(previous.rows, table.rows[:-1], strict=False):
        if earlier.cells != cells:
            break
        count += 1
    return count


def continued_table(previous: RawTable, table: PageTable, where: str, page: int) -> RawTable:
    """The previous table with the rows of its continuation on the next page; the table keeps
    the page and box where it starts, each row carries its own page."""
    return replace(
        previous,
        rows=previous.rows + raw_rows(table, where, page, repeated_rows(previous, table)),
        locator=f"{previous.locator}, continued on {where}",
    )


def document_text_lines(layouts: Sequence[PageLayout]) -> list[str]:
    """The deck's text as the text renderings print it: table rows as tab-separated lines."""
    lines: list[str] = []
    for layout in layouts:
        for item in layout.in_reading_order():
            if isinstance(item, Line):
                lines.append(item.text)
            else:
                lines.extend("\t".join(cells) for cells in item.rows)
    return lines
