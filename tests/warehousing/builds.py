"""Warehouse builds from hand-made staged rows, for the tests that need a few known figures."""

from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa

from warehousing.files import write_parquet_atomically
from warehousing.layout import WarehouseLayout
from warehousing.project import CONTRACT_DIR
from warehousing.publishing import publish_build
from warehousing.sql_models import build_models, load_models
from warehousing.staging import CELL_SCHEMA, DOCUMENT_SCHEMA, cells_path, document_path

H1_FY2006 = ("FY2006-H1", "half", date(2006, 4, 1), date(2006, 9, 30), 2006)


def document(document_id, document_date, ingested_at, *, status="ok", error=None):
    return {
        "document_id": document_id,
        "source_file": f"{document_id}.txt",
        "sha256": document_id * 4,
        "format": "text",
        "title": f"deck {document_id}",
        "document_date": document_date,
        "pages": None,
        "tables": 1,
        "ingested_at": ingested_at,
        "status": status,
        "error": error,
    }


def fact(document_id, metric_id, value, decimals, reported_text, *, period=H1_FY2006, **fields):
    period_id, period_type, start, end, fiscal_year = period
    return {
        "document_id": document_id,
        "table_id": "t1",
        "status": "fact",
        "metric_id": metric_id,
        "segment_id": "total",
        "period_id": period_id,
        "period_type": period_type,
        "period_start": start,
        "period_end": end,
        "fiscal_year": fiscal_year,
        "scenario": "actual",
        "basis": "consolidated",
        "measure": "amount",
        "unit": "JPY_million",
        "value": value,
        "decimals": decimals,
        "reported_text": reported_text,
        "reported_unit": "JPY million",
        "row_label": metric_id,
        "column_label": period_id,
        "locator": "line 10",
        **fields,
    }


def quarantined(document_id, raw_text, reason):
    return {
        "document_id": document_id,
        "table_id": "t1",
        "status": "quarantine",
        "reason": reason,
        "reported_text": raw_text,
        "row_label": "?",
        "column_label": "?",
        "locator": "line 12",
    }


def build(tmp_path, documents, cells, listed=None):
    """Stage the documents as the pipeline does, build every model, return the connection."""
    documents_dir = tmp_path / "documents"
    documents_dir.mkdir()
    for doc in documents:
        rows = [
            {**cell, "cell_index": index}
            for index, cell in enumerate(c for c in cells if c["document_id"] == doc["document_id"])
        ]
        write_parquet_atomically(
            pa.Table.from_pylist(rows, schema=CELL_SCHEMA),
            cells_path(documents_dir, doc["document_id"]),
        )
        write_parquet_atomically(
            pa.Table.from_pylist([doc], schema=DOCUMENT_SCHEMA),
            document_path(documents_dir, doc["document_id"]),
        )
    ids = listed if listed is not None else [doc["document_id"] for doc in documents]
    parameters = {
        "cell_files": [str(cells_path(documents_dir, i)) for i in ids],
        "document_files": [str(document_path(documents_dir, i)) for i in ids],
        "metrics_csv": str(CONTRACT_DIR / "metrics.csv"),
        "segments_csv": str(CONTRACT_DIR / "segments.csv"),
    }
    connection = duckdb.connect()
    for _ in build_models(connection, load_models(), parameters):
        pass
    return connection


def rows(connection, sql, parameters=None):
    return connection.execute(sql, parameters or []).fetchall()


def make_build(warehouse: Path, run_id: str, values: list[int]) -> Path:
    """A build of run `run_id` whose every row, and Data Docs page, names the run."""
    build = WarehouseLayout.at(warehouse).build(run_id)
    build.folder.mkdir(parents=True)
    with duckdb.connect(str(build.database)) as connection:
        connection.execute("create schema marts")
        connection.execute("create schema staging")
        connection.execute(
            "create table marts.figures as select unnest(?::integer[]) as value, ? as build",
            [values, run_id],
        )
        connection.execute("create table staging.scratch as select 1 as x")
    build.data_docs_dir.mkdir()
    (build.data_docs_dir / "index.html").write_text(run_id)
    (build.folder / "documents.parquet").write_bytes(b"a build input, never published")
    return build.database


def publish(warehouse: Path, run_id: str, values: list[int]) -> list[str]:
    make_build(warehouse, run_id, values)
    return publish_build(WarehouseLayout.at(warehouse), run_id)


def published_builds(warehouse: Path) -> dict[str, set[str]]:
    """The build each published entry holds, as read through the warehouse folder's names."""
    layout = WarehouseLayout.at(warehouse)
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        rows = connection.execute("select distinct build from marts.figures").fetchall()
        in_duckdb = {build for (build,) in rows}
        [(in_parquet,)] = connection.execute(
            "select list(distinct build) from read_parquet(?)",
            [str(layout.parquet_dir / "figures" / "*.parquet")],
        ).fetchall()
    return {
        "duckdb": in_duckdb,
        "parquet": set(in_parquet),
        "data_docs": {(layout.data_docs_dir / "index.html").read_text()},
    }
