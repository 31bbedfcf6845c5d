"""Pictures of PDF cells for the UI: the figure a failed check compared, or a quarantined cell,
found in the document's staged cells by what was printed, rendered from the inbox PDF with its
cell outlined (`reporting.pdf_picture`), as Markdown a Dagster metadata entry shows.

A cell is pictured when its staged record has a page and a box: the PDF reader writes `page`,
`bbox_x0`, `bbox_top`, `bbox_x1` and `bbox_bottom`; a text document's cells have none, and a
staging written before those columns existed pictures nothing.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb

from reporting.pdf_picture import CellBox, figure_picture

BOX_COLUMNS = ("page", "bbox_x0", "bbox_top", "bbox_x1", "bbox_bottom")
# Pictures per metadata entry: each is tens of kilobytes in the run's event log.
MAX_PICTURES = 5


@dataclass(frozen=True)
class PicturedCell:
    """A cell to picture: its document's staged cells, and what identifies it there."""

    caption: str
    cells_file: Path
    pdf_path: Path
    filters: Mapping[str, str]  # staged cell column -> value, e.g. reported_text -> "931"


def locate(cell: PicturedCell) -> tuple[int, CellBox] | None:
    """The page and box of the first staged cell matching the filters, if it has them."""
    if cell.pdf_path.suffix.lower() != ".pdf" or not cell.pdf_path.is_file():
        return None
    if not cell.cells_file.is_file():
        return None
    with duckdb.connect() as connection:
        relation = connection.read_parquet(str(cell.cells_file))
        if not set(BOX_COLUMNS) <= set(relation.columns):
            return None
        condition = " and ".join([*(f"{name} = ?" for name in cell.filters), "page is not null"])
        row = connection.execute(
            f"select {', '.join(BOX_COLUMNS)} from read_parquet(?) "
            f"where {condition} order by cell_index limit 1",
            [str(cell.cells_file), *cell.filters.values()],
        ).fetchone()
    if row is None:
        return None
    page, *box = row
    return int(page), CellBox(*map(float, box))


def pictures_markdown(cells: list[PicturedCell]) -> str | None:
    """Each locatable cell's caption and picture (PNG inline), at most MAX_PICTURES; None when
    none can be pictured."""
    parts = []
    for cell in cells:
        if len(parts) == MAX_PICTURES:
            break
        located = locate(cell)
        if located is None:
            continue
        page, box = located
        png = base64.b64encode(figure_picture(cell.pdf_path, page, box)).decode("ascii")
        image = f"![{cell.caption}](data:image/png;base64,{png})"
        parts.append(f"**{cell.caption}** (page {page})\n\n{image}")
    return "\n\n".join(parts) or None
