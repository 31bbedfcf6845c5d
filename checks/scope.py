"""Incremental checks: the documents a build's checks compare afresh, and the results of the last
publish that stand for the others.

A comparison depends on the figures it compares and on the checks' own definitions. When the
last publish was checked by the same definitions (the same `checks_digest`: rules, exceptions,
suites, SQL models, contract and library versions), a document whose figures, cells and file
are unchanged since then keeps its results: those of the last publish that compared only
unchanged documents are carried over, and the checks compare only the figures of the other
documents (`check_scope`), pairing them with every document where a rule compares across
documents. The rules that take each period's current figure across documents
(`checks.rules.CURRENT_FIGURE_RULES`) run those comparisons over the whole build every time.
Anything else (no last publish, other definitions, an older warehouse) checks every document.

A build's `marts.check_run` records the digest and which documents were checked afresh and
which carried over, so that the next build can tell.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import duckdb
import pyarrow as pa

from checks.catalog import DOCUMENT_EXPECTATION_TABLES, expectation_check_name
from checks.results import CHECK_RESULTS_TABLE, RESULT_COLUMNS, WARN, CheckResult, query_results
from checks.rules import CURRENT_FIGURE_RULES, RULE_NAMES
from warehousing.project import CONTRACT_DIR, PROJECT_ROOT, SQL_DIR

CHECKS_DIR = Path(__file__).resolve().parent
CARRY_OVER = CHECKS_DIR / "carry_over.sql"
CARRIED_RESULTS = CHECKS_DIR / "carried_results.sql"
CHECK_RUN_TABLE = "marts.check_run"
BASELINE = "last_publish"
LIBRARIES = ("duckdb", "great_expectations", "pandas")
# The checks whose every result belongs to the documents it names, so that it can be carried over.
CARRIED_CHECKS = (
    *RULE_NAMES,
    *(expectation_check_name(table) for table in DOCUMENT_EXPECTATION_TABLES),
)


@dataclass(frozen=True)
class CheckScope:
    """Which documents of a build the checks compare afresh, and whose results are carried over
    from which publish (none: every document is checked)."""

    checked: tuple[str, ...]
    unchanged: tuple[str, ...]
    baseline: Path | None

    @property
    def incremental(self) -> bool:
        return self.baseline is not None


# The scope of a build with no documents to check and no publish to carry results from (the
# empty warehouse the data dictionary is written from).
NO_DOCUMENTS = CheckScope(checked=(), unchanged=(), baseline=None)


def definition_files() -> list[Path]:
    """What a comparison's outcome depends on besides the figures: the checks' definitions, the
    models that shape the figures, the contract's dimensions and the staged files' schemas (a
    build carries staged rows over from a publish of the same definitions)."""
    return [
        *sorted(CHECKS_DIR.glob("**/*.sql")),
        *sorted(CHECKS_DIR.glob("*.py")),
        *sorted(CHECKS_DIR.glob("*.csv")),
        *sorted(SQL_DIR.glob("*/*.sql")),
        *sorted(CONTRACT_DIR.glob("*.csv")),
        PROJECT_ROOT / "extraction" / "closed_vocabularies.py",
        PROJECT_ROOT / "warehousing" / "staging.py",
    ]


def checks_digest(files: list[Path] | None = None) -> str:
    """The digest of the definition files and of the libraries that compute the checks."""
    digest = hashlib.sha256()
    for path in definition_files() if files is None else files:
        digest.update(str(path.relative_to(PROJECT_ROOT)).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    for library in LIBRARIES:
        digest.update(f"{library}=={version(library)}".encode())
    return digest.hexdigest()


@contextmanager
def check_scope(
    connection: duckdb.DuckDBPyConnection, baseline: Path | None, digest: str
) -> Iterator[CheckScope]:
    """Set the scope of the checks in the build open in `connection` (the temporary table
    `check_scope` of the documents to check afresh) against the warehouse published at
    `baseline`, attached read-only while the scope is open."""
    with last_publish_checked_alike(connection, baseline, digest) as attached:
        try:
            if attached is not None:
                connection.execute(CARRY_OVER.read_text())
            else:
                connection.execute(
                    "create or replace temp table check_unchanged_document (document_id varchar)"
                )
            connection.execute(
                "create or replace temp table check_scope as select document_id "
                "from marts.dim_document anti join check_unchanged_document using (document_id)"
            )
            checked = _document_ids(connection, "check_scope")
            unchanged = _document_ids(connection, "check_unchanged_document")
            yield CheckScope(checked, unchanged, attached)
        finally:
            connection.execute("drop table if exists check_scope")
            connection.execute("drop table if exists check_unchanged_document")


@contextmanager
def last_publish_checked_alike(
    connection: duckdb.DuckDBPyConnection, baseline: Path | None, digest: str
) -> Iterator[Path | None]:
    """The warehouse published at `baseline`, attached read-only as `last_publish` while open,
    when the same definitions (`digest`) built and checked it; None otherwise (nothing is
    attached). Its version file, resolved on attaching, stays the same even if another publish
    follows."""
    attached = _attach_if_checked_alike(connection, baseline, digest)
    try:
        yield attached
    finally:
        if attached is not None:
            connection.execute(f"detach {BASELINE}")


def _attach_if_checked_alike(
    connection: duckdb.DuckDBPyConnection, baseline: Path | None, digest: str
) -> Path | None:
    if baseline is None or not baseline.is_file():
        return None
    published = baseline.resolve()
    connection.execute(f"attach ? as {BASELINE} (read_only)", [str(published)])
    [(has_check_run,)] = connection.execute(
        "select count(*) from duckdb_tables() where database_name = ? "
        "and schema_name || '.' || table_name = ?",
        [BASELINE, CHECK_RUN_TABLE],
    ).fetchall()
    checked_alike = has_check_run and connection.execute(
        f"select count(*) from {BASELINE}.{CHECK_RUN_TABLE} where checks_digest = ?", [digest]
    ).fetchall() == [(1,)]
    if not checked_alike:
        connection.execute(f"detach {BASELINE}")
        return None
    return published


def _document_ids(connection: duckdb.DuckDBPyConnection, table: str) -> tuple[str, ...]:
    rows = connection.execute(f"select document_id from {table} order by document_id").fetchall()
    return tuple(document for (document,) in rows)


def _carried_parameters() -> dict[str, list[str]]:
    return {
        "carried_checks": list(CARRIED_CHECKS),
        "current_figure_rules": list(CURRENT_FIGURE_RULES),
    }


def carried_warnings(
    connection: duckdb.DuckDBPyConnection, scope: CheckScope
) -> list[CheckResult]:
    """The warnings the build carries over from the last publish (reviewed exceptions among
    them)."""
    if not scope.incremental:
        return []
    return query_results(
        connection,
        f"select * from ({CARRIED_RESULTS.read_text()}) where status = $status",
        {**_carried_parameters(), "status": WARN},
    )


def carry_over(connection: duckdb.DuckDBPyConnection, scope: CheckScope) -> int:
    """Append to the build's check_results the results carried over; returns how many."""
    if not scope.incremental:
        return 0
    names = ", ".join(RESULT_COLUMNS)
    [(carried,)] = connection.execute(
        f"insert into {CHECK_RESULTS_TABLE} ({names}) "
        f"select {names} from ({CARRIED_RESULTS.read_text()})",
        _carried_parameters(),
    ).fetchall()
    return carried


def write_check_run(
    connection: duckdb.DuckDBPyConnection, scope: CheckScope, digest: str, computed: int,
    carried: int,
) -> None:
    """Replace the build's check_run row: how this build's check_results came about."""
    row = pa.table({
        "checks_digest": [digest],
        "checked_documents": pa.array([list(scope.checked)], pa.list_(pa.string())),
        "carried_over_documents": pa.array([list(scope.unchanged)], pa.list_(pa.string())),
        "carried_over_from": pa.array(
            [str(scope.baseline) if scope.baseline else None], pa.string()
        ),
        "computed_results": pa.array([computed], pa.int64()),
        "carried_over_results": pa.array([carried], pa.int64()),
    })
    connection.register("check_run_row", row)
    try:
        connection.execute(
            f"create or replace table {CHECK_RUN_TABLE} as select * from check_run_row"
        )
    finally:
        connection.unregister("check_run_row")
