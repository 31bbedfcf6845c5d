"""`full_refresh_schedule`: every document staged again, then the warehouse built and published.

A refresh re-reads documents that did not change, so that a new reader or interpreter, or a
changed vocabulary, reaches every document of the warehouse; and a document whose ingest run
failed is picked up again.
"""

from __future__ import annotations

import dagster as dg

from assets.sources import documents_partitions
from pipelines.partitions import partitions_run_request


def full_refresh_request(
    instance: dg.DagsterInstance, run_key: str | None = None
) -> dg.RunRequest | dg.SkipReason:
    """One run over every document partition, in the order they were added."""
    keys = instance.get_dynamic_partitions(documents_partitions.name)
    if not keys:
        return dg.SkipReason("no document partition yet: the inbox sensor adds them")
    return partitions_run_request(keys, run_key=run_key)


def build_full_refresh_schedule(
    full_refresh_job: dg.UnresolvedAssetJobDefinition, cron_schedule: str
) -> dg.ScheduleDefinition:
    @dg.schedule(
        name="full_refresh_schedule",
        job=full_refresh_job,
        cron_schedule=cron_schedule,
        execution_timezone="UTC",
        default_status=dg.DefaultScheduleStatus.RUNNING,
        description=(
            f"Runs {full_refresh_job.name} over every document partition ({cron_schedule}, UTC)."
        ),
    )
    def full_refresh_schedule(
        context: dg.ScheduleEvaluationContext,
    ) -> dg.RunRequest | dg.SkipReason:
        return full_refresh_request(
            context.instance, run_key=context.scheduled_execution_time.isoformat()
        )

    return full_refresh_schedule
