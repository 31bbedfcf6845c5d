"""One document's extract in the staging folder: `<id>.parquet` (cells) and `<id>.doc.parquet`.

Plain functions, no Dagster: the `document_extracts` asset calls `stage_document`.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from extraction.inbox import file_sha256, read_inbox_document
from extraction.interpret import DocumentExtract, interpret_document
from extraction.model import DocumentError, RawDocument
from extraction.records import CELL_COLUMNS, cell_records, document_record
from extraction.vocabulary import Vocabulary

_CELL_TYPES = {
    "period_start": pa.date32(),
    "period_end": pa.date32(),
    "fiscal_year": pa.int32(),
    "value": pa.float64(),
    "decimals": pa.int32(),
}
CELL_SCHEMA = pa.schema(
    [pa.field(name, _CELL_TYPES.get(name, pa.string())) for name in CELL_COLUMNS]
    + [pa.field("cell_index", pa.int32())]
)
DOCUMENT_SCHEMA = pa.schema(
    [
        ("document_id", pa.string()),
        ("source_file", pa.string()),
        ("sha256", pa.string()),
        ("format", pa.string()),
        ("title", pa.string()),
        ("document_date", pa.date32()),
        ("pages", pa.int32()),
        ("tables", pa.int32()),
        ("ingested_at", pa.timestamp("us")),
        ("status", pa.string()),
        ("error", pa.string()),
    ]
)
NO_CELLS = DocumentExtract(facts=(), quarantined=())
PREVIEW_COLUMNS = ("metric_id", "segment_id", "period_id", "scenario", "measure", "value",
                   "reported_text", "locator")


@dataclass(frozen=True)
class StagedDocument:
    """What `stage_document` wrote, for the asset's metadata and the CLI's progress line."""

    document_id: str
    source_file: str
    status: str
    error: str | None
    tables: int
    cells: list[dict]

    @property
    def facts(self) -> int:
        return sum(cell["status"] == "fact" for cell in self.cells)

    @property
    def quarantined(self) -> int:
        return sum(cell["status"] == "quarantine" for cell in self.cells)

    def preview_rows(self) -> list[list]:
        facts = (cell for cell in self.cells if cell["status"] == "fact")
        return [[cell[name] for name in PREVIEW_COLUMNS] for cell in facts]


def cells_path(documents_dir: Path, document_id: str) -> Path:
    return documents_dir / f"{document_id}.parquet"


def document_path(documents_dir: Path, document_id: str) -> Path:
    return documents_dir / f"{document_id}.doc.parquet"


def stage_document(
    path: Path,
    document_id: str,
    *,
    vocabulary: Vocabulary,
    documents_dir: Path,
    max_document_mb: float,
    max_pages: int,
) -> StagedDocument:
    """Read, interpret and stage one inbox file.

    A file that cannot be read is staged as a document with status `error` and the reason, and
    no cells, so that one bad file never stops the others from publishing.
    """
    document, extract, error = _read_and_interpret(
        path, vocabulary, max_document_mb=max_document_mb, max_pages=max_pages
    )
    cells = [
        {**cell, "cell_index": index}
        for index, cell in enumerate(cell_records(document_id, extract))
    ]
    doc_file = document_path(documents_dir, document_id)
    doc_row = document_record(
        document,
        document_id=document_id,
        source_file=path.name,
        sha256=document.sha256 if document else file_sha256(path),
        ingested_at=_first_ingested_at(doc_file) or datetime.now(UTC).replace(tzinfo=None),
        error=error,
    )
    documents_dir.mkdir(parents=True, exist_ok=True)
    write_parquet_atomically(
        pa.Table.from_pylist(cells, schema=CELL_SCHEMA), cells_path(documents_dir, document_id)
    )
    write_parquet_atomically(pa.Table.from_pylist([doc_row], schema=DOCUMENT_SCHEMA), doc_file)
    return StagedDocument(
        document_id=document_id,
        source_file=path.name,
        status=doc_row["status"],
        error=error,
        tables=doc_row["tables"],
        cells=cells,
    )


def _read_and_interpret(
    path: Path, vocabulary: Vocabulary, *, max_document_mb: float, max_pages: int
) -> tuple[RawDocument | None, DocumentExtract, str | None]:
    """The document, its extract and the error that stopped it (None when it was read)."""
    try:
        document = read_inbox_document(path, max_document_mb=max_document_mb, max_pages=max_pages)
    except DocumentError as exc:
        return None, NO_CELLS, str(exc)
    except Exception as exc:
        # Whatever breaks a reader on this file is this file's failure alone.
        return None, NO_CELLS, f"{path.name}: cannot read ({type(exc).__name__}: {exc})"
    try:
        return document, interpret_document(document, vocabulary), None
    except DocumentError as exc:
        return document, NO_CELLS, str(exc)


def write_parquet_atomically(table: pa.Table, path: Path) -> None:
    """Write beside the target, then rename: a reader sees the old file or the new one, whole."""
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        pq.write_table(table, temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _first_ingested_at(doc_file: Path) -> datetime | None:
    """When this document was first staged: re-extracting it keeps its place in ingestion order."""
    try:
        column = pq.read_table(doc_file, columns=["ingested_at"]).column("ingested_at")
    except (OSError, pa.ArrowException, KeyError):
        return None
    return column[0].as_py() if len(column) else None


def staged_files(documents_dir: Path, document_ids: list[str]) -> tuple[list[str], list[str]]:
    """The cells and document files of these documents; every one must have been staged."""
    unstaged = [
        document_id
        for document_id in document_ids
        if not (
            cells_path(documents_dir, document_id).is_file()
            and document_path(documents_dir, document_id).is_file()
        )
    ]
    if unstaged:
        raise FileNotFoundError(
            f"documents {unstaged} have no staged extract in {documents_dir}: "
            "materialize document_extracts for them first"
        )
    return (
        [str(cells_path(documents_dir, document_id)) for document_id in document_ids],
        [str(document_path(documents_dir, document_id)) for document_id in document_ids],
    )
