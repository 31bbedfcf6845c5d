"""Publishing switches whole builds: open readers keep the old warehouse, new ones get the new one,
and whatever moment a publish dies, the DuckDB file, the Parquet copies and the Data Docs name
the same build; the next publish cleans up what the dead one left."""

import os
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest

from tests.warehousing.builds import make_build, publish, published_builds
from warehousing import lock
from warehousing.layout import WarehouseLayout
from warehousing.project import PROJECT_ROOT as ROOT
from warehousing.publishing import STEPS, publish_build

# What a warehouse folder holds after a publish: nothing else is left over.
CLEAN_FOLDER = [".build", ".publish.lock", ".versions", "current", "data_docs", "iij.duckdb",
                "parquet"]


def test_a_reader_of_the_old_warehouse_keeps_it_while_new_readers_see_the_new(tmp_path):
    warehouse = tmp_path / "warehouse" / "iij.duckdb"
    assert publish(warehouse, "run-1", [1, 2]) == ["figures"]
    old_reader = duckdb.connect(str(warehouse), read_only=True)

    publish(warehouse, "run-2", [1, 2, 3])

    count = "select count(*) from marts.figures"
    assert old_reader.execute(count).fetchall() == [(2,)]
    # DuckDB caches a database per file for the process: each build is a file of its own
    # (.versions/<run_id>/iij.duckdb), so a new connection gets the new build even while this
    # process still holds a connection to the old one.
    with duckdb.connect(str(warehouse), read_only=True) as new_reader:
        assert new_reader.execute(count).fetchall() == [(3,)]
    old_reader.close()
    assert published_builds(warehouse) == {key: {"run-2"} for key in ("duckdb", "parquet",
                                                                       "data_docs")}
    layout = WarehouseLayout.at(warehouse)
    # Only marts tables become Parquet; the build folders are gone, the build's inputs too.
    assert sorted(p.name for p in layout.parquet_dir.iterdir()) == ["figures"]
    assert list(layout.builds_dir.iterdir()) == []
    assert sorted(p.name for p in layout.folder.iterdir()) == CLEAN_FOLDER
    assert sorted(p.name for p in layout.version("run-2").folder.iterdir()) == [
        "data_docs", "iij.duckdb", "parquet",
    ]
    # Consumers' names are links through `current`, the one link a publish renames.
    assert os.readlink(warehouse) == "current/iij.duckdb"
    assert os.readlink(layout.current_link) == ".versions/run-2"


def test_without_a_build_nothing_is_published(tmp_path):
    warehouse = tmp_path / "iij.duckdb"
    publish(warehouse, "run-1", [7])
    published = warehouse.read_bytes()
    with pytest.raises(FileNotFoundError, match="no warehouse build at"):
        publish_build(WarehouseLayout.at(warehouse), "run-2")
    assert warehouse.read_bytes() == published


def old_layout(warehouse: Path, run_id: str) -> None:
    """A warehouse folder as publishing left it before `current`: `iij.duckdb` a file of its own,
    `parquet` and `data_docs` links to `.versions/<run_id>/`."""
    layout = WarehouseLayout.at(warehouse)
    publish(warehouse, run_id, [1])
    version = layout.version(run_id)
    layout.current_link.unlink()
    os.replace(version.database, warehouse)
    for name in ("parquet", "data_docs"):
        (layout.folder / name).unlink()
        (layout.folder / name).symlink_to(Path(".versions") / run_id / name)
    assert not warehouse.is_symlink() and warehouse.is_file()


def run_publisher(warehouse: Path, run_id: str, *action: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.integration.publisher", str(warehouse), run_id, *action],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


@pytest.mark.parametrize("before", ["current", "old layout"])
@pytest.mark.parametrize("step", STEPS)
def test_a_publish_killed_at_any_step_leaves_one_build_and_the_next_cleans_up(
    tmp_path, step, before
):
    warehouse = tmp_path / "warehouse" / "iij.duckdb"
    if before == "current":
        publish(warehouse, "run-1", [1])
    else:
        old_layout(warehouse, "run-1")

    killed = run_publisher(warehouse, "run-2", "kill", step)
    killed.communicate(timeout=120)
    assert killed.returncode == -9

    # Before the switch the old build is published, from the switch on the new one: all of it.
    switched = STEPS.index(step) >= STEPS.index("switched")
    expected = "run-2" if switched else "run-1"
    assert published_builds(warehouse) == {key: {expected} for key in ("duckdb", "parquet",
                                                                        "data_docs")}

    publish(warehouse, "run-3", [1, 1, 1, 1])
    assert published_builds(warehouse) == {key: {"run-3"} for key in ("duckdb", "parquet",
                                                                       "data_docs")}
    layout = WarehouseLayout.at(warehouse)
    assert sorted(p.name for p in layout.folder.iterdir()) == CLEAN_FOLDER
    assert list(layout.builds_dir.iterdir()) == []
    # The previous version stays for its readers: the one `current` named before this publish.
    [previous] = [v.name for v in layout.versions_dir.iterdir() if v.name != "run-3"]
    assert previous == expected or (expected == "run-1" and previous.startswith("adopted-"))


def test_an_old_layout_is_upgraded_without_a_reader_ever_missing_a_file(tmp_path):
    warehouse = tmp_path / "warehouse" / "iij.duckdb"
    old_layout(warehouse, "run-1")
    looks, errors, publishing = [], [], threading.Event()
    publishing.set()

    def read_while_publishing() -> None:
        while publishing.is_set():
            try:
                looks.append(published_builds(warehouse))
            except (duckdb.Error, OSError) as exc:
                errors.append(str(exc))

    reader = threading.Thread(target=read_while_publishing)
    reader.start()
    try:
        publish(warehouse, "run-2", [1, 1])
    finally:
        publishing.clear()
        reader.join()
    assert errors == []
    assert published_builds(warehouse)["duckdb"] == {"run-2"}
    assert os.readlink(warehouse) == "current/iij.duckdb"
    layout = WarehouseLayout.at(warehouse)
    assert sorted(p.name for p in layout.folder.iterdir()) == CLEAN_FOLDER
    # The old build, adopted as a version by hard links, stays as the previous version.
    assert [v.name.startswith("adopted-") for v in sorted(layout.versions_dir.iterdir())] == [
        True, False,
    ]


def test_leftovers_of_dead_runs_are_removed_and_builds_in_progress_kept(tmp_path):
    warehouse = tmp_path / "warehouse" / "iij.duckdb"
    publish(warehouse, "run-1", [1])
    layout = WarehouseLayout.at(warehouse)
    make_build(warehouse, "run-dead", [9])
    make_build(warehouse, "run-in-progress", [8])
    (layout.folder / ".current.0123.tmp").symlink_to(".versions/nowhere")
    (layout.folder / ".parquet.4567.tmp").symlink_to(".versions/run-1/parquet")
    (layout.versions_dir / ".adopting-89ab").mkdir()
    (layout.versions_dir / "run-unreferenced").mkdir()

    make_build(warehouse, "run-2", [1, 2])
    publish_build(layout, "run-2", keep_builds={"run-in-progress"})

    assert sorted(p.name for p in layout.folder.iterdir()) == CLEAN_FOLDER
    assert [p.name for p in layout.builds_dir.iterdir()] == ["run-in-progress"]
    assert sorted(p.name for p in layout.versions_dir.iterdir()) == ["run-1", "run-2"]


def test_publishers_take_turns_and_a_waiting_one_times_out_with_a_reason(tmp_path):
    warehouse = tmp_path / "warehouse" / "iij.duckdb"
    publish(warehouse, "run-1", [1])
    slow = run_publisher(warehouse, "run-2", "sleep", "switched")
    assert slow.stdout.readline() == "run-2 holds the lock\n"
    fast = run_publisher(warehouse, "run-3")
    fast_out, fast_err = fast.communicate(timeout=120)
    slow_out, slow_err = slow.communicate(timeout=120)
    assert (slow.returncode, fast.returncode) == (0, 0), slow_err + fast_err
    # The second waited for the first to be done, then published over it.
    assert float(slow_out.split()[-1]) < float(fast_out.split()[-1])
    assert published_builds(warehouse) == {key: {"run-3"} for key in ("duckdb", "parquet",
                                                                       "data_docs")}
    layout = WarehouseLayout.at(warehouse)
    assert sorted(p.name for p in layout.versions_dir.iterdir()) == ["run-2", "run-3"]

    make_build(warehouse, "run-4", [1])
    with lock.held(layout.lock_file, timeout_s=1), pytest.raises(
        lock.LockTimeout, match=r"another run has been publishing to .* for over 0.3 s"
    ):
        publish_build(layout, "run-4", lock_timeout_s=0.3)
    assert published_builds(warehouse)["duckdb"] == {"run-3"}
