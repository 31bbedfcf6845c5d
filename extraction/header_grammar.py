"""Stage 2: the header rows of a table, read into one `Column` per cell position."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extraction.interpret_context import Unit, unit_of_text
from extraction.labels import Lexicon
from extraction.model import RawRow
from extraction.numbers import NotAFigure, parse_cell, strip_markup
from extraction.periods import Period, parse_caption_period, parse_month_end, parse_period

HEADER_MAX_CHARS = 50
# Column kinds that compare two figures rather than print one.
MEASURE_KINDS = ("delta", "qoq", "vs_target")


@dataclass(frozen=True)
class Column:
    """What a table column holds, read from its header cells."""

    label: str
    period: Period | None = None
    scenario: str | None = None
    kind: str = "value"  # value | pct_of_revenues | delta | qoq | vs_target


# First match wins: `Initial Target` and `Original Target` are the target first published, `New
# Target` and `Revised Target` the one that replaced it, a bare `Target` (`Plan`, `Forecast`) the
# one in force.
_SCENARIO_WORDS = tuple(
    (re.compile(rf"\b{words}", re.IGNORECASE), scenario)
    for words, scenario in (
        ("previous (?:target|plan|forecast)", "target_initial"),
        ("initial", "target_initial"),
        ("original", "target_initial"),
        ("revised", "target_revised"),
        ("new (?:target|plan|forecast)", "target_revised"),
        ("targets?", "target"),
        ("forecasts?", "target"),
        ("plans?\\b", "target"),
        ("outlook", "target"),
        ("guidance", "target"),
        ("results?", "actual"),
        ("actual", "actual"),
    )
)
_CHANGE_WORDS = re.compile(r"\b(?:changes?|growth(?: rate)?|increase/decrease)\b")
TARGET_SCENARIOS = frozenset({"target", "target_initial", "target_revised"})


def column_kind(text: str) -> str | None:
    lowered = text.lower()
    if "against target" in lowered or "vs. target" in lowered or "vs target" in lowered:
        return "vs_target"
    if "qoq" in lowered:
        return "qoq"
    if "yoy" in lowered or re.search(
        r"\b(?:changes?|growth(?: rate)?|increase/decrease)\b", lowered
    ):
        return "delta"
    if "% of" in lowered:
        return "pct_of_revenues"
    return None


def scenario_of(text: str) -> str | None:
    return next((scenario for words, scenario in _SCENARIO_WORDS if words.search(text)), None)


def header_period(text: str) -> Period | None:
    """The period a header cell names: `FY2021 Targets (Revised on November 5, 2021)` is FY2021,
    `Mar. 2019` the end of March 2019. A date beside a target (`Revised Target (Nov. 5, 2021)`)
    says when the target was set, not what it is for: no period (a spanning header or the
    caption gives it)."""
    period = parse_caption_period(text) or parse_month_end(text)
    if period and period.period_type == "instant" and scenario_of(text) in TARGET_SCENARIOS:
        return None
    return period


def is_header_cell(text: str) -> bool:
    clean = strip_markup(text)
    return len(clean) <= HEADER_MAX_CHARS and bool(
        parse_period(clean) or column_kind(clean) or scenario_of(clean) or unit_of_text(clean)
    )


def holds_figure(cell: str) -> bool:
    """A value cell, as opposed to a header cell such as `1H11 Target (11/4~11/9)`."""
    if parse_period(strip_markup(cell)):
        return False
    try:
        return any(figure.note != "remark" for figure in parse_cell(cell))
    except NotAFigure:
        return False


def is_header_row(row: RawRow, lexicon: Lexicon) -> bool:
    """A row of column headers; its first cell may name the table's metric (`Revenues (JPY
    million)` over `1Q04 2Q04 ...`), but a metric row with other cells is a body row."""
    values = [cell for cell in row.cells[1:] if cell.strip()]
    if lexicon.metric(row.cells[0]) and not (
        values and all(parse_period(strip_markup(cell)) for cell in values)
    ):
        return False
    if not strip_markup(row.cells[0]) and values and all(header_period(v) for v in values):
        return True  # `Mar. 2019  Sep. 2019`: a row of dates only (a row with a label is data)
    if any(holds_figure(cell) for cell in row.cells[1:]):
        return False
    return bool(values) and any(is_header_cell(cell) for cell in values) or not values


def build_columns(header_rows: list[RawRow], width: int) -> list[Column]:
    """One Column per cell position, spanning headers carried to the columns they cover."""
    grid = [[strip_markup(c) for c in (*row.cells, *[""] * width)][:width] for row in header_rows]
    columns = [Column(label="")]
    for index in range(1, width):
        own = [row[index] for row in grid if row[index]]
        kinds = [k for text in own if (k := column_kind(text))]
        periods = [p for text in own if (p := header_period(text))]
        scenarios = [s for text in own if (s := scenario_of(text))]
        label_parts = list(own)
        if not own:
            inherited = _spanning_cell(grid, index, lambda text: True)
            if inherited:
                label_parts = [inherited]
                kinds = [k for k in [column_kind(inherited)] if k]
                periods = [p for p in [header_period(inherited)] if p]
                scenarios = [s for s in [scenario_of(inherited)] if s]
        elif not periods and not any(k in MEASURE_KINDS for k in kinds):
            inherited = _spanning_cell(grid, index, lambda text: header_period(text) is not None)
            measure = _spanning_cell(grid, index, lambda text: column_kind(text) in MEASURE_KINDS)
            if inherited:
                label_parts.insert(0, inherited)
                periods = [header_period(inherited)]
            elif measure and not kinds:
                # `%` under a `YoY` header spanning `Change` and `%`
                label_parts.insert(0, measure)
                kinds = [column_kind(measure)]
        kind = next((k for k in kinds if k != "pct_of_revenues"), None) or (
            kinds[0] if kinds else "value"
        )
        columns.append(
            Column(
                label=" ".join(label_parts),
                period=periods[0] if periods else None,
                scenario=scenarios[0] if scenarios else None,
                kind=kind,
            )
        )
    return columns


def _spanning_cell(grid: list[list[str]], index: int, accept) -> str | None:
    """The nearest non-empty header cell to the left in a row where this column's cell is empty."""
    for row in grid:
        if row[index]:
            continue
        for left in range(index - 1, 0, -1):
            if row[left]:
                if accept(row[left]):
                    return row[left]
                break
    return None


def compared_column(columns: list[Column], index: int) -> Column | None:
    """The later of the two periods a YoY or change column compares (the nearest pair left of it).

    Where several columns print that period (targets beside results), the actual one is taken.
    """
    left = [c for c in columns[1:index] if c.period is not None and c.kind != "delta"]
    if not left:
        return None
    nearest = left[-1]
    same_type = [c for c in left if c.period.period_type == nearest.period.period_type]
    distinct = {c.period.period_id: c for c in reversed(same_type)}
    pair = sorted(distinct.values(), key=lambda c: c.period.end)[-2:]
    later_id = pair[-1].period.period_id
    candidates = [c for c in left if c.period.period_id == later_id]
    return next((c for c in candidates if (c.scenario or "actual") == "actual"), candidates[-1])


def target_column(columns: list[Column], index: int) -> Column | None:
    left = [c for c in columns[1:index] if c.period is not None]
    return left[-1] if left else None


@dataclass
class TableState:
    """What the rows read so far say about the rest of the table."""

    header_rows: list[RawRow]
    columns: list[Column]
    basis: str = "consolidated"
    unit: Unit | None = None
    caption_period: Period | None = None
    segment: str | None = None
    metric: str | None = None
    title_metrics: frozenset[str] = frozenset()


def read_header_row(row: RawRow, state: TableState, width: int, lexicon: Lexicon) -> None:
    first = strip_markup(row.cells[0])
    lowered = first.lower()
    if lowered.startswith("non-consolidated"):
        state.basis = "non_consolidated"
    elif lowered.startswith("consolidated"):
        state.basis = "consolidated"
    if first:
        state.segment = lexicon.segment(first) or lexicon.segment_mentioned(first) or state.segment
        state.metric = lexicon.metric_mentioned(first) or state.metric
        state.unit = unit_of_text(first) or state.unit
        state.caption_period = parse_period(first) or state.caption_period
    for cell in row.cells[1:]:
        state.unit = unit_of_text(cell) or state.unit
    has_period = any(parse_period(strip_markup(cell)) for cell in row.cells[1:])
    if has_period or not state.header_rows:
        # a row of periods starts a new header (e.g. `Cash Flows` under `Balance Sheets`)
        if has_period and state.header_rows and _has_periods(state.header_rows[-1]):
            state.header_rows = []
        state.header_rows.append(row)
    else:
        # a row of scenarios or measures under the periods: replace the previous one
        state.header_rows = [r for r in state.header_rows if _has_periods(r)] + [row]
    state.columns = build_columns(state.header_rows, width)


def _has_periods(row: RawRow) -> bool:
    return any(parse_period(strip_markup(cell)) for cell in row.cells[1:])
