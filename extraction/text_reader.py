"""Reader for text renderings of decks: tables are runs of tab-separated lines."""

from __future__ import annotations

import hashlib

from extraction.document_meta import find_document_date, find_title
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


def parse_text_document(data: bytes, source_file: str) -> RawDocument:
    """The document a text rendering's bytes print; `source_file` names it in errors."""
    lines = decode_text(data, source_file).split("\n")
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
