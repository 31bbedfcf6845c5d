"""The warehouse checks as Dagster asset checks, in a build-and-publish job over the real assets:
the five decks publish; a copy with one printed figure changed fails its blocking check, and the
warehouse published before stays exactly as it was."""

import hashlib
import shutil

import dagster as dg
import duckdb
import pytest

from assets.checks import check_results, warehouse_checks
from assets.models import warehouse_models
from assets.publish import published_warehouse
from assets.resources import WarehouseResource
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
            resources={"warehouse": self.warehouse},
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

    def published_state(self) -> dict[str, str]:
        folder = self.warehouse.layout.folder
        files = [self.warehouse.layout.database, *sorted((folder / "parquet").rglob("*.*")),
                 *sorted((folder / "data_docs").rglob("*.html"))]
        return {str(path): hashlib.sha256(path.read_bytes()).hexdigest() for path in files}


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
        "reviewed_exceptions",
    }
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


def test_a_changed_figure_fails_its_check_and_nothing_is_published(pipeline):
    before = pipeline.published_state()
    pipeline.change(DOC_2Q06, "Equipment Sales\t531\t", "Equipment Sales\t541\t")
    result = pipeline.run()
    assert not result.success
    checks = evaluations(result)
    parts = checks["parts_sum_to_whole"]
    assert not parts.passed and parts.severity == dg.AssetCheckSeverity.ERROR
    assert parts.metadata["failed"].value == 1
    assert r"Equipment Sales \| 1Q04 = 541" in parts.metadata["failing_cases"].value
    assert all(
        evaluation.passed or evaluation.severity == dg.AssetCheckSeverity.WARN
        for name, evaluation in checks.items() if name != "parts_sum_to_whole"
    )
    materialized = {
        event.asset_key.to_user_string()
        for event in result.all_events if event.event_type_value == "ASSET_MATERIALIZATION"
    }
    assert "fact_metric" in materialized
    assert not {"check_results", "published_warehouse"} & materialized
    assert pipeline.published_state() == before
