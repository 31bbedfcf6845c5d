"""Text from documents is shown as text wherever it is shown: in the UI's markdown metadata no
link, image, tag, emphasis or code opens, and a table keeps its cells; on the terminal no escape
sequence or control character reaches the screen."""

from reporting.preview import Markdown, code, escape_markdown, markdown_table
from reporting.summary import Coverage, WarehouseSummary, format_table, printable

HOSTILE = "[click](http://evil.example) ![pixel](http://evil.example/p.png) <img src=x> `x` |"


def test_markup_in_document_text_is_escaped_in_markdown():
    assert escape_markdown(HOSTILE) == (
        r"\[click\](http://evil.example) \!\[pixel\](http://evil.example/p.png) "
        r"\<img src=x\> \`x\` \|"
    )
    assert escape_markdown("**Total** _net_ ~~old~~ a\\b") == (
        r"\*\*Total\*\* \_net\_ \~\~old\~\~ a\\b"
    )
    # Between letters an underscore is no emphasis: names stay readable.
    assert escape_markdown("fact_metric 000_2853c62026f2b50d.txt") == (
        "fact_metric 000_2853c62026f2b50d.txt"
    )
    assert escape_markdown("two\nlines\x1b[2J") == r"two lines\\x1b\[2J"


def test_a_markdown_table_escapes_text_cells_and_keeps_the_project_s_markdown():
    table = markdown_table(
        ("column", "meaning", "value"),
        [
            (code("row_label"), Markdown("The label, as printed (`Revenues`)."), HOSTILE),
            ("a", "b", 1.5),
        ],
    )
    assert table.splitlines() == [
        "| column | meaning | value |",
        "| --- | --- | --- |",
        "| `row_label` | The label, as printed (`Revenues`). | " + escape_markdown(HOSTILE) + " |",
        "| a | b | 1.5 |",
    ]


def test_the_coverage_shown_in_the_ui_escapes_file_names_and_errors():
    name = "[deck](http://evil.example).txt"
    summary = WarehouseSummary(
        [Coverage(name, "error", 0, 0, 0, 0, 0, f"{name}: <b>empty file</b>")], None, [], []
    )
    [row] = [line for line in summary.coverage_markdown().splitlines() if "evil" in line]
    assert row.startswith(r"| \[deck\](http://evil.example).txt | error | 0 |")
    assert row.endswith(r"| \[deck\](http://evil.example).txt: \<b\>empty file\</b\> |")


def test_control_characters_and_escape_sequences_are_shown_escaped_on_the_terminal():
    name = "clear\x1b[2J\x1b[31mred\r\t\u202etxt.exe.txt"
    assert printable(name) == r"clear\x1b[2J\x1b[31mred\r\t\u202etxt.exe.txt"
    assert printable("決算説明会 FY2012.txt") == "決算説明会 FY2012.txt"
    table = format_table(("document", "error"), [(name, f"{name}: empty file")])
    assert "\x1b" not in table and "\r" not in table and "\u202e" not in table
    assert table.splitlines()[2].startswith(r"clear\x1b[2J\x1b[31mred\r\t\u202etxt.exe.txt  ")
