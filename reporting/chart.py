"""The chart of the published warehouse: quarterly revenues by segment, and margins over time.

Its figures come only from the published warehouse, through the consumer queries of
`sql/examples/`; no figure is computed here. Plain functions, no Dagster: the report assets call
them and write their files beside the warehouse (`charts/`, `data_dictionary.md`).
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

from warehousing.project import EXAMPLES_DIR

REVENUES_QUERY = "quarterly_revenues_by_segment.sql"
MARGINS_QUERY = "margins_over_time.sql"
TOTAL = "total"
MARGINS = {"operating_margin_ratio": "operating margin", "gross_margin_ratio": "gross margin"}
# Consecutive quarters start at most 92 days apart; a longer step is a quarter not reported,
# and the line breaks there rather than draw a figure no document printed.
MAX_QUARTER_STEP_DAYS = 92
CHART_SIZE_INCHES = (11, 8)
CHART_DPI = 100
MAX_YEAR_TICKS = 20

Point = tuple[date, float]


@dataclass(frozen=True)
class ChartData:
    """The plotted figures: quarterly revenues (JPY million) of `total` and of each segment
    directly under it, and the consolidated margin ratios (percent), by quarter start."""

    revenues: dict[str, list[Point]]
    margins: dict[str, list[Point]]
    quarters: dict[date, str]

    @property
    def latest_quarter(self) -> str | None:
        return self.quarters[max(self.quarters)] if self.quarters else None


def example_query(name: str, examples_dir: Path = EXAMPLES_DIR) -> str:
    return (examples_dir / name).read_text(encoding="utf-8")


def chart_data(connection: duckdb.DuckDBPyConnection) -> ChartData:
    """The chart's figures, read from a warehouse with the example queries."""
    top_level = {
        segment_id
        for (segment_id,) in connection.execute(
            "select segment_id from marts.dim_segment where parent_segment_id = ?", [TOTAL]
        ).fetchall()
    }
    revenues: dict[str, list[Point]] = {}
    quarters: dict[date, str] = {}
    relation = connection.sql(example_query(REVENUES_QUERY))
    for period_id, start, segment_id, value in relation.select(
        "period_id, period_start, segment_id, revenues_jpy_million"
    ).fetchall():
        quarters[start] = period_id
        if segment_id == TOTAL or segment_id in top_level:
            revenues.setdefault(segment_id, []).append((start, value))
    margins: dict[str, list[Point]] = {}
    relation = connection.sql(example_query(MARGINS_QUERY))
    for period_id, start, *ratios in relation.select(
        f"period_id, period_start, {', '.join(MARGINS)}"
    ).fetchall():
        quarters[start] = period_id
        for metric_id, ratio in zip(MARGINS, ratios, strict=True):
            if ratio is not None:
                margins.setdefault(metric_id, []).append((start, ratio))
    # Total first, then the segments by their latest revenues, largest first: the legend's order.
    order = sorted(revenues, key=lambda s: (s != TOTAL, -revenues[s][-1][1], s))
    return ChartData(
        revenues={segment: revenues[segment] for segment in order},
        margins={metric: margins[metric] for metric in MARGINS if metric in margins},
        quarters=dict(sorted(quarters.items())),
    )


def with_gaps(points: Sequence[Point]) -> tuple[list[date], list[float]]:
    """The points in date order, with a NaN where quarters are missing between two of them."""
    dates: list[date] = []
    values: list[float] = []
    for when, value in sorted(points):
        if dates and (when - dates[-1]).days > MAX_QUARTER_STEP_DAYS:
            dates.append(dates[-1])
            values.append(float("nan"))
        dates.append(when)
        values.append(value)
    return dates, values


def render_png(data: ChartData, source: str) -> bytes:
    """Two panels, one time axis: revenues by segment above, margin ratios below."""
    # Imported here: only a run that draws pays for matplotlib, not every process that loads
    # the Definitions. The Agg canvas draws without a display and without pyplot's global state.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import MonthLocator, YearLocator, num2date
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, StrMethodFormatter

    figure = Figure(figsize=CHART_SIZE_INCHES, dpi=CHART_DPI, layout="constrained")
    FigureCanvasAgg(figure)
    revenues_axes, margins_axes = figure.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    for segment_id, points in data.revenues.items():
        is_total = segment_id == TOTAL
        revenues_axes.plot(
            *with_gaps(points),
            label=segment_id,
            marker="o",
            markersize=4 if is_total else 3,
            linewidth=2.5 if is_total else 1.4,
            color="black" if is_total else None,
            zorder=3 if is_total else 2,
        )
    revenues_axes.set_title("Quarterly revenues by segment (consolidated actuals)", loc="left")
    revenues_axes.set_ylabel("JPY million")
    revenues_axes.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    revenues_axes.legend(loc="upper left", fontsize="small", ncols=2, frameon=False)
    for metric_id, points in data.margins.items():
        margins_axes.plot(
            *with_gaps(points),
            label=MARGINS[metric_id],
            marker="o",
            markersize=3,
            linewidth=2.0 if metric_id == "operating_margin_ratio" else 1.2,
        )
    margins_axes.axhline(0, color="grey", linewidth=0.8)
    margins_axes.set_title("Margin ratios (percent of revenues)", loc="left")
    margins_axes.set_ylabel("percent")
    margins_axes.legend(loc="lower right", fontsize="small", frameon=False)
    # IIJ's fiscal year FYyyyy starts on April 1 of yyyy: one labelled tick per fiscal year, or
    # per few years over a long span (a tick per year of centuries takes a minute to lay out).
    years_per_tick = max(1, math.ceil(_span_years(data) / MAX_YEAR_TICKS))
    margins_axes.xaxis.set_major_locator(YearLocator(base=years_per_tick, month=4, day=1))
    margins_axes.xaxis.set_major_formatter(
        FuncFormatter(lambda value, _: f"FY{num2date(value).year}")
    )
    if years_per_tick == 1:
        margins_axes.xaxis.set_minor_locator(MonthLocator(bymonth=(1, 4, 7, 10)))
    for axes in (revenues_axes, margins_axes):
        axes.grid(True, color="#dddddd", linewidth=0.6)
        axes.spines[["top", "right"]].set_visible(False)
    figure.supxlabel(
        f"Source: {source}, marts.fact_metric_current via sql/examples/{REVENUES_QUERY} and "
        f"{MARGINS_QUERY}. Gaps: quarters no document reports.",
        x=0.01, ha="left", fontsize="x-small", color="grey",
    )
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _span_years(data: ChartData) -> float:
    return (max(data.quarters) - min(data.quarters)).days / 365.25 if data.quarters else 0.0
