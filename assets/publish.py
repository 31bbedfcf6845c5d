"""`published_warehouse`: the run's build replaces the published DuckDB file and Parquet copies."""

import dagster as dg
import duckdb

from assets.checks import check_results
from assets.models import MODEL_SPECS
from assets.resources import ValidationResource, WarehouseResource
from assets.ui import OWNERS, PUBLISH, data_docs_metadata
from checks.catalog import DATA_DOCS_INDEX
from reporting.summary import summarize
from warehousing.publishing import publish_build

# A run in one of these may still be building in `.build/<run_id>/`: publishing keeps its build.
# A run whose process died leaves them once it is failed (pipelines/liveness.py).
IN_PROGRESS = [
    dg.DagsterRunStatus.QUEUED,
    dg.DagsterRunStatus.NOT_STARTED,
    dg.DagsterRunStatus.STARTING,
    dg.DagsterRunStatus.STARTED,
    dg.DagsterRunStatus.CANCELING,
]


def runs_in_progress(instance: dg.DagsterInstance) -> set[str]:
    return {run.run_id for run in instance.get_runs(dg.RunsFilter(statuses=IN_PROGRESS))}


@dg.asset(
    # Every model and the checks are upstream, so a blocking asset check (blocking=True) that
    # fails with ERROR severity on any of them skips this step: nothing is published.
    deps=[*(spec.key for spec in MODEL_SPECS), check_results.key],
    group_name=PUBLISH,
    kinds={"duckdb", "parquet"},
    owners=OWNERS,
)
def published_warehouse(
    context: dg.AssetExecutionContext,
    warehouse: WarehouseResource,
    validation: ValidationResource,
) -> dg.MaterializeResult:
    """The warehouse consumers open: this run's build file, its Parquet folder per marts table
    and its Data Docs, switched in together by one rename while holding the warehouse's lock
    (warehousing/publishing.py). The metadata gives each document's coverage (facts, quarantined
    cells, checks) and each marts table's size."""
    layout = warehouse.layout
    validation.wait_for_data_docs()
    tables = publish_build(
        layout,
        context.run.run_id,
        keep_builds=runs_in_progress(context.instance),
        lock_timeout_s=warehouse.publish_lock_timeout_s,
    )
    context.log.info(f"published {layout.database} ({len(tables)} marts tables)")
    with duckdb.connect(str(layout.database), read_only=True) as connection:
        summary = summarize(connection)
    total = summary.total
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(layout.database)),
            "parquet_dir": dg.MetadataValue.path(str(layout.parquet_dir)),
            **data_docs_metadata(layout.data_docs_dir / DATA_DOCS_INDEX),
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
