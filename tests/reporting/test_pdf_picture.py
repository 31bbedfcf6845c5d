"""The picture of a figure's page region: the cell pdfplumber locates, outlined in red on the
page pypdfium2 renders, with the page around it."""

import io

import pdfplumber
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from reporting.figure_pictures import PicturedCell, locate, pictures_markdown
from reporting.pdf_picture import MARGIN_PT, OUTLINE, SCALE, CellBox, figure_picture


@pytest.fixture
def two_page_pdf(tmp_path):
    """Page 2 prints `931` at 300 points from the left, 400 from the top, and a black block."""
    path = tmp_path / "deck.pdf"
    sheet = canvas.Canvas(str(path), pagesize=A4)
    sheet.drawString(72, A4[1] - 72, "page one")
    sheet.showPage()
    sheet.setFont("Helvetica", 20)
    sheet.drawString(300, A4[1] - 400, "931")
    sheet.rect(100, A4[1] - 650, 50, 50, fill=1)
    sheet.save()
    return path


def word_box(path, page, text):
    with pdfplumber.open(path) as pdf:
        [word] = [w for w in pdf.pages[page - 1].extract_words() if w["text"] == text]
    return CellBox(word["x0"], word["top"], word["x1"], word["bottom"])


def test_the_figure_s_cell_is_outlined_in_the_middle_of_its_region(two_page_pdf):
    box = word_box(two_page_pdf, 2, "931")
    image = Image.open(io.BytesIO(figure_picture(two_page_pdf, 2, box))).convert("RGB")
    margin = MARGIN_PT * SCALE
    assert image.width == pytest.approx((box.x1 - box.x0) * SCALE + 2 * margin, abs=2)
    assert image.height == pytest.approx((box.bottom - box.top) * SCALE + 2 * margin, abs=2)
    # the outline runs along the box's left edge, the printed digits are inside it
    left, top = int(margin), int(margin)
    middle_row = int(margin + (box.bottom - box.top) * SCALE / 2)
    assert image.getpixel((left, middle_row)) == OUTLINE
    inside = [
        image.getpixel((x, middle_row))
        for x in range(left + 4, int(margin + (box.x1 - box.x0) * SCALE) - 4)
    ]
    assert any(max(pixel) < 100 for pixel in inside), "the digits of 931 are inside the outline"
    assert image.getpixel((2, 2)) == (255, 255, 255)
    assert top > 0


def test_a_region_at_the_page_edge_is_cut_at_the_page(two_page_pdf):
    block = CellBox(100, A4[1] - (A4[1] - 650) - 50, 150, A4[1] - (A4[1] - 650))
    image = Image.open(io.BytesIO(figure_picture(two_page_pdf, 2, block, margin_pt=200)))
    assert image.width == int((150 + 200) * SCALE)  # from the page's left edge
    # the black block fills the middle of its outline
    center = (int(125 * SCALE), int((block.top + 25) * SCALE - (block.top - 200) * SCALE))
    assert image.convert("RGB").getpixel(center) == (0, 0, 0)


def test_a_page_the_pdf_does_not_have_is_refused(two_page_pdf):
    with pytest.raises(ValueError, match="deck.pdf has no page 3"):
        figure_picture(two_page_pdf, 3, CellBox(0, 0, 1, 1))


def staged_cells(path, rows):
    pq.write_table(pa.Table.from_pylist(rows), path)
    return path


def test_a_staged_cell_with_a_page_and_box_is_pictured_and_one_without_is_not(
    two_page_pdf, tmp_path
):
    box = word_box(two_page_pdf, 2, "931")
    row = {"cell_index": 0, "status": "fact", "reported_text": "931", "page": 2,
           "bbox_x0": box.x0, "bbox_top": box.top, "bbox_x1": box.x1, "bbox_bottom": box.bottom}
    with_box = staged_cells(tmp_path / "with_box.parquet", [row])
    cell = PicturedCell("revenues FY2004-Q1 printed 931", with_box, two_page_pdf,
                        {"status": "fact", "reported_text": "931"})
    assert locate(cell) == (2, box)
    markdown = pictures_markdown([cell])
    assert markdown.startswith("**revenues FY2004-Q1 printed 931** (page 2)")
    assert "data:image/png;base64," in markdown
    # another figure, and a staging without the box columns: nothing to picture
    other = PicturedCell("x", with_box, two_page_pdf, {"reported_text": "531"})
    without = staged_cells(tmp_path / "without.parquet",
                           [{"cell_index": 0, "status": "fact", "reported_text": "931"}])
    assert pictures_markdown([other, PicturedCell("y", without, two_page_pdf, {})]) is None
