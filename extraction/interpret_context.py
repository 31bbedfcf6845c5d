"""Stage 1: what the text printed above a table says about it (unit, period caption, segment)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extraction.labels import Lexicon
from extraction.periods import Period, parse_caption_period

CONTEXT_SCAN_LINES = 12
HEADING_MAX_CHARS = 70
RUNNING_HEADER = "internet initiative japan"
_SLIDE_NUMBER = re.compile(r"^(?:III|II|IV|I|[ⅠⅡⅢⅣ])\s*[-−.]")
# the numbering of a slide title: `II -3.`, `Ⅱ -5.`
_SLIDE_NUMBER_PREFIX = re.compile(r"^(?:III|II|IV|I|[ⅠⅡⅢⅣ])\s*[-−.]\s*\d*\s*\.?\s*")
# `Unit: JPY million`, `Unit：JPY billion`, `(JPY million)`, `(Billions of yen)`, `In JPY millions`,
# `Amounts in JPY billion`, a bare `JPY billion`
_UNIT_LINE = re.compile(
    r"^unit\s*[:：]|^\(.*\b(?:JPY|yen)\b.*\)$|^(?:amounts?\s+)?in\s+(?:JPY|yen|millions|billions)\b"
    r"|^(?:JPY|yen)\s*(?:millions?|billions?|bn|mn)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Unit:
    """How amounts without a unit of their own are printed in a table."""

    scale: int | None  # power of 1,000 relative to JPY million; None: a unit not converted
    text: str


MILLION = Unit(0, "JPY million")
BILLION = Unit(1, "JPY billion")


@dataclass(frozen=True)
class TableContext:
    unit: Unit | None
    period: Period | None
    segment: str | None
    title_metrics: frozenset[str] = frozenset()  # the metrics the slide's title names


def effective_context(own: tuple[str, ...], previous: tuple[str, ...]) -> tuple[str, ...]:
    """A table captioned only by notes such as `(P/L) ...` continues the previous table's slide."""
    if own and all(_is_note(line) for line in own):
        return previous + own
    return own


def _is_note(line: str) -> bool:
    return line.startswith(("(", "<", "*", "Unit")) or _UNIT_LINE.search(line) is not None


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


# Units the contract's powers of 1,000 cannot express: their amounts are quarantined.
_UNCONVERTED_UNIT = re.compile(r"\b(?:100|hundred)\s*million|\bthousands?\b|\b1,000\s*yen\b", re.I)


def unit_of_text(text: str) -> Unit | None:
    lowered = text.lower()
    if _UNCONVERTED_UNIT.search(lowered):
        return Unit(None, text.strip())
    if "billion" in lowered or re.search(r"\bbn\b", lowered):
        return BILLION
    if "million" in lowered or re.search(r"\bmn\b", lowered):
        return MILLION
    return None


def read_table_context(context: tuple[str, ...], lexicon: Lexicon) -> TableContext:
    lines = slide_lines(context)
    unit = next(
        (unit_of_text(line) for line in lines if _UNIT_LINE.search(line) and unit_of_text(line)),
        None,
    )
    period = next((p for line in lines if (p := parse_caption_period(line)) is not None), None)
    segment = next(
        (
            s
            for line in lines
            if _is_heading(line) and (s := lexicon.segment_mentioned(line)) is not None
        ),
        None,
    )
    title = next((line for line in lines if _SLIDE_NUMBER.match(line)), None)
    title_metrics = (
        lexicon.metrics_mentioned(_SLIDE_NUMBER_PREFIX.sub("", title)) if title else None
    )
    return TableContext(
        unit=unit, period=period, segment=segment, title_metrics=title_metrics or frozenset()
    )


def _is_heading(line: str) -> bool:
    return len(line) <= HEADING_MAX_CHARS and not line.lstrip().startswith(("-", "•", "▪"))
