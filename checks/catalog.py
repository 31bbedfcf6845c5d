"""What each check judges, by name: the warehouse table behind each rule and expectation suite.

Importable without Great Expectations (which takes seconds to load), so that the Dagster asset
checks can be declared when the Definitions load and GX is imported only by a run that validates.
"""

from __future__ import annotations

# The rules of checks/rules/ judge the published figures; cross_document judges which figure of
# several documents is current.
RULE_TABLES = {"cross_document": "marts.fact_metric_current"}
DEFAULT_RULE_TABLE = "marts.fact_metric"

# Tables with an expectation suite, and the columns that locate a failing row of each.
EXPECTATION_TABLES = {
    "staging.stg_cells": ("document_id", "locator"),
    "marts.fact_metric": ("document_id", "locator"),
    "marts.fact_metric_current": ("document_id", "locator"),
    "marts.dim_segment": ("segment_id",),
    "marts.dim_document": ("source_file",),
}
# The tables whose suites judge each document's rows alone (every row is one document's, and the
# key fact_metric must keep unique includes document_id): validated on the rows of the documents
# in scope, with one result per expectation and document.
DOCUMENT_EXPECTATION_TABLES = ("staging.stg_cells", "marts.fact_metric")

# Where the Great Expectations Data Docs of a run open.
DATA_DOCS_INDEX = "index.html"

# The check reporting reviewed exceptions that no longer match a failing comparison.
STALE_EXCEPTIONS_CHECK = "reviewed_exceptions"


def rule_table(rule_name: str) -> str:
    return RULE_TABLES.get(rule_name, DEFAULT_RULE_TABLE)


def table_name(table: str) -> str:
    """`marts.fact_metric` -> `fact_metric`: the model's name and asset key."""
    return table.split(".")[-1]


def expectation_check_name(table: str) -> str:
    return f"gx_{table_name(table)}"
