"""One publisher at a time per warehouse folder, whoever starts it.

The instance's run queue (`iij/publishes`) orders the runs the daemon launches, but not the CLI's
(`execute_job` bypasses the queue), nor runs of another instance on a shared folder. The lock is
a file lock on `<warehouse folder>/.publish.lock`, which every publisher takes: `flock` is held
by the open file, released when it is closed or its process dies (so a crash never leaves it
taken), and works across machines on NFS (Linux maps it to an NFS lock).
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

POLL_S = 0.1


class LockTimeout(TimeoutError):
    """Another run held the warehouse's lock for longer than this run may wait."""


@contextmanager
def held(lock_file: Path, timeout_s: float) -> Iterator[None]:
    """Hold the exclusive lock on `lock_file`, waiting at most `timeout_s` for it."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(descriptor, lock_file, timeout_s)
        yield
    finally:
        # Closing the descriptor releases the lock.
        os.close(descriptor)


def _acquire(descriptor: int, lock_file: Path, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise LockTimeout(
                    f"another run has been publishing to {lock_file.parent} for over "
                    f"{timeout_s:g} s (it holds {lock_file.name}); nothing was published. "
                    "Run again once it is done, or raise IIJ_PUBLISH_LOCK_TIMEOUT_S"
                ) from None
            time.sleep(POLL_S)
