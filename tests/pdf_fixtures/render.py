"""Render a text rendering of a deck back into a slide-deck PDF, in one of two table styles.

`ruled`: cell grid and a shaded header row. `borderless`: columns aligned by whitespace, one rule
under the header. Both: landscape 4:3 slides, a running header (the company name), a copyright
line and page numbers at the bottom, numbers right-aligned, header cells broken before `(`,
italic where the text has <i>..</i>, tables kept on one page.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

import matplotlib
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from extraction.document_meta import COMPANY_NAME
from tests.pdf_fixtures.slides import (
    TableBlock,
    TextLine,
    is_numeric_text,
    slides_of,
    strip_italic_tags,
)

STYLES = ("ruled", "borderless")
PAGE_WIDTH, PAGE_HEIGHT = 720.0, 540.0
SIDE_MARGIN, TOP_MARGIN, BOTTOM_MARGIN = 40.0, 58.0, 46.0
BODY_WIDTH = PAGE_WIDTH - 2 * SIDE_MARGIN
FRAME_HEIGHT = PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN - 12  # less the frame's own padding
MAX_TABLE_HEIGHT = FRAME_HEIGHT - 60
SLIDE_SCALES = (1.0, 0.85, 0.72, 0.6, 0.5)
CELL_PADDING = 6.0
MIN_COLUMN_WIDTH = 28.0
TABLE_FONT_SIZES = (9.0, 8.0, 7.0, 6.0, 5.0)
CONTEXT_KEPT_WITH_TABLE = 4
SHORT_LINE_CHARS = 100
FONT = "DejaVuSans"
COPYRIGHT = f"Copyright (C) {COMPANY_NAME} All rights reserved."


@cache
def register_fonts() -> None:
    """DejaVu from matplotlib's data: it has the deck's symbols (◆, Ⅱ, ➤) and ships with a
    package we already depend on, so no system font is needed."""
    font_dir = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    faces = {"": "DejaVuSans", "-Bold": "DejaVuSans-Bold", "-Oblique": "DejaVuSans-Oblique",
             "-BoldOblique": "DejaVuSans-BoldOblique"}
    for suffix, file_stem in faces.items():
        pdfmetrics.registerFont(TTFont(FONT + suffix, str(font_dir / f"{file_stem}.ttf")))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT + "-Bold", italic=FONT + "-Oblique",
        boldItalic=FONT + "-BoldOblique",
    )


def markup(text: str) -> str:
    """Paragraph markup for printed text: everything literal except the <i> tags."""
    return escape(text).replace("&lt;i&gt;", "<i>").replace("&lt;/i&gt;", "</i>")


def paragraph_style(size: float, alignment: int = TA_LEFT, bold: bool = False) -> ParagraphStyle:
    return ParagraphStyle(
        name=f"s{size}{alignment}{bold}",
        fontName=FONT + ("-Bold" if bold else ""),
        fontSize=size,
        leading=size * 1.2,
        alignment=alignment,
    )


def text_flowable(line: TextLine, scale: float) -> Paragraph:
    style = paragraph_style((16 if line.heading else 11) * scale, bold=line.heading)
    style.spaceAfter = (9 if line.heading else 6) * scale
    return Paragraph(markup(line.text), style)


@dataclass(frozen=True)
class TableLayout:
    """Where a table's header ends and which columns hold figures."""

    header_rows: int
    numeric_columns: frozenset[int]

    @classmethod
    def of(cls, block: TableBlock, rows: list[tuple[str, ...]]) -> TableLayout:
        body = rows[block.header_rows:]
        numeric = set()
        for column in range(1, block.width):
            filled = [row[column] for row in body if row[column].strip()]
            if filled and 2 * sum(map(is_numeric_text, filled)) >= len(filled):
                numeric.add(column)
        return cls(block.header_rows, frozenset(numeric))

    def alignment(self, row: int, column: int) -> int:
        if column not in self.numeric_columns:
            return TA_LEFT
        return TA_CENTER if row < self.header_rows else TA_RIGHT


def cell_lines(text: str, is_header: bool) -> list[str]:
    """Printed lines of a cell: header cells break before their first ` (`."""
    head, sep, tail = text.partition(" (")
    return [head, "(" + tail] if is_header and sep and head else [text]


def column_widths(natural: list[float]) -> list[float]:
    """Natural widths, the widest capped alike until the table fits the slide."""
    if sum(natural) <= BODY_WIDTH:
        return natural
    low, high = MIN_COLUMN_WIDTH, max(natural)
    for _ in range(40):
        cap = (low + high) / 2
        low, high = (cap, high) if sum(min(w, cap) for w in natural) <= BODY_WIDTH else (low, cap)
    return [min(w, low) for w in natural]


def table_at_size(block: TableBlock, style_name: str, size: float) -> Table:
    rows = [row + ("",) * (block.width - len(row)) for row in block.rows]
    layout = TableLayout.of(block, rows)
    printed = [
        [cell_lines(cell, r < layout.header_rows) for cell in row] for r, row in enumerate(rows)
    ]
    natural = [
        max(
            pdfmetrics.stringWidth(strip_italic_tags(line), FONT, size) + 2 * CELL_PADDING + 2
            for row in printed
            for line in row[c]
        )
        for c in range(block.width)
    ]
    cells = [
        [
            Paragraph(
                "<br/>".join(markup(line) for line in lines),
                paragraph_style(size, layout.alignment(r, c)),
            )
            for c, lines in enumerate(row)
        ]
        for r, row in enumerate(printed)
    ]
    table = Table(cells, colWidths=column_widths(natural), hAlign="LEFT")
    table.setStyle(TableStyle(table_commands(style_name, layout.header_rows)))
    return table


def table_commands(style_name: str, header_rows: int) -> list[tuple]:
    commands: list[tuple] = [("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    last_header = header_rows - 1
    if style_name == "ruled":
        commands.append(("GRID", (0, 0), (-1, -1), 0.6, colors.grey))
        if header_rows:
            commands.append(("BACKGROUND", (0, 0), (-1, last_header), colors.lightgrey))
    elif header_rows:
        commands.append(("LINEBELOW", (0, last_header), (-1, last_header), 0.8, colors.black))
    return commands


def table_flowable(block: TableBlock, style_name: str, scale: float) -> Table:
    """The table at the largest font size (for the slide's scale) that fits on one slide."""
    sizes = [size for size in TABLE_FONT_SIZES if size <= TABLE_FONT_SIZES[0] * scale]
    for size in sizes or TABLE_FONT_SIZES[-1:]:
        table = table_at_size(block, style_name, size)
        _, height = table.wrap(BODY_WIDTH, PAGE_HEIGHT)
        if height <= MAX_TABLE_HEIGHT:
            return table
    return table


def slide_groups(
    slide: list[TextLine | TableBlock], style_name: str, scale: float
) -> list[list[Flowable]]:
    """A slide's flowables in groups kept on one page: each table with the short lines just
    above it (its heading and unit line)."""
    groups: list[list[Flowable]] = []
    pending: list[Flowable] = []
    for block in slide:
        if isinstance(block, TextLine):
            if len(block.text) > SHORT_LINE_CHARS:
                groups.extend([flowable] for flowable in pending)
                pending = []
            pending.append(text_flowable(block, scale))
            continue
        kept, pending = pending[-CONTEXT_KEPT_WITH_TABLE:], pending[:-CONTEXT_KEPT_WITH_TABLE]
        groups.extend([flowable] for flowable in pending)
        pending = []
        table = table_flowable(block, style_name, scale)
        groups.append([*kept, Spacer(1, 8), table, Spacer(1, 12)])
    return groups + [[flowable] for flowable in pending]


def stacked_height(groups: list[list[Flowable]]) -> float:
    return sum(
        flowable.wrap(BODY_WIDTH, FRAME_HEIGHT)[1]
        + flowable.getSpaceBefore()
        + flowable.getSpaceAfter()
        for group in groups
        for flowable in group
    )


def slide_flowables(slide: list[TextLine | TableBlock], style_name: str) -> list[Flowable]:
    """The slide at the largest type that fits on one page, as a deck's author would set it."""
    for scale in SLIDE_SCALES:
        groups = slide_groups(slide, style_name, scale)
        if stacked_height(groups) <= FRAME_HEIGHT:
            break
    return [group[0] if len(group) == 1 else KeepTogether(group) for group in groups]


def draw_running_lines(canvas, document) -> None:
    canvas.saveState()
    canvas.setFont(FONT, 9)
    canvas.setFillColor(colors.darkgrey)
    canvas.drawString(SIDE_MARGIN, PAGE_HEIGHT - 30, COMPANY_NAME)
    canvas.drawString(SIDE_MARGIN, 20, COPYRIGHT)
    canvas.drawRightString(PAGE_WIDTH - SIDE_MARGIN, 20, str(canvas.getPageNumber()))
    canvas.restoreState()


def render_text_lines(
    lines: list[str], target: Path, style_name: str, user_password: str | None = None
) -> Path:
    """Write the deck whose text rendering is `lines` as a PDF at `target`."""
    if style_name not in STYLES:
        raise ValueError(f"unknown table style {style_name!r} (expected one of {STYLES})")
    register_fonts()
    story: list[Flowable] = []
    for number, slide in enumerate(slides_of(lines)):
        if number:
            story.append(PageBreak())
        story.extend(slide_flowables(slide, style_name))
    document = SimpleDocTemplate(
        str(target),
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        leftMargin=SIDE_MARGIN,
        rightMargin=SIDE_MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        invariant=1,
        encrypt=StandardEncryption(user_password) if user_password else None,
    )
    document.build(story, onFirstPage=draw_running_lines, onLaterPages=draw_running_lines)
    return target


def render_text_document(source: Path, target: Path, style_name: str) -> Path:
    text = source.read_text(encoding="utf-8-sig")
    return render_text_lines(text.split("\n"), target, style_name)
