"""Containment by document: a blocking failure holds back the documents whose figures it compared,
and everything else publishes.

A failure is charged to the compared documents that are not in the last good publish: a new
document, or a new version of a published file (a changed file is a new document: its id is its
content's). A disagreement between a new document and published ones is the new document's; one
among new documents waits until each one's own failures are held back, then is charged to all. A
failure whose documents were all published already (a rule or an exception changed, not a
document) is charged to no one: it blocks the publish, and the last good warehouse stays.

`contain` runs the checks, holds back the charged documents, and runs them again on a build
without them, until no blocking failure is left or one is charged to no document.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, replace

from checks.results import CheckResult

# The severity of a blocking failure contained by holding back its documents: recorded in
# check_results, it no longer stops the publish of the others.
HELD_BACK = "held_back"
# How many failures a held-back document's reason quotes; check_results holds every one.
REASON_FAILURES = 3


@dataclass(frozen=True)
class Charges:
    """The blocking failures of one round of checks, by the document each is charged to."""

    by_document: Mapping[str, tuple[CheckResult, ...]]
    # Failures whose documents were all in the last good publish, or that name no document.
    uncharged: tuple[CheckResult, ...]


def failure_documents(result: CheckResult) -> tuple[str, ...]:
    """The documents a result compared figures of."""
    if result.compared_documents:
        return result.compared_documents
    return (result.document_id,) if result.document_id else ()


def charge_failures(results: list[CheckResult], published: Collection[str]) -> Charges:
    """Charge each blocking failure to its compared documents that are not published yet.

    A failure with one such document is that document's own. A disagreement among several new
    documents is charged to all of them only when no failure is any one document's own: holding
    back a document that fails on its own may settle the disagreement (a changed copy beside its
    original, both new), and the next round of checks tells.
    """
    blocking = [result for result in results if result.blocks_publish]
    new_documents = [
        [document for document in failure_documents(result) if document not in published]
        for result in blocking
    ]
    own = any(len(documents) == 1 for documents in new_documents)
    by_document: dict[str, list[CheckResult]] = {}
    uncharged = []
    for result, documents in zip(blocking, new_documents, strict=True):
        if not documents:
            uncharged.append(result)
        elif len(documents) == 1 or not own:
            for document in documents:
                by_document.setdefault(document, []).append(result)
    return Charges(
        {document: tuple(failures) for document, failures in by_document.items()},
        tuple(uncharged),
    )


@dataclass(frozen=True)
class Containment:
    """The checks of the last build, and the documents left out of it with their failures."""

    results: list[CheckResult]
    held_back: Mapping[str, tuple[CheckResult, ...]]

    @property
    def blocked(self) -> bool:
        """Whether a blocking failure is left that holding back documents did not contain."""
        return any(result.blocks_publish for result in self.results)

    def held_back_results(self) -> list[CheckResult]:
        """What check_results records besides the last build's results: each held-back failure
        once, with severity `held_back`."""
        seen: set[CheckResult] = set()
        held = []
        for failures in self.held_back.values():
            for failure in failures:
                if failure not in seen:
                    seen.add(failure)
                    held.append(replace(failure, severity=HELD_BACK))
        return held


def held_back_reason(failures: tuple[CheckResult, ...]) -> str:
    """Why a document is held back, naming the figures of its first failures."""
    quoted = "; ".join(
        f"{failure.check_name}: {failure.message}" for failure in failures[:REASON_FAILURES]
    )
    more = len(failures) - REASON_FAILURES
    return (
        f"{len(failures)} blocking check failure{'s' if len(failures) > 1 else ''} on its "
        f"figures: {quoted}" + (f" (and {more} more in check_results)" if more > 0 else "")
    )


def contain(
    run_checks: Callable[[Mapping[str, tuple[CheckResult, ...]]], list[CheckResult]],
    published: Collection[str],
) -> Containment:
    """Run the checks on a build without the held-back documents (none at first), holding back
    the documents charged with blocking failures, until none is left or one is charged to no one.

    `run_checks` builds without the documents it is given (id -> their failures) and returns
    the results of every check on that build.
    """
    held_back: dict[str, tuple[CheckResult, ...]] = {}
    while True:
        results = run_checks(dict(held_back))
        charges = charge_failures(results, published)
        # A held-back document has no figures in the build, so it cannot be charged again; the
        # check keeps the loop finite whatever run_checks does.
        new = {doc: fails for doc, fails in charges.by_document.items() if doc not in held_back}
        if charges.uncharged or not new:
            return Containment(results, held_back)
        held_back.update(new)
