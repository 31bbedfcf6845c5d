"""The published vocabulary of metric and segment ids (`contract/metrics.csv`, `segments.csv`,
read by `warehousing.reading.load_vocabulary`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class MetricDef:
    metric_id: str
    statement: str
    unit: str
    definition: str
    labels: tuple[str, ...]


@dataclass(frozen=True)
class SegmentDef:
    segment_id: str
    parent_segment_id: str | None
    definition: str
    labels: tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary:
    metrics: dict[str, MetricDef]
    segments: dict[str, SegmentDef]

    def children_of(self, segment_id: str) -> list[str]:
        return [s.segment_id for s in self.segments.values() if s.parent_segment_id == segment_id]


def _labels(cell: str) -> tuple[str, ...]:
    return tuple(label.strip() for label in cell.split(";") if label.strip())


def vocabulary_from_rows(
    metric_rows: Iterable[Mapping[str, str]], segment_rows: Iterable[Mapping[str, str]]
) -> Vocabulary:
    """The vocabulary of the rows of `metrics.csv` and `segments.csv`."""
    metrics = {
        row["metric_id"]: MetricDef(
            metric_id=row["metric_id"],
            statement=row["statement"],
            unit=row["unit"],
            definition=row["definition"],
            labels=_labels(row["labels_seen"]),
        )
        for row in metric_rows
    }
    segments = {
        row["segment_id"]: SegmentDef(
            segment_id=row["segment_id"],
            parent_segment_id=row["parent_segment_id"] or None,
            definition=row["definition"],
            labels=_labels(row["labels_seen"]),
        )
        for row in segment_rows
    }
    return Vocabulary(metrics=metrics, segments=segments)
