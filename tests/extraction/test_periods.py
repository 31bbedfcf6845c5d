from datetime import date

import pytest

from extraction.periods import parse_period, trailing_months


@pytest.mark.parametrize(
    ("label", "period_id", "period_type", "start", "end"),
    [
        ("1Q04", "FY2004-Q1", "quarter", date(2004, 4, 1), date(2004, 6, 30)),
        ("4Q10", "FY2010-Q4", "quarter", date(2011, 1, 1), date(2011, 3, 31)),
        ("1H07 (2007/4-9)", "FY2007-H1", "half", date(2007, 4, 1), date(2007, 9, 30)),
        ("2Q07 (2007/7-9)", "FY2007-Q2", "quarter", date(2007, 7, 1), date(2007, 9, 30)),
        ("1H06 (2006/4-2006/9)", "FY2006-H1", "half", date(2006, 4, 1), date(2006, 9, 30)),
        ("3Q08 (08/4~08/12)", "FY2008-9M", "nine_months", date(2008, 4, 1), date(2008, 12, 31)),
        ("3Q08 (08/10~08/12)", "FY2008-Q3", "quarter", date(2008, 10, 1), date(2008, 12, 31)),
        ("FY11 Target (11/4~12/3)", "FY2011", "fiscal_year", date(2011, 4, 1), date(2012, 3, 31)),
        ("FY12 Target (12/4 ~ 13/3)", "FY2012", "fiscal_year", date(2012, 4, 1), date(2013, 3, 31)),
        ("FY2008/1Q-3Q", "FY2008-9M", "nine_months", date(2008, 4, 1), date(2008, 12, 31)),
        ("1Q FY2011", "FY2011-Q1", "quarter", date(2011, 4, 1), date(2011, 6, 30)),
        ("September 30, 2007", "2007-09-30", "instant", date(2007, 9, 30), date(2007, 9, 30)),
        ("(as of June 2011)", "2011-06-30", "instant", date(2011, 6, 30), date(2011, 6, 30)),
        (
            "2Q10 (1month)",
            "2010-09-01/2010-09-30",
            "other",
            date(2010, 9, 1),
            date(2010, 9, 30),
        ),
        (
            "(P/L) *7 months from Sep 2010 to March 2011",
            "2010-09-01/2011-03-31",
            "other",
            date(2010, 9, 1),
            date(2011, 3, 31),
        ),
    ],
)
def test_period_labels(label, period_id, period_type, start, end):
    period = parse_period(label)
    assert period is not None
    assert (period.period_id, period.period_type, period.start, period.end) == (
        period_id,
        period_type,
        start,
        end,
    )


def test_printed_dates_win_over_a_mislabelled_year():
    # document 002 heads its FY2011 target column `FY10 Target (11/4~12/3)`
    assert parse_period("FY10 Target (11/4~12/3)").period_id == "FY2011"


@pytest.mark.parametrize("label", ["YoY", "Results", "% of Total Revenues", "2009/3", "Initial"])
def test_labels_without_a_period(label):
    assert parse_period(label) is None


def test_fiscal_year_of_a_march_instant_is_the_year_before():
    assert parse_period("March 31, 2011").fiscal_year == 2010


def test_last_quarter_of_nine_months():
    nine = parse_period("FY2008/1Q-3Q")
    assert trailing_months(nine, 3).period_id == "FY2008-Q3"
