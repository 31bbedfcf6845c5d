"""Where the expectation suites run: in this process, or in a process of their own started early.

Importing Great Expectations takes seconds. A `ValidationProcess` is a Python process that
imports it as soon as it starts, then validates the batches it is sent, one request at a time,
and builds their Data Docs: started when a run that checks begins, its imports overlap the steps
before the checks on another core, and the suites run beside the rules instead of after them.
`InProcessValidator` validates in the calling process, importing GX when first needed.

Both follow the same protocol: `start` hands the batches over, `results` waits for their
results. Requests and replies cross the process boundary pickled, over the child's standard
input and output (the child's own output goes to standard error).

`python -m checks.validation_child` is the child.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from checks.batches import ExpectationBatches
from checks.results import CheckResult

# How long a closing child may take to finish before it is killed.
CLOSE_TIMEOUT_S = 10


class Validator(Protocol):
    def start(self, batches: ExpectationBatches, docs_dir: Path) -> None:
        """Hand the batches over; their Data Docs go into `docs_dir`."""

    def results(self) -> list[CheckResult]:
        """The results of the batches last started."""


@dataclass(frozen=True)
class ValidationRequest:
    batches: ExpectationBatches
    docs_dir: Path


@dataclass(frozen=True)
class Validated:
    results: list[CheckResult]


@dataclass(frozen=True)
class ValidationFailed:
    traceback: str


class InProcessValidator:
    """Validates in this process when the results are asked for."""

    def __init__(self) -> None:
        self._request: ValidationRequest | None = None

    def start(self, batches: ExpectationBatches, docs_dir: Path) -> None:
        self._request = ValidationRequest(batches, docs_dir)

    def results(self) -> list[CheckResult]:
        # Imported here: only a run that validates pays for Great Expectations.
        from checks.expectations import validate

        if self._request is None:
            raise RuntimeError("no batches were started")
        request, self._request = self._request, None
        return validate(request.batches, request.docs_dir)


class ValidationProcess:
    """Validates in a child process that imports Great Expectations as soon as it starts."""

    def __init__(self) -> None:
        self._child = subprocess.Popen(
            [sys.executable, "-m", "checks.validation_child"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        self._waiting = False

    def start(self, batches: ExpectationBatches, docs_dir: Path) -> None:
        if self._waiting:
            raise RuntimeError("the results of the batches started before were not read")
        try:
            pickle.dump(ValidationRequest(batches, docs_dir), self._child.stdin)
            self._child.stdin.flush()
        except BrokenPipeError:
            raise self._ended() from None
        self._waiting = True

    def results(self) -> list[CheckResult]:
        if not self._waiting:
            raise RuntimeError("no batches were started")
        self._waiting = False
        try:
            reply = pickle.load(self._child.stdout)
        except EOFError:
            raise self._ended() from None
        if isinstance(reply, ValidationFailed):
            raise RuntimeError(f"the validation process failed:\n{reply.traceback}")
        return reply.results

    def close(self) -> None:
        """End the child: it finishes on the end of its input, or is killed."""
        if self._child.poll() is None:
            try:
                self._child.stdin.close()
                self._child.wait(timeout=CLOSE_TIMEOUT_S)
            except (BrokenPipeError, subprocess.TimeoutExpired):
                self._child.kill()
                self._child.wait()
        self._child.stdout.close()

    def _ended(self) -> RuntimeError:
        code = self._child.wait()
        return RuntimeError(f"the validation process ended (exit code {code}) before replying")


def serve(requests: BinaryIO, replies: BinaryIO) -> None:
    """Validate each request read from `requests` until its end, replying on `replies`."""
    from checks.expectations import validate

    while True:
        try:
            request = pickle.load(requests)
        except EOFError:
            return
        try:
            reply: Validated | ValidationFailed = Validated(
                validate(request.batches, request.docs_dir)
            )
        except Exception:
            reply = ValidationFailed(traceback.format_exc())
        pickle.dump(reply, replies)
        replies.flush()


def main() -> None:
    """The child: serve the requests of standard input until its end."""
    # Replies own the standard output; anything the libraries print goes to standard error.
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    serve(sys.stdin.buffer, replies)
