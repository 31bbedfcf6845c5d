"""The document partitions: keeping them in step with the inbox, and runs over some of them."""

from __future__ import annotations

from collections.abc import Sequence

import dagster as dg

from assets.sources import documents_partitions
from warehousing.inbox import InboxChanges

PARTITION_TAG = "dagster/partition"
RANGE_START_TAG = "dagster/asset_partition_range_start"
RANGE_END_TAG = "dagster/asset_partition_range_end"


def partitions_run_request(
    keys: Sequence[str], *, job_name: str | None = None, run_key: str | None = None
) -> dg.RunRequest:
    """A run over these partitions: one key, or the range from the first to the last.

    A range holds every partition added between its ends, so `keys` must be consecutive in the
    order the partitions were added (documents added together are).
    """
    if not keys:
        raise ValueError("a run over document partitions needs at least one partition")
    if len(keys) == 1:
        return dg.RunRequest(run_key=run_key, job_name=job_name, partition_key=keys[0])
    return dg.RunRequest(
        run_key=run_key,
        job_name=job_name,
        tags={RANGE_START_TAG: keys[0], RANGE_END_TAG: keys[-1]},
    )


def partition_requests(
    changes: InboxChanges,
) -> list[dg.AddDynamicPartitionsRequest | dg.DeleteDynamicPartitionsRequest]:
    """The partition changes that make the document partitions those of the inbox: documents
    added, in inbox order, at the end of the partitions, and documents gone deleted."""
    requests: list[dg.AddDynamicPartitionsRequest | dg.DeleteDynamicPartitionsRequest] = []
    if changes.removed:
        requests.append(documents_partitions.build_delete_request(list(changes.removed)))
    if changes.added:
        requests.append(documents_partitions.build_add_request(list(changes.added)))
    return requests


def apply_partition_requests(
    instance: dg.DagsterInstance,
    requests: Sequence[dg.AddDynamicPartitionsRequest | dg.DeleteDynamicPartitionsRequest],
) -> None:
    """Apply partition requests to an instance as the sensor daemon does (the CLI has none)."""
    for request in requests:
        if isinstance(request, dg.DeleteDynamicPartitionsRequest):
            for key in request.partition_keys:
                instance.delete_dynamic_partition(request.partitions_def_name, key)
        else:
            instance.add_dynamic_partitions(request.partitions_def_name, request.partition_keys)


def run_tags(request: dg.RunRequest) -> dict[str, str]:
    """The tags a run request's run gets, its partition included."""
    partition = {PARTITION_TAG: request.partition_key} if request.partition_key else {}
    return {**request.tags, **partition}
