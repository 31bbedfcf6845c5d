"""The chart and the data dictionary beside the published warehouse: figures read from the
warehouse alone (hand-made figures, worked by hand), a PNG in the UI and on disk."""

import base64
import math
import struct
from datetime import date, datetime

import dagster as dg
import duckdb
import pytest

from assets.report import data_dictionary, revenues_and_margins_chart
from assets.resources import WarehouseResource
from checks.results import write_results
from checks.scope import NO_DOCUMENTS, write_check_run
from reporting.chart import CHART_DPI, CHART_SIZE_INCHES, chart_data, render_png, with_gaps
from reporting.dictionary import COMMITTED_COPY
from tests.warehousing.builds import build, document, fact
from warehousing.project import PROJECT_ROOT

Q1 = ("FY2004-Q1", "quarter", date(2004, 4, 1), date(2004, 6, 30), 2004)
Q2 = ("FY2004-Q2", "quarter", date(2004, 7, 1), date(2004, 9, 30), 2004)
Q4 = ("FY2004-Q4", "quarter", date(2005, 1, 1), date(2005, 3, 31), 2004)
DECK = document("deck", date(2005, 5, 20), datetime(2024, 1, 1, 9))


def revenues(value, period, segment_id="total", **fields):
    return fact("deck", "revenues", value, 0, f"{value:,}", period=period,
                segment_id=segment_id, **fields)


def ratio(metric_id, value, period):
    return fact("deck", metric_id, value, 1, str(value), period=period, unit="percent")


# FY2004-Q3 is reported by no document: the chart must show a gap, not a line across it.
CELLS = [
    revenues(8675, Q1), revenues(10512, Q2), revenues(12254, Q4),
    revenues(5450, Q1, "connectivity_and_vas"), revenues(5860, Q4, "connectivity_and_vas"),
    revenues(1040, Q1, "systems_integration"),
    # A part of a part (under connectivity_and_vas), a target and a non-consolidated figure:
    # none of them is plotted.
    revenues(2918, Q1, "dedicated_access"),
    revenues(9000, Q2, scenario="target"),
    revenues(7000, Q2, basis="non_consolidated"),
    ratio("operating_margin_ratio", -1.2, Q1), ratio("operating_margin_ratio", 5.4, Q4),
    ratio("gross_margin_ratio", 14.2, Q1),
]


@pytest.fixture
def published(tmp_path):
    """A published warehouse file of the hand-made figures."""
    path = tmp_path / "warehouse" / "iij.duckdb"
    path.parent.mkdir()
    connection = build(tmp_path, [DECK], CELLS)
    write_results(connection, [])
    write_check_run(connection, NO_DOCUMENTS, digest="", computed=0, carried=0)
    connection.execute("attach ? as published", [str(path)])
    connection.execute("copy from database memory to published")
    connection.close()
    return path


def test_the_chart_plots_total_and_its_direct_segments_and_both_margins(published):
    with duckdb.connect(str(published), read_only=True) as connection:
        data = chart_data(connection)
    assert data.revenues == {
        "total": [(date(2004, 4, 1), 8675.0), (date(2004, 7, 1), 10512.0),
                  (date(2005, 1, 1), 12254.0)],
        "connectivity_and_vas": [(date(2004, 4, 1), 5450.0), (date(2005, 1, 1), 5860.0)],
        "systems_integration": [(date(2004, 4, 1), 1040.0)],
    }
    assert data.margins == {
        "operating_margin_ratio": [(date(2004, 4, 1), -1.2), (date(2005, 1, 1), 5.4)],
        "gross_margin_ratio": [(date(2004, 4, 1), 14.2)],
    }
    assert list(data.quarters.values()) == ["FY2004-Q1", "FY2004-Q2", "FY2004-Q4"]
    assert data.latest_quarter == "FY2004-Q4"


def test_a_quarter_no_document_reports_breaks_the_line():
    dates, values = with_gaps(
        [(date(2005, 1, 1), 12254.0), (date(2004, 4, 1), 8675.0), (date(2004, 7, 1), 10512.0)]
    )
    assert dates[:2] == [date(2004, 4, 1), date(2004, 7, 1)] and dates[-1] == date(2005, 1, 1)
    assert values[:2] == [8675.0, 10512.0] and values[-1] == 12254.0
    assert math.isnan(values[2])


def test_the_chart_is_a_png_of_the_stated_size(published):
    with duckdb.connect(str(published), read_only=True) as connection:
        png = render_png(chart_data(connection), published.name)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == tuple(size * CHART_DPI for size in CHART_SIZE_INCHES)


def test_the_report_assets_write_beside_the_warehouse_and_show_it_in_the_ui(published, tmp_path):
    resource = WarehouseResource(
        sources_dir=str(tmp_path / "inbox"),
        warehouse_path=str(published),
        staging_dir=str(tmp_path / "staging"),
        contract_dir=str(PROJECT_ROOT / "contract"),
        max_document_mb=50,
        max_pages=200,
    )
    before = published.read_bytes()
    result = dg.materialize(
        [revenues_and_margins_chart, data_dictionary], resources={"warehouse": resource}
    )
    assert result.success
    assert published.read_bytes() == before  # read, never written
    chart = result.asset_materializations_for_node("revenues_and_margins_chart")[0].metadata
    png = published.parent / "charts" / "quarterly_revenues_and_margins.png"
    assert chart["path"].value == str(png)
    prefix = "![Quarterly revenues by segment and margin ratios](data:image/png;base64,"
    assert chart["chart"].value.startswith(prefix)
    assert base64.b64decode(chart["chart"].value[len(prefix) : -1]) == png.read_bytes()
    assert chart["quarters"].value == 3 and chart["latest_quarter"].value == "FY2004-Q4"
    assert "| FY2004-Q2 | 10512.0 |  |  |  |  |" in chart["figures"].value
    dictionary = result.asset_materializations_for_node("data_dictionary")[0].metadata
    written = (published.parent / "data_dictionary.md").read_text(encoding="utf-8")
    assert dictionary["path"].value == str(published.parent / "data_dictionary.md")
    assert dictionary["dictionary"].value == written
    assert written == COMMITTED_COPY.read_text(encoding="utf-8")
