"""`run_all`: every rule, the reviewed exceptions and the expectation suites over one build."""

from __future__ import annotations

from pathlib import Path

import duckdb

from checks.exceptions import apply_exceptions, document_identities, load_exceptions
from checks.results import CheckResult, write_results
from checks.rules import run_rules

REVIEWED_EXCEPTIONS = Path(__file__).resolve().parent / "reviewed_exceptions.csv"


def run_all(
    connection: duckdb.DuckDBPyConnection,
    build_dir: Path,
    exceptions_path: Path = REVIEWED_EXCEPTIONS,
) -> list[CheckResult]:
    """Run every check on the warehouse build open in `connection`; write the results into
    `marts.check_results` and the Great Expectations Data Docs into `build_dir`.

    A result with status `fail` and severity `blocking` must stop the publish.
    """
    # Great Expectations takes seconds to import: only a run that validates pays for it, not
    # every process that loads the Definitions.
    from checks.expectations import run_expectations

    results = apply_exceptions(
        run_rules(connection), load_exceptions(exceptions_path), document_identities(connection)
    )
    expectation_results, _ = run_expectations(connection, build_dir)
    results += expectation_results
    write_results(connection, results)
    return results
