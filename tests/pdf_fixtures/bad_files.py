"""PDF files a reader must refuse: scanned, encrypted, truncated, not a PDF, empty."""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from tests.pdf_fixtures.render import PAGE_HEIGHT, PAGE_WIDTH, render_text_lines

SAMPLE_SLIDE = [
    "Consolidated Balance Sheets",
    "Unit: JPY million",
    "\tSeptember 30, 2007\tMarch 31, 2007",
    "Cash\t11,670\t13,555",
]


def scanned_pdf(target: Path, pages: int = 2) -> Path:
    """Pages that are pictures of a slide only, with no text layer (as a scanner makes them)."""
    picture = Image.new("L", (720, 540), color=255)
    draw = ImageDraw.Draw(picture)
    for row in range(8):
        draw.rectangle((60, 120 + 40 * row, 660, 140 + 40 * row), fill=90 + 15 * row)
    canvas = Canvas(str(target), pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1)
    for _ in range(pages):
        canvas.drawImage(ImageReader(picture), 0, 0, PAGE_WIDTH, PAGE_HEIGHT)
        canvas.showPage()
    canvas.save()
    return target


def encrypted_pdf(target: Path, password: str = "iij-secret") -> Path:
    return render_text_lines(SAMPLE_SLIDE, target, "ruled", user_password=password)


def truncated_pdf(target: Path) -> Path:
    """The first half of the bytes of a good deck (a download that stopped halfway)."""
    whole = render_text_lines(SAMPLE_SLIDE * 20, target, "ruled").read_bytes()
    target.write_bytes(whole[: len(whole) // 2])
    return target


def random_bytes_pdf(target: Path, size: int = 4096) -> Path:
    target.write_bytes(random.Random(20071112).randbytes(size))
    return target


def empty_pdf(target: Path) -> Path:
    target.write_bytes(b"")
    return target


BAD_FILE_BUILDERS = {
    "scanned": scanned_pdf,
    "encrypted": encrypted_pdf,
    "truncated": truncated_pdf,
    "random-bytes": random_bytes_pdf,
    "empty": empty_pdf,
}
