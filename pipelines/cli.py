"""`python -m pipelines.cli`: run the pipeline with Dagster's own execution, from a terminal.

`run` stages every inbox document in its own run of `extract_documents_job` (two at a time, in
two worker processes), then builds and publishes the warehouse in one `build_warehouse_job`
run. `build` only builds and publishes from what is staged; `refresh` does everything in one
`full_refresh_job` run. Every run is recorded in the instance at $DAGSTER_HOME, where the UI
(`make dev`) shows it.

The terminal gets one line per document and a summary; what Dagster and its worker processes
write (debug logs, warnings) goes to $DAGSTER_HOME/logs/cli.log, or to the terminal with
`--verbose`.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import duckdb

from assets.sources import documents_partitions
from checks.catalog import DATA_DOCS_INDEX
from extraction.inbox import list_inbox
from pipelines import definitions
from pipelines.publishing import build_file, data_docs_dir, parquet_dir
from pipelines.report import CHART_FILE, charts_dir, dictionary_file
from pipelines.settings import Settings
from pipelines.summary import COVERAGE_COLUMNS, format_table, summarize

PARALLEL_EXTRACTIONS = 2
DAGSTER_LOG = Path("logs") / "cli.log"


@dataclass(frozen=True)
class RunOutcome:
    """What one Dagster run did, in plain values that cross process boundaries."""

    run_id: str
    success: bool
    failure: str | None
    metadata: dict[str, object]

    @classmethod
    def of(cls, result: dg.ExecuteJobResult, node: str | None = None) -> RunOutcome:
        failures = [
            event.step_failure_data.error.message.strip()
            for event in result.get_step_failure_events()
            if event.step_failure_data.error
        ]
        if not result.success and not failures:
            failures = [result.get_run_failure_event().message]
        materializations = result.asset_materializations_for_node(node) if node else []
        metadata = {
            key: value.value
            for materialization in materializations[:1]
            for key, value in materialization.metadata.items()
        }
        return cls(result.run_id, result.success, "; ".join(failures) or None, metadata)


def extract_document(document_id: str) -> RunOutcome:
    """One run of extract_documents_job for one document partition (in a worker process)."""
    with dg.DagsterInstance.get() as instance:
        result = dg.execute_job(
            dg.reconstructable(definitions.extract_documents_job_def),
            instance,
            tags={"dagster/partition": document_id},
        )
        return RunOutcome.of(result, "document_extracts")


def sync_partitions(instance: dg.DagsterInstance, document_ids: Sequence[str]) -> None:
    """Make the dynamic partitions the documents now in the inbox, no more, no less."""
    name = documents_partitions.name
    known = set(instance.get_dynamic_partitions(name))
    for gone in sorted(known - set(document_ids)):
        instance.delete_dynamic_partition(name, gone)
    instance.add_dynamic_partitions(name, [key for key in document_ids if key not in known])


def extract_all(inbox: dict[str, Path]) -> list[RunOutcome]:
    outcomes = []
    # Spawned, not forked: the parent holds Dagster's storage connections and threads.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(PARALLEL_EXTRACTIONS, mp_context=context) as pool:
        futures = {pool.submit(extract_document, document_id): document_id for document_id in inbox}
        for done, future in enumerate(as_completed(futures), start=1):
            outcome = future.result()
            outcomes.append(outcome)
            source = inbox[futures[future]].name
            print(f"[{done}/{len(inbox)}] {source:<32} {_extract_line(outcome)}", flush=True)
    return outcomes


def _extract_line(outcome: RunOutcome) -> str:
    if not outcome.success:
        return f"RUN FAILED  {outcome.failure}  (run {outcome.run_id[:8]})"
    if outcome.metadata.get("status") == "error":
        return f"not read: {outcome.metadata.get('error')}  (run {outcome.run_id[:8]})"
    return (
        f"ok  {outcome.metadata.get('facts')} facts, "
        f"{outcome.metadata.get('quarantined_cells')} quarantined  (run {outcome.run_id[:8]})"
    )


def execute(
    instance: dg.DagsterInstance, job_def: Callable[[], dg.JobDefinition], tags: dict | None = None
) -> RunOutcome:
    result = dg.execute_job(dg.reconstructable(job_def), instance, tags=tags)
    outcome = RunOutcome.of(result)
    status = "ok" if outcome.success else f"RUN FAILED  {outcome.failure}"
    print(f"{job_def().name} (run {outcome.run_id[:8]}): {status}", flush=True)
    return outcome


def refresh_all(instance: dg.DagsterInstance) -> RunOutcome:
    """One full_refresh_job run over the whole range of document partitions."""
    keys = instance.get_dynamic_partitions(documents_partitions.name)
    range_tags = {
        "dagster/asset_partition_range_start": keys[0],
        "dagster/asset_partition_range_end": keys[-1],
    }
    return execute(instance, definitions.full_refresh_job_def, range_tags)


def print_summary(database: Path, heading: str) -> None:
    """Documents and check results as a warehouse file (published, or a kept build) records them."""
    with duckdb.connect(str(database), read_only=True) as connection:
        summary = summarize(connection)
    print(f"\n{heading}\n{format_table(COVERAGE_COLUMNS, summary.rows())}")
    for message in summary.blocking_failures:
        print(f"  blocking: {message}")


def print_published_files(warehouse_path: Path) -> None:
    files = {
        "warehouse": warehouse_path,
        "parquet": parquet_dir(warehouse_path),
        "data docs": data_docs_dir(warehouse_path.parent) / DATA_DOCS_INDEX,
        "chart": charts_dir(warehouse_path) / CHART_FILE,
        "dictionary": dictionary_file(warehouse_path),
    }
    for name, path in files.items():
        if path.exists():
            print(f"{name + ':':<13}{path}")


def report(warehouse_path: Path, last: RunOutcome | None) -> None:
    """The published warehouse; after a run stopped by its checks, also the build it kept."""
    kept = build_file(warehouse_path, last.run_id) if last and not last.success else None
    if kept and kept.is_file():
        print_summary(kept, f"NOT PUBLISHED: the checks stopped this build (kept at {kept})")
    if warehouse_path.is_file():
        print_summary(warehouse_path, f"published warehouse {warehouse_path}")
        print()
        print_published_files(warehouse_path)
    else:
        print(f"\nno warehouse published at {warehouse_path}")


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
        with log_file.open("w") as log:
            # At the descriptor, not sys.stderr: spawned workers inherit descriptor 2.
            os.dup2(log.fileno(), 2)
            yield
    finally:
        sys.stderr.flush()
        os.dup2(terminal, 2)
        os.close(terminal)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines.cli", description=__doc__)
    parser.add_argument("command", choices=("run", "build", "refresh"))
    parser.add_argument(
        "-v", "--verbose", action="store_true",
        help="show Dagster's own logs on the terminal (by default they go to "
        "$DAGSTER_HOME/logs/cli.log)",
    )
    arguments = parser.parse_args(argv)
    command = arguments.command
    settings = Settings.from_env()
    try:
        instance = dg.DagsterInstance.get()
    except dg.DagsterError as exc:
        print(f"{str(exc).splitlines()[0]}\n(`make run` sets DAGSTER_HOME)", file=sys.stderr)
        return 2
    log_file = None if arguments.verbose else Path(instance.root_directory) / DAGSTER_LOG
    with instance:
        inbox = list_inbox(settings.sources_dir)
        if not inbox:
            print(f"no .txt or .pdf document in {settings.sources_dir}", file=sys.stderr)
            return 1
        with dagster_output_to(log_file):
            sync_partitions(instance, list(inbox))
            print(f"{len(inbox)} documents in {settings.sources_dir}", flush=True)
            if command == "refresh":
                outcomes = [refresh_all(instance)]
            else:
                outcomes = extract_all(inbox) if command == "run" else []
                if all(outcome.success for outcome in outcomes):
                    outcomes.append(execute(instance, definitions.build_warehouse_job_def))
                else:
                    print("not building: an extraction run failed; the warehouse is left as it was")
    report(settings.warehouse_path, outcomes[-1] if outcomes else None)
    if log_file:
        print(f"{'dagster log:':<13}{log_file} (every run is also in the UI: make dev)")
    return 0 if all(outcome.success for outcome in outcomes) else 1

if __name__ == "__main__":
    sys.exit(main())
