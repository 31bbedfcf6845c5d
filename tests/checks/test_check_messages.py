"""Every check message names each figure it compared (metric, period, printed text, file and
locator, table) and the computed interval; each result names the documents of its figures."""

from datetime import date

from checks.results import FAIL
from checks.rules import run_rules
from extraction.periods import quarter
from tests.checks.warehouse import DOC_2Q06, Deck, build_from_decks, build_from_figures, figure


def test_a_changed_service_line_names_the_printed_931_its_line_and_the_computed_interval(
    tmp_path,
):
    connection = build_from_decks(
        tmp_path, {DOC_2Q06: [("Equipment Sales\t531\t", "Equipment Sales\t931\t")]}
    )
    [(changed,)] = connection.execute(
        "select document_id from marts.dim_document where source_file = ?", [DOC_2Q06]
    ).fetchall()
    [failure] = [
        result for result in run_rules(connection)
        if result.status == FAIL and result.check_name == "parts_sum_to_whole"
    ]
    assert "printed [8674.5, 8675.5], computed [9072.5, 9077.5]" in failure.message
    assert (
        f"revenues/equipment_sales FY2004-Q1 printed 931 ({DOC_2Q06} line 81, column 2, table t03)"
        in failure.message
    )
    assert f"revenues FY2004-Q1 printed 8,675 ({DOC_2Q06} line 86, column 2, table t03)" in (
        failure.message
    )
    assert failure.compared_documents == (changed,)


def test_a_disagreement_between_decks_names_both_figures_and_both_documents(tmp_path):
    q1 = quarter(2005, 1)
    decks = [
        Deck("a.txt", date(2006, 11, 9), [figure("revenues", q1, 9880, line=86)]),
        Deck("b.txt", date(2006, 11, 9), [figure("revenues", q1, 9980, line=12)]),
    ]
    connection = build_from_figures(tmp_path, decks)
    [failure] = [result for result in run_rules(connection) if result.status == FAIL]
    assert failure.check_name == "cross_document"
    assert "revenues FY2005-Q1 printed 9,980 (b.txt line 12, column 2, table t01)" in (
        failure.message
    )
    assert "revenues FY2005-Q1 printed 9,880 (a.txt line 86, column 2, table t01)" in (
        failure.message
    )
    assert set(failure.compared_documents) == {deck.document_id for deck in decks}
