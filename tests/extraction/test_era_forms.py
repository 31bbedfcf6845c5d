"""The five decks reprinted in the forms of other eras still give every hand-checked figure.

Each case rewrites the tables of the shipped decks the way IIJ printed them in other years (IFRS
row names with footnote marks, `Q1 FY2010` period labels, other unit lines, `▲` minus signs,
`Plan` / `Original Target` / `New Target` columns, upper-case labels, `(Apr.-Dec. 2008)` ranges)
and checks the figures of `tests/expected_figures.py`, read by hand from the originals, against
the rewritten decks.
"""

import re
from pathlib import Path

import pytest

from extraction.interpret import interpret_document
from tests.expected_figures import EXPECTED_FIGURES
from tests.extraction.lines import with_lines
from warehousing.reading import read_document

ROOT = Path(__file__).resolve().parents[2]

IFRS_LABELS = (
    (r"^(\W*)Operating Income\b", r"\1Operating profit"),
    (r"^(\W*)Total Revenues$", r"\1Total revenues(1)"),
    (r"^(\W*)Net Income Attributable to IIJ$", r"\1Net profit*3"),
    (
        r"^(\W*)Net Income attributable to IIJ$",
        r"\1Profit for the period attributable to owners of the parent",
    ),
    (r"^(\W*)Gross Margin$", r"\1Gross profit"),
    (r"^(\W*)Income before Income Tax Expense$", r"\1Profit before tax"),
    (r"^(\W*)Total Costs$", r"\1Cost of sales"),
    (r"^(\W*)Net Income$", r"\1Net Income*1"),
)


def _labels(cells):
    label = cells[0]
    for pattern, replacement in IFRS_LABELS:
        label = re.sub(pattern, replacement, label)
    return [label, *cells[1:]]


def _period_form(cell):
    cell = re.sub(r"\b([1-4])Q(\d{2})\b", r"Q\1 FY20\2", cell)
    cell = re.sub(r"\b([12])H(\d{2})\b", r"\1H FY20\2", cell)
    return re.sub(r"\bFY(\d{2})\b", r"FY20\1", cell)


def _negative(cell):
    cell = re.sub(r"^\((\d[\d.]*%)\)$", r"-\1", cell)
    return re.sub(r"^\((\d[\d,.]*)\)$", r"▲\1", cell)


def _scenario(cell):
    cell = re.sub(r"\bTarget\b", "Plan", cell)
    cell = re.sub(r"^Initial$", "Original Target", cell)
    return re.sub(r"^Revised$", "New Target", cell)


_MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_NUMERIC_RANGE = re.compile(r"\((\d{2,4})/(\d{1,2})\s*[-~]\s*(?:(\d{2,4})/)?(\d{1,2})\)")


def _month_name_range(cell):
    def name(match):
        first, last = int(match.group(2)), int(match.group(4))
        year = int(match.group(3) or match.group(1))
        year = year + 2000 if year < 100 else year
        if not match.group(3) and last < first:
            year += 1
        return f"({_MONTH_NAMES[first - 1]}.-{_MONTH_NAMES[last - 1]}. {year})"

    cell = _NUMERIC_RANGE.sub(name, cell)
    return cell.replace("% of Revenues", "Ratio to revenues")


def _change_header(cell):
    return re.sub(r"^YoY$", "Growth (%)", cell)


def _value_cells(reprint):
    """A row rewrite that reprints every cell but the label."""
    return lambda cells: [cells[0], *map(reprint, cells[1:])]


def _upper_case(cells):
    return [cells[0].upper(), *cells[1:]]


def _table_rows(rewrite):
    return lambda line: "\t".join(rewrite(line.split("\t"))) if "\t" in line else line


def _unit_lines(line):
    line = re.sub(r"^Unit: JPY million$", "(JPY millions)", line)
    return re.sub(r"^Unit: JPY billion$", "Unit: JPY bn", line)


def _unit_lines_in_words(line):
    line = re.sub(r"^Unit: JPY million$", "Amounts in JPY millions", line)
    return re.sub(r"^Unit: JPY billion$", "(Billions of yen)", line)


REWRITES = {
    "ifrs_labels_with_footnote_marks": _table_rows(_labels),
    "q1_fy2010_period_labels": _table_rows(_value_cells(_period_form)),
    "other_unit_lines": _unit_lines,
    "unit_lines_in_words": _unit_lines_in_words,
    "growth_for_yoy_headers": _table_rows(_value_cells(_change_header)),
    "triangle_and_minus_negatives": _table_rows(_value_cells(_negative)),
    "plan_original_and_new_targets": _table_rows(_value_cells(_scenario)),
    "upper_case_labels": _table_rows(_upper_case),
    "month_name_ranges_and_ratio_to_revenues": _table_rows(_value_cells(_month_name_range)),
}


@pytest.mark.parametrize("rewrite", sorted(REWRITES))
def test_reprinted_decks_give_every_hand_checked_figure(vocabulary, rewrite):
    missing = []
    for path in sorted((ROOT / "sources").glob("*.txt")):
        document = read_document(path)
        reprinted = with_lines(document, [REWRITES[rewrite](line) for line in document.text_lines])
        published = {
            (
                f.metric_id,
                f.segment_id,
                f.period_id,
                f.scenario,
                f.basis,
                f.measure,
                round(f.value, 6),
            )
            for f in interpret_document(reprinted, vocabulary).facts
        }
        missing += [
            (source, *key, value)
            for source, *key, value, _ in EXPECTED_FIGURES
            if source == path.name and (*key, round(value, 6)) not in published
        ]
    assert missing == []
