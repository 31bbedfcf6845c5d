"""Reviewed exceptions: inconsistencies the source documents really print, accepted as warnings.

`checks/reviewed_exceptions.csv` lists each one with the evidence (the printed figures and where
they are) and why it is accepted. An exception follows the content, not the file: it names the
document by its title and date, the compared figure by metric, segment and period, and the
compared figures as printed (`14.4%; 2.6; 17.5`, in the order the check's message names them),
so the text and the PDF rendering of one deck, or a renamed copy, match the same exception.

A failing comparison that an exception names becomes `warn` with severity `warning`, so it no
longer blocks the publish; an exception that names no failing comparison is reported as a warning
of its own, so that stale entries do not pile up.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import duckdb

from checks.catalog import STALE_EXCEPTIONS_CHECK
from checks.results import FAIL, WARN, WARNING, CheckResult

EXCEPTION_COLUMNS = ("rule", "document_title", "document_date", "metric_id", "segment_id",
                     "period_id", "printed", "evidence", "reason")
PRINTED_SEPARATOR = "; "


@dataclass(frozen=True)
class DocumentIdentity:
    """What a document says it is, whatever its file: its title and date as printed."""

    title: str
    date: str  # ISO date, empty when undated


@dataclass(frozen=True)
class ReviewedException:
    rule: str  # the rule's name: the check_name of its results (its file stem in checks/rules/)
    document_title: str
    document_date: str
    metric_id: str
    segment_id: str
    period_id: str
    printed: str  # the compared figures as printed, joined by "; "
    evidence: str
    reason: str

    @property
    def document(self) -> DocumentIdentity:
        return DocumentIdentity(self.document_title, self.document_date)

    def matches(self, result: CheckResult, identities: Mapping[str, DocumentIdentity]) -> bool:
        return (
            result.check_name == self.rule
            and identities.get(result.document_id or "") == self.document
            and (result.metric_id, result.segment_id, result.period_id)
            == (self.metric_id, self.segment_id, self.period_id)
            and PRINTED_SEPARATOR.join(result.printed_figures) == self.printed
        )

    @property
    def note(self) -> str:
        """What a reviewed failure's message ends with."""
        return f" [reviewed exception: {self.reason}]"

    def reviewed(self, result: CheckResult, identities: Mapping[str, DocumentIdentity]) -> bool:
        """Whether this exception made `result` (a failing comparison) a warning."""
        return (
            result.status == WARN
            and result.message.endswith(self.note)
            and self.matches(result, identities)
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
        if not (exception.evidence and exception.reason and exception.printed):
            raise ValueError(
                f"{path}, line {line}: an exception needs the printed figures, evidence and reason"
            )
    return exceptions


def apply_exceptions(
    results: list[CheckResult],
    exceptions: list[ReviewedException],
    identities: Mapping[str, DocumentIdentity],
    reviewed_before: Sequence[CheckResult] = (),
) -> list[CheckResult]:
    """The results with every reviewed failure downgraded, plus one warning per unused entry.

    `reviewed_before`: warnings carried over from the last publish (checks.scope); an entry that
    matches one of them is in use.
    """
    used = {
        exception
        for exception in exceptions
        for result in reviewed_before
        if exception.reviewed(result, identities)
    }
    reviewed = []
    for result in results:
        exception = next(
            (item for item in exceptions
             if result.status == FAIL and item.matches(result, identities)),
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
                message=result.message + exception.note,
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
                f"the reviewed exception for {exception.rule} in {exception.document_title!r} "
                f"({exception.document_date or 'undated'}; {exception.metric_id}, "
                f"{exception.segment_id}, {exception.period_id}, printed {exception.printed}) "
                "matches no failing comparison any more: remove it or correct it"
            ),
            locator=exception.evidence,
        )
        for exception in exceptions
        if exception not in used
    ]
    return reviewed


def document_identities(connection: duckdb.DuckDBPyConnection) -> dict[str, DocumentIdentity]:
    """Each document of the build by id: its title and date, as exceptions name it."""
    rows = connection.execute(
        "select document_id, coalesce(title, ''), coalesce(cast(document_date as varchar), '') "
        "from marts.dim_document"
    ).fetchall()
    return {document: DocumentIdentity(title, date) for document, title, date in rows}
