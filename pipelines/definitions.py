"""The one `Definitions` of the project: assets, resources, jobs. Loading it does no I/O."""

from __future__ import annotations

import dagster as dg

from assets.checks import check_results, warehouse_checks
from assets.models import warehouse_models
from assets.publish import published_warehouse
from assets.report import data_dictionary, revenues_and_margins_chart
from assets.sources import document_extracts, documents_partitions
from pipelines.resources import build_resources
from pipelines.settings import Settings

extract_documents_job = dg.define_asset_job(
    "extract_documents_job",
    selection=[document_extracts],
    partitions_def=documents_partitions,
    description="Stage one document's extract (a run per partition, i.e. per document).",
    # A run here is a single step: a subprocess for it would only add start-up time.
    executor_def=dg.in_process_executor,
)
build_warehouse_job = dg.define_asset_job(
    "build_warehouse_job",
    selection=dg.AssetSelection.assets(
        warehouse_models, check_results, published_warehouse, revenues_and_margins_chart,
        data_dictionary,
    ),
    description=(
        "Build every SQL model from the staged extracts, run the checks, then publish the "
        "warehouse unless a blocking check failed, with its chart and data dictionary."
    ),
)
full_refresh_job = dg.define_asset_job(
    "full_refresh_job",
    selection=dg.AssetSelection.all(),
    partitions_def=documents_partitions,
    description=(
        "Stage every document, build and publish, in one run: launch it over the whole range "
        "of document partitions."
    ),
)

defs = dg.Definitions(
    assets=[
        document_extracts, warehouse_models, check_results, published_warehouse,
        revenues_and_margins_chart, data_dictionary,
    ],
    asset_checks=warehouse_checks,
    resources=build_resources(Settings.from_env()),
    jobs=[extract_documents_job, build_warehouse_job, full_refresh_job],
    executor=dg.multiprocess_executor,
)


# Module-level job factories, so that `dagster.reconstructable` can rebuild each job in the
# processes that execute its steps.
def extract_documents_job_def() -> dg.JobDefinition:
    return defs.resolve_job_def(extract_documents_job.name)


def build_warehouse_job_def() -> dg.JobDefinition:
    return defs.resolve_job_def(build_warehouse_job.name)


def full_refresh_job_def() -> dg.JobDefinition:
    return defs.resolve_job_def(full_refresh_job.name)
