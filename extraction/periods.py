"""IIJ's fiscal calendar and the period labels its decks print.

FYyyyy runs from April 1 of yyyy to March 31 of yyyy+1. A printed date range always wins over the
label beside it: `3Q08 (08/4~08/12)` is the nine months, `3Q08 (08/10~08/12)` the quarter, and
`FY10 Target (11/4~12/3)` is FY2011.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from extraction.closed_vocabularies import (
    FISCAL_YEAR,
    HALF,
    INSTANT,
    NINE_MONTHS,
    OTHER_PERIOD,
    QUARTER,
)

MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
MONTHS.update({name[:3]: number for name, number in list(MONTHS.items())})
MONTHS["sept"] = 9


@dataclass(frozen=True)
class Period:
    period_id: str
    period_type: str
    start: date
    end: date
    fiscal_year: int | None

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1


def fiscal_year_of(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def full_year(two_or_four_digits: str) -> int:
    year = int(two_or_four_digits)
    if year >= 100:
        return year
    return 1900 + year if year >= 90 else 2000 + year


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def quarter(fiscal_year: int, number: int) -> Period:
    start_month = 4 + 3 * (number - 1)
    year = fiscal_year + (start_month - 1) // 12
    start_month = (start_month - 1) % 12 + 1
    return span(date(year, start_month, 1), month_end(year, start_month + 2))


def half(fiscal_year: int, number: int) -> Period:
    start = quarter(fiscal_year, 1 if number == 1 else 3).start
    end = quarter(fiscal_year, 2 if number == 1 else 4).end
    return span(start, end)


def nine_months(fiscal_year: int) -> Period:
    return span(quarter(fiscal_year, 1).start, quarter(fiscal_year, 3).end)


def fiscal_year(year: int) -> Period:
    return span(quarter(year, 1).start, quarter(year, 4).end)


def instant(day: date) -> Period:
    return Period(day.isoformat(), INSTANT, day, day, fiscal_year_of(day))


def span(start: date, end: date) -> Period:
    """Name a period by its dates: fiscal quarters, halves, nine months and years get their ids."""
    fy = fiscal_year_of(start)
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    fiscal_month = (start.month - 4) % 12  # 0 for April
    aligned = start.day == 1 and end == month_end(end.year, end.month)
    if aligned and months == 3 and fiscal_month % 3 == 0:
        return Period(f"FY{fy}-Q{fiscal_month // 3 + 1}", QUARTER, start, end, fy)
    if aligned and months == 6 and fiscal_month % 6 == 0:
        return Period(f"FY{fy}-H{fiscal_month // 6 + 1}", HALF, start, end, fy)
    if aligned and months == 9 and fiscal_month == 0:
        return Period(f"FY{fy}-9M", NINE_MONTHS, start, end, fy)
    if aligned and months == 12 and fiscal_month == 0:
        return Period(f"FY{fy}", FISCAL_YEAR, start, end, fy)
    return Period(f"{start.isoformat()}/{end.isoformat()}", OTHER_PERIOD, start, end, fy)


# `(2007/4-9)`, `(2006/4-2006/9)`, `(08/4~08/12)`, `(11/4~12/3)`, `(12/4 ~ 13/3)`
_RANGE = re.compile(
    r"\(\s*(?P<y1>\d{2}|\d{4})/(?P<m1>\d{1,2})\s*[-~〜]\s*(?:(?P<y2>\d{2}|\d{4})/)?(?P<m2>\d{1,2})\s*\)"
)
_ONE_MONTH_NOTE = re.compile(r"\(\s*1\s*month\s*\)", re.IGNORECASE)
# cumulative quarters: `1Q-3Q19`, `1Q~2Q FY2019`
_QUARTERS = re.compile(
    r"\b(?P<a>[1-4])Q\s*[-~〜]\s*(?P<b>[1-4])Q\s?(?:FY\s?)?(?P<y>\d{4}|\d{2})\b", re.IGNORECASE
)
_QUARTER = re.compile(r"\b(?P<q>[1-4])Q\s?(?P<y>\d{2})\b")
_HALF = re.compile(r"\b(?P<h>[12])H\s?(?P<y>\d{2})\b")
_QUARTER_FY = re.compile(r"\b(?P<q>[1-4])Q\s+FY\s?(?P<y>\d{4}|\d{2})\b", re.IGNORECASE)
_HALF_FY = re.compile(r"\b(?P<h>[12])H\s+FY\s?(?P<y>\d{4}|\d{2})\b", re.IGNORECASE)
# `FY2008/1Q-3Q`, `FY2019 1Q-2Q`
_FY_QUARTERS = re.compile(
    r"\bFY\s?(?P<y>\d{4}|\d{2})\s*/?\s*(?P<a>[1-4])Q\s*[-~〜]\s*(?P<b>[1-4])Q\b", re.IGNORECASE
)
# `Q1 FY2019`, `Q1/FY19`, `FY2019 Q1`, `FY19 1Q`, `FY2019/1Q` (and the same with H for halves)
_Q_THEN_FY = re.compile(r"\b(?P<k>[QH])(?P<n>[1-4])\s*/?\s*FY\s?(?P<y>\d{4}|\d{2})\b", re.I)
_FY_THEN_Q = re.compile(
    r"\bFY\s?(?P<y>\d{4}|\d{2})\s*[/ ]\s*(?:(?P<n>[1-4])(?P<k>[QH])|(?P<k2>[QH])(?P<n2>[1-4]))\b",
    re.IGNORECASE,
)
# the last day of a period: `FY19-end`, `2Q16-end`, `end of FY2019`
_PERIOD_END = re.compile(
    r"\b(?:end of\s+)?(?:(?P<q>[1-4])Q|(?P<h>[12])H|FY)\s?(?P<y>\d{4}|\d{2})"
    r"(?P<end>\s*-?\s*end\b)?",
    re.IGNORECASE,
)
_FISCAL_YEAR = re.compile(r"\bFY\s?(?P<y>\d{4}|\d{2})\b", re.IGNORECASE)
_DAY_DATE = re.compile(r"\b(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2}),\s*(?P<year>\d{4})\b")
_AS_OF_MONTH = re.compile(r"\bas of\s+(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<year>\d{4})\b", re.I)
# `(Apr.-Dec. 2008)`, `(April 2019 - March 2020)`: a span of named months
_MONTH_RANGE = re.compile(
    r"\(\s*(?P<m1>[A-Z][a-z]{2,8})\.?\s*(?P<y1>\d{4})?\s*[-~〜–]\s*(?P<m2>[A-Z][a-z]{2,8})\.?,?"
    r"\s*(?P<y2>\d{4})\s*\)"
)
# `Nine months ended December 31, 2008`, `fiscal year ended March 31, 2010`
_ENDED = re.compile(
    r"\b(?:(?P<n>three|six|nine|twelve|3|6|9|12)[- ]months?|(?P<year>(?:fiscal )?year))"
    r"\s+ended\s+(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2}),\s*(?P<y>\d{4})",
    re.IGNORECASE,
)
_MONTH_COUNTS = {"three": 3, "six": 6, "nine": 9, "twelve": 12}
_MONTHS_FROM = re.compile(
    r"\b(?P<n>\d{1,2}) months? from (?P<m1>[A-Z][a-z]{2,8})\.? (?P<y1>\d{4}) to "
    r"(?P<m2>[A-Z][a-z]{2,8})\.? (?P<y2>\d{4})",
    re.IGNORECASE,
)


def parse_period(label: str) -> Period | None:
    """The period a column header, row label or caption names; None when it names none."""
    text = " ".join(label.split())
    if match := _RANGE.search(text):
        return _from_range(match)
    if (match := _MONTH_RANGE.search(text)) and (period := _from_month_range(match)):
        return period
    if (match := _ENDED.search(text)) and (period := _from_ended(match)):
        return period
    if _ONE_MONTH_NOTE.search(text):
        # a quarter of which only its last month counts (e.g. an acquisition made in it)
        named = parse_period(_ONE_MONTH_NOTE.sub(" ", text))
        if named is not None and named.period_type == "quarter":
            return span(date(named.end.year, named.end.month, 1), named.end)
    if match := _MONTHS_FROM.search(text):
        start_month, end_month = _month(match.group("m1")), _month(match.group("m2"))
        if start_month and end_month:
            start = date(int(match.group("y1")), start_month, 1)
            return span(start, month_end(int(match.group("y2")), end_month))
    if match := _DAY_DATE.search(text):
        month = _month(match.group("month"))
        if month:
            return instant(date(int(match.group("year")), month, int(match.group("day"))))
    if match := _AS_OF_MONTH.search(text):
        month = _month(match.group("month"))
        if month:
            return instant(month_end(int(match.group("year")), month))
    if (match := _PERIOD_END.search(text)) and (
        match.group("end") or match.group(0).lower().startswith("end of")
    ):
        return instant(_period_of_end_label(match).end)
    if match := _FY_QUARTERS.search(text):
        first, last = int(match.group("a")), int(match.group("b"))
        if first <= last:
            year = full_year(match.group("y"))
            return span(quarter(year, first).start, quarter(year, last).end)
    if match := _Q_THEN_FY.search(text):
        return _numbered(match.group("k"), int(match.group("n")), match.group("y"))
    if match := _FY_THEN_Q.search(text):
        kind = match.group("k") or match.group("k2")
        return _numbered(kind, int(match.group("n") or match.group("n2")), match.group("y"))
    if match := _QUARTERS.search(text):
        first, last = int(match.group("a")), int(match.group("b"))
        if first <= last:
            year = full_year(match.group("y"))
            return span(quarter(year, first).start, quarter(year, last).end)
    if match := _QUARTER_FY.search(text):
        return quarter(full_year(match.group("y")), int(match.group("q")))
    if match := _HALF_FY.search(text):
        return half(full_year(match.group("y")), int(match.group("h")))
    if match := _QUARTER.search(text):
        return quarter(full_year(match.group("y")), int(match.group("q")))
    if match := _HALF.search(text):
        return half(full_year(match.group("y")), int(match.group("h")))
    if match := _FISCAL_YEAR.search(text):
        return fiscal_year(full_year(match.group("y")))
    return None


def _from_month_range(match: re.Match[str]) -> Period | None:
    first, last = _month(match.group("m1")), _month(match.group("m2"))
    if not first or not last:
        return None
    end_year = int(match.group("y2"))
    start_year = int(match.group("y1")) if match.group("y1") else end_year - (first > last)
    return span(date(start_year, first, 1), month_end(end_year, last))


def _from_ended(match: re.Match[str]) -> Period | None:
    """The months that end on the printed day (`nine months ended December 31, 2008`)."""
    month = _month(match.group("month"))
    if not month:
        return None
    count = 12 if match.group("year") else _MONTH_COUNTS.get(match.group("n").lower())
    count = count or int(match.group("n"))
    end = date(int(match.group("y")), month, int(match.group("day")))
    if end != month_end(end.year, month):
        return None
    return trailing_months(span(end.replace(day=1), end), count)


def _numbered(kind: str, number: int, year: str) -> Period | None:
    """Quarter `number` (kind Q) or half `number` (kind H) of fiscal year `year`."""
    if kind.upper() == "Q":
        return quarter(full_year(year), number)
    return half(full_year(year), number) if number in (1, 2) else None


def _period_of_end_label(match: re.Match[str]) -> Period:
    year = full_year(match.group("y"))
    if match.group("q"):
        return quarter(year, int(match.group("q")))
    if match.group("h"):
        return half(year, int(match.group("h")))
    return fiscal_year(year)


_MONTH_YEAR = re.compile(
    r"^(?:(?:as of|end of)\s+)?(?P<month>[A-Z][a-z]{2,8})\.?,?\s+(?P<year>(?:19|20)\d{2})"
    r"(?:\s*-?\s*end)?$",
    re.IGNORECASE,
)
_YEAR_MONTH = re.compile(r"^(?P<year>(?:19|20)\d{2})\s*/\s*(?P<month>\d{1,2})(?:\s*-?\s*end)?$")


def parse_month_end(text: str) -> Period | None:
    """A header cell that is only a month (`Mar. 2019`, `2019/3`): the instant at its end."""
    clean = " ".join(text.split())
    if match := _MONTH_YEAR.match(clean):
        month = _month(match.group("month"))
        return instant(month_end(int(match.group("year")), month)) if month else None
    if match := _YEAR_MONTH.match(clean):
        month = int(match.group("month"))
        return instant(month_end(int(match.group("year")), month)) if 1 <= month <= 12 else None
    return None


def parse_caption_period(text: str) -> Period | None:
    """The period a caption reports: `Financial Targets for FY2019 (revised on November 8, 2019)`
    reports FY2019; the date only says when. A caption naming only a date gives that instant."""
    undated = _AS_OF_MONTH.sub(" ", _DAY_DATE.sub(" ", " ".join(text.split())))
    named = parse_period(undated)
    if named is not None and named.period_type != "instant":
        return named
    return parse_period(text)


def _month(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def _from_range(match: re.Match[str]) -> Period:
    start_year = full_year(match.group("y1"))
    start_month, end_month = int(match.group("m1")), int(match.group("m2"))
    if match.group("y2"):
        end_year = full_year(match.group("y2"))
    else:
        end_year = start_year if end_month >= start_month else start_year + 1
    return span(date(start_year, start_month, 1), month_end(end_year, end_month))


def trailing_months(period: Period, months: int) -> Period:
    """The last `months` months of a period: the quarter ending a nine-month period, say."""
    end = period.end
    first_month_index = end.year * 12 + end.month - months
    start = date(first_month_index // 12, first_month_index % 12 + 1, 1)
    return span(start, end)
