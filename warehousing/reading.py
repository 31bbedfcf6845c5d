"""Reading the files `extraction` parses: a source document, and the contract's vocabulary.

`extraction` does no file I/O; what it parses is read here.
"""

from __future__ import annotations

import csv
from pathlib import Path

from extraction.model import DocumentError, RawDocument
from extraction.readers import is_source_name, parse_document
from extraction.vocabulary import Vocabulary, vocabulary_from_rows


def is_source_document(path: Path) -> bool:
    return is_source_name(path.name) and path.is_file()


def read_document(path: Path, *, max_pages: int | None = None) -> RawDocument:
    """Read a deck; a PDF over `max_pages` is refused before any page is extracted."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(path.name, f"cannot read file ({exc.strerror})") from exc
    return parse_document(data, path.name, max_pages=max_pages)


def load_vocabulary(contract_dir: Path) -> Vocabulary:
    """The metric and segment vocabulary of `contract/metrics.csv` and `segments.csv`."""
    return vocabulary_from_rows(
        _csv_rows(contract_dir / "metrics.csv"), _csv_rows(contract_dir / "segments.csv")
    )


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))
