"""The checks of `checks/` as Dagster asset checks on the marts they judge, and `check_results`.

`warehouse_checks` runs every reconciliation rule and expectation suite once on this run's build
(`checks.run_all`, which also writes `marts.check_results` and the Great Expectations Data Docs
into the build folder) and reports one asset check per rule or suite, on its table: the rules on
`fact_metric` (cross_document on `fact_metric_current`), each suite on the table it validates.
They are blocking: one with a failing comparison of severity `blocking` fails with ERROR, and
every asset downstream of the checked tables (`check_results`, `published_warehouse`) is skipped,
so nothing is published and the last good warehouse stays. Warnings (restatements, reviewed
exceptions) fail with WARN severity and do not block.

Before that, a blocking failure is contained where it can be (`checks.containment`): the new
documents whose figures it compared are held back, the models are built again without them (a
held-back new version of a published file brings its last good version back) and every check
runs again. Their failures are recorded with severity `held_back` and fail their checks with
WARN severity, and `held_back_documents` (on dim_document) fails naming each held-back document
and why, while the others publish.
"""

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import astuple, dataclass, field
from pathlib import Path

import dagster as dg
import duckdb

from assets.models import MODEL_SPECS, rebuild_without
from assets.resources import ValidationResource, WarehouseResource
from assets.ui import CHECKS, OWNERS, column_schema, data_docs_metadata
from checks import run_all
from checks.catalog import (
    DATA_DOCS_INDEX,
    EXPECTATION_TABLES,
    STALE_EXCEPTIONS_CHECK,
    expectation_check_name,
    rule_table,
    table_name,
)
from checks.containment import Containment, contain, held_back_reason
from checks.results import (
    CHECK_RESULTS_TABLE,
    FAIL,
    PASS,
    RESULT_COLUMNS,
    WARN,
    CheckResult,
    append_results,
    query_results,
)
from checks.rules import load_rules
from checks.scope import CHECK_RUN_TABLE
from extraction.closed_vocabularies import HELD_BACK
from reporting.dictionary import Meanings
from reporting.figure_pictures import PicturedCell, pictures_markdown
from reporting.preview import markdown_table
from warehousing.holdback import last_good_publish
from warehousing.inbox import list_inbox
from warehousing.staging import cells_path

FAILURE_COLUMNS = (
    "status", "severity", "document_id", "period_id", "metric_id", "segment_id", "message",
    "locator",
)
HELD_BACK_CHECK = "held_back_documents"
HELD_BACK_COLUMNS = ("document_id", "source_file", "held_back_reason")

# Reading our own rule files is loading code, like an import; no data is touched here.
CHECK_SPECS = [
    *(
        dg.AssetCheckSpec(
            rule.name,
            asset=table_name(rule_table(rule.name)),
            blocking=True,
            description=f"{rule.description} (checks/rules/{rule.name}.sql)",
        )
        for rule in load_rules()
    ),
    *(
        dg.AssetCheckSpec(
            expectation_check_name(table),
            asset=table_name(table),
            blocking=True,
            description=f"The Great Expectations suite of {table} (checks/expectations.py).",
        )
        for table in EXPECTATION_TABLES
    ),
    dg.AssetCheckSpec(
        STALE_EXCEPTIONS_CHECK,
        asset="fact_metric",
        blocking=False,
        description="Every reviewed exception (checks/reviewed_exceptions.csv) still names a "
        "failing comparison.",
    ),
    dg.AssetCheckSpec(
        HELD_BACK_CHECK,
        asset="dim_document",
        blocking=False,
        description="No document is held back: a document whose figures fail a blocking check "
        "is left out of the warehouse (a published file keeps its last good version), and the "
        "others publish.",
    ),
]


@dg.multi_asset_check(specs=CHECK_SPECS, name="warehouse_checks")
def run_warehouse_checks(
    context: dg.AssetCheckExecutionContext,
    warehouse: WarehouseResource,
    validation: ValidationResource,
) -> Iterator[dg.AssetCheckResult]:
    """Run every check on this run's build and report each rule and suite on its table."""
    layout = warehouse.layout
    build = layout.build(context.run.run_id)
    if not build.database.is_file():
        raise dg.Failure(
            f"no warehouse build at {build.database}: build the models in the same run"
        )
    docs = build.data_docs_dir
    last_good = last_good_publish(layout.database)
    with duckdb.connect(str(build.database)) as connection:

        def run_checks(held_back: Mapping[str, tuple[CheckResult, ...]]) -> list[CheckResult]:
            if held_back:
                context.log.warning(f"holding back {len(held_back)} documents; building again")
                reasons = {doc: held_back_reason(failures) for doc, failures in held_back.items()}
                rebuild_without(connection, warehouse, build.database, reasons, last_good)
            return run_all(
                connection, docs, baseline=layout.database, validator=validation.validator
            )

        containment = contain(run_checks, last_good.documents)
        append_results(connection, containment.held_back_results())
        outcomes = check_outcomes(connection)
        held_back = held_back_rows(connection)
        scope = check_run_summary(connection)
        connection.execute("checkpoint")
    context.log.info(scope)
    blocking = [
        result for outcome in outcomes.values() for result in outcome.not_passing
        if result.blocks_publish
    ]
    # A blocked build keeps its Data Docs in its folder; otherwise they are published with it.
    published_docs = warehouse.layout.data_docs_dir
    docs_index = (docs if blocking else published_docs) / DATA_DOCS_INDEX
    inbox = list_inbox(layout.inbox)
    for spec in CHECK_SPECS:
        if spec.name == HELD_BACK_CHECK:
            yield held_back_result(spec, containment, held_back)
        else:
            outcome = outcomes.get(spec.name, CheckOutcome())
            pictures = pictures_markdown(
                failure_cells(outcome.not_passing, inbox, layout.documents_dir)
            )
            yield check_result(spec, outcome, docs_index, pictures)
    for document_id, source_file, reason in held_back:
        context.log.warning(f"held back {source_file} ({document_id}): {reason}")
    if blocking:
        context.log.error(
            f"{len(blocking)} blocking comparisons failed: nothing will be published; the build "
            f"stays at {build.folder}"
        )


warehouse_checks = [run_warehouse_checks]


def held_back_rows(connection: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    """The held-back documents of the build: id, source file, why."""
    return connection.execute(
        f"select {', '.join(HELD_BACK_COLUMNS)} from marts.dim_document where status = ? "
        "order by source_file, document_id",
        [HELD_BACK],
    ).fetchall()


def held_back_result(
    spec: dg.AssetCheckSpec, containment: Containment, held_back: list[tuple[str, str, str]]
) -> dg.AssetCheckResult:
    """Fails (WARN: the others publish) naming each held-back document and its failures."""
    failures = [failure for fails in containment.held_back.values() for failure in fails]
    return dg.AssetCheckResult(
        asset_key=spec.asset_key,
        check_name=spec.name,
        passed=not held_back,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "held_back": dg.MetadataValue.int(len(held_back)),
            "documents": dg.MetadataValue.md(markdown_table(HELD_BACK_COLUMNS, held_back)),
            "failing_cases": dg.MetadataValue.md(
                markdown_table(
                    FAILURE_COLUMNS,
                    [[getattr(failure, name) for name in FAILURE_COLUMNS] for failure in failures],
                )
            ),
        },
    )


def failure_cells(
    results: Sequence[CheckResult], inbox: Mapping[str, Path], documents_dir: Path
) -> list[PicturedCell]:
    """The checked figure of each failing comparison, to picture where its document is a PDF."""
    return [
        PicturedCell(
            caption=f"{result.check_name}: {result.metric_id}/{result.segment_id} "
            f"{result.period_id} printed {result.printed_figures[0]}",
            cells_file=cells_path(documents_dir, result.document_id),
            pdf_path=inbox[result.document_id],
            filters={
                "status": "fact",
                "metric_id": result.metric_id,
                "segment_id": result.segment_id,
                "period_id": result.period_id,
                "reported_text": result.printed_figures[0],
            },
        )
        for result in results
        if result.status == FAIL
        and result.printed_figures
        and result.document_id in inbox
        and result.metric_id and result.segment_id and result.period_id
    ]


@dataclass(frozen=True)
class CheckOutcome:
    """One check's results in the build: how many of each status, and those not passing."""

    counts: Mapping[str, int] = field(default_factory=dict)
    not_passing: tuple[CheckResult, ...] = ()

    @property
    def comparisons(self) -> int:
        return sum(self.counts.values())


def check_outcomes(connection: duckdb.DuckDBPyConnection) -> dict[str, CheckOutcome]:
    """Every check's outcome in the build's check_results, computed or carried over: counted in
    SQL, so that only the results not passing are read."""
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for check_name, status, count in connection.execute(
        f"select check_name, status, count(*) from {CHECK_RESULTS_TABLE} group by all"
    ).fetchall():
        counts[check_name][status] = count
    not_passing: dict[str, list[CheckResult]] = defaultdict(list)
    for result in query_results(
        connection,
        f"select * from {CHECK_RESULTS_TABLE} where status <> ? order by check_name, message",
        [PASS],
    ):
        not_passing[result.check_name].append(result)
    return {
        name: CheckOutcome(counts[name], tuple(not_passing[name])) for name in counts
    }


def check_run_summary(connection: duckdb.DuckDBPyConnection) -> str:
    """How the build's results came about: documents checked afresh, results carried over."""
    [(checked, carried_documents, computed, carried, source)] = connection.execute(
        f"select len(checked_documents), len(carried_over_documents), computed_results, "
        f"carried_over_results, carried_over_from from {CHECK_RUN_TABLE}"
    ).fetchall()
    if not source:
        return f"checked every document ({checked}): {computed} results"
    return (
        f"checked {checked} new or changed documents: {computed} results; carried over {carried} "
        f"results of {carried_documents} unchanged documents from {source}"
    )


def check_result(
    spec: dg.AssetCheckSpec,
    outcome: CheckOutcome,
    data_docs: Path,
    pictures: str | None = None,
) -> dg.AssetCheckResult:
    """One asset check's outcome: ERROR when a blocking comparison fails, WARN for warnings."""
    blocking = any(result.blocks_publish for result in outcome.not_passing)
    return dg.AssetCheckResult(
        asset_key=spec.asset_key,
        check_name=spec.name,
        passed=not outcome.not_passing,
        severity=dg.AssetCheckSeverity.ERROR if blocking else dg.AssetCheckSeverity.WARN,
        metadata={
            "comparisons": dg.MetadataValue.int(outcome.comparisons),
            "failed": dg.MetadataValue.int(outcome.counts.get(FAIL, 0)),
            "warned": dg.MetadataValue.int(outcome.counts.get(WARN, 0)),
            "failing_cases": dg.MetadataValue.md(
                markdown_table(
                    FAILURE_COLUMNS,
                    [
                        [getattr(result, name) for name in FAILURE_COLUMNS]
                        for result in outcome.not_passing
                    ],
                )
            ),
            **data_docs_metadata(data_docs),
            **({"pictures": dg.MetadataValue.md(pictures)} if pictures else {}),
        },
    )


@dg.asset(
    deps=[spec.key for spec in MODEL_SPECS],
    group_name=CHECKS,
    kinds={"duckdb", "greatexpectations"},
    owners=OWNERS,
    metadata={"dagster/table_name": CHECK_RESULTS_TABLE},
)
def check_results(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """Every reconciliation and expectation check of this run, as `warehouse_checks` wrote them
    into the build's `marts.check_results`. It runs only when no blocking check failed, so the
    build and its Great Expectations Data Docs are about to be published (`data_docs/` beside the
    warehouse)."""
    build = warehouse.layout.build_file(context.run.run_id)
    with duckdb.connect(str(build), read_only=True) as connection:
        written = connection.execute(
            "select count(*) from information_schema.tables "
            "where table_schema || '.' || table_name = ?",
            [CHECK_RESULTS_TABLE],
        ).fetchone()[0]
        if not written:
            raise dg.Failure(
                f"{CHECK_RESULTS_TABLE} is missing from {build}: the warehouse checks did not run "
                "in this run (assets.checks.warehouse_checks must be in the Definitions)"
            )
        columns = connection.execute(
            "select column_name, data_type from information_schema.columns "
            "where table_schema || '.' || table_name = ? order by ordinal_position",
            [CHECK_RESULTS_TABLE],
        ).fetchall()
        outcomes = check_outcomes(connection)
        scope = check_run_summary(connection)
    statuses: dict[str, int] = defaultdict(int)
    for outcome in outcomes.values():
        for status, count in outcome.counts.items():
            statuses[status] += count
    not_passing = sorted(
        (result for outcome in outcomes.values() for result in outcome.not_passing),
        key=lambda result: (result.status, result.check_name, result.message),
    )
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": dg.MetadataValue.int(sum(statuses.values())),
            "dagster/column_schema": column_schema(
                table_name(CHECK_RESULTS_TABLE), columns, Meanings.load()
            ),
            "passed": dg.MetadataValue.int(statuses[PASS]),
            "warned": dg.MetadataValue.int(statuses[WARN]),
            "failed": dg.MetadataValue.int(statuses[FAIL]),
            "scope": dg.MetadataValue.text(scope),
            "not_passing": dg.MetadataValue.md(
                markdown_table(
                    RESULT_COLUMNS,
                    [astuple(result) for result in not_passing],
                )
            ),
            **data_docs_metadata(warehouse.layout.data_docs_dir / DATA_DOCS_INDEX),
        }
    )
