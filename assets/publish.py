"""`published_warehouse`: the run's build replaces the published DuckDB file and Parquet copies."""

import dagster as dg

from assets.checks import check_results
from assets.models import MODEL_SPECS
from pipelines.publishing import data_docs_dir, parquet_dir, publish_build
from pipelines.resources import WarehouseResource


@dg.asset(
    # Every model and the checks are upstream, so a blocking asset check (blocking=True) that
    # fails with ERROR severity on any of them skips this step: nothing is published.
    deps=[*(spec.key for spec in MODEL_SPECS), check_results.key],
    group_name="publish",
    kinds={"duckdb", "parquet"},
)
def published_warehouse(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """The warehouse consumers open: this run's build file, moved onto the warehouse path in one
    rename, and a Parquet folder per marts table beside it, swapped in whole."""
    build = warehouse.build_file(context.run.run_id)
    tables = publish_build(build, warehouse.warehouse_file)
    context.log.info(f"published {warehouse.warehouse_file} ({len(tables)} marts tables)")
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(warehouse.warehouse_file)),
            "parquet_dir": dg.MetadataValue.path(str(parquet_dir(warehouse.warehouse_file))),
            "data_docs": dg.MetadataValue.path(
                str(data_docs_dir(warehouse.warehouse_file.parent) / "index.html")
            ),
            "tables": dg.MetadataValue.text(", ".join(tables)),
        }
    )
