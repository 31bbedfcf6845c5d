"""Stage 3: body rows and their cells, each into a fact or a quarantined cell with its reason."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from extraction.closed_vocabularies import (
    ACTUAL,
    AMOUNT,
    CHANGE,
    COMPARISON_MEASURES,
    INSTANT,
    JPY,
    JPY_MILLION,
    NON_CONSOLIDATED,
    PCT_OF_REVENUES,
    PERCENT,
    QOQ_PCT,
    UNSCALED_UNITS,
    VS_TARGET_PCT,
    YOY_PCT,
)
from extraction.header_grammar import (
    Column,
    TableState,
    column_kind,
    compared_column,
    holds_figure,
    part_of,
    target_column,
)
from extraction.labels import (
    Candidate,
    Lexicon,
    as_printed,
    is_loss_label,
    label_key,
    normalize_label,
)
from extraction.model import Fact, Quarantined, RawRow
from extraction.numbers import Figure, NotAFigure, has_digits, is_nil, parse_cell, strip_markup
from extraction.periods import Period, parse_period, trailing_months

UNKNOWN_ROW_LABEL = "unknown row label"
# A segment row on a `Recurring Revenues` slide is the segment's revenues (the slide's lines are
# the segments the recurring revenues are made of).
REVENUE_PARTS = {"recurring_revenues": "revenues", "one_time_revenues": "revenues"}
# The rest of a breakdown: `Others`, `Other services`.
_RESIDUAL = re.compile(r"^others?(?: (?:revenues?|services?|business(?:es)?|segments?))?$")
# A row labelled only by a measure (`YoY` under `Revenues`) is at most this long.
MEASURE_ROW_MAX_CHARS = 24

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
class Rejection:
    """Why a row or a cell is not published; it becomes the quarantine reason."""

    reason: str
    # for an unknown row label: the vocabulary's nearest labels (also named in the reason)
    candidates: tuple[Candidate, ...] = ()
    segment_like: bool = False  # an unknown label most like a segment's (or `Others`)


@dataclass(frozen=True)
class RowMeaning:
    """What every figure of a body row measures."""

    metric_id: str
    segment_id: str | None
    loss: bool = False  # an `Operating Loss` row: a loss printed without sign is negative
    # a row labelled `YoY` or `% of revenues` under an amount: the measure its cells hold, each
    # for its own column's period
    measure_kind: str | None = None
    # False for a segment row whose metric no label printed (the table's default): a column
    # naming a metric (`Revenues  Operating profit` across the top) then says which it is
    metric_printed: bool = True


@dataclass(frozen=True)
class PrintedUnit:
    unit_id: str  # the contract's unit
    scale: int  # power of 1,000 from the printed figure to the contract's unit
    text: str  # the unit as printed (or why it was assumed)


@dataclass(frozen=True)
class ResolvedCell:
    """A figure with everything a fact needs besides its row and document."""

    metric: str
    measure: str
    period: Period
    scenario: str
    segment: str
    unit: PrintedUnit
    value: float
    decimals: int


def measure_row_kind(label: str) -> str | None:
    """`YoY`, `YoY (%)`, `QoQ`, `% of Revenues`: a row label that names a measure, not a metric."""
    clean = strip_markup(label).strip()
    if not clean or len(clean) > MEASURE_ROW_MAX_CHARS:
        return None
    return column_kind(clean)


@dataclass(frozen=True)
class RowsAbove:
    """What the body rows read so far say about the next one."""

    last: RowMeaning | None = None  # the nearest row of figures (what a `YoY` row compares)
    head: RowMeaning | None = None  # the nearest total row (what a segment row breaks down)
    unknown: str | None = None  # an unknown label above: the rows it heads are unknown too

    def after(self, meaning: RowMeaning | Rejection) -> RowsAbove:
        if isinstance(meaning, Rejection):
            if not meaning.reason.startswith(UNKNOWN_ROW_LABEL):
                return self
            if meaning.segment_like:
                # `Others`, `Cloud services` in a breakdown: the rows below keep their head
                return RowsAbove(head=self.head)
            return RowsAbove(unknown=meaning.reason)
        if meaning.measure_kind:
            return self
        if meaning.segment_id is None:
            return RowsAbove(last=meaning, head=meaning)
        return replace(self, last=meaning)


def prints_net_income_attributable(rows: list[RawRow], lexicon: Lexicon) -> bool:
    """A table with a `Net income attributable to IIJ` row (US GAAP from FY2009 on)."""
    return any(
        "attributable" in label_key(row.cells[0]) and lexicon.metric(row.cells[0]) == "net_income"
        for row in rows
    )


def with_net_income_split(
    meaning: RowMeaning | Rejection, label: str, split: bool, lexicon: Lexicon
) -> RowMeaning | Rejection:
    """Beside `Net income attributable to IIJ`, a row labelled plain `Net income` is the profit
    that still includes the non-controlling interests' share."""
    if (
        split
        and isinstance(meaning, RowMeaning)
        and lexicon.metric(label) == "net_income"
        and "attributable" not in label_key(label)
    ):
        return replace(meaning, metric_id="profit_including_noncontrolling_interests")
    return meaning


def segment_row_metric(state: TableState) -> str | Rejection:
    """What a segment row measures where no total row heads it: the metric the header names
    (`Revenues (JPY million)`), else the one the slide's title names (`Cost of Revenues`), else
    revenues, as the decks' segment tables print them, unless the title names other metrics only:
    then which one the row is, is not printed."""
    if state.metric:
        return state.metric
    if any(c.metric for c in state.columns):
        return "revenues"  # each column names its metric (see `resolve_cell`)
    titled = {REVENUE_PARTS.get(metric, metric) for metric in state.title_metrics}
    if len(titled) == 1:
        return next(iter(titled))
    if titled and "revenues" not in titled:
        named = ", ".join(sorted(titled))
        return Rejection(
            f"a segment row with no total row above it, under a title naming several metrics "
            f"({named})"
        )
    return "revenues"


def resolve_row(
    label: str, above: RowsAbove, segment_metric: str | Rejection, lexicon: Lexicon
) -> RowMeaning | Rejection:
    """The meaning of a body row from its label and the rows above it: a segment row under `Cost
    of revenues` is a cost of that segment, a `YoY` row the change of the row it is printed
    under."""
    if not normalize_label(label):
        return Rejection("row has no label")
    if metric := lexicon.metric(label):
        loss = metric in INCOME_METRICS and is_loss_label(label)
        return RowMeaning(metric, None, loss=loss)
    if segment := lexicon.segment(label):
        head = above.head
        if head and _breaks_down_by_segment(head, lexicon):
            return RowMeaning(head.metric_id, segment)
        if above.unknown or head:
            # under a row the vocabulary does not know, or one no segment breaks down
            heading = f"an unknown row ({above.unknown})" if above.unknown else head.metric_id
            return Rejection(f"a segment row under {heading}: what it measures is not printed")
        if isinstance(segment_metric, Rejection):
            return segment_metric
        return RowMeaning(segment_metric, segment, metric_printed=False)
    if composed := lexicon.metric_of_segment(label):
        metric, segment = composed
        return RowMeaning(metric, segment, loss=metric in INCOME_METRICS and is_loss_label(label))
    if (kind := measure_row_kind(label)) and above.last is not None:
        return replace(above.last, measure_kind=kind)
    if measured := lexicon.measure_of_metric(label):
        metric, words = measured
        return RowMeaning(metric, None, measure_kind=column_kind(words))
    if holds_figure(label):
        return Rejection(f"row has no label: its first cell {label.strip()!r} is a figure")
    if re.fullmatch(r"[\d/ .~-]+", strip_markup(label)):
        return Rejection(f"row label {label.strip()!r} is a date, not a metric")
    return unknown_label(label, lexicon)


def unknown_label(label: str, lexicon: Lexicon) -> Rejection:
    nearest = lexicon.nearest(label)
    offered = ", ".join(f"{c.label!r} ({c.vocabulary_id})" for c in nearest) or "none"
    printed = strip_markup(label).strip()
    reason = f"{UNKNOWN_ROW_LABEL} {printed!r}; nearest in the vocabulary: {offered}"
    segment_like = bool(_RESIDUAL.match(label_key(label))) or bool(
        nearest and nearest[0].kind == "segment"
    )
    return Rejection(reason, candidates=nearest, segment_like=segment_like)


def _breaks_down_by_segment(meaning: RowMeaning, lexicon: Lexicon) -> bool:
    """A total row of the income statement (not itself a segment's) heads the segment rows under
    it: `Cost of revenues` over `Network services`, `Systems integration`."""
    return lexicon.metric_statements.get(meaning.metric_id) == "income_statement"


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
    table_id: str, row: RawRow, index: int, text: str, column_label: str, reason: str
) -> Quarantined:
    """Cell `index` of the row, or a figure in it, quarantined for `reason`."""
    return Quarantined(
        table_id=table_id,
        locator=row.cell_locator(index),
        raw_text=text,
        row_label=as_printed(row.cells[0]),
        column_label=column_label,
        reason=reason,
        page=row.page,
        cell_box=row.cell_box(index),
    )


def interpret_row(
    row: RawRow,
    meaning: RowMeaning | Rejection,
    table_id: str,
    state: TableState,
    lexicon: Lexicon,
) -> Iterator[Fact | Quarantined]:
    """Each figure of a body row as a fact or a quarantined cell."""
    label = row.cells[0]
    if isinstance(meaning, Rejection) and has_digits(label_key(label)) and not parse_period(label):
        # a row without a readable label: its first cell is data too (a footnote mark is not)
        yield quarantine(table_id, row, 0, label, "", meaning.reason)
    for index, cell in enumerate(row.cells[1:], start=1):
        column = state.columns[index] if index < len(state.columns) else Column(label="")
        locator = row.cell_locator(index)
        if is_nil(cell) or not has_digits(cell):
            continue
        if isinstance(meaning, Rejection):
            yield quarantine(table_id, row, index, cell, column.label, meaning.reason)
            continue
        basis = state.basis
        text = cell
        if prefix := _BASIS_PREFIX.match(strip_markup(cell)):
            basis = NON_CONSOLIDATED if prefix.group(1).lower().startswith("non") else basis
            text = strip_markup(cell)[prefix.end() :]
        try:
            parts = [(months, parse_cell(part)) for months, part in split_by_months(text)]
        except NotAFigure as exc:
            yield quarantine(table_id, row, index, cell, column.label, str(exc))
            continue
        figures = [(months, figure) for months, found in parts for figure in found]
        if len([f for _, f in figures if is_plain_amount(f)]) > 1:
            # two amounts side by side: columns run together, which one is this column's?
            reason = "several amounts in one cell; the column each belongs to is unclear"
            yield quarantine(table_id, row, index, cell, column.label, reason)
            continue
        whole_cell = strip_markup(cell) if len(figures) == 1 else None
        for months, figure in figures:
            resolved = resolve_cell(figure, meaning, index, state, lexicon, months)
            if isinstance(resolved, Rejection):
                yield quarantine(
                    table_id, row, index, figure.text, column.label, resolved.reason
                )
                continue
            yield Fact(
                table_id=table_id,
                metric_id=resolved.metric,
                segment_id=resolved.segment,
                period_id=resolved.period.period_id,
                period_type=resolved.period.period_type,
                period_start=resolved.period.start,
                period_end=resolved.period.end,
                fiscal_year=resolved.period.fiscal_year,
                scenario=resolved.scenario,
                basis=basis,
                measure=resolved.measure,
                unit=resolved.unit.unit_id,
                value=resolved.value,
                decimals=resolved.decimals,
                reported_text=whole_cell or figure.text,
                reported_unit=resolved.unit.text,
                row_label=as_printed(label),
                column_label=column.label,
                locator=locator,
                page=row.page,
                cell_box=row.cell_box(index),
            )


def resolve_cell(
    figure: Figure,
    meaning: RowMeaning,
    index: int,
    state: TableState,
    lexicon: Lexicon,
    months: int | None = None,
) -> ResolvedCell | Rejection:
    """Measure, period, scenario, unit and value of one figure, or why it cannot have them."""
    column_metric = state.columns[index].metric if index < len(state.columns) else None
    if column_metric and column_metric != meaning.metric_id:
        if meaning.metric_printed:
            return Rejection(
                f"the row names metric {meaning.metric_id} and the column {column_metric}"
            )
        meaning = replace(meaning, metric_id=column_metric)
    metric_unit = lexicon.metric_units[meaning.metric_id]
    if figure.note == "remark":
        return Rejection("figure inside a remark, not a reported value")
    columns = dated_columns(state)
    column = columns[index] if index < len(columns) else Column(label="")
    if column.kind == "adjustment":
        return Rejection(f"column {column.label!r} adjusts between segments; it is no segment")
    segment = _segment_of(meaning, column, state)
    if isinstance(segment, Rejection):
        return segment
    if meaning.measure_kind and column.kind != "value":
        return Rejection(
            f"the row names a measure ({meaning.measure_kind}) and so does the column "
            f"{column.label!r}"
        )
    measure = _measure_of(figure, meaning.measure_kind or column.kind, metric_unit)
    if measure is None:
        return Rejection(
            f"a {'percent' if figure.is_percent else 'figure'} where the column expects "
            f"{'an amount' if figure.is_percent else 'a percent'}"
        )
    if meaning.measure_kind or (figure.note and column.kind == "value"):
        # a `YoY` row, or `JPY51,109 million (up 8.3% YoY)`: the change of the column's own period
        compared = column
    elif measure in COMPARISON_MEASURES:
        compared = compared_column(columns, index)
    elif measure == VS_TARGET_PCT:
        compared = target_column(columns, index)
    else:
        compared = column
    period = compared.period if compared else None
    if period is None:
        return Rejection("no period in the column header or the caption above the table")
    if months and months != period.months:
        period = trailing_months(period, months)
    unit = _unit_of(figure, metric_unit, state)
    if isinstance(unit, Rejection):
        return unit
    value = figure.value * 1000**unit.scale
    if measure == AMOUNT and meaning.loss and value > 0:
        value = -value
    return ResolvedCell(
        metric=meaning.metric_id,
        measure=measure,
        period=period,
        scenario=_scenario_of(measure, column, compared),
        segment=segment,
        unit=unit,
        value=round(value, 6),
        decimals=figure.decimals - 3 * unit.scale,
    )


def _segment_of(meaning: RowMeaning, column: Column, state: TableState) -> str | Rejection:
    """The row's segment, else the column's (a segment information table), else the table's."""
    if meaning.segment_id and column.segment and meaning.segment_id != column.segment:
        return Rejection(
            f"the row names segment {meaning.segment_id} and the column {column.segment}"
        )
    return meaning.segment_id or column.segment or state.segment or "total"


def dated_columns(state: TableState) -> list[Column]:
    """The table's columns, those without a period of their own dated by the caption where the
    caption dates them (see `_caption_dates_undated_columns`); measure columns stay undated."""
    if not _caption_dates_undated_columns(state):
        return state.columns
    return [
        replace(c, period=part_of(c.part, state.caption_period) if c.part else state.caption_period)
        if c.period is None and c.kind in ("value", PCT_OF_REVENUES)
        else c
        for c in state.columns
    ]


def _caption_dates_undated_columns(state: TableState) -> bool:
    """A column without a period takes the caption's: in a table with no period in its headers,
    or where the caption names the span the slide reports (`Results for 1H06`). A caption date
    (`Revision of Financial Targets (November 2, 2006)`) never dates a column of a dated table."""
    caption = state.caption_period
    if caption is None:
        return False
    return caption.period_type != INSTANT or not any(c.period for c in state.columns)


def is_plain_amount(figure: Figure) -> bool:
    return not (figure.is_percent or figure.is_points or figure.note)


def _measure_of(figure: Figure, kind: str, metric_unit: str) -> str | None:
    if figure.note == "yoy" or kind == "delta":
        if figure.is_percent and not figure.is_points:
            return YOY_PCT
        return CHANGE
    if figure.note == "qoq" or kind == "qoq":
        return QOQ_PCT if figure.is_percent else CHANGE
    if kind == "vs_target":
        return VS_TARGET_PCT if figure.is_percent else None
    if figure.is_percent and metric_unit != PERCENT:
        return PCT_OF_REVENUES if kind == PCT_OF_REVENUES else None
    if not figure.is_percent and metric_unit == PERCENT:
        return None
    return AMOUNT


def _scenario_of(measure: str, column: Column, compared: Column | None) -> str:
    if measure in COMPARISON_MEASURES:
        return (compared.scenario if compared else None) or ACTUAL
    if measure == VS_TARGET_PCT:
        return ACTUAL
    return column.scenario or ACTUAL


def _unit_of(figure: Figure, metric_unit: str, state: TableState) -> PrintedUnit | Rejection:
    if figure.is_percent or figure.is_points or metric_unit == PERCENT:
        return PrintedUnit(PERCENT, 0, "points" if figure.is_points else "%")
    if metric_unit in UNSCALED_UNITS:
        if figure.scale is not None:
            return Rejection(
                f"{figure.text!r} is an amount in JPY million or billion, not {metric_unit}"
            )
        return PrintedUnit(metric_unit, 0, "JPY" if metric_unit == JPY else metric_unit)
    if figure.scale is not None:
        return PrintedUnit(
            JPY_MILLION, figure.scale, "JPY billion" if figure.scale else "JPY million"
        )
    if figure.is_jpy:
        return Rejection(f"{figure.text!r} is printed in JPY, where the metric is in JPY million")
    if state.unit is not None and state.unit.scale is None:
        return Rejection(f"amounts printed in {state.unit.text!r}, a unit not converted")
    if state.unit is not None:
        return PrintedUnit(JPY_MILLION, state.unit.scale, state.unit.text)
    if figure.decimals == 0:
        return PrintedUnit(JPY_MILLION, 0, "JPY million (the decks' default; no unit printed)")
    return Rejection("no unit printed for a figure with decimals")
