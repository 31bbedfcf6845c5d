"""The Dagster UI as `make dev` serves it: a real `dagster dev` on the project, in a temporary
instance (the project's dagster_instance.yaml) and warehouse, on a free localhost port, asked
through the GraphQL API the browser uses. No browser: it runs in CI.

It lists what the Definitions hold (assets with their group, kinds and owner, asset checks,
jobs, schedules, sensors), and a run launched from it stages a deck, builds, checks and
publishes the warehouse with its chart and data dictionary, whose metadata the UI then shows.
The server is always killed, and the whole module is bounded to two minutes.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from pipelines.definitions import defs
from reporting.dictionary import COMMITTED_COPY
from warehousing.inbox import list_inbox
from warehousing.project import PROJECT_ROOT

DECK = "000_2853c62026f2b50d.txt"
# The dagster command of the interpreter running the tests (the project's virtualenv).
DAGSTER = Path(sys.executable).parent / "dagster"
MODULE_BUDGET_SECONDS = 115
STOP_GRACE_SECONDS = 5
# What the project is known to have; otherwise the test follows `defs`.
KNOWN_JOBS = {
    "extract_documents_job", "build_warehouse_job", "full_refresh_job", "ingest_documents_job",
}
KNOWN_SCHEDULES = {"full_refresh_schedule"}
KNOWN_SENSORS = {"inbox_sensor"}
FINISHED = {"SUCCESS", "FAILURE", "CANCELED"}
# The job Dagster makes of all assets for runs launched from an asset selection.
HIDDEN_ASSET_JOB = "__ASSET_JOB"

REPOSITORY_QUERY = """
{ workspaceOrError { ... on Workspace { locationEntries { name loadStatus
  locationOrLoadError { __typename
    ... on PythonError { message }
    ... on RepositoryLocation { name repositories { name
      jobs { name } schedules { name } sensors { name sensorState { id status } } } } } } } } }
"""
ASSETS_QUERY = """
{ assetNodes { assetKey { path } groupName kinds description
  owners { ... on TeamAssetOwner { team } ... on UserAssetOwner { email } }
  assetChecksOrError { ... on AssetChecks { checks { name description blocking
    executionForLatestMaterialization { runId status evaluation { severity } } } } } } }
"""
METADATA_QUERY = """
query($keys: [AssetKeyInput!]) { assetNodes(assetKeys: $keys) { assetKey { path }
  assetMaterializations(limit: 1) { runId metadataEntries { label
    ... on IntMetadataEntry { intValue } ... on TextMetadataEntry { text }
    ... on MarkdownMetadataEntry { mdStr } ... on PathMetadataEntry { path }
    ... on UrlMetadataEntry { url }
    ... on TableSchemaMetadataEntry { schema { columns { name type description } } } } } } }
"""


@dataclass
class DagsterUI:
    url: str
    location: str
    repository: str
    inbox: Path
    warehouse: Path
    deadline: float

    def graphql(self, query: str, variables: dict | None = None) -> dict:
        request = urllib.request.Request(
            f"{self.url}/graphql",
            json.dumps({"query": query, "variables": variables or {}}).encode(),
            {"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            answer = json.load(response)
        assert "errors" not in answer, answer["errors"]
        return answer["data"]

    @property
    def selector(self) -> dict:
        return {"repositoryLocationName": self.location, "repositoryName": self.repository}

    def repository_entry(self) -> dict:
        [entry] = self.graphql(REPOSITORY_QUERY)["workspaceOrError"]["locationEntries"]
        [repository] = entry["locationOrLoadError"]["repositories"]
        return repository

    def remaining(self) -> float:
        return self.deadline - time.monotonic()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_location(url: str, server: subprocess.Popen, log: Path, deadline: float) -> dict:
    """The loaded code location entry, once the server answers and has loaded the project."""
    request = urllib.request.Request(
        f"{url}/graphql", json.dumps({"query": REPOSITORY_QUERY}).encode(),
        {"Content-Type": "application/json"},
    )
    while time.monotonic() < deadline:
        assert server.poll() is None, f"dagster dev exited:\n{log.read_text()[-3000:]}"
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                entries = json.load(response)["data"]["workspaceOrError"]["locationEntries"]
        except (urllib.error.URLError, ConnectionError, TimeoutError, KeyError, TypeError):
            entries = []
        if entries and entries[0]["loadStatus"] == "LOADED":
            location = entries[0]["locationOrLoadError"]
            assert location["__typename"] == "RepositoryLocation", location
            return location
        time.sleep(0.5)
    raise AssertionError(f"the UI did not load the project in time:\n{log.read_text()[-3000:]}")


def stop(server: subprocess.Popen) -> None:
    """End the server and everything it started (its own process group)."""
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        server.wait(STOP_GRACE_SECONDS)
    # The webserver, daemon and code server share the group; some outlive a graceful stop.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGKILL)
    server.wait(STOP_GRACE_SECONDS)


@pytest.fixture(scope="module")
def ui(tmp_path_factory) -> Iterator[DagsterUI]:
    deadline = time.monotonic() + MODULE_BUDGET_SECONDS
    base = tmp_path_factory.mktemp("dagster_ui")
    home = base / "dagster_home"
    home.mkdir()
    shutil.copy(PROJECT_ROOT / "dagster_instance.yaml", home / "dagster.yaml")
    # The inbox starts empty, so that no sensor has a document to start a run for.
    inbox = base / "inbox"
    inbox.mkdir()
    warehouse = base / "warehouse" / "iij.duckdb"
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "IIJ_SOURCES_DIR": str(inbox),
        "IIJ_WAREHOUSE_PATH": str(warehouse),
        "IIJ_STAGING_DIR": str(base / "staging"),
    }
    port = free_port()
    log = base / "dagster_dev.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [str(DAGSTER), "dev", "-w", "workspace.yaml", "-h", "127.0.0.1", "-p", str(port)],
            cwd=PROJECT_ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        location = wait_for_location(url, server, log, deadline)
        [repository] = location["repositories"]
        yield DagsterUI(url, location["name"], repository["name"], inbox, warehouse, deadline)
    finally:
        stop(server)


def expected_assets() -> dict[str, object]:
    return {node.key.to_user_string(): node for node in defs.resolve_asset_graph().asset_nodes}


def test_the_ui_lists_every_asset_with_its_description_group_kinds_and_owner(ui):
    shown = {
        "/".join(node["assetKey"]["path"]): node
        for node in ui.graphql(ASSETS_QUERY)["assetNodes"]
    }
    expected = expected_assets()
    assert set(shown) == set(expected)
    assert {"document_extracts", "fact_metric", "published_warehouse",
            "revenues_and_margins_chart", "data_dictionary", "vocabulary_review"} <= set(shown)
    for name, node in expected.items():
        assert shown[name]["groupName"] == node.group_name, name
        assert set(shown[name]["kinds"]) == set(node.kinds), name
        assert shown[name]["description"] == node.description, name
        assert [f"team:{owner['team']}" for owner in shown[name]["owners"]] == list(node.owners)


def test_the_ui_lists_every_asset_check(ui):
    shown = {
        ("/".join(node["assetKey"]["path"]), check["name"]): check
        for node in ui.graphql(ASSETS_QUERY)["assetNodes"]
        for check in node["assetChecksOrError"]["checks"]
    }
    graph = defs.resolve_asset_graph()
    expected = {(key.asset_key.to_user_string(), key.name) for key in graph.asset_check_keys}
    assert set(shown) == expected
    assert {("fact_metric", "accounting_identities"), ("fact_metric", "reviewed_exceptions"),
            ("dim_document", "gx_dim_document")} <= set(shown)
    assert shown[("fact_metric", "accounting_identities")]["blocking"] is True


def test_the_ui_lists_every_job_schedule_and_sensor(ui):
    repository = ui.repository_entry()
    definitions = defs.get_repository_def()
    shown_jobs = {job["name"] for job in repository["jobs"]} - {HIDDEN_ASSET_JOB}
    expected_jobs = {job.name for job in definitions.get_all_jobs()} - {HIDDEN_ASSET_JOB}
    assert shown_jobs == expected_jobs
    assert shown_jobs >= KNOWN_JOBS
    shown_schedules = {schedule["name"] for schedule in repository["schedules"]}
    assert shown_schedules == {schedule.name for schedule in definitions.schedule_defs}
    assert shown_schedules >= KNOWN_SCHEDULES
    shown_sensors = {sensor["name"] for sensor in repository["sensors"]}
    assert shown_sensors == {sensor.name for sensor in definitions.sensor_defs}
    assert shown_sensors >= KNOWN_SENSORS


def test_a_run_launched_from_the_ui_publishes_the_warehouse_its_chart_and_dictionary(ui):
    # Sensors are stopped as a user would stop them in the UI: the run is the test's alone.
    for sensor in ui.repository_entry()["sensors"]:
        stopped = ui.graphql(
            "mutation($id: String) { stopSensor(id: $id) { __typename "
            "... on StopSensorMutationResult { instigationState { status } } } }",
            {"id": sensor["sensorState"]["id"]},
        )["stopSensor"]
        assert stopped["instigationState"]["status"] == "STOPPED", stopped
    shutil.copy(PROJECT_ROOT / "sources" / DECK, ui.inbox / DECK)
    [document_id] = list_inbox(ui.inbox)
    added = ui.graphql(
        "mutation($repo: RepositorySelector!, $key: String!) { addDynamicPartition("
        "repositorySelector: $repo, partitionsDefName: \"documents\", partitionKey: $key) "
        "{ __typename } }",
        {"repo": ui.selector, "key": document_id},
    )["addDynamicPartition"]
    assert added["__typename"] == "AddDynamicPartitionSuccess", added
    launched = ui.graphql(
        "mutation($params: ExecutionParams!) { launchRun(executionParams: $params) { "
        "__typename ... on LaunchRunSuccess { run { runId } } ... on PythonError { message } } }",
        {"params": {
            "selector": {**ui.selector, "jobName": "full_refresh_job"},
            "executionMetadata": {"tags": [{"key": "dagster/partition", "value": document_id}]},
        }},
    )["launchRun"]
    assert launched["__typename"] == "LaunchRunSuccess", launched
    run_id = launched["run"]["runId"]
    status = "QUEUED"
    while status not in FINISHED and ui.remaining() > 0:
        time.sleep(1)
        status = ui.graphql(
            "query($id: ID!) { runOrError(runId: $id) { ... on Run { status } } }", {"id": run_id}
        )["runOrError"]["status"]
    assert status == "SUCCESS", f"run {run_id} is {status}"

    with duckdb.connect(str(ui.warehouse), read_only=True) as connection:
        [(facts, quarantined)] = connection.execute(
            "select facts, quarantined from marts.dim_document where document_id = ?",
            [document_id],
        ).fetchall()
        [(fact_rows,)] = connection.execute("select count(*) from marts.fact_metric").fetchall()
    assert facts > 50 and fact_rows == facts

    metadata = materialization_metadata(ui, run_id)
    extract = metadata["document_extracts"]
    assert (extract["facts"]["intValue"], extract["quarantined_cells"]["intValue"]) == (
        facts, quarantined,
    )
    fact_metric = metadata["fact_metric"]
    assert fact_metric["dagster/row_count"]["intValue"] == fact_rows
    columns = {c["name"]: c for c in fact_metric["dagster/column_schema"]["schema"]["columns"]}
    assert columns["value"]["type"] == "DOUBLE"
    assert columns["value"]["description"].startswith("The figure, normalized")
    assert fact_metric["preview"]["mdStr"].startswith("| document_id | table_id | metric_id |")
    published = metadata["published_warehouse"]
    assert published["path"]["path"] == str(ui.warehouse)
    assert published["facts"]["intValue"] == facts
    assert f"| {DECK} | ok | {facts} | {quarantined} |" in published["coverage"]["mdStr"]
    docs_index = ui.warehouse.parent / "data_docs" / "index.html"
    assert published["data_docs_url"]["url"] == docs_index.as_uri() and docs_index.is_file()
    chart = metadata["revenues_and_margins_chart"]
    assert chart["chart"]["mdStr"].startswith("![") and "(data:image/png;base64," in (
        chart["chart"]["mdStr"]
    )
    assert Path(chart["path"]["path"]).read_bytes()[:4] == b"\x89PNG"
    dictionary = Path(metadata["data_dictionary"]["path"]["path"])
    assert dictionary.read_text(encoding="utf-8") == COMMITTED_COPY.read_text(encoding="utf-8")
    review = metadata["vocabulary_review"]
    assert review["review"]["mdStr"] == Path(review["path"]["path"]).read_text(encoding="utf-8")
    assert review["review"]["mdStr"].startswith("| row label | cells | documents |")
    # every row label of this deck is in the vocabulary
    assert review["unmapped_labels"]["intValue"] == 0
    assert "(none: every row label was in the vocabulary)" in review["review"]["mdStr"]

    # Every asset check ran in this run, and none failed at blocking severity.
    for node in ui.graphql(ASSETS_QUERY)["assetNodes"]:
        for check in node["assetChecksOrError"]["checks"]:
            execution = check["executionForLatestMaterialization"]
            assert execution and execution["runId"] == run_id, check["name"]
            assert execution["status"] == "SUCCEEDED" or (
                execution["evaluation"]["severity"] == "WARN"
            ), check


def materialization_metadata(ui: DagsterUI, run_id: str) -> dict[str, dict[str, dict]]:
    """Each asset's metadata entries, by label, as the UI shows its latest materialization."""
    nodes = ui.graphql(METADATA_QUERY)["assetNodes"]
    metadata = {}
    for node in nodes:
        [materialization] = node["assetMaterializations"]
        assert materialization["runId"] == run_id
        metadata["/".join(node["assetKey"]["path"])] = {
            entry["label"]: entry for entry in materialization["metadataEntries"]
        }
    return metadata
