"""A document past a reader's bound is refused with the bound and the place in its reason, before
any interpretation: a row of 100,000 cells, a line of a megabyte, a table of a million rows, a
page of too many words."""

import dataclasses

import pytest
from reportlab.pdfgen.canvas import Canvas

from extraction import pdf_reader
from extraction.limits import READER_LIMITS
from extraction.model import DocumentError
from extraction.pdf_reader import parse_pdf_document
from extraction.text_reader import parse_text_document

HEADER = "Internet Initiative Japan Inc.\n\nConsolidated Statements of Income\n"


def test_a_row_of_100000_cells_is_refused_naming_its_line():
    wide = HEADER + "Revenues\t" + "\t".join(["1,234"] * 99_999) + "\n"
    with pytest.raises(DocumentError) as refused:
        parse_text_document(wide.encode(), "wide.txt")
    assert str(refused.value) == (
        "wide.txt: line 4 has 100,000 cells, over the limit of 1,000 per row: not read"
    )


def test_a_row_at_the_bound_is_read():
    row = "Revenues\t" + "\t".join(["1"] * (READER_LIMITS.max_cells_per_row - 1))
    document = parse_text_document((HEADER + row + "\n").encode(), "at-bound.txt")
    [table] = document.tables
    assert len(table.rows[0].cells) == READER_LIMITS.max_cells_per_row


def test_a_line_of_a_megabyte_is_refused():
    long = HEADER + "x" * 1_000_000 + "\n"
    with pytest.raises(DocumentError, match=r"^long.txt: line 4 has 1,000,000 characters, over "
                       r"the limit of 100,000: not read$"):
        parse_text_document(long.encode(), "long.txt")


def test_a_table_of_too_many_rows_is_refused():
    rows = "".join(f"row {n}\t{n}\n" for n in range(READER_LIMITS.max_rows_per_table + 1))
    with pytest.raises(DocumentError, match=r"^tall.txt: the table from line 4 has over 10,000 "
                       r"rows, the limit: not read$"):
        parse_text_document((HEADER + rows).encode(), "tall.txt")


def test_a_pdf_page_over_the_word_bound_is_refused_naming_the_page(tmp_path, monkeypatch):
    # The bound lowered to 50 words so that the page is quick to draw: the check is the same.
    monkeypatch.setattr(
        pdf_reader, "READER_LIMITS", dataclasses.replace(READER_LIMITS, max_words_per_page=50)
    )
    target = tmp_path / "dense.pdf"
    canvas = Canvas(str(target), invariant=1)
    canvas.drawString(40, 800, "Internet Initiative Japan Inc. Consolidated Results")
    canvas.showPage()
    for row in range(30):
        canvas.drawString(40, 800 - 20 * row, "Revenues 1,234")
    canvas.save()
    with pytest.raises(DocumentError) as refused:
        parse_pdf_document(target.read_bytes(), "dense.pdf")
    assert str(refused.value) == (
        "dense.pdf: page 2 has 60 words, over the limit of 50 per page: not read"
    )
