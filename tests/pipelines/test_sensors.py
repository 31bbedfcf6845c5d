"""The inbox sensor and the full-refresh schedule, evaluated with Dagster's test contexts on a
temporary instance whose document partitions change as the sensor daemon would change them."""

import os
import shutil
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg
import pytest

from assets.resources import WarehouseResource
from assets.sources import document_extracts, documents_partitions
from benchmarks.synthetic_decks import synthetic_decks
from extraction.model import document_id_for
from pipelines.definitions import (
    build_warehouse_job,
    executor_named,
    full_refresh_job,
    full_refresh_schedule,
    inbox_sensor,
    ingest_documents_job,
)
from pipelines.partitions import apply_partition_requests
from pipelines.settings import DEFAULT_FULL_REFRESH_CRON, PROJECT_ROOT, Settings
from tests.integration.inboxes import dagster_home, make_pipeline, run_pipeline
from warehousing.inbox import InboxFile, file_sha256, scan_inbox

SOURCES = sorted((PROJECT_ROOT / "sources").glob("*.txt"))


def document_id(path: Path) -> str:
    return document_id_for(file_sha256(path))


def settled(path: Path) -> Path:
    """The file as if written a minute ago: the sensor leaves files still being written alone."""
    a_minute_ago = time.time() - 60
    os.utime(path, (a_minute_ago, a_minute_ago))
    return path


@dataclass
class Inbox:
    """An inbox folder watched by the inbox sensor: each `tick` evaluates the sensor, then applies
    its partition requests and keeps its cursor, as the daemon does."""

    folder: Path
    instance: dg.DagsterInstance
    warehouse: WarehouseResource
    cursor: str | None = None

    def add(self, source: Path, name: str | None = None) -> Path:
        return settled(Path(shutil.copy(source, self.folder / (name or source.name))))

    def tick(self) -> dg.SensorResult:
        context = dg.build_sensor_context(
            instance=self.instance, cursor=self.cursor, resources={"warehouse": self.warehouse}
        )
        result = inbox_sensor(context)
        apply_partition_requests(self.instance, result.dynamic_partitions_requests or [])
        self.cursor = result.cursor
        return result

    @property
    def partitions(self) -> list[str]:
        return self.instance.get_dynamic_partitions(documents_partitions.name)


@pytest.fixture
def inbox(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    warehouse = WarehouseResource(
        sources_dir=str(folder),
        warehouse_path=str(tmp_path / "warehouse" / "iij.duckdb"),
        staging_dir=str(tmp_path / "staging"),
        contract_dir=str(PROJECT_ROOT / "contract"),
        max_document_mb=50,
        max_pages=200,
    )
    with dg.instance_for_test() as instance:
        yield Inbox(folder, instance, warehouse)


def test_a_new_file_becomes_its_partition_and_a_run_of_just_that_partition(inbox):
    first = inbox.add(SOURCES[0])
    [request] = inbox.tick().run_requests
    assert inbox.partitions == [document_id(first)]
    assert request.job_name == ingest_documents_job.name
    assert request.partition_key == inbox.partitions[0]

    second = inbox.add(SOURCES[1])
    result = inbox.tick()
    [request] = result.run_requests
    assert request.job_name == ingest_documents_job.name
    assert request.partition_key == document_id(second)
    assert request.partition_key_range is None
    assert inbox.partitions == [document_id(first), document_id(second)]


def test_an_unchanged_inbox_starts_nothing(inbox):
    inbox.add(SOURCES[0])
    inbox.tick()
    result = inbox.tick()
    assert not result.run_requests and not result.dynamic_partitions_requests
    assert "documents of" in str(result.skip_reason)


def test_a_renamed_copy_of_a_known_document_adds_nothing(inbox):
    original = inbox.add(SOURCES[0])
    inbox.tick()
    inbox.add(original, "copy of the 1H07 deck.txt")
    original.rename(inbox.folder / "renamed.txt")
    result = inbox.tick()
    assert not result.run_requests and not result.dynamic_partitions_requests
    assert inbox.partitions == [document_id(inbox.folder / "renamed.txt")]


def test_a_changed_file_is_picked_up_and_its_old_version_dropped(inbox):
    deck = inbox.add(SOURCES[1])
    inbox.tick()
    old_id = document_id(deck)
    text = deck.read_text(encoding="utf-8")
    deck.write_text(text.replace("Equipment Sales\t531\t", "Equipment Sales\t532\t"), "utf-8")
    settled(deck)
    [request] = inbox.tick().run_requests
    assert document_id(deck) != old_id
    assert request.partition_key == document_id(deck)
    assert inbox.partitions == [document_id(deck)]


def test_a_removed_file_is_deleted_and_the_warehouse_rebuilt_without_it(inbox):
    kept, removed = inbox.add(SOURCES[0]), inbox.add(SOURCES[1])
    inbox.tick()
    removed.unlink()
    [request] = inbox.tick().run_requests
    assert request.job_name == build_warehouse_job.name
    assert request.partition_key is None and not request.tags
    assert inbox.partitions == [document_id(kept)]


def test_files_arriving_together_are_one_run_over_exactly_their_partitions(inbox):
    inbox.add(SOURCES[0])
    inbox.tick()
    arrived = [inbox.add(source) for source in SOURCES[1:4]]
    [request] = inbox.tick().run_requests
    keys = inbox.partitions
    selected = keys[keys.index(request.partition_key_range.start) :]
    selected = selected[: selected.index(request.partition_key_range.end) + 1]
    assert selected == [document_id(path) for path in arrived]
    assert request.job_name == ingest_documents_job.name and request.partition_key is None


def test_a_file_still_being_written_waits_for_a_later_look(inbox):
    deck = inbox.add(SOURCES[0])
    inbox.tick()
    copying = Path(shutil.copy(SOURCES[1], inbox.folder / SOURCES[1].name))
    with deck.open("a", encoding="utf-8") as growing:
        growing.write("\nmore text arriving\n")
    result = inbox.tick()
    assert not result.run_requests and not result.dynamic_partitions_requests
    assert inbox.partitions == [document_id(SOURCES[0])]
    settled(copying)
    settled(deck)
    [request] = inbox.tick().run_requests
    # in file-name order: the grown 1H07 deck (a changed document), then the copied 2Q06 deck
    assert inbox.partitions == [document_id(deck), document_id(copying)]
    assert request.partition_key_range.start == document_id(deck)


def test_the_cursor_spares_hashing_a_file_whose_size_and_time_are_unchanged(inbox):
    deck = inbox.add(SOURCES[0])
    inbox.tick()
    [seen] = scan_inbox(inbox.folder).files
    stale = InboxFile(seen.name, seen.size, seen.mtime_ns, "remembered-id")
    assert scan_inbox(inbox.folder, known=[stale]).documents == {"remembered-id": deck}
    touched = InboxFile(seen.name, seen.size, seen.mtime_ns - 1, "remembered-id")
    assert scan_inbox(inbox.folder, known=[touched]).documents == {document_id(deck): deck}


def test_the_full_refresh_schedule_runs_every_partition_once_a_day(inbox):
    for source in SOURCES[:3]:
        inbox.add(source)
    at = datetime(2026, 1, 5, 3, tzinfo=UTC)
    context = dg.build_schedule_context(instance=inbox.instance, scheduled_execution_time=at)
    assert isinstance(full_refresh_schedule(context), dg.SkipReason)

    inbox.tick()
    request = full_refresh_schedule(context)
    assert full_refresh_schedule.job_name == full_refresh_job.name
    assert full_refresh_schedule.cron_schedule == DEFAULT_FULL_REFRESH_CRON == "0 3 * * *"
    assert request.run_key == at.isoformat()
    assert (request.partition_key_range.start, request.partition_key_range.end) == (
        document_id(SOURCES[0]),
        document_id(SOURCES[2]),
    )
    assert len(inbox.partitions) == 3


def materialized_partitions(pipeline, job_name: str) -> list[str | None]:
    """The document_extracts partitions the latest run of `job_name` materialized."""
    with dg.DagsterInstance.from_config(str(dagster_home(pipeline))) as instance:
        [run, *_] = instance.get_runs(filters=dg.RunsFilter(job_name=job_name), limit=1)
        events = instance.all_logs(run.run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION)
        return sorted(
            event.dagster_event.partition
            for event in events
            if event.dagster_event.asset_key == document_extracts.key
        )


@pytest.mark.slow
def test_an_ingest_run_stages_only_the_new_document_and_publishes_it(tmp_path):
    pipeline = run_pipeline(make_pipeline(tmp_path))
    staged_before = {path: path.stat().st_mtime_ns for path in pipeline.staging.rglob("*.parquet")}
    [(name, text)] = synthetic_decks(1)
    (pipeline.inbox / name).write_text(text, encoding="utf-8")
    new_id = document_id(pipeline.inbox / name)

    ingested = run_pipeline(pipeline, "ingest")
    assert "1 new or changed documents, 0 gone" in ingested.first_output
    assert materialized_partitions(pipeline, ingest_documents_job.name) == [new_id]
    assert {path: path.stat().st_mtime_ns for path in staged_before} == staged_before
    assert (name, "ok") in pipeline.query("select source_file, status from marts.dim_document")

    (pipeline.inbox / name).unlink()
    removed = run_pipeline(pipeline, "ingest")
    assert "0 new or changed documents, 1 gone" in removed.first_output
    assert f"{build_warehouse_job.name} (run " in removed.first_output
    published = pipeline.query("select document_id from marts.dim_document")
    assert new_id not in {document for (document,) in published}


def test_the_watch_the_schedule_and_the_executor_are_settings():
    defaults = Settings.from_env({})
    assert (defaults.inbox_poll_seconds, defaults.full_refresh_cron, defaults.executor) == (
        30, "0 3 * * *", "in_process",
    )
    assert inbox_sensor.minimum_interval_seconds == defaults.inbox_poll_seconds
    custom = Settings.from_env(
        {"IIJ_INBOX_POLL_SECONDS": "5", "IIJ_EXECUTOR": "multiprocess", "IIJ_EXTRACT_WORKERS": "3"}
    )
    assert (custom.inbox_poll_seconds, custom.extract_workers) == (5, 3)
    assert executor_named(custom.executor) is dg.multiprocess_executor
    assert executor_named(defaults.executor) is dg.in_process_executor
    with pytest.raises(ValueError, match="IIJ_EXECUTOR='threads' is not one of in_process, "):
        Settings.from_env({"IIJ_EXECUTOR": "threads"})
