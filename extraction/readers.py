"""Pick the reader for a source file by its extension."""

from __future__ import annotations

from pathlib import Path

from extraction.model import DocumentError, RawDocument
from extraction.pdf_reader import read_pdf_document
from extraction.text_reader import read_text_document

SUPPORTED_SUFFIXES = (".txt", ".pdf")


def is_source_document(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES


def read_document(path: Path, *, max_pages: int | None = None) -> RawDocument:
    """Read a deck; a PDF over `max_pages` is refused before any page is extracted."""
    suffix = path.suffix.lower()
    if suffix == ".txt":
        return read_text_document(path)
    if suffix == ".pdf":
        return read_pdf_document(path, max_pages=max_pages)
    raise DocumentError(path.name, f"unsupported file type '{suffix}' (expected .txt or .pdf)")
