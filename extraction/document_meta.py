"""Title and date of a deck, read from its first lines."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from extraction.periods import MONTHS

ISSUER = "Internet Initiative Japan"
COMPANY_NAME = f"{ISSUER} Inc."
# An IIJ deck names its issuer somewhere (cover, running header, notes); a deck that never does
# is another company's, however IIJ-like its tables look.
ISSUER_NAME = re.compile(r"\s+".join(ISSUER.split()) + r"|\bIIJ\b", re.IGNORECASE)
DOTTED_DATE = re.compile(r"\b(19|20)(\d{2})\.(\d{1,2})\.(\d{1,2})\b")
WORDED_DATE = re.compile(r"\b([A-Z][a-z]+) (\d{1,2})(?:-\d{1,2})?, ((?:19|20)\d{2})\b")
HEAD_LINES = 40
# How a deck names the accounting standard its consolidated figures follow.
ACCOUNTING_STANDARDS = {
    "IFRS": re.compile(r"\bIFRS\b|International Financial Reporting Standards", re.IGNORECASE),
    "US GAAP": re.compile(
        r"\bU\.?\s?S\.?\s?GAAP\b|accounting principles generally accepted in the United States"
        r"|generally accepted accounting principles in the United States",
        re.IGNORECASE,
    ),
}


def find_title(lines: list[str]) -> str | None:
    """The first heading of the deck that is not the company name."""
    for line in lines[:HEAD_LINES]:
        text = line.replace("**", "").strip()
        text = text.replace(COMPANY_NAME, "").strip()
        if len(text) > 3 and not DOTTED_DATE.search(text):
            return text
    return None


def find_document_date(lines: list[str]) -> date | None:
    """The date printed on the cover: `2007.11.12` or `September 13-14, 2011`."""
    for line in lines[:HEAD_LINES]:
        if match := DOTTED_DATE.search(line):
            century, year, month, day = match.groups()
            return _safe_date(int(century + year), int(month), int(day))
    for line in lines[:HEAD_LINES]:
        if match := WORDED_DATE.search(line):
            month = MONTHS.get(match.group(1).lower())
            if month:
                return _safe_date(int(match.group(3)), month, int(match.group(2)))
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_accounting_standard(lines: Iterable[str]) -> str | None:
    """`IFRS` or `US GAAP`, as the deck itself says; None where it names neither, or both (a
    transition deck comparing the two): the standard is then not read, never guessed."""
    text = "\n".join(lines)
    named = [name for name, pattern in ACCOUNTING_STANDARDS.items() if pattern.search(text)]
    return named[0] if len(named) == 1 else None
