"""A third, independent PDF renderer: HTML from the text rendering, printed by headless Chromium.

The browser does the layout (automatic or fixed table layout, its own line breaking, fonts from
the system), so the decks it prints share no layout code with the reportlab or fpdf2 renderers.
Each page of `deck_text.pages_of` is a <section> with a CSS page break after it; headings are
<h2>, tab-separated runs are <table>s (spanning header cells as colspan), <i> is kept, running
lines come from @page margin boxes or Chromium's own header and footer.

Chromium is a system package (`apt-get install chromium`), not a pip one: this renderer serves
the benchmark (`benchmarks/pdf_reader_benchmark.py`), never the CI tests.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from html import escape
from pathlib import Path

from tests.pdf_fixtures.deck_text import Block, Grid, pages_of

STYLES = ("ruled", "borderless")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
PRINT_TIMEOUT_S = 120
CSS_PX_PER_MM = 96 / 25.4


@dataclass(frozen=True)
class Variant:
    name: str
    page: tuple[float, float]  # width, height in mm
    margins: tuple[float, float]  # top/bottom, left/right in mm
    font: str
    font_size: float  # pt
    table_size: float  # em of the body size
    padding: str
    table_layout: str  # auto: columns as wide as their text; fixed: spread over the width
    header_align: str
    fit_to_page: bool  # shrink each page's type until it fits one page, as a slide would
    browser_header_footer: bool  # Chromium's date/title/URL/page header and footer
    amount_align: str = "right"  # figures in body cells
    vertical_align: str = "middle"
    header_rule_above: bool = False  # borderless tables: a rule over the header as well as under

    @property
    def body_height_px(self) -> float:
        return (self.page[1] - 2 * self.margins[0]) * CSS_PX_PER_MM

    @property
    def body_width_mm(self) -> float:
        return self.page[0] - 2 * self.margins[1]


VARIANTS = {
    variant.name: variant
    for variant in (
        Variant(
            name="chromium-sans-letter",
            page=(279.4, 215.9),
            margins=(16, 15),
            font="Liberation Sans",
            font_size=13,
            table_size=0.72,
            padding="3px 9px",
            table_layout="auto",
            header_align="center",
            fit_to_page=True,
            browser_header_footer=False,
        ),
        Variant(
            name="chromium-serif-a4-portrait",
            page=(210, 297),
            margins=(14, 12),
            font="Liberation Serif",
            font_size=11,
            table_size=0.8,
            padding="1px 3px",
            table_layout="fixed",
            header_align="right",
            fit_to_page=False,
            browser_header_footer=True,
        ),
        Variant(
            name="chromium-narrow-letter-9pt",
            page=(215.9, 279.4),
            margins=(12.7, 12.7),
            font="Liberation Sans Narrow",
            font_size=9,
            table_size=1.0,
            padding="0 4px",
            table_layout="fixed",
            header_align="right",
            fit_to_page=False,
            browser_header_footer=False,
            vertical_align="top",
        ),
        Variant(
            name="chromium-serif-centred-16x9",
            page=(338.7, 190.5),
            margins=(12, 16),
            font="DejaVu Serif",
            font_size=15,
            table_size=0.7,
            padding="2px 10px",
            table_layout="auto",
            header_align="center",
            fit_to_page=True,
            browser_header_footer=False,
            amount_align="center",
            header_rule_above=True,
        ),
        Variant(
            name="chromium-dejavu-16x9",
            page=(338.7, 190.5),
            margins=(13, 18),
            font="DejaVu Sans Condensed",
            font_size=16,
            table_size=0.66,
            padding="5px 12px",
            table_layout="auto",
            header_align="center",
            fit_to_page=True,
            browser_header_footer=False,
        ),
    )
}


def markup(text: str) -> str:
    return escape(text).replace("&lt;i&gt;", "<i>").replace("&lt;/i&gt;", "</i>")


def table_html(grid: Grid) -> str:
    def row_html(row, tag: str) -> str:
        cells = "".join(
            f'<{tag}{f" colspan={c.span}" if c.span > 1 else ""}'
            f'{" class=num" if c.column in grid.amount_columns else ""}>{markup(c.text)}</{tag}>'
            for c in row
        )
        return f"<tr>{cells}</tr>"

    head = "".join(row_html(row, "th") for row in grid.rows[: grid.header_rows])
    body = "".join(row_html(row, "td") for row in grid.rows[grid.header_rows :])
    return f"<table><thead>{head}</thead><tbody>{body}</tbody></table>"


def stylesheet(variant: Variant, style: str) -> str:
    width, height = variant.page
    top, side = variant.margins
    running = (
        ""
        if variant.browser_header_footer
        else """
  @top-right { content: "Internet Initiative Japan Inc. | IR Presentation";
               font: 8pt sans-serif; color: #666; }
  @bottom-left { content: "Page " counter(page); font: 8pt sans-serif; color: #666; }
  @bottom-right { content: "Confidential: for investors"; font: 8pt sans-serif; color: #666; }"""
    )
    rule_above = "thead tr:first-child th { border-top: 1.2px solid #000; }"
    ruled = (
        "td, th { border: 0.75px solid #888; } thead th { background: #d9e2f3; }"
        if style == "ruled"
        else "thead tr:last-child th { border-bottom: 1.2px solid #000; }"
        + (rule_above if variant.header_rule_above else "")
    )
    return f"""
@page {{ size: {width}mm {height}mm; margin: {top}mm {side}mm; {running} }}
body {{ margin: 0; font-family: "{variant.font}"; font-size: {variant.font_size}pt; }}
section {{ width: {variant.body_width_mm}mm; break-after: page; }}
section:last-child {{ break-after: auto; }}
h2 {{ font-size: 1.5em; margin: 0 0 0.4em; }}
p {{ margin: 0.25em 0; }}
table {{ border-collapse: collapse; margin: 0.6em 0 0.8em; font-size: {variant.table_size}em;
         table-layout: {variant.table_layout}; break-inside: avoid;
         {"width: 100%;" if variant.table_layout == "fixed" else ""} }}
td, th {{ padding: {variant.padding}; vertical-align: {variant.vertical_align}; text-align: left;
          font-weight: normal; }}
th.num {{ text-align: {variant.header_align}; }}
td.num {{ text-align: {variant.amount_align}; white-space: nowrap; }}
{ruled}
"""


FIT_SCRIPT = """
<script>
for (const section of document.querySelectorAll("section")) {
  for (let percent = 100; section.scrollHeight > LIMIT && percent > 45; percent -= 5) {
    section.style.fontSize = percent - 5 + "%";
  }
}
</script>
"""


def block_html(block: Block) -> str:
    if isinstance(block, Grid):
        return table_html(block)
    tag = "h2" if block.title else "p"
    return f"<{tag}>{markup(block.text)}</{tag}>"


def deck_html(lines: list[str], variant: Variant, style: str) -> str:
    sections = []
    for page in pages_of(lines):
        sections.append(f"<section>{''.join(map(block_html, page))}</section>")
    title = escape(next((t for line in lines if (t := line.strip()) and "Initiative" not in t), ""))
    limit = f"{variant.body_height_px:.0f}"
    fit = FIT_SCRIPT.replace("LIMIT", limit) if variant.fit_to_page else ""
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{stylesheet(variant, style)}</style></head>"
        f"<body>{''.join(sections)}{fit}</body></html>"
    )


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        raise RuntimeError("Chromium is not installed (Debian: apt-get install chromium)")
    return found


def print_to_pdf(html: str, target: Path, variant: Variant) -> Path:
    with tempfile.TemporaryDirectory() as work:
        page = Path(work) / "deck.html"
        page.write_text(html, encoding="utf-8")
        header_footer = () if variant.browser_header_footer else ("--no-pdf-header-footer",)
        subprocess.run(
            [
                chromium(),
                *CHROMIUM_FLAGS,
                *header_footer,
                f"--user-data-dir={work}/profile",
                f"--window-size={variant.body_width_mm * CSS_PX_PER_MM:.0f},900",
                f"--print-to-pdf={target}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=PRINT_TIMEOUT_S,
        )
    return target


def render_html_document(source: Path, target: Path, style: str, variant_name: str) -> Path:
    if style not in STYLES:
        raise ValueError(f"unknown table style {style!r} (expected one of {STYLES})")
    variant = VARIANTS[variant_name]
    lines = source.read_text(encoding="utf-8-sig").split("\n")
    return print_to_pdf(deck_html(lines, variant, style), target, variant)
