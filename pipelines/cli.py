"""`python -m pipelines.cli`: run the pipeline with Dagster's own execution, from a terminal.

`run` stages every inbox document in one run of `extract_documents_job`, each document in a
process of its own ($IIJ_EXTRACT_WORKERS at a time), then builds and publishes the warehouse in
one `build_warehouse_job` run. `ingest` does once what the inbox sensor does: it stages only the
documents that are new or changed, then builds and publishes, in one `ingest_documents_job`
run (or rebuilds without the documents that left the inbox). `build` only builds and publishes
from what is staged; `refresh` does everything in one `full_refresh_job` run. Every run is
recorded in the instance at $DAGSTER_HOME, where the UI (`make dev`) shows it.

The terminal gets one line per document and a summary; what Dagster and its worker processes
write (debug logs, warnings) goes to a file of this CLI run's own,
$DAGSTER_HOME/logs/<time>-<pid>.log, or to the terminal with `--verbose`.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import duckdb

from assets.sources import documents_partitions
from checks.catalog import DATA_DOCS_INDEX
from checks.validation import ValidationProcess
from pipelines import definitions
from pipelines.liveness import fail_dead_runs
from pipelines.partitions import (
    apply_partition_requests,
    partition_requests,
    partitions_run_request,
    run_tags,
)
from pipelines.sensors import inbox_run_requests
from pipelines.settings import Settings
from reporting.summary import (
    COVERAGE_COLUMNS,
    format_table,
    held_back_documents,
    printable,
    summarize,
)
from warehousing.inbox import Inbox, InboxChanges, RejectedFile, compare_inbox, scan_inbox
from warehousing.isolation import start_fork_server
from warehousing.layout import WarehouseLayout
from warehousing.staging import StagedDocument, document_path, read_staged

# The exit code of a run that published, but held documents back (1: a run failed or was blocked).
HELD_BACK_EXIT = 3
PROGRESS_POLL_S = 0.2
# The jobs the inbox sensor requests, by name.
JOBS = {
    definitions.build_warehouse_job.name: definitions.build_warehouse_job_def,
    definitions.ingest_documents_job.name: definitions.ingest_documents_job_def,
}


@dataclass(frozen=True)
class RunOutcome:
    """What one Dagster run did, in plain values that cross process boundaries."""

    run_id: str
    success: bool
    failure: str | None

    @classmethod
    def of(cls, result: dg.ExecuteJobResult) -> RunOutcome:
        failures = [
            event.step_failure_data.error.message.strip()
            for event in result.get_step_failure_events()
            if event.step_failure_data.error
        ]
        if not result.success and not failures:
            failures = [result.get_run_failure_event().message]
        return cls(result.run_id, result.success, "; ".join(failures) or None)


def sync_partitions(instance: dg.DagsterInstance, document_ids: Sequence[str]) -> InboxChanges:
    """Make the document partitions the documents now in the inbox, no more, no less, as the
    inbox sensor does; returns what changed."""
    known = instance.get_dynamic_partitions(documents_partitions.name)
    changes = compare_inbox(known, document_ids)
    apply_partition_requests(instance, partition_requests(changes))
    return changes


def execute(
    instance: dg.DagsterInstance, job_def: Callable[[], dg.JobDefinition], tags: dict | None = None
) -> RunOutcome:
    result = dg.execute_job(dg.reconstructable(job_def), instance, tags=tags)
    outcome = RunOutcome.of(result)
    status = "ok" if outcome.success else f"RUN FAILED  {outcome.failure}"
    print(f"{job_def().name} (run {outcome.run_id[:8]}): {status}", flush=True)
    return outcome


def execute_request(instance: dg.DagsterInstance, request: dg.RunRequest) -> RunOutcome:
    return execute(instance, JOBS[request.job_name], run_tags(request))


def every_document_tags(instance: dg.DagsterInstance) -> dict[str, str]:
    """Tags of a run over every document partition."""
    return run_tags(
        partitions_run_request(instance.get_dynamic_partitions(documents_partitions.name))
    )


def extract(
    instance: dg.DagsterInstance, inbox: dict[str, Path], documents_dir: Path
) -> RunOutcome:
    """One extract_documents_job run over every document partition, a line per document."""
    tags = every_document_tags(instance)
    with reporting_progress(documents_dir, inbox, list(inbox)):
        return execute(instance, definitions.extract_documents_job_def, tags)


def ingest(
    instance: dg.DagsterInstance, changes: InboxChanges, inbox: dict[str, Path], documents_dir: Path
) -> list[RunOutcome]:
    """The run the inbox sensor would request for these changes, executed here."""
    requests = inbox_run_requests(
        changes, definitions.ingest_documents_job.name, definitions.build_warehouse_job.name
    )
    print(f"{len(changes.added)} new or changed documents, {len(changes.removed)} gone", flush=True)
    with reporting_progress(documents_dir, inbox, list(changes.added)):
        return [execute_request(instance, request) for request in requests]


@contextmanager
def reporting_progress(
    documents_dir: Path, inbox: dict[str, Path], document_ids: list[str]
) -> Iterator[None]:
    """Print a line per document as soon as its extract is staged, while the run goes on."""
    started = time.time()
    pending = list(document_ids)
    finished = threading.Event()

    def report_staged() -> None:
        while pending:
            run_over = finished.is_set()
            for document_id in [d for d in pending if _staged_since(documents_dir, d, started)]:
                pending.remove(document_id)
                staged = read_staged(documents_dir, document_id)
                done = len(document_ids) - len(pending)
                line = f"[{done}/{len(document_ids)}] {printable(inbox[document_id].name):<32}"
                print(f"{line} {_staged_line(staged)}", flush=True)
            if run_over:
                return
            finished.wait(PROGRESS_POLL_S)

    reporter = threading.Thread(target=report_staged, daemon=True)
    reporter.start()
    try:
        yield
    finally:
        finished.set()
        reporter.join()


def _staged_since(documents_dir: Path, document_id: str, started: float) -> bool:
    try:
        return document_path(documents_dir, document_id).stat().st_mtime >= started
    except FileNotFoundError:
        return False


def _staged_line(staged: StagedDocument) -> str:
    if staged.error:
        return f"not read: {printable(staged.error)}"
    return f"ok  {staged.facts} facts, {staged.quarantined} quarantined"


def print_summary(database: Path, heading: str) -> None:
    """Documents and check results as a warehouse file (published, or a kept build) records them."""
    with duckdb.connect(str(database), read_only=True) as connection:
        summary = summarize(connection)
    print(f"\n{heading}\n{format_table(COVERAGE_COLUMNS, summary.rows())}")
    for message in summary.blocking_failures:
        print(f"  blocking: {printable(message)}")
    for document in summary.held_back:
        print(
            f"  HELD BACK {printable(document.source_file)} ({document.document_id}), "
            "not published:"
        )
        for message in document.failures:
            print(f"    {printable(message)}")


def print_published_files(layout: WarehouseLayout) -> None:
    files = {
        "warehouse": layout.database,
        "parquet": layout.parquet_dir,
        "data docs": layout.data_docs_dir / DATA_DOCS_INDEX,
        "chart": layout.chart_file,
        "dictionary": layout.dictionary_file,
        "vocabulary": layout.vocabulary_review_file,
    }
    for name, path in files.items():
        if path.exists():
            print(f"{name + ':':<13}{path}")


def print_rejected(rejected: Sequence[RejectedFile]) -> None:
    """The inbox entries with a document's name that are not read, and why."""
    for entry in rejected:
        print(f"not read: {printable(entry.message)}", flush=True)


def report(layout: WarehouseLayout, last: RunOutcome | None) -> None:
    """The published warehouse; after a run stopped by its checks, also the build it kept."""
    kept = layout.build_file(last.run_id) if last and not last.success else None
    if kept and kept.is_file():
        print_summary(kept, f"NOT PUBLISHED: the checks stopped this build (kept at {kept})")
    if layout.database.is_file():
        print_summary(layout.database, f"published warehouse {layout.database}")
        print()
        print_published_files(layout)
    else:
        print(f"\nno warehouse published at {layout.database}")


def run_log_name() -> str:
    """This CLI run's log: when it started, and its process, so that two runs started in the
    same second still write files of their own."""
    return f"{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-{os.getpid()}"


@contextmanager
def dagster_output_to(log_file: Path | None) -> Iterator[None]:
    """Send what this process and every worker process it starts write to stderr (Dagster's
    debug logs, warnings) to `log_file`, so that the terminal shows the progress and the
    summary only; with None, leave stderr alone."""
    if log_file is None:
        yield
        return
    log_file.parent.mkdir(parents=True, exist_ok=True)
    sys.stderr.flush()
    terminal = os.dup(2)
    try:
        # Appended to: a validation process started ahead may have written to it already.
        with log_file.open("a") as log:
            # At the descriptor, not sys.stderr: spawned workers inherit descriptor 2.
            os.dup2(log.fileno(), 2)
            yield
    finally:
        sys.stderr.flush()
        os.dup2(terminal, 2)
        os.close(terminal)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines.cli", description=__doc__)
    parser.add_argument("command", choices=("run", "ingest", "build", "refresh"))
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="show Dagster's own logs on the terminal (by default they go to a file of this "
        "run's own in $DAGSTER_HOME/logs/)",
    )
    arguments = parser.parse_args(argv)
    command = arguments.command
    settings = Settings.from_env()
    layout = settings.layout
    scanned = scan_inbox(layout.inbox)
    inbox = scanned.documents
    if not inbox:
        print_rejected(scanned.rejected)
        print(f"no .txt or .pdf document in {layout.inbox}", file=sys.stderr)
        return 1
    log_file = None if arguments.verbose else layout.run_log(run_log_name())
    if log_file:
        log_file.parent.mkdir(parents=True, exist_ok=True)
    # Every command may end in a run that checks: its expectation suites' process imports Great
    # Expectations (seconds) from now on, while Dagster starts and creates the run.
    with ValidationProcess.started_ahead(stderr=log_file):
        try:
            instance = dg.DagsterInstance.get()
        except dg.DagsterError as exc:
            print(f"{str(exc).splitlines()[0]}\n(`make run` sets DAGSTER_HOME)", file=sys.stderr)
            return 2
        with instance:
            return run_command(command, instance, settings, scanned, log_file)


def run_command(
    command: str,
    instance: dg.DagsterInstance,
    settings: Settings,
    scanned: Inbox,
    log_file: Path | None,
) -> int:
    """The command's runs on the documents of the inbox, and their report; the exit code."""
    layout = settings.layout
    inbox = scanned.documents
    for run_id in fail_dead_runs(instance):
        print(f"run {run_id[:8]} had died: marked failed", flush=True)
    with dagster_output_to(log_file):
        changes = sync_partitions(instance, list(inbox))
        if command in ("run", "refresh") or (command == "ingest" and changes.added):
            # The extraction's processes come from a fork server, which imports the
            # extraction code while Dagster creates the run (a second each, side by side).
            start_fork_server()
        print(f"{len(inbox)} documents in {layout.inbox}", flush=True)
        print_rejected(scanned.rejected)
        documents_dir = layout.documents_dir
        if command == "refresh":
            every_document = every_document_tags(instance)
            outcomes = [execute(instance, definitions.full_refresh_job_def, every_document)]
        elif command == "ingest":
            outcomes = ingest(instance, changes, inbox, documents_dir)
        else:
            outcomes = [extract(instance, inbox, documents_dir)] if command == "run" else []
            if all(outcome.success for outcome in outcomes):
                outcomes.append(execute(instance, definitions.build_warehouse_job_def))
            else:
                print("not building: extraction failed; the warehouse is left as it was")
    report(layout, outcomes[-1] if outcomes else None)
    print_rejected(scanned.rejected)
    if log_file:
        print(f"{'dagster log:':<13}{log_file} (every run is also in the UI: make dev)")
    if not all(outcome.success for outcome in outcomes):
        return 1
    return HELD_BACK_EXIT if outcomes and held_back_in(settings.warehouse_path) else 0


def held_back_in(warehouse_path: Path) -> bool:
    """Whether the published warehouse holds documents back (this run published it)."""
    if not warehouse_path.is_file():
        return False
    with duckdb.connect(str(warehouse_path), read_only=True) as connection:
        return bool(held_back_documents(connection))


if __name__ == "__main__":
    exit_code = main()
    # The interpreter's last collections would walk every object Dagster and the libraries made
    # (a second); the process's end frees them all the same.
    gc.freeze()
    sys.exit(exit_code)
