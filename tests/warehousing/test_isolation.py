"""Calls run each in a process of its own: one over its time or memory limit, or dying, is
stopped with the reason, and the others finish."""

import operator
import os
import re
import time

from warehousing.isolation import Call, Done, Stopped, run_isolated
from warehousing.limits import BYTES_PER_MB, ExtractionLimits


def test_a_call_over_its_time_or_memory_limit_is_stopped_and_the_others_finish():
    calls = [
        Call("sleeps", time.sleep, (60,)),
        Call("grows", operator.mul, (b"x", 400 * BYTES_PER_MB)),
        Call("dies", os._exit, (3,)),
        Call("adds", operator.add, (2, 3)),
    ]
    limits = ExtractionLimits(timeout_s=3, memory_mb=200)
    started = time.monotonic()
    outcomes = {
        outcome.key: outcome for outcome in run_isolated(calls, workers=2, limits=limits)
    }
    assert time.monotonic() - started < 20
    assert outcomes["adds"] == Done("adds", 5)
    assert outcomes["sleeps"] == Stopped("sleeps", "stopped after 3 s, its time limit")
    assert re.fullmatch(
        r"stopped at \d+ MB of memory, over its 200 MB limit", outcomes["grows"].reason
    )
    assert outcomes["dies"] == Stopped("dies", "its process died (exit code 3)")
