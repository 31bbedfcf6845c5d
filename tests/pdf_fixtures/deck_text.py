"""A text rendering of a deck read as pages of blocks, for the independent renderers.

Written apart from `slides.py`/`render.py` (the renderer the PDF reader was developed against)
so that the fpdf2 and Chromium renderings built on it test the reader on layout decisions it was
not tuned on: its own page-break rule, merged (spanning) header cells, its own idea of which
columns hold amounts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extraction.document_meta import ISSUER

AMOUNT_TOKEN = re.compile(r"^[-+−(]*(?:JPY ?)?\d[\d,]*(?:\.\d+)?%?\)?$")
NIL_TOKENS = frozenset({"-", "—", "–", "－"})
ITALIC_RUN = re.compile(r"<i>(.*?)</i>")
TITLE_MAX_CHARS = 70
NOT_A_TITLE_START = tuple("-*•◆▪➤●※<([（")
PAGE_TEXT_FOR_A_BREAK = 200  # a page holding this much text (or a table) ends at the next title
MAX_HEADER_ROWS = 3


@dataclass(frozen=True)
class Run:
    text: str
    italic: bool


def runs_of(text: str) -> list[Run]:
    """The text cut into upright and italic runs (`<i>..</i>` in the text renderings)."""
    runs: list[Run] = []
    position = 0
    for match in ITALIC_RUN.finditer(text):
        if match.start() > position:
            runs.append(Run(text[position : match.start()], False))
        runs.append(Run(match.group(1), True))
        position = match.end()
    if position < len(text):
        runs.append(Run(text[position:], False))
    return [run for run in runs if run.text.strip()]


def plain(text: str) -> str:
    return ITALIC_RUN.sub(r"\1", text)


def is_amount(text: str) -> bool:
    """A cell holding figures only (`1,370`, `(1.2%)`, `<i>79.4%</i> 23.8`) or a nil dash."""
    tokens = plain(text).split()
    return bool(tokens) and all(AMOUNT_TOKEN.match(t) or t in NIL_TOKENS for t in tokens)


@dataclass(frozen=True)
class Cell:
    text: str
    column: int
    span: int = 1


@dataclass(frozen=True)
class Grid:
    """A table: rows of cells (a spanning header cell covers the empty cells after it)."""

    rows: tuple[tuple[Cell, ...], ...]
    width: int
    header_rows: int
    amount_columns: frozenset[int]


@dataclass(frozen=True)
class Text:
    text: str
    title: bool


Block = Text | Grid


def header_row_count(rows: list[list[str]]) -> int:
    """Leading rows with no amount after the label, when a row with amounts follows."""
    for index, row in enumerate(rows):
        if any(is_amount(cell) for cell in row[1:]):
            return min(index, MAX_HEADER_ROWS)
    return 1 if len(rows) > 1 else 0


def header_cells(row: list[str], below: list[str] | None) -> tuple[Cell, ...]:
    """A header cell spans the empty cells after it under which the next header row prints."""
    cells: list[Cell] = []
    column = 0
    while column < len(row):
        span = 1
        if row[column].strip() and column > 0 and below is not None:
            while (
                column + span < len(row)
                and not row[column + span].strip()
                and below[column + span].strip()
            ):
                span += 1
        cells.append(Cell(row[column].strip(), column, span))
        column += span
    return tuple(cells)


def grid_of(lines: list[str]) -> Grid:
    width = max(line.count("\t") + 1 for line in lines)
    rows = [[*line.split("\t"), *[""] * width][:width] for line in lines]
    headers = header_row_count(rows)
    body = rows[headers:]
    amount_columns = frozenset(
        column
        for column in range(1, width)
        if (filled := [row[column] for row in body if row[column].strip()])
        and sum(map(is_amount, filled)) * 3 >= len(filled) * 2
    )
    printed = [
        header_cells(row, rows[index + 1] if index + 1 < headers else None)
        if index < headers
        else tuple(Cell(text.strip(), column) for column, text in enumerate(row))
        for index, row in enumerate(rows)
    ]
    return Grid(tuple(printed), width, headers, amount_columns)


def is_title(text: str) -> bool:
    letters = sum(c.isalpha() for c in text)
    return (
        len(text) <= TITLE_MAX_CHARS
        and not text.startswith(NOT_A_TITLE_START)
        and not text.lower().startswith(("unit", "note", ISSUER.lower()))
        and not text.endswith((".", ":", ";", ","))
        and (text[:1].isupper() or text[:1] in "ⅠⅡⅢⅣ")
        and letters > 2 * sum(c.isdigit() for c in text)
    )


def blocks_of(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    table: list[str] = []
    for line in [*lines, ""]:
        if "\t" in line:
            table.append(line)
            continue
        if table:
            blocks.append(grid_of(table))
            table = []
        if text := line.strip():
            blocks.append(Text(text, is_title(text)))
    return blocks


def pages_of(lines: list[str]) -> list[list[Block]]:
    """Blocks in pages: a title opens a new page once the page holds a table or enough text."""
    pages: list[list[Block]] = [[]]
    for block in blocks_of(lines):
        page = pages[-1]
        filled = any(isinstance(b, Grid) for b in page) or (
            sum(len(b.text) for b in page if isinstance(b, Text)) >= PAGE_TEXT_FOR_A_BREAK
        )
        if isinstance(block, Text) and block.title and filled:
            pages.append([])
        pages[-1].append(block)
    return [page for page in pages if page]
