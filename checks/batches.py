"""What the expectation suites validate in a build: a batch of rows per table, and the ids its
dimensions allow. Read here, without Great Expectations, so that the rows can be validated in
another process (`checks.validation`)."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from checks.catalog import DOCUMENT_EXPECTATION_TABLES, EXPECTATION_TABLES

# Each fact's references to the dimensions, as the column of the batch that holds the referenced
# dimension row's id (null where the dimension has no such row): GX checks a row's columns, so
# a reference is checked as a join, whatever the size of the dimension.
DIMENSION_REFERENCES = {
    "document_id": "dim_document_id",
    "metric_id": "dim_metric_id",
    "segment_id": "dim_segment_id",
    "period_id": "dim_period_id",
}
# The rows of each document table a suite validates: those of the documents in scope.
SCOPED_QUERIES = {
    "staging.stg_cells": (
        "select * from staging.stg_cells semi join check_scope using (document_id)"
    ),
    "marts.fact_metric": """
select
    facts.*,
    documents.document_id as dim_document_id,
    metrics.metric_id as dim_metric_id,
    segments.segment_id as dim_segment_id,
    periods.period_id as dim_period_id
from marts.fact_metric as facts
left join marts.dim_document as documents on documents.document_id = facts.document_id
left join marts.dim_metric as metrics on metrics.metric_id = facts.metric_id
left join marts.dim_segment as segments on segments.segment_id = facts.segment_id
left join marts.dim_period as periods on periods.period_id = facts.period_id
where facts.document_id in (select document_id from check_scope)
order by facts.document_id, facts.table_id, facts.locator
""",
}


@dataclass(frozen=True)
class DimensionIds:
    """The ids of a dimension the suites check against as a set (small: the segments)."""

    segment_ids: list[str]


@dataclass(frozen=True)
class ExpectationBatch:
    """A table's rows to validate: a document table's rows of the documents in scope (with one
    result per document of `documents`), or a whole table (`documents` None)."""

    table: str
    # Arrow, not pandas: the process that reads the build needs no pandas, and Arrow pickles
    # its columns as they are.
    rows: pa.Table
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
        return ExpectationBatch(table, connection.table(table).to_arrow_table(), None)
    rows = connection.sql(SCOPED_QUERIES[table]).to_arrow_table()
    return ExpectationBatch(
        table, rows, tuple(sorted(pc.unique(rows["document_id"]).to_pylist()))
    )


def read_dimension_ids(connection: duckdb.DuckDBPyConnection) -> DimensionIds:
    rows = connection.execute("select segment_id from marts.dim_segment").fetchall()
    return DimensionIds(segment_ids=[segment for (segment,) in rows])
