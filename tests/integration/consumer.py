"""A consumer of the published warehouse, run as a process of its own while a run rebuilds it:

    python -m tests.integration.consumer <warehouse file> <stop file> <report file>

Until the stop file appears it opens the warehouse read-only again and again, as a dashboard
would, and writes one JSON line per look: the marts tables it found, the facts and documents in
DuckDB, the facts in the Parquet copy, or the error it met.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import duckdb

from warehousing.layout import WarehouseLayout
from warehousing.publishing import PUBLISHED_SCHEMA

PAUSE_SECONDS = 0.01


def look(warehouse: Path) -> dict[str, object]:
    try:
        with duckdb.connect(str(warehouse), read_only=True) as connection:
            tables = connection.execute(
                "select table_name from information_schema.tables where table_schema = ? "
                "order by table_name",
                [PUBLISHED_SCHEMA],
            ).fetchall()
            [(facts,)] = connection.execute("select count(*) from marts.fact_metric").fetchall()
            [(documents,)] = connection.execute(
                "select count(*) from marts.dim_document"
            ).fetchall()
        with duckdb.connect() as files:
            [(parquet_facts,)] = files.execute(
                "select count(*) from read_parquet(?)",
                [str(WarehouseLayout.at(warehouse).parquet_dir / "fact_metric" / "*.parquet")],
            ).fetchall()
    except Exception as exc:
        return {"error": f"{type(exc).__name__}: {exc}"}
    return {
        "tables": [name for (name,) in tables],
        "facts": facts,
        "documents": documents,
        "parquet_facts": parquet_facts,
    }


def main(warehouse: Path, stop: Path, report: Path) -> None:
    with report.open("w") as out:
        while not stop.exists():
            out.write(json.dumps(look(warehouse)) + "\n")
            out.flush()
            time.sleep(PAUSE_SECONDS)


if __name__ == "__main__":
    main(*(Path(argument) for argument in sys.argv[1:4]))
