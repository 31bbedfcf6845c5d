"""The warehouse checks in the whole pipeline (`python -m pipelines.cli run`, as `make run` runs
it): a copy of a real deck with one printed figure changed stops the publish and names that
figure; a later deck restating a figure publishes with a warning."""

import shutil

import duckdb

from tests.checks.warehouse import DOC_1H12, DOC_2Q06
from tests.integration.inboxes import assert_blocked, published_state


def change_figure(pipeline, source_file, printed, changed):
    path = pipeline.inbox / source_file
    original = path.read_text(encoding="utf-8")
    assert printed in original
    path.write_text(original.replace(printed, changed), encoding="utf-8")
    return original


def test_a_deck_with_one_changed_figure_is_not_published_and_its_failure_names_it(pipeline):
    before = published_state(pipeline)
    original = change_figure(pipeline, DOC_2Q06, "Equipment Sales\t531\t", "Equipment Sales\t541\t")
    try:
        blocked = pipeline.cli("run")
    finally:
        (pipeline.inbox / DOC_2Q06).write_text(original, encoding="utf-8")
    kept = assert_blocked(pipeline, blocked, before)
    assert "blocking: revenues FY2004-Q1 actual consolidated in table" in blocked.stdout
    with duckdb.connect(str(kept / pipeline.warehouse.name), read_only=True) as connection:
        blocking = connection.execute(
            "select check_name, period_id, segment_id, locator from marts.check_results "
            "where status = 'fail' and severity = 'blocking'"
        ).fetchall()
    shutil.rmtree(kept)
    [(check_name, period_id, segment_id, locator)] = blocking
    assert (check_name, period_id, segment_id) == ("parts_sum_to_whole", "FY2004-Q1", "total")
    assert f"{DOC_2Q06} line 81, column 2 (t03): Equipment Sales | 1Q04 = 541" in locator


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
