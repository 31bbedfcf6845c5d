"""The whole pipeline, run as `make run` runs it (`python -m pipelines.cli`), in a temporary
inbox, warehouse and Dagster instance: the five embedded decks plus two files no reader can read.
"""



from pipelines.cli import HELD_BACK_EXIT
from tests.integration.inboxes import (
    CONTRACT_COLUMNS,
    ROOT,
    Pipeline,
    assert_hand_read_figures_published,
    published_state,
)
from warehousing.inbox import list_inbox

SOURCES = sorted(path.name for path in (ROOT / "sources").glob("*.txt"))
def facts(pipeline: Pipeline) -> list[tuple]:
    return pipeline.query("select * from marts.fact_metric order by all")


def test_the_warehouse_has_every_contract_table_with_its_types(pipeline):
    for table, expected in CONTRACT_COLUMNS.items():
        columns = dict(
            pipeline.query(
                "select column_name, data_type from information_schema.columns "
                "where table_schema = 'marts' and table_name = ?",
                [table],
            )
        )
        assert {name: columns.get(name) for name in expected} == expected, table
    assert pipeline.query("select count(*) from marts.dim_metric")[0][0] >= 50


def test_each_marts_table_is_also_published_as_parquet(pipeline):
    parquet = pipeline.warehouse.parent / "parquet"
    for table in CONTRACT_COLUMNS:
        [(in_duckdb,)] = pipeline.query(f"select count(*) from marts.{table}")
        [(in_parquet,)] = pipeline.query(
            "select count(*) from read_parquet(?)", [str(parquet / table / "*.parquet")]
        )
        assert in_parquet == in_duckdb, table


def test_unreadable_files_are_documents_in_error_and_the_five_decks_publish(pipeline):
    documents = {
        source: (status, error, count)
        for source, status, error, count in pipeline.query(
            "select source_file, status, error, facts from marts.dim_document"
        )
    }
    assert sorted(documents) == sorted([*SOURCES, "empty.txt", "random.pdf"])
    for source in SOURCES:
        status, error, count = documents[source]
        assert (status, error) == ("ok", None) and count > 50, source
    assert documents["empty.txt"][:2] == ("error", "empty.txt: empty file")
    status, error, _ = documents["random.pdf"]
    assert status == "error" and error.startswith("random.pdf: ")
    published_from = pipeline.query(
        "select distinct source_file from marts.fact_metric join marts.dim_document "
        "using (document_id) order by source_file"
    )
    assert published_from == [(source,) for source in SOURCES]
    assert "[7/7]" in pipeline.first_output and "empty.txt: empty file" in pipeline.first_output


def test_the_hand_read_figures_are_published(pipeline):
    assert_hand_read_figures_published(pipeline)


def test_a_rerun_publishes_the_same_facts(pipeline):
    before = facts(pipeline)
    ingested_before = pipeline.query("select document_id, ingested_at from marts.dim_document")
    # full_refresh_job: every document, the build and the publish in one run.
    rerun = pipeline.cli("refresh")
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert facts(pipeline) == before
    assert pipeline.query("select document_id, ingested_at from marts.dim_document") == (
        ingested_before
    )


def test_a_failed_run_leaves_the_published_warehouse_untouched(pipeline):
    before = published_state(pipeline)
    document_id = next(i for i, path in list_inbox(pipeline.inbox).items() if path.suffix == ".txt")
    staged = pipeline.staging / "documents" / f"{document_id}.parquet"
    good_bytes = staged.read_bytes()
    staged.write_bytes(b"not parquet")
    try:
        failed = pipeline.cli("build")
    finally:
        staged.write_bytes(good_bytes)
    assert failed.returncode == 1
    assert "build_warehouse_job" in failed.stdout and "RUN FAILED" in failed.stdout
    assert published_state(pipeline) == before
    assert not any((pipeline.warehouse.parent / ".build").iterdir())


INCONSISTENT_DECK = """Internet Initiative Japan Inc.

Inconsistent Results of FY2007

2007.11.12

Consolidated Statements of Income

Unit: JPY million

\t1H07
Total Revenues\t30,000
Cost of Revenues\t20,000
Gross Margin\t9,000
"""


def test_a_deck_failing_a_blocking_check_is_held_back_and_the_others_publish(pipeline):
    before = facts(pipeline)
    # 30,000 - 20,000 is not 9,000 at any rounding: the gross margin identity must fail.
    deck = pipeline.inbox / "inconsistent.txt"
    deck.write_text(INCONSISTENT_DECK)
    try:
        held = pipeline.cli("run")
    finally:
        deck.unlink()
    assert held.returncode == HELD_BACK_EXIT, held.stdout + held.stderr
    assert facts(pipeline) == before
    assert "HELD BACK inconsistent.txt" in held.stdout
    [(status, reason)] = pipeline.query(
        "select status, held_back_reason from marts.dim_document where source_file = ?",
        ["inconsistent.txt"],
    )
    assert status == "held_back"
    assert "gross_margin = revenues - cost_of_revenues INCONSISTENT" in reason
    assert "gross_margin FY2007-H1 printed 9,000 (inconsistent.txt line 14" in reason
    failed_rules = pipeline.query(
        "select distinct checks.rule from marts.check_results as checks "
        "join marts.dim_document as documents using (document_id) "
        "where documents.source_file = ? and checks.status = 'fail' "
        "and checks.severity = 'held_back'",
        ["inconsistent.txt"],
    )
    assert ("gross_margin = revenues - cost_of_revenues",) in failed_rules
    assert not any((pipeline.warehouse.parent / ".build").iterdir())


def test_the_vocabulary_review_names_the_unknown_labels_of_the_published_decks(pipeline):
    """`Equity Method Investees` heads the subsidiaries table of two decks (002 at line 750, 004
    at line 548) beside an ownership percent: a row label the vocabulary does not know, one
    quarantined cell in each, nearest the metric of equity-method income."""
    review = pipeline.warehouse.parent / "vocabulary_review.md"
    ids = dict(pipeline.query("select source_file, document_id from marts.dim_document"))
    [row] = [line for line in review.read_text(encoding="utf-8").splitlines()
             if line.startswith("| Equity Method Investees |")]
    label, cells, documents, nearest, where = (cell.strip() for cell in row.strip("|").split("|"))
    assert (cells, documents) == ("2", "2")
    assert "(metric `equity_in_net_income_of_investees`)" in nearest
    assert set(where.split("; ")) == {
        f"{ids['002_e7c2936d94a99355.txt']}: line 750",
        f"{ids['004_ad6f01a31b09bdb7.txt']}: line 548",
    }
    [(quarantined,)] = pipeline.query(
        "select count(*) from marts.quarantine where row_label = 'Equity Method Investees' "
        "and starts_with(reason, 'unknown row label')"
    )
    assert quarantined == 2
    assert f"vocabulary:  {review}" in pipeline.first_output
