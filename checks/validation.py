"""Where the expectation suites run: in this process, or in a process of their own started early.

Importing Great Expectations takes seconds. A `ValidationProcess` is a Python process that
imports it as soon as it starts, then validates the batches it is sent, one request at a time,
and builds their Data Docs: started when a run that checks begins, its imports overlap the steps
before the checks on another core, and the suites run beside the rules instead of after them.
`InProcessValidator` validates in the calling process, importing GX when first needed.

Both follow the same protocol: `start` hands the batches over, `results` waits for their
results, `finish` for their Data Docs. A process writes the Data Docs while its caller goes on:
the run waits for them only before it publishes them, and a `start` or `close` waits for the
Data Docs of the batches before. Requests and replies cross the process boundary pickled,
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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, ClassVar, Protocol

from checks.batches import ExpectationBatches
from checks.results import CheckResult


class Validator(Protocol):
    def start(self, batches: ExpectationBatches, docs_dir: Path) -> None:
        """Hand the batches over; their Data Docs go into `docs_dir`."""

    def results(self) -> list[CheckResult]:
        """The results of the batches last started."""

    def finish(self) -> None:
        """Wait until their Data Docs are written (at once if they are)."""


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
    writes the Data Docs after replying with the results, while the caller goes on.

    A command that will run checks can start one ahead of its run (`started_ahead`), so that the
    import overlaps the run's creation too; the run's `take` adopts it.
    """

    # The process started ahead in this process and not taken yet.
    _ahead: ClassVar[ValidationProcess | None] = None

    def __init__(self, stderr: Path | None = None) -> None:
        """`stderr`: a file the child's standard error is appended to (None: this process's)."""
        with open(stderr, "a") if stderr else contextlib.nullcontext() as errors:
            self._child = subprocess.Popen(
                [sys.executable, "-m", "checks.validation_child"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
            )
        # The replies still to read for the request last sent: Validated, then DocsBuilt.
        self._expected: list[type] = []

    @classmethod
    @contextmanager
    def started_ahead(cls, stderr: Path | None = None) -> Iterator[None]:
        """Start a process now for the next `take` in this process; one not taken by the end is
        ended."""
        cls._ahead = cls(stderr)
        try:
            yield
        finally:
            ahead, cls._ahead = cls._ahead, None
            if ahead is not None:
                ahead.close()

    @classmethod
    def take(cls) -> ValidationProcess:
        """The process started ahead, if it is still alive, or a new one."""
        ahead, cls._ahead = cls._ahead, None
        if ahead is not None and ahead._child.poll() is None:
            return ahead
        if ahead is not None:
            ahead.close()
        return cls()

    def start(self, batches: ExpectationBatches, docs_dir: Path) -> None:
        if self._expected == [DocsBuilt]:
            self.finish()
        if self._expected:
            raise RuntimeError("the results of the batches started before were not read")
        try:
            pickle.dump(ValidationRequest(batches, docs_dir), self._child.stdin)
            self._child.stdin.flush()
        except BrokenPipeError:
            raise self._ended() from None
        self._expected = [Validated, DocsBuilt]

    def results(self) -> list[CheckResult]:
        return self._reply(Validated).results

    def finish(self) -> None:
        """Wait for the Data Docs of the batches last started, if they are still being written."""
        if self._expected == [DocsBuilt]:
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
        """End the child once the Data Docs it is writing are written (a run whose checks stop
        it keeps them with its build). No other reply is wanted any more, so nothing is lost by
        not waiting for its interpreter to wind down (a second, for Great Expectations)."""
        with contextlib.suppress(RuntimeError):
            # RuntimeError: it failed or died writing them; the run has already ended.
            self.finish()
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
