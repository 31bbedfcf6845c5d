"""The closed sets of values a staged cell or a published figure may hold, defined once here.

The interpreter writes these values, the Great Expectations suites (`checks/expectations.py`)
allow exactly these, the SQL of the models and rules compares with them (a test holds every
value they name to these sets), and the data dictionary lists them in the meaning of their
column (`{scenario.described}` in a column meaning of `sql/`).

The metric and segment ids are not here: they are open, extended by the contract's CSV files
(`extraction.vocabulary`).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ClosedVocabulary:
    """The values of one column, in the order the dictionary lists them, with a note on those
    whose name alone does not say what they mean."""

    column: str
    values: tuple[str, ...]
    notes: dict[str, str] = field(default_factory=dict)

    def __iter__(self):
        return iter(self.values)

    def __contains__(self, value: object) -> bool:
        return value in self.values

    @property
    def listed(self) -> str:
        """`a`, `b`, `c`: the values alone."""
        return ", ".join(f"`{value}`" for value in self.values)

    @property
    def described(self) -> str:
        """`a`, `b` (its note) or `c`: the values with their notes, as a column meaning says."""
        items = [
            f"`{value}` ({self.notes[value]})" if value in self.notes else f"`{value}`"
            for value in self.values
        ]
        return f"{', '.join(items[:-1])} or {items[-1]}" if len(items) > 1 else items[0]


ACTUAL = "actual"
TARGET = "target"
TARGET_INITIAL = "target_initial"
TARGET_REVISED = "target_revised"
SCENARIO = ClosedVocabulary(
    "scenario",
    (ACTUAL, TARGET, TARGET_INITIAL, TARGET_REVISED),
    {TARGET: "a target as stated"},
)

CONSOLIDATED = "consolidated"
NON_CONSOLIDATED = "non_consolidated"
BASIS = ClosedVocabulary("basis", (CONSOLIDATED, NON_CONSOLIDATED))

AMOUNT = "amount"
PCT_OF_REVENUES = "pct_of_revenues"
YOY_PCT = "yoy_pct"
QOQ_PCT = "qoq_pct"
CHANGE = "change"
VS_TARGET_PCT = "vs_target_pct"
MEASURE = ClosedVocabulary(
    "measure",
    (AMOUNT, PCT_OF_REVENUES, YOY_PCT, QOQ_PCT, CHANGE, VS_TARGET_PCT),
    {
        AMOUNT: "the figure itself",
        CHANGE: "a difference printed as an amount: a balance-sheet change column, or a YoY or "
        "vs-plan column printed as an amount, dated at the later period",
    },
)
# Measures that are a percent whatever the metric's unit.
PERCENT_MEASURES = (PCT_OF_REVENUES, YOY_PCT, QOQ_PCT, VS_TARGET_PCT)
# Measures that compare a column with another: dated at the later of the two periods.
COMPARISON_MEASURES = (CHANGE, YOY_PCT, QOQ_PCT)

JPY_MILLION = "JPY_million"
PERCENT = "percent"
JPY = "JPY"
COUNT = "count"
GBPS = "Gbps"
UNIT = ClosedVocabulary(
    "unit", (JPY_MILLION, PERCENT, JPY, COUNT, GBPS), {JPY: "per share"}
)
# Units whose figures are printed as they are, never scaled to JPY million.
UNSCALED_UNITS = (JPY, COUNT, GBPS)

QUARTER = "quarter"
HALF = "half"
NINE_MONTHS = "nine_months"
FISCAL_YEAR = "fiscal_year"
INSTANT = "instant"
OTHER_PERIOD = "other"
PERIOD_TYPE = ClosedVocabulary(
    "period_type",
    (QUARTER, HALF, NINE_MONTHS, FISCAL_YEAR, INSTANT, OTHER_PERIOD),
    {OTHER_PERIOD: "such as a one-month period"},
)

FACT = "fact"
QUARANTINE = "quarantine"
CELL_STATUS = ClosedVocabulary(
    "status",
    (FACT, QUARANTINE),
    {FACT: "a published figure", QUARANTINE: "set aside; `reason` says why"},
)

OK = "ok"
ERROR = "error"
HELD_BACK = "held_back"
DOCUMENT_STATUS = ClosedVocabulary(
    "status",
    (OK, ERROR, HELD_BACK),
    {
        HELD_BACK: "read, but its figures failed a blocking check: none of them is published; "
        "`held_back_reason` says which",
    },
)

# Every closed vocabulary by the name a column meaning uses for it.
CLOSED_VOCABULARIES = {
    "scenario": SCENARIO,
    "basis": BASIS,
    "measure": MEASURE,
    "unit": UNIT,
    "period_type": PERIOD_TYPE,
    "cell_status": CELL_STATUS,
    "document_status": DOCUMENT_STATUS,
}
