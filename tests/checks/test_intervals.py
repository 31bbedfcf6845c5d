"""Interval arithmetic over printed figures, and the SQL macros the rules use, held to it."""

from decimal import Decimal
from fractions import Fraction

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checks.intervals import Interval, snap_to_printed
from checks.rules import INTERVAL_MACROS

# A true value (up to four decimals, below a hundred billion: JPY million figures of a company a
# thousand times IIJ's size) and the precision it is printed at.
true_values = st.builds(
    Fraction, st.integers(-(10**14), 10**14), st.sampled_from([1, 10, 100, 1000, 10000])
)
precisions = st.integers(min_value=-3, max_value=3)


def exact(bound: Fraction) -> Decimal:
    """A bound as a SQL parameter: its denominator is a power of ten, so the decimal is exact."""
    return Decimal(bound.numerator) / Decimal(bound.denominator)


def printed(true_value: Fraction, decimals: int) -> Interval:
    """Round a true value as a deck would, store it as the warehouse does (a float), read it."""
    rounded = round(true_value, decimals)
    return Interval.from_reported(float(rounded), decimals)


def test_a_figure_stands_for_half_a_unit_of_its_last_printed_place_either_side():
    assert Interval.from_reported(30000.0, -2) == Interval(Fraction(29950), Fraction(30050))
    assert Interval.from_reported(13.4, 1) == Interval(Fraction("13.35"), Fraction("13.45"))
    assert Interval.from_reported(-1885, 0) == Interval(Fraction("-1885.5"), Fraction("-1884.5"))


def test_the_binary_noise_of_a_normalized_float_does_not_move_the_interval():
    noisy = 2.3 * 100  # a figure of 2.3 scaled by a hundred
    assert noisy == 229.99999999999997
    assert Interval.from_reported(noisy, 0) == Interval(Fraction("229.5"), Fraction("230.5"))
    assert snap_to_printed(0.1 + 0.2, 1) == Fraction(3, 10)


def test_the_document_001_cash_change_is_within_rounding_and_one_more_unit_is_not():
    # "Cash, End of Each Period 12,860 6,953 5,906": 12,860 - 6,953 = 5,907, yet true values
    # such as 12,859.6 - 6,953.4 = 5,906.2 print exactly so.
    difference = Interval.from_reported(12860, 0) - Interval.from_reported(6953, 0)
    assert difference == Interval(Fraction(5906), Fraction(5908))
    assert difference.overlaps(Interval.from_reported(5906, 0))
    assert not difference.overlaps(Interval.from_reported(5905, 0))
    assert difference.gap(Interval.from_reported(5905, 0)) == Fraction(1, 2)


def test_division_handles_signs_and_refuses_a_divisor_that_may_be_zero():
    loss = Interval.from_reported(-100, 0)  # Operating Income (100) in 1Q04
    revenues = Interval.from_reported(8675, 0)
    ratio = (loss / revenues).scale(100)
    assert ratio == Interval(Fraction("-100.5") / Fraction("8674.5") * 100,
                             Fraction("-99.5") / Fraction("8675.5") * 100)
    assert ratio.overlaps(Interval.from_reported(-1.2, 1))
    with pytest.raises(ZeroDivisionError):
        revenues / Interval.from_reported(0.01, 1)


@given(st.lists(st.tuples(true_values, precisions), min_size=1, max_size=8))
def test_the_true_sum_of_rounded_figures_lies_in_the_sum_of_their_intervals(figures):
    total = Interval.exact(0)
    for true_value, decimals in figures:
        total = total + printed(true_value, decimals)
    assert total.contains(sum(true_value for true_value, _ in figures))


@given(true_values, precisions, true_values, precisions)
def test_differences_products_and_quotients_contain_the_true_result(a, da, b, db):
    left, right = printed(a, da), printed(b, db)
    assert (left - right).contains(a - b)
    assert (-left).contains(-a)
    assert (left * right).contains(a * b)
    if not right.contains(0):
        assert (left / right).contains(a / b)
        # a year-on-year change in percent, as the growth rules compute it
        assert (left / right).shift(-1).scale(100).contains((a / b - 1) * 100)


@given(true_values, precisions, st.fractions(min_value=-1000, max_value=1000))
def test_scaling_by_a_negative_constant_swaps_the_bounds(a, decimals, factor):
    interval = printed(a, decimals)
    scaled = interval.scale(factor)
    assert scaled.low <= scaled.high
    assert scaled.contains(a * factor)


@given(true_values, precisions, true_values, precisions)
def test_two_intervals_overlap_exactly_when_no_gap_separates_them(a, da, b, db):
    left, right = printed(a, da), printed(b, db)
    assert left.overlaps(right) == right.overlaps(left) == (left.gap(right) == 0)
    if not left.overlaps(right):
        nearest = left.high if left.high < right.low else left.low
        assert left.gap(right) == min(abs(nearest - right.low), abs(nearest - right.high))


@pytest.fixture(scope="module")
def macros():
    connection = duckdb.connect()
    connection.execute(INTERVAL_MACROS.read_text())
    return connection


@settings(max_examples=60, deadline=None)
@given(true_values, precisions, true_values, precisions)
def test_the_sql_macros_compute_the_same_bounds_as_the_reference(macros, a, da, b, db):
    left, right = printed(a, da), printed(b, db)
    low, high, overlap, quotient = macros.execute(
        "select iv_low($value, $decimals), iv_high($value, $decimals), "
        "iv_overlap($a_low, $a_high, $b_low, $b_high), "
        "case when iv_excludes_zero($b_low, $b_high) then ["
        "iv_quotient_low($a_low, $a_high, $b_low, $b_high), "
        "iv_quotient_high($a_low, $a_high, $b_low, $b_high)] end",
        {
            "value": float(round(a, da)),
            "decimals": da,
            "a_low": exact(left.low),
            "a_high": exact(left.high),
            "b_low": exact(right.low),
            "b_high": exact(right.high),
        },
    ).fetchone()
    assert (Fraction(low), Fraction(high)) == (left.low, left.high)
    assert overlap == left.overlaps(right)
    if right.contains(0):
        assert quotient is None
    else:
        expected = left / right
        assert quotient[0] == pytest.approx(float(expected.low), rel=1e-12)
        assert quotient[1] == pytest.approx(float(expected.high), rel=1e-12)
