"""The interpreter on the labels, periods and table shapes of other eras and of IFRS decks."""

from pathlib import Path

import pytest

from benchmarks.generalization import score_deck
from extraction.document_meta import find_accounting_standard
from extraction.header_grammar import is_header_row
from extraction.interpret import interpret_document
from extraction.labels import Lexicon, label_key
from extraction.periods import parse_caption_period, parse_period
from extraction.vocabulary import MetricDef, Vocabulary
from extraction.vocabulary_review import review_unmapped_labels
from reporting.vocabulary_review import review_markdown
from tests.extraction.lines import interpret_lines
from warehousing.reading import read_document

ROOT = Path(__file__).resolve().parents[2]
ERAS = ROOT / "tests" / "fixtures" / "eras"


@pytest.fixture(scope="module")
def lexicon(vocabulary):
    return Lexicon.from_vocabulary(vocabulary)


def _extract(lines, vocabulary):
    return interpret_lines(lines, vocabulary, host=ERAS / "fy2009_full_year.txt")


def _facts(extract):
    return sorted(
        (f.metric_id, f.segment_id, f.period_id, f.scenario, f.measure, f.value)
        for f in extract.facts
    )


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("Net profit*3", "net profit"),
        ("Revenues(1)", "revenues"),
        ("Net Income Attributable to IIJ*2", "net income attributable to iij"),
        ("Cash Dividend per Share (JPY)", "cash dividend per share"),
        ("Annual Cash Dividend (JPY per share)", "annual cash dividend"),
        ("Operating income (Loss)", "operating income"),
        (
            "Profit for the period attributable to owners of the parent",
            "profit attributable to owners of parent",
        ),
        (
            "Net loss (income) attributable to non-controlling interests",
            "net loss attributable to noncontrolling interests",
        ),
        # a bracket that is part of the name stays
        ("Connectivity Services (Corporate Use)", "connectivity services (corporate use)"),
    ],
)
def test_label_key_drops_what_does_not_change_meaning(label, key):
    assert label_key(label) == key


@pytest.mark.parametrize(
    ("label", "metric_id"),
    [
        ("Operating profit", "operating_income"),
        ("Profit before tax", "income_before_income_taxes"),
        ("Net profit*3", "net_income"),
        ("Net profit(1)", "net_income"),
        ("Profit for the year attributable to owners of the parent", "net_income"),
        ("Gross profit", "gross_margin"),
        ("Basic earnings per share (JPY)", "net_income_per_share"),
        ("Diluted earnings per share (JPY)", "diluted_net_income_per_share"),
        ("Cash dividends per share (JPY)", "cash_dividend_per_share"),
        ("Annual Cash Dividend per Share (JPY)", "cash_dividend_per_share"),
        ("Equity in net income of equity method investees", "equity_in_net_income_of_investees"),
        ("Profit for the period", "profit_including_noncontrolling_interests"),
        ("Annual dividends per share (JPY)", "cash_dividend_per_share"),  # plural ending
        ("Total Revenue", "revenues"),
    ],
)
def test_us_gaap_and_ifrs_names_map_to_the_contract_metrics(lexicon, label, metric_id):
    assert lexicon.metric(label) == metric_id


def test_a_loose_key_shared_by_two_metrics_maps_to_neither():
    vocabulary = Vocabulary(
        metrics={
            "a": MetricDef("a", "other", "JPY_million", "", ("Widgets (JPY)",)),
            "b": MetricDef("b", "other", "JPY_million", "", ("Widgets*",)),
        },
        segments={},
    )
    lexicon = Lexicon.from_vocabulary(vocabulary)
    assert lexicon.metric("Widgets (JPY)") == "a"  # the exact form still reads
    assert lexicon.metric("Widgets (1)") is None  # the loose form would be a guess


@pytest.mark.parametrize(
    ("label", "period_id"),
    [
        ("1Q-3Q22", "FY2022-9M"),
        ("1Q-3Q19", "FY2019-9M"),
        ("1Q~2Q FY2019", "FY2019-H1"),
        ("4Q09 (10/1~10/3)", "FY2009-Q4"),
        ("FY19 Original Target", "FY2019"),
    ],
)
def test_cumulative_and_target_period_labels(label, period_id):
    assert parse_period(label).period_id == period_id


def test_a_caption_reports_its_span_not_the_date_it_was_revised():
    caption = "II . Revision of Financial Targets for FY2020 (Revised on November 9, 2020)"
    assert parse_caption_period(caption).period_id == "FY2020"
    assert parse_caption_period("Revision of Financial Targets (November 2, 2006)").period_id == (
        "2006-11-02"
    )


def test_yoy_printed_as_a_row_under_each_amount(vocabulary):
    extract = _extract(
        [
            "Unit: JPY million",
            "\t1H13 (13/4~13/9)\t1H14 (14/4~14/9)",
            "Revenues\t54,397\t57,172",
            "YoY\t6.4%\t5.1%",
            "Operating Income\t3,009\t2,416",
            "YoY\t(7.8%)\t(19.7%)",
        ],
        vocabulary,
    )
    assert _facts(extract) == sorted(
        [
            ("revenues", "total", "FY2013-H1", "actual", "amount", 54397.0),
            ("revenues", "total", "FY2014-H1", "actual", "amount", 57172.0),
            ("revenues", "total", "FY2013-H1", "actual", "yoy_pct", 6.4),
            ("revenues", "total", "FY2014-H1", "actual", "yoy_pct", 5.1),
            ("operating_income", "total", "FY2013-H1", "actual", "amount", 3009.0),
            ("operating_income", "total", "FY2014-H1", "actual", "amount", 2416.0),
            ("operating_income", "total", "FY2013-H1", "actual", "yoy_pct", -7.8),
            ("operating_income", "total", "FY2014-H1", "actual", "yoy_pct", -19.7),
        ]
    )


def test_a_yoy_row_crossing_a_yoy_column_is_quarantined(vocabulary):
    extract = _extract(
        [
            "Unit: JPY million",
            "\tFY13\tFY14\tYoY",
            "Revenues\t114,272\t123,050\t7.7%",
            "YoY\t\t\t1.0%",
        ],
        vocabulary,
    )
    assert [q.raw_text for q in extract.quarantined] == ["1.0%"]
    assert "the row names a measure" in extract.quarantined[0].reason


def test_segment_rows_under_a_cost_row_are_costs_of_the_segments(vocabulary):
    extract = _extract(
        [
            "Unit: JPY million",
            "\t1Q21\t1Q22",
            "Total revenues\t100\t110",
            "Network services\t60\t66",
            "Systems integration\t40\t44",
            "Cost of sales\t80\t85",
            "Network services\t45\t48",
            "Systems integration\t35\t37",
        ],
        vocabulary,
    )
    q1 = {(f.metric_id, f.segment_id): f.value for f in extract.facts if f.period_id == "FY2021-Q1"}
    assert q1 == {
        ("revenues", "total"): 100.0,
        ("revenues", "network_services"): 60.0,
        ("revenues", "systems_integration"): 40.0,
        ("cost_of_revenues", "total"): 80.0,
        ("cost_of_revenues", "network_services"): 45.0,
        ("cost_of_revenues", "systems_integration"): 35.0,
    }


def test_original_and_new_targets_and_the_yoy_of_the_new_one(vocabulary):
    extract = _extract(
        [
            "III . Financial Targets for FY2019 (revised on November 8, 2019)",
            "Unit: JPY billion, except per share data",
            "\tFY19 Original Target\tFY19 New Target\tYoY",
            "Operating profit\t7.0\t7.6\t26.2%",
            "Cash dividends per share (JPY)\t27.00\t27.00\t",
        ],
        vocabulary,
    )
    assert _facts(extract) == sorted(
        [
            ("operating_income", "total", "FY2019", "target_initial", "amount", 7000.0),
            ("operating_income", "total", "FY2019", "target_revised", "amount", 7600.0),
            ("operating_income", "total", "FY2019", "target_revised", "yoy_pct", 26.2),
            ("cash_dividend_per_share", "total", "FY2019", "target_initial", "amount", 27.0),
            ("cash_dividend_per_share", "total", "FY2019", "target_revised", "amount", 27.0),
        ]
    )


def test_undated_target_columns_take_the_span_the_caption_reports(vocabulary):
    extract = _extract(
        [
            "II . Revision of Financial Targets for FY2020 (Revised on November 9, 2020)",
            "Unit: JPY billion",
            "\tFY19 Actual\tOriginal Target\tRevised Target\tYoY",
            "Total revenues\t204.5\t210.0\t212.0\t3.7%",
        ],
        vocabulary,
    )
    assert _facts(extract) == sorted(
        [
            ("revenues", "total", "FY2019", "actual", "amount", 204500.0),
            ("revenues", "total", "FY2020", "target_initial", "amount", 210000.0),
            ("revenues", "total", "FY2020", "target_revised", "amount", 212000.0),
            ("revenues", "total", "FY2020", "target_revised", "yoy_pct", 3.7),
        ]
    )


def test_a_target_range_is_quarantined_not_published(vocabulary):
    extract = _extract(
        ["Unit: JPY billion", "\tFY24 Target\tYoY", "Total revenues\t312.0~315.0\t13.0~14.1%"],
        vocabulary,
    )
    assert extract.facts == ()
    assert [q.raw_text for q in extract.quarantined] == ["312.0~315.0", "13.0~14.1%"]


def test_unknown_row_label_offers_the_nearest_vocabulary_labels(vocabulary):
    extract = _extract(["Unit: JPY million", "\tFY22", "Operating proft\t27,200"], vocabulary)
    assert extract.facts == ()
    (item,) = extract.quarantined
    assert item.reason.startswith("unknown row label 'Operating proft'; nearest in the vocabulary:")
    assert "(operating_income)" in item.reason


def test_vocabulary_review_counts_unmapped_labels_by_cells_and_documents(vocabulary):
    lines = ["Unit: JPY million", "\tFY21\tFY22", "Operating proft\t23,500\t27,200"]
    other = ["Unit: JPY million", "\tFY22", "Operating proft*2\t27,200", "Widgets\t5"]
    extracts = {"doc-a": _extract(lines, vocabulary), "doc-b": _extract(other, vocabulary)}
    review = review_unmapped_labels(extracts, vocabulary)
    assert [(e.label, e.cells, e.documents) for e in review] == [
        ("Operating proft", 3, ("doc-a", "doc-b")),
        ("Widgets", 1, ("doc-b",)),
    ]
    assert review[0].locators == ("doc-a: line 3", "doc-b: line 3")
    assert "operating_income" in [c.vocabulary_id for c in review[0].candidates]


@pytest.mark.parametrize(
    ("lines", "standard"),
    [
        (["Prepared under International Financial Reporting Standards (IFRS)"], "IFRS"),
        (
            ["Consolidated financial statements are prepared in accordance with U.S. GAAP"],
            "US GAAP",
        ),
        (["1st Half FY2012 Consolidated Financial Results"], None),
        (["FY2018 figures under U.S. GAAP, FY2019 figures under IFRS"], None),
    ],
)
def test_accounting_standard_is_read_from_what_the_deck_says(lines, standard):
    assert find_accounting_standard(lines) == standard


def test_era_decks_record_their_accounting_standard(vocabulary):
    standards = {
        name: interpret_document(read_document(ERAS / name), vocabulary).accounting_standard
        for name in ("fy2009_full_year.txt", "fy2022_ifrs.txt")
    }
    assert standards == {"fy2009_full_year.txt": "US GAAP", "fy2022_ifrs.txt": "IFRS"}


def test_shipped_decks_name_no_standard_so_none_is_recorded(vocabulary):
    extract = interpret_document(
        read_document(ROOT / "sources" / "003_1e0a72612b28a18d.txt"), vocabulary
    )
    assert extract.accounting_standard is None


@pytest.mark.parametrize("deck", sorted(p.name for p in ERAS.glob("*.txt")))
def test_every_key_figure_of_an_era_deck_is_published_and_nothing_else(vocabulary, deck):
    score = score_deck(ERAS / deck, held_out=False, vocabulary=vocabulary)
    assert score.missed == ()
    assert [(f.row_label, f.column_label, f.reported_text) for f in score.wrong_facts] == []


@pytest.mark.parametrize(
    ("label", "metric_and_segment"),
    [
        ("Network services revenues", ("revenues", "network_services")),
        ("Cost of network services", ("cost_of_revenues", "network_services")),
        ("SI gross margin", ("gross_margin", "systems_integration")),
        ("Gross margin ratio (Network services)", ("gross_margin_ratio", "network_services")),
        ("ATM operation business operating loss", ("operating_income", "atm_operation")),
        ("Widgets of network services", None),
    ],
)
def test_labels_naming_a_metric_of_a_segment(lexicon, label, metric_and_segment):
    assert lexicon.metric_of_segment(label) == metric_and_segment


def test_a_segment_loss_row_prints_its_loss_without_sign(vocabulary):
    extract = _extract(
        ["Unit: JPY million", "\tFY09 (09/4~10/3)", "ATM operation business operating loss\t1,000"],
        vocabulary,
    )
    assert _facts(extract) == [
        ("operating_income", "atm_operation", "FY2009", "actual", "amount", -1000.0)
    ]


def test_a_metric_label_with_a_measure_holds_that_measure(vocabulary):
    extract = _extract(
        [
            "Unit: JPY million",
            "\t3Q15\t4Q15\t1Q16",
            "Revenue growth rate (YoY)\t11.0%\t17.2%\t15.0%",
        ],
        vocabulary,
    )
    assert _facts(extract) == [
        ("revenues", "total", "FY2015-Q3", "actual", "yoy_pct", 11.0),
        ("revenues", "total", "FY2015-Q4", "actual", "yoy_pct", 17.2),
        ("revenues", "total", "FY2016-Q1", "actual", "yoy_pct", 15.0),
    ]


@pytest.mark.parametrize(
    ("label", "period_id"),
    [
        ("Q1 FY2019", "FY2019-Q1"),
        ("FY2019 Q2", "FY2019-Q2"),
        ("FY19 1H", "FY2019-H1"),
        ("FY2019 1Q-2Q", "FY2019-H1"),
        ("FY19-end", "2020-03-31"),
        ("2Q16-end", "2016-09-30"),
        ("end of FY2018", "2019-03-31"),
        ("3Q08 (Apr.-Dec. 2008)", "FY2008-9M"),  # the printed months win over the label
        ("(April 2019 - March 2020)", "FY2019"),
        ("Nine months ended December 31, 2008", "FY2008-9M"),
        ("Fiscal year ended March 31, 2010", "FY2009"),
        ("Three months ended June 30, 2015", "FY2015-Q1"),
    ],
)
def test_more_period_label_forms(label, period_id):
    assert parse_period(label).period_id == period_id


def test_a_header_row_of_months_dates_balance_sheet_columns(vocabulary):
    extract = _extract(
        ["Unit: JPY million", "\tMar. 2019\tSep. 2019", "Total Assets\t152,000\t160,000"],
        vocabulary,
    )
    assert [(f.period_id, f.value) for f in extract.facts] == [
        ("2019-03-31", 152000.0),
        ("2019-09-30", 160000.0),
    ]


def test_a_labelled_row_with_a_month_is_data_not_a_header(vocabulary):
    extract = _extract(["Established\tDecember 1992", "Number of Employees\t1,953"], vocabulary)
    assert all(f.period_id != "1992-12-31" for f in extract.facts)


def test_the_date_beside_a_target_is_when_it_was_set(vocabulary):
    extract = _extract(
        [
            "Financial Targets for FY2021",
            "Unit: JPY billion",
            "\tInitial Target (May 12, 2021)\tRevised Target (Nov. 5, 2021)",
            "Operating profit\t17.5\t22.0",
        ],
        vocabulary,
    )
    assert _facts(extract) == [
        ("operating_income", "total", "FY2021", "target_initial", "amount", 17500.0),
        ("operating_income", "total", "FY2021", "target_revised", "amount", 22000.0),
    ]


def test_a_percent_column_under_a_spanning_yoy_header(vocabulary):
    extract = _extract(
        [
            "Unit: JPY million",
            "\t1H13 (13/4~13/9)\t1H14 (14/4~14/9)\tYoY\t",
            "\t\t\tChange\t%",
            "Revenues\t54,397\t57,172\t2,775\t5.1%",
        ],
        vocabulary,
    )
    assert ("revenues", "total", "FY2014-H1", "actual", "yoy_pct", 5.1) in _facts(extract)
    assert ("revenues", "total", "FY2014-H1", "actual", "change", 2775.0) in _facts(extract)


def test_a_plan_column_is_a_target(vocabulary):
    extract = _extract(
        ["Unit: JPY million", "\tFY15 Plan\tFY15 Actual", "Revenues\t139,000\t140,600"], vocabulary
    )
    assert _facts(extract) == [
        ("revenues", "total", "FY2015", "actual", "amount", 140600.0),
        ("revenues", "total", "FY2015", "target", "amount", 139000.0),
    ]


def test_triangle_minus_signs(vocabulary):
    extract = _extract(["Unit: JPY million", "\tFY08", "Operating Income\t▲1,000"], vocabulary)
    assert [f.value for f in extract.facts] == [-1000.0]


def test_segment_rows_on_a_cost_slide_are_costs(vocabulary):
    extract = _extract(
        [
            "II -4. Cost of Revenues",
            "Unit: JPY million",
            "\t1Q19\t1Q20",
            "Network services\t30,100\t31,000",
            "ATM operation business\t1,500\t1,450",
        ],
        vocabulary,
    )
    assert {(f.metric_id, f.segment_id) for f in extract.facts} == {
        ("cost_of_revenues", "network_services"),
        ("cost_of_revenues", "atm_operation"),
    }


def test_segment_rows_under_a_title_of_several_metrics_are_quarantined(vocabulary):
    extract = _extract(
        [
            "II -3. Cost of Revenues and Gross Margin Ratio",
            "Unit: JPY million",
            "\t1Q19\t1Q20",
            "Network services\t30,100\t31,000",
        ],
        vocabulary,
    )
    assert extract.facts == ()
    assert {q.reason for q in extract.quarantined} == {
        "a segment row with no total row above it, under a title naming several metrics "
        "(cost_of_revenues, gross_margin_ratio)"
    }


def test_a_segment_information_table_has_one_column_per_segment(vocabulary):
    extract = _extract(
        [
            "Segment information for FY2022",
            "Unit: JPY million",
            "\tNetwork services and systems integration business\tATM operation business"
            "\tElimination\tConsolidated",
            "Revenues\t247,633\t5,370\t(281)\t252,722",
        ],
        vocabulary,
    )
    assert _facts(extract) == sorted(
        [
            ("revenues", "network_and_si_business", "FY2022", "actual", "amount", 247633.0),
            ("revenues", "atm_operation", "FY2022", "actual", "amount", 5370.0),
            ("revenues", "total", "FY2022", "actual", "amount", 252722.0),
        ]
    )
    assert [q.raw_text for q in extract.quarantined] == ["(281)"]
    assert "adjusts between segments" in extract.quarantined[0].reason


def test_a_consolidated_row_after_a_segment_block_is_the_whole_again(vocabulary):
    extract = _extract(
        [
            "Unit: JPY million",
            "\t1Q21\t1Q22",
            "ATM operation business\t\t",
            "Revenues\t1,200\t1,300",
            "Consolidated\t\t",
            "Revenues\t53,000\t58,200",
        ],
        vocabulary,
    )
    assert {(f.segment_id, f.period_id, f.value) for f in extract.facts} == {
        ("atm_operation", "FY2021-Q1", 1200.0),
        ("atm_operation", "FY2022-Q1", 1300.0),
        ("total", "FY2021-Q1", 53000.0),
        ("total", "FY2022-Q1", 58200.0),
    }


def test_amounts_in_a_unit_the_contract_does_not_convert_are_quarantined(vocabulary):
    extract = _extract(["Unit: JPY 100 million", "\tFY22", "Total revenues\t2,527"], vocabulary)
    assert extract.facts == ()
    assert "a unit not converted" in extract.quarantined[0].reason


def test_bn_is_billion(vocabulary):
    extract = _extract(["\tFY22", "Total revenues\tJPY252.7bn"], vocabulary)
    assert [(f.value, f.reported_unit) for f in extract.facts] == [(252700.0, "JPY billion")]


def test_numbered_and_of_which_labels(lexicon):
    assert lexicon.segment("(1) Network services") == "network_services"
    assert lexicon.segment("of which, Mobile services") == "mobile_services"
    assert lexicon.metric("1. Revenues") == "revenues"


def test_rows_under_an_unknown_row_are_not_given_an_older_meaning(vocabulary):
    extract = _extract(
        [
            "Unit: JPY million",
            "\tFY21\tFY22",
            "Total revenues\t226,300\t252,700",
            "Widget sales\t1,000\t1,100",
            "YoY\t\t10.0%",
            "Network services\t600\t660",
        ],
        vocabulary,
    )
    assert {f.row_label for f in extract.facts} == {"Total revenues"}
    reasons = [q.reason for q in extract.quarantined]
    assert reasons[0].startswith("unknown row label 'Widget sales'")
    assert reasons[2].startswith("unknown row label 'YoY'")
    assert reasons[3].startswith("a segment row under an unknown row")


def test_a_segment_row_under_a_row_no_segment_breaks_down_is_quarantined(vocabulary):
    extract = _extract(
        ["\tSep. 30, 2012", "Number of Employees\t2,081", "Network services\t900"], vocabulary
    )
    assert [f.metric_id for f in extract.facts] == ["employees"]
    assert extract.quarantined[0].reason.startswith("a segment row under employees")


@pytest.mark.parametrize("deck", sorted(p.name for p in ERAS.glob("*.txt")))
def test_every_cell_with_digits_of_an_era_deck_is_a_fact_or_quarantined(vocabulary, lexicon, deck):
    document = read_document(ERAS / deck)
    extract = interpret_document(document, vocabulary)
    accounted = {f.locator for f in extract.facts} | {q.locator for q in extract.quarantined}
    for table in document.tables:
        for row in table.rows:
            if is_header_row(row, lexicon):
                continue
            for index, cell in enumerate(row.cells[1:], start=2):
                if any(ch.isdigit() for ch in cell):
                    assert f"{row.locator}, column {index}" in accounted, (deck, row.cells[0], cell)


def test_a_table_with_periods_down_and_metrics_across_is_read_turned(vocabulary):
    extract = _extract(
        [
            "Unit: JPY billion",
            "\tTotal revenues\tOperating profit",
            "FY2021\t226.3\t23.5",
            "FY2022\t252.7\t27.2",
        ],
        vocabulary,
    )
    assert sorted((f.metric_id, f.period_id, f.value, f.locator) for f in extract.facts) == [
        ("operating_income", "FY2021", 23500.0, "line 3, column 3"),
        ("operating_income", "FY2022", 27200.0, "line 4, column 3"),
        ("revenues", "FY2021", 226300.0, "line 3, column 2"),
        ("revenues", "FY2022", 252700.0, "line 4, column 2"),
    ]


def test_segments_down_and_metrics_across_take_the_column_metric(vocabulary):
    extract = _extract(
        [
            "Results by segment for FY2022",
            "Unit: JPY million",
            "\tRevenues\tOperating profit",
            "ATM operation business\t5,370\t1,020",
            "Operating profit\t27,200\t27,200",
        ],
        vocabulary,
    )
    assert _facts(extract) == [
        ("operating_income", "atm_operation", "FY2022", "actual", "amount", 1020.0),
        ("operating_income", "total", "FY2022", "actual", "amount", 27200.0),
        ("revenues", "atm_operation", "FY2022", "actual", "amount", 5370.0),
    ]
    assert [q.reason for q in extract.quarantined] == [
        "the row names metric operating_income and the column revenues"
    ]


def test_net_income_beside_net_income_attributable_to_iij_includes_the_minority(vocabulary):
    extract = _extract(
        [
            "Unit: JPY million",
            "\tFY12",
            "Net income\t5,400",
            "Net income attributable to IIJ\t5,301",
            "YoY\t45.6%",
        ],
        vocabulary,
    )
    assert _facts(extract) == [
        ("net_income", "total", "FY2012", "actual", "amount", 5301.0),
        ("net_income", "total", "FY2012", "actual", "yoy_pct", 45.6),
        (
            "profit_including_noncontrolling_interests",
            "total",
            "FY2012",
            "actual",
            "amount",
            5400.0,
        ),
    ]


def test_vocabulary_review_as_markdown(vocabulary):
    extract = _extract(["Unit: JPY million", "\tFY22", "Operating proft\t27,200"], vocabulary)
    text = review_markdown(review_unmapped_labels({"doc-a": extract}, vocabulary))
    lines = text.splitlines()
    assert lines[0] == "| row label | cells | documents | nearest vocabulary labels | where |"
    assert lines[2].startswith("| Operating proft | 1 | 1 | ")
    assert "(metric `operating_income`)" in lines[2] and lines[2].endswith("| doc-a: line 3 |")
    assert "every row label was in the vocabulary" in review_markdown(())


def test_an_unknown_part_of_a_breakdown_leaves_the_other_parts_their_total(vocabulary):
    extract = _extract(
        [
            "Unit: JPY million",
            "\t1Q22",
            "Cost of sales\t45,000",
            "Network services\t30,000",
            "Others\t100",
            "Systems integration\t14,900",
        ],
        vocabulary,
    )
    assert {(f.metric_id, f.segment_id) for f in extract.facts} == {
        ("cost_of_revenues", "total"),
        ("cost_of_revenues", "network_services"),
        ("cost_of_revenues", "systems_integration"),
    }
    assert extract.quarantined[0].reason.startswith("unknown row label 'Others'")


@pytest.mark.parametrize(
    "header",
    [
        ["FY2019\t1Q\t2Q\t3Q\t4Q"],  # the year in the first header cell
        ["\tFY2019\t\t\t", "\t1Q\t2Q\t3Q\t4Q"],  # the year spanning the quarters
        ["Quarterly results for FY2019", "\tQ1\tQ2\tQ3\tQ4"],  # the year in the caption
    ],
)
def test_quarters_printed_without_their_year_take_it_from_the_header_or_caption(vocabulary, header):
    extract = _extract(
        ["Unit: JPY million", *header, "Total revenues\t100\t200\t300\t400"], vocabulary
    )
    assert [(f.period_id, f.value) for f in extract.facts] == [
        ("FY2019-Q1", 100.0),
        ("FY2019-Q2", 200.0),
        ("FY2019-Q3", 300.0),
        ("FY2019-Q4", 400.0),
    ]


def test_a_bare_quarter_under_a_date_is_not_dated(vocabulary):
    extract = _extract(
        ["Revision of Financial Targets (November 2, 2006)", "\t1Q\t2Q", "Total revenues\t1\t2"],
        vocabulary,
    )
    assert extract.facts == ()


def test_an_achievement_rate_is_the_actual_against_the_target_beside_it(vocabulary):
    extract = _extract(
        [
            "Unit: JPY billion",
            "\t1H19 Target\t1H19 Results\tAchievement rate",
            "Total revenues\t97.7\t99.2\t101.5%",
        ],
        vocabulary,
    )
    assert ("revenues", "total", "FY2019-H1", "actual", "vs_target_pct", 101.5) in _facts(extract)


@pytest.mark.parametrize(
    ("label", "metric_id"),
    [
        ("Capital expenditure (CAPEX)", "capex"),
        ("Selling, general and administrative expenses (SG&A)", "sga_rnd"),
        ("Gross margin (gross profit)", "gross_margin"),
        ("Total SG&A", "sga_rnd"),
        ("Revenues (consolidated)", "revenues"),
        ("Net income attributable to IIJ shareholders", "net_income"),
        (
            "Basic earnings per share attributable to owners of the parent (JPY)",
            "net_income_per_share",
        ),
        # a bracket naming another metric is no restatement
        ("Operating income (revenues)", None),
        ("Total equity", None),
    ],
)
def test_restated_and_totalled_names(lexicon, label, metric_id):
    assert lexicon.metric(label) == metric_id
