"""The expectation suites in a process of their own give the results they give in this one, and
a child that fails or dies says so instead of hanging."""

from datetime import date

import pyarrow as pa
import pytest

from checks import run_all
from checks.batches import DimensionIds, ExpectationBatch, ExpectationBatches
from checks.results import FAIL
from checks.validation import ValidationProcess
from extraction.periods import quarter
from tests.checks.warehouse import Deck, build_from_figures, figure


def bogus_deck():
    """A revenue and a gross margin ratio of 178%, beyond what a company's can be."""
    return Deck("bogus.txt", date(2006, 11, 9), [
        figure("revenues", quarter(2005, 1), 9880, line=86),
        figure("gross_margin_ratio", quarter(2005, 1), 178.0, 1, unit="percent", line=88),
    ])


def test_the_suites_in_their_own_process_give_the_results_of_this_one(tmp_path):
    connection = build_from_figures(tmp_path / "build", [bogus_deck()])
    here = run_all(connection, tmp_path / "docs_here")
    process = ValidationProcess()
    try:
        there = run_all(connection, tmp_path / "docs_there", validator=process)
        # the same process serves the next build too (containment checks a build again)
        again = run_all(connection, tmp_path / "docs_again", validator=process)
        # the first build's Data Docs were written before the second was validated
        assert (tmp_path / "docs_there" / "index.html").is_file()
        process.finish()
        assert (tmp_path / "docs_again" / "index.html").is_file()
    finally:
        process.close()
    assert there == here == again
    [ratio] = [r for r in there if r.status == FAIL and r.check_name == "gx_fact_metric"]
    assert (ratio.document_id, ratio.locator) == ("bogus", "bogus line 88, column 2")


def test_a_failure_in_the_child_is_raised_with_its_traceback(tmp_path):
    unknown = ExpectationBatches(
        DimensionIds([]),
        (ExpectationBatch("marts.no_such_table", pa.table({}), None),),
    )
    process = ValidationProcess()
    try:
        process.start(unknown, tmp_path / "docs")
        with pytest.raises(RuntimeError, match="KeyError: 'marts.no_such_table'"):
            process.results()
    finally:
        process.close()


def test_a_child_that_died_is_reported_with_its_exit_code(tmp_path):
    process = ValidationProcess()
    process._child.kill()
    process._child.wait()
    with pytest.raises(RuntimeError, match=r"validation process ended \(exit code -9\)"):
        process.start(ExpectationBatches(DimensionIds([]), ()), tmp_path / "docs")
        process.results()
    process.close()


def test_a_process_started_ahead_is_taken_by_the_next_run_and_ended_if_none_takes_it(tmp_path):
    with ValidationProcess.started_ahead(stderr=tmp_path / "log"):
        ahead = ValidationProcess._ahead
        taken = ValidationProcess.take()
        fresh = ValidationProcess.take()
        try:
            assert taken is ahead
            assert fresh is not taken and fresh._child.pid != taken._child.pid
        finally:
            taken.close()
            fresh.close()
    with ValidationProcess.started_ahead():
        untaken = ValidationProcess._ahead
    assert untaken._child.poll() is not None
    assert ValidationProcess._ahead is None


def test_closing_a_process_waits_for_the_data_docs_it_is_writing(tmp_path):
    connection = build_from_figures(tmp_path / "build", [bogus_deck()])
    process = ValidationProcess()
    try:
        run_all(connection, tmp_path / "docs", validator=process)
    finally:
        process.close()
    assert (tmp_path / "docs" / "index.html").is_file()
