"""Pick the reader for a source file by its extension."""

from __future__ import annotations

from pathlib import Path

from extraction.model import DocumentError, RawDocument
from extraction.pdf_reader import pdf_document
from extraction.text_reader import text_document

SUPPORTED_SUFFIXES = (".txt", ".pdf")


def read_document_bytes(data: bytes, name: str, *, max_pages: int | None = None) -> RawDocument:
    """A deck from its bytes, read by the caller (the inbox reads regular files only); a PDF
    over `max_pages` is refused before any page is extracted."""
    suffix = Path(name).suffix.lower()
    if suffix == ".txt":
        return text_document(data, name)
    if suffix == ".pdf":
        return pdf_document(data, name, max_pages=max_pages)
    raise DocumentError(name, f"unsupported file type '{suffix}' (expected .txt or .pdf)")
