"""The warehouse checks as Dagster asset checks, in a build-and-publish job over the real assets:
the five decks publish; a deck changed in place with one printed figure changed fails its
blocking check and is held back, and its last good version stays published."""

import shutil

import dagster as dg
import duckdb
import pytest

from assets.checks import check_results, warehouse_checks
from assets.models import warehouse_models
from assets.publish import published_warehouse
from assets.resources import ValidationResource, WarehouseResource
from tests.checks.warehouse import CONTRACT, DOC_2Q06, SOURCES
from warehousing.inbox import list_inbox
from warehousing.reading import load_vocabulary
from warehousing.staging import stage_document


class Pipeline:
    """An inbox, staging folder and warehouse in a temporary folder, and a job that builds,
    checks and publishes them with the project's assets and the warehouse checks."""

    def __init__(self, folder):
        self.inbox = folder / "inbox"
        self.inbox.mkdir()
        for source in SOURCES.glob("*.txt"):
            shutil.copy(source, self.inbox / source.name)
        self.warehouse = WarehouseResource(
            sources_dir=str(self.inbox),
            warehouse_path=str(folder / "warehouse" / "iij.duckdb"),
            staging_dir=str(folder / "staging"),
            contract_dir=str(CONTRACT),
            max_document_mb=50,
            max_pages=200,
        )
        assets = [warehouse_models, check_results, published_warehouse]
        job = dg.define_asset_job("build_and_publish", selection=dg.AssetSelection.assets(*assets))
        self.definitions = dg.Definitions(
            assets=assets,
            asset_checks=warehouse_checks,
            jobs=[job],
            resources={"warehouse": self.warehouse, "validation": ValidationResource()},
        )

    def change(self, source_file, printed, changed):
        path = self.inbox / source_file
        path.write_text(path.read_text(encoding="utf-8").replace(printed, changed), "utf-8")

    def run(self) -> dg.ExecuteInProcessResult:
        vocabulary = load_vocabulary(CONTRACT)
        for document_id, path in list_inbox(self.inbox).items():
            stage_document(
                path, document_id, vocabulary=vocabulary,
                documents_dir=self.warehouse.layout.documents_dir,
                limits=self.warehouse.extraction_limits,
            )
        job = self.definitions.resolve_job_def("build_and_publish")
        return job.execute_in_process(raise_on_error=False)


def evaluations(result):
    return {
        evaluation.check_name: evaluation
        for evaluation in (
            event.asset_check_evaluation_data
            for event in result.all_events
            if event.event_type_value == "ASSET_CHECK_EVALUATION"
        )
    }


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory):
    pipeline = Pipeline(tmp_path_factory.mktemp("asset_checks"))
    pipeline.first_result = pipeline.run()
    return pipeline


def test_the_five_decks_pass_every_blocking_check_and_publish(pipeline):
    result = pipeline.first_result
    assert result.success
    checks = evaluations(result)
    assert set(checks) == {
        "accounting_identities", "cross_document", "parts_sum_to_whole", "period_over_period",
        "ratio_identities", "repeated_figures", "time_consistency", "gx_stg_cells",
        "gx_fact_metric", "gx_fact_metric_current", "gx_dim_segment", "gx_dim_document",
        "reviewed_exceptions", "held_back_documents",
    }
    assert checks["held_back_documents"].passed
    parts = checks["parts_sum_to_whole"]
    assert parts.passed and parts.asset_key == dg.AssetKey("fact_metric")
    assert parts.metadata["comparisons"].value == 40 and parts.metadata["failed"].value == 0
    # the reviewed slip of document 004 warns without blocking
    ratios = checks["ratio_identities"]
    assert not ratios.passed and ratios.severity == dg.AssetCheckSeverity.WARN
    assert ratios.metadata["warned"].value == 1
    assert r"SG&A/R&D \| % of Revenues 3Q08" in ratios.metadata["failing_cases"].value
    with duckdb.connect(str(pipeline.warehouse.layout.database), read_only=True) as connection:
        [(rows, blocking)] = connection.execute(
            "select count(*), count(*) filter (where status = 'fail' and severity = 'blocking') "
            "from marts.check_results"
        ).fetchall()
    assert rows > 400 and blocking == 0
    assert (pipeline.warehouse.layout.data_docs_dir / "index.html").is_file()


def test_a_figure_changed_in_place_is_held_back_and_its_last_good_version_stays(pipeline):
    with duckdb.connect(str(pipeline.warehouse.layout.database), read_only=True) as connection:
        [(last_good,)] = connection.execute(
            "select document_id from marts.dim_document where source_file = ?", [DOC_2Q06]
        ).fetchall()
    pipeline.change(DOC_2Q06, "Equipment Sales\t531\t", "Equipment Sales\t541\t")
    [changed] = [
        document_id for document_id, path in list_inbox(pipeline.inbox).items()
        if path.name == DOC_2Q06
    ]
    result = pipeline.run()
    assert result.success
    checks = evaluations(result)
    parts = checks["parts_sum_to_whole"]
    # contained: a failed check that does not block the others
    assert not parts.passed and parts.severity == dg.AssetCheckSeverity.WARN
    assert parts.metadata["failed"].value == 1
    assert r"Equipment Sales \| 1Q04 = 541" in parts.metadata["failing_cases"].value
    held = checks["held_back_documents"]
    assert not held.passed and held.metadata["held_back"].value == 1
    assert changed in held.metadata["documents"].value
    assert (
        f"revenues/equipment_sales FY2004-Q1 printed 541 ({DOC_2Q06} line 81, column 2, table t03)"
        in held.metadata["failing_cases"].value
    )
    with duckdb.connect(str(pipeline.warehouse.layout.database), read_only=True) as connection:
        documents = dict(connection.execute(
            "select document_id, status from marts.dim_document where source_file = ?", [DOC_2Q06]
        ).fetchall())
        equipment_sales = connection.execute(
            "select document_id, reported_text from marts.fact_metric where segment_id = "
            "'equipment_sales' and period_id = 'FY2004-Q1' and measure = 'amount'"
        ).fetchall()
        [(reason,)] = connection.execute(
            "select held_back_reason from marts.dim_document where document_id = ?", [changed]
        ).fetchall()
    assert documents == {last_good: "ok", changed: "held_back"}
    assert equipment_sales == [(last_good, "531")]
    assert "printed 541" in reason and "line 81" in reason
