"""Where the PDF reader says a table and its cells are printed (hand-built PDFs with known
coordinates, and a rendered deck checked against pdfplumber's own words), as far as the cell
records; and a ruled header over an unruled body."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from fpdf import FPDF

from extraction.interpret import interpret_document
from extraction.model import BBox
from extraction.records import cell_records
from tests.pdf_fixtures.cache import rendered_deck, source_documents
from warehousing.reading import load_vocabulary, read_document

SOURCES = {path.name[:3]: path for path in source_documents()}
VOCABULARY = load_vocabulary(Path(__file__).resolve().parents[2] / "contract")

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

    (table,) = read_document(path).tables

    assert [row.cells for row in table.rows] == [HEADER, *BODY]


def test_each_table_and_cell_carries_its_page_and_box(tmp_path):
    path = tmp_path / "ruled-header.pdf"
    ruled_header_unruled_body(path)

    (table,) = read_document(path).tables

    assert table.page == 1
    assert table.bbox == BBox(60, 100, 440, 180)
    austria = table.rows[1]
    assert austria.page == 1
    box = austria.cell_box(3)  # `3,375`, set at x 364 on the baseline at 133
    assert 363.5 < box.x0 < 364.5 and 125 < box.top < 127 and 133 < box.bottom < 135.5
    assert box.x1 - box.x0 > 20
    assert austria.cell_box(5) is None


def test_fact_and_quarantine_records_from_a_pdf_carry_the_cells_page_and_box(tmp_path):
    """The box of the `11,670` fact (Cash, September 30, 2007) of deck 000 holds the word as
    pdfplumber itself finds it on that page; a quarantined cell of the hand-built table (its
    labels name no metric) carries its cell's box."""
    deck = read_document(rendered_deck(SOURCES["000"], "ruled"))
    records = cell_records(deck.document_id, interpret_document(deck, VOCABULARY))
    (cash,) = [r for r in records if r["row_label"] == "Cash" and r["reported_text"] == "11,670"]
    with pdfplumber.open(rendered_deck(SOURCES["000"], "ruled")) as pdf:
        words = pdf.pages[cash["page"] - 1].extract_words()
    (word,) = [w for w in words if w["text"] == "11,670"]
    assert cash["bbox_x0"] <= word["x0"] + 0.5 and word["x1"] - 0.5 <= cash["bbox_x1"]
    assert cash["bbox_top"] <= word["top"] + 0.5 and word["bottom"] - 0.5 <= cash["bbox_bottom"]

    path = tmp_path / "ruled-header.pdf"
    ruled_header_unruled_body(path)
    table = read_document(path)
    quarantined = cell_records(table.document_id, interpret_document(table, VOCABULARY))
    (cyprus,) = [r for r in quarantined if r["reported_text"] == "158"]
    assert cyprus["status"] == "quarantine" and cyprus["page"] == 1
    assert 363.5 < cyprus["bbox_x0"] < 364.5 and 165 < cyprus["bbox_top"] < 167


def test_records_from_a_text_rendering_have_no_page_or_box():
    deck = read_document(SOURCES["000"])
    records = cell_records(deck.document_id, interpret_document(deck, VOCABULARY))
    assert len(records) > 100
    assert all(
        r[key] is None
        for r in records
        for key in ("page", "bbox_x0", "bbox_top", "bbox_x1", "bbox_bottom")
    )
