"""`run_all`: every rule, the reviewed exceptions and the expectation suites over one build."""

from __future__ import annotations

from pathlib import Path

import duckdb

from checks.batches import read_batches
from checks.exceptions import apply_exceptions, document_identities, load_exceptions
from checks.results import CheckResult, append_results, write_results
from checks.rules import run_rules
from checks.scope import carried_warnings, carry_over, check_scope, checks_digest, write_check_run
from checks.validation import InProcessValidator, Validator

REVIEWED_EXCEPTIONS = Path(__file__).resolve().parent / "reviewed_exceptions.csv"


def run_all(
    connection: duckdb.DuckDBPyConnection,
    build_dir: Path,
    exceptions_path: Path = REVIEWED_EXCEPTIONS,
    baseline: Path | None = None,
    validator: Validator | None = None,
) -> list[CheckResult]:
    """Run every check on the warehouse build open in `connection`; write the results into
    `marts.check_results` (with how they came about in `marts.check_run`) and the Great
    Expectations Data Docs into `build_dir`.

    With `baseline`, the published warehouse, the documents unchanged since it was checked by the
    same definitions keep its results (`checks.scope`): the checks compare the others, and
    check_results holds both. The suites run in `validator` (in this process by default) while
    the rules run here; their Data Docs may still be being written on return
    (`validator.finish()` waits for them). Returns the results computed here; a result with
    status `fail` and severity `blocking` must stop the publish (a carried-over result never
    does: it comes from a publish).
    """
    validator = validator or InProcessValidator()
    digest = checks_digest()
    with check_scope(connection, baseline, digest) as scope:
        validator.start(read_batches(connection), build_dir)
        results = apply_exceptions(
            run_rules(connection),
            load_exceptions(exceptions_path),
            document_identities(connection),
            reviewed_before=carried_warnings(connection, scope),
        )
        # While the suites run: the rules' results and the carried-over ones are written.
        write_results(connection, results)
        carried = carry_over(connection, scope)
        expectation_results = validator.results()
        append_results(connection, expectation_results)
        results += expectation_results
        write_check_run(connection, scope, digest, computed=len(results), carried=carried)
    return results
