"""Scale benchmark: the whole pipeline over N synthetic decks, and one more deck added to them.

Run from the project root: `.venv/bin/python -m benchmarks.scale_benchmark` (about 3 minutes on
2 cores; `--sizes 10 100` for a quick look). For each N it fills a fresh inbox with N synthetic
decks (`benchmarks/synthetic_decks.py`: the five decks moved into later eras, each era's five
sharing periods as the originals do), runs `python -m pipelines.cli run` in a fresh instance, as
`make run` does, and measures:

- wall time of the whole command, of its extraction run and of its build run (from the moment
  each run's result line is printed), time per document, and the time of each step (from the
  runs' events in the instance);
- peak memory: the largest resident size of one process, and the largest sum over the command
  and every process it started (sampled every 0.2 s from /proc);
- after the largest N, incremental runs: one more deck each, `python -m pipelines.cli ingest`
  (what the inbox sensor launches), against the full run; the median is reported.

Writes benchmarks/results/scale.md. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import date
from importlib.metadata import version
from pathlib import Path

import dagster as dg
import duckdb

from benchmarks.synthetic_decks import synthetic_decks
from pipelines.settings import available_cpus
from warehousing.isolation import resident_mb

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "scale.md"
SIZES = (10, 100, 500)
# One-deck additions after the largest N: the median is reported (a run varies by seconds).
INCREMENTAL_RUNS = 5
SAMPLE_SECONDS = 0.2
RUN_LINE = re.compile(r"^(?P<job>\w+_job) \(run \w+\): (?P<status>ok|RUN FAILED.*)$")


@dataclass(frozen=True)
class Measure:
    label: str
    documents: int
    facts: int
    seconds: float
    phases: dict[str, float]
    steps: dict[str, float]
    peak_process_mb: float
    peak_total_mb: float

    @property
    def per_document(self) -> float:
        return self.seconds / self.documents


class MemorySampler:
    """The peak resident memory of a process tree, sampled from /proc while it runs."""

    def __init__(self, root_pid: int):
        self.root_pid = root_pid
        self.peak_process_mb = 0.0
        self.peak_total_mb = 0.0
        self._running = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> MemorySampler:
        self._running.set()
        self._thread.start()
        return self

    def __exit__(self, *_) -> None:
        self._running.clear()
        self._thread.join()

    def _sample(self) -> None:
        while self._running.is_set():
            sizes = [resident_mb(pid) or 0.0 for pid in _tree(self.root_pid)]
            if sizes:
                self.peak_process_mb = max(self.peak_process_mb, *sizes)
                self.peak_total_mb = max(self.peak_total_mb, sum(sizes))
            time.sleep(SAMPLE_SECONDS)


def _tree(root: int) -> list[int]:
    """The process and its descendants, from the parent ids in /proc/<pid>/stat."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # The name in parentheses may hold spaces: the parent id follows its closing one.
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    tree, frontier = [], [root]
    while frontier:
        pid = frontier.pop()
        tree.append(pid)
        frontier.extend(children.get(pid, []))
    return tree


@dataclass(frozen=True)
class Workspace:
    folder: Path

    @property
    def inbox(self) -> Path:
        return self.folder / "inbox"

    @property
    def warehouse(self) -> Path:
        return self.folder / "warehouse" / "iij.duckdb"

    def environment(self) -> dict[str, str]:
        return {
            **os.environ,
            "DAGSTER_HOME": str(self.folder / "dagster_home"),
            "IIJ_SOURCES_DIR": str(self.inbox),
            "IIJ_WAREHOUSE_PATH": str(self.warehouse),
        }

    @classmethod
    def create(cls, folder: Path, decks: int) -> Workspace:
        workspace = cls(folder)
        workspace.inbox.mkdir(parents=True)
        (folder / "dagster_home").mkdir()
        shutil.copy(ROOT / "dagster_instance.yaml", folder / "dagster_home" / "dagster.yaml")
        for name, text in synthetic_decks(decks):
            (workspace.inbox / name).write_text(text, encoding="utf-8")
        return workspace

    def add_deck(self, index: int) -> None:
        *_, (name, text) = synthetic_decks(index + 1)
        (self.inbox / name).write_text(text, encoding="utf-8")

    def step_seconds(self, run_ids: list[str]) -> dict[str, float]:
        """How long each step of these runs took, by step name, in the order they ran."""
        steps = {}
        with dg.DagsterInstance.from_config(str(self.folder / "dagster_home")) as instance:
            for run_id in run_ids:
                for entry in instance.all_logs(run_id, of_type=dg.DagsterEventType.STEP_SUCCESS):
                    event = entry.dagster_event
                    steps[event.step_key] = event.event_specific_data.duration_ms / 1000
        return steps

    def run_ids(self) -> list[str]:
        """The runs of the instance, oldest first."""
        with dg.DagsterInstance.from_config(str(self.folder / "dagster_home")) as instance:
            return [run.run_id for run in reversed(instance.get_runs())]

    def run(self, command: str, label: str) -> Measure:
        runs_before = self.run_ids()
        started = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "-m", "pipelines.cli", command],
            cwd=ROOT,
            env=self.environment(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        phases, output = {}, []
        with MemorySampler(process.pid) as memory:
            phase_start = started
            for line in process.stdout:
                output.append(line)
                if match := RUN_LINE.match(line.strip()):
                    if match["status"] != "ok":
                        raise RuntimeError(f"{label}: {line.strip()}\n{''.join(output)}")
                    now = time.monotonic()
                    phases[match["job"]] = now - phase_start
                    phase_start = now
            process.wait()
        seconds = time.monotonic() - started
        if process.returncode != 0:
            raise RuntimeError(f"{label} failed:\n{''.join(output)}")
        with duckdb.connect(str(self.warehouse), read_only=True) as connection:
            [(documents, facts)] = connection.execute(
                "select count(*), sum(facts) from marts.dim_document"
            ).fetchall()
        return Measure(
            label,
            documents,
            facts,
            seconds,
            phases,
            self.step_seconds([run for run in self.run_ids() if run not in runs_before]),
            memory.peak_process_mb,
            memory.peak_total_mb,
        )


def report(full: list[Measure], incremental: list[Measure], largest: Measure) -> str:
    lines = [
        "# Scale benchmark",
        "",
        f"Run {date.today().isoformat()} by `benchmarks/scale_benchmark.py`: the whole pipeline "
        "(`python -m pipelines.cli run`: one extraction run, each document in a process of its "
        f"own, {available_cpus()} at a time; then one build run: SQL models, checks, publish, "
        "chart, data dictionary) over N synthetic decks, the five decks moved into later eras "
        "(`benchmarks/synthetic_decks.py`). A fresh inbox, staging folder, warehouse and Dagster "
        "instance for each N.",
        "",
        "| run | documents | facts | wall time (s) | per document (s) | extraction run (s) "
        "| extraction per document (ms) | build run (s) | peak process (MB) | peak total (MB) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    measures = [*full, *incremental]
    for measure in measures:
        extraction = measure.phases.get("extract_documents_job")
        build = measure.phases.get("build_warehouse_job") or measure.phases.get(
            "ingest_documents_job"
        )
        per_document_ms = (
            "-" if extraction is None else f"{1000 * extraction / measure.documents:.0f}"
        )
        lines.append(
            f"| {measure.label} | {measure.documents} | {measure.facts} | {measure.seconds:.1f} "
            f"| {measure.per_document:.3f} | {_seconds(extraction)} | {per_document_ms} "
            f"| {_seconds(build)} | {measure.peak_process_mb:.0f} | {measure.peak_total_mb:.0f} |"
        )
    steps = list(dict.fromkeys(step for measure in measures for step in measure.steps))
    lines += [
        "",
        "Time of each step (s), as the runs' step events record it:",
        "",
        "| run | " + " | ".join(steps) + " |",
        "| --- |" + " ---: |" * len(steps),
        *(
            f"| {measure.label} | "
            + " | ".join(_seconds(measure.steps.get(step)) for step in steps)
            + " |"
            for measure in measures
        ),
    ]
    if incremental:
        lines += ["", *_incremental_summary(incremental, largest)]
    lines += [
        "",
        "Wall time includes starting Python and Dagster in the CLI's process and Dagster's "
        "event writes (the runs' steps run in that process; each document in a process of its "
        "own; the expectation suites in a process of their own, started by the CLI before the "
        "run). Peak "
        "process: the largest resident size of one process; peak total: the largest sum over "
        "the CLI and every process it started, sampled every "
        f"{SAMPLE_SECONDS} s (shared pages are counted in each process).",
        "",
        f"Machine: {platform.machine()}, {available_cpus()} CPUs, Python "
        f"{platform.python_version()}, dagster {version('dagster')}, duckdb {version('duckdb')}, "
        "great_expectations "
        f"{version('great_expectations')}. Wall-clock times on a shared machine.",
    ]
    return "\n".join(lines) + "\n"


def _incremental_summary(incremental: list[Measure], largest: Measure) -> list[str]:
    """The incremental runs against the full one, and where the median run's time goes."""
    median = sorted(incremental, key=lambda measure: measure.seconds)[len(incremental) // 2]
    in_steps = sum(median.steps.values())
    checks = median.steps.get("warehouse_checks", 0.0)
    models = median.steps.get("warehouse_models", 0.0)
    staged = median.steps.get("document_extracts", 0.0)
    ratios = ", ".join(
        f"{100 * measure.seconds / largest.seconds:.1f}%" for measure in incremental
    )
    return [
        f"Each incremental run adds one deck to the {largest.documents} and runs `ingest`, as "
        "the inbox sensor does: one `ingest_documents_job` run stages the deck alone, builds "
        "every model, checks the new deck's figures (the others' results are carried over from "
        "the last publish, `marts.check_run`, and so are the other documents' staged cells) "
        "and publishes. The median of "
        f"{len(incremental)} took {median.seconds:.1f} s, "
        f"{100 * median.seconds / largest.seconds:.1f}% of the full run ({ratios}).",
        "",
        f"Where the median run's time goes: {in_steps:.1f} s in its steps (staging the deck "
        f"{staged:.1f} s; building every model over the {median.documents} documents, the "
        f"staged cells of all but the new one taken from the last publish, {models:.1f} s; the "
        f"checks {checks:.1f} s, mostly Great Expectations validating the new deck's rows and "
        "the whole-table suites, at about 45 ms per expectation whatever the rows; publishing "
        "with its Data Docs, the chart, the dictionary and the vocabulary review the rest); "
        f"{median.seconds - in_steps:.1f} s outside them: starting Python, Dagster and the "
        "instance in the CLI, creating the run (Dagster logs a planned event per asset and "
        "check) and its event writes between steps.",
    ]


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument(
        "--incremental-runs", type=int, default=INCREMENTAL_RUNS,
        help="one-deck additions measured after the largest N, one after the other",
    )
    parser.add_argument("--output", type=Path, default=RESULTS)
    arguments = parser.parse_args(argv)
    measures = []
    incremental = []
    with tempfile.TemporaryDirectory(prefix="scale-benchmark-") as scratch:
        for size in arguments.sizes:
            workspace = Workspace.create(Path(scratch) / f"n{size}", size)
            measure = workspace.run("run", f"full, N = {size}")
            print(f"N = {size}: {measure.seconds:.1f} s, {measure.phases}", flush=True)
            measures.append(measure)
            if size == max(arguments.sizes):
                for run in range(arguments.incremental_runs):
                    workspace.add_deck(size + run)
                    label = f"+1 deck to N = {size + run}"
                    incremental.append(workspace.run("ingest", label))
                    print(f"{label}: {incremental[-1].seconds:.1f} s", flush=True)
            shutil.rmtree(workspace.folder)
    largest = max(measures, key=lambda measure: measure.documents)
    arguments.output.write_text(report(measures, incremental, largest), encoding="utf-8")
    print(f"wrote {arguments.output}")


if __name__ == "__main__":
    main()
