"""A publisher of a small build, run as a process of its own so that a test can kill it or slow it
at a step of its publish:

    python -m tests.integration.publisher <warehouse file> <run id> [kill|sleep <step>]

`kill <step>` sends SIGKILL to itself right after that step (a crash: no cleanup runs);
`sleep <step>` waits SLEEP_SECONDS there, holding the warehouse's lock.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

from tests.warehousing.builds import make_build
from warehousing.layout import WarehouseLayout
from warehousing.publishing import publish_build

SLEEP_SECONDS = 2.0


def main(warehouse: str, run_id: str, action: str = "", at_step: str = "") -> None:
    layout = WarehouseLayout.at(Path(warehouse))

    def after_step(step: str) -> None:
        if step == at_step and action == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        if step == at_step and action == "sleep":
            print(f"{run_id} holds the lock", flush=True)
            time.sleep(SLEEP_SECONDS)

    make_build(layout.database, run_id, [1] * (1 + int(run_id.rsplit("-", 1)[-1])))
    publish_build(layout, run_id, after_step=after_step)
    print(f"{run_id} published at {time.monotonic()}", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
