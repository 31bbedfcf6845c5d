"""What the expectation suites validate in a build: a batch of rows per table, and the ids its
dimensions allow. Read here, without Great Expectations, so that the rows can be validated in
another process (`checks.validation`)."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from checks.catalog import DOCUMENT_EXPECTATION_TABLES, EXPECTATION_TABLES


@dataclass(frozen=True)
class DimensionIds:
    """The ids the dimension tables of the build allow; the documents those in scope."""

    metric_ids: list[str]
    segment_ids: list[str]
    document_ids: list[str]
    period_ids: list[str]


@dataclass(frozen=True)
class ExpectationBatch:
    """A table's rows to validate: a document table's rows of the documents in scope (with one
    result per document of `documents`), or a whole table (`documents` None)."""

    table: str
    rows: pd.DataFrame
    documents: tuple[str, ...] | None


@dataclass(frozen=True)
class ExpectationBatches:
    dimension_ids: DimensionIds
    batches: tuple[ExpectationBatch, ...]


def read_batches(connection: duckdb.DuckDBPyConnection) -> ExpectationBatches:
    """Every table with a suite, as its suite validates it, from the build open in `connection`
    once the temporary table `check_scope` names the documents in scope (`checks.scope`)."""
    return ExpectationBatches(
        dimension_ids=read_dimension_ids(connection),
        batches=tuple(_batch(connection, table) for table in EXPECTATION_TABLES),
    )


def _batch(connection: duckdb.DuckDBPyConnection, table: str) -> ExpectationBatch:
    if table not in DOCUMENT_EXPECTATION_TABLES:
        return ExpectationBatch(table, connection.execute(f"select * from {table}").df(), None)
    rows = connection.execute(
        f"select * from {table} semi join check_scope using (document_id)"
    ).df()
    return ExpectationBatch(table, rows, tuple(sorted(rows["document_id"].unique())))


def read_dimension_ids(connection: duckdb.DuckDBPyConnection) -> DimensionIds:
    def ids(column: str, table: str) -> list[str]:
        rows = connection.execute(f"select {column} from {table}").fetchall()
        return [value for (value,) in rows]

    return DimensionIds(
        metric_ids=ids("metric_id", "marts.dim_metric"),
        segment_ids=ids("segment_id", "marts.dim_segment"),
        document_ids=ids("document_id", "check_scope"),
        period_ids=ids("period_id", "marts.dim_period"),
    )
