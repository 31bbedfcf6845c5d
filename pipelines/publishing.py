"""Publishing a finished build: the DuckDB file and its Parquet copies replace the old ones whole.

A run builds in `<warehouse dir>/.build/<run_id>/`, on the same file system as the published
files, so that publishing is a few renames: a consumer who opened the old file keeps reading it,
and every new connection sees the new one, never half of it.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

PUBLISHED_SCHEMA = "marts"


def build_file(warehouse_path: Path, run_id: str) -> Path:
    """Where run `run_id` builds the warehouse before publishing it."""
    return warehouse_path.parent / ".build" / run_id / warehouse_path.name


def parquet_dir(warehouse_path: Path) -> Path:
    return warehouse_path.parent / "parquet"


def data_docs_dir(folder: Path) -> Path:
    """The Great Expectations Data Docs of a build folder, or of the published warehouse's."""
    return folder / "data_docs"


def published_tables(connection: duckdb.DuckDBPyConnection) -> list[str]:
    rows = connection.execute(
        "select table_name from information_schema.tables where table_schema = ? "
        "order by table_name",
        [PUBLISHED_SCHEMA],
    ).fetchall()
    return [name for (name,) in rows]


def publish_build(build: Path, warehouse_path: Path) -> list[str]:
    """Publish the build file onto `warehouse_path`, with one Parquet folder per marts table
    and the build's Data Docs, if any.

    Returns the published tables. Nothing published changes until every Parquet copy is written;
    the build folder is removed once published.
    """
    if not build.is_file():
        raise FileNotFoundError(f"no warehouse build at {build}: build it in the same run first")
    new_parquet = build.parent / "parquet"
    with duckdb.connect(str(build), read_only=True) as connection:
        tables = published_tables(connection)
        for table in tables:
            (new_parquet / table).mkdir(parents=True)
            pq.write_table(
                connection.table(f"{PUBLISHED_SCHEMA}.{table}").to_arrow_table(),
                new_parquet / table / f"{table}.parquet",
            )
    warehouse_path.parent.mkdir(parents=True, exist_ok=True)
    replace_directory(new_parquet, parquet_dir(warehouse_path))
    if data_docs_dir(build.parent).is_dir():
        replace_directory(data_docs_dir(build.parent), data_docs_dir(warehouse_path.parent))
    os.replace(build, warehouse_path)
    shutil.rmtree(build.parent)
    return tables


def replace_directory(new: Path, target: Path) -> None:
    """Put `new` in the place of `target` by two renames, then delete the old one.

    Directories cannot be swapped in one rename: between the two a reader finds no `target`.
    """
    old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex}")
    if target.exists():
        os.replace(target, old)
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)
