"""Publishing a finished build: the DuckDB file and its Parquet copies replace the old ones whole.

A run builds in `<warehouse dir>/.build/<run_id>/`, on the same file system as the published
files, so that publishing is a few renames: a consumer who opened the old file keeps reading it,
and every new connection sees the new one, never half of it.

Folders cannot be swapped by one rename, so `parquet/` and `data_docs/` are symbolic links to a
version folder, `.versions/<run_id>/parquet` and `.../data_docs`: publishing renames a new link
over the old one, and a reader always finds a complete folder, the old one or the new one. The
previous version is kept until the next publish, for readers that are still in it.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

PUBLISHED_SCHEMA = "marts"
VERSIONS_DIR = ".versions"


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
    warehouse_dir = warehouse_path.parent
    version = warehouse_dir / VERSIONS_DIR / build.parent.name
    version.mkdir(parents=True)
    links = {new_parquet: parquet_dir(warehouse_path)}
    if data_docs_dir(build.parent).is_dir():
        links[data_docs_dir(build.parent)] = data_docs_dir(warehouse_dir)
    previous = _linked_versions(warehouse_path)
    for folder, link in links.items():
        os.replace(folder, version / folder.name)
        point_link(link, version / folder.name)
    os.replace(build, warehouse_path)
    shutil.rmtree(build.parent)
    _remove_versions_but(warehouse_dir, previous | _linked_versions(warehouse_path))
    return tables


def point_link(link: Path, target: Path) -> None:
    """Make `link` a symbolic link to the folder `target` by one rename over the old link.

    A `link` that is still a real folder (published before versions existed) is moved aside
    first: only that once is there a moment without it.
    """
    temporary = link.with_name(f".{link.name}.{uuid.uuid4().hex}.tmp")
    temporary.symlink_to(os.path.relpath(target, link.parent), target_is_directory=True)
    if link.is_dir() and not link.is_symlink():
        old = link.with_name(f".{link.name}.old-{uuid.uuid4().hex}")
        os.replace(link, old)
        shutil.rmtree(old)
    os.replace(temporary, link)


def _linked_versions(warehouse_path: Path) -> set[Path]:
    """The version folders the published links point to."""
    links = (parquet_dir(warehouse_path), data_docs_dir(warehouse_path.parent))
    return {link.resolve().parent for link in links if link.is_symlink()}


def _remove_versions_but(warehouse_dir: Path, keep: set[Path]) -> None:
    for version in (warehouse_dir / VERSIONS_DIR).iterdir():
        if version.resolve() not in keep:
            shutil.rmtree(version, ignore_errors=True)
