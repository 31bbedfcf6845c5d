"""The rows every check produces: the columns of `marts.check_results`."""

from __future__ import annotations

from dataclasses import dataclass, fields

import duckdb
import pyarrow as pa

CHECK_RESULTS_TABLE = "marts.check_results"
BLOCKING = "blocking"
WARNING = "warning"
PASS, WARN, FAIL = "pass", "warn", "fail"


@dataclass(frozen=True)
class CheckResult:
    """One comparison or expectation: what was checked, on which figures, and how it came out."""

    check_name: str
    rule: str
    severity: str
    status: str
    document_id: str | None
    period_id: str | None
    metric_id: str | None
    segment_id: str | None
    expected_low: float | None
    expected_high: float | None
    actual_value: float | None
    message: str
    locator: str | None
    # The documents whose figures the check compared: a blocking failure is charged to them.
    compared_documents: tuple[str, ...] = ()
    # The compared figures as printed, the checked figure first: what a reviewed exception names.
    printed_figures: tuple[str, ...] = ()

    @property
    def blocks_publish(self) -> bool:
        return self.status == FAIL and self.severity == BLOCKING


RESULT_COLUMNS = tuple(field.name for field in fields(CheckResult))
NUMERIC_COLUMNS = ("expected_low", "expected_high", "actual_value")
LIST_COLUMNS = ("compared_documents", "printed_figures")
COLUMN_TYPES = {
    **dict.fromkeys(RESULT_COLUMNS, "varchar"),
    **dict.fromkeys(NUMERIC_COLUMNS, "double"),
    **dict.fromkeys(LIST_COLUMNS, "varchar[]"),
}
_ARROW_TYPES = {"varchar": pa.string(), "double": pa.float64(), "varchar[]": pa.list_(pa.string())}
_RESULT_SELECT = ", ".join(
    f"cast({name} as {COLUMN_TYPES[name]}) as {name}" for name in RESULT_COLUMNS
)


def query_results(
    connection: duckdb.DuckDBPyConnection, sql: str, parameters: object = None
) -> list[CheckResult]:
    """The rows of a query that selects (at least) the check_results columns."""
    rows = connection.execute(f"select {_RESULT_SELECT} from (\n{sql}\n)", parameters).fetchall()
    return [_result(dict(zip(RESULT_COLUMNS, row, strict=True))) for row in rows]


def _result(row: dict[str, object]) -> CheckResult:
    return CheckResult(
        **{**row, **{name: tuple(row[name] or ()) for name in LIST_COLUMNS}}  # type: ignore[arg-type]
    )


def write_results(connection: duckdb.DuckDBPyConnection, results: list[CheckResult]) -> None:
    """Replace the rows of `marts.check_results` with these results (creating the table if the
    build has none yet)."""
    columns = ", ".join(f"{name} {COLUMN_TYPES[name]}" for name in RESULT_COLUMNS)
    connection.execute("create schema if not exists marts")
    connection.execute(f"create table if not exists {CHECK_RESULTS_TABLE} ({columns})")
    connection.execute(f"delete from {CHECK_RESULTS_TABLE}")
    append_results(connection, results)


def append_results(connection: duckdb.DuckDBPyConnection, results: list[CheckResult]) -> None:
    """Add these results to the rows of `marts.check_results`."""
    # One insert from an Arrow table: executemany inserts row by row, minutes for 50,000 rows.
    rows = pa.table(
        {
            name: pa.array(
                [_arrow_value(getattr(result, name)) for result in results],
                _ARROW_TYPES[COLUMN_TYPES[name]],
            )
            for name in RESULT_COLUMNS
        }
    )
    connection.register("check_result_rows", rows)
    try:
        names = ", ".join(RESULT_COLUMNS)
        connection.execute(
            f"insert into {CHECK_RESULTS_TABLE} ({names}) select {names} from check_result_rows"
        )
    finally:
        connection.unregister("check_result_rows")


def _arrow_value(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value
