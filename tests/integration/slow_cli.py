"""The CLI with its publish slowed, holding the warehouse's lock, as a slow disk would:

    python -m tests.integration.slow_cli <seconds> <cli arguments>

Each step runs in the CLI's process (the in-process executor), so the patched publish is the one
the `published_warehouse` asset calls.
"""

import sys
import time

from warehousing import publishing

SLOWED_STEP = "switched"
publish_build = publishing.publish_build


def slowed_publish_build(*arguments, **keywords):
    def after_step(step: str) -> None:
        if step == SLOWED_STEP:
            print(f"publishing, holding the lock for {sys.argv[1]} s", flush=True)
            time.sleep(float(sys.argv[1]))

    return publish_build(*arguments, after_step=after_step, **keywords)


publishing.publish_build = slowed_publish_build

if __name__ == "__main__":
    from pipelines.cli import main

    sys.exit(main(sys.argv[2:]))
