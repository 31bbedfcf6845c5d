"""Publishing a finished build: its DuckDB file, Parquet copies and Data Docs become visible
together, by one rename, or not at all, whatever moment the process dies.

A run builds in `.build/<run_id>/` (see warehousing/layout.py), on the same file system as the
published files. Publishing writes the Parquet copies there, then, holding the warehouse's lock:
repairs what a crashed publish left, moves the build folder to `.versions/<run_id>/` (one rename;
nothing visible changes), and renames a new `current` link over the old one: the switch.
`iij.duckdb`, `parquet` and `data_docs` in the warehouse folder are links through `current`,
made once, so each resolves to the old build or to the new one, and all three to the same one.
The previous version is kept until the next publish, for readers that are still in it.

A warehouse folder published before `current` existed (`iij.duckdb` a file, `parquet` a link to
`.versions/<run>/parquet`) is first adopted as a version of its own, by hard links, and its
entries become links through `current` to the same bytes: readers never see them missing.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Collection
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from warehousing import lock
from warehousing.layout import CURRENT, VersionLayout, WarehouseLayout

PUBLISHED_SCHEMA = "marts"
ADOPTING_PREFIX = ".adopting-"
ADOPTED_PREFIX = "adopted-"
DEFAULT_LOCK_TIMEOUT_S = 600.0
# Names of the steps of a publish, in order, as `after_step` is told them.
STEPS = ("locked", "recovered", "adopted", "moved", "switched", "linked", "cleaned")


def published_tables(connection: duckdb.DuckDBPyConnection) -> list[str]:
    rows = connection.execute(
        "select table_name from information_schema.tables where table_schema = ? "
        "order by table_name",
        [PUBLISHED_SCHEMA],
    ).fetchall()
    return [name for (name,) in rows]


def _no_step(step: str) -> None:
    """By default nothing watches the steps of a publish."""


def publish_build(
    layout: WarehouseLayout,
    run_id: str,
    *,
    keep_builds: Collection[str] = (),
    lock_timeout_s: float = DEFAULT_LOCK_TIMEOUT_S,
    after_step: Callable[[str], None] = _no_step,
) -> list[str]:
    """Publish run `run_id`'s build, with one Parquet folder per marts table and its Data Docs.

    Returns the published tables. Builds other than this run's and `keep_builds` (runs still in
    progress) are removed, as are versions older than the previous one. `after_step` is called
    after each step of STEPS (to observe a publish, or to interrupt it in a test).
    """
    build = layout.build(run_id)
    if not build.database.is_file():
        raise FileNotFoundError(
            f"no warehouse build at {build.database}: build it in the same run first"
        )
    # This run's own folder: written before taking the lock, so publishers wait only for renames.
    tables = _write_parquet_copies(build)
    _keep_published_entries_only(build, layout.published_names)
    with lock.held(layout.lock_file, lock_timeout_s):
        after_step("locked")
        recover(layout, keep_builds={run_id, *keep_builds})
        after_step("recovered")
        _adopt_unversioned(layout)
        after_step("adopted")
        previous = current_version(layout)
        version = layout.version(run_id)
        version.folder.parent.mkdir(parents=True, exist_ok=True)
        os.replace(build.folder, version.folder)
        after_step("moved")
        _point_link(layout.current_link, version.folder)
        after_step("switched")
        _link_through_current(layout)
        after_step("linked")
        _remove_versions_but(layout, {version.folder.name, *([previous] if previous else [])})
        after_step("cleaned")
    return tables


def recover(layout: WarehouseLayout, keep_builds: Collection[str]) -> None:
    """Remove what an interrupted publish or run left, under the lock: temporary links, half-made
    adopted versions, and the builds of runs no longer in progress; finish the links through
    `current` if the switch happened and they were not made yet."""
    for name in (CURRENT, *layout.published_names):
        # `.<name>.old-*`: a folder moved aside by the publishing of before `current` existed.
        for pattern in (f".{name}.*.tmp", f".{name}.old-*"):
            for temporary in layout.folder.glob(pattern):
                _remove(temporary)
    if layout.versions_dir.is_dir():
        for adopting in layout.versions_dir.glob(f"{ADOPTING_PREFIX}*"):
            _remove(adopting)
    if layout.builds_dir.is_dir():
        for build in layout.builds_dir.iterdir():
            if build.name not in keep_builds:
                _remove(build)
    if current_version(layout):
        _link_through_current(layout)


def current_version(layout: WarehouseLayout) -> str | None:
    """The name of the version `current` points to, if it points to one."""
    if not layout.current_link.is_symlink() or not layout.current_link.is_dir():
        return None
    return Path(os.readlink(layout.current_link)).name


def _write_parquet_copies(build: VersionLayout) -> list[str]:
    with duckdb.connect(str(build.database), read_only=True) as connection:
        tables = published_tables(connection)
        for table in tables:
            (build.parquet_dir / table).mkdir(parents=True)
            pq.write_table(
                connection.table(f"{PUBLISHED_SCHEMA}.{table}").to_arrow_table(),
                build.parquet_dir / table / f"{table}.parquet",
            )
    return tables


def _keep_published_entries_only(build: VersionLayout, names: tuple[str, ...]) -> None:
    """A version holds the published entries, every one of them (an empty `data_docs/` when the
    checks wrote none), so that no link through `current` ever dangles; the build's inputs
    (documents.parquet...) are not published."""
    build.data_docs_dir.mkdir(exist_ok=True)
    for entry in build.folder.iterdir():
        if entry.name not in names:
            _remove(entry)


def _adopt_unversioned(layout: WarehouseLayout) -> None:
    """Make a warehouse folder published without `current` a version of its own, and its
    entries links through `current` to the same files: a reader sees the same build throughout.
    """
    if current_version(layout) or not layout.database.is_file():
        return
    adopting = layout.versions_dir / f"{ADOPTING_PREFIX}{uuid.uuid4().hex}"
    adopting.mkdir(parents=True)
    _link_or_copy(layout.database, adopting / layout.database.name)
    for name in layout.published_names[1:]:
        published = layout.folder / name
        if published.is_dir():
            shutil.copytree(published, adopting / name, copy_function=_link_or_copy)
        else:
            (adopting / name).mkdir()
    adopted = layout.versions_dir / f"{ADOPTED_PREFIX}{uuid.uuid4().hex}"
    os.replace(adopting, adopted)
    _point_link(layout.current_link, adopted)
    _link_through_current(layout)


def _link_or_copy(source: str | Path, target: str | Path) -> None:
    """A hard link (the same bytes, instantly), or a copy where the file system has none."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _link_through_current(layout: WarehouseLayout) -> None:
    """Make each published entry a link to `current/<entry>`, once; each rename replaces the
    old entry whole (a real folder, from before versions existed, is moved aside first: only
    then is there a moment without it)."""
    for name in layout.published_names:
        entry = layout.folder / name
        target = Path(CURRENT) / name
        if entry.is_symlink() and Path(os.readlink(entry)) == target:
            continue
        if entry.is_dir() and not entry.is_symlink():
            old = entry.with_name(f".{name}.{uuid.uuid4().hex}.tmp")
            os.replace(entry, old)
            shutil.rmtree(old)
        _replace_with_link(entry, target)


def _point_link(link: Path, target: Path) -> None:
    """Make `link` a symbolic link to `target` by one rename over the old link."""
    _replace_with_link(link, Path(os.path.relpath(target, link.parent)))


def _replace_with_link(link: Path, target: Path) -> None:
    temporary = link.with_name(f".{link.name}.{uuid.uuid4().hex}.tmp")
    temporary.symlink_to(target)
    os.replace(temporary, link)


def _remove_versions_but(layout: WarehouseLayout, keep: set[str]) -> None:
    for version in layout.versions_dir.iterdir():
        if version.name not in keep:
            _remove(version)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
