"""Consumers of the published warehouse: a reader in another process during a rebuild sees the
old warehouse or the new one, whole, and never an error; the Parquet folder is never missing;
the example queries of sql/examples/ answer with the decks' figures."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time

import duckdb
import pytest

from benchmarks.synthetic_decks import synthetic_decks
from tests.integration.inboxes import CONTRACT_COLUMNS, ROOT, Pipeline, make_pipeline, run_pipeline
from tests.warehousing.builds import publish
from warehousing.layout import VERSIONS_DIR, WarehouseLayout

EXAMPLES = ROOT / "sql" / "examples"


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Pipeline:
    return run_pipeline(make_pipeline(tmp_path_factory.mktemp("consumers")))


def wait_for(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_reader_in_another_process_sees_the_old_or_the_new_warehouse_whole(tmp_path):
    pipeline = run_pipeline(make_pipeline(tmp_path / "pipeline"))
    [(old_facts, old_documents)] = pipeline.query(
        "select (select count(*) from marts.fact_metric), (select count(*) from marts.dim_document)"
    )
    for name, text in synthetic_decks(5):
        (pipeline.inbox / name).write_text(text, encoding="utf-8")
    stop, report = tmp_path / "stop", tmp_path / "looks.jsonl"
    consumer = subprocess.Popen(
        [sys.executable, "-m", "tests.integration.consumer", pipeline.warehouse, stop, report],
        cwd=ROOT,
    )
    try:
        wait_for(lambda: report.is_file() and report.read_text().count("\n") > 0)
        rebuild = pipeline.cli("ingest")
        assert rebuild.returncode == 0, rebuild.stdout + rebuild.stderr
        seen_before_stop = report.read_text().count("\n")
        wait_for(lambda: report.read_text().count("\n") > seen_before_stop + 5)
    finally:
        stop.touch()
        consumer.wait(timeout=60)
    looks = [json.loads(line) for line in report.read_text().splitlines()]
    [(new_facts, new_documents)] = pipeline.query(
        "select (select count(*) from marts.fact_metric), (select count(*) from marts.dim_document)"
    )
    assert (new_documents, new_facts) == (old_documents + 5, 2 * old_facts)
    assert [look for look in looks if "error" in look] == []
    assert len(looks) > 20
    assert {(look["documents"], look["facts"]) for look in looks} == {
        (old_documents, old_facts),
        (new_documents, new_facts),
    }
    assert {look["parquet_facts"] for look in looks} == {old_facts, new_facts}
    assert all(set(CONTRACT_COLUMNS) <= set(look["tables"]) for look in looks)


def test_the_parquet_folder_is_never_missing_while_builds_are_published(tmp_path):
    warehouse = tmp_path / "warehouse" / "iij.duckdb"
    publish(warehouse, "run-0", [0])
    pattern = str(WarehouseLayout.at(warehouse).parquet_dir / "figures" / "*.parquet")
    seen, errors, publishing = set(), [], threading.Event()
    publishing.set()

    def read_while_publishing() -> None:
        with duckdb.connect() as connection:
            while publishing.is_set():
                try:
                    query = "select count(*) from read_parquet(?)"
                    seen.add(connection.execute(query, [pattern]).fetchone()[0])
                except duckdb.Error as exc:
                    errors.append(str(exc))

    reader = threading.Thread(target=read_while_publishing)
    reader.start()
    try:
        for run in range(1, 21):
            publish(warehouse, f"run-{run}", list(range(run + 1)))
    finally:
        publishing.clear()
        reader.join()
    assert errors == []
    assert seen <= set(range(1, 22)) and len(seen) > 1


def test_the_previous_parquet_version_stays_until_the_next_publish(tmp_path):
    warehouse = tmp_path / "warehouse" / "iij.duckdb"
    publish(warehouse, "run-1", [1])
    in_use = WarehouseLayout.at(warehouse).parquet_dir.resolve()
    publish(warehouse, "run-2", [1, 2])
    assert (in_use / "figures" / "figures.parquet").is_file()
    publish(warehouse, "run-3", [1, 2, 3])
    assert not in_use.exists()
    versions = sorted(path.name for path in (warehouse.parent / VERSIONS_DIR).iterdir())
    assert versions == ["run-2", "run-3"]
    layout = WarehouseLayout.at(warehouse)
    assert layout.parquet_dir.resolve() == warehouse.parent / VERSIONS_DIR / "run-3" / "parquet"


# example file -> (key columns, {key: the other columns}) the decks print
EXAMPLE_FIGURES: dict[str, tuple[tuple[str, ...], dict[tuple, tuple]]] = {
    "quarterly_revenues_by_segment.sql": (
        ("period_id", "segment_id"),
        {
            ("FY2004-Q1", "equipment_sales"): ("revenues_jpy_million", 531.0),
            ("FY2004-Q1", "total"): ("revenues_jpy_million", 8675.0),
            ("FY2004-Q1", "systems_integration"): ("revenues_jpy_million", 1040.0),
        },
    ),
    "margins_over_time.sql": (
        ("period_id",),
        {
            ("FY2004-Q1",): ("gross_margin_ratio", 14.2, "operating_margin_ratio", -1.2),
            ("FY2005-Q3",): ("gross_margin_ratio", 18.7, "operating_margin_ratio", 5.8),
        },
    ),
    "latest_balance_sheet.sql": (
        ("as_of", "metric_id"),
        {
            ("2012-09-30", "accounts_receivable"): ("amount_jpy_million", 15648.0),
            ("2012-09-30", "accumulated_deficit"): ("amount_jpy_million", -9338.0),
        },
    ),
    "targets_vs_actuals.sql": (
        ("metric_id", "period_id", "target_kind"),
        {
            ("net_income", "FY2006-H1", "target_initial"): (
                "target", 2000.0, "actual", 2900.0, "actual_pct_of_target", 145.0,
            ),
            ("revenues", "FY2006-H1", "target_revised"): (
                "target", 26400.0, "actual", 26400.0, "actual_pct_of_target", 100.0,
            ),
            ("revenues", "FY2012-H1", "target"): (
                "target", 50500.0, "actual", 51109.0, "actual_pct_of_target", 101.2,
            ),
        },
    ),
}


@pytest.mark.parametrize("example", sorted(path.name for path in EXAMPLES.glob("*.sql")))
def test_each_example_query_answers_with_the_decks_figures(published, example):
    keys, expected = EXAMPLE_FIGURES[example]
    with duckdb.connect(str(published.warehouse), read_only=True) as connection:
        cursor = connection.execute((EXAMPLES / example).read_text(encoding="utf-8"))
        columns = [column[0] for column in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    by_key = {tuple(str(row[key]) for key in keys): row for row in rows}
    for key, figures in expected.items():
        row = by_key[key]
        for column, value in zip(figures[::2], figures[1::2], strict=True):
            assert row[column] == value, (key, column)
    if example == "latest_balance_sheet.sql":
        assert {row["as_of"] for row in rows} == {"2012-09-30"}


def test_the_published_files_are_links_to_one_complete_version(published):
    folder = published.warehouse.parent
    parquet = WarehouseLayout.at(published.warehouse).parquet_dir
    for link in (parquet, folder / "data_docs"):
        assert link.is_symlink()
        assert link.resolve().parent.parent == (folder / VERSIONS_DIR).resolve()
    tables = published.query(
        "select table_name from information_schema.tables where table_schema = 'marts'"
    )
    published_folders = sorted(path.name for path in parquet.iterdir())
    assert published_folders == sorted(name for (name,) in tables)
