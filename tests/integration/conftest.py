"""The pipeline of the five decks and two unreadable files, run once per test module that uses
it, as `make run` runs it."""

import random
import shutil

import pytest

from tests.integration.inboxes import ROOT, Pipeline, pipeline_in, run_pipeline


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory) -> Pipeline:
    base = tmp_path_factory.mktemp("pipeline")
    inbox = shutil.copytree(ROOT / "sources", base / "inbox")
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "random.pdf").write_bytes(random.Random(7).randbytes(4096))
    dagster_home = base / "dagster_home"
    dagster_home.mkdir()
    (dagster_home / "dagster.yaml").touch()
    return run_pipeline(pipeline_in(base, inbox, dagster_home))
