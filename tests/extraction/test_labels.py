from pathlib import Path

import pytest

from extraction.labels import Lexicon, normalize_label
from warehousing.reading import load_vocabulary

CONTRACT = Path(__file__).resolve().parents[2] / "contract"


@pytest.fixture(scope="module")
def lexicon():
    return Lexicon.from_vocabulary(load_vocabulary(CONTRACT))


def test_normalization_drops_bullets_markup_case_and_footnote_marks():
    assert normalize_label("▪ Net income attributable to IJ*") == "net income attributable to iij"
    assert normalize_label("<i>Gross Margin</i>  Ratio:") == "gross margin ratio"


@pytest.mark.parametrize(
    ("label", "metric_id"),
    [
        ("Income before Income Tax Benefit", "income_before_income_taxes"),
        ("Income before Income Tax Expense (Benefit)", "income_before_income_taxes"),
        ("Income before tax income expense", "income_before_income_taxes"),
        ("Total IJ Shareholders' Equity", "total_shareholders_equity"),
        ("Net Income attributable to IIJ per Share*", "net_income_per_share"),
        ("Cash, End of Each Period", "cash_end_of_period"),
        ("Cash", "cash_and_cash_equivalents"),
        ("Operating Loss", "operating_income"),
        ("Sum", "costs_and_expenses"),
        (
            "Equity in net income(loss) of equity method investees",
            "equity_in_net_income_of_investees",
        ),
    ],
)
def test_label_variants_map_to_one_metric(lexicon, label, metric_id):
    assert lexicon.metric(label) == metric_id


@pytest.mark.parametrize(
    ("heading", "segment_id"),
    [
        ("Results by Service – Connectivity and Value-added Services", "connectivity_and_vas"),
        ("< ATM Operation Business Results >", "atm_operation"),
        ("IJJ-Global", "iij_global"),
        ("Enhancing business scope by AT&T Japan M&A", "iij_global"),
        ("Consolidated Balance Sheets", None),
    ],
)
def test_segments_named_in_headings(lexicon, heading, segment_id):
    assert lexicon.segment_mentioned(heading) == segment_id


def test_every_contract_metric_is_reachable_by_a_label(lexicon):
    vocabulary = load_vocabulary(CONTRACT)
    unreachable = [m for m in vocabulary.metrics if m not in set(lexicon.metric_by_label.values())]
    assert unreachable == []
