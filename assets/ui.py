"""How the assets look in the Dagster UI: a group per layer of the data flow, their owner, and
the metadata shapes several assets share.

The SQL models are grouped by their schema (`staging`, `intermediate`, `marts`), which is the
layer they belong to; the other layers are named here.
"""

from collections.abc import Iterable
from pathlib import Path

import dagster as dg

from reporting.dictionary import Meanings

SOURCES = "sources"
CHECKS = "checks"
PUBLISH = "publish"
REPORT = "report"

# Who answers for an asset (Dagster wants an email address or `team:<name>`).
OWNERS = ["team:iij-warehouse"]


def column_schema(
    table: str, columns: Iterable[tuple[str, str]], meanings: Meanings
) -> dg.TableSchema:
    """The table's columns with their types and meanings (`sql/columns.yaml` and the YAML beside
    each model)."""
    return dg.TableSchema(
        columns=[
            dg.TableColumn(name, type_name, meanings.of_column(table, name))
            for name, type_name in columns
        ]
    )


def data_docs_metadata(index: Path) -> dict[str, dg.MetadataValue]:
    """Where the Great Expectations Data Docs open: the path, and a link for the browser."""
    return {
        "data_docs": dg.MetadataValue.path(str(index)),
        "data_docs_url": dg.MetadataValue.url(index.absolute().as_uri()),
    }
