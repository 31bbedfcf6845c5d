"""`published_warehouse`: the run's build replaces the published DuckDB file and Parquet copies."""

import dagster as dg
import duckdb

from assets.checks import check_results
from assets.models import MODEL_SPECS
from assets.resources import WarehouseResource
from assets.ui import OWNERS, PUBLISH, data_docs_metadata
from checks.catalog import DATA_DOCS_INDEX
from reporting.summary import summarize
from warehousing.publishing import data_docs_dir, parquet_dir, publish_build


@dg.asset(
    # Every model and the checks are upstream, so a blocking asset check (blocking=True) that
    # fails with ERROR severity on any of them skips this step: nothing is published.
    deps=[*(spec.key for spec in MODEL_SPECS), check_results.key],
    group_name=PUBLISH,
    kinds={"duckdb", "parquet"},
    owners=OWNERS,
)
def published_warehouse(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """The warehouse consumers open: this run's build file, moved onto the warehouse path in one
    rename, and a Parquet folder per marts table beside it, swapped in whole. The metadata gives
    each document's coverage (facts, quarantined cells, checks) and each marts table's size."""
    build = warehouse.build_file(context.run.run_id)
    published = warehouse.warehouse_file
    tables = publish_build(build, published)
    context.log.info(f"published {published} ({len(tables)} marts tables)")
    with duckdb.connect(str(published), read_only=True) as connection:
        summary = summarize(connection)
    total = summary.total
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(published)),
            "parquet_dir": dg.MetadataValue.path(str(parquet_dir(published))),
            **data_docs_metadata(data_docs_dir(published.parent) / DATA_DOCS_INDEX),
            "documents": dg.MetadataValue.int(len(summary.documents)),
            "documents_in_error": dg.MetadataValue.int(summary.documents_in_error),
            "facts": dg.MetadataValue.int(total.facts),
            "quarantined_cells": dg.MetadataValue.int(total.quarantined),
            "checks_passed": dg.MetadataValue.int(total.passed),
            "checks_warned": dg.MetadataValue.int(total.warned),
            "coverage": dg.MetadataValue.md(summary.coverage_markdown()),
            "tables": dg.MetadataValue.md(summary.tables_markdown()),
        }
    )
