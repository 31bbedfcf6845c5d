"""Where the PDF reader says a table and its cells are printed, and a ruled header over an
unruled body (hand-built PDFs with known coordinates)."""

from __future__ import annotations

from fpdf import FPDF

from extraction.model import BBox
from extraction.pdf_reader import read_pdf_document

COLUMNS = (60, 200, 280, 360, 440)  # left edges; the table ends at 440
HEADER = ("Country", "Domestic", "Imported", "Total")
BODY = (
    ("Austria", "86.2", "13.8", "3,375"),
    ("Belgium", "0.0", "100.0", "3,973"),
    ("Cyprus", "81.0", "3.8", "158"),
)
ROW = 20.0
TOP = 100.0


def ruled_header_unruled_body(path) -> None:
    """A frame around the table, rules between its rows, but column rules in the header only:
    pdfplumber's grid then gives each body row as one cell drawn across every column."""
    pdf = FPDF(unit="pt", format=(500, 300))
    pdf.add_page()
    pdf.set_font("Helvetica", "", 9)
    bottom = TOP + ROW * (1 + len(BODY))
    pdf.rect(COLUMNS[0], TOP, COLUMNS[-1] - COLUMNS[0], bottom - TOP)
    for row in range(1, 1 + len(BODY)):
        pdf.line(COLUMNS[0], TOP + ROW * row, COLUMNS[-1], TOP + ROW * row)
    for x in COLUMNS[1:-1]:
        pdf.line(x, TOP, x, TOP + ROW)
    for row, cells in enumerate((HEADER, *BODY)):
        for x, text in zip(COLUMNS, cells, strict=False):
            pdf.text(x + 4, TOP + ROW * row + 13, text)
    pdf.output(str(path))


def test_a_body_row_under_a_ruled_header_is_parted_at_the_header_columns(tmp_path):
    path = tmp_path / "ruled-header.pdf"
    ruled_header_unruled_body(path)

    (table,) = read_pdf_document(path).tables

    assert [row.cells for row in table.rows] == [HEADER, *BODY]


def test_each_table_and_cell_carries_its_page_and_box(tmp_path):
    path = tmp_path / "ruled-header.pdf"
    ruled_header_unruled_body(path)

    (table,) = read_pdf_document(path).tables

    assert table.page == 1
    assert table.bbox == BBox(60, 100, 440, 180)
    austria = table.rows[1]
    assert austria.page == 1
    box = austria.cell_box(3)  # `3,375`, set at x 364 on the baseline at 133
    assert 363.5 < box.x0 < 364.5 and 125 < box.top < 127 and 133 < box.bottom < 135.5
    assert box.x1 - box.x0 > 20
    assert austria.cell_box(5) is None
