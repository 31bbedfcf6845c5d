"""Two runs started together on one warehouse, one slowed while it publishes: the lock makes
them publish one after the other, and the warehouse ends whole, every link resolving."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from warehousing.layout import WarehouseLayout

ROOT = Path(__file__).resolve().parents[2]
DECKS = sorted(path.name for path in (ROOT / "sources").glob("*.txt"))[:2]


@pytest.mark.slow
def test_two_runs_started_together_end_with_one_consistent_warehouse(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for deck in DECKS:
        shutil.copy(ROOT / "sources" / deck, inbox / deck)
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    layout = WarehouseLayout.at(tmp_path / "warehouse" / "iij.duckdb", inbox)
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "IIJ_SOURCES_DIR": str(inbox),
        "IIJ_WAREHOUSE_PATH": str(layout.database),
        "IIJ_STAGING_DIR": str(layout.staging_dir),
    }
    first = subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "run"],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert first.returncode == 0, first.stdout + first.stderr

    runs = [
        subprocess.Popen(
            [sys.executable, "-m", *command, "build"],
            env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for command in (["tests.integration.slow_cli", "5"], ["pipelines.cli"])
    ]
    outputs = [run.communicate(timeout=600) for run in runs]
    for run, (stdout, stderr) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, stdout + stderr
    assert "holding the lock" in outputs[0][0]

    # Both published, one after the other: the last one's build is current and the other's
    # is kept as the previous version; no build, temporary link or dangling link is left.
    assert sorted(path.name for path in layout.folder.iterdir()) == sorted([
        ".build", ".publish.lock", ".staging", ".versions", "charts", "current", "data_docs",
        "data_dictionary.md", "iij.duckdb", "parquet", "vocabulary_review.md",
    ])
    assert list(layout.builds_dir.iterdir()) == []
    assert len(list(layout.versions_dir.iterdir())) == 3 - 1
    for name in ("iij.duckdb", "parquet", "data_docs"):
        assert (layout.folder / name).resolve().parent == layout.current_link.resolve()
    with duckdb.connect(str(layout.database), read_only=True) as connection:
        [(facts, in_parquet)] = connection.execute(
            "select (select count(*) from marts.fact_metric), "
            "(select count(*) from read_parquet(?))",
            [str(layout.parquet_dir / "fact_metric" / "*.parquet")],
        ).fetchall()
    assert facts == in_parquet and facts > 100
    # Each run logged to a file of its own.
    assert len(list((home / "logs").iterdir())) == 3
