"""`run_all` on hand-made builds: reviewed exceptions, expectation suites, check_results."""

from datetime import date

import pytest

from checks import run_all
from checks.exceptions import load_exceptions
from checks.results import BLOCKING, FAIL, PASS, WARN, WARNING
from extraction.periods import half, quarter
from tests.checks.warehouse import Deck, build_from_figures, figure

Q1_05, Q2_05 = quarter(2005, 1), quarter(2005, 2)
HEADER = (
    "rule,document_title,document_date,metric_id,segment_id,period_id,printed,evidence,reason\n"
)


def deck_with_a_slip():
    """Document 001's 1H05 revenues, with 1H05 printed ten too high (21,819 for 21,809)."""
    return Deck("001_slip.txt", date(2006, 11, 9), [
        figure("revenues", Q1_05, 9880, line=86),
        figure("revenues", Q2_05, 11929, line=68),
        figure("revenues", half(2005, 1), 21819, line=53),
    ])


@pytest.fixture
def exceptions_file(tmp_path):
    def write(*rows):
        path = tmp_path / "reviewed_exceptions.csv"
        path.write_text(HEADER + "".join(f"{row}\n" for row in rows), encoding="utf-8")
        return path

    return write


def test_a_reviewed_slip_becomes_a_warning_and_every_result_lands_in_check_results(
    tmp_path, exceptions_file
):
    connection = build_from_figures(tmp_path / "build", [deck_with_a_slip()])
    exceptions = exceptions_file(
        'time_consistency,001_slip.txt,2006-11-09,revenues,total,FY2005-H1,"21,819; 9,880; 11,929",'
        '"line 53: 21,819; lines 86 and 68: 9,880 + 11,929",the deck prints it so'
    )
    results = run_all(connection, tmp_path / "docs", exceptions)
    [reviewed] = [result for result in results if result.check_name == "time_consistency"]
    assert (reviewed.status, reviewed.severity) == (WARN, WARNING)
    assert reviewed.message.endswith("[reviewed exception: the deck prints it so]")
    assert not [result for result in results if result.blocks_publish]
    stored = connection.execute(
        "select check_name, status, severity, period_id, expected_low, expected_high "
        "from marts.check_results where check_name = 'time_consistency'"
    ).fetchall()
    assert stored == [("time_consistency", WARN, WARNING, "FY2005-H1", 21808.0, 21810.0)]
    [(count,)] = connection.execute("select count(*) from marts.check_results").fetchall()
    assert count == len(results)
    assert (tmp_path / "docs" / "index.html").is_file()
    assert {result.check_name for result in results} >= {
        "gx_stg_cells", "gx_fact_metric", "gx_fact_metric_current", "gx_dim_segment",
        "gx_dim_document",
    }


def test_an_unreviewed_slip_blocks_and_a_stale_exception_is_reported(tmp_path, exceptions_file):
    connection = build_from_figures(tmp_path / "build", [deck_with_a_slip()])
    # reviewed for another period: it matches nothing
    exceptions = exceptions_file(
        'time_consistency,001_slip.txt,2006-11-09,revenues,total,FY2006-H1,"21,819; 9,880; 11,929",'
        "somewhere,some reason"
    )
    results = run_all(connection, tmp_path / "docs", exceptions)
    [slip] = [result for result in results if result.check_name == "time_consistency"]
    assert (slip.status, slip.severity, slip.blocks_publish) == (FAIL, BLOCKING, True)
    [stale] = [result for result in results if result.check_name == "reviewed_exceptions"]
    assert (stale.status, stale.period_id, stale.locator) == (WARN, "FY2006-H1", "somewhere")


def test_check_results_is_created_in_a_build_without_it_and_replaced_on_a_rerun(
    tmp_path, exceptions_file
):
    connection = build_from_figures(tmp_path / "build", [deck_with_a_slip()])
    run_all(connection, tmp_path / "docs", exceptions_file())
    results = run_all(connection, tmp_path / "docs", exceptions_file())
    [(count,)] = connection.execute("select count(*) from marts.check_results").fetchall()
    assert count == len(results) > 0


def test_an_exception_without_evidence_is_refused(exceptions_file):
    path = exceptions_file(
        'time_consistency,001_slip.txt,2006-11-09,revenues,total,FY2005-H1,"21,819",,why'
    )
    with pytest.raises(ValueError, match="line 2: an exception needs the printed figures"):
        load_exceptions(path)


def test_a_figure_outside_the_contract_fails_its_expectations_and_names_the_cell(
    tmp_path, exceptions_file
):
    bogus = Deck("bogus.txt", date(2006, 11, 9), [
        figure("revenues", Q1_05, 9880, line=86),
        figure("revenues", Q1_05, 5.2, 1, measure="share_of_pie", unit="percent", line=87),
        figure("gross_margin_ratio", Q1_05, 178.0, 1, unit="percent", line=88),
    ])
    connection = build_from_figures(tmp_path / "build", [bogus])
    results = run_all(connection, tmp_path / "docs", exceptions_file())
    failing = {
        (result.check_name, result.rule): result for result in results if result.status == FAIL
    }
    assert set(failing) == {
        ("gx_stg_cells", "expect_column_values_to_be_in_set(column=measure)"),
        ("gx_fact_metric", "expect_column_values_to_be_in_set(column=measure)"),
        ("gx_fact_metric", "expect_column_values_to_be_between(column=value, min_value=-100.0, "
         "max_value=100.0) where (metric_id IN (gross_margin_ratio, operating_margin_ratio) "
         "AND segment_id == total AND measure == amount)"),
    }
    measure = failing["gx_fact_metric", "expect_column_values_to_be_in_set(column=measure)"]
    assert measure.locator == "bogus line 87, column 2" and measure.actual_value == 1
    assert "e.g. share_of_pie" in measure.message
    assert all(result.status == PASS for result in results if result.check_name == "gx_dim_segment")


def test_every_rule_file_is_named_in_the_rule_list():
    from checks.rules import RULE_NAMES, RULES_DIR

    assert sorted(RULE_NAMES) == sorted(path.stem for path in RULES_DIR.glob("*.sql"))


def test_document_table_results_say_as_much_as_a_full_validation_would(tmp_path, exceptions_file):
    """The document tables' expectations are validated for their outcome first: a row
    expectation that passes says `as expected` for each document; one that fails, and one that
    judges the table, are validated again in full, for the failing rows and what was observed."""
    good = Deck("good.txt", date(2006, 11, 9), [figure("revenues", Q1_05, 9880, line=86)])
    bogus = Deck("bogus.txt", date(2006, 11, 10), [
        figure("revenues", Q1_05, 5.2, 1, measure="share_of_pie", unit="percent", line=87),
    ])
    connection = build_from_figures(tmp_path / "build", [good, bogus])
    results = run_all(connection, tmp_path / "docs", exceptions_file())
    facts = [result for result in results if result.check_name == "gx_fact_metric"]
    by_rule = {}
    for result in facts:
        by_rule.setdefault(result.rule, []).append(result)
    not_null = by_rule["expect_column_values_to_not_be_null(column=value)"]
    assert [(r.document_id, r.status, r.actual_value) for r in not_null] == [
        ("bogus", PASS, 0.0), ("good", PASS, 0.0)
    ]
    assert not_null[0].message == "marts.fact_metric, the rows of document bogus: as expected"
    measure = by_rule["expect_column_values_to_be_in_set(column=measure)"]
    assert [(r.document_id, r.status, r.locator) for r in measure] == [
        ("bogus", FAIL, "bogus line 87, column 2"), ("good", PASS, None)
    ]
    [columns] = by_rule["expect_table_columns_to_match_set()"]
    assert columns.document_id is None and columns.status == PASS
    assert "as expected (observed [" in columns.message
