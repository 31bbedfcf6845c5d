"""Incremental checks: against a published warehouse, a build checks only the new and changed
documents, carries the others' results over, and ends with the check_results a full check of the
same build gives."""

import shutil

import duckdb
import pytest

from checks import run_all
from checks.results import FAIL
from tests.checks.warehouse import (
    DOC_1Q11,
    DOC_2Q06,
    DOC_3Q08,
    SOURCES,
    build_models_into,
    stage_inbox,
)

CHANGED_2Q06 = "001_changed.txt"


@pytest.fixture(scope="module")
def staged(tmp_path_factory):
    """The five decks and a copy of deck 001 with `Equipment Sales 531` printed `931`, staged
    once: {source file: document id} and the staging folder."""
    base = tmp_path_factory.mktemp("incremental")
    inbox = shutil.copytree(SOURCES, base / "inbox")
    text = (inbox / DOC_2Q06).read_text(encoding="utf-8")
    assert "Equipment Sales\t531\t" in text
    (inbox / CHANGED_2Q06).write_text(
        text.replace("Equipment Sales\t531\t", "Equipment Sales\t931\t"), encoding="utf-8"
    )
    documents_dir = base / "documents"
    return stage_inbox(inbox, documents_dir), documents_dir


def checked_build(workdir, staged, files, baseline=None):
    """A build of these source files, checked (against the published `baseline`, if given);
    returns the build file."""
    ids, documents_dir = staged
    workdir.mkdir(parents=True)
    connection = build_models_into(workdir, documents_dir, [ids[name] for name in files])
    run_all(connection, workdir / "docs", baseline=baseline)
    connection.close()
    return workdir / "iij.duckdb"


def rows(database, sql, parameters=None):
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(sql, parameters).fetchall()


def check_results(database):
    return rows(database, "select * from marts.check_results order by all")


def check_run(database):
    [row] = rows(
        database,
        "select checked_documents, carried_over_documents, computed_results, "
        "carried_over_results from marts.check_run",
    )
    return row


FIVE = sorted(path.name for path in SOURCES.glob("*.txt"))


def test_a_deck_added_to_a_published_warehouse_is_checked_alone_with_a_full_check_s_results(
    tmp_path, staged
):
    ids, _ = staged
    four = [name for name in FIVE if name != DOC_1Q11]
    published = checked_build(tmp_path / "published", staged, four)
    incremental = checked_build(tmp_path / "incremental", staged, FIVE, baseline=published)
    full = checked_build(tmp_path / "full", staged, FIVE)

    checked, carried_documents, computed, carried = check_run(incremental)
    assert checked == [ids[DOC_1Q11]]
    assert sorted(carried_documents) == sorted(ids[name] for name in four)
    assert carried > computed > 0
    assert check_run(full)[:2] == (sorted(ids[name] for name in FIVE), [])
    assert check_results(incremental) == check_results(full)
    # deck 004's reviewed slip is carried over as a warning, and its exception is not stale
    assert rows(
        incremental,
        "select check_name, status from marts.check_results "
        "where check_name in ('ratio_identities', 'reviewed_exceptions') and status <> 'pass'",
    ) == [("ratio_identities", "warn")]


def test_a_changed_deck_is_checked_again_and_fails_as_in_a_full_check(tmp_path, staged):
    ids, _ = staged
    published = checked_build(tmp_path / "published", staged, FIVE)
    changed = [name for name in FIVE if name != DOC_2Q06] + [CHANGED_2Q06]
    incremental = checked_build(tmp_path / "incremental", staged, changed, baseline=published)
    full = checked_build(tmp_path / "full", staged, changed)

    assert check_run(incremental)[0] == [ids[CHANGED_2Q06]]
    assert check_results(incremental) == check_results(full)
    failing = rows(
        incremental, "select distinct document_id from marts.check_results where status = ?", [FAIL]
    )
    assert failing == [(ids[CHANGED_2Q06],)]


def test_a_deck_removed_leaves_the_others_results_as_a_full_check_gives_them(tmp_path, staged):
    ids, _ = staged
    published = checked_build(tmp_path / "published", staged, FIVE)
    four = [name for name in FIVE if name != DOC_3Q08]
    incremental = checked_build(tmp_path / "incremental", staged, four, baseline=published)
    full = checked_build(tmp_path / "full", staged, four)

    assert check_run(incremental)[0] == []
    assert check_results(incremental) == check_results(full)


def test_a_publish_checked_by_other_definitions_is_not_carried_over(tmp_path, staged):
    ids, _ = staged
    published = checked_build(tmp_path / "published", staged, FIVE)
    with duckdb.connect(str(published)) as connection:
        connection.execute("update marts.check_run set checks_digest = 'rules of another day'")
    again = checked_build(tmp_path / "again", staged, FIVE, baseline=published)

    checked, carried_documents, _, carried = check_run(again)
    assert sorted(checked) == sorted(ids[name] for name in FIVE)
    assert (carried_documents, carried) == ([], 0)
