"""Stage 3: body rows and their cells, each into a fact or a quarantined cell with its reason."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extraction.header_grammar import (
    Column,
    TableState,
    compared_column,
    holds_figure,
    target_column,
)
from extraction.labels import Lexicon, is_loss_label, normalize_label
from extraction.model import Fact, Quarantined, RawRow
from extraction.numbers import Figure, NotAFigure, has_digits, is_nil, parse_cell, strip_markup
from extraction.periods import parse_period, trailing_months

# Metrics whose loss rows (`Operating Loss`) may print the loss without a sign.
INCOME_METRICS = frozenset(
    {
        "gross_margin",
        "operating_income",
        "income_before_income_taxes",
        "ordinary_income",
        "net_income",
    }
)
_BASIS_PREFIX = re.compile(r"^\s*(non-consolidated|consolidated)\s*:\s*", re.IGNORECASE)

_FOR_MONTHS = re.compile(r'<?\bfor (\d{1,2})(?:="")? months(?:="")?>?', re.IGNORECASE)
_FOR_CLOSE = re.compile(r"</for>", re.IGNORECASE)


def split_by_months(text: str) -> list[tuple[int | None, str]]:
    """`<for 9 months> 27.6% <for 3 months> 8.9%`: figures for the periods the cell names."""
    clean = _FOR_CLOSE.sub(" ", strip_markup(text))
    pieces = _FOR_MONTHS.split(clean)
    parts: list[tuple[int | None, str]] = [(None, pieces[0])] if pieces[0].strip() else []
    parts += [(int(pieces[i]), pieces[i + 1]) for i in range(1, len(pieces) - 1, 2)]
    return parts or [(None, "")]


@dataclass(frozen=True)
class RowMeaning:
    metric_id: str | None
    segment_id: str | None
    reason: str | None = None
    loss: bool = False  # an `Operating Loss` row: a loss printed without sign is negative


def resolve_row(label: str, table_metric: str | None, lexicon: Lexicon) -> RowMeaning:
    if not normalize_label(label):
        return RowMeaning(None, None, "row has no label")
    if metric := lexicon.metric(label):
        loss = metric in INCOME_METRICS and is_loss_label(label)
        return RowMeaning(metric, None, loss=loss)
    if segment := lexicon.segment(label):
        return RowMeaning(table_metric or "revenues", segment)
    if holds_figure(label):
        reason = f"row has no label: its first cell {label.strip()!r} is a figure"
        return RowMeaning(None, None, reason)
    if re.fullmatch(r"[\d/ .~-]+", strip_markup(label)):
        return RowMeaning(None, None, f"row label {label.strip()!r} is a date, not a metric")
    return RowMeaning(None, None, f"row label {label.strip()!r} is not in the metric vocabulary")


def merge_continued_labels(rows: list[RawRow], lexicon: Lexicon) -> list[RawRow]:
    """`Connectivity Services` over `(Corporate Use)`: a label printed on two lines."""
    merged = list(rows)
    for index in range(1, len(merged)):
        label = merged[index].cells[0].strip()
        above = merged[index - 1].cells[0].strip()
        joined = f"{above} {label}"
        if label.startswith("(") and above and (lexicon.segment(joined) or lexicon.metric(joined)):
            for position in (index - 1, index):
                cells = (joined, *merged[position].cells[1:])
                merged[position] = replace(merged[position], cells=cells)
    return merged


def quarantine(
    table_id: str, locator: str, text: str, row: RawRow, column_label: str, reason: str
) -> Quarantined:
    return Quarantined(
        table_id=table_id,
        locator=locator,
        raw_text=text,
        row_label=strip_markup(row.cells[0]),
        column_label=column_label,
        reason=reason,
    )


def interpret_row(row: RawRow, table_id: str, state: TableState, lexicon: Lexicon):
    label = row.cells[0]
    meaning = resolve_row(label, state.metric, lexicon)
    if meaning.metric_id is None and has_digits(label) and not parse_period(label):
        # a row without a readable label: its first cell is data too
        yield (
            None,
            quarantine(table_id, f"{row.locator}, column 1", label, row, "", meaning.reason),
        )
    for index, cell in enumerate(row.cells[1:], start=1):
        column = state.columns[index] if index < len(state.columns) else Column(label="")
        locator = f"{row.locator}, column {index + 1}"
        if is_nil(cell) or not has_digits(cell):
            continue
        if meaning.metric_id is None:
            yield None, quarantine(table_id, locator, cell, row, column.label, meaning.reason)
            continue
        basis = state.basis
        text = cell
        if prefix := _BASIS_PREFIX.match(strip_markup(cell)):
            basis = "non_consolidated" if prefix.group(1).lower().startswith("non") else basis
            text = strip_markup(cell)[prefix.end() :]
        try:
            parts = [(months, parse_cell(part)) for months, part in split_by_months(text)]
        except NotAFigure as exc:
            yield None, quarantine(table_id, locator, cell, row, column.label, str(exc))
            continue
        figures = [(months, figure) for months, found in parts for figure in found]
        if len([f for _, f in figures if is_plain_amount(f)]) > 1:
            # two amounts side by side: columns run together, which one is this column's?
            reason = "several amounts in one cell; the column each belongs to is unclear"
            yield None, quarantine(table_id, locator, cell, row, column.label, reason)
            continue
        whole_cell = strip_markup(cell) if len(figures) == 1 else None
        for months, figure in figures:
            outcome = _fact_for(figure, meaning, column, index, state, lexicon, basis, months)
            if isinstance(outcome, str):
                yield None, quarantine(table_id, locator, figure.text, row, column.label, outcome)
                continue
            measure, unit, value, decimals, period, scenario, reported_unit = outcome
            yield (
                Fact(
                    table_id=table_id,
                    metric_id=meaning.metric_id,
                    segment_id=meaning.segment_id or state.segment or "total",
                    period_id=period.period_id,
                    period_type=period.period_type,
                    period_start=period.start,
                    period_end=period.end,
                    fiscal_year=period.fiscal_year,
                    scenario=scenario,
                    basis=basis,
                    measure=measure,
                    unit=unit,
                    value=value,
                    decimals=decimals,
                    reported_text=whole_cell or figure.text,
                    reported_unit=reported_unit,
                    row_label=strip_markup(label),
                    column_label=column.label,
                    locator=locator,
                ),
                None,
            )


def _fact_for(figure, meaning, column, index, state, lexicon, basis, months=None):
    """Measure, unit, value, decimals, period, scenario and printed unit of a figure, or why not."""
    metric_unit = lexicon.metric_units[meaning.metric_id]
    if figure.note == "remark":
        return "figure inside a remark, not a reported value"
    measure = _measure_of(figure, column, metric_unit)
    if measure is None:
        return (
            f"a {'percent' if figure.is_percent else 'figure'} where the column expects "
            f"{'an amount' if figure.is_percent else 'a percent'}"
        )
    if measure in ("change", "yoy_pct", "qoq_pct"):
        compared = compared_column(state.columns, index)
    elif measure == "vs_target_pct":
        compared = target_column(state.columns, index)
    else:
        compared = column
    period = compared.period if compared else None
    if period is None and _caption_dates_undated_columns(state):
        period = state.caption_period
    if period is None:
        return "no period in the column header or the caption above the table"
    if months and months != period.months:
        period = trailing_months(period, months)
    scenario = _scenario_of(measure, column, compared)
    unit = _unit_of(figure, measure, metric_unit, state)
    if isinstance(unit, str):
        return unit
    unit_id, scale, reported_unit = unit
    value = figure.value * 1000**scale
    if measure == "amount" and meaning.loss and value > 0:
        value = -value
    decimals = figure.decimals - 3 * scale
    return measure, unit_id, round(value, 6), decimals, period, scenario, reported_unit


def _caption_dates_undated_columns(state: TableState) -> bool:
    """A column without a period takes the caption's: in a table with no period in its headers,
    or where the caption names the span the slide reports (`Results for 1H06`). A caption date
    (`Revision of Financial Targets (November 2, 2006)`) never dates a column of a dated table."""
    caption = state.caption_period
    if caption is None:
        return False
    return caption.period_type != "instant" or not any(c.period for c in state.columns)


def is_plain_amount(figure: Figure) -> bool:
    return not (figure.is_percent or figure.is_points or figure.note)


def _measure_of(figure: Figure, column: Column, metric_unit: str) -> str | None:
    if figure.note == "yoy" or column.kind == "delta":
        if figure.is_percent and not figure.is_points:
            return "yoy_pct"
        return "change"
    if figure.note == "qoq" or column.kind == "qoq":
        return "qoq_pct" if figure.is_percent else "change"
    if column.kind == "vs_target":
        return "vs_target_pct" if figure.is_percent else None
    if figure.is_percent and metric_unit != "percent":
        return "pct_of_revenues" if column.kind == "pct_of_revenues" else None
    if not figure.is_percent and metric_unit == "percent":
        return None
    return "amount"


def _scenario_of(measure: str, column: Column, compared: Column | None) -> str:
    if measure in ("change", "yoy_pct", "qoq_pct"):
        return (compared.scenario if compared else None) or "actual"
    if measure == "vs_target_pct":
        return "actual"
    return column.scenario or "actual"


def _unit_of(figure: Figure, measure: str, metric_unit: str, state: TableState):
    """(unit id, power of 1,000 to apply, unit as printed) or the reason there is none."""
    if figure.is_percent or figure.is_points or metric_unit == "percent":
        return "percent", 0, "points" if figure.is_points else "%"
    if metric_unit in ("JPY", "count", "Gbps"):
        if figure.scale is not None:
            return f"{figure.text!r} is an amount in JPY million or billion, not {metric_unit}"
        return metric_unit, 0, "JPY" if metric_unit == "JPY" else metric_unit
    if figure.scale is not None:
        return "JPY_million", figure.scale, ("JPY billion" if figure.scale else "JPY million")
    if figure.is_jpy:
        return f"{figure.text!r} is printed in JPY, where the metric is in JPY million"
    if state.unit is not None:
        return "JPY_million", state.unit.scale, state.unit.text
    if figure.decimals == 0:
        return "JPY_million", 0, "JPY million (the decks' default; no unit printed)"
    return "no unit printed for a figure with decimals"
