"""Pick the parser for a source document by its file name's extension."""

from __future__ import annotations

from pathlib import PurePath

from extraction.model import DocumentError, RawDocument
from extraction.pdf_reader import parse_pdf_document
from extraction.text_reader import parse_text_document

SUPPORTED_SUFFIXES = (".txt", ".pdf")


def is_source_name(name: str) -> bool:
    return PurePath(name).suffix.lower() in SUPPORTED_SUFFIXES


def parse_document(data: bytes, source_file: str, *, max_pages: int | None = None) -> RawDocument:
    """The deck these bytes of `source_file` hold; a PDF over `max_pages` is refused before any
    page is extracted."""
    suffix = PurePath(source_file).suffix.lower()
    if suffix == ".txt":
        return parse_text_document(data, source_file)
    if suffix == ".pdf":
        return parse_pdf_document(data, source_file, max_pages=max_pages)
    raise DocumentError(source_file, f"unsupported file type '{suffix}' (expected .txt or .pdf)")
