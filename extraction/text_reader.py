"""Reader for text renderings of decks: tables are runs of tab-separated lines."""

from __future__ import annotations

import hashlib

from extraction.document_meta import find_document_date, find_title
from extraction.limits import READER_LIMITS, ReaderLimits
from extraction.model import DocumentError, RawDocument, RawRow, RawTable

CONTEXT_LINES = 12


def decode_text(data: bytes, source_file: str) -> str:
    """Decode a text rendering: UTF-8 (with or without BOM), else Windows-1252."""
    if not data.strip():
        raise DocumentError(source_file, "empty file")
    if b"\x00" in data:
        raise DocumentError(source_file, "binary content in a text document (NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise DocumentError(source_file, f"not UTF-8 or Windows-1252 text ({exc})") from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_bounds(lines: list[str], source_file: str, limits: ReaderLimits) -> None:
    """Refuse a rendering with a row, a line or a table past the reader's limits, naming where."""
    table_start = None
    for number, line in enumerate(lines, start=1):
        cells = line.count("\t") + 1 if "\t" in line else 0
        if cells > limits.max_cells_per_row:
            raise DocumentError(
                source_file,
                f"line {number} has {cells:,} cells, over the limit of "
                f"{limits.max_cells_per_row:,} per row: not read",
            )
        if len(line) > limits.max_line_chars:
            raise DocumentError(
                source_file,
                f"line {number} has {len(line):,} characters, over the limit of "
                f"{limits.max_line_chars:,}: not read",
            )
        table_start = (table_start or number) if cells else None
        if table_start and number - table_start + 1 > limits.max_rows_per_table:
            raise DocumentError(
                source_file,
                f"the table from line {table_start:,} has over {limits.max_rows_per_table:,} "
                "rows, the limit: not read",
            )


def split_tables(lines: list[str]) -> list[RawTable]:
    """Group consecutive tab-separated lines into tables, each with the text printed above it."""
    tables: list[RawTable] = []
    context: list[str] = []
    block: list[RawRow] = []

    def close_block() -> None:
        if block:
            first, last = block[0].locator, block[-1].locator
            span = first if first == last else f"lines {first[5:]}-{last[5:]}"
            tables.append(
                RawTable(
                    index=len(tables),
                    rows=tuple(block),
                    context=tuple(context[-CONTEXT_LINES:]),
                    locator=span,
                )
            )
            block.clear()
            context.clear()

    for number, line in enumerate(lines, start=1):
        if "\t" in line:
            block.append(RawRow(cells=tuple(line.split("\t")), locator=f"line {number}"))
            continue
        close_block()
        if line.strip():
            context.append(line.strip())
    close_block()
    return tables


def parse_text_document(
    data: bytes, source_file: str, limits: ReaderLimits = READER_LIMITS
) -> RawDocument:
    """The document a text rendering's bytes print; `source_file` names it in errors."""
    lines = decode_text(data, source_file).split("\n")
    check_bounds(lines, source_file, limits)
    return RawDocument(
        source_file=source_file,
        sha256=hashlib.sha256(data).hexdigest(),
        format="text",
        pages=None,
        title=find_title(lines),
        document_date=find_document_date(lines),
        tables=tuple(split_tables(lines)),
        text_lines=tuple(lines),
    )
