"""Pick the reader for a source file by its extension."""

from __future__ import annotations

from pathlib import Path

from extraction.model import DocumentError, RawDocument
from extraction.text_reader import read_text_document

SUPPORTED_SUFFIXES = (".txt", ".pdf")


def is_source_document(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES


def read_document(path: Path) -> RawDocument:
    suffix = path.suffix.lower()
    if suffix == ".txt":
        return read_text_document(path)
    if suffix == ".pdf":
        from extraction.pdf_reader import read_pdf_document

        return read_pdf_document(path)
    raise DocumentError(path.name, f"unsupported file type '{suffix}' (expected .txt or .pdf)")
