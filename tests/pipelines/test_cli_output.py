"""What `python -m pipelines.cli` prints: a line per document, a summary table of documents,
facts, quarantined cells and checks, the published files; Dagster's own logs go to a file unless
`--verbose`."""

import os
import subprocess
import sys
from datetime import date, datetime

import duckdb
import pytest

from checks.results import BLOCKING, FAIL, PASS, WARN, WARNING, CheckResult, write_results
from pipelines.cli import dagster_output_to
from reporting.summary import COVERAGE_COLUMNS, WHOLE_WAREHOUSE, format_table, summarize
from tests.warehousing.builds import build, document, fact, quarantined
from warehousing.project import PROJECT_ROOT

DECK = "000_2853c62026f2b50d.txt"


def check(status, severity=BLOCKING, document_id=None, message="m"):
    return CheckResult("rule", "a = b", severity, status, document_id, None, None, None,
                       None, None, None, message, None)


def test_the_summary_counts_each_document_and_the_checks_on_the_whole_warehouse(tmp_path):
    documents = [
        document("a", date(2006, 11, 9), datetime(2024, 1, 1, 9)),
        document("b", date(2007, 11, 12), datetime(2024, 1, 1, 8)),
        document("bad", None, datetime(2024, 1, 1, 7), status="error", error="bad.txt: empty"),
    ]
    cells = [
        fact("a", "revenues", 100.0, 0, "100"),
        fact("a", "cost_of_revenues", 60.0, 0, "60"),
        quarantined("a", "n/a", "not a figure"),
        fact("b", "revenues", 100.0, 0, "100"),
    ]
    connection = build(tmp_path, documents, cells)
    write_results(connection, [
        check(PASS, document_id="a"), check(PASS, document_id="a"),
        check(WARN, WARNING, document_id="b"),
        check(FAIL, document_id="b", message="revenues FY2006-H1 differ"),
        check(PASS), check(PASS), check(PASS),
    ])
    summary = summarize(connection)
    assert summary.rows() == [
        ("a.txt", "ok", 2, 1, 2, 0, 0, None),
        ("b.txt", "ok", 1, 0, 0, 1, 1, None),
        ("bad.txt", "error", 0, 1, 0, 0, 0, "bad.txt: empty"),
        (WHOLE_WAREHOUSE, "", 0, 0, 3, 0, 0, None),
        ("total", "", 3, 2, 5, 1, 1, None),
    ]
    assert summary.blocking_failures == ["revenues FY2006-H1 differ"]
    assert summary.documents_in_error == 1
    sizes = {size.table: (size.rows, size.columns) for size in summary.tables}
    # 18 contract columns and the PDF page and cell box (bbox_x0, bbox_top, bbox_x1, bbox_bottom)
    assert sizes["fact_metric"] == (3, 23) and sizes["dim_document"][0] == 3


def test_the_terminal_table_aligns_text_left_and_numbers_right():
    table = format_table(("document", "facts", "error"), [("a.txt", 105, None), ("bb.txt", 9, "x")])
    assert table.splitlines() == [
        "document  facts  error",
        "--------  -----  -----",
        "a.txt       105",
        "bb.txt        9  x",
    ]


def test_worker_output_goes_to_the_log_file_and_the_terminal_comes_back(tmp_path, capfd):
    log = tmp_path / "logs" / "cli.log"
    with dagster_output_to(log):
        print("progress line", flush=True)
        subprocess.run([sys.executable, "-c", "import sys; sys.stderr.write('worker debug\\n')"],
                       check=True)
        # Outside pytest, sys.stderr writes to descriptor 2 like this.
        os.write(2, b"parent warning\n")
    print("after", file=sys.stderr, flush=True)
    terminal = capfd.readouterr()
    assert terminal.out == "progress line\n" and terminal.err == "after\n"
    assert log.read_text() == "worker debug\nparent warning\n"


@pytest.fixture(scope="module")
def cli_env(tmp_path_factory):
    base = tmp_path_factory.mktemp("cli")
    inbox = base / "inbox"
    inbox.mkdir()
    (inbox / DECK).write_bytes((PROJECT_ROOT / "sources" / DECK).read_bytes())
    (inbox / "empty.txt").write_bytes(b"")
    home = base / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    return base, {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "IIJ_SOURCES_DIR": str(inbox),
        "IIJ_WAREHOUSE_PATH": str(base / "warehouse" / "iij.duckdb"),
        "IIJ_STAGING_DIR": str(base / "staging"),
    }


def cli(env, *arguments):
    return subprocess.run(
        [sys.executable, "-m", "pipelines.cli", *arguments],
        env=env, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300,
    )


@pytest.mark.slow
def test_a_run_prints_progress_and_a_summary_and_no_dagster_logs(cli_env):
    base, env = cli_env
    run = cli(env, "run")
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stderr == ""
    lines = run.stdout.splitlines()
    assert lines[0] == f"2 documents in {base / 'inbox'}"
    progress = sorted(line for line in lines if line.startswith("["))
    assert [line[:6] for line in progress] == ["[1/2] ", "[2/2] "]
    assert any(DECK in line and " ok  " in line for line in progress)
    assert any("not read: empty.txt: empty file" in line for line in progress)
    warehouse = base / "warehouse" / "iij.duckdb"
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        expected = summarize(connection).rows()
    header = lines.index(f"published warehouse {warehouse}")
    assert lines[header + 1].split() == [
        "document", "status", "facts", "quarantined", "checks", "passed", "warned", "failed",
        "error",
    ]
    assert "\n".join(lines[header + 1 : header + 3 + len(expected)]) == format_table(
        COVERAGE_COLUMNS, expected
    )
    deck_row = next(row for row in expected if row[0] == DECK)
    assert deck_row[1] == "ok" and deck_row[2] > 50  # the deck's facts are published
    assert f"chart:       {warehouse.parent / 'charts'}" in run.stdout
    assert f"dictionary:  {warehouse.parent / 'data_dictionary.md'}" in run.stdout
    review = warehouse.parent / "vocabulary_review.md"
    assert f"vocabulary:  {review}" in run.stdout and review.is_file()
    # Each CLI run logs to a file of its own.
    [log] = (base / "dagster_home" / "logs").iterdir()
    assert f"dagster log: {log}" in run.stdout and log.name != "cli.log"
    assert "STEP_START" in log.read_text() and "DEBUG" not in run.stdout


@pytest.mark.slow
def test_verbose_shows_dagster_logs_on_the_terminal(cli_env):
    _, env = cli_env
    build_run = cli(env, "build", "--verbose")
    assert build_run.returncode == 0, build_run.stdout + build_run.stderr
    assert "STEP_START" in build_run.stderr and "RUN_SUCCESS" in build_run.stderr
    assert "dagster log:" not in build_run.stdout
    assert "published warehouse" in build_run.stdout
