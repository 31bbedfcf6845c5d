"""Each rule on small hand-written warehouses: which figures it compares, and where rounding ends.

Figures are the decks' own (document 001's quarterly revenues, 004's 3Q08 table...), staged and
built through the real SQL models.
"""

from datetime import date

import pytest

from checks.results import BLOCKING, FAIL, PASS, WARN, WARNING
from checks.rules import load_rules, run_rules
from extraction.periods import fiscal_year, half, instant, nine_months, quarter
from tests.checks.warehouse import Deck, build_from_figures, figure

Q1_04, Q1_05, Q2_05 = quarter(2004, 1), quarter(2005, 1), quarter(2005, 2)
H1_05 = half(2005, 1)


def run(tmp_path, rule_name, *decks):
    connection = build_from_figures(tmp_path, list(decks))
    [rule] = [rule for rule in load_rules() if rule.name == rule_name]
    return run_rules(connection, [rule])


def outcome(result):
    return (result.rule, result.status, result.period_id, result.segment_id)


def revenues_1q04(*, equipment_sales=531, table_of_connectivity="t01"):
    """Document 001's 1Q04 revenues by service line (old classification)."""
    return [
        figure("revenues", Q1_04, equipment_sales, segment_id="equipment_sales", line=10),
        figure("revenues", Q1_04, 1040, segment_id="systems_integration", line=11),
        figure("revenues", Q1_04, 1655, segment_id="outsourced_operation", line=12),
        figure("revenues", Q1_04, 1779, segment_id="vas_and_other", line=13,
               table_id=table_of_connectivity),
        figure("revenues", Q1_04, 3670, segment_id="internet_connectivity", line=14,
               table_id=table_of_connectivity),
        figure("revenues", Q1_04, 8675, line=15),
    ]


def test_parts_add_up_to_the_total_through_a_missing_part_s_own_children(tmp_path):
    [result] = run(tmp_path, "parts_sum_to_whole", Deck("d1.txt", None, revenues_1q04()))
    assert result.rule == (
        "total = (internet_connectivity + vas_and_other) + equipment_sales"
        " + outsourced_operation + systems_integration"
    )
    assert (result.status, result.expected_low, result.expected_high) == (PASS, 8672.5, 8677.5)
    assert result.actual_value == 8675 and result.severity == BLOCKING


def test_one_part_off_by_ten_fails_and_names_every_figure_involved(tmp_path):
    [result] = run(
        tmp_path, "parts_sum_to_whole", Deck("d1.txt", None, revenues_1q04(equipment_sales=541))
    )
    assert (result.status, result.expected_low, result.expected_high) == (FAIL, 8682.5, 8687.5)
    assert "INCONSISTENT beyond rounding by 7" in result.message
    assert "d1.txt line 10, column 2 (t01): revenues equipment_sales | FY2004-Q1 = 541" in (
        result.locator
    )
    assert "d1.txt line 15, column 2 (t01)" in result.locator


def test_the_connectivity_subtotal_is_rebuilt_from_its_four_grandchildren(tmp_path):
    deck = Deck("d1.txt", None, [
        figure("revenues", Q1_04, 592, segment_id="other_revenues"),
        figure("revenues", Q1_04, 1187, segment_id="value_added_services"),
        figure("revenues", Q1_04, 752, segment_id="dialup_access"),
        figure("revenues", Q1_04, 2918, segment_id="dedicated_access"),
        figure("revenues", Q1_04, 5450, segment_id="connectivity_and_vas"),
    ])
    [result] = run(tmp_path, "parts_sum_to_whole", deck)
    assert result.rule == (
        "connectivity_and_vas = (dedicated_access + dialup_access)"
        " + (other_revenues + value_added_services)"
    )
    # 5,449 printed parts against 5,450: within the rounding of five figures
    assert (result.status, result.expected_low, result.expected_high) == (PASS, 5447, 5451)


def test_a_parent_beside_one_highlighted_child_is_no_decomposition(tmp_path):
    deck = Deck("d1.txt", None, [
        figure("revenues", Q1_04, 8675),
        figure("revenues", Q1_04, 531, segment_id="equipment_sales"),
    ])
    assert run(tmp_path, "parts_sum_to_whole", deck) == []


def test_a_whole_printed_on_another_slide_is_compared_with_its_parts_table(tmp_path):
    # document 001: Internet Connectivity Services in the revenue table (t01), its dedicated and
    # dial-up lines in the connectivity table (t02)
    deck = Deck("d1.txt", None, [
        figure("revenues", Q1_04, 3670, segment_id="internet_connectivity", table_id="t01"),
        figure("revenues", Q1_04, 752, segment_id="dialup_access", table_id="t02"),
        figure("revenues", Q1_04, 2918, segment_id="dedicated_access", table_id="t02"),
    ])
    [result] = run(tmp_path, "parts_sum_to_whole", deck)
    assert result.rule == "internet_connectivity = dedicated_access + dialup_access"
    assert result.status == PASS and "parts in table t02, whole in table t01" in result.message


def test_highlights_on_separate_slides_are_no_decomposition(tmp_path):
    # document 002: total costs (t08), the ATM business's (t05) and IIJ-Global's (t09)
    q1_11 = quarter(2011, 1)
    deck = Deck("d1.txt", None, [
        figure("cost_of_revenues", q1_11, 18900, -2, table_id="t08"),
        figure("cost_of_revenues", q1_11, 311, segment_id="atm_operation", table_id="t05"),
        figure("cost_of_revenues", q1_11, 5173, segment_id="iij_global", table_id="t09"),
    ])
    assert run(tmp_path, "parts_sum_to_whole", deck) == []


def test_an_identity_holds_at_the_edge_of_rounding_and_fails_half_a_unit_beyond(tmp_path):
    q2_06 = quarter(2006, 2)
    decks = [
        Deck("d1.txt", None, [
            figure("revenues", q2_06, 14007),
            figure("cost_of_revenues", q2_06, 11448),
            figure("gross_margin", q2_06, 2559),
            figure("sga_rnd", q2_06, 1747),
            figure("operating_income", q2_06, operating_income),
        ])
        for operating_income in (811, 810)
    ]
    within = run(tmp_path / "within", "accounting_identities", decks[0])
    beyond = run(tmp_path / "beyond", "accounting_identities", decks[1])
    assert [outcome(r)[:2] for r in within] == [
        ("gross_margin = revenues - cost_of_revenues", PASS),
        ("operating_income = gross_margin - sga_rnd", PASS),
    ]
    # 2,559 - 1,747 = 812 +- 1: 811 (810.5 to 811.5) touches it, 810 misses it by 0.5
    assert [(r.status, r.expected_low, r.expected_high) for r in beyond][1] == (FAIL, 811, 813)
    assert "by 0.5" in beyond[1].message


def test_atm_costs_and_expenses_add_up_and_drive_the_operating_loss(tmp_path):
    q1_10 = quarter(2010, 1)
    atm = {"segment_id": "atm_operation"}
    deck = Deck("d1.txt", None, [
        figure("revenues", q1_10, 106, **atm),
        figure("cost_of_revenues", q1_10, 229, **atm),
        figure("sga_rnd", q1_10, 47, **atm),
        figure("costs_and_expenses", q1_10, 266, **atm),
        figure("operating_income", q1_10, -161, **atm),
    ])
    results = run(tmp_path, "accounting_identities", deck)
    assert [outcome(r) for r in results] == [
        ("costs_and_expenses = cost_of_revenues + sga_rnd", FAIL, "FY2010-Q1", "atm_operation"),
        ("operating_income = revenues - costs_and_expenses", PASS, "FY2010-Q1", "atm_operation"),
    ]


def test_a_percentage_of_revenues_must_be_the_ratio_of_the_printed_amounts(tmp_path):
    # 004, 3Q08 in JPY billion: SG&A 2.6 of revenues 17.5 is 14.53% to 15.19%, not 14.4%
    q3_08 = quarter(2008, 3)
    deck = Deck("d1.txt", None, [
        figure("revenues", q3_08, 17500, -2),
        figure("sga_rnd", q3_08, 2600, -2),
        figure("sga_rnd", q3_08, 14.4, 1, measure="pct_of_revenues", unit="percent"),
        figure("operating_income", q3_08, 800, -2),
        figure("operating_income", q3_08, 4.8, 1, measure="pct_of_revenues", unit="percent"),
    ])
    passing, failing = run(tmp_path, "ratio_identities", deck)
    assert (failing.metric_id, failing.status) == ("sga_rnd", FAIL)
    assert failing.expected_low == pytest.approx(14.529915, abs=1e-6)
    assert failing.expected_high == pytest.approx(15.186246, abs=1e-6)
    assert (passing.metric_id, passing.status) == ("operating_income", PASS)


def test_a_margin_ratio_uses_the_document_s_amounts_when_its_table_lacks_them(tmp_path):
    deck = Deck("d1.txt", None, [
        figure("revenues", Q1_04, 8675, table_id="t03"),
        figure("operating_income", Q1_04, -100, table_id="t04"),
        figure("operating_margin_ratio", Q1_04, -1.2, 1, unit="percent", table_id="t04"),
    ])
    [result] = run(tmp_path, "ratio_identities", deck)
    assert result.status == PASS and "across the document's tables" in result.message
    assert result.expected_low == pytest.approx(-100.5 / 8674.5 * 100)


def test_a_balance_sheet_change_is_later_minus_earlier_within_both_roundings(tmp_path):
    september, march = instant(date(2006, 9, 30)), instant(date(2006, 3, 31))

    def deck(change):
        return Deck("d1.txt", None, [
            figure("cash_and_cash_equivalents", september, 12860),
            figure("cash_and_cash_equivalents", march, 13727),
            figure("cash_and_cash_equivalents", september, change, measure="change"),
        ])

    [within] = run(tmp_path / "a", "period_over_period", deck(-866))
    [beyond] = run(tmp_path / "b", "period_over_period", deck(-865))
    assert within.rule == "change = 2006-09-30 - 2006-03-31"
    assert (within.status, within.expected_low, within.expected_high) == (PASS, -868, -866)
    assert beyond.status == FAIL


def test_a_target_s_yoy_is_measured_against_last_year_s_actual(tmp_path):
    fy11, fy10 = fiscal_year(2011), fiscal_year(2010)
    deck = Deck("d1.txt", None, [
        figure("revenues", fy11, 100000, -2, scenario="target"),
        figure("revenues", fy10, 82400, -2),
        figure("revenues", fy11, 21.3, 1, scenario="target", measure="yoy_pct", unit="percent"),
        figure("revenues", fy11, 17600, -2, scenario="target", measure="change"),
    ])
    results = run(tmp_path, "period_over_period", deck)
    assert [(r.rule, r.status) for r in results] == [
        ("change = FY2011 - FY2010", PASS),
        ("yoy_pct = (FY2011 / FY2010 - 1) * 100", PASS),
    ]
    assert results[1].expected_low == pytest.approx((99950 / 82450 - 1) * 100)


def test_halves_nine_months_and_years_add_up_within_and_across_documents(tmp_path):
    h1_07, q3_07, m9_07 = half(2007, 1), quarter(2007, 3), nine_months(2007)
    first = Deck("first.txt", date(2007, 11, 12), [
        figure("revenues", h1_07, 30000, -2),
        figure("revenues", Q1_05, 9880), figure("revenues", Q2_05, 11929),
        figure("revenues", H1_05, 21819),
    ])
    second = Deck("second.txt", date(2009, 2, 12), [
        figure("revenues", m9_07, 48300, -2), figure("revenues", q3_07, 18400, -2),
    ])
    results = run(tmp_path, "time_consistency", first, second)
    assert [(r.rule, r.status, r.document_id) for r in results] == [
        ("FY2005-H1 = FY2005-Q1 + FY2005-Q2", FAIL, "first"),
        ("FY2007-9M = FY2007-H1 + FY2007-Q3", PASS, "second"),
    ]
    assert "within one document" in results[0].message
    assert "across 2 documents" in results[1].message


def test_targets_are_not_combined_across_documents(tmp_path):
    first = Deck("first.txt", date(2011, 5, 1), [
        figure("revenues", half(2011, 1), 47500, -2, scenario="target"),
    ])
    second = Deck("second.txt", date(2011, 11, 1), [
        figure("revenues", half(2011, 2), 52500, -2, scenario="target"),
        figure("revenues", fiscal_year(2011), 90000, -2, scenario="target"),
    ])
    assert run(tmp_path, "time_consistency", first, second) == []


def test_a_later_document_that_disagrees_restates_and_only_warns(tmp_path):
    q1_11 = quarter(2011, 1)
    older = Deck("older.txt", date(2011, 9, 13), [figure("income_tax_expense", q1_11, 425)])
    newer = Deck("newer.txt", date(2012, 11, 8), [figure("income_tax_expense", q1_11, 435)])
    [result] = run(tmp_path, "cross_document", older, newer)
    assert (result.status, result.severity, result.document_id) == (WARN, WARNING, "newer")
    assert (result.expected_low, result.expected_high, result.actual_value) == (424.5, 425.5, 435)
    assert "the later document restates the figure" in result.message


def test_two_documents_of_one_date_that_disagree_fail(tmp_path):
    q1_11 = quarter(2011, 1)
    decks = [
        Deck(name, date(2011, 9, 13), [figure("income_tax_expense", q1_11, value)])
        for name, value in (("a.txt", 425), ("b.txt", 435))
    ]
    [result] = run(tmp_path, "cross_document", *decks)
    assert (result.status, result.severity) == (FAIL, BLOCKING)


def test_the_same_figure_in_billions_and_in_millions_agrees(tmp_path):
    q2_06 = quarter(2006, 2)
    decks = [
        Deck("millions.txt", date(2006, 11, 9), [figure("revenues", q2_06, 14007)]),
        Deck("billions.txt", date(2007, 11, 12), [figure("revenues", q2_06, 14000, -2)]),
    ]
    [result] = run(tmp_path, "cross_document", *decks)
    assert (result.status, result.document_id) == (PASS, "billions")


def test_a_figure_repeated_in_two_tables_must_agree_within_both_roundings(tmp_path):
    h1_07 = half(2007, 1)
    deck = Deck("d1.txt", None, [
        figure("revenues", h1_07, 30000, -2, table_id="t01"),
        figure("revenues", h1_07, 30000, -2, table_id="t03"),
        figure("operating_income", h1_07, 1816, table_id="t01"),
        figure("operating_income", h1_07, 1900, -2, table_id="t03"),
    ])
    results = run(tmp_path, "repeated_figures", deck)
    assert [(r.metric_id, r.rule, r.status) for r in results] == [
        ("operating_income", "amount in table t03 = amount in table t01", FAIL),
        ("revenues", "amount in table t03 = amount in table t01", PASS),
    ]
    assert (results[0].expected_low, results[0].expected_high) == (1815.5, 1816.5)
