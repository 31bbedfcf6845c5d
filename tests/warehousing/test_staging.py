"""Listing an inbox and staging one document, without Dagster: the files the assets write."""

import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from extraction.model import document_id_for
from warehousing.inbox import file_sha256, list_inbox, scan_inbox
from warehousing.limits import ExtractionLimits
from warehousing.project import PROJECT_ROOT
from warehousing.staging import (
    CELL_SCHEMA,
    build_inputs,
    cells_path,
    document_path,
    stage_document,
    staged_files,
    unchanged_documents,
)

SOURCE = PROJECT_ROOT / "sources" / "000_2853c62026f2b50d.txt"
SOURCE_ID = document_id_for(file_sha256(SOURCE))


def stage(path: Path, tmp_path: Path, vocabulary, max_document_mb: float = 50.0):
    return stage_document(
        path,
        document_id_for(file_sha256(path)),
        vocabulary=vocabulary,
        documents_dir=tmp_path / "documents",
        limits=ExtractionLimits(max_document_mb=max_document_mb, max_pages=200),
    )


def test_the_inbox_lists_text_and_pdf_files_by_content_id(tmp_path):
    shutil.copy(SOURCE, tmp_path / "deck.txt")
    shutil.copy(SOURCE, tmp_path / "same deck again.TXT")
    (tmp_path / "README.md").write_text("# not a deck")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    (tmp_path / ".~deck.txt").write_text("editor lock file")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "folder.txt").mkdir()
    assert list_inbox(tmp_path) == {
        SOURCE_ID: tmp_path / "deck.txt",
        document_id_for(file_sha256(tmp_path / "scan.pdf")): tmp_path / "scan.pdf",
    }


def test_a_deck_is_staged_as_typed_cells_and_one_document_row(tmp_path, vocabulary):
    staged = stage(SOURCE, tmp_path, vocabulary)
    cells = pq.read_table(cells_path(tmp_path / "documents", SOURCE_ID))
    assert cells.schema == CELL_SCHEMA
    assert cells.num_rows == staged.facts + staged.quarantined and staged.facts > 50
    assert cells.column("cell_index").to_pylist() == list(range(cells.num_rows))
    doc_file = document_path(tmp_path / "documents", SOURCE_ID)
    [document] = pq.read_table(doc_file).to_pylist()
    assert document["status"] == "ok" and document["error"] is None
    assert document["sha256"] == file_sha256(SOURCE)
    assert document["source_file"] == SOURCE.name
    assert sorted(p.name for p in (tmp_path / "documents").iterdir()) == [
        f"{SOURCE_ID}.doc.parquet", f"{SOURCE_ID}.parquet",
    ]


def test_restaging_keeps_the_first_ingestion_time(tmp_path, vocabulary):
    stage(SOURCE, tmp_path, vocabulary)
    doc_file = document_path(tmp_path / "documents", SOURCE_ID)
    first = pq.read_table(doc_file).column("ingested_at")[0].as_py()
    stage(SOURCE, tmp_path, vocabulary)
    assert pq.read_table(doc_file).column("ingested_at")[0].as_py() == first
    assert isinstance(first, datetime)


@pytest.mark.parametrize(
    ("name", "content", "limit_mb", "error"),
    [
        ("empty.txt", b"", 50.0, "empty.txt: empty file"),
        ("big.txt", b"x" * 3 * 1024 * 1024, 2.0, "big.txt: file is 3.0 MB, over the 2 MB limit"),
        ("noise.pdf", b"\x00\x01garbage", 50.0, "noise.pdf: not a PDF"),
    ],
)
def test_an_unreadable_file_is_staged_as_an_error_with_empty_typed_cells(
    tmp_path, vocabulary, name, content, limit_mb, error
):
    path = tmp_path / name
    path.write_bytes(content)
    staged = stage(path, tmp_path, vocabulary, max_document_mb=limit_mb)
    document_id = document_id_for(file_sha256(path))
    assert staged.status == "error" and staged.error.startswith(error)
    cells = pq.read_table(cells_path(tmp_path / "documents", document_id))
    assert cells.num_rows == 0 and cells.schema == CELL_SCHEMA
    [document] = pq.read_table(document_path(tmp_path / "documents", document_id)).to_pylist()
    assert (document["status"], document["error"]) == ("error", staged.error)


def test_building_from_an_unstaged_document_is_refused(tmp_path, vocabulary):
    stage(SOURCE, tmp_path, vocabulary)
    with pytest.raises(FileNotFoundError, match=r"documents \['ffffffffffffffff'\] have no"):
        staged_files(tmp_path / "documents", [SOURCE_ID, "ffffffffffffffff"])


def earlier_build_of(inputs) -> duckdb.DuckDBPyConnection:
    """A connection with a build of these inputs' documents attached as `earlier`."""
    connection = duckdb.connect()
    connection.execute("attach ':memory:' as earlier")
    connection.execute("create schema earlier.staging")
    connection.execute(
        "create table earlier.staging.stg_documents as select * from read_parquet($files)",
        {"files": inputs.document_files},
    )
    return connection


def test_a_document_is_unchanged_while_its_staged_row_and_cells_file_are(tmp_path, vocabulary):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SOURCE, inbox / SOURCE.name)
    documents_dir = tmp_path / "documents"
    stage(inbox / SOURCE.name, tmp_path, vocabulary)
    first = build_inputs(scan_inbox(inbox), documents_dir, tmp_path / "first")
    [row] = pq.read_table(first.document_files[0]).to_pylist()
    assert row["cells_sha256"] == file_sha256(cells_path(documents_dir, SOURCE_ID))
    connection = earlier_build_of(first)
    again = build_inputs(scan_inbox(inbox), documents_dir, tmp_path / "again")
    assert unchanged_documents(connection, "earlier", again) == (SOURCE_ID,)
    assert again.cells_except([SOURCE_ID]) == []

    # re-staged with other cells (one fewer), the same document row otherwise
    cells_file = cells_path(documents_dir, SOURCE_ID)
    cells = pq.read_table(cells_file)
    pq.write_table(cells.slice(1), cells_file)
    restaged = build_inputs(scan_inbox(inbox), documents_dir, tmp_path / "restaged")
    assert unchanged_documents(connection, "earlier", restaged) == ()
    assert restaged.cells_except([]) == [str(cells_file)]

    # the same cells under another name in the inbox: its row names the file as it is called now
    pq.write_table(cells, cells_file)
    (inbox / SOURCE.name).rename(inbox / "renamed.txt")
    renamed = build_inputs(scan_inbox(inbox), documents_dir, tmp_path / "renamed")
    assert unchanged_documents(connection, "earlier", renamed) == ()
