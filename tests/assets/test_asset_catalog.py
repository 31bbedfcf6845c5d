"""What the Dagster UI shows of every asset before anything runs: a description, a group per
layer of the data flow, kinds and an owner; and every asset check is described."""

import pytest

from assets.models import MODELS
from assets.ui import OWNERS
from pipelines.definitions import defs

# The layers in the order data flows through them.
LAYERS = ("sources", "staging", "intermediate", "marts", "checks", "publish", "report")
GRAPH = defs.resolve_asset_graph()
NODES = {node.key.to_user_string(): node for node in GRAPH.asset_nodes}


def test_the_catalog_has_every_layer_and_the_assets_users_look_for():
    assert {node.group_name for node in NODES.values()} == set(LAYERS)
    assert {"document_extracts", "fact_metric_current", "check_results", "published_warehouse",
            "revenues_and_margins_chart", "data_dictionary"} <= set(NODES)


@pytest.mark.parametrize("name", sorted(NODES))
def test_every_asset_is_described_grouped_by_layer_with_kinds_and_an_owner(name):
    node = NODES[name]
    assert node.description and len(node.description) > 30, name
    assert node.group_name in LAYERS
    assert node.kinds and node.kinds <= {
        "python", "pdf", "parquet", "duckdb", "sql", "greatexpectations", "matplotlib", "markdown",
    }
    assert list(node.owners) == OWNERS


def test_each_sql_model_is_grouped_by_its_schema_and_names_its_table():
    for model in MODELS:
        node = NODES[model.name]
        assert node.group_name == model.schema
        assert node.metadata["dagster/table_name"] == f"{model.schema}.{model.name}"


def test_the_groups_follow_the_data_flow():
    """An asset reads only from its own layer or earlier ones, so the groups read left to right."""
    for name, node in NODES.items():
        for parent in node.parent_keys:
            parent_layer = LAYERS.index(NODES[parent.to_user_string()].group_name)
            assert parent_layer <= LAYERS.index(node.group_name), (name, parent)


def test_every_asset_check_is_described():
    checks = list(GRAPH.asset_check_keys)
    assert len(checks) >= 10
    for key in checks:
        description = GRAPH.get_check_spec(key).description
        assert description and len(description) > 20, key
