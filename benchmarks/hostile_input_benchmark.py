"""Hostile-input benchmark: the five decks beside a row of 100,000 cells and links out of the inbox.

Run from the project root: `.venv/bin/python -m benchmarks.hostile_input_benchmark` (about a
minute on 2 cores). It fills a fresh inbox with the five decks of sources/, a text file whose
one table row has 100,000 cells, and links to /etc/passwd and /proc/self/environ, runs
`python -m pipelines.cli run` in a fresh instance as `make run` does, and records the wall time,
what the run said of the hostile entries and how many facts the five decks published. It also
times the reader on the wide file alone, and the interpreter on a row at the cells-per-row bound
(the bound is what keeps the interpreter's search for spanning header cells, quadratic in a row's
cells, short).

Writes benchmarks/results/hostile_input.md. Not part of the test suite.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import duckdb

from extraction.interpret import interpret_document
from extraction.limits import READER_LIMITS
from extraction.model import DocumentError
from extraction.text_reader import parse_text_document
from pipelines.settings import available_cpus
from warehousing.reading import load_vocabulary

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "hostile_input.md"
WIDE_FILE = "wide-row.txt"
LINKS = {"passwd.txt": "/etc/passwd", "environ.txt": "/proc/self/environ"}


def wide_row(cells: int) -> str:
    return (
        "Internet Initiative Japan Inc.\n\nConsolidated Statements of Income\n\n"
        "\t" + "\t".join(f"FY{2000 + n % 20}" for n in range(cells - 1)) + "\n"
        "Total Revenues\t" + "\t".join("1,234" for _ in range(cells - 1)) + "\n"
    )


def timed(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def pipeline_run(base: Path) -> tuple[float, str, int]:
    inbox = base / "inbox"
    inbox.mkdir()
    for deck in sorted((ROOT / "sources").glob("*.txt")):
        shutil.copy(deck, inbox / deck.name)
    (inbox / WIDE_FILE).write_text(wide_row(100_000))
    for name, target in LINKS.items():
        (inbox / name).symlink_to(target)
    home = base / "dagster_home"
    home.mkdir()
    shutil.copy(ROOT / "dagster_instance.yaml", home / "dagster.yaml")
    warehouse = base / "warehouse" / "iij.duckdb"
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "IIJ_SOURCES_DIR": str(inbox),
        "IIJ_WAREHOUSE_PATH": str(warehouse),
        "IIJ_STAGING_DIR": str(base / "staging"),
    }
    seconds, run = timed(
        lambda: subprocess.run(
            [sys.executable, "-m", "pipelines.cli", "run"],
            env=env, cwd=ROOT, capture_output=True, text=True, timeout=900,
        )
    )
    if run.returncode != 0:
        raise SystemExit(run.stdout + run.stderr)
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        [(facts,)] = connection.execute("select count(*) from marts.fact_metric").fetchall()
    said = [
        line for line in run.stdout.splitlines()
        if WIDE_FILE in line or any(name in line for name in LINKS)
    ]
    return seconds, "\n".join(said), facts


def main() -> int:
    wide = wide_row(100_000).encode()
    reader_s, _ = timed(lambda: _refused(wide))
    vocabulary = load_vocabulary(ROOT / "contract")
    bound = parse_text_document(wide_row(READER_LIMITS.max_cells_per_row).encode(), "bound.txt")
    interpret_s, _ = timed(lambda: interpret_document(bound, vocabulary))
    with tempfile.TemporaryDirectory() as folder:
        run_s, said, facts = pipeline_run(Path(folder))
    RESULTS.write_text(
        f"# Hostile input ({date.today()}, {platform.machine()}, {available_cpus()} CPUs, "
        f"Python {platform.python_version()})\n\n"
        f"`.venv/bin/python -m benchmarks.hostile_input_benchmark`\n\n"
        "| measure | seconds |\n| --- | --- |\n"
        f"| `make run` (`pipelines.cli run`): five decks, a 100,000-cell row, two links out "
        f"| {run_s:.1f} |\n"
        f"| the text reader refusing the 100,000-cell row ({len(wide) / 1e6:.1f} MB) "
        f"| {reader_s:.3f} |\n"
        f"| the interpreter on a row at the bound ({READER_LIMITS.max_cells_per_row:,} cells) "
        f"| {interpret_s:.3f} |\n\n"
        f"Facts published from the five decks: {facts}.\n\nWhat the run printed of them:\n\n"
        f"```\n{said}\n```\n",
        encoding="utf-8",
    )
    print(RESULTS.read_text(encoding="utf-8"))
    return 0


def _refused(data: bytes) -> str:
    try:
        parse_text_document(data, WIDE_FILE)
    except DocumentError as exc:
        return str(exc)
    raise SystemExit("the 100,000-cell row was read: the cells-per-row bound did not hold")


if __name__ == "__main__":
    sys.exit(main())
