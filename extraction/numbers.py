"""Parse figures as IIJ decks print them.

A table cell may hold one figure (`26,444`, `(1,885)`, `+767`, `13.4%`, `JPY 4,934`,
`30.0 billion`), a percent beside an amount (`<i>79.4%</i> 23.8`), or a figure with a note
(`JPY51,109 million (up 8.3% YoY)`, `JPY 1,500 (Interim)`, `(+0.9 points YoY)`).
`parse_cell` splits a cell into its figures; each keeps the exact text it was printed as.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

NIL_TEXTS = frozenset({"", "-", "—", "–", "―", "−", "n/a", "N/A"})
# `▲` and `△` are the minus signs of Japanese financial tables (`▲1,000` is -1,000).
MINUS_SIGNS = frozenset({"-", "−", "–", "▲", "△"})

# Power of 1,000 of an amount as printed, relative to one JPY million.
SCALES = {"million": 0, "millions": 0, "mn": 0, "billion": 1, "billions": 1, "bn": 1}

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_AMOUNT = re.compile(
    rf"(?P<sign>[+\-−–▲△])?\s*(?P<jpy>JPY)?\s*(?P<sign2>[+\-−–▲△])?\s*(?:(?<=JPY)|(?<![A-Za-z\d.,]))(?P<number>{_NUMBER})"
    r"\s*(?P<scale>millions?|billions?|bn\b|mn\b)?\s*(?P<percent>%)?\s*(?P<points>points?|pts)?",
    re.IGNORECASE,
)
_TAG = re.compile(r"</?(?:i|b|u|pre)>|\*\*", re.IGNORECASE)
_PAREN = re.compile(r"\(([^()]*)\)")
_NOTE_WORDS = re.compile(r"\b(?:yoy|qoq|up|down|approx\.?)\b", re.IGNORECASE)
_PERIODICITY = re.compile(r"\((?:Annual|Interim)\)", re.IGNORECASE)
_DATE_LIKE = re.compile(r"^\d{1,4}\s*/\s*\d{1,2}(?:\s*/\s*\d{1,2})?$")


class NotAFigure(ValueError):
    """The text holds digits but is not a figure (a date, prose, a code)."""


@dataclass(frozen=True)
class Figure:
    """One printed number: its signed value in the printed scale and how it was printed."""

    value: float
    decimals: int
    text: str
    is_percent: bool = False
    is_points: bool = False
    is_jpy: bool = False
    scale: int | None = None
    note: str | None = None  # 'yoy' / 'qoq' when the figure says so itself, 'remark' in prose


def strip_markup(text: str) -> str:
    return " ".join(_TAG.sub(" ", text).split())


def is_nil(text: str) -> bool:
    return strip_markup(text) in NIL_TEXTS


def has_digits(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def parse_cell(text: str) -> list[Figure]:
    """All figures of one table cell, in printed order; [] for a nil cell.

    Raises NotAFigure when the cell holds digits that are not figures, such as a date or prose.
    """
    clean = strip_markup(text)
    if clean in NIL_TEXTS:
        return []
    if _DATE_LIKE.match(clean):
        raise NotAFigure(f"{clean!r} is a date, not a figure")
    clean = _PERIODICITY.sub(" ", clean)
    figures: list[Figure] = []
    position = 0
    for match in _PAREN.finditer(clean):
        figures += _parse_piece(clean[position : match.start()], wrapped=False)
        figures += _parse_piece(match.group(1), wrapped=True)
        position = match.end()
    figures += _parse_piece(clean[position:], wrapped=False)
    if not figures:
        raise NotAFigure(f"{clean!r} is not a figure")
    return figures


def parse_figure(text: str) -> Figure:
    """Parse text that holds exactly one figure."""
    figures = parse_cell(text)
    if len(figures) != 1:
        raise NotAFigure(f"expected one figure in {text!r}, found {len(figures)}")
    return figures[0]


def _parse_piece(piece: str, *, wrapped: bool) -> list[Figure]:
    if not piece.strip():
        return []
    lowered = piece.lower()
    note = "yoy" if "yoy" in lowered else "qoq" if "qoq" in lowered else None
    falling = re.search(r"\bdown\b", lowered) is not None
    rest = _NOTE_WORDS.sub(" ", piece)
    matches = list(_AMOUNT.finditer(rest))
    leftover = _AMOUNT.sub(" ", rest).strip(" ,:")
    if leftover:
        if wrapped:
            return [_remark(m) for m in matches]
        raise NotAFigure(f"{piece.strip()!r} is not a figure (unexpected {leftover!r})")
    figures = []
    for match in matches:
        figure = _figure(match, note)
        explicit_sign = match.group("sign") or match.group("sign2")
        if (wrapped and note is None and not explicit_sign) or (note and falling):
            figure = _negate(figure)
        if wrapped and len(matches) == 1:
            figure = replace(figure, text=f"({piece.strip()})")
        figures.append(figure)
    return figures


def _figure(match: re.Match[str], note: str | None) -> Figure:
    number = match.group("number")
    sign = match.group("sign") or match.group("sign2")
    value = float(number.replace(",", ""))
    scale = match.group("scale")
    return Figure(
        value=-value if sign in MINUS_SIGNS else value,
        decimals=len(number.split(".", 1)[1]) if "." in number else 0,
        text=match.group(0).strip(),
        is_percent=bool(match.group("percent")),
        is_points=bool(match.group("points")),
        is_jpy=bool(match.group("jpy")),
        scale=SCALES[scale.lower()] if scale else None,
        note=note,
    )


def _remark(match: re.Match[str]) -> Figure:
    return replace(_figure(match, None), note="remark")


def _negate(figure: Figure) -> Figure:
    return replace(figure, value=-figure.value)
