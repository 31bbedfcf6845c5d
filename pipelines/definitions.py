"""The one `Definitions` of the project: assets, resources, jobs, the inbox sensor and the
full-refresh schedule. Loading it does no I/O."""

from __future__ import annotations

import importlib

import dagster as dg

from assets.checks import check_results, warehouse_checks
from assets.models import warehouse_models
from assets.publish import published_warehouse
from assets.report import data_dictionary, revenues_and_margins_chart, vocabulary_review
from assets.sources import document_extracts
from pipelines.liveness import dead_runs_sensor
from pipelines.resources import build_resources
from pipelines.schedules import build_full_refresh_schedule
from pipelines.sensors import build_inbox_sensor
from pipelines.settings import EXECUTORS, Settings

SETTINGS = Settings.from_env()


def executor_named(name: str) -> dg.ExecutorDefinition:
    """The executor of a name of settings.EXECUTORS, imported only when chosen."""
    module, attribute = EXECUTORS[name]
    return getattr(importlib.import_module(module), attribute)


# Runs that publish the warehouse go one at a time, in the order they were queued: the instance's
# run queue limits this tag to one run (dagster.yaml, written by the Makefile).
PUBLISHES = {"iij/publishes": "warehouse"}


def _stage_and_publish_job(name: str, description: str) -> dg.UnresolvedAssetJobDefinition:
    """A job whose run stages the documents of its partitions, then builds, checks and publishes
    the warehouse from every staged document of the inbox."""
    return dg.define_asset_job(
        name,
        selection=dg.AssetSelection.all(),
        tags=PUBLISHES,
        description=description,
    )


extract_documents_job = dg.define_asset_job(
    "extract_documents_job",
    selection=[document_extracts],
    description=(
        "Stage the documents of the run's partitions (one, a range or all), each in a process "
        "of its own, without building the warehouse."
    ),
)
build_warehouse_job = dg.define_asset_job(
    "build_warehouse_job",
    selection=dg.AssetSelection.assets(
        warehouse_models, check_results, published_warehouse, revenues_and_margins_chart,
        data_dictionary, vocabulary_review,
    ),
    description=(
        "Build every SQL model from the staged extracts, run the checks, then publish the "
        "warehouse unless a blocking check failed, with its chart, data dictionary and "
        "vocabulary review."
    ),
    tags=PUBLISHES,
)
full_refresh_job = _stage_and_publish_job(
    "full_refresh_job",
    "Stage every document again, then build, check and publish, in one run over the whole "
    "range of document partitions (full_refresh_schedule; `python -m pipelines.cli refresh`).",
)
ingest_documents_job = _stage_and_publish_job(
    "ingest_documents_job",
    "Stage the documents of the run's partitions only (the new ones: inbox_sensor launches it), "
    "then build, check and publish the warehouse from every staged document of the inbox.",
)
inbox_sensor = build_inbox_sensor(
    ingest_documents_job, build_warehouse_job, SETTINGS.inbox_poll_seconds
)
full_refresh_schedule = build_full_refresh_schedule(full_refresh_job, SETTINGS.full_refresh_cron)

defs = dg.Definitions(
    assets=[
        document_extracts, warehouse_models, check_results, published_warehouse,
        revenues_and_margins_chart, data_dictionary, vocabulary_review,
    ],
    asset_checks=warehouse_checks,
    resources=build_resources(SETTINGS),
    jobs=[extract_documents_job, build_warehouse_job, full_refresh_job, ingest_documents_job],
    sensors=[inbox_sensor, dead_runs_sensor],
    schedules=[full_refresh_schedule],
    executor=executor_named(SETTINGS.executor),
)


# Module-level job factories, so that `dagster.reconstructable` can rebuild each job in the
# processes that execute its steps.
def extract_documents_job_def() -> dg.JobDefinition:
    return defs.resolve_job_def(extract_documents_job.name)


def build_warehouse_job_def() -> dg.JobDefinition:
    return defs.resolve_job_def(build_warehouse_job.name)


def full_refresh_job_def() -> dg.JobDefinition:
    return defs.resolve_job_def(full_refresh_job.name)


def ingest_documents_job_def() -> dg.JobDefinition:
    return defs.resolve_job_def(ingest_documents_job.name)
