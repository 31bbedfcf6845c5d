"""The inbox: a folder of source documents, each known by the id of its content."""

from __future__ import annotations

import hashlib
from pathlib import Path

from extraction.model import DocumentError, RawDocument, document_id_for
from extraction.readers import is_source_document, read_document

BYTES_PER_MB = 1024 * 1024


def file_sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def list_inbox(folder: Path) -> dict[str, Path]:
    """Source documents (*.txt, *.pdf) of an inbox folder by document id, in file-name order.

    Other files (README.md, hidden editor files) are not documents. Two files with the same bytes
    are one document: the first name wins.
    """
    documents: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        if is_source_document(path) and not path.name.startswith("."):
            documents.setdefault(document_id_for(file_sha256(path)), path)
    return documents


def read_inbox_document(path: Path, *, max_document_mb: float, max_pages: int) -> RawDocument:
    """Read one inbox file, refusing files over the size or page limits."""
    size_mb = path.stat().st_size / BYTES_PER_MB
    if size_mb > max_document_mb:
        raise DocumentError(
            path.name, f"file is {size_mb:.1f} MB, over the {max_document_mb:g} MB limit"
        )
    return read_document(path, max_pages=max_pages)
