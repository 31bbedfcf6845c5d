"""Great Expectations suites over the staged cells and the published marts tables.

The suites are code: one builder per table of `checks.catalog.EXPECTATION_TABLES`.
`validate` validates the batches a build's tables give (`checks.batches`) with an ephemeral GX
context (a pandas data source, one ExpectationSuite, ValidationDefinition and Checkpoint per
table), builds the GX Data Docs into a folder and turns every expectation's result into
check_results rows: one per document for the document tables' batches (the rows of the
documents in scope), one per expectation for the other tables. A document table's expectations
are validated for their outcome first, and again in full where the outcome is not all there is
to say (`_document_table_results`): its Data Docs show both validations.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import great_expectations as gx
import great_expectations.expectations as gxe
import pandas as pd
from great_expectations.core.expectation_validation_result import ExpectationValidationResult
from great_expectations.data_context import AbstractDataContext
from great_expectations.data_context.types.base import (
    DataContextConfig,
    InMemoryStoreBackendDefaults,
    ProgressBarsConfig,
)
from great_expectations.datasource.fluent import PandasDatasource
from great_expectations.expectations.expectation import (
    ColumnMapExpectation,
    ColumnPairMapExpectation,
    MulticolumnMapExpectation,
)
from great_expectations.expectations.row_conditions import Column, deserialize_row_condition

from checks.batches import DIMENSION_REFERENCES, DimensionIds, ExpectationBatches
from checks.catalog import (
    DATA_DOCS_INDEX,
    EXPECTATION_TABLES,
    expectation_check_name,
    table_name,
)
from checks.results import BLOCKING, FAIL, PASS, CheckResult
from extraction.closed_vocabularies import (
    AMOUNT,
    BASIS,
    CELL_STATUS,
    DOCUMENT_STATUS,
    FACT,
    HELD_BACK,
    MEASURE,
    PERCENT,
    PERCENT_MEASURES,
    PERIOD_TYPE,
    QUARANTINE,
    SCENARIO,
    UNIT,
)
from extraction.records import CELL_COLUMNS

MARGIN_RATIOS = ("gross_margin_ratio", "operating_margin_ratio")

# The fact_metric columns of contract/README.md; the table may grow, never lose one.
FACT_METRIC_COLUMNS = (
    "document_id", "table_id", "metric_id", "segment_id", "period_id", "period_start",
    "period_end", "scenario", "basis", "measure", "unit", "value", "decimals", "reported_text",
    "reported_unit", "row_label", "column_label", "locator",
)
# What makes a fact unique: the interpreter publishes one figure per key and table.
FACT_KEY = ("document_id", "table_id", "metric_id", "segment_id", "period_id", "scenario",
            "basis", "measure")
CURRENT_KEY = ("metric_id", "segment_id", "period_id", "scenario", "basis", "measure")
STAGED_FACT_COLUMNS = ("metric_id", "segment_id", "period_id", "period_type", "period_start",
                       "period_end", "scenario", "basis", "measure", "unit", "value", "decimals")

# GX result formats: everything (every failing row and value), or the outcome alone.
COMPLETE = "COMPLETE"
BOOLEAN_ONLY = "BOOLEAN_ONLY"
SITE_NAME = "iij_checks"
SITE_OUTPUTS = (DATA_DOCS_INDEX, "expectations", "validations", "static")
# Failing rows named in a result's locator; the Data Docs list every one.
MAX_LOCATED_ROWS = 20


def _not_null(columns: tuple[str, ...], **options) -> list[gxe.Expectation]:
    return [gxe.ExpectColumnValuesToNotBeNull(column=column, **options) for column in columns]


def _staged_cells(_: DimensionIds) -> list[gxe.Expectation]:
    is_fact = Column("status") == FACT
    return [
        gxe.ExpectTableColumnsToMatchSet(column_set=[*CELL_COLUMNS, "cell_index"]),
        *_not_null(("document_id", "table_id", "status", "locator")),
        gxe.ExpectColumnValuesToBeInSet(column="status", value_set=CELL_STATUS.values),
        *_not_null(STAGED_FACT_COLUMNS, row_condition=is_fact),
        gxe.ExpectColumnValuesToNotBeNull(
            column="reason", row_condition=Column("status") == QUARANTINE
        ),
        gxe.ExpectColumnValuesToBeInSet(column="period_type", value_set=PERIOD_TYPE.values),
        gxe.ExpectColumnValuesToBeInSet(column="scenario", value_set=SCENARIO.values),
        gxe.ExpectColumnValuesToBeInSet(column="basis", value_set=BASIS.values),
        gxe.ExpectColumnValuesToBeInSet(column="measure", value_set=MEASURE.values),
        gxe.ExpectColumnValuesToBeInSet(column="unit", value_set=UNIT.values),
    ]


def _fact_metric(_: DimensionIds) -> list[gxe.Expectation]:
    return [
        gxe.ExpectTableColumnsToMatchSet(column_set=FACT_METRIC_COLUMNS, exact_match=False),
        *_not_null((*FACT_KEY, "period_start", "period_end", "unit", "value", "decimals",
                    "reported_text", "locator")),
        gxe.ExpectCompoundColumnsToBeUnique(column_list=FACT_KEY),
        # every reference has its dimension row (checks.batches joins them to each fact)
        *_not_null(tuple(DIMENSION_REFERENCES.values())),
        gxe.ExpectColumnValuesToBeInSet(column="scenario", value_set=SCENARIO.values),
        gxe.ExpectColumnValuesToBeInSet(column="basis", value_set=BASIS.values),
        gxe.ExpectColumnValuesToBeInSet(column="measure", value_set=MEASURE.values),
        gxe.ExpectColumnValuesToBeInSet(column="unit", value_set=UNIT.values),
        gxe.ExpectColumnValuesToBeInSet(
            column="unit", value_set=[PERCENT],
            row_condition=Column("measure").is_in(PERCENT_MEASURES),
        ),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="period_end", column_B="period_start", or_equal=True
        ),
        # A company's gross or operating margin lies within +-100% of its revenues; a segment's
        # may not (a start-up business can lose more than it sells).
        gxe.ExpectColumnValuesToBeBetween(
            column="value", min_value=-100, max_value=100,
            row_condition=(Column("metric_id").is_in(MARGIN_RATIOS)
                           & (Column("segment_id") == "total")
                           & (Column("measure") == AMOUNT)),
        ),
        gxe.ExpectColumnValuesToBeBetween(
            column="value", min_value=0, strict_min=True,
            row_condition=(Column("metric_id") == "employees") & (Column("measure") == AMOUNT),
        ),
    ]


def _fact_metric_current(_: DimensionIds) -> list[gxe.Expectation]:
    return [
        gxe.ExpectCompoundColumnsToBeUnique(column_list=CURRENT_KEY),
        gxe.ExpectColumnValuesToBeBetween(column="n_documents", min_value=1),
        gxe.ExpectColumnValuesToBeBetween(column="max_abs_discrepancy", min_value=0),
    ]


def _dim_segment(vocabulary: DimensionIds) -> list[gxe.Expectation]:
    return [
        gxe.ExpectColumnValuesToBeUnique(column="segment_id"),
        gxe.ExpectColumnValuesToNotBeNull(column="segment_id"),
        gxe.ExpectColumnValuesToBeInSet(
            column="parent_segment_id", value_set=vocabulary.segment_ids
        ),
    ]


def _dim_document(_: DimensionIds) -> list[gxe.Expectation]:
    return [
        gxe.ExpectColumnValuesToBeUnique(column="document_id"),
        *_not_null(("document_id", "source_file", "sha256", "status")),
        gxe.ExpectColumnValuesToBeInSet(column="status", value_set=list(DOCUMENT_STATUS)),
        gxe.ExpectColumnValuesToNotBeNull(
            column="held_back_reason", row_condition=Column("status") == HELD_BACK
        ),
    ]


# The expectations of each table of checks.catalog.EXPECTATION_TABLES.
SUITE_BUILDERS: dict[str, Callable[[DimensionIds], list[gxe.Expectation]]] = {
    "staging.stg_cells": _staged_cells,
    "marts.fact_metric": _fact_metric,
    "marts.fact_metric_current": _fact_metric_current,
    "marts.dim_segment": _dim_segment,
    "marts.dim_document": _dim_document,
}


@dataclass(frozen=True)
class Validation:
    """The results of validating a build's batches, and the context that holds the validations
    for their Data Docs."""

    results: list[CheckResult]
    context: AbstractDataContext

    def build_data_docs(self) -> None:
        """Write the Data Docs of these validations into the site's folder."""
        self.context.build_data_docs(site_names=[SITE_NAME])


def validate(batches: ExpectationBatches, docs_dir: Path) -> Validation:
    """Validate each batch with its table's suite, its Data Docs site in `docs_dir` (the
    previous site's pages removed): one result per expectation, or one per expectation and
    document where the batch is a document table's."""
    context = gx.get_context(
        mode="ephemeral",
        project_config=DataContextConfig(
            store_backend_defaults=InMemoryStoreBackendDefaults(),
            analytics_enabled=False,
            progress_bars=ProgressBarsConfig(globally=False),
        ),
    )
    _clear_previous_site(docs_dir)
    context.add_data_docs_site(
        SITE_NAME,
        {
            "class_name": "SiteBuilder",
            "store_backend": {
                "class_name": "TupleFilesystemStoreBackend",
                "base_directory": str(docs_dir.absolute()),
            },
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        },
    )
    source = context.data_sources.add_pandas("warehouse_build")
    results: list[CheckResult] = []
    for batch in batches.batches:
        row_locator = EXPECTATION_TABLES[batch.table]
        rows = batch.rows.to_pandas(date_as_object=False)
        suite = SuiteRun(context, source, table_name(batch.table), rows, row_locator)
        expectations = SUITE_BUILDERS[batch.table](batches.dimension_ids)
        if batch.documents is None:
            checked = suite.run(expectations, COMPLETE)
        else:
            checked = _document_table_results(
                suite, expectations, partial(SUITE_BUILDERS[batch.table], batches.dimension_ids)
            )
        for expectation, result in zip(expectations, checked, strict=True):
            results += _expectation_results(
                batch.table, row_locator, result, batch.documents, _judges_rows(expectation)
            )
    return Validation(results, context)


@dataclass(frozen=True)
class SuiteRun:
    """Where a table's expectations run: its rows as a pandas asset of the context's source."""

    context: AbstractDataContext
    source: PandasDatasource
    name: str
    rows: pd.DataFrame
    row_locator: tuple[str, ...]

    def run(
        self, expectations: list[gxe.Expectation], result_format: str, suffix: str = ""
    ) -> list[ExpectationValidationResult]:
        """Each expectation's result, in their order, validated as one suite (named after the
        table, and `suffix`) in one checkpoint."""
        name = self.name + suffix
        whole = self.source.add_dataframe_asset(name).add_batch_definition_whole_dataframe("whole")
        suite = self.context.suites.add(gx.ExpectationSuite(name=name, expectations=expectations))
        validation = self.context.validation_definitions.add(
            gx.ValidationDefinition(name=name, data=whole, suite=suite)
        )
        checkpoint = self.context.checkpoints.add(
            gx.Checkpoint(
                name=name,
                validation_definitions=[validation],
                result_format={
                    "result_format": result_format,
                    "unexpected_index_column_names": list(self.row_locator),
                },
            )
        )
        run = checkpoint.run(batch_parameters={"dataframe": self.rows})
        by_id = {
            result.expectation_config.id: result
            for suite_result in run.run_results.values()
            for result in suite_result.results
        }
        return [by_id[expectation.id] for expectation in suite.expectations]


def _document_table_results(
    suite: SuiteRun,
    expectations: list[gxe.Expectation],
    new_expectations: Callable[[], list[gxe.Expectation]],
) -> list[ExpectationValidationResult]:
    """A document table's results: every expectation validated for its outcome alone (GX's
    BOOLEAN_ONLY results, half the cost of COMPLETE ones), then, in full, the ones whose result
    says more than that: those that failed (their failing rows and documents) and those judging
    the table rather than its rows (what they observed). `new_expectations` gives the same
    expectations again, for the second suite (an expectation belongs to one)."""
    first = suite.run(expectations, BOOLEAN_ONLY)
    again = [
        index
        for index, (expectation, result) in enumerate(zip(expectations, first, strict=True))
        if not result.success or not _judges_rows(expectation)
    ]
    if not again:
        return first
    fresh = new_expectations()
    in_full = suite.run([fresh[index] for index in again], COMPLETE, " (in full)")
    detailed = dict(zip(again, in_full, strict=True))
    return [detailed.get(index, result) for index, result in enumerate(first)]


def _judges_rows(expectation: gxe.Expectation) -> bool:
    """Whether the expectation judges each row (so each document's rows), not the table."""
    return isinstance(
        expectation, (ColumnMapExpectation, ColumnPairMapExpectation, MulticolumnMapExpectation)
    )


def _clear_previous_site(docs_dir: Path) -> None:
    """Drop the pages of the previous run, so the folder shows this run's validations only."""
    for name in SITE_OUTPUTS:
        path = docs_dir / name
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)


def _expectation_results(
    table: str,
    row_locator: tuple[str, ...],
    result: ExpectationValidationResult,
    documents: tuple[str, ...] | None,
    judges_rows: bool,
) -> list[CheckResult]:
    """One result for the expectation, or one per document of `documents` where it judges rows
    (the documents of its failing rows fail)."""
    if documents is None or not judges_rows:
        return [_table_result(table, row_locator, result)]
    failing: dict[str, list[UnexpectedRow]] = {}
    for row in _unexpected_rows_with_values(result):
        failing.setdefault(row.index.get("document_id"), []).append(row)
    if not result.success and not set(failing).intersection(documents):
        return [_table_result(table, row_locator, result)]
    return [
        _document_result(table, row_locator, result, document, failing.get(document, []))
        for document in documents
    ]


@dataclass(frozen=True)
class UnexpectedRow:
    """A failing row as GX names it: its locating columns, and the value it failed on."""

    index: dict
    value: object


def _unexpected_rows_with_values(result: ExpectationValidationResult) -> list[UnexpectedRow]:
    rows = _unexpected_rows(result)
    values = result.result.get("unexpected_list") or []
    if len(values) != len(rows):
        values = [None] * len(rows)
    return [UnexpectedRow(row, value) for row, value in zip(rows, values, strict=True)]


def _table_result(
    table: str, row_locator: tuple[str, ...], result: ExpectationValidationResult
) -> CheckResult:
    return _result_of(
        table,
        result,
        status=PASS if result.success else FAIL,
        document_id=None,
        actual_value=_unexpected_count(result),
        message=f"{table}: {_summary(result)}",
        locator=None if result.success else _failing_rows(result, row_locator),
        compared_documents=() if result.success else _failing_documents(result),
    )


def _document_result(
    table: str,
    row_locator: tuple[str, ...],
    result: ExpectationValidationResult,
    document: str,
    failing: list[UnexpectedRow],
) -> CheckResult:
    examples = ", ".join(
        str(value) for value in dict.fromkeys(row.value for row in failing) if value is not None
    )
    return _result_of(
        table,
        result,
        status=FAIL if failing else PASS,
        document_id=document,
        actual_value=float(len(failing)),
        message=f"{table}, the rows of document {document}: "
        + (f"{len(failing)} unexpected" if failing else "as expected")
        + (f", e.g. {examples}" if examples else ""),
        locator=_located([row.index for row in failing], row_locator),
        compared_documents=(document,),
    )


def _result_of(table: str, result: ExpectationValidationResult, **outcome) -> CheckResult:
    """An expectation's check_results row: what every one shares (no period, metric, segment or
    bounds: an expectation judges rows, not a figure), and its outcome."""
    return CheckResult(
        check_name=expectation_check_name(table),
        rule=_describe(result),
        severity=BLOCKING,
        period_id=None,
        metric_id=None,
        segment_id=None,
        expected_low=None,
        expected_high=None,
        **outcome,
    )


def _describe(result: ExpectationValidationResult) -> str:
    config = result.expectation_config
    arguments = ", ".join(
        f"{name}={value}"
        for name, value in config.kwargs.items()
        if name in ("column", "column_list", "column_A", "column_B", "min_value", "max_value")
    )
    condition = config.kwargs.get("row_condition")
    return f"{config.type}({arguments})" + (
        f" where {deserialize_row_condition(condition)!r}" if condition else ""
    )


def _unexpected_count(result: ExpectationValidationResult) -> float | None:
    count = result.result.get("unexpected_count")
    return None if count is None else float(count)


def _summary(result: ExpectationValidationResult) -> str:
    details = result.result
    if "unexpected_count" not in details:
        observed = details.get("observed_value")
        return ("as expected" if result.success else "not as expected") + (
            f" (observed {observed})" if observed is not None else ""
        )
    if result.success:
        return f"all {details.get('element_count')} rows as expected"
    examples = ", ".join(map(str, (details.get("partial_unexpected_list") or [])[:10]))
    return (
        f"{details['unexpected_count']} of {details.get('element_count')} rows unexpected"
        + (f", e.g. {examples}" if examples else "")
    )


def _unexpected_rows(result: ExpectationValidationResult) -> list[dict]:
    rows = result.result.get("unexpected_index_list") or []
    return [row for row in rows if isinstance(row, dict)]


def _failing_documents(result: ExpectationValidationResult) -> tuple[str, ...]:
    """The documents of the failing rows, where the table's rows name theirs (an expectation on a
    whole table, or on a table without document_id, is charged to no document)."""
    return tuple(sorted({
        row["document_id"] for row in _unexpected_rows(result) if row.get("document_id")
    }))


def _failing_rows(result: ExpectationValidationResult, row_locator: tuple[str, ...]) -> str | None:
    return _located(_unexpected_rows(result), row_locator)


def _located(rows: list[dict], row_locator: tuple[str, ...]) -> str | None:
    """The first failing rows by their locating columns, and how many more."""
    located = [" ".join(str(row.get(column)) for column in row_locator) for row in rows]
    if not located:
        return None
    more = len(located) - MAX_LOCATED_ROWS
    return "; ".join(located[:MAX_LOCATED_ROWS]) + (f"; and {more} more" if more > 0 else "")
