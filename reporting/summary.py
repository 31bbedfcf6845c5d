"""What a warehouse file holds, at a glance: each document's coverage, the checks, the tables.

Plain functions, no Dagster: the CLI prints it after a run, and `published_warehouse` shows it
in the UI.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import duckdb

from checks.containment import HELD_BACK as HELD_BACK_SEVERITY
from checks.results import BLOCKING, CHECK_RESULTS_TABLE, FAIL, PASS, WARN
from reporting.preview import markdown_table
from warehousing.publishing import PUBLISHED_SCHEMA

WHOLE_WAREHOUSE = "(whole warehouse)"
COVERAGE_COLUMNS = (
    "document", "status", "facts", "quarantined", "checks passed", "warned", "failed", "error",
)


@dataclass(frozen=True)
class Coverage:
    """One document's part of the warehouse: its figures, its quarantined cells, its checks."""

    document: str
    status: str
    facts: int
    quarantined: int
    passed: int
    warned: int
    failed: int
    error: str | None

    def row(self) -> tuple:
        return (
            self.document, self.status, self.facts, self.quarantined,
            self.passed, self.warned, self.failed, self.error,
        )


@dataclass(frozen=True)
class TableSize:
    table: str
    rows: int
    columns: int


@dataclass(frozen=True)
class HeldBackDocument:
    """A document left out of the warehouse, and the failing checks of its figures."""

    source_file: str
    document_id: str
    failures: list[str]


@dataclass(frozen=True)
class WarehouseSummary:
    documents: list[Coverage]
    # The checks that concern no one document (the expectation suites judge whole tables).
    whole_warehouse: Coverage | None
    blocking_failures: list[str]
    tables: list[TableSize]
    held_back: list[HeldBackDocument] = field(default_factory=list)

    @property
    def documents_in_error(self) -> int:
        return sum(document.status == "error" for document in self.documents)

    @property
    def total(self) -> Coverage:
        parts = [*self.documents, *([self.whole_warehouse] if self.whole_warehouse else [])]

        def total_of(name: str) -> int:
            return sum(getattr(part, name) for part in parts)

        return Coverage(
            "total", "", total_of("facts"), total_of("quarantined"), total_of("passed"),
            total_of("warned"), total_of("failed"), None,
        )

    def rows(self) -> list[tuple]:
        """The coverage table: a row per document, the whole-warehouse checks, the total."""
        extra = [self.whole_warehouse] if self.whole_warehouse else []
        return [part.row() for part in [*self.documents, *extra, self.total]]

    def coverage_markdown(self) -> str:
        return markdown_table(COVERAGE_COLUMNS, self.rows(), max_rows=None)

    def tables_markdown(self) -> str:
        rows = [(f"{PUBLISHED_SCHEMA}.{t.table}", t.rows, t.columns) for t in self.tables]
        return markdown_table(("table", "rows", "columns"), rows, max_rows=None)


def summarize(connection: duckdb.DuckDBPyConnection) -> WarehouseSummary:
    """The summary of the warehouse open in `connection` (published, or a build kept for
    inspection)."""
    checks_by_document = {
        document: (passed, warned, failed)
        for document, passed, warned, failed in connection.execute(
            "select document_id, count(*) filter (where status = ?), "
            "count(*) filter (where status = ?), count(*) filter (where status = ?) "
            f"from {CHECK_RESULTS_TABLE} group by document_id",
            [PASS, WARN, FAIL],
        ).fetchall()
    }
    documents = connection.execute(
        "select document_id, source_file, status, facts, quarantined, error "
        "from marts.dim_document order by source_file"
    ).fetchall()
    coverage = [
        Coverage(source_file, status, facts, quarantined,
                 *checks_by_document.pop(document_id, (0, 0, 0)), error)
        for document_id, source_file, status, facts, quarantined, error in documents
    ]
    # What is left concerns no document of dim_document: whole-table expectations.
    leftover = [sum(counts) for counts in zip(*checks_by_document.values(), strict=True)]
    whole_warehouse = Coverage(WHOLE_WAREHOUSE, "", 0, 0, *leftover, None) if leftover else None
    blocking = [
        message
        for (message,) in connection.execute(
            f"select message from {CHECK_RESULTS_TABLE} where status = ? and severity = ? "
            "order by check_name, message",
            [FAIL, BLOCKING],
        ).fetchall()
    ]
    return WarehouseSummary(
        coverage, whole_warehouse, blocking, table_sizes(connection),
        held_back_documents(connection),
    )


def held_back_documents(connection: duckdb.DuckDBPyConnection) -> list[HeldBackDocument]:
    """The held-back documents, each with the messages (naming its figures) of its failures."""
    rows = connection.execute(
        "select documents.source_file, documents.document_id, list(results.message "
        "order by results.check_name, results.message) filter (where results.message is not null) "
        "from marts.dim_document as documents "
        f"left join {CHECK_RESULTS_TABLE} as results "
        "on results.severity = ? "
        "and list_contains(results.compared_documents, documents.document_id) "
        "where documents.status = 'held_back' "
        "group by all order by documents.source_file, documents.document_id",
        [HELD_BACK_SEVERITY],
    ).fetchall()
    return [HeldBackDocument(name, document, failures or []) for name, document, failures in rows]


def table_sizes(connection: duckdb.DuckDBPyConnection) -> list[TableSize]:
    tables = connection.execute(
        "select table_name, count(*) from information_schema.columns where table_schema = ? "
        "group by table_name order by table_name",
        [PUBLISHED_SCHEMA],
    ).fetchall()
    return [
        TableSize(
            table,
            connection.execute(f"select count(*) from {PUBLISHED_SCHEMA}.{table}").fetchone()[0],
            columns,
        )
        for table, columns in tables
    ]


def printable(text: str) -> str:
    """`text` safe to print on a terminal: a control character (an escape sequence that would
    move the cursor or recolour the screen, a carriage return, a tab) or an invisible format
    character (a right-to-left override) is shown as its escape, `\x1b`."""
    return "".join(
        character if character.isprintable() else character.encode("unicode_escape").decode()
        for character in text
    )


def format_table(columns: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table for the terminal: text columns left-aligned, numbers right-aligned;
    text from documents (file names, reasons) shown `printable`."""
    texts = [[("" if cell is None else printable(str(cell))) for cell in row] for row in rows]
    numeric = [
        any(isinstance(row[index], int) for row in rows)
        and all(isinstance(row[index], int) or row[index] is None for row in rows)
        for index in range(len(columns))
    ]
    widths = [max(len(text) for text in column) for column in zip(columns, *texts, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.rjust(width) if is_number else cell.ljust(width)
            for cell, width, is_number in zip(cells, widths, numeric, strict=True)
        ).rstrip()

    return "\n".join([line(columns), line(["-" * width for width in widths]), *map(line, texts)])
