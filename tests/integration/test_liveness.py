"""A run whose process died is failed, so that the publishing queue does not wait behind it."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import yaml

from pipelines.definitions import PUBLISHES
from pipelines.liveness import fail_dead_runs, process_alive

ROOT = Path(__file__).resolve().parents[2]


def instance_home(tmp_path: Path) -> Path:
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(ROOT / "dagster_instance.yaml", home / "dagster.yaml")
    return home


def test_the_instance_settings_load_with_run_monitoring_on(tmp_path):
    with dg.DagsterInstance.from_config(str(instance_home(tmp_path))) as instance:
        assert instance.run_monitoring_enabled
        # The default run launcher cannot resume a run: a dead one is failed, never retried.
        assert instance.run_monitoring_max_resume_run_attempts == 0
        assert instance.run_monitoring_start_timeout_seconds == 180
    limits = yaml.safe_load((ROOT / "dagster_instance.yaml").read_text())["concurrency"]
    [(key, value)] = PUBLISHES.items()
    assert {"key": key, "limit": 1} in limits["runs"]["tag_concurrency_limits"]
    assert value == "warehouse"


def test_a_killed_run_is_failed_and_a_running_one_is_not(tmp_path):
    home = instance_home(tmp_path)
    started = tmp_path / "started"
    env = {**os.environ, "DAGSTER_HOME": str(home)}
    dying = subprocess.Popen(
        [sys.executable, "-m", "tests.integration.dying_run", str(started)], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while not started.exists() and dying.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        run_id = started.read_text()
        with dg.DagsterInstance.from_config(str(home)) as instance:
            # While its process runs, the run is left alone.
            assert fail_dead_runs(instance) == []
            os.kill(dying.pid, signal.SIGKILL)
            dying.wait(timeout=30)
            assert instance.get_run_by_id(run_id).status == dg.DagsterRunStatus.STARTED
            assert fail_dead_runs(instance) == [run_id]
            run = instance.get_run_by_id(run_id)
            assert run.status == dg.DagsterRunStatus.FAILURE
            assert run.tags["iij/publishes"] == "warehouse"
            [failure] = instance.all_logs(run_id, of_type=dg.DagsterEventType.RUN_FAILURE)
            assert f"(pid {dying.pid}) is no longer running" in failure.message
            assert fail_dead_runs(instance) == []
    finally:
        dying.kill()


def test_a_reused_pid_is_not_taken_for_the_run_s_process():
    # This process runs, but a run that started ten days ago, before this process did, was
    # started by another process that had the same pid.
    assert process_alive(os.getpid(), started_by=time.time())
    assert not process_alive(os.getpid(), started_by=time.time() - 10 * 24 * 3600)
