"""What the published warehouse gives people besides SQL: a chart, the data dictionary and the
vocabulary review.

Each reads the published file only, on a read-only connection, right after each publish, and
write beside it (`charts/`, `data_dictionary.md`, `vocabulary_review.md`).
"""

import base64

import dagster as dg
import duckdb

from assets.publish import published_warehouse
from assets.resources import WarehouseResource
from assets.ui import OWNERS, REPORT
from reporting import dictionary
from reporting.chart import (
    MARGINS,
    TOTAL,
    ChartData,
    chart_data,
    render_png,
)
from reporting.preview import markdown_table
from reporting.vocabulary_review import review_markdown, warehouse_review
from warehousing.files import write_atomically
from warehousing.reading import load_vocabulary


@dg.asset(
    deps=[published_warehouse],
    group_name=REPORT,
    kinds={"matplotlib", "duckdb"},
    owners=OWNERS,
)
def revenues_and_margins_chart(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """Quarterly revenues of the whole company and of each segment directly under `total`, and
    the gross and operating margin ratios over time: a PNG in `charts/` beside the warehouse,
    drawn from the published warehouse alone with the queries of `sql/examples/`."""
    published = warehouse.layout.database
    with duckdb.connect(str(published), read_only=True) as connection:
        data = chart_data(connection)
    png = render_png(data, published.name)
    path = warehouse.layout.chart_file
    write_atomically(png, path)
    context.log.info(f"chart of {len(data.quarters)} quarters written to {path}")
    image = base64.b64encode(png).decode("ascii")
    return dg.MaterializeResult(
        metadata={
            "chart": dg.MetadataValue.md(
                f"![Quarterly revenues by segment and margin ratios](data:image/png;base64,{image})"
            ),
            "path": dg.MetadataValue.path(str(path)),
            "quarters": dg.MetadataValue.int(len(data.quarters)),
            "latest_quarter": dg.MetadataValue.text(data.latest_quarter or ""),
            "figures": dg.MetadataValue.md(_figures_table(data)),
        }
    )


def _figures_table(data: ChartData) -> str:
    """The plotted figures, one row per quarter, as the chart shows them."""
    series = {
        **{segment: dict(points) for segment, points in data.revenues.items()},
        **{MARGINS[metric]: dict(points) for metric, points in data.margins.items()},
    }
    rows = [
        [period_id, *(points.get(start) for points in series.values())]
        for start, period_id in data.quarters.items()
    ]
    table = markdown_table(["quarter", *series], rows, max_rows=None)
    return (
        f"{table}\n\nRevenues of `{TOTAL}` and of the segments directly under it in JPY million; "
        "consolidated margin ratios in percent."
    )


@dg.asset(
    deps=[published_warehouse],
    group_name=REPORT,
    kinds={"markdown", "duckdb"},
    owners=OWNERS,
)
def data_dictionary(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """The data dictionary of the published warehouse, `data_dictionary.md` beside it: every
    table and column with its type and meaning, every metric and segment, the period
    conventions and the example queries. `docs/data_dictionary.md` is the same text."""
    with duckdb.connect(str(warehouse.layout.database), read_only=True) as connection:
        text = dictionary.data_dictionary(connection, warehouse.contract)
        columns = dictionary.warehouse_columns(connection)
    path = warehouse.layout.dictionary_file
    write_atomically(text.encode("utf-8"), path)
    context.log.info(f"data dictionary written to {path}")
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(path)),
            "tables": dg.MetadataValue.int(len({(c.schema, c.table) for c in columns})),
            "columns": dg.MetadataValue.int(len(columns)),
            "dictionary": dg.MetadataValue.md(text),
        }
    )


@dg.asset(
    deps=[published_warehouse],
    group_name=REPORT,
    kinds={"markdown", "duckdb"},
    owners=OWNERS,
)
def vocabulary_review(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """Row labels the vocabulary did not know, `vocabulary_review.md` beside the warehouse: each
    with the cells the published warehouse quarantined for it, the documents and rows that print
    it and the nearest labels of `contract/metrics.csv` and `segments.csv`, most cells first, so
    that the vocabulary is extended where it costs the most figures."""
    with duckdb.connect(str(warehouse.layout.database), read_only=True) as connection:
        entries = warehouse_review(connection, load_vocabulary(warehouse.contract))
    text = review_markdown(entries)
    path = warehouse.layout.vocabulary_review_file
    write_atomically(text.encode("utf-8"), path)
    context.log.info(f"vocabulary review of {len(entries)} unmapped labels written to {path}")
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(path)),
            "unmapped_labels": dg.MetadataValue.int(len(entries)),
            "quarantined_cells": dg.MetadataValue.int(sum(e.cells for e in entries)),
            "review": dg.MetadataValue.md(text),
        }
    )
