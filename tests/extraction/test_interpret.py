"""The interpreter on the five embedded text documents, figure by figure."""

from dataclasses import replace
from pathlib import Path

import pytest

from extraction.interpret import interpret_document, is_header_row, split_by_months
from extraction.labels import Lexicon
from extraction.model import RawRow, RawTable
from tests.expected_figures import EXPECTED_FIGURES
from tests.extraction.lines import interpret_lines
from warehousing.reading import read_document

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def extracts(vocabulary):
    return {
        path.name: interpret_document(read_document(path), vocabulary)
        for path in sorted((ROOT / "sources").glob("*.txt"))
    }


@pytest.mark.parametrize("expected", EXPECTED_FIGURES, ids=lambda e: f"{e[0][:3]}-{e[1]}-{e[3]}")
def test_expected_figure_is_extracted(extracts, expected):
    source, *key, value, decimals = expected
    matches = [f for f in extracts[source].facts if f.figure_key == tuple(key)]
    assert matches, f"no fact {key} in {source}"
    # a figure printed in several tables of a deck appears once per table, maybe rounded apart
    assert (pytest.approx(value), decimals) in [(f.value, f.decimals) for f in matches]


def test_every_document_publishes_at_least_ten_figures_of_the_list():
    per_document = {}
    for source, *_ in EXPECTED_FIGURES:
        per_document[source] = per_document.get(source, 0) + 1
    assert len(per_document) == 5 and min(per_document.values()) >= 10


def test_no_fact_key_is_published_twice_in_one_table(extracts):
    for source, extract in extracts.items():
        keys = [(f.table_id, *f.figure_key) for f in extract.facts]
        assert len(keys) == len(set(keys)), source


def test_every_cell_with_digits_is_a_fact_or_quarantined(extracts, vocabulary):
    """Coverage: outside header rows, nothing with digits in a table is silently dropped."""
    lexicon = Lexicon.from_vocabulary(vocabulary)
    for path in sorted((ROOT / "sources").glob("*.txt")):
        extract = extracts[path.name]
        accounted = {f.locator for f in extract.facts} | {q.locator for q in extract.quarantined}
        for table in read_document(path).tables:
            for row in table.rows:
                if is_header_row(row, lexicon):
                    continue
                for index, cell in enumerate(row.cells[1:], start=2):
                    if any(ch.isdigit() for ch in cell) and any(
                        p.strip() for _, p in split_by_months(cell)
                    ):
                        assert f"{row.locator}, column {index}" in accounted, (path.name, cell)


def test_press_release_dates_are_quarantined_not_published(extracts):
    quarantined = extracts["000_2853c62026f2b50d.txt"].quarantined
    assert any(q.raw_text == "7/19" and "date" in q.reason for q in quarantined)


def test_loss_row_printed_without_sign_is_negative(vocabulary):
    rows = (
        RawRow(("", "1Q10", "2Q10"), "line 1"),
        RawRow(("Operating Loss", "161", "(140)"), "line 2"),
    )
    table = RawTable(index=0, rows=rows, context=("(JPY millions)",), locator="lines 1-2")
    document = read_document(ROOT / "sources" / "000_2853c62026f2b50d.txt")
    document = replace(document, tables=(table,))
    facts = interpret_document(document, vocabulary).facts
    assert [(f.metric_id, f.period_id, f.value) for f in facts] == [
        ("operating_income", "FY2010-Q1", -161.0),
        ("operating_income", "FY2010-Q2", -140.0),
    ]


def test_unknown_row_label_is_quarantined_with_its_reason(vocabulary):
    lines = ["Unit: JPY million", "\tMarch 31, 2011", "Widget Count\t1,234"]
    extract = _document_with(lines, vocabulary)
    assert extract.facts == ()
    assert [(q.raw_text, q.reason) for q in extract.quarantined] == [
        ("1,234", "unknown row label 'Widget Count'; nearest in the vocabulary: none")
    ]


def _document_with(lines, vocabulary):
    return interpret_lines(lines, vocabulary, host=ROOT / "sources" / "000_2853c62026f2b50d.txt")


def test_amounts_run_together_in_one_cell_are_quarantined(vocabulary):
    # a PDF whose columns ran together: which quarter does each amount belong to?
    extract = _document_with(
        ["Unit: JPY million", "\t1Q04 2Q04\t3Q04", "Total Revenues\t8,675 10,512\t10,261"],
        vocabulary,
    )
    assert [(f.period_id, f.value) for f in extract.facts] == [("FY2004-Q3", 10261.0)]
    assert [q.raw_text for q in extract.quarantined] == ["8,675 10,512"]
    assert "several amounts" in extract.quarantined[0].reason


def test_a_column_without_a_period_is_not_dated_by_the_slide_caption(vocabulary):
    extract = _document_with(
        [
            "Revision of Financial Targets (November 2, 2006)",
            "\t1H06 (2006/4-2006/9)\tInitial",
            "Total Revenues\t26,444\t25,000",
        ],
        vocabulary,
    )
    assert [(f.period_id, f.value) for f in extract.facts] == [("FY2006-H1", 26444.0)]
    assert [q.reason for q in extract.quarantined] == [
        "no period in the column header or the caption above the table"
    ]


def test_row_labels_are_kept_as_printed_with_only_their_whitespace_normalized(vocabulary):
    extract = _document_with(
        [
            "Unit: JPY million",
            "\t1Q04\t2Q04",
            "**Total  Revenues**\t8,675\t10,512",
            "Widget\x1b[31m  Count\t1,234\t1,300",
        ],
        vocabulary,
    )
    # The bold marks do not change what the row means, and the label keeps them.
    assert {(f.row_label, f.period_id, f.value) for f in extract.facts} == {
        ("**Total Revenues**", "FY2004-Q1", 8675.0),
        ("**Total Revenues**", "FY2004-Q2", 10512.0),
    }
    # A control character is kept too (escaping is for whoever shows it).
    assert {q.row_label for q in extract.quarantined} == {"Widget\x1b[31m Count"}
