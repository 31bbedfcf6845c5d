"""Where the expectation suites run: in this process, or in a process of their own started early.

Importing Great Expectations takes seconds. A `ValidationProcess` is a Python process that
imports it as soon as it starts, then validates the batches it is sent, one request at a time,
and builds their Data Docs: started when a run that checks begins, its imports overlap the steps
before the checks on another core, and the suites run beside the rules instead of after them.
`InProcessValidator` validates in the calling process, importing GX when first needed.

Both follow the same protocol: `start` hands the batches over, `results` waits for their
results, `finish` for their Data Docs. Requests and replies cross the process boundary pickled,
over the child's standard input and output (the child's own output goes to standard error).

`python -m checks.validation_child` is the child.
"""

from __future__ import annotations

import contextlib
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


class Validator(Protocol):
    def start(self, batches: ExpectationBatches, docs_dir: Path) -> None:
        """Hand the batches over; their Data Docs go into `docs_dir`."""

    def results(self) -> list[CheckResult]:
        """The results of the batches last started."""

    def finish(self) -> None:
        """Wait until their Data Docs are written."""


@dataclass(frozen=True)
class ValidationRequest:
    batches: ExpectationBatches
    docs_dir: Path


@dataclass(frozen=True)
class Validated:
    results: list[CheckResult]


@dataclass(frozen=True)
class DocsBuilt:
    pass


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
        validation = validate(request.batches, request.docs_dir)
        validation.build_data_docs()
        return validation.results

    def finish(self) -> None:
        pass


class ValidationProcess:
    """Validates in a child process that imports Great Expectations as soon as it starts, and
    writes the Data Docs after replying with the results, while the caller goes on."""

    def __init__(self) -> None:
        self._child = subprocess.Popen(
            [sys.executable, "-m", "checks.validation_child"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        # The replies still to read for the request last sent: Validated, then DocsBuilt.
        self._expected: list[type] = []

    def start(self, batches: ExpectationBatches, docs_dir: Path) -> None:
        if self._expected:
            raise RuntimeError("the batches started before are not finished")
        try:
            pickle.dump(ValidationRequest(batches, docs_dir), self._child.stdin)
            self._child.stdin.flush()
        except BrokenPipeError:
            raise self._ended() from None
        self._expected = [Validated, DocsBuilt]

    def results(self) -> list[CheckResult]:
        return self._reply(Validated).results

    def finish(self) -> None:
        self._reply(DocsBuilt)

    def _reply(self, expected: type):
        if not self._expected or self._expected[0] is not expected:
            raise RuntimeError(f"no {expected.__name__} reply is due")
        try:
            reply = pickle.load(self._child.stdout)
        except EOFError:
            self._expected = []
            raise self._ended() from None
        if isinstance(reply, ValidationFailed):
            self._expected = []
            raise RuntimeError(f"the validation process failed:\n{reply.traceback}")
        self._expected.pop(0)
        return reply

    def close(self) -> None:
        """End the child. No reply is wanted any more, so nothing is lost by not waiting for its
        interpreter to wind down (a second, for Great Expectations)."""
        # BrokenPipeError: the child has gone already, with a request unsent.
        with contextlib.suppress(BrokenPipeError):
            self._child.stdin.close()
        self._child.kill()
        self._child.wait()
        self._child.stdout.close()

    def _ended(self) -> RuntimeError:
        code = self._child.wait()
        return RuntimeError(f"the validation process ended (exit code {code}) before replying")


def serve(requests: BinaryIO, replies: BinaryIO) -> None:
    """Validate each request read from `requests` until its end, replying on `replies` with the
    results, then once the Data Docs are written (or with the failure that stopped either)."""
    from checks.expectations import validate

    def reply(message: Validated | DocsBuilt | ValidationFailed) -> None:
        pickle.dump(message, replies)
        replies.flush()

    while True:
        try:
            request = pickle.load(requests)
        except EOFError:
            return
        try:
            validation = validate(request.batches, request.docs_dir)
            reply(Validated(validation.results))
            validation.build_data_docs()
            reply(DocsBuilt())
        except Exception:
            reply(ValidationFailed(traceback.format_exc()))


def main() -> None:
    """The child: serve the requests of standard input until its end."""
    # Replies own the standard output; anything the libraries print goes to standard error.
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    serve(sys.stdin.buffer, replies)
