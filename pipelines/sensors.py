"""`inbox_sensor`: every new or changed document of the inbox becomes a partition and a run.

Each look at the inbox compares its documents (by content id) with the document partitions. New
ids (a new file, or a file whose bytes changed) are added as partitions and one run of the ingest
job stages just them, then builds and publishes the warehouse; ids no longer in the inbox are
deleted, and when nothing was added a build_warehouse_job run publishes the warehouse without
them. A renamed file or a copy under another name has a known id: it starts nothing. The cursor
keeps each file's size and modification time, so an unchanged file is not hashed again; a file
modified in the last `SETTLE_SECONDS` may still be being copied and waits for a later look.
"""

from __future__ import annotations

import json
import time

import dagster as dg

from assets.resources import WarehouseResource
from assets.sources import documents_partitions
from pipelines.partitions import partition_requests, partitions_run_request
from warehousing.inbox import InboxChanges, InboxFile, compare_inbox, scan_inbox

SETTLE_SECONDS = 5


def inbox_run_requests(
    changes: InboxChanges, ingest_job_name: str, build_job_name: str
) -> list[dg.RunRequest]:
    """The one run that brings the warehouse in step with the inbox after these changes."""
    if changes.added:
        return [partitions_run_request(changes.added, job_name=ingest_job_name)]
    if changes.removed:
        return [dg.RunRequest(job_name=build_job_name)]
    return []


def write_cursor(files: tuple[InboxFile, ...]) -> str:
    return json.dumps([[f.name, f.size, f.mtime_ns, f.document_id] for f in files])


def read_cursor(cursor: str | None) -> list[InboxFile]:
    return [InboxFile(*fields) for fields in json.loads(cursor)] if cursor else []


def build_inbox_sensor(
    ingest_job: dg.UnresolvedAssetJobDefinition,
    build_job: dg.UnresolvedAssetJobDefinition,
    minimum_interval_seconds: int,
) -> dg.SensorDefinition:
    @dg.sensor(
        name="inbox_sensor",
        jobs=[ingest_job, build_job],
        minimum_interval_seconds=minimum_interval_seconds,
        default_status=dg.DefaultSensorStatus.RUNNING,
        description=(
            "Watches the inbox: a new or changed document becomes a partition and an "
            f"{ingest_job.name} run that stages it alone, then builds and publishes; a removed "
            f"one is deleted and the warehouse rebuilt without it ({build_job.name})."
        ),
    )
    def inbox_sensor(
        context: dg.SensorEvaluationContext, warehouse: WarehouseResource
    ) -> dg.SensorResult:
        inbox = scan_inbox(
            warehouse.layout.inbox,
            known=read_cursor(context.cursor),
            settled_before=time.time() - SETTLE_SECONDS,
        )
        known = context.instance.get_dynamic_partitions(documents_partitions.name)
        changes = compare_inbox(known, inbox.documents)
        cursor = write_cursor(inbox.files)
        if not changes:
            return dg.SensorResult(
                skip_reason=f"the {len(known)} documents of {warehouse.layout.inbox} are known",
                cursor=cursor,
            )
        context.log.info(
            f"{len(changes.added)} new documents {list(changes.added)}, "
            f"{len(changes.removed)} gone {list(changes.removed)}"
        )
        return dg.SensorResult(
            run_requests=inbox_run_requests(changes, ingest_job.name, build_job.name),
            dynamic_partitions_requests=partition_requests(changes),
            cursor=cursor,
        )

    return inbox_sensor
