"""Pipelines in a temporary folder (inbox, staging, warehouse, Dagster instance configured as the
Makefile configures it), run through the CLI as `make run` runs it, and what their runs logged."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import dagster as dg

from tests.integration.test_pipeline import ROOT, Pipeline

SOURCES = sorted((ROOT / "sources").glob("*.txt"))


def make_pipeline(base: Path, env: dict[str, str] | None = None) -> Pipeline:
    """A pipeline whose inbox holds the five decks; nothing run yet."""
    inbox = base / "inbox"
    inbox.mkdir(parents=True)
    for source in SOURCES:
        shutil.copy(source, inbox / source.name)
    dagster_home = base / "dagster_home"
    dagster_home.mkdir()
    shutil.copy(ROOT / "dagster_instance.yaml", dagster_home / "dagster.yaml")
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
