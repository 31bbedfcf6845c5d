"""What the PDF reader refuses to call a table: prose, lists, chart grids and axes; and the text
tables of the decks it must keep."""

from __future__ import annotations

from pathlib import Path

from extraction.pdf_table_evidence import looks_like_a_table
from warehousing.reading import read_document

SOURCES = Path(__file__).resolve().parents[2] / "sources"


def test_justified_prose_cut_by_chance_gaps_is_no_table():
    rows = [
        ("In", "anticipation,", "however,", "Table", "6.12", "reproduces", "a", "list"),
        ("Manufacturing firms and investment in the food industry of", "", "", "", "", "", "", ""),
        (
            "matrix for manufacturing (Davies) which records the",
            "",
            "",
            "",
            "That matrix",
            "",
            "",
            "",
        ),
        ("of the 5 leading producers in each of the markets", "", "", "", "", "", "", ""),
    ]
    assert not looks_like_a_table(rows)


def test_a_bulleted_list_is_no_table():
    rows = [
        ("•", "Over time, we know that there has been a rise in concentration"),
        ("", "in most, if not all, member states of the union"),
        ("•", "Retail sales in aggregate grew at about two per cent a year"),
    ]
    assert not looks_like_a_table(rows)


def test_one_column_of_paragraphs_is_no_table():
    assert not looks_like_a_table([("A paragraph of text",), ("and another one",)])


def test_chart_axis_ticks_are_no_table():
    rows = [
        ("450", "450"),
        ("400", "400"),
        ("Diff 5-y CDS spread", ""),
        ("350", "350"),
        ("300", "300"),
        ("250", "250"),
    ]
    assert not looks_like_a_table(rows)


def test_an_empty_chart_grid_is_no_table():
    rows = [("Czech Republic", "", "Germany"), ("", "", ""), ("", "", ""), ("", "", "")]
    assert not looks_like_a_table(rows)


def test_figures_stepping_evenly_beside_their_labels_are_a_table():
    rows = [("Sales", "1,100", "1,200"), ("Costs", "2,100", "2,200"), ("SG&A", "3,100", "3,200")]
    assert looks_like_a_table(rows)


def test_every_table_of_the_decks_text_renderings_is_a_table():
    """Among them the service tables of long descriptions (001, 002): text cells, no figures."""
    tables = [
        [row.cells for row in table.rows]
        for source in sorted(SOURCES.glob("*.txt"))
        for table in read_document(source).tables
    ]
    assert len(tables) == 44
    assert all(looks_like_a_table(rows) for rows in tables)
