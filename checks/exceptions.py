"""Reviewed exceptions: inconsistencies the source documents really print, accepted as warnings.

`checks/reviewed_exceptions.csv` lists each one with the evidence (the printed figures and where
they are) and why it is accepted. A failing comparison that an exception names becomes `warn`
with severity `warning`, so it no longer blocks the publish; an exception that names no failing
comparison is reported as a warning of its own, so that stale entries do not pile up.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from checks.catalog import STALE_EXCEPTIONS_CHECK
from checks.results import FAIL, WARN, WARNING, CheckResult

EXCEPTION_COLUMNS = ("rule", "document", "metric_id", "segment_id", "period_id", "evidence",
                     "reason")


@dataclass(frozen=True)
class ReviewedException:
    rule: str  # the rule's name: the check_name of its results (its file stem in checks/rules/)
    document: str  # the document id or its source file name
    metric_id: str
    segment_id: str
    period_id: str
    evidence: str
    reason: str

    def matches(self, result: CheckResult, source_files: Mapping[str, str]) -> bool:
        return (
            result.check_name == self.rule
            and self.document in (result.document_id, source_files.get(result.document_id or ""))
            and (result.metric_id, result.segment_id, result.period_id)
            == (self.metric_id, self.segment_id, self.period_id)
        )


def load_exceptions(path: Path) -> list[ReviewedException]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = set(EXCEPTION_COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path}: missing columns {sorted(missing)}")
        exceptions = [
            ReviewedException(**{name: (row[name] or "").strip() for name in EXCEPTION_COLUMNS})
            for row in reader
        ]
    for line, exception in enumerate(exceptions, start=2):
        if not (exception.evidence and exception.reason):
            raise ValueError(f"{path}, line {line}: an exception needs its evidence and reason")
    return exceptions


def apply_exceptions(
    results: list[CheckResult],
    exceptions: list[ReviewedException],
    source_files: Mapping[str, str],
) -> list[CheckResult]:
    """The results with every reviewed failure downgraded, plus one warning per unused entry."""
    used: set[ReviewedException] = set()
    reviewed = []
    for result in results:
        exception = next(
            (item for item in exceptions
             if result.status == FAIL and item.matches(result, source_files)),
            None,
        )
        if exception is None:
            reviewed.append(result)
            continue
        used.add(exception)
        reviewed.append(
            replace(
                result,
                status=WARN,
                severity=WARNING,
                message=f"{result.message} [reviewed exception: {exception.reason}]",
            )
        )
    reviewed += [
        CheckResult(
            check_name=STALE_EXCEPTIONS_CHECK,
            rule="every reviewed exception names a failing comparison",
            severity=WARNING,
            status=WARN,
            document_id=None,
            period_id=exception.period_id,
            metric_id=exception.metric_id,
            segment_id=exception.segment_id,
            expected_low=None,
            expected_high=None,
            actual_value=None,
            message=(
                f"the reviewed exception for {exception.rule} in {exception.document} "
                f"({exception.metric_id}, {exception.segment_id}, {exception.period_id}) matches "
                "no failing comparison any more: remove it or correct it"
            ),
            locator=exception.evidence,
        )
        for exception in exceptions
        if exception not in used
    ]
    return reviewed
