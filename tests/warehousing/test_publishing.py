"""Publishing swaps whole files: open readers keep the old warehouse, new ones get the new one."""

import duckdb
import pytest

from tests.warehousing.builds import make_build
from warehousing.publishing import build_file, parquet_dir, publish_build


def test_a_reader_of_the_old_warehouse_keeps_it_while_new_readers_see_the_new(tmp_path):
    warehouse = tmp_path / "warehouse" / "iij.duckdb"
    assert publish_build(make_build(warehouse, "run-1", [1, 2]), warehouse) == ["figures"]
    old_reader = duckdb.connect(str(warehouse), read_only=True)

    publish_build(make_build(warehouse, "run-2", [1, 2, 3]), warehouse)

    count = "select count(*) from marts.figures"
    assert old_reader.execute(count).fetchall() == [(2,)]
    old_reader.close()
    with duckdb.connect(str(warehouse), read_only=True) as new_reader:
        assert new_reader.execute(count).fetchall() == [(3,)]
        [(in_parquet,)] = new_reader.execute(
            "select count(*) from read_parquet(?)",
            [str(parquet_dir(warehouse) / "figures" / "*.parquet")],
        ).fetchall()
    assert in_parquet == 3
    # Only marts tables become Parquet; the build folders are gone.
    assert sorted(p.name for p in parquet_dir(warehouse).iterdir()) == ["figures"]
    assert list((warehouse.parent / ".build").iterdir()) == []
    assert sorted(p.name for p in warehouse.parent.iterdir()) == [
        ".build", ".versions", "iij.duckdb", "parquet",
    ]


def test_without_a_build_nothing_is_published(tmp_path):
    warehouse = tmp_path / "iij.duckdb"
    publish_build(make_build(warehouse, "run-1", [7]), warehouse)
    published = warehouse.read_bytes()
    with pytest.raises(FileNotFoundError, match="no warehouse build at"):
        publish_build(build_file(warehouse, "run-2"), warehouse)
    assert warehouse.read_bytes() == published
