"""The PDF reader on slide decks rendered from the five text documents, and on files it refuses."""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import date
from functools import cache

import pytest

from extraction.document_meta import COMPANY_NAME
from extraction.model import DocumentError, RawDocument, RawTable
from extraction.pdf_layout import (
    Line,
    Word,
    find_borderless_tables,
    group_lines,
    is_figure,
    phrase_text,
    text_bands,
)
from tests.pdf_fixtures.bad_files import BAD_FILE_BUILDERS
from tests.pdf_fixtures.cache import rendered_deck, source_documents
from tests.pdf_fixtures.render import STYLES
from tests.pdf_fixtures.slides import is_numeric_text, strip_italic_tags
from warehousing.reading import read_document

SOURCES = {path.name[:3]: path for path in source_documents()}


@cache
def pdf_document(document: str, style: str) -> RawDocument:
    return read_document(rendered_deck(SOURCES[document], style))


def table_with_label(document: RawDocument, label: str) -> RawTable:
    return next(t for t in document.tables if any(r.cells[0] == label for r in t.rows))


def row_with_label(table: RawTable, label: str) -> tuple[str, ...]:
    return next(row.cells for row in table.rows if row.cells[0] == label)


@pytest.mark.parametrize("style", STYLES)
def test_balance_sheet_row_is_read_cell_by_cell(style):
    balance_sheet = table_with_label(pdf_document("000", style), "Cash")

    assert row_with_label(balance_sheet, "Cash") == ("Cash", "11,670", "13,555", "(1,885)", "")
    assert row_with_label(balance_sheet, "Accumulated Deficit") == (
        "Accumulated Deficit", "(21,100)", "(24,271)", "+3,171", "",
    )
    assert balance_sheet.rows[0].cells == (
        "", "September 30, 2007", "March 31, 2007", "Changes", "",
    )
    assert balance_sheet.context[-3:] == (
        "Consolidated Balance Sheets", "Internet Initiative Japan", "Unit: JPY million",
    )
    # the notes at the foot of the slide before, as the text reader gives them
    text_balance_sheet = table_with_label(read_document(SOURCES["000"]), "Cash")
    assert balance_sheet.context == text_balance_sheet.context
    assert balance_sheet.context[0] == "- Network Infrastructure Integration"


@pytest.mark.parametrize("style", STYLES)
def test_wrapped_note_cell_is_joined_into_one_cell(style):
    balance_sheet = table_with_label(pdf_document("000", style), "Cash")

    assert row_with_label(balance_sheet, "Borrowings (Short-term)")[-1] == (
        "Increase in short-term borrowings of JPY 4,310 million for the acquisition of "
        "subsidiary shares from minority shareholders"
    )


@pytest.mark.parametrize("style", STYLES)
def test_two_line_header_cells_are_joined_and_italic_percent_kept(style):
    results = table_with_label(pdf_document("000", style), "Total Costs")

    assert results.rows[0].cells == (
        "",
        "<i>% of Revenues</i> 1H07 (2007/4-9)",
        "<i>% of Revenues</i> 1H06 (2006/4-9)",
        "YoY",
    )
    assert row_with_label(results, "Total Costs") == (
        "Total Costs", "<i>79.4%</i> 23.8", "<i>81.6%</i> 21.6", "10.3%",
    )
    assert results.context[-2:] == (
        "Consolidated Financial Results for 1H07",
        "Unit: JPY billion excluding net income per share",
    )


@pytest.mark.parametrize("style", STYLES)
def test_two_header_rows_keep_their_empty_cells(style):
    results = table_with_label(pdf_document("001", style), "Operating Income")

    assert results.rows[0].cells == (
        "", "1H06 (2006/4-2006/9)", "", "", "1H05 (2005/4-2005/9)", "", "YoY",
    )
    assert results.rows[1].cells == (
        "", "Initial Targets", "Results", "% of Total Revenues", "Results",
        "% of Total Revenues", "",
    )
    assert row_with_label(results, "Total Costs") == (
        "Total Costs", "-", "21,582", "81.6%", "17,991", "82.5%", "+20.0%",
    )


@pytest.mark.parametrize("style", STYLES)
def test_running_header_and_footer_are_left_out(style):
    document = pdf_document("000", style)
    printed = [
        text
        for table in document.tables
        for text in (*table.context, *(cell for row in table.rows for cell in row.cells))
    ]

    assert document.pages == 20
    assert not [text for text in printed if "Copyright" in text]
    # The cover prints the company name once in the body (the first table's context, as in the
    # text rendering); the header on 20 pages is gone.
    assert printed.count(COMPANY_NAME) == 1
    assert document.tables[0].context[0] == COMPANY_NAME
    assert document.text_lines.count(COMPANY_NAME) == 1
    assert not [line for line in document.text_lines if line.startswith("Copyright (C)")]
    assert not [line for line in document.text_lines if line.isdigit()]  # page numbers


def test_document_facts_come_from_the_bytes_and_the_cover():
    path = rendered_deck(SOURCES["000"], "ruled")
    document = pdf_document("000", "ruled")

    assert document.source_file == path.name
    assert document.format == "pdf"
    assert document.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert document.title == "1st Half of FY2007 Consolidated Financial Results"
    assert document.document_date == date(2007, 11, 12)
    balance_sheet = table_with_label(document, "Cash")
    assert balance_sheet.locator.startswith("page 16, table 1 (x0=")
    assert balance_sheet.rows[1].locator == "page 16, table 1, row 2"
    assert [table.index for table in document.tables] == list(range(len(document.tables)))


def numeric_cells(document: RawDocument) -> Counter[str]:
    return Counter(
        strip_italic_tags(cell).strip()
        for table in document.tables
        for row in table.rows
        for cell in row.cells
        if is_numeric_text(cell)
    )


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("document", sorted(SOURCES))
def test_numeric_cells_match_the_text_reader(document, style):
    from_pdf = numeric_cells(pdf_document(document, style))
    from_text = numeric_cells(read_document(SOURCES[document]))

    differences = [
        *(f"only in PDF: {text} x{n}" for text, n in (from_pdf - from_text).items()),
        *(f"only in text: {text} x{n}" for text, n in (from_text - from_pdf).items()),
    ]
    assert not differences, "\n".join(differences)
    assert sum(from_text.values()) > 20


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("document", sorted(SOURCES))
def test_tables_and_context_match_the_text_reader(document, style):
    """Same tables, same cells (text cells stripped, ragged rows padded), and the PDF context is
    the end of the text context: the same text in the same order, the nearest line the same (a
    wrapped line ending well short of the text's right edge reads as a paragraph's last)."""
    pdf_tables = pdf_document(document, style).tables
    text_tables = read_document(SOURCES[document]).tables

    assert len(pdf_tables) == len(text_tables)
    for pdf_table, text_table in zip(pdf_tables, text_tables, strict=True):
        width = max(len(row.cells) for row in text_table.rows)
        expected = [
            tuple(cell.strip() for cell in row.cells) + ("",) * (width - len(row.cells))
            for row in text_table.rows
        ]
        assert [row.cells for row in pdf_table.rows] == expected, pdf_table.locator
        assert pdf_table.context[-1] == text_table.context[-1], pdf_table.locator
        assert " ".join(text_table.context).endswith(" ".join(pdf_table.context))


BAD_FILE_REASONS = {
    "scanned": "no text layer; OCR is not supported",
    "encrypted": "password-protected",
    "truncated": "truncated or corrupt PDF",
    "random-bytes": "not a PDF",
    "empty": "empty file",
}


@pytest.mark.parametrize("kind", sorted(BAD_FILE_BUILDERS))
def test_bad_files_raise_document_error_naming_file_and_reason(kind, tmp_path):
    path = BAD_FILE_BUILDERS[kind](tmp_path / f"deck-{kind}.pdf")

    with pytest.raises(DocumentError) as raised:
        read_document(path)

    assert raised.value.source_file == f"deck-{kind}.pdf"
    assert BAD_FILE_REASONS[kind] in raised.value.reason
    assert str(raised.value).startswith(f"deck-{kind}.pdf: ")


def test_too_many_pages_is_refused_and_the_limit_itself_accepted():
    path = rendered_deck(SOURCES["000"], "borderless")

    with pytest.raises(DocumentError, match=r"too many pages: 20 \(the limit is 19\)"):
        read_document(path, max_pages=19)
    assert read_document(path, max_pages=20).pages == 20


def test_missing_file_is_a_document_error(tmp_path):
    with pytest.raises(DocumentError, match="cannot read file"):
        read_document(tmp_path / "absent.pdf")


def word(
    text: str, x0: float, top: float, size: float = 9.0, italic: bool = False, font: str = ""
) -> Word:
    return Word(text, x0, x0 + 6 * len(text), top, top + size, size, italic, font=font)


def test_italic_runs_are_marked_like_the_text_renderings():
    words = [word("79.4%", 0, 0, italic=True), word("23.8", 40, 0), word("(x", 70, 0, italic=True),
             word("y)", 90, 0, italic=True)]

    assert phrase_text(words) == "<i>79.4%</i> 23.8 <i>(x y)</i>"


def test_a_word_broken_after_its_hyphen_is_joined_back_but_dashes_are_not():
    """Chromium breaks `Value-added` after the hyphen in a narrow cell; a dash standing alone
    (a bullet, a nil figure) or a hyphen inside one line keeps its space."""
    broken = [word("Value-", 10, 0), word("added", 10, 11), word("Services", 50, 11)]
    bullet = [word("Revenues", 10, 0), word("-", 10, 11), word("Total", 22, 11)]
    trailing_dash = [word("Total", 10, 0), word("-", 50, 0), word("Net", 10, 11)]
    same_line = [word("front-", 10, 0), word("and", 50, 0), word("back-end", 80, 0)]

    assert phrase_text(broken) == "Value-added Services"
    assert phrase_text(bullet) == "Revenues - Total"
    assert phrase_text(trailing_dash) == "Total - Net"
    assert phrase_text(same_line) == "front- and back-end"


def test_borderless_table_takes_label_only_rows_and_leaves_text_apart():
    lines = group_lines([
        word("Unit: JPY million", 10, 0, size=11),
        word("Domestic CAPEX", 10, 30),
        word("1H11", 10, 47), word("2.6", 200, 47),
        word("1H12", 10, 64), word("1.6", 200, 64),
        word("Notes below the table", 10, 100, size=11),
    ])

    tables, text = find_borderless_tables(text_bands(lines))

    assert [table.rows for table in tables] == [
        (("Domestic CAPEX", ""), ("1H11", "2.6"), ("1H12", "1.6"))
    ]
    assert [line.text for line in text] == ["Unit: JPY million", "Notes below the table"]
    assert all(isinstance(line, Line) for line in text)


def test_tightly_set_rows_are_split_and_a_wrapped_label_joined():
    """Rows at line leading (no padding between them): each line with figures opens a row, a
    label that wrapped (its next word would not fit the label column) continues its row."""
    pitch = 10.0
    lines = group_lines([
        word("Unit: JPY million", 10, 0, size=11),
        word("Revenues", 10, 30), word("1,000", 150, 30), word("2,000", 220, 30),
        word("Income", 10, 30 + pitch), word("before", 48.5, 30 + pitch),
        word("Tax", 87, 30 + pitch), word("300", 162, 30 + pitch), word("400", 232, 30 + pitch),
        word("Expense", 10, 30 + 2 * pitch),
        word("Net", 10, 30 + 3 * pitch), word("Income", 30.5, 30 + 3 * pitch),
        word("100", 162, 30 + 3 * pitch), word("200", 232, 30 + 3 * pitch),
    ])

    tables, text = find_borderless_tables(text_bands(lines))

    assert [table.rows for table in tables] == [(
        ("Revenues", "1,000", "2,000"),
        ("Income before Tax Expense", "300", "400"),
        ("Net Income", "100", "200"),
    )]
    assert [line.text for line in text] == ["Unit: JPY million"]


LEADING = 9.75  # Chromium's line pitch for 8.8-point Liberation Serif
PADDING = 1.5  # 1px above and below a cell


def test_rows_at_line_leading_are_parted_by_their_cell_padding():
    """Cells centred vertically in rows set at bare leading (1px padding): the description's
    lines and the two-line label interleave with the figures' line; the padding alone parts
    the rows."""
    second = 100 + 3 * LEADING + PADDING
    lines = group_lines([
        word("Increasing mainly", 262, 100, 8.8),
        word("Total Revenues", 36, 100 + LEADING, 8.8), word("25,000", 160, 100 + LEADING, 8.8),
        word("due to favorable", 262, 100 + LEADING, 8.8),
        word("trends", 262, 100 + 2 * LEADING, 8.8),
        word("Income before", 36, second, 8.8),
        word("2,600", 166, second + LEADING / 2, 8.8),
        word("Decreasing", 262, second + LEADING / 2, 8.8),
        word("Income Tax", 36, second + LEADING, 8.8),
    ])

    tables, _ = find_borderless_tables(text_bands(lines))

    assert [table.rows for table in tables] == [(
        ("Total Revenues", "25,000", "Increasing mainly due to favorable trends"),
        ("Income before Income Tax", "2,600", "Decreasing"),
    )]


def profile_lines(font: str) -> list[Word]:
    """A table of text whose cells never wrap, its rows one leading plus padding apart."""
    pitch = LEADING + PADDING
    return [
        word(text, x0, 60 + row * pitch, 8.8, font=font)
        for row, cells in enumerate([
            ("Established", "December 1992", "Tokyo"),
            ("Listed Markets", "NASDAQ and TSE", "New York and Tokyo"),
        ])
        for text, x0 in zip(cells, (36, 212, 387), strict=True)
    ]


def wrapped_label_lines(font: str) -> list[Word]:
    """A table row whose label wraps: it shows the leading of its type."""
    return [
        word("Gross Margin", 36, 0, 8.8, font=font), word("1,000", 212, 0, 8.8, font=font),
        word("Ratio", 36, LEADING, 8.8, font=font),
    ]


def test_rows_whose_cells_never_wrap_are_parted_by_the_leading_of_their_type():
    """The profile table shows only its row pitch; the leading measured in another table of
    the same font and size tells it holds padding, so each line is a row. Measured in another
    font, that leading says nothing about this table: its lines stay one band, not a table."""
    same_face = group_lines([*wrapped_label_lines("Serif"), *profile_lines("Serif")])
    other_face = group_lines([*wrapped_label_lines("Sans"), *profile_lines("Serif")])

    tables, _ = find_borderless_tables(text_bands(same_face))
    unsure, text = find_borderless_tables(text_bands(other_face))

    assert [table.rows for table in tables] == [(
        ("Established", "December 1992", "Tokyo"),
        ("Listed Markets", "NASDAQ and TSE", "New York and Tokyo"),
    )]
    assert unsure == []
    assert len(text) == 4


def test_rows_of_figures_with_units_set_without_padding_are_one_row_a_line():
    """A summary set at bare leading, no cell wrapping: `30.0 billion` and `(13.4% YoY)` are
    figures as the interpreter reads them, and figures never continue a cell."""
    lines = group_lines([
        word(text, x0, 60 + row * LEADING, 8.8)
        for row, cells in enumerate([
            ("- Total Revenues", "30.0 billion", "(13.4% YoY)"),
            ("- Operating Income", "1.8 billion", "(32.5% YoY)"),
            ("- Net Income", "JPY 900 million", "(up 5.0% YoY)"),
        ])
        for text, x0 in zip(cells, (36, 212, 387), strict=True)
    ])

    tables, _ = find_borderless_tables(text_bands(lines))

    assert [table.rows for table in tables] == [(
        ("- Total Revenues", "30.0 billion", "(13.4% YoY)"),
        ("- Operating Income", "1.8 billion", "(32.5% YoY)"),
        ("- Net Income", "JPY 900 million", "(up 5.0% YoY)"),
    )]


@pytest.mark.parametrize(
    ("text", "figure"),
    [("1,885", True), ("(1,885)", True), ("-", True), ("30.0 billion", True),
     ("JPY11,021 million", True), ("(13.4% YoY)", True), ("7/3", False), ("FY2008", False),
     ("1H06 (2006/4-2006/9)", False), ("(2006/4-2006/9)", False), ("(JPY million)", False),
     ("2008 though there was a large cancellation", False)],
)
def test_figures_are_what_the_interpreter_reads_as_figures(text, figure):
    run = tuple(word(token, 10 + 40 * index, 0) for index, token in enumerate(text.split()))

    assert is_figure(run) is figure


def test_a_cell_set_close_to_the_next_column_is_parted_where_that_column_starts():
    """Columns packed tight: one line's text runs to 3.5 points (1.4 spaces) short of the next
    column. Too narrow a gap to part cells anywhere, but the next word starts where the text of
    that column starts on the other lines: there it parts the cells."""
    column = 197.5
    lines = group_lines([
        word("Sales", 10, 0), word("19.1%", 100, 0), word("Increased usage", column, 0),
        word("Costs", 10, 14), word("7.8%", 100, 14), word("Data centres", column, 14),
        word("Margin", 10, 28), word("27.6%", 100, 28), word("growth", 132, 28),
        word("rate", 170, 28), word("Hosting", column, 28),
        word("Other", 10, 42), word("1.2%", 100, 42), word("Steady", column, 42),
    ])

    tables, _ = find_borderless_tables(text_bands(lines))

    assert [table.rows for table in tables] == [(
        ("Sales", "19.1%", "Increased usage"),
        ("Costs", "7.8%", "Data centres"),
        ("Margin", "27.6% growth rate", "Hosting"),
        ("Other", "1.2%", "Steady"),
    )]


def test_right_aligned_spanning_header_goes_to_the_first_column_it_spans():
    """`1H06` printed flush right over the three columns it spans lands where the text
    renderings print it: in the first of them."""
    lines = group_lines([
        word("1H06", 226, 0), word("YoY", 292, 0),
        word("Target", 94, 14), word("Result", 154, 14), word("Share", 220, 14),
        word("Sales", 10, 28), word("100,000", 88, 28), word("120,000", 148, 28),
        word("60.000%", 208, 28), word("+5.00%", 274, 28),
        word("Costs", 10, 42), word("800,000", 88, 42), word("900,000", 148, 42),
        word("40.000%", 208, 42), word("+3.00%", 274, 42),
    ])

    tables, _ = find_borderless_tables(text_bands(lines))

    assert tables[0].rows[:2] == (
        ("", "1H06", "", "", "YoY"),
        ("", "Target", "Result", "Share", ""),
    )


def test_rows_set_without_padding_under_a_ruled_header_are_one_table():
    """Rows at bare leading (no cell padding), cells top-aligned: the rule under the header
    widens that one gap by less than a point, not enough to part the header from its table.
    The spanning header sits flush right over the second of its columns, as the headers over
    figures do; the headers over the text column sit flush left, and say nothing of that."""
    pitch, rule = 10.5, 0.9
    body = 74 + 2 * pitch + rule
    lines = group_lines([
        word("Consolidated", 39, 74), word("1H06", 256, 74), word("(JPY million)", 290, 74),
        word("Plan", 176, 74 + pitch), word("Revised", 238, 74 + pitch),
        word("Comment", 290, 74 + pitch),
        word("Total Revenues", 39, body), word("125,000", 158, body),
        word("126,400", 238, body), word("Increasing mainly", 290, body),
        word("due to favorable", 290, body + pitch),
        word("Operating Income", 39, body + 2 * pitch), word("101,000", 158, body + 2 * pitch),
        word("101,370", 238, body + 2 * pitch), word("Increasing", 290, body + 2 * pitch),
    ])

    tables, text = find_borderless_tables(text_bands(lines))

    assert [table.rows for table in tables] == [(
        ("Consolidated", "1H06", "", "(JPY million)"),
        ("", "Plan", "Revised", "Comment"),
        ("Total Revenues", "125,000", "126,400", "Increasing mainly due to favorable"),
        ("Operating Income", "101,000", "101,370", "Increasing"),
    )]
    assert text == []


def test_a_page_of_figures_alone_is_parted_by_the_space_of_the_whole_document(tmp_path):
    """Centred figures in columns as narrow as their widest figure leave gaps under an em, so
    a page of such a table alone shows no space between words to measure; the prose of the
    other pages does."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format=(400, 300))
    pdf.set_font("Times", "", 7.5)
    pdf.add_page()
    prose = "Revenues grew in every quarter of the year as the outsourcing business expanded"
    for line in range(8):
        pdf.text(40, 60 + 12 * line, prose)
    pdf.add_page()
    labels = ["Sales", "Costs", "Gross Margin", "SG&A", "Operating Income", "Net Income"]
    rows = [(label, *(f"{row + 1},{column}00" for column in range(1, 6)))
            for row, label in enumerate(labels)]
    for number, cells in enumerate(rows):
        y = 60 + 11 * number
        pdf.text(40, y, cells[0])
        for column, figure in enumerate(cells[1:]):
            centre = 135 + 22.5 * column
            pdf.text(centre - pdf.get_string_width(figure) / 2, y, figure)
    path = tmp_path / "figures.pdf"
    pdf.output(str(path))

    tables = read_document(path).tables

    assert [row.cells for row in tables[0].rows] == rows


def test_words_placed_without_space_characters_are_parted_by_their_gap(tmp_path):
    """Small type placed word by word (no space glyphs): pdfplumber's fixed 3-point tolerance
    would join `Total Revenues`; the reader parts words at gaps relative to the type size."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format=(400, 300))
    pdf.add_page()
    for y, text in ((100, "Sales"), (112, "Total Costs")):
        x = 40.0
        for token in text.split():
            pdf.set_font("Helvetica", "I" if token == "Costs" else "", 7)
            pdf.text(x, y, token)
            x += pdf.get_string_width(token + " ")
        pdf.set_font("Helvetica", "", 7)
        pdf.text(200, y, "1,000")
    path = tmp_path / "words.pdf"
    pdf.output(str(path))

    document = read_document(path)

    assert [row.cells for row in document.tables[0].rows] == [
        ("Sales", "1,000"), ("Total <i>Costs</i>", "1,000"),
    ]


def test_a_caption_at_the_foot_of_a_page_is_context_of_the_table_atop_the_next(tmp_path):
    """Flowing pages break where they must: the heading and `Unit:` line end one page, their
    table opens the next. The context runs from the previous table across the break, as in the
    text rendering; a table after another on the same page has only the lines between them."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format=(400, 300))
    pdf.set_font("Helvetica", "", 10)
    pdf.add_page()
    pdf.text(40, 40, "Results by Quarter")
    pdf.text(40, 250, "Unit: JPY million")
    pdf.add_page()
    rows = [(40, "Sales", "1,000"), (56, "Costs", "800"), (130, "Staff", "12"), (146, "Temps", "3")]
    pdf.text(40, 110, "Employees")
    for y, label, figure in rows:
        pdf.text(40, y, label)
        pdf.text(200, y, figure)
    path = tmp_path / "flowing.pdf"
    pdf.output(str(path))

    tables = read_document(path).tables

    assert [[row.cells for row in table.rows] for table in tables] == [
        [("Sales", "1,000"), ("Costs", "800")], [("Staff", "12"), ("Temps", "3")],
    ]
    assert tables[0].context == ("Results by Quarter", "Unit: JPY million")
    assert tables[-1].context == ("Employees",)


def test_a_table_running_onto_the_next_page_under_its_repeated_header_is_one_table(tmp_path):
    """A writer repeats the header rows atop each page a table runs onto; nothing is printed
    between the two parts. The text rendering has one table: so does the reader."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format=(400, 300))
    pdf.set_font("Helvetica", "", 10)
    parts = [[("Sales", "1,000", "1,200"), ("Costs", "800", "900")],
             [("Staff", "12", "14"), ("Sites", "3", "4")]]
    for number, rows in enumerate(parts):
        pdf.add_page()
        top = 200 if number == 0 else 40
        if number == 0:
            pdf.text(40, 180, "Unit: JPY million")
        for y, (label, first, second) in enumerate([("", "FY2010", "FY2011"), *rows]):
            pdf.text(40, top + 16 * y, label)
            pdf.text(200, top + 16 * y, first)
            pdf.text(280, top + 16 * y, second)
    path = tmp_path / "continued.pdf"
    pdf.output(str(path))

    tables = read_document(path).tables

    assert len(tables) == 1
    assert [row.cells for row in tables[0].rows] == [
        ("", "FY2010", "FY2011"), ("Sales", "1,000", "1,200"), ("Costs", "800", "900"),
        ("Staff", "12", "14"), ("Sites", "3", "4"),
    ]
    assert tables[0].rows[-1].locator == "page 2, table 1, row 3"
    assert tables[0].locator.endswith("continued on page 2, table 1")
    assert tables[0].context == ("Unit: JPY million",)


def test_a_word_set_in_two_faces_stays_one_word(tmp_path):
    """The numeral `Ⅲ` comes from a fallback face, the rest of `Ⅲ-1.` from the text face."""
    from pathlib import Path

    import matplotlib
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format=(400, 300))
    pdf.add_font("DejaVu", "", str(Path(matplotlib.get_data_path()) / "fonts/ttf/DejaVuSans.ttf"))
    pdf.add_page()
    pdf.set_font("DejaVu", "", 14)
    pdf.text(40, 60, "Ⅲ")
    x = 40 + pdf.get_string_width("Ⅲ")
    pdf.set_font("Helvetica", "", 14)
    pdf.text(x, 60, "-1. Reference")
    path = tmp_path / "faces.pdf"
    pdf.output(str(path))

    assert read_document(path).text_lines == ("Ⅲ-1. Reference",)
