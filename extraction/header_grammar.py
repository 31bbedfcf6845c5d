"""Stage 2: the header rows of a table, read into one `Column` per cell position."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extraction.closed_vocabularies import (
    ACTUAL,
    CONSOLIDATED,
    FISCAL_YEAR,
    HALF,
    INSTANT,
    NON_CONSOLIDATED,
    PCT_OF_REVENUES,
    QUARTER,
    TARGET,
    TARGET_INITIAL,
    TARGET_REVISED,
)
from extraction.interpret_context import Unit, unit_of_text
from extraction.labels import Lexicon, normalize_label
from extraction.model import RawRow
from extraction.numbers import NotAFigure, parse_cell, strip_markup
from extraction.periods import (
    Period,
    half,
    parse_caption_period,
    parse_month_end,
    parse_period,
    quarter,
)

HEADER_MAX_CHARS = 50
# Column kinds that compare two figures rather than print one.
MEASURE_KINDS = ("delta", "qoq", "vs_target")


@dataclass(frozen=True)
class Column:
    """What a table column holds, read from its header cells."""

    label: str
    period: Period | None = None
    scenario: str | None = None
    kind: str = "value"  # value | pct_of_revenues | delta | qoq | vs_target | adjustment
    segment: str | None = None  # a segment information table: one column per segment
    # `1Q`, `2H`: a quarter or half printed without its year (kind, number)
    part: tuple[str, int] | None = None
    metric: str | None = None  # metrics across the top (`Revenues  Operating profit`)


# Columns of a segment information table that are no segment: `Elimination`, `Adjustments`.
_ADJUSTMENT = re.compile(
    r"\b(?:eliminations?|adjustments?|reconciliations?|inter-?segment|corporate)\b", re.IGNORECASE
)
_WHOLE = re.compile(r"^(?:consolidated|total|consolidated total)$", re.IGNORECASE)


def segment_header(text: str, lexicon: Lexicon) -> str | None:
    """The segment a column header names (`ATM operation business`; `Consolidated` is the whole)."""
    clean = strip_markup(text).strip()
    if _WHOLE.match(clean):
        return "total"
    return lexicon.segment(clean) if clean else None


def is_segment_header_row(values: list[str], lexicon: Lexicon) -> bool:
    """`Network services and SI business  ATM operation business  Elimination  Consolidated`."""
    named = [segment_header(v, lexicon) for v in values]
    return (
        len(values) >= 2
        and any(s not in (None, "total") for s in named)
        and all(s or _ADJUSTMENT.search(v) for s, v in zip(named, values, strict=True))
    )


# First match wins: `Initial Target` and `Original Target` are the target first published, `New
# Target` and `Revised Target` the one that replaced it, a bare `Target` (`Plan`, `Forecast`) the
# one in force.
_SCENARIO_WORDS = tuple(
    (re.compile(rf"\b{words}", re.IGNORECASE), scenario)
    for words, scenario in (
        ("previous (?:target|plan|forecast)", TARGET_INITIAL),
        ("initial", TARGET_INITIAL),
        ("original", TARGET_INITIAL),
        ("revised", TARGET_REVISED),
        ("new (?:target|plan|forecast)", TARGET_REVISED),
        ("targets?", TARGET),
        ("forecasts?", TARGET),
        ("plans?\\b", TARGET),
        ("outlook", TARGET),
        ("guidance", TARGET),
        ("results?", ACTUAL),
        ("actual", ACTUAL),
    )
)
# `Actual against Target in %`, `vs. plan`, `Achievement rate` (the actual as a percent of the
# target beside it; a `progress` of a half against the year's target is another figure)
_AGAINST_TARGET = re.compile(
    r"\b(?:against|vs\.?|versus)\s+(?:the\s+)?(?:target|plan|forecast)|\bachievement(?: rate)?\b"
)
_SHARE_OF_REVENUES = re.compile(r"%\s*(?:of|to)\b|\bratio to (?:total )?(?:revenues?|sales)\b")
_CHANGE_WORDS = re.compile(r"\b(?:changes?|growth(?: rate)?|increase/decrease)\b")
TARGET_SCENARIOS = frozenset({TARGET, TARGET_INITIAL, TARGET_REVISED})


def column_kind(text: str) -> str | None:
    lowered = text.lower()
    if _AGAINST_TARGET.search(lowered):
        return "vs_target"
    if "qoq" in lowered:
        return "qoq"
    if "yoy" in lowered or re.search(
        r"\b(?:changes?|growth(?: rate)?|increase/decrease)\b", lowered
    ):
        return "delta"
    if _SHARE_OF_REVENUES.search(lowered):
        return PCT_OF_REVENUES
    return None


def scenario_of(text: str) -> str | None:
    return next((scenario for words, scenario in _SCENARIO_WORDS if words.search(text)), None)


def header_period(text: str) -> Period | None:
    """The period a header cell names: `FY2021 Targets (Revised on November 5, 2021)` is FY2021,
    `Mar. 2019` the end of March 2019. A date beside a target (`Revised Target (Nov. 5, 2021)`)
    says when the target was set, not what it is for: no period (a spanning header or the
    caption gives it)."""
    period = parse_caption_period(text) or parse_month_end(text)
    if period and period.period_type == INSTANT and scenario_of(text) in TARGET_SCENARIOS:
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
    if values and all(bare_part(v) for v in values):
        return True  # `1Q  2Q  3Q  4Q` under (or beside) the year they belong to
    if is_segment_header_row(values, lexicon) or (
        not lexicon.metric(row.cells[0]) and is_metric_header_row(values, lexicon)
    ):
        return True
    if any(holds_figure(cell) for cell in row.cells[1:]):
        return False
    return bool(values) and any(is_header_cell(cell) for cell in values) or not values


def is_metric_header_row(values: list[str], lexicon: Lexicon) -> bool:
    """`Revenues  Operating profit  Net profit` over the columns: every cell names a metric."""
    clean = [strip_markup(v) for v in values if strip_markup(v)]
    return (
        len(clean) >= 2
        and all(lexicon.metric(v) for v in clean)
        and not any(parse_period(v) for v in clean)
    )


def build_columns(header_rows: list[RawRow], width: int, lexicon: Lexicon) -> list[Column]:
    """One Column per cell position, spanning headers carried to the columns they cover."""
    grid = [[strip_markup(c) for c in (*row.cells, *[""] * width)][:width] for row in header_rows]
    segment_rows = [
        row for row in grid if is_segment_header_row([c for c in row[1:] if c], lexicon)
    ]
    metric_rows = [row for row in grid if is_metric_header_row(row[1:], lexicon)]
    columns = [Column(label="")]
    for index in range(1, width):
        own = [row[index] for row in grid if row[index]]
        metric = next((m for row in metric_rows if (m := lexicon.metric(row[index]))), None)
        segment = next(
            (s for row in segment_rows if (s := segment_header(row[index], lexicon))), None
        )
        adjustment = any(_ADJUSTMENT.search(row[index]) for row in segment_rows if row[index])
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
        part = next((p for text in own if (p := bare_part(text))), None)
        if part and not any(p.period_type == part[0] for p in periods):
            # `1Q` under `FY2019`: a part of the year the spanning header names, never the year
            periods = [p for p in (part_of(part, q) for q in periods) if p]
        kind = next((k for k in kinds if k != PCT_OF_REVENUES), None) or (
            kinds[0] if kinds else "value"
        )
        columns.append(
            Column(
                label=" ".join(label_parts),
                period=periods[0] if periods else None,
                part=part,
                scenario=scenarios[0] if scenarios else None,
                kind="adjustment" if adjustment and segment is None else kind,
                segment=segment,
                metric=metric,
            )
        )
    return columns


_BARE_PART = re.compile(r"^(?:(?P<q>[1-4])Q|Q(?P<q2>[1-4])|(?P<h>[12])H|H(?P<h2>[12]))$", re.I)


def bare_part(text: str) -> tuple[str, int] | None:
    """`1Q`, `Q3`, `2H`: a quarter or a half of a year the cell does not print."""
    match = _BARE_PART.match(strip_markup(text).strip())
    if not match:
        return None
    if quarter_number := match.group("q") or match.group("q2"):
        return (QUARTER, int(quarter_number))
    return (HALF, int(match.group("h") or match.group("h2")))


def part_of(part: tuple[str, int], whole: Period | None) -> Period | None:
    """Quarter or half `part` of the fiscal year `whole`; None unless `whole` is a fiscal year."""
    if whole is None or whole.period_type != FISCAL_YEAR or whole.fiscal_year is None:
        return None
    kind, number = part
    return (
        quarter(whole.fiscal_year, number) if kind == QUARTER else half(whole.fiscal_year, number)
    )


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
    return next((c for c in candidates if (c.scenario or ACTUAL) == ACTUAL), candidates[-1])


def target_column(columns: list[Column], index: int) -> Column | None:
    left = [c for c in columns[1:index] if c.period is not None]
    return left[-1] if left else None


@dataclass
class TableState:
    """What the rows read so far say about the rest of the table."""

    header_rows: list[RawRow]
    columns: list[Column]
    basis: str = CONSOLIDATED
    unit: Unit | None = None
    caption_period: Period | None = None
    segment: str | None = None
    metric: str | None = None
    title_metrics: frozenset[str] = frozenset()
    base_segment: str | None = None  # the segment the text above the table names, if any


def read_header_row(row: RawRow, state: TableState, width: int, lexicon: Lexicon) -> None:
    first = strip_markup(row.cells[0])
    lowered = normalize_label(first)
    if lowered.startswith("non-consolidated"):
        state.basis = NON_CONSOLIDATED
    elif lowered.startswith("consolidated"):
        state.basis = CONSOLIDATED
    if first and _WHOLE.match(strip_markup(re.sub(r"\(.*?\)", " ", first)).strip()):
        state.segment = state.base_segment  # `Consolidated` after a segment's block: the whole
    elif first:
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
    state.columns = build_columns(state.header_rows, width, lexicon)


def _has_periods(row: RawRow) -> bool:
    return any(parse_period(strip_markup(cell)) for cell in row.cells[1:])


def transposed(rows: list[RawRow], lexicon: Lexicon) -> list[RawRow]:
    """A table printed with its periods down the first column and its metrics across the top
    (`  Revenues  Operating profit` over `FY2021  226.3  23.5`), turned to the usual layout; each
    cell keeps where it was printed. Any other table is returned as it is."""
    if len(rows) < 2 or not _metrics_across(rows[0], lexicon):
        return rows
    if not all(
        strip_markup(r.cells[0]) and header_period(strip_markup(r.cells[0])) for r in rows[1:]
    ):
        return rows
    width = max(len(r.cells) for r in rows)
    grid = [(*r.cells, *[""] * width)[:width] for r in rows]
    header = RawRow(
        cells=(grid[0][0], *(g[0] for g in grid[1:])),
        locator=rows[0].locator,
        cell_locators=tuple(r.cell_locator(0) for r in rows),
    )
    body = [
        RawRow(
            cells=tuple(g[column] for g in grid),
            locator=rows[0].cell_locator(column),
            cell_locators=tuple(r.cell_locator(column) for r in rows),
        )
        for column in range(1, width)
    ]
    return [header, *body]


def _metrics_across(row: RawRow, lexicon: Lexicon) -> bool:
    values = [strip_markup(c) for c in row.cells[1:] if strip_markup(c)]
    named = [v for v in values if lexicon.metric(v) or lexicon.metric_of_segment(v)]
    return (
        len(named) >= 2 and len(named) == len(values) and not any(parse_period(v) for v in values)
    )
