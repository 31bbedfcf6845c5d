"""The SQL models run on small hand-made staged extracts; every expected value worked by hand."""

from datetime import date, datetime

import duckdb
import pytest

from tests.warehousing.builds import build, document, fact, quarantined, rows
from warehousing.sql_models import Carry, build_models, load_models, order_models, parse_model

OLD = document("old", date(2006, 11, 9), datetime(2024, 1, 1, 9))
NEW = document("new", date(2007, 11, 12), datetime(2024, 1, 1, 8))


def current(connection, metric_id):
    return rows(
        connection,
        "select document_id, value, reported_text, n_documents, max_abs_discrepancy "
        "from marts.fact_metric_current where metric_id = ?",
        [metric_id],
    )


def test_current_figure_comes_from_the_latest_document_and_rounding_is_no_discrepancy(tmp_path):
    # 26,444 means [26443.5, 26444.5]; 26.4 billion means [26350, 26450]: they overlap.
    connection = build(
        tmp_path,
        [OLD, NEW],
        [fact("old", "revenues", 26444, 0, "26,444"), fact("new", "revenues", 26400, -2, "26.4")],
    )
    assert current(connection, "revenues") == [("new", 26400.0, "26.4", 2, 0.0)]


def test_discrepancy_is_the_gap_between_rounding_intervals(tmp_path):
    # 26,444 means [26443.5, 26444.5]; 26.6 billion means [26550, 26650]: gap 26550 - 26444.5.
    # 13.4% and 13.6% mean [13.35, 13.45] and [13.55, 13.65]: gap 0.1.
    connection = build(
        tmp_path,
        [OLD, NEW],
        [
            fact("old", "operating_income", 26444, 0, "26,444"),
            fact("new", "operating_income", 26600, -2, "26.6"),
            fact("old", "gross_margin_ratio", 13.4, 1, "13.4", unit="percent"),
            fact("new", "gross_margin_ratio", 13.6, 1, "13.6", unit="percent"),
        ],
    )
    assert current(connection, "operating_income") == [("new", 26600.0, "26.6", 2, 105.5)]
    assert current(connection, "gross_margin_ratio") == [("new", 13.6, "13.6", 2, 0.1)]


def test_same_date_goes_to_the_later_ingested_and_an_undated_document_counts_as_oldest(tmp_path):
    first = document("first", date(2009, 2, 12), datetime(2024, 1, 1, 10))
    second = document("second", date(2009, 2, 12), datetime(2024, 1, 1, 11))
    undated = document("undated", None, datetime(2024, 1, 1, 12))
    connection = build(
        tmp_path,
        [first, second, undated],
        [
            fact("first", "revenues", 100, 0, "100"),
            fact("second", "revenues", 100, 0, "100"),
            fact("undated", "revenues", 100, 0, "100"),
        ],
    )
    assert current(connection, "revenues") == [("second", 100.0, "100", 3, 0.0)]


def test_a_fact_outside_the_vocabulary_is_quarantined_not_published(tmp_path):
    connection = build(
        tmp_path,
        [NEW],
        [
            fact("new", "revenues", 30000, -2, "30.0"),
            fact("new", "made_up_metric", 5, 0, "5"),
            quarantined("new", "3,627 (15.5%)", "two figures in one cell"),
        ],
    )
    assert rows(connection, "select metric_id from marts.fact_metric") == [("revenues",)]
    assert rows(connection, "select raw_text, reason from marts.quarantine order by raw_text") == [
        ("3,627 (15.5%)", "two figures in one cell"),
        ("5", "metric_id not in the vocabulary: made_up_metric"),
    ]
    assert rows(connection, "select facts, quarantined from marts.dim_document") == [(1, 2)]


def test_an_unreadable_document_is_listed_with_its_error_and_quarantined_whole(tmp_path):
    broken = document("broken", None, datetime(2024, 1, 1), status="error",
                      error="broken.pdf: not a PDF")
    connection = build(tmp_path, [NEW, broken], [fact("new", "revenues", 30000, -2, "30.0")])
    assert rows(
        connection, "select document_id, status, error, facts from marts.dim_document"
    ) == [("broken", "error", "broken.pdf: not a PDF", 0), ("new", "ok", None, 1)]
    assert rows(
        connection, "select document_id, locator, raw_text, reason from marts.quarantine"
    ) == [("broken", "whole document", "broken.txt", "broken.pdf: not a PDF")]


def test_only_the_listed_documents_are_read(tmp_path):
    connection = build(
        tmp_path,
        [OLD, NEW],
        [fact("old", "revenues", 26444, 0, "26,444"), fact("new", "revenues", 26400, -2, "26.4")],
        listed=["old"],
    )
    assert rows(connection, "select document_id from marts.dim_document") == [("old",)]
    assert current(connection, "revenues") == [("old", 26444.0, "26,444", 1, 0.0)]


def test_periods_come_from_the_published_facts(tmp_path):
    instant = ("2007-09-30", "instant", date(2007, 9, 30), date(2007, 9, 30), 2007)
    connection = build(
        tmp_path,
        [NEW],
        [
            fact("new", "revenues", 30000, -2, "30.0"),
            fact("new", "cash_and_cash_equivalents", 11670, 0, "11,670", period=instant),
            fact("new", "revenues", 26444, 0, "26,444"),
        ],
    )
    assert rows(connection, "select * from marts.dim_period") == [
        ("FY2006-H1", "half", 2006, date(2006, 4, 1), date(2006, 9, 30)),
        ("2007-09-30", "instant", 2007, date(2007, 9, 30), date(2007, 9, 30)),
    ]


CONTRACT_TYPES = {
    "fact_metric": [
        ("document_id", "VARCHAR"), ("table_id", "VARCHAR"), ("metric_id", "VARCHAR"),
        ("segment_id", "VARCHAR"), ("period_id", "VARCHAR"), ("period_start", "DATE"),
        ("period_end", "DATE"), ("scenario", "VARCHAR"), ("basis", "VARCHAR"),
        ("measure", "VARCHAR"), ("unit", "VARCHAR"), ("value", "DOUBLE"),
        ("decimals", "INTEGER"), ("reported_text", "VARCHAR"), ("reported_unit", "VARCHAR"),
        ("row_label", "VARCHAR"), ("column_label", "VARCHAR"), ("locator", "VARCHAR"),
        # Where a PDF prints the figure: extensions of the contract, empty for text renderings.
        ("page", "INTEGER"), ("bbox_x0", "DOUBLE"), ("bbox_top", "DOUBLE"), ("bbox_x1", "DOUBLE"),
        ("bbox_bottom", "DOUBLE"),
    ],
    "dim_period": [
        ("period_id", "VARCHAR"), ("period_type", "VARCHAR"), ("fiscal_year", "INTEGER"),
        ("period_start", "DATE"), ("period_end", "DATE"),
    ],
}


def test_an_empty_extract_still_builds_the_contract_types(tmp_path):
    connection = build(tmp_path, [NEW], [])
    for table, columns in CONTRACT_TYPES.items():
        assert rows(
            connection,
            "select column_name, data_type from information_schema.columns "
            "where table_schema = 'marts' and table_name = ? order by ordinal_position",
            [table],
        ) == columns
    assert rows(connection, "select count(*) from marts.fact_metric_current") == [(0,)]


def test_models_are_ordered_after_what_they_read_and_schemas_follow_the_folder():
    models = load_models()
    position = {model.name: index for index, model in enumerate(models)}
    assert all(position[dep] < position[m.name] for m in models for dep in m.depends_on)
    schemas = {model.name: model.schema for model in models}
    assert schemas["stg_cells"] == "staging"
    assert schemas["int_facts"] == "intermediate"
    assert schemas["fact_metric_current"] == "marts"
    assert {m.name for m in models if m.parameters} == {
        "stg_cells", "stg_documents", "stg_metrics", "stg_segments",
    }


def test_a_reference_to_a_missing_model_or_the_wrong_schema_is_refused():
    misplaced = parse_model("fact_x", "marts", "select * from marts.int_facts")
    int_facts = parse_model("int_facts", "intermediate", "select 1 as x")
    with pytest.raises(ValueError, match="reads marts.int_facts, but int_facts is not in marts"):
        order_models({"fact_x": misplaced, "int_facts": int_facts})
    # A table named in a comment is not a dependency.
    orphan = parse_model("fact_x", "marts", "-- unlike marts.dim_metric\nselect * from marts.ghost")
    assert orphan.depends_on == ("ghost",)
    with pytest.raises(ValueError, match="model fact_x reads ghost, which is not a model"):
        order_models({"fact_x": orphan})


def test_every_sql_file_lies_in_a_folder_of_its_layer_or_the_examples():
    from warehousing.project import SQL_DIR
    from warehousing.sql_models import SCHEMAS

    assert not list(SQL_DIR.glob("*.sql"))
    assert {path.parent.name for path in SQL_DIR.glob("*/*.sql")} == {*SCHEMAS, "examples"}
    assert sorted(model.name for model in load_models()) == sorted(
        path.stem for schema in SCHEMAS for path in (SQL_DIR / schema).glob("*.sql")
    )


def test_a_figure_read_from_a_pdf_keeps_its_page_and_box_in_facts_and_quarantine(tmp_path):
    (tmp_path / "pdf").mkdir()
    box = {"page": 3, "bbox_x0": 412.5, "bbox_top": 188.0, "bbox_x1": 440.25, "bbox_bottom": 197.5}
    pdf = {**document("pdf", date(2006, 11, 9), datetime(2006, 11, 10)), "format": "pdf"}
    connection = build(
        tmp_path / "pdf",
        [pdf],
        [
            fact("pdf", "revenues", 30000, -2, "30.0", **box),
            {**quarantined("pdf", "n/a 12", "two figures in one cell"), **box, "page": 4},
        ],
    )
    columns = "page, bbox_x0, bbox_top, bbox_x1, bbox_bottom"
    assert rows(connection, f"select {columns} from marts.fact_metric") == [
        (3, 412.5, 188.0, 440.25, 197.5)
    ]
    assert rows(connection, f"select {columns} from marts.quarantine") == [
        (4, 412.5, 188.0, 440.25, 197.5)
    ]
    # A text rendering has no page: its figures carry none.
    (tmp_path / "text").mkdir()
    text = build(tmp_path / "text", [NEW], [fact("new", "revenues", 26444, 0, "26,444")])
    assert rows(text, f"select {columns} from marts.fact_metric") == [(None,) * 5]


def test_a_model_with_a_carry_key_keeps_the_kept_keys_rows_and_computes_the_others():
    connection = duckdb.connect()
    connection.execute("attach ':memory:' as earlier")
    connection.execute("create schema earlier.staging")
    connection.execute(
        "create table earlier.staging.cells as "
        "select * from (values ('a', 1), ('b', 2), ('gone', 3)) as rows(document_id, value)"
    )
    model = parse_model(
        "cells",
        "staging",
        "-- The cells.\n--\n-- carry_key: document_id\n"
        "select * from (values ('b', 20), ('c', 30)) as rows(document_id, value)\n"
        "where $unused is null",
    )
    assert model.carry_key == "document_id"
    carry = Carry(database="earlier", kept=("a", "b"), computes_rest=True)
    [built] = build_models(connection, [model], {"unused": None}, carry)
    # a and b from the earlier build (b's own row is not computed again), c computed
    assert built.row_count == 3
    assert rows(connection, "select * from staging.cells order by all") == [
        ("a", 1), ("b", 2), ("c", 30)
    ]


def test_a_carried_model_with_nothing_left_to_compute_does_not_run_its_query():
    connection = duckdb.connect()
    connection.execute("attach ':memory:' as earlier")
    connection.execute("create schema earlier.staging")
    connection.execute("create table earlier.staging.cells as select 'a' as document_id, 1 as v")
    # the query would fail: read_parquet reads at least one file
    model = parse_model(
        "cells", "staging", "-- carry_key: document_id\nselect * from read_parquet($cell_files)"
    )
    carry = Carry(database="earlier", kept=("a",), computes_rest=False)
    [built] = build_models(connection, [model], {"cell_files": []}, carry)
    assert rows(connection, "select * from staging.cells") == [("a", 1)]
    assert built.row_count == 1


def test_the_staged_cells_are_the_model_carried_per_document():
    stg_cells = next(model for model in load_models() if model.name == "stg_cells")
    assert stg_cells.carry_key == "document_id"
    assert [model.name for model in load_models() if model.carry_key] == ["stg_cells"]
