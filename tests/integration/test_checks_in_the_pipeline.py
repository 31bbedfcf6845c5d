"""The warehouse checks in the whole pipeline (`python -m pipelines.cli run`, as `make run` runs
it): a deck with one printed figure changed is held back and named with that figure and its line,
while every other document publishes (exit code 3); a later deck restating a figure publishes
with a warning; a deck ingested is checked alone, the others' results carried over."""

import re
from pathlib import Path

import duckdb

from benchmarks.synthetic_decks import synthetic_decks
from pipelines.cli import HELD_BACK_EXIT
from tests.checks.warehouse import DOC_1H12, DOC_2Q06
from warehousing.inbox import list_inbox
from warehousing.staging import cells_path

CHANGED_COPY = "005_copy_of_001.txt"
FIGURES_BY_DOCUMENT = (
    "select documents.source_file, facts.table_id, facts.metric_id, facts.segment_id, "
    "facts.period_id, facts.scenario, facts.basis, facts.measure, facts.reported_text "
    "from marts.fact_metric as facts join marts.dim_document as documents using (document_id) "
    "order by all"
)


def change_figure(pipeline, source_file, printed, changed):
    path = pipeline.inbox / source_file
    original = path.read_text(encoding="utf-8")
    assert printed in original
    path.write_text(original.replace(printed, changed), encoding="utf-8")
    return original


def staged_cells_of(pipeline, document_ids):
    """The cells staged for these documents, as their files hold them."""
    files = [str(cells_path(pipeline.staging / "documents", i)) for i in document_ids]
    with duckdb.connect() as connection:
        return connection.execute(
            "select * from read_parquet($files) order by all", {"files": files}
        ).fetchall()


def documents_by_status(pipeline):
    return pipeline.query(
        "select source_file, status from marts.dim_document where status <> 'error' order by all"
    )


def test_a_sixth_deck_with_a_changed_figure_is_held_back_and_the_five_publish_in_full(pipeline):
    before = pipeline.query(FIGURES_BY_DOCUMENT)
    copy = pipeline.inbox / CHANGED_COPY
    copy.write_text(
        (pipeline.inbox / DOC_2Q06).read_text(encoding="utf-8").replace(
            "Equipment Sales\t531\t", "Equipment Sales\t931\t"
        ),
        encoding="utf-8",
    )
    try:
        held = pipeline.cli("run")
        figures = pipeline.query(FIGURES_BY_DOCUMENT)
        statuses = documents_by_status(pipeline)
        [(reason,)] = pipeline.query(
            "select held_back_reason from marts.dim_document where source_file = ?", [CHANGED_COPY]
        )
    finally:
        copy.unlink()
    assert held.returncode == HELD_BACK_EXIT, held.stdout + held.stderr
    assert figures == before
    assert (CHANGED_COPY, "held_back") in statuses
    assert [name for name, status in statuses if status == "ok"] == sorted(
        path.name for path in pipeline.inbox.glob("0*.txt")
    )
    figure = f"revenues/equipment_sales FY2004-Q1 printed 931 ({CHANGED_COPY} line 81, column 2"
    assert f"HELD BACK {CHANGED_COPY}" in held.stdout
    assert figure in held.stdout and figure in reason
    # the disagreement with the published 001 is the new deck's, not 001's
    assert f"printed 531 ({DOC_2Q06} line 81, column 2, table t03)" in held.stdout


def test_a_figure_changed_in_place_keeps_the_last_good_figure_published(pipeline):
    before = pipeline.query(FIGURES_BY_DOCUMENT)
    [published_id] = [i for i, path in list_inbox(pipeline.inbox).items() if path.name == DOC_2Q06]
    original = change_figure(pipeline, DOC_2Q06, "Equipment Sales\t531\t", "Equipment Sales\t931\t")
    try:
        held = pipeline.cli("run")
        figures = pipeline.query(FIGURES_BY_DOCUMENT)
        documents = pipeline.query(
            "select document_id, status from marts.dim_document where source_file = ? "
            "order by status", [DOC_2Q06]
        )
    finally:
        (pipeline.inbox / DOC_2Q06).write_text(original, encoding="utf-8")
    assert held.returncode == HELD_BACK_EXIT, held.stdout + held.stderr
    assert figures == before
    assert [status for _, status in documents] == ["held_back", "ok"]
    assert documents[1][0] == published_id
    assert f"printed 931 ({DOC_2Q06} line 81, column 2, table t03)" in held.stdout
    with duckdb.connect(str(pipeline.warehouse), read_only=True) as connection:
        [(text,)] = connection.execute(
            "select reported_text from marts.fact_metric where document_id = ? and segment_id = "
            "'equipment_sales' and period_id = 'FY2004-Q1' and measure = 'amount'",
            [published_id],
        ).fetchall()
    assert text == "531"


def test_a_later_deck_restating_a_figure_publishes_with_a_warning(pipeline):
    original = change_figure(
        pipeline, DOC_1H12, "Income Tax Expenses\t425\t631", "Income Tax Expenses\t435\t631"
    )
    try:
        published = pipeline.cli("run")
        warnings = pipeline.query(
            "select check_name, severity, period_id, expected_low, expected_high, actual_value "
            "from marts.check_results where status = 'warn' order by check_name"
        )
    finally:
        (pipeline.inbox / DOC_1H12).write_text(original, encoding="utf-8")
    assert published.returncode == 0, published.stdout + published.stderr
    # the restatement, and the reviewed slip of document 004 (checks/reviewed_exceptions.csv)
    assert [warning[:3] for warning in warnings] == [
        ("cross_document", "warning", "FY2011-Q1"),
        ("ratio_identities", "warning", "FY2008-Q3"),
    ]
    assert warnings[0][3:] == (424.5, 425.5, 435.0)


def test_a_deck_ingested_is_checked_alone_and_the_others_results_are_carried_over(pipeline):
    assert pipeline.cli("run").returncode == 0
    before = set(map(repr, pipeline.query("select * from marts.check_results")))
    [(name, text)] = synthetic_decks(1)
    deck = pipeline.inbox / name
    deck.write_text(text, encoding="utf-8")
    try:
        added = pipeline.cli("ingest")
        [new_id] = [i for i, path in list_inbox(pipeline.inbox).items() if path.name == name]
        [(checked, carried, carried_results)] = pipeline.query(
            "select checked_documents, carried_over_documents, carried_over_results "
            "from marts.check_run"
        )
        # every other document, the two unreadable files too: nothing of theirs changed
        published = pipeline.query(
            "select document_id from marts.dim_document where document_id <> ? order by all",
            [new_id],
        )
        after = set(map(repr, pipeline.query("select * from marts.check_results")))
        built_cells = pipeline.query("select * from staging.stg_cells order by all")
        staged_cells = staged_cells_of(pipeline, [new_id] + [document for (document,) in published])
    finally:
        deck.unlink()
    assert added.returncode == 0, added.stdout + added.stderr
    # the others' staged cells are taken from the last publish, as their files hold them
    log = Path(re.search(r"dagster log: +(\S+)", added.stdout)[1]).read_text(encoding="utf-8")
    assert (
        f"{len(published)} unchanged since the last publish keep its staged cells, the staged "
        "cells files of 1 are read"
    ) in log
    assert built_cells == staged_cells
    assert checked == [new_id]
    assert sorted(carried) == [document for (document,) in published]
    assert carried_results > 0
    # what the published decks' own comparisons said stands, carried over as it was
    assert len(before & after) >= carried_results
    removed = pipeline.cli("ingest")
    assert removed.returncode == 0, removed.stdout + removed.stderr
    [(checked_after_removal,)] = pipeline.query("select checked_documents from marts.check_run")
    assert checked_after_removal == []
