"""Flat records of one document's extract, as staged in Parquet (one file per document)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from extraction.closed_vocabularies import ERROR, FACT, OK, QUARANTINE
from extraction.interpret import DocumentExtract
from extraction.model import BBox, RawDocument

CELL_COLUMNS = (
    "document_id",
    "table_id",
    "status",
    "reason",
    "metric_id",
    "segment_id",
    "period_id",
    "period_type",
    "period_start",
    "period_end",
    "fiscal_year",
    "scenario",
    "basis",
    "measure",
    "unit",
    "value",
    "decimals",
    "reported_text",
    "reported_unit",
    "row_label",
    "column_label",
    "locator",
    # where a PDF prints the cell (PDF points, top and bottom measured down from the page
    # top); null for a text rendering
    "page",
    "bbox_x0",
    "bbox_top",
    "bbox_x1",
    "bbox_bottom",
)


def position_columns(page: int | None, box: BBox | None) -> dict:
    """The page and box columns of a cell record."""
    x0, top, x1, bottom = box.as_tuple() if box else (None, None, None, None)
    return {"page": page, "bbox_x0": x0, "bbox_top": top, "bbox_x1": x1, "bbox_bottom": bottom}


def cell_records(document_id: str, extract: DocumentExtract) -> list[dict]:
    """Facts and quarantined cells of one document, as rows with the same columns."""
    empty = dict.fromkeys(CELL_COLUMNS)
    rows = [
        {
            **empty,
            **{key: value for key, value in asdict(fact).items() if key != "cell_box"},
            **position_columns(fact.page, fact.cell_box),
            "document_id": document_id,
            "status": FACT,
        }
        for fact in extract.facts
    ]
    rows += [
        {
            **empty,
            "document_id": document_id,
            "table_id": item.table_id,
            "status": QUARANTINE,
            "reason": item.reason,
            "reported_text": item.raw_text,
            "row_label": item.row_label,
            "column_label": item.column_label,
            "locator": item.locator,
            **position_columns(item.page, item.cell_box),
        }
        for item in extract.quarantined
    ]
    return rows


def document_record(
    document: RawDocument | None,
    *,
    document_id: str,
    source_file: str,
    sha256: str,
    ingested_at: datetime,
    accounting_standard: str | None = None,
    error: str | None = None,
) -> dict:
    """The dim_document row of one input file; `status` is `ok` or `error` with the reason;
    `accounting_standard` as the deck names it (`DocumentExtract.accounting_standard`)."""
    return {
        "document_id": document_id,
        "source_file": source_file,
        "sha256": sha256,
        "format": document.format if document else None,
        "title": document.title if document else None,
        "document_date": document.document_date if document else None,
        "pages": document.pages if document else None,
        "tables": len(document.tables) if document else 0,
        "ingested_at": ingested_at,
        "status": ERROR if error else OK,
        "error": error,
        "accounting_standard": accounting_standard,
    }
