"""Start-up benchmark: `python -m pipelines.cli run` on the five text decks, as `make run` runs it.

Run from the project root: `.venv/bin/python -m benchmarks.startup_benchmark` (about a minute).
Each repetition runs the command in a fresh inbox (the five decks of sources/), staging folder,
warehouse and Dagster instance, and measures its wall time; the import times of Dagster and of
Great Expectations are measured in fresh interpreters. `--tree PATH` runs the CLI of another
checkout of the project (for a before/after comparison, e.g. a `git worktree` of an older
commit), with this virtualenv. Writes benchmarks/results/startup.md. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from pipelines.settings import available_cpus

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "startup.md"
IMPORTS = ("dagster", "great_expectations", "pipelines.definitions")


def import_seconds(module: str, tree: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", f"import {module}"], cwd=tree, check=True,
                   env={**os.environ, "PYTHONPATH": str(tree)})
    return time.perf_counter() - started


def run_seconds(tree: Path) -> float:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        inbox = base / "inbox"
        inbox.mkdir()
        for deck in sorted((ROOT / "sources").glob("*.txt")):
            shutil.copy(deck, inbox / deck.name)
        home = base / "dagster_home"
        home.mkdir()
        shutil.copy(ROOT / "dagster_instance.yaml", home / "dagster.yaml")
        env = {
            **os.environ,
            "PYTHONPATH": str(tree),
            "DAGSTER_HOME": str(home),
            "IIJ_SOURCES_DIR": str(inbox),
            "IIJ_WAREHOUSE_PATH": str(base / "warehouse" / "iij.duckdb"),
            "IIJ_STAGING_DIR": str(base / "staging"),
        }
        started = time.perf_counter()
        completed = subprocess.run([sys.executable, "-m", "pipelines.cli", "run"], cwd=tree,
                                   env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        if completed.returncode != 0:
            raise SystemExit(f"run failed in {tree}:\n{completed.stdout}\n{completed.stderr}")
        return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tree", type=Path, action="append", default=[],
                        help="another checkout to measure (this one is always measured)")
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()
    trees = [ROOT, *(tree.resolve() for tree in arguments.tree)]
    load_before = os.getloadavg()[0]
    lines = [
        "# Start-up benchmark",
        "",
        f"Run {date.today()} by `benchmarks/startup_benchmark.py`: `python -m pipelines.cli run` "
        f"on the five text decks, {arguments.repeat} times per checkout (the checkouts in turn), "
        "each in a fresh inbox, "
        "staging folder, warehouse and Dagster instance; imports timed in fresh interpreters.",
        "",
        "| checkout | commit | run, median (s) | runs (s) | "
        + " | ".join(f"import {module} (s)" for module in IMPORTS) + " |",
        "| --- | --- | ---: | --- | " + " | ".join("---:" for _ in IMPORTS) + " |",
    ]
    # Interleaved, so that the machine's load drifts over every checkout alike.
    runs = {tree: [] for tree in trees}
    for _ in range(arguments.repeat):
        for tree in trees:
            runs[tree].append(run_seconds(tree))
    for tree in trees:
        commit = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=tree,
                                capture_output=True, text=True).stdout.strip()
        imports = [import_seconds(module, tree) for module in IMPORTS]
        lines.append(
            f"| {tree.name} | {commit} | {statistics.median(runs[tree]):.1f} | "
            + ", ".join(f"{seconds:.1f}" for seconds in runs[tree]) + " | "
            + " | ".join(f"{seconds:.1f}" for seconds in imports) + " |"
        )
        print(lines[-1], flush=True)
    lines += [
        "",
        f"Machine: {platform.machine()}, {available_cpus()} CPUs, Python "
        f"{platform.python_version()}. Wall-clock times on a shared machine: load average "
        f"{load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end (on "
        f"{os.cpu_count()} cores, other work running), so compare checkouts within one table.",
    ]
    RESULTS.write_text("\n".join(lines) + "\n")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
