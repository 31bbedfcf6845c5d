"""Pipelines in a temporary folder (inbox, staging, warehouse, Dagster instance configured as the
Makefile configures it), run through the CLI as `make run` runs it, and what their runs logged."""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import duckdb

from tests.expected_figures import EXPECTED_FIGURES

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "sources").glob("*.txt"))
# The published tables and columns of contract/README.md, with their types.
CONTRACT_COLUMNS = {
    "fact_metric": {
        "document_id": "VARCHAR", "table_id": "VARCHAR", "metric_id": "VARCHAR",
        "segment_id": "VARCHAR", "period_id": "VARCHAR", "period_start": "DATE",
        "period_end": "DATE", "scenario": "VARCHAR", "basis": "VARCHAR", "measure": "VARCHAR",
        "unit": "VARCHAR", "value": "DOUBLE", "decimals": "INTEGER", "reported_text": "VARCHAR",
        "reported_unit": "VARCHAR", "row_label": "VARCHAR", "column_label": "VARCHAR",
        "locator": "VARCHAR",
    },
    "fact_metric_current": {
        "metric_id": "VARCHAR", "segment_id": "VARCHAR", "period_id": "VARCHAR",
        "scenario": "VARCHAR", "basis": "VARCHAR", "measure": "VARCHAR", "value": "DOUBLE",
        "decimals": "INTEGER", "n_documents": "BIGINT", "max_abs_discrepancy": "DOUBLE",
    },
    "dim_metric": {"metric_id": "VARCHAR"},
    "dim_segment": {"segment_id": "VARCHAR", "parent_segment_id": "VARCHAR"},
    "dim_period": {
        "period_id": "VARCHAR", "period_type": "VARCHAR", "fiscal_year": "INTEGER",
        "period_start": "DATE", "period_end": "DATE",
    },
    "dim_document": {
        "document_id": "VARCHAR", "source_file": "VARCHAR", "sha256": "VARCHAR",
        "title": "VARCHAR", "document_date": "DATE", "pages": "INTEGER",
        "ingested_at": "TIMESTAMP", "accounting_standard": "VARCHAR",
    },
    "check_results": {
        "check_name": "VARCHAR", "rule": "VARCHAR", "severity": "VARCHAR", "status": "VARCHAR",
        "document_id": "VARCHAR", "period_id": "VARCHAR", "metric_id": "VARCHAR",
        "segment_id": "VARCHAR", "expected_low": "DOUBLE", "expected_high": "DOUBLE",
        "actual_value": "DOUBLE", "message": "VARCHAR",
    },
    "quarantine": {
        "document_id": "VARCHAR", "locator": "VARCHAR", "raw_text": "VARCHAR",
        "reason": "VARCHAR",
    },
}


@dataclass(frozen=True)
class Pipeline:
    env: dict[str, str]
    inbox: Path
    warehouse: Path
    staging: Path
    first_output: str

    def cli(self, command: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "pipelines.cli", command],
            env=self.env, cwd=ROOT, capture_output=True, text=True, timeout=600,
        )

    def query(self, sql: str, parameters: list | None = None) -> list[tuple]:
        with duckdb.connect(str(self.warehouse), read_only=True) as connection:
            return connection.execute(sql, parameters or []).fetchall()


def make_pipeline(base: Path, env: dict[str, str] | None = None) -> Pipeline:
    """A pipeline whose inbox holds the five decks; nothing run yet."""
    inbox = base / "inbox"
    inbox.mkdir(parents=True)
    for source in SOURCES:
        shutil.copy(source, inbox / source.name)
    dagster_home = base / "dagster_home"
    dagster_home.mkdir()
    shutil.copy(ROOT / "dagster_instance.yaml", dagster_home / "dagster.yaml")
    return pipeline_in(base, inbox, dagster_home, env)


def pipeline_in(
    base: Path, inbox: Path, dagster_home: Path, env: dict[str, str] | None = None
) -> Pipeline:
    """A pipeline over this inbox and Dagster instance, its warehouse and staging in `base`."""
    warehouse = base / "warehouse" / "iij.duckdb"
    staging = base / "staging"
    environment = {
        **os.environ,
        "DAGSTER_HOME": str(dagster_home),
        "IIJ_SOURCES_DIR": str(inbox),
        "IIJ_WAREHOUSE_PATH": str(warehouse),
        "IIJ_STAGING_DIR": str(staging),
        **(env or {}),
    }
    return Pipeline(environment, inbox, warehouse, staging, first_output="")


def run_pipeline(pipeline: Pipeline, command: str = "run") -> Pipeline:
    completed = pipeline.cli(command)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return Pipeline(
        pipeline.env, pipeline.inbox, pipeline.warehouse, pipeline.staging, completed.stdout
    )


def dagster_home(pipeline: Pipeline) -> Path:
    return Path(pipeline.env["DAGSTER_HOME"])


def run_messages(pipeline: Pipeline, job_name: str) -> list[tuple[str, str]]:
    """(level, message) of every log line the runs of `job_name` wrote, oldest run first."""
    with dg.DagsterInstance.from_config(str(dagster_home(pipeline))) as instance:
        runs = instance.get_runs(filters=dg.RunsFilter(job_name=job_name))
        return [
            (logging.getLevelName(entry.level), entry.user_message)
            for run in reversed(runs)
            for entry in instance.all_logs(run.run_id)
        ]


def published_state(pipeline: Pipeline) -> dict[str, str]:
    files = [pipeline.warehouse, *sorted((pipeline.warehouse.parent / "parquet").rglob("*.*"))]
    return {str(path): hashlib.sha256(path.read_bytes()).hexdigest() for path in files}


def assert_hand_read_figures_published(pipeline: Pipeline) -> None:
    """Every figure of tests/expected_figures.py is in the published fact_metric."""
    published = pipeline.query(
        "select source_file, metric_id, segment_id, period_id, scenario, basis, measure, "
        "value, decimals from marts.fact_metric join marts.dim_document using (document_id)"
    )
    # A deck can print the same figure twice (26.4 billion on one slide, 26,444 on another).
    printed: dict[tuple, set] = {}
    for *key, value, decimals in published:
        printed.setdefault(tuple(key), set()).add((round(value, 6), decimals))
    for *key, value, decimals in EXPECTED_FIGURES:
        assert (round(value, 6), decimals) in printed.get(tuple(key), set()), key
