import pytest

from extraction.numbers import NotAFigure, parse_cell, parse_figure


@pytest.mark.parametrize(
    ("text", "value", "decimals"),
    [
        ("26,444", 26444, 0),
        ("(1,885)", -1885, 0),
        ("+767", 767, 0),
        ("-867", -867, 0),
        ("+0", 0, 0),
        ("30.0", 30.0, 1),
        ("(0.01)", -0.01, 2),
        ("5,906", 5906, 0),
    ],
)
def test_amounts_keep_sign_and_printed_precision(text, value, decimals):
    figure = parse_figure(text)
    assert figure.value == value
    assert figure.decimals == decimals
    assert not figure.is_percent


def test_parenthesized_percent_is_negative():
    figure = parse_figure("(20.8%)")
    assert (figure.value, figure.decimals, figure.is_percent) == (-20.8, 1, True)


def test_percent_with_space_before_sign():
    assert parse_figure("6.1 %").is_percent


def test_italic_percent_beside_amount_gives_two_figures():
    share, amount = parse_cell("<i>79.4%</i> 23.8")
    assert (share.value, share.is_percent) == (79.4, True)
    assert (amount.value, amount.is_percent, amount.decimals) == (23.8, False, 1)


def test_negative_percent_and_amount_in_one_cell():
    share, amount = parse_cell("(0.1%) (0.01)")
    assert share.value == -0.1 and share.is_percent
    assert amount.value == -0.01 and amount.decimals == 2


def test_scale_words_are_read():
    assert parse_figure("30.0 billion").scale == 1
    assert parse_figure("JPY23,362 million").scale == 0
    assert parse_figure("JPY 3,263 million").value == 3263


@pytest.mark.parametrize(
    ("text", "value"),
    [("JPY 4,934", 4934), ("JPY6,336", 6336), ("(JPY18,764)", -18764), ("+JPY 8.86", 8.86)],
)
def test_yen_per_share_figures(text, value):
    figure = parse_figure(text)
    assert figure.is_jpy and figure.scale is None and figure.value == value


def test_periodicity_note_is_not_a_figure():
    figure = parse_figure("JPY 1,500 (Interim)")
    assert figure.value == 1500


@pytest.mark.parametrize(
    ("text", "value"),
    [("(13.4% YoY)", 13.4), ("(up 47.7% YoY)", 47.7), ("(down 37.5% YoY)", -37.5)],
)
def test_year_on_year_notes_carry_their_direction(text, value):
    figure = parse_figure(text)
    assert figure.note == "yoy" and figure.value == value and figure.is_percent


def test_points_change_is_not_a_percent_of_anything():
    figure = parse_figure("(+0.9 points YoY)")
    assert figure.is_points and not figure.is_percent and figure.value == 0.9


def test_amount_with_yoy_note_in_one_cell():
    amount, growth = parse_cell("JPY51,109 million (up 8.3% YoY)")
    assert amount.value == 51109 and amount.note is None
    assert growth.value == 8.3 and growth.note == "yoy"


def test_remark_figures_are_flagged():
    figures = parse_cell("1,953 (approx 70% engineers)")
    assert [(f.value, f.note) for f in figures] == [(1953, None), (70, "remark")]


@pytest.mark.parametrize("text", ["—", "-", "", "  "])
def test_nil_cells_hold_no_figure(text):
    assert parse_cell(text) == []


@pytest.mark.parametrize(
    "text", ["7/19", "10/ 1", "2009/1/7", "December 1992", "2,000 kVA Two power lines", "1Q10"]
)
def test_dates_and_prose_are_not_figures(text):
    with pytest.raises(NotAFigure):
        parse_cell(text)
