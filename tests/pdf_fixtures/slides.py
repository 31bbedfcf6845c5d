"""Cut a text rendering of a deck into slides: text lines and tables, a new slide per heading."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extraction.document_meta import COMPANY_NAME

BULLET_OR_CAPTION_START = tuple("-*•◆▪➤●<([")
REFERENCE_TITLE = "(Reference)"
HEADING_MAX_CHARS = 80
HEADING_MAX_WORDS = 12
MIN_SLIDE_TEXT_CHARS = 150
NUMBER_TOKEN = re.compile(r"^[-+(]*(?:JPY ?)?\d[\d,]*(?:\.\d+)?%?\)?$")


@dataclass(frozen=True)
class TextLine:
    text: str
    heading: bool


@dataclass(frozen=True)
class TableBlock:
    rows: tuple[tuple[str, ...], ...]

    @property
    def width(self) -> int:
        return max(len(row) for row in self.rows)

    @property
    def header_rows(self) -> int:
        """Leading rows without figures, when figures follow (at most three; else none)."""
        for index, row in enumerate(self.rows[:4]):
            if any(is_numeric_text(cell) for cell in row[1:]):
                return min(index, 3)
        return 1 if len(self.rows) > 1 else 0


Block = TextLine | TableBlock


def strip_italic_tags(text: str) -> str:
    return text.replace("<i>", "").replace("</i>", "")


def is_numeric_text(text: str) -> bool:
    """A cell of figures only: `11,670`, `(1,885)`, `+767`, `13.4%`, `79.4% 23.8`."""
    tokens = strip_italic_tags(text).split()
    return bool(tokens) and all(NUMBER_TOKEN.match(token) for token in tokens)


def is_heading(line: str) -> bool:
    """A line that reads like a slide title (the renderer starts a new slide there)."""
    text = line.strip()
    title = text.removeprefix(REFERENCE_TITLE).strip()
    return (
        3 <= len(text) <= HEADING_MAX_CHARS
        and len(text.split()) <= HEADING_MAX_WORDS
        and title[:1].isupper()
        and not title.startswith(BULLET_OR_CAPTION_START)
        and not title.startswith((COMPANY_NAME.removesuffix(" Inc."), "Unit"))
        and not text.endswith((".", ":", ","))
        and text.count("(") == text.count(")")
        and sum(c.isalpha() for c in text) > sum(c.isdigit() for c in text)
    )


def blocks_of(lines: list[str]) -> list[Block]:
    """Text lines and tables (runs of tab-separated lines) in document order."""
    blocks: list[Block] = []
    table_rows: list[tuple[str, ...]] = []
    for line in [*lines, ""]:
        if "\t" in line:
            table_rows.append(tuple(line.split("\t")))
            continue
        if table_rows:
            blocks.append(TableBlock(tuple(table_rows)))
            table_rows = []
        if line.strip():
            blocks.append(TextLine(line.strip(), is_heading(line)))
    return blocks


def slides_of(lines: list[str]) -> list[list[Block]]:
    """Blocks grouped into slides: a heading opens a new slide unless the current one is nearly
    empty (then the heading is a chart caption kept with the slide's title)."""
    slides: list[list[Block]] = [[]]
    for block in blocks_of(lines):
        if isinstance(block, TextLine) and block.heading and is_full(slides[-1]):
            slides.append([])
        slides[-1].append(block)
    return [slide for slide in slides if slide]


def is_full(slide: list[Block]) -> bool:
    text_chars = sum(len(block.text) for block in slide if isinstance(block, TextLine))
    return text_chars > MIN_SLIDE_TEXT_CHARS or any(isinstance(b, TableBlock) for b in slide)
