"""Turn the raw tables of one document into facts and quarantined cells.

Every cell that holds digits ends as a fact or as a quarantined cell with its reason. A figure is
published only when its metric, period, measure and unit are all clear from the printed page: the
row label, the column headers (spanning headers included), and the text above the table
(heading, `Unit:` line, period caption).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extraction.labels import Lexicon, is_loss_label, normalize_label
from extraction.model import Fact, Quarantined, RawDocument, RawRow, RawTable
from extraction.numbers import Figure, NotAFigure, has_digits, is_nil, parse_cell, strip_markup
from extraction.periods import Period, parse_period, trailing_months
from extraction.vocabulary import Vocabulary

CONTEXT_SCAN_LINES = 12
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
HEADING_MAX_CHARS = 70
HEADER_MAX_CHARS = 50
RUNNING_HEADER = "internet initiative japan"
_SLIDE_NUMBER = re.compile(r"^(?:III|II|IV|I|[ⅠⅡⅢⅣ])\s*[-−.]")
_UNIT_LINE = re.compile(r"(?:^unit\s*:|^\(.*\bJPY\b.*\)$)", re.IGNORECASE)
_BASIS_PREFIX = re.compile(r"^\s*(non-consolidated|consolidated)\s*:\s*", re.IGNORECASE)


@dataclass(frozen=True)
class DocumentExtract:
    facts: tuple[Fact, ...]
    quarantined: tuple[Quarantined, ...]


@dataclass(frozen=True)
class Unit:
    """How amounts without a unit of their own are printed in a table."""

    scale: int  # power of 1,000 relative to JPY million
    text: str


MILLION = Unit(0, "JPY million")
BILLION = Unit(1, "JPY billion")


@dataclass(frozen=True)
class Column:
    """What a table column holds, read from its header cells."""

    label: str
    period: Period | None = None
    scenario: str | None = None
    kind: str = "value"  # value | pct_of_revenues | delta | qoq | vs_target


@dataclass(frozen=True)
class TableContext:
    unit: Unit | None
    period: Period | None
    segment: str | None


def interpret_document(document: RawDocument, vocabulary: Vocabulary) -> DocumentExtract:
    lexicon = Lexicon.from_vocabulary(vocabulary)
    facts: list[Fact] = []
    quarantined: list[Quarantined] = []
    previous_context: tuple[str, ...] = ()
    for table in document.tables:
        context = effective_context(table.context, previous_context)
        previous_context = context
        table_facts, table_quarantined = interpret_table(table, context, lexicon)
        facts += table_facts
        quarantined += table_quarantined
    return DocumentExtract(facts=tuple(facts), quarantined=tuple(quarantined))


def table_id_of(table: RawTable) -> str:
    return f"t{table.index + 1:02d}"


def effective_context(own: tuple[str, ...], previous: tuple[str, ...]) -> tuple[str, ...]:
    """A table captioned only by notes such as `(P/L) ...` continues the previous table's slide."""
    if own and all(_is_note(line) for line in own):
        return previous + own
    return own


def _is_note(line: str) -> bool:
    return line.startswith(("(", "<", "*", "Unit")) or _UNIT_LINE.search(line) is not None


# --- context above the table -------------------------------------------------------------------


def slide_lines(context: tuple[str, ...]) -> list[str]:
    """Context lines nearest first, up to the slide's title (a numbered title or running header)."""
    lines: list[str] = []
    nearest_first = list(reversed(context[-CONTEXT_SCAN_LINES:]))
    for position, line in enumerate(nearest_first):
        lines.append(line)
        if _SLIDE_NUMBER.match(line):
            break
        if line.lower().strip() == RUNNING_HEADER:
            lines += nearest_first[position + 1 : position + 2]
            break
    return lines


def unit_of_text(text: str) -> Unit | None:
    lowered = text.lower()
    if "billion" in lowered:
        return BILLION
    if "million" in lowered:
        return MILLION
    return None


def read_table_context(context: tuple[str, ...], lexicon: Lexicon) -> TableContext:
    lines = slide_lines(context)
    unit = next(
        (unit_of_text(line) for line in lines if _UNIT_LINE.search(line) and unit_of_text(line)),
        None,
    )
    period = next((p for line in lines if (p := parse_period(line)) is not None), None)
    segment = next(
        (
            s
            for line in lines
            if _is_heading(line) and (s := lexicon.segment_mentioned(line)) is not None
        ),
        None,
    )
    return TableContext(unit=unit, period=period, segment=segment)


def _is_heading(line: str) -> bool:
    return len(line) <= HEADING_MAX_CHARS and not line.lstrip().startswith(("-", "•", "▪"))


# --- header rows -------------------------------------------------------------------------------

_SCENARIO_WORDS = (
    ("previous target", "target_initial"),
    ("initial", "target_initial"),
    ("revised", "target_revised"),
    ("target", "target"),
    ("forecast", "target"),
    ("results", "actual"),
    ("actual", "actual"),
)


def column_kind(text: str) -> str | None:
    lowered = text.lower()
    if "against target" in lowered or "vs. target" in lowered or "vs target" in lowered:
        return "vs_target"
    if "qoq" in lowered:
        return "qoq"
    if "yoy" in lowered or re.search(r"\bchanges?\b", lowered):
        return "delta"
    if "% of" in lowered:
        return "pct_of_revenues"
    return None


def scenario_of(text: str) -> str | None:
    lowered = text.lower()
    return next((scenario for word, scenario in _SCENARIO_WORDS if word in lowered), None)


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
    if lexicon.metric(row.cells[0]):
        return False
    values = [cell for cell in row.cells[1:] if cell.strip()]
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
        periods = [p for text in own if (p := parse_period(text))]
        scenarios = [s for text in own if (s := scenario_of(text))]
        label_parts = list(own)
        if not own:
            inherited = _spanning_cell(grid, index, lambda text: True)
            if inherited:
                label_parts = [inherited]
                kinds = [k for k in [column_kind(inherited)] if k]
                periods = [p for p in [parse_period(inherited)] if p]
                scenarios = [s for s in [scenario_of(inherited)] if s]
        elif not periods and not any(k in ("delta", "qoq", "vs_target") for k in kinds):
            inherited = _spanning_cell(grid, index, lambda text: parse_period(text) is not None)
            if inherited:
                label_parts.insert(0, inherited)
                periods = [parse_period(inherited)]
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


# --- rows and cells ----------------------------------------------------------------------------

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


def interpret_table(
    table: RawTable, context: tuple[str, ...], lexicon: Lexicon
) -> tuple[list[Fact], list[Quarantined]]:
    table_id = table_id_of(table)
    around = read_table_context(context, lexicon)
    width = max(len(row.cells) for row in table.rows)
    rows = merge_continued_labels(list(table.rows), lexicon)
    state = TableState(
        header_rows=[],
        columns=[Column(label="")] * width,
        unit=around.unit,
        caption_period=around.period,
        segment=around.segment,
    )
    facts: list[Fact] = []
    quarantined: list[Quarantined] = []
    seen: dict[tuple, Fact] = {}
    for row in rows:
        if is_header_row(row, lexicon):
            _read_header_row(row, state, width, lexicon)
            continue
        for fact, problem in _interpret_row(row, table_id, state, lexicon):
            if problem is not None:
                quarantined.append(problem)
                continue
            key = (
                fact.metric_id,
                fact.segment_id,
                fact.period_id,
                fact.scenario,
                fact.basis,
                fact.measure,
            )
            if key in seen:
                quarantined.append(
                    Quarantined(
                        table_id=table_id,
                        locator=fact.locator,
                        raw_text=fact.reported_text,
                        row_label=strip_markup(row.cells[0]),
                        column_label=fact.column_label,
                        reason=f"the same figure key is printed twice in this table "
                        f"(first at {seen[key].locator})",
                        page=fact.page,
                        cell_box=fact.cell_box,
                    )
                )
                continue
            seen[key] = fact
            facts.append(fact)
    return facts, quarantined


def _read_header_row(row: RawRow, state: TableState, width: int, lexicon: Lexicon) -> None:
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


def _quarantine(
    table_id: str, row: RawRow, index: int, text: str, column_label: str, reason: str
) -> Quarantined:
    """Cell `index` of the row, or a figure in it, quarantined for `reason`."""
    return Quarantined(
        table_id=table_id,
        locator=f"{row.locator}, column {index + 1}",
        raw_text=text,
        row_label=strip_markup(row.cells[0]),
        column_label=column_label,
        reason=reason,
        page=row.page,
        cell_box=row.cell_box(index),
    )


def _interpret_row(row: RawRow, table_id: str, state: TableState, lexicon: Lexicon):
    label = row.cells[0]
    meaning = resolve_row(label, state.metric, lexicon)
    if meaning.metric_id is None and has_digits(label) and not parse_period(label):
        # a row without a readable label: its first cell is data too
        yield None, _quarantine(table_id, row, 0, label, "", meaning.reason)
    for index, cell in enumerate(row.cells[1:], start=1):
        column = state.columns[index] if index < len(state.columns) else Column(label="")
        locator = f"{row.locator}, column {index + 1}"
        if is_nil(cell) or not has_digits(cell):
            continue
        if meaning.metric_id is None:
            yield None, _quarantine(table_id, row, index, cell, column.label, meaning.reason)
            continue
        basis = state.basis
        text = cell
        if prefix := _BASIS_PREFIX.match(strip_markup(cell)):
            basis = "non_consolidated" if prefix.group(1).lower().startswith("non") else basis
            text = strip_markup(cell)[prefix.end() :]
        try:
            parts = [(months, parse_cell(part)) for months, part in split_by_months(text)]
        except NotAFigure as exc:
            yield None, _quarantine(table_id, row, index, cell, column.label, str(exc))
            continue
        figures = [(months, figure) for months, found in parts for figure in found]
        if len([f for _, f in figures if is_plain_amount(f)]) > 1:
            # two amounts side by side: columns run together, which one is this column's?
            reason = "several amounts in one cell; the column each belongs to is unclear"
            yield None, _quarantine(table_id, row, index, cell, column.label, reason)
            continue
        whole_cell = strip_markup(cell) if len(figures) == 1 else None
        for months, figure in figures:
            outcome = _fact_for(figure, meaning, column, index, state, lexicon, basis, months)
            if isinstance(outcome, str):
                yield None, _quarantine(table_id, row, index, figure.text, column.label, outcome)
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
                    page=row.page,
                    cell_box=row.cell_box(index),
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
