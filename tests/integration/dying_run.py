"""A run that waits until it is killed, in a process of its own:

    python -m tests.integration.dying_run <started file>

It runs in the instance at $DAGSTER_HOME with the publishing tag, writes its run id to the
started file once its step runs, then sleeps: the test kills the process as a crash would.
"""

import sys
import time
from pathlib import Path

import dagster as dg

from pipelines.definitions import PUBLISHES


@dg.op
def wait_to_be_killed(context: dg.OpExecutionContext) -> None:
    Path(sys.argv[1]).write_text(context.run_id)
    time.sleep(600)


@dg.job(tags=PUBLISHES, executor_def=dg.in_process_executor)
def waiting_job() -> None:
    wait_to_be_killed()


if __name__ == "__main__":
    with dg.DagsterInstance.get() as instance:
        dg.execute_job(dg.reconstructable(waiting_job), instance)
