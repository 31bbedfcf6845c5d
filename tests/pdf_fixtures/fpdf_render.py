"""A second, independent PDF renderer (fpdf2, pure pip): its own fonts, pages and table layout.

The PDF reader was developed against `render.py` (reportlab, DejaVu Sans, 4:3 slides). This
renderer lays the decks out with other choices, each variant its own: base-14 Helvetica on A4
portrait with fixed column widths, DejaVu Serif on 16:9 slides with natural widths, or base-14
Times in small type on Letter portrait with centred figures and a rule over the header; cells
wrapped to their column (so header cells break wherever the width says, not before `(`),
spanning header cells, top- or middle-aligned cells, other padding and running lines. Words are
placed one by one by the small layout engine below, not by a table library.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import matplotlib
from fpdf import FPDF

from tests.pdf_fixtures.deck_text import Block, Cell, Grid, pages_of, runs_of

STYLES = ("ruled", "borderless")
SCALES = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)
LEADING = 1.22
TITLE_FACTOR = 1.55
BLOCK_GAP = 0.55  # x font size, after a text block
TABLE_GAP = 0.9  # x font size, before and after a table
LABEL_SHARE = 0.3  # of the body width: the label column under fixed column widths
FALLBACK_FONT = "DejaVuSans"
COMPANY = "Internet Initiative Japan"


@dataclass(frozen=True)
class Variant:
    name: str
    page: tuple[float, float]  # width, height in points
    side_margin: float
    top_margin: float
    bottom_margin: float
    font: str  # a base-14 family, or a DejaVu family shipped with matplotlib
    body_size: float
    table_size: float
    padding: float
    fixed_widths: bool  # label column LABEL_SHARE of the width, the others alike
    header_align: str  # L, C or R for header cells over amount columns
    middle_aligned: bool
    amount_align: str = "R"  # L, C or R for figures in body cells
    header_rule_above: bool = False  # borderless tables: a rule over the header as well as under

    @property
    def core_font(self) -> bool:
        return not self.font.startswith("DejaVu")

    @property
    def body_width(self) -> float:
        return self.page[0] - 2 * self.side_margin

    @property
    def body_height(self) -> float:
        return self.page[1] - self.top_margin - self.bottom_margin


VARIANTS = {
    variant.name: variant
    for variant in (
        Variant(
            name="fpdf-helvetica-a4",
            page=(595.28, 841.89),
            side_margin=45,
            top_margin=62,
            bottom_margin=56,
            font="Helvetica",
            body_size=10.5,
            table_size=8,
            padding=2.5,
            fixed_widths=True,
            header_align="C",
            middle_aligned=False,
        ),
        Variant(
            name="fpdf-serif-16x9",
            page=(960.0, 540.0),
            side_margin=54,
            top_margin=50,
            bottom_margin=42,
            font="DejaVuSerif",
            body_size=14,
            table_size=10.5,
            padding=5,
            fixed_widths=False,
            header_align="R",
            middle_aligned=True,
        ),
        Variant(
            name="fpdf-times-letter-9pt",
            page=(612.0, 792.0),
            side_margin=40,
            top_margin=54,
            bottom_margin=50,
            font="Times",
            body_size=9,
            table_size=7.5,
            padding=1.2,
            fixed_widths=False,
            header_align="C",
            middle_aligned=True,
            amount_align="C",
            header_rule_above=True,
        ),
    )
}


@dataclass(frozen=True)
class Word:
    text: str
    italic: bool
    bold: bool = False


PrintedLine = list[Word]


class Deck(FPDF):
    def __init__(self, variant: Variant, running_title: str):
        super().__init__(unit="pt", format=variant.page)
        self.variant = variant
        self.running_title = running_title
        self.set_auto_page_break(False)
        self.set_margins(variant.side_margin, variant.top_margin)
        font_dir = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
        if not variant.core_font:
            for style, suffix in {"": "", "I": "-Italic", "B": "-Bold"}.items():
                self.add_font(variant.font, style, str(font_dir / f"{variant.font}{suffix}.ttf"))
        for style, suffix in {"": "", "I": "-Oblique", "B": "-Bold"}.items():
            self.add_font(FALLBACK_FONT, style, str(font_dir / f"DejaVuSans{suffix}.ttf"))

    def has_glyphs(self, family: str, text: str) -> bool:
        if self.variant.core_font:
            return all(ord(c) < 256 for c in text)  # base-14 fonts print Latin-1 only
        return all(ord(c) in self.fonts[family.lower()].cmap for c in text)

    def use_face(self, word: Word, size: float) -> None:
        style = "B" if word.bold else "I" if word.italic else ""
        family = self.variant.font
        if not self.has_glyphs(family, word.text):
            family = FALLBACK_FONT  # as a writer substitutes a font that has the symbol
        self.set_font(family, style, size)

    def word_width(self, word: Word, size: float) -> float:
        self.use_face(word, size)
        return self.get_string_width(word.text)

    def space_width(self, size: float) -> float:
        return self.word_width(Word(" ", False), size)

    def wrap_words(self, words: list[Word], width: float, size: float) -> list[PrintedLine]:
        """Greedy line breaking; a word wider than the width gets a line of its own."""
        lines: list[PrintedLine] = [[]]
        used = 0.0
        for word in words:
            needed = self.word_width(word, size) + (self.space_width(size) if lines[-1] else 0)
            if lines[-1] and used + needed > width:
                lines.append([])
                used, needed = 0.0, self.word_width(word, size)
            lines[-1].append(word)
            used += needed
        return lines

    def measure_line(self, line: PrintedLine, size: float) -> float:
        spaces = self.space_width(size) * (len(line) - 1)
        return sum(self.word_width(w, size) for w in line) + spaces

    def draw_words(self, line: PrintedLine, x: float, baseline: float, size: float) -> None:
        for word in line:
            self.use_face(word, size)
            self.text(x, baseline, word.text)
            x += self.word_width(word, size) + self.space_width(size)

    def header(self) -> None:
        v = self.variant
        self.set_text_color(110)
        self.set_draw_color(150)
        if v.core_font:
            self.set_font(v.font, "", 8)
            self.text(v.side_margin, 30, "Internet Initiative Japan Inc.")
            self.line(v.side_margin, 36, v.page[0] - v.side_margin, 36)
        else:
            self.set_font(v.font, "I", 9)
            title = self.running_title
            self.text(v.page[0] - v.side_margin - self.get_string_width(title), 24, title)
        self.set_text_color(0)
        self.set_draw_color(0)

    def footer(self) -> None:
        v = self.variant
        self.set_text_color(110)
        bottom = v.page[1]
        if v.core_font:
            self.set_font(v.font, "", 8)
            # through cell(): fpdf2 fills in the page count ({nb}) only there
            self.set_xy(v.page[0] - v.side_margin - 100, bottom - 34)
            self.cell(100, 10, f"Page {self.page_no()} of {{nb}}", align="R")
            self.text(v.side_margin, bottom - 26, "IIJ Investor Relations")
        else:
            self.set_font(v.font, "", 9)
            self.text(v.page[0] / 2 - 4, bottom - 16, str(self.page_no()))
            self.text(v.side_margin, bottom - 16, "© Internet Initiative Japan Inc.")
        self.set_text_color(0)


def words_of(text: str, bold: bool = False) -> list[Word]:
    return [
        Word(token, run.italic, bold) for run in runs_of(text) for token in run.text.split()
    ] or [Word("", False, bold)]


@dataclass
class TextLayout:
    lines: list[PrintedLine]
    size: float

    @property
    def height(self) -> float:
        return len(self.lines) * self.size * LEADING + BLOCK_GAP * self.size


@dataclass
class TableLayout:
    grid: Grid
    widths: list[float]
    cells: list[list[tuple[Cell, list[PrintedLine]]]]
    size: float
    padding: float

    @cached_property
    def row_heights(self) -> list[float]:
        return [
            max(len(lines) for _, lines in row) * self.size * LEADING + 2 * self.padding
            for row in self.cells
        ]

    @property
    def height(self) -> float:
        return sum(self.row_heights) + 2 * TABLE_GAP * self.size


Layout = TextLayout | TableLayout


def column_widths(deck: Deck, grid: Grid, size: float, padding: float) -> list[float]:
    """Fixed: label column a set share, the rest alike. Natural: amount columns as wide as
    their widest cell, the text columns sharing what is left in proportion to their text."""
    width = deck.variant.body_width
    if deck.variant.fixed_widths:
        label = width * LABEL_SHARE if grid.width > 2 else width / 2
        return [label] + [(width - label) / (grid.width - 1)] * (grid.width - 1)
    natural = [2 * padding + 1.0] * grid.width
    for row in grid.rows:
        for cell in row:
            if cell.span == 1:
                text_width = deck.measure_line(words_of(cell.text), size)
                natural[cell.column] = max(natural[cell.column], text_width + 2 * padding + 1)
    if sum(natural) <= width:
        return natural
    longest_word = [2 * padding + 1.0] * grid.width
    for row in grid.rows:
        for cell in row:
            for word in words_of(cell.text):
                needed = deck.word_width(word, size) + 2 * padding + 1
                longest_word[cell.column] = max(longest_word[cell.column], needed)
    fixed = sum(natural[c] for c in grid.amount_columns)
    flexible = [c for c in range(grid.width) if c not in grid.amount_columns]
    share = max(width - fixed, 40.0 * len(flexible)) / sum(natural[c] for c in flexible)
    return [
        w if c in grid.amount_columns else max(w * share, longest_word[c])
        for c, w in enumerate(natural)
    ]


def lay_out_table(deck: Deck, grid: Grid, scale: float) -> TableLayout:
    size = deck.variant.table_size * scale
    padding = deck.variant.padding * scale
    widths = column_widths(deck, grid, size, padding)
    cells = [
        [
            (
                cell,
                deck.wrap_words(
                    words_of(cell.text),
                    sum(widths[cell.column : cell.column + cell.span]) - 2 * padding,
                    size,
                ),
            )
            for cell in row
        ]
        for row in grid.rows
    ]
    return TableLayout(grid, widths, cells, size, padding)


def lay_out(deck: Deck, block: Block, scale: float) -> Layout:
    if isinstance(block, Grid):
        return lay_out_table(deck, block, scale)
    size = deck.variant.body_size * scale * (TITLE_FACTOR if block.title else 1)
    words = words_of(block.text, bold=block.title)
    return TextLayout(deck.wrap_words(words, deck.variant.body_width, size), size)


def draw_text(deck: Deck, layout: TextLayout, top: float) -> None:
    for number, line in enumerate(layout.lines):
        baseline = top + (number + 0.8) * layout.size * LEADING
        deck.draw_words(line, deck.variant.side_margin, baseline, layout.size)


def draw_table(deck: Deck, layout: TableLayout, style: str, top: float) -> None:
    v = deck.variant
    top += TABLE_GAP * layout.size
    header_top = top
    lefts = [v.side_margin + sum(layout.widths[:c]) for c in range(len(layout.widths) + 1)]
    header_bottom = top + sum(layout.row_heights[: layout.grid.header_rows])
    if style == "ruled" and layout.grid.header_rows:
        deck.set_fill_color(225, 228, 235)
        deck.rect(lefts[0], top, lefts[-1] - lefts[0], header_bottom - top, style="F")
    deck.set_line_width(0.5)
    for index, (row, height) in enumerate(zip(layout.cells, layout.row_heights, strict=True)):
        is_header = index < layout.grid.header_rows
        for cell, lines in row:
            left, right = lefts[cell.column], lefts[cell.column + cell.span]
            if style == "ruled":
                deck.rect(left, top, right - left, height)
            text_height = len(lines) * layout.size * LEADING
            first = top + layout.padding
            if v.middle_aligned:
                first = top + (height - text_height) / 2
            for number, line in enumerate(lines):
                line_width = deck.measure_line(line, layout.size)
                align = "L"
                if cell.column in layout.grid.amount_columns:
                    align = v.header_align if is_header else v.amount_align
                x = {
                    "L": left + layout.padding,
                    "C": (left + right - line_width) / 2,
                    "R": right - layout.padding - line_width,
                }[align]
                baseline = first + (number + 0.8) * layout.size * LEADING
                deck.draw_words(line, x, baseline, layout.size)
        top += height
    if style == "borderless" and layout.grid.header_rows:
        deck.set_line_width(0.8)
        deck.line(lefts[0], header_bottom, lefts[-1], header_bottom)
        if v.header_rule_above:
            deck.line(lefts[0], header_top, lefts[-1], header_top)


def page_layouts(deck: Deck, page: list[Block]) -> list[Layout]:
    """The page's blocks at the largest scale that fits them on one page (else the smallest)."""
    for scale in SCALES:
        layouts = [lay_out(deck, block, scale) for block in page]
        if sum(layout.height for layout in layouts) <= deck.variant.body_height:
            break
    return layouts


def positioned(deck: Deck, layouts: list[Layout]) -> Iterator[tuple[Layout, float]]:
    """Each layout with its top, a new page started where one does not fit the rest."""
    deck.add_page()
    top = deck.variant.top_margin
    for layout in layouts:
        if top + layout.height > deck.variant.top_margin + deck.variant.body_height:
            deck.add_page()
            top = deck.variant.top_margin
        yield layout, top
        top += layout.height


def deck_title(lines: list[str]) -> str:
    """The first line of the cover after the company name: the header of every page."""
    return next((t for line in lines if (t := line.strip()) and COMPANY not in t), "")


def render_fpdf_lines(lines: list[str], target: Path, style: str, variant_name: str) -> Path:
    if style not in STYLES:
        raise ValueError(f"unknown table style {style!r} (expected one of {STYLES})")
    deck = Deck(VARIANTS[variant_name], running_title=deck_title(lines))
    for page in pages_of(lines):
        for layout, top in positioned(deck, page_layouts(deck, page)):
            if isinstance(layout, TextLayout):
                draw_text(deck, layout, top)
            else:
                draw_table(deck, layout, style, top)
    deck.output(str(target))
    return target


def render_fpdf_document(source: Path, target: Path, style: str, variant_name: str) -> Path:
    lines = source.read_text(encoding="utf-8-sig").split("\n")
    return render_fpdf_lines(lines, target, style, variant_name)
