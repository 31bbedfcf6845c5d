"""Run calls each in a process of its own, a few at a time, within a time and memory limit.

One bad input must not take the others down: a call that runs too long, grows too large or
crashes its interpreter ends as a `Stopped` outcome with the reason, and the other calls carry
on. Processes come from a fork server that has imported `PRELOADED_MODULES` once, so starting
one per call costs milliseconds, and none of them inherits the threads or connections of the
process that starts them.

A fork-server child imports its parent's `__main__` module first (so that it could unpickle
what `__main__` defines): for the CLI or a Dagster worker that is all of Dagster, a second per
call. The calls run here are functions of the project's modules, never of `__main__`, so the
children are started without it.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import os
import sys
import time
import types
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from warehousing.limits import BYTES_PER_MB, ExtractionLimits

# What staging a document imports; pyarrow imports pandas the first time it converts a date.
PRELOADED_MODULES = ["warehousing.staging", "pandas"]
POLL_SECONDS = 0.1
_PAGE_BYTES = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass(frozen=True)
class Call:
    key: Hashable
    function: Callable[..., Any]
    args: tuple


@dataclass(frozen=True)
class Done:
    key: Hashable
    value: Any


@dataclass(frozen=True)
class Stopped:
    key: Hashable
    reason: str


@dataclass
class _Running:
    call: Call
    process: multiprocessing.process.BaseProcess
    results: Connection
    started: float


def run_isolated(
    calls: Sequence[Call], *, workers: int, limits: ExtractionLimits
) -> Iterator[Done | Stopped]:
    """Each call's outcome, in the order they finish; at most `workers` processes at a time.

    An exception raised by a call is not caught here: it reaches the caller, as it would
    without isolation. Only what kills or stops the process becomes `Stopped`.
    """
    context = _forkserver_context()
    waiting = list(reversed(calls))
    running: list[_Running] = []
    try:
        while waiting or running:
            while waiting and len(running) < workers:
                running.append(_start(context, waiting.pop()))
            wait(
                [item.results for item in running] + [item.process.sentinel for item in running],
                timeout=POLL_SECONDS,
            )
            for item in list(running):
                outcome = _outcome(item, limits)
                if outcome is not None:
                    running.remove(item)
                    yield outcome
    finally:
        for item in running:
            _stop(item)


def start_fork_server() -> None:
    """Start the fork server without waiting for it: it imports `PRELOADED_MODULES` (about a
    second) in a process of its own, beside whatever the caller does until its first call runs.
    Processes started later in this process come from it; their standard streams are those of
    this process now."""
    _forkserver_context()
    with _main_module_hidden():
        multiprocessing.forkserver.ensure_running()


def _forkserver_context() -> multiprocessing.context.ForkServerContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOADED_MODULES)
    return context


def _start(context, call: Call) -> _Running:
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, call.function, call.args), daemon=True)
    with _main_module_hidden():
        process.start()
    sender.close()
    return _Running(call, process, receiver, time.monotonic())


@contextmanager
def _main_module_hidden() -> Iterator[None]:
    """While a process starts, `__main__` is an empty module: the child does not import it."""
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


def _child(results: Connection, function: Callable[..., Any], args: tuple) -> None:
    try:
        outcome = (True, function(*args))
    except Exception as exc:
        # Sent back, to be raised in the parent, as if the call had run there.
        outcome = (False, exc)
    results.send(outcome)
    results.close()


def _outcome(item: _Running, limits: ExtractionLimits) -> Done | Stopped | None:
    """What became of a running call: None while it runs within its limits. Raises what the
    call raised."""
    if item.results.poll():
        try:
            succeeded, value = item.results.recv()
        except EOFError:
            return _ended(item, _death(item))
        item.process.join()
        item.results.close()
        if not succeeded:
            raise value
        return Done(item.call.key, value)
    if not item.process.is_alive():
        return _ended(item, _death(item))
    elapsed = time.monotonic() - item.started
    if elapsed > limits.timeout_s:
        return _ended(item, f"stopped after {limits.timeout_s:g} s, its time limit")
    resident = resident_mb(item.process.pid)
    if resident is not None and resident > limits.memory_mb:
        return _ended(
            item,
            f"stopped at {resident:.0f} MB of memory, over its {limits.memory_mb:g} MB limit",
        )
    return None


def _ended(item: _Running, reason: str) -> Stopped:
    _stop(item)
    return Stopped(item.call.key, reason)


def _death(item: _Running) -> str:
    item.process.join(timeout=1)
    code = item.process.exitcode
    how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
    return f"its process died ({how})"


def _stop(item: _Running) -> None:
    if item.process.is_alive():
        item.process.kill()
    item.process.join()
    item.results.close()


def resident_mb(pid: int | None) -> float | None:
    """Resident memory of a process from /proc (Linux); None where there is no /proc."""
    try:
        with open(f"/proc/{pid}/statm") as statm:
            resident_pages = int(statm.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return resident_pages * _PAGE_BYTES / BYTES_PER_MB
