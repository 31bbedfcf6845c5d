"""The rules on the five embedded decks: what they compare, and, in copies where one printed figure
is changed, that exactly the comparisons using that figure fail, naming it."""

from collections import Counter

import pytest

from checks.results import FAIL, PASS, WARN, WARNING
from checks.rules import run_rules
from tests.checks.warehouse import (
    DOC_1H07,
    DOC_1H12,
    DOC_1Q11,
    DOC_2Q06,
    DOC_3Q08,
    build_from_decks,
    not_passing,
)


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    return run_rules(build_from_decks(tmp_path_factory.mktemp("decks")))


@pytest.fixture
def new_failures(tmp_path, results):
    """What fails in copies of the decks with one figure changed, and not in the decks."""
    known = {(result.rule, result.locator) for result in not_passing(results)}

    def with_changed_figure(source_file, printed, changed):
        changed_results = run_rules(build_from_decks(tmp_path, {source_file: [(printed, changed)]}))
        return [
            result for result in not_passing(changed_results)
            if (result.rule, result.locator) not in known
        ]

    return with_changed_figure


def find(results, check_name, rule, metric_id, period_id, segment_id="total"):
    [result] = [
        result for result in results
        if (result.check_name, result.rule, result.metric_id, result.period_id, result.segment_id)
        == (check_name, rule, metric_id, period_id, segment_id)
    ]
    return result


def test_every_rule_compares_figures_of_the_decks(results):
    counts = Counter(result.check_name for result in results)
    # document 001's ten quarters, each of total, connectivity_and_vas, internet_connectivity and
    # vas_and_other
    assert counts["parts_sum_to_whole"] == 40
    assert counts["accounting_identities"] >= 40
    assert counts["ratio_identities"] >= 100
    assert counts["period_over_period"] >= 150
    assert counts["time_consistency"] >= 10
    assert counts["cross_document"] >= 20
    assert counts["repeated_figures"] >= 60


def test_the_only_inconsistency_beyond_rounding_is_004_s_3q08_sga_ratio(results):
    [slip] = not_passing(results)
    assert (slip.check_name, slip.status, slip.metric_id, slip.period_id) == (
        "ratio_identities", FAIL, "sga_rnd", "FY2008-Q3"
    )
    assert f"{DOC_3Q08} line 514, column 2 (t04): SG&A/R&D" in slip.locator


def test_001_s_quarterly_service_lines_add_up_to_total_revenues(results):
    result = find(
        results, "parts_sum_to_whole",
        "total = (internet_connectivity + vas_and_other) + equipment_sales"
        " + outsourced_operation + systems_integration",
        "revenues", "FY2004-Q1",
    )
    assert (result.status, result.expected_low, result.expected_high) == (PASS, 8672.5, 8677.5)
    assert result.actual_value == 8675


def test_the_nine_months_to_december_2007_are_1h07_of_000_plus_3q07_of_004(results):
    result = find(
        results, "time_consistency", "FY2007-9M = FY2007-H1 + FY2007-Q3", "revenues", "FY2007-9M"
    )
    assert (result.status, result.expected_low, result.expected_high) == (PASS, 48300, 48500)
    assert DOC_1H07 in result.locator and DOC_3Q08 in result.locator


def test_a_changed_service_line_breaks_only_its_quarter_s_total(new_failures):
    [result] = new_failures(
        DOC_2Q06, "Equipment Sales\t531\t", "Equipment Sales\t541\t"
    )
    assert (result.check_name, result.status, result.period_id) == (
        "parts_sum_to_whole", FAIL, "FY2004-Q1"
    )
    assert "Equipment Sales | 1Q04 = 541" in result.locator


def test_changed_atm_expenses_break_the_costs_and_expenses_sum_in_both_atm_tables(new_failures):
    failing = new_failures(DOC_1Q11, "Expenses\t37\t36", "Expenses\t47\t36")
    assert [(r.check_name, r.rule, r.period_id, r.segment_id) for r in failing] == [
        ("accounting_identities", "costs_and_expenses = cost_of_revenues + sga_rnd",
         "FY2010-Q1", "atm_operation"),
    ] * 2
    assert all("Expenses | 1Q10 = 47" in result.locator for result in failing)


def test_a_changed_operating_margin_ratio_breaks_only_its_ratio(new_failures):
    [result] = new_failures(
        DOC_2Q06, "Operating Margin Ratio\t(1.2%)", "Operating Margin Ratio\t(2.2%)"
    )
    assert (result.check_name, result.rule, result.period_id) == (
        "ratio_identities", "operating_margin_ratio = operating_income / revenues * 100",
        "FY2004-Q1",
    )
    assert "Operating Margin Ratio | 1Q04 = (2.2%)" in result.locator


def test_a_changed_actual_against_target_breaks_only_that_ratio(new_failures):
    [result] = new_failures(DOC_1H12, "50.5\t101.2%", "50.5\t103.2%")
    assert (result.check_name, result.rule, result.period_id) == (
        "ratio_identities", "vs_target_pct: revenues actual / target * 100", "FY2012-H1"
    )
    assert result.expected_low == pytest.approx(51050 / 50550 * 100)
    assert "Total Revenues | Actual against Target in % = 103.2%" in result.locator


def test_a_changed_balance_sheet_change_breaks_only_that_change(new_failures):
    [result] = new_failures(
        DOC_1H07, "Inventories\t1,878\t1,111\t+767", "Inventories\t1,878\t1,111\t+777"
    )
    assert (result.check_name, result.rule, result.metric_id) == (
        "period_over_period", "change = 2007-09-30 - 2007-03-31", "inventories"
    )
    assert (result.expected_low, result.expected_high, result.actual_value) == (766, 768, 777)
    assert "Inventories | Changes = +777" in result.locator


def test_a_changed_quarter_breaks_only_its_half_year(new_failures):
    [result] = new_failures(DOC_2Q06, "2,256\t623\t1,001", "2,256\t633\t1,001")
    assert (result.check_name, result.rule, result.metric_id) == (
        "time_consistency", "FY2005-H1 = FY2005-Q1 + FY2005-Q2", "net_income"
    )
    assert "Net Income | 1Q05 = 633" in result.locator


def test_a_summary_bullet_that_disagrees_with_the_results_table_fails(new_failures):
    [result] = new_failures(DOC_1Q11, "expense\tJPY865 million", "expense\tJPY965 million")
    assert (result.check_name, result.metric_id, result.period_id) == (
        "repeated_figures", "income_before_income_taxes", "FY2011-Q1"
    )
    assert (result.expected_low, result.expected_high, result.actual_value) == (964.5, 965.5, 900)
    assert "JPY965 million" in result.locator


def test_a_later_deck_restating_a_quarter_only_warns(new_failures):
    [result] = new_failures(
        DOC_1H12, "Income Tax Expenses\t425\t631", "Income Tax Expenses\t435\t631"
    )
    assert (result.check_name, result.status, result.severity, result.period_id) == (
        "cross_document", WARN, WARNING, "FY2011-Q1"
    )
    assert (result.expected_low, result.expected_high, result.actual_value) == (424.5, 425.5, 435)
    assert DOC_1H12 in result.locator and DOC_1Q11 in result.locator
