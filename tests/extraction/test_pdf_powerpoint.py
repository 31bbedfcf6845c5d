"""Tables of the PowerPoint-style renderings (committed fixtures, tests/pdf_fixtures/pptx/) read
as the slides print them: one table however its fills cut it, the unit caption in the header's
first cell, the rows of a taller, centred row kept in the table."""

from __future__ import annotations

from functools import cache

from extraction.model import RawDocument, RawTable
from tests.pdf_fixtures.cache import source_documents
from tests.pdf_fixtures.pptx_render import fixture_path
from warehousing.reading import read_document

SOURCES = {path.name[:3]: path for path in source_documents()}
BALANCE_SHEET_LABELS = [
    "Unit: JPY million",
    "Cash",
    "Accounts Receivable",
    "Inventories",
    "Prepaid Expenses",
    "Available-for-sale Securities",
    "Property and Equipment",
    "Intangible Assets",
    "Other Assets",
    "Borrowings (Short-term)",
    "Accumulated Deficit",
    "Accumulated Other Comprehensive Income",
    "Total Shareholders' Equity",
    "Total Assets",
]


@cache
def deck(document: str, variant: str) -> RawDocument:
    return read_document(fixture_path(SOURCES[document], variant))


def balance_sheet(document: RawDocument) -> RawTable:
    (table,) = [t for t in document.tables if any(r.cells[0] == "Cash" for r in t.rows)]
    return table


def test_banded_rows_filled_every_other_row_are_one_table():
    """Only the filled rows show a grid (their fills' edges); the unfilled rows between them
    belong to the same table."""
    table = balance_sheet(deck("000", "pptx-carlito-banded-rows"))

    assert [row.cells[0] for row in table.rows] == BALANCE_SHEET_LABELS
    assert table.rows[1].cells == ("Cash", "11,670", "13,555", "(1,885)", "")
    assert table.rows[2].cells[:4] == ("Accounts Receivable", "9,107", "9,676", "(568)")


def test_a_filled_header_over_an_unfilled_body_takes_the_body_rows():
    table = balance_sheet(deck("000", "pptx-serif-16x10"))

    assert [row.cells[0] for row in table.rows] == BALANCE_SHEET_LABELS
    assert table.rows[0].cells[:4] == (
        "Unit: JPY million",
        "September 30, 2007",
        "March 31, 2007",
        "Changes",
    )


def test_a_borderless_table_keeps_the_rows_after_a_tall_centred_row():
    """Rows of a fixed height centre their text, so the text of the rows around a wrapped remark
    stands further apart than the table's row gap."""
    table = balance_sheet(deck("000", "pptx-plain-16x9"))

    assert [row.cells[0] for row in table.rows] == BALANCE_SHEET_LABELS
    assert table.rows[-1].cells[:4] == ("Total Assets", "53,238", "47,693", "+5,545")


def test_a_unit_caption_over_a_text_column_stays_over_it():
    """`(JPY million)` centred over a remarks column, between group headers set over figure
    columns, heads the remarks column and not the figure column before it."""
    (table,) = [
        t for t in deck("001", "pptx-plain-16x9").tables if t.rows[0].cells[0] == "Consolidated"
    ]

    assert table.rows[0].cells == (
        "Consolidated",
        "1H06 (2006/4-2006/9)",
        "",
        "(JPY million)",
        "FY2006 (2006/4-2007/3)",
        "",
        "(JPY million)",
    )
