"""Synthetic decks: the five embedded decks moved in time, as new documents with new periods.

Every year a deck prints (`1Q07`, `1H12`, `FY10`, `FY2008`, `(11/4~12/3)`, `2Q10 (1month)`,
`September 30, 2007`, `2007.11.12`) is shifted by the same number of years and printed with four
digits (`1Q FY2107`, `(2111/4~2112/3)`), so that the deck reads as the same figures of other
fiscal years: its totals still add up and its checks still pass, and decks shifted by different
multiples of `ERA_YEARS` share no period. The cover date (`2007.11.12`, `September 13-14, 2011`)
moves by the shift modulo `COVER_DATE_WRAP` only: the decks' dates are read for 1900-2099 alone,
and they only order decks that print the same figures, which the decks of one era alone do.

One printed slip is corrected in the copies: the one `checks/reviewed_exceptions.csv` lets the
original deck publish with (reviewed exceptions name their document, and a copy is another one).

The figures themselves are not scaled: a rounded figure times k is a figure known to ±k/2, not
to ±1/2, and the rounding-aware checks would rightly reject the totals that rounding let differ
by a unit in the originals.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from extraction.periods import full_year, quarter

SOURCES = Path(__file__).resolve().parents[1] / "sources"
# The five decks print years from FY2003 (comparisons) to 2013 (plans): an era is longer.
ERA_YEARS = 20
COVER_DATE_WRAP = 80
# The reviewed slip of the 3Q08 deck: SG&A 2.6 beside 14.4% of revenues 17.5 (2.5 fits all).
SLIP_CORRECTIONS = {
    "004_ad6f01a31b09bdb7.txt": ("SG&A/R&D\t14.4% 2.6\t", "SG&A/R&D\t14.4% 2.5\t"),
}
_YEARS = re.compile(
    r"\b(?P<dotted_y>(?:19|20)\d{2})(?P<dotted_rest>\.\d{1,2}\.\d{1,2})\b"
    r"|\b(?P<event_days>[A-Z][a-z]+ \d{1,2}-\d{1,2}, )(?P<event_y>(?:19|20)\d{2})\b"
    r"|\((?P<range_y1>\d{2}|\d{4})/(?P<range_m1>\d{1,2})(?P<range_sep>\s*[-~〜]\s*)"
    r"(?:(?P<range_y2>\d{2}|\d{4})/)?(?P<range_m2>\d{1,2})\)"
    r"|\b(?P<month_q>[1-4])Q(?P<month_y>\d{2})\s*\(\s*1\s*month\s*\)"
    r"|\b(?P<q>[1-4])Q ?(?P<q_y>\d{2})\b"
    r"|\b(?P<h>[12])H ?(?P<h_y>\d{2})\b"
    r"|\bFY ?(?P<fy>\d{4}|\d{2})\b"
    r"|\b(?P<year>(?:199|20\d)\d)\b"
)


def shift_years(text: str, years: int) -> str:
    """The deck `text` with every year it prints moved by `years`, printed with four digits."""

    def shifted(two_or_four_digits: str) -> int:
        return full_year(two_or_four_digits) + years

    def replace(match: re.Match[str]) -> str:
        found = match.groupdict()
        cover_years = years % COVER_DATE_WRAP
        if found["dotted_y"]:
            return f"{int(found['dotted_y']) + cover_years}{found['dotted_rest']}"
        if found["event_y"]:
            return f"{found['event_days']}{int(found['event_y']) + cover_years}"
        if found["range_y1"]:
            end_year = f"{shifted(found['range_y2'])}/" if found["range_y2"] else ""
            return (
                f"({shifted(found['range_y1'])}/{found['range_m1']}{found['range_sep']}"
                f"{end_year}{found['range_m2']})"
            )
        if found["month_q"]:
            # `2Q10 (1month)` is the last month of the quarter: printed as that month's range.
            last = quarter(shifted(found["month_y"]), int(found["month_q"])).end
            month = f"({last.year}/{last.month}~{last.year}/{last.month})"
            return f"{found['month_q']}Q FY{shifted(found['month_y'])} {month}"
        if found["q"]:
            return f"{found['q']}Q FY{shifted(found['q_y'])}"
        if found["h"]:
            return f"{found['h']}H FY{shifted(found['h_y'])}"
        if found["fy"]:
            return f"FY{shifted(found['fy'])}"
        return str(int(found["year"]) + years)

    return _YEARS.sub(replace, text)


def synthetic_decks(count: int, sources: Path = SOURCES) -> Iterator[tuple[str, str]]:
    """`count` decks as (file name, text): the five decks of era 1, then of era 2, and so on."""
    decks = sorted(sources.glob("*.txt"))
    for index in range(count):
        era, source = divmod(index, len(decks))
        years = (era + 1) * ERA_YEARS
        text = decks[source].read_text(encoding="utf-8")
        if decks[source].name in SLIP_CORRECTIONS:
            printed, corrected = SLIP_CORRECTIONS[decks[source].name]
            text = text.replace(printed, corrected)
        yield f"era{era + 1:03d}_{decks[source].stem}.txt", shift_years(text, years)
