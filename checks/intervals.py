"""Interval arithmetic over printed figures, in the spirit of XBRL Calculations 1.1.

A figure printed with `decimals` (as XBRL means it: 30.0 billion in JPY million has decimals -2)
stands for every true value that rounds to it: the closed interval value +- 0.5 * 10**-decimals.
Arithmetic on such intervals bounds what the true result can be; two figures are consistent when
their intervals overlap. Bounds are exact fractions, so no epsilon ever enters a comparison.

The rule SQL under `checks/rules/` does the same arithmetic with the DuckDB macros of
`checks/intervals.sql`; the property tests hold both to this reference implementation.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

Number = int | float | str | Decimal | Fraction


def snap_to_printed(value: Number, decimals: int) -> Fraction:
    """The printed figure behind a stored value: `value` rounded to its own precision.

    Normalizing a printed figure into a float (16.3 billion -> 16300.000000000002) adds binary
    noise far below the printed precision; rounding to `decimals` restores the printed number.
    """
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    printed = Decimal(repr(value) if isinstance(value, float) else value)
    return Fraction(printed.quantize(Decimal(1).scaleb(-decimals)))


def half_width(decimals: int) -> Fraction:
    return Fraction(1, 2) * Fraction(10) ** -decimals


@dataclass(frozen=True)
class Interval:
    low: Fraction
    high: Fraction

    def __post_init__(self) -> None:
        if self.low > self.high:
            raise ValueError(f"empty interval [{self.low}, {self.high}]")

    @classmethod
    def from_reported(cls, value: Number, decimals: int) -> Interval:
        """Every true value that prints as `value` when rounded to `decimals`."""
        center = snap_to_printed(value, decimals)
        half = half_width(decimals)
        return cls(center - half, center + half)

    @classmethod
    def exact(cls, value: Number) -> Interval:
        point = Fraction(Decimal(repr(value)) if isinstance(value, float) else value)
        return cls(point, point)

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.low + other.low, self.high + other.high)

    def __neg__(self) -> Interval:
        return Interval(-self.high, -self.low)

    def __sub__(self, other: Interval) -> Interval:
        return self + (-other)

    def __mul__(self, other: Interval) -> Interval:
        products = [a * b for a in (self.low, self.high) for b in (other.low, other.high)]
        return Interval(min(products), max(products))

    def __truediv__(self, other: Interval) -> Interval:
        if other.contains(0):
            raise ZeroDivisionError(f"divisor interval {other} contains zero: quotient unbounded")
        return self * Interval(1 / other.high, 1 / other.low)

    def scale(self, factor: Number) -> Interval:
        """Multiply by an exact constant (a negative factor swaps the bounds)."""
        return self * Interval.exact(factor)

    def shift(self, offset: Number) -> Interval:
        return self + Interval.exact(offset)

    def contains(self, value: Number) -> bool:
        point = value if isinstance(value, Fraction) else Interval.exact(value).low
        return self.low <= point <= self.high

    def overlaps(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high

    def gap(self, other: Interval) -> Fraction:
        """How far apart two intervals are; 0 when they overlap."""
        return max(Fraction(0), other.low - self.high, self.low - other.high)

    def __str__(self) -> str:
        return f"[{float(self.low):g}, {float(self.high):g}]"
