"""One document's extract in the staging folder: `<id>.parquet` (cells) and `<id>.doc.parquet`,
and the staged files a warehouse build reads.

Plain functions, no Dagster: the `document_extracts` asset calls `stage_documents`, and
`warehouse_models` calls `build_inputs`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from extraction.closed_vocabularies import FACT, HELD_BACK, QUARANTINE
from extraction.interpret import DocumentExtract, interpret_document
from extraction.model import DocumentError, RawDocument
from extraction.records import CELL_COLUMNS, cell_records, document_record
from extraction.vocabulary import Vocabulary
from warehousing.files import write_parquet_atomically
from warehousing.inbox import Inbox, ensure_iij_deck, file_sha256, read_inbox_document
from warehousing.isolation import Call, Stopped, run_isolated
from warehousing.limits import ExtractionLimits

_CELL_TYPES = {
    "period_start": pa.date32(),
    "period_end": pa.date32(),
    "fiscal_year": pa.int32(),
    "value": pa.float64(),
    "decimals": pa.int32(),
    "page": pa.int32(),
    "bbox_x0": pa.float64(),
    "bbox_top": pa.float64(),
    "bbox_x1": pa.float64(),
    "bbox_bottom": pa.float64(),
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
        # `IFRS` or `US GAAP` as the deck names it; null (also for a document staged before this
        # column was) when it names neither.
        ("accounting_standard", pa.string()),
        # The document's other names in the inbox, set by `build_inputs`.
        ("copies", pa.list_(pa.string())),
        # The SHA-256 of the staged cells file a build read, set by `build_inputs`: with the rest
        # of the row, what tells the next build that the document's staged extract is unchanged.
        ("cells_sha256", pa.string()),
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
        return sum(cell["status"] == FACT for cell in self.cells)

    @property
    def quarantined(self) -> int:
        return sum(cell["status"] == QUARANTINE for cell in self.cells)

    def preview_rows(self) -> list[list]:
        facts = (cell for cell in self.cells if cell["status"] == FACT)
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
    limits: ExtractionLimits,
) -> StagedDocument:
    """Read, interpret and stage one inbox file.

    A file that cannot be read, or is not an IIJ deck, is staged as a document with status
    `error` and the reason, and no cells, so that one bad file never stops the others from
    publishing.
    """
    document, extract, error = _read_and_interpret(path, vocabulary, limits)
    return _write_staged(path, document_id, documents_dir, document, extract, error)


def stage_failed_document(
    path: Path, document_id: str, documents_dir: Path, error: str
) -> StagedDocument:
    """Stage a document whose extraction never finished as a document in error."""
    return _write_staged(path, document_id, documents_dir, None, NO_CELLS, error)


def stage_documents(
    documents: Mapping[str, Path],
    *,
    vocabulary: Vocabulary,
    documents_dir: Path,
    limits: ExtractionLimits,
    workers: int,
) -> Iterator[StagedDocument]:
    """Stage each document (id -> inbox file) in a process of its own, `workers` at a time,
    yielding each as soon as it is staged.

    A document whose process runs out of time or memory, or dies, is staged with status `error`
    and the reason; the others carry on.
    """
    calls = [
        Call(
            document_id,
            partial(
                stage_document,
                path,
                document_id,
                vocabulary=vocabulary,
                documents_dir=documents_dir,
                limits=limits,
            ),
            (),
        )
        for document_id, path in documents.items()
    ]
    for outcome in run_isolated(calls, workers=workers, limits=limits):
        if isinstance(outcome, Stopped):
            path = documents[outcome.key]
            yield stage_failed_document(
                path, outcome.key, documents_dir, f"{path.name}: extraction {outcome.reason}"
            )
        else:
            yield outcome.value


def _write_staged(
    path: Path,
    document_id: str,
    documents_dir: Path,
    document: RawDocument | None,
    extract: DocumentExtract,
    error: str | None,
) -> StagedDocument:
    cells = [
        {**cell, "cell_index": index}
        for index, cell in enumerate(cell_records(document_id, extract))
    ]
    doc_file = document_path(documents_dir, document_id)
    doc_row = document_record(
        document,
        document_id=document_id,
        source_file=path.name,
        sha256=document.sha256 if document else _sha256_or_id(path, document_id),
        ingested_at=_first_ingested_at(doc_file) or datetime.now(UTC).replace(tzinfo=None),
        accounting_standard=extract.accounting_standard,
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


def _sha256_or_id(path: Path, document_id: str) -> str:
    """The file's SHA-256; when it can no longer be read as a regular file of the inbox (it was
    replaced since it was listed), the prefix its id was made from: such a document is not in
    the inbox any more, and no build publishes it."""
    try:
        return file_sha256(path)
    except (DocumentError, OSError):
        return document_id


def _read_and_interpret(
    path: Path, vocabulary: Vocabulary, limits: ExtractionLimits
) -> tuple[RawDocument | None, DocumentExtract, str | None]:
    """The document, its extract and the error that stopped it (None when it was read)."""
    try:
        document = read_inbox_document(
            path, max_document_mb=limits.max_document_mb, max_pages=limits.max_pages
        )
    except DocumentError as exc:
        return None, NO_CELLS, str(exc)
    except Exception as exc:
        # Whatever breaks a reader on this file is this file's failure alone.
        return None, NO_CELLS, f"{path.name}: cannot read ({type(exc).__name__}: {exc})"
    try:
        ensure_iij_deck(document)
        return document, interpret_document(document, vocabulary), None
    except DocumentError as exc:
        return document, NO_CELLS, str(exc)
    except Exception as exc:
        # An interpreter failure on one deck is that deck's failure alone, like a reader's.
        return document, NO_CELLS, f"{path.name}: cannot interpret ({type(exc).__name__}: {exc})"


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


@dataclass(frozen=True)
class BuildInputs:
    """The staged files a warehouse build reads, and the inbox files it leaves out."""

    cell_files: list[str]
    document_files: list[str]
    document_ids: list[str]
    pending: list[str]

    def cells_except(self, document_ids: Collection[str]) -> list[str]:
        """The cells files of the built documents other than these."""
        return [
            cells_file
            for document_id, cells_file in zip(self.document_ids, self.cell_files, strict=True)
            if document_id not in document_ids
        ]


def unchanged_documents(
    connection: duckdb.DuckDBPyConnection, database: str, inputs: BuildInputs
) -> tuple[str, ...]:
    """The documents whose staged extract is the one the warehouse attached as `database` was
    built from: the same document row, names, status and cells file's SHA-256 included. Their
    staged rows can be carried over from it."""
    rows = connection.execute(
        "select document_id from (\n"
        "    select * from read_parquet($document_files)\n"
        "    intersect\n"
        f"    select * from {database}.staging.stg_documents\n"
        ") where cells_sha256 is not null order by document_id",
        {"document_files": inputs.document_files},
    ).fetchall()
    return tuple(document_id for (document_id,) in rows)


DOCUMENTS_FILE = "documents.parquet"


def build_inputs(inbox: Inbox, documents_dir: Path, build_dir: Path) -> BuildInputs:
    """What a build of the documents now in the inbox reads, written beside the build.

    Every document of the inbox that has been staged is built; one whose extraction has not
    finished yet (its run is queued or running) is left out and its file named in `pending`:
    the run staging it builds again once it has. Each document row names the document's file as
    it is called now and, in `copies`, every other name of the same bytes, of which
    `sql/marts/quarantine.sql` makes a quarantine row each (a copy, counted once), so that a
    renamed or copied file is never silent.
    """
    names = inbox.file_names
    if not names:
        raise FileNotFoundError(f"the inbox {inbox.folder} holds no .txt or .pdf document")
    staged = [
        document_id
        for document_id in names
        if cells_path(documents_dir, document_id).is_file()
        and document_path(documents_dir, document_id).is_file()
    ]
    if not staged:
        raise FileNotFoundError(
            f"no document of the inbox {inbox.folder} is staged in {documents_dir}: "
            "materialize document_extracts first"
        )
    staged_ids = set(staged)
    return write_build_inputs(
        {document_id: names[document_id] for document_id in staged},
        documents_dir,
        build_dir,
        pending=[names[document_id][0] for document_id in names if document_id not in staged_ids],
    )


def write_build_inputs(
    file_names: Mapping[str, list[str]],
    documents_dir: Path,
    build_dir: Path,
    *,
    pending: list[str],
    held_back: Mapping[str, str] | None = None,
) -> BuildInputs:
    """The inputs of a build of these staged documents (id -> every name of its file), written
    beside the build. A `held_back` document (id -> why) keeps its dim_document row, with status
    `held_back`, and none of its cells."""
    held_back = held_back or {}
    build_dir.mkdir(parents=True, exist_ok=True)
    # One dataset of every file, read in one scan (a read per file costs a millisecond each); a
    # document staged before `copies` was a column has none: the schema gives it one.
    rows = ds.dataset(
        [str(document_path(documents_dir, document_id)) for document_id in file_names],
        format="parquet",
        schema=DOCUMENT_SCHEMA,
    ).to_table().to_pylist()
    for row in rows:
        row["source_file"], *row["copies"] = file_names[row["document_id"]]
        if row["document_id"] in held_back:
            # The staged row carries the reason in `error`; dim_document moves it into
            # held_back_reason (no schema change, so every staged documents file still builds).
            # None of its cells is built, so none of its copies is a quarantine row either.
            row["status"], row["error"] = HELD_BACK, held_back[row["document_id"]]
            row["copies"], row["cells_sha256"] = [], None
        else:
            row["cells_sha256"] = file_sha256(cells_path(documents_dir, row["document_id"]))
    documents_file = build_dir / DOCUMENTS_FILE
    pq.write_table(pa.Table.from_pylist(rows, schema=DOCUMENT_SCHEMA), documents_file)
    built = [document_id for document_id in file_names if document_id not in held_back]
    return BuildInputs(
        cell_files=[str(cells_path(documents_dir, document_id)) for document_id in built],
        document_files=[str(documents_file)],
        document_ids=built,
        pending=pending,
    )


def read_staged(documents_dir: Path, document_id: str) -> StagedDocument:
    """A staged document as `stage_document` described it when it wrote it."""
    [row] = pq.read_table(document_path(documents_dir, document_id)).to_pylist()
    return StagedDocument(
        document_id=document_id,
        source_file=row["source_file"],
        status=row["status"],
        error=row["error"],
        tables=row["tables"],
        cells=pq.read_table(cells_path(documents_dir, document_id)).to_pylist(),
    )
