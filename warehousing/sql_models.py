"""The SQL models in `sql/`: one `select` per file, run in dependency order in one connection.

A model's file stem is its table name (and its Dagster asset key); the folder it is in names its
schema: `sql/staging/`, `sql/intermediate/`, `sql/marts/`. Its dependencies are the
`schema.table` names it reads; its inputs from outside the warehouse are `$name` parameters,
bound at run time. The comment lines that open the file describe it.

A model whose file names a `-- carry_key: <column>` can take rows from an earlier build instead of
computing them again (`Carry`): those of the keys that build's inputs share with this one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from graphlib import TopologicalSorter
from pathlib import Path

import duckdb

from warehousing.project import SQL_DIR

# Schemas in build order; each is a folder of sql/ holding its models.
SCHEMAS = ("staging", "intermediate", "marts")
# Rows of each built table kept for its preview in the UI.
PREVIEW_ROWS = 10
REFERENCE = re.compile(r"\b(staging|intermediate|marts)\.([a-z_][a-z0-9_]*)\b")
PARAMETER = re.compile(r"\$([a-z_][a-z0-9_]*)\b")
LINE_COMMENT = re.compile(r"--[^\n]*")
CARRY_KEY = re.compile(r"^-- carry_key: ([a-z_][a-z0-9_]*)$", re.MULTILINE)
# The keys a carried model keeps, while it is built.
KEPT_TABLE = "carried_key"


@dataclass(frozen=True)
class SqlModel:
    name: str
    schema: str
    sql: str
    description: str
    depends_on: tuple[str, ...]
    parameters: tuple[str, ...]
    # The `schema.table` names it reads, as written.
    reads: tuple[str, ...]
    # The column by which its rows can be carried from an earlier build (None: always built
    # whole).
    carry_key: str | None = None

    @property
    def table(self) -> str:
        return f"{self.schema}.{self.name}"


@dataclass(frozen=True)
class Carry:
    """Rows a build takes from an earlier build instead of computing them again.

    Each model with a carry key keeps the rows of the `kept` keys from the same table of the
    catalog `database`, attached to the connection. Its own query adds the rows of the other
    keys; with `computes_rest` False, every key is kept and the query is not run (its parameters
    would name nothing to read).
    """

    database: str
    kept: tuple[str, ...]
    computes_rest: bool


@dataclass(frozen=True)
class BuiltModel:
    """A model's table once built: its size, columns and first rows."""

    model: SqlModel
    row_count: int
    columns: tuple[tuple[str, str], ...]
    first_rows: list[tuple]


def parse_model(name: str, schema: str, sql: str) -> SqlModel:
    code = LINE_COMMENT.sub("", sql)
    references = set(REFERENCE.findall(code))
    return SqlModel(
        name=name,
        schema=schema,
        sql=sql.strip(),
        description=leading_comment(sql),
        depends_on=tuple(sorted({table for _, table in references})),
        parameters=tuple(sorted(set(PARAMETER.findall(code)))),
        reads=tuple(sorted(f"{schema}.{table}" for schema, table in references)),
        carry_key=match.group(1) if (match := CARRY_KEY.search(sql)) else None,
    )


def load_models(sql_dir: Path = SQL_DIR) -> list[SqlModel]:
    """Every model of the schema folders, in an order where each comes after those it reads."""
    models = {
        path.stem: parse_model(path.stem, schema, path.read_text())
        for schema in SCHEMAS
        for path in sorted((sql_dir / schema).glob("*.sql"))
    }
    return order_models(models)


def order_models(models: Mapping[str, SqlModel]) -> list[SqlModel]:
    sorter: TopologicalSorter[str] = TopologicalSorter()
    for name in sorted(models):
        model = models[name]
        for qualified in model.reads:
            schema, table = qualified.split(".")
            if table not in models:
                raise ValueError(f"model {name} reads {table}, which is not a model in sql/")
            if models[table].schema != schema:
                raise ValueError(f"model {name} reads {qualified}, but {table} is not in {schema}")
        sorter.add(name, *model.depends_on)
    return [models[name] for name in sorter.static_order()]


def build_models(
    connection: duckdb.DuckDBPyConnection,
    models: list[SqlModel],
    parameters: Mapping[str, object],
    carry: Carry | None = None,
) -> Iterator[BuiltModel]:
    """Create every model's table, in order, yielding each as soon as it is built; with `carry`,
    the models with a carry key keep the rows it names."""
    for schema in SCHEMAS:
        connection.execute(f"create schema if not exists {schema}")
    for model in models:
        missing = [name for name in model.parameters if name not in parameters]
        if missing:
            raise ValueError(f"model {model.name} needs parameters {missing}")
        values = {name: parameters[name] for name in model.parameters}
        if carry is not None and model.carry_key is not None:
            connection.execute(
                f"create or replace temp table {KEPT_TABLE} as "
                f"select unnest($kept::varchar[]) as {model.carry_key}",
                {"kept": list(carry.kept)},
            )
            query = carried_query(model, carry)
            values = values if carry.computes_rest else None
        else:
            query = model.sql
        connection.execute(f"create or replace table {model.table} as\n{query}", values)
        yield describe_table(connection, model)
    connection.execute(f"drop table if exists {KEPT_TABLE}")


def carried_query(model: SqlModel, carry: Carry) -> str:
    """The model's rows of the kept keys (listed in the temporary table `KEPT_TABLE`), from the
    earlier build, and, where it computes any, the others' from its own query."""
    kept = (
        f"select * from {carry.database}.{model.table}\n"
        f"semi join {KEPT_TABLE} using ({model.carry_key})"
    )
    if not carry.computes_rest:
        return kept
    return (
        f"{kept}\nunion all by name\n"
        f"select * from (\n{model.sql}\n)\nanti join {KEPT_TABLE} using ({model.carry_key})"
    )


def describe_table(connection: duckdb.DuckDBPyConnection, model: SqlModel) -> BuiltModel:
    relation = connection.table(model.table)
    [(row_count,)] = connection.execute(f"select count(*) from {model.table}").fetchall()
    return BuiltModel(
        model=model,
        row_count=row_count,
        columns=tuple(zip(relation.columns, map(str, relation.types), strict=True)),
        first_rows=relation.limit(PREVIEW_ROWS).fetchall(),
    )


def leading_comment(sql: str) -> str:
    """The first paragraph of the `--` comment lines that open a SQL file, as one line."""
    paragraph = []
    for line in sql.splitlines():
        text = line.removeprefix("--").strip()
        if not line.startswith("--") or not text:
            break
        paragraph.append(text)
    return " ".join(paragraph)
