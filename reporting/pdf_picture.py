"""A picture of the page region around a figure of a PDF, the figure's cell outlined: what a
failed check or a quarantined cell shows in the UI.

Pure: a PDF file, a page number and the cell's box in, PNG bytes out. Boxes are in PDF points
from the page's top-left corner, as pdfplumber gives them (`x0`, `top`, `x1`, `bottom`); the page
is rendered with pypdfium2 (which pdfplumber installs) at a fixed scale, so one point is `SCALE`
pixels and the box maps onto the image without any other transform.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import ImageDraw

# Pixels per PDF point: 2 renders 144 dpi, sharp enough to read a printed figure.
SCALE = 2.0
# How much of the page around the cell the picture shows, in points: the row and column labels
# of a table are usually within an inch of its cells.
MARGIN_PT = 72.0
OUTLINE = (220, 0, 0)
OUTLINE_PX = 3


@dataclass(frozen=True)
class CellBox:
    """A cell's box on its page, in points from the top-left corner."""

    x0: float
    top: float
    x1: float
    bottom: float


def figure_picture(
    pdf_path: Path, page: int, box: CellBox, *, margin_pt: float = MARGIN_PT
) -> bytes:
    """PNG bytes of the region of page `page` (1-based) within `margin_pt` of `box`, with the box
    outlined in red."""
    document = pdfium.PdfDocument(str(pdf_path))
    try:
        if not 1 <= page <= len(document):
            raise ValueError(f"{pdf_path.name} has no page {page} (it has {len(document)})")
        image = document[page - 1].render(scale=SCALE).to_pil().convert("RGB")
    finally:
        document.close()
    outline = [box.x0 * SCALE, box.top * SCALE, box.x1 * SCALE, box.bottom * SCALE]
    ImageDraw.Draw(image).rectangle(outline, outline=OUTLINE, width=OUTLINE_PX)
    margin = margin_pt * SCALE
    region = (
        max(0, int(outline[0] - margin)),
        max(0, int(outline[1] - margin)),
        min(image.width, int(outline[2] + margin)),
        min(image.height, int(outline[3] + margin)),
    )
    buffer = io.BytesIO()
    image.crop(region).save(buffer, format="PNG")
    return buffer.getvalue()
