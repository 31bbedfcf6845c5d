"""The SQL models in `sql/`: one `select` per file, run in dependency order in one connection.

A model's file stem is its table name (and its Dagster asset key). Its schema follows dbt's
naming: `stg_*` in `staging`, `int_*` in `intermediate`, everything else in `marts`. Its
dependencies are the `schema.table` names it reads; its inputs from outside the warehouse are
`$name` parameters, bound at run time. The comment lines that open the file describe it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from graphlib import TopologicalSorter
from pathlib import Path

import duckdb

from pipelines.preview import PREVIEW_ROWS
from pipelines.settings import PROJECT_ROOT

SQL_DIR = PROJECT_ROOT / "sql"
# The warehouse's models, named here rather than found by listing sql/, so that loading the
# Definitions lists no folder; a test keeps this tuple and the files of sql/ in step.
MODEL_NAMES = (
    "stg_cells",
    "stg_documents",
    "stg_metrics",
    "stg_segments",
    "int_facts",
    "dim_document",
    "dim_metric",
    "dim_period",
    "dim_segment",
    "fact_metric",
    "fact_metric_current",
    "quarantine",
)
SCHEMAS = ("staging", "intermediate", "marts")
SCHEMA_BY_PREFIX = {"stg_": "staging", "int_": "intermediate"}
REFERENCE = re.compile(r"\b(staging|intermediate|marts)\.([a-z_][a-z0-9_]*)\b")
PARAMETER = re.compile(r"\$([a-z_][a-z0-9_]*)\b")
LINE_COMMENT = re.compile(r"--[^\n]*")


@dataclass(frozen=True)
class SqlModel:
    name: str
    schema: str
    sql: str
    description: str
    depends_on: tuple[str, ...]
    parameters: tuple[str, ...]

    @property
    def table(self) -> str:
        return f"{self.schema}.{self.name}"


@dataclass(frozen=True)
class BuiltModel:
    """A model's table once built: its size, columns and first rows."""

    model: SqlModel
    row_count: int
    columns: tuple[tuple[str, str], ...]
    first_rows: list[tuple]


def schema_for(name: str) -> str:
    return next(
        (schema for prefix, schema in SCHEMA_BY_PREFIX.items() if name.startswith(prefix)),
        "marts",
    )


def parse_model(name: str, sql: str) -> SqlModel:
    code = LINE_COMMENT.sub("", sql)
    references = set(REFERENCE.findall(code))
    for schema, table in sorted(references):
        if schema_for(table) != schema:
            raise ValueError(f"model {name} reads {schema}.{table}, but {table} is not in {schema}")
    return SqlModel(
        name=name,
        schema=schema_for(name),
        sql=sql.strip(),
        description=_leading_comment(sql),
        depends_on=tuple(sorted({table for _, table in references})),
        parameters=tuple(sorted(set(PARAMETER.findall(code)))),
    )


def load_models(sql_dir: Path = SQL_DIR) -> list[SqlModel]:
    """The models, in an order where every model comes after those it reads."""
    models = {
        name: parse_model(name, (sql_dir / f"{name}.sql").read_text()) for name in MODEL_NAMES
    }
    return order_models(models)


def order_models(models: Mapping[str, SqlModel]) -> list[SqlModel]:
    sorter: TopologicalSorter[str] = TopologicalSorter()
    for name in sorted(models):
        model = models[name]
        for dependency in model.depends_on:
            if dependency not in models:
                raise ValueError(f"model {name} reads {dependency}, which is not a model in sql/")
        sorter.add(name, *model.depends_on)
    return [models[name] for name in sorter.static_order()]


def build_models(
    connection: duckdb.DuckDBPyConnection,
    models: list[SqlModel],
    parameters: Mapping[str, object],
) -> Iterator[BuiltModel]:
    """Create every model's table, in order, yielding each as soon as it is built."""
    for schema in SCHEMAS:
        connection.execute(f"create schema if not exists {schema}")
    for model in models:
        missing = [name for name in model.parameters if name not in parameters]
        if missing:
            raise ValueError(f"model {model.name} needs parameters {missing}")
        connection.execute(
            f"create or replace table {model.table} as\n{model.sql}",
            {name: parameters[name] for name in model.parameters},
        )
        yield describe_table(connection, model)


def describe_table(connection: duckdb.DuckDBPyConnection, model: SqlModel) -> BuiltModel:
    relation = connection.table(model.table)
    [(row_count,)] = connection.execute(f"select count(*) from {model.table}").fetchall()
    return BuiltModel(
        model=model,
        row_count=row_count,
        columns=tuple(zip(relation.columns, map(str, relation.types), strict=True)),
        first_rows=relation.limit(PREVIEW_ROWS).fetchall(),
    )


def _leading_comment(sql: str) -> str:
    lines = []
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        lines.append(line.removeprefix("--").strip())
    return " ".join(lines)
