"""The data dictionary: complete, generated from the contract and the published schema, and the
copy committed in docs/ is what the generator writes today."""

import duckdb
import pytest

from reporting.dictionary import (
    COMMITTED_COPY,
    CONTRACT_COLUMNS,
    CONTRACT_DIR,
    EXAMPLES_DIR,
    Meanings,
    build_empty_warehouse,
    committed_dictionary,
    contract_columns,
    data_dictionary,
    readme_section,
    segment_tree,
    warehouse_columns,
)
from warehousing.reading import load_vocabulary


@pytest.fixture(scope="module")
def empty_warehouse(tmp_path_factory):
    database = build_empty_warehouse(tmp_path_factory.mktemp("empty"))
    with duckdb.connect(str(database), read_only=True) as connection:
        yield connection


def test_the_committed_copy_is_what_the_generator_writes():
    assert COMMITTED_COPY.read_text(encoding="utf-8") == committed_dictionary(), (
        "docs/data_dictionary.md is out of date: run `python -m reporting.dictionary`"
    )


def test_the_contract_columns_file_is_what_the_generator_writes():
    assert CONTRACT_COLUMNS.read_text(encoding="utf-8") == contract_columns(Meanings.load()), (
        "contract/columns.yaml is out of date: run `python -m reporting.dictionary`"
    )


def test_a_meaning_lists_the_values_of_its_closed_vocabulary():
    meanings = Meanings.load()
    assert meanings.of_column("fact_metric", "basis") == "`consolidated` or `non_consolidated`."
    assert meanings.of_column("dim_metric", "unit") == (
        "The unit of the metric's amounts (`JPY_million`, `percent`, `JPY`, `count`, `Gbps`)."
    )


def test_every_published_column_has_a_meaning_and_every_meaning_a_column(empty_warehouse):
    columns = warehouse_columns(empty_warehouse)
    meanings = Meanings.load()
    assert meanings.unexplained(columns) == []
    assert meanings.unused(columns) == []
    assert len({(c.schema, c.table) for c in columns}) == 14
    assert [c.schema for c in columns[:1]] == ["marts"]


def test_a_new_column_without_a_meaning_stops_the_dictionary_and_is_named(tmp_path):
    with duckdb.connect(str(build_empty_warehouse(tmp_path))) as connection:
        connection.execute("alter table marts.fact_metric add column restated boolean")
        with pytest.raises(ValueError, match=r"marts\.fact_metric\.restated"):
            data_dictionary(connection)


def test_a_table_own_meaning_overrides_the_shared_one():
    meanings = Meanings.load()
    assert meanings.of_column("check_results", "status") == "`pass`, `warn` or `fail`."
    assert meanings.of_column("stg_cells", "status").startswith("`fact` (a published figure)")
    assert meanings.of_column("fact_metric", "value").startswith("The figure, normalized")
    assert meanings.of_column("fact_metric", "no_such_column") is None


def test_the_dictionary_documents_tables_vocabulary_periods_and_examples(empty_warehouse):
    text = data_dictionary(empty_warehouse)
    assert "#### `marts.fact_metric_current`" in text
    assert "| `n_documents` | BIGINT | How many documents print this figure. |" in text
    assert "| `decimals` | INTEGER | Precision of the printed figure in `unit`" in text
    # The table meaning of a model is the comment that opens its sql/ file.
    assert "One row per reported figure, as printed in one document." in text
    vocabulary = load_vocabulary(CONTRACT_DIR)
    for metric in vocabulary.metrics.values():
        assert f"| `{metric.metric_id}` | {metric.unit} | {metric.definition} |" in text
    for segment in vocabulary.segments.values():
        assert f"| `{segment.segment_id}` | {segment.parent_segment_id or ''} |" in text
    assert "The fiscal year FYyyyy runs from April 1 of yyyy to March 31 of yyyy+1." in text
    for example in EXAMPLES_DIR.glob("*.sql"):
        assert f"### {example.stem}\n\n`sql/examples/{example.name}`\n\n```sql\n" in text
        assert example.read_text(encoding="utf-8").strip() in text


def test_segments_are_listed_each_after_the_one_it_is_part_of():
    segments = load_vocabulary(CONTRACT_DIR).segments
    order = [segment.segment_id for segment in segment_tree(segments)]
    assert order[0] == "total" and sorted(order) == sorted(segments)
    for segment in segments.values():
        if segment.parent_segment_id:
            assert order.index(segment.parent_segment_id) < order.index(segment.segment_id)
    # Depth first, parts in the order of segments.csv: a subtree is never split.
    start = order.index("connectivity_and_vas")
    assert order[start : start + 7] == [
        "connectivity_and_vas", "vas_and_other", "value_added_services", "other_revenues",
        "internet_connectivity", "dedicated_access", "dialup_access",
    ]


def test_a_missing_readme_section_is_an_error_not_an_empty_section(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# Title\n\n## Other\ntext\n", encoding="utf-8")
    assert readme_section(readme, "## Other") == "text"
    with pytest.raises(ValueError, match="has no section"):
        readme_section(readme, "## IIJ's calendar and how figures are printed")
