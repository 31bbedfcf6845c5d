"""Runs whose process died are failed, so that nothing waits behind them.

A run killed with its process (SIGKILL, a machine restart, a closed terminal) stays STARTED in the
instance for good: its publishing tag then holds the `iij/publishes` queue (dagster.yaml) and
every later publishing run waits QUEUED behind it, and publishing keeps its build as one in
progress. Dagster's run monitoring (enabled in dagster_instance.yaml) fails runs that never
start, but the default run launcher cannot tell whether a started run's worker is alive, and a
run of the CLI (`execute_job`) has no launcher at all. The process that started a run is named
by its RUN_START event (its pid); a run whose process is gone is failed here, by the CLI before
it runs and by `dead_runs_sensor` under the daemon. Runs are taken to be on this machine, as the
instance's SQLite storage is.
"""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

# A process that started after the run's RUN_START event (plus the second `btime` is rounded
# to) is another process that was given the same pid.
START_TIME_TOLERANCE_S = 1.0


def fail_dead_runs(instance: dg.DagsterInstance) -> list[str]:
    """Fail every STARTED run whose process is no longer running; returns their ids."""
    failed = []
    for run in instance.get_runs(dg.RunsFilter(statuses=[dg.DagsterRunStatus.STARTED])):
        starts = instance.all_logs(run.run_id, of_type=dg.DagsterEventType.RUN_START)
        if not starts or starts[-1].dagster_event is None:
            continue
        pid = starts[-1].dagster_event.pid
        if pid is None or process_alive(pid, started_by=starts[-1].timestamp):
            continue
        instance.report_run_failed(
            run, f"the run's process (pid {pid}) is no longer running: it died or was killed"
        )
        failed.append(run.run_id)
    return failed


def process_alive(pid: int, started_by: float) -> bool:
    """Whether process `pid` runs and is the one that was running at time `started_by`."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: alive
    started = _process_start_time(pid)
    return started is None or started <= started_by + START_TIME_TOLERANCE_S


def _process_start_time(pid: int) -> float | None:
    """When the process started (seconds since the epoch), where /proc tells it (Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        boot = next(
            float(line.split()[1])
            for line in Path("/proc/stat").read_text().splitlines()
            if line.startswith("btime ")
        )
    except (OSError, StopIteration, IndexError):
        return None
    # Field 22 of stat (the 20th after the command's closing parenthesis): start in clock ticks.
    return boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")


@dg.sensor(
    name="dead_runs_sensor",
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Fails runs whose process died, so that the publishing queue never waits "
    "behind them.",
)
def dead_runs_sensor(context: dg.SensorEvaluationContext) -> dg.SkipReason:
    failed = fail_dead_runs(context.instance)
    if failed:
        context.log.warning(f"failed {len(failed)} runs whose process died: {failed}")
    return dg.SkipReason(f"{len(failed)} dead runs failed" if failed else "no dead run")
