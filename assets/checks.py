"""`check_results`: every reconciliation rule and expectation suite of `checks/`, run on the build.

Its blocking asset check fails when a check with severity `blocking` fails; `published_warehouse`
is downstream, so that run then publishes nothing and the last good warehouse stays.
"""

from collections import Counter

import dagster as dg
import duckdb

from assets.models import MODEL_SPECS
from checks import run_all
from checks.results import FAIL, PASS, WARN
from pipelines.preview import markdown_table
from pipelines.publishing import data_docs_dir
from pipelines.resources import WarehouseResource

BLOCKING_CHECK = "no_blocking_check_fails"
RESULT_PREVIEW_COLUMNS = ("check_name", "rule", "document_id", "period_id", "metric_id", "message")


@dg.asset(
    deps=[spec.key for spec in MODEL_SPECS],
    group_name="marts",
    kinds={"duckdb", "great_expectations"},
    check_specs=[
        dg.AssetCheckSpec(
            BLOCKING_CHECK,
            asset="check_results",
            blocking=True,
            description="Every check with severity `blocking` passes (else nothing is published).",
        )
    ],
)
def check_results(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """Every reconciliation and expectation check of this run, in `marts.check_results` of the
    build; the Great Expectations Data Docs are published beside the warehouse (`data_docs/`)."""
    build = warehouse.build_file(context.run_id)
    if not build.is_file():
        raise dg.Failure(f"no warehouse build at {build}: build the models in the same run")
    with duckdb.connect(str(build)) as connection:
        results = run_all(connection, data_docs_dir(build.parent))
        connection.execute("checkpoint")
    statuses = Counter(result.status for result in results)
    blocking = [result for result in results if result.blocks_publish]
    for result in blocking:
        context.log.error(f"blocking check failed: {result.message} ({result.locator})")
    if blocking:
        context.log.error(f"nothing will be published; the failed build stays at {build}")
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": dg.MetadataValue.int(len(results)),
            "passed": dg.MetadataValue.int(statuses[PASS]),
            "warned": dg.MetadataValue.int(statuses[WARN]),
            "failed": dg.MetadataValue.int(statuses[FAIL]),
        },
        check_results=[
            dg.AssetCheckResult(
                check_name=BLOCKING_CHECK,
                passed=not blocking,
                severity=dg.AssetCheckSeverity.ERROR,
                metadata={
                    "blocking_failures": dg.MetadataValue.int(len(blocking)),
                    "failures": dg.MetadataValue.md(
                        markdown_table(
                            RESULT_PREVIEW_COLUMNS,
                            [[getattr(r, name) for name in RESULT_PREVIEW_COLUMNS]
                             for r in blocking],
                        )
                    ),
                },
            )
        ],
    )
