"""Row labels and captions to metric and segment ids, through the vocabulary's `labels_seen`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extraction.numbers import strip_markup
from extraction.vocabulary import Vocabulary

_BULLETS = "-•▪◆➤●※*・ "
_IIJ_TYPOS = re.compile(r"\b(?:ij|ijj)\b")
_SPACES = re.compile(r"\s+")
_LOSS = re.compile(r"\bloss\b", re.IGNORECASE)


def normalize_label(text: str) -> str:
    """A comparison key for a printed label: no markup, bullets, case or spacing differences.

    `IJ` and `IJJ` are the decks' own misspellings of `IIJ` (e.g. `Total IJ Shareholders' Equity`).
    """
    label = strip_markup(text).strip().lstrip(_BULLETS).strip()
    label = label.replace("’", "'").replace("–", "-").replace("−", "-")
    label = label.rstrip(":*※ ").strip().lower()
    label = _IIJ_TYPOS.sub("iij", label)
    return _SPACES.sub(" ", label)


def is_loss_label(text: str) -> bool:
    """`Operating Loss` rows print a loss as a positive figure."""
    return bool(_LOSS.search(text)) and "income" not in text.lower()


@dataclass(frozen=True)
class Lexicon:
    """Lookup tables from normalized labels to metric and segment ids."""

    metric_by_label: dict[str, str]
    segment_by_label: dict[str, str]
    metric_units: dict[str, str]
    metric_statements: dict[str, str]

    @classmethod
    def from_vocabulary(cls, vocabulary: Vocabulary) -> Lexicon:
        metric_by_label: dict[str, str] = {}
        for metric in vocabulary.metrics.values():
            for label in (metric.metric_id.replace("_", " "), *metric.labels):
                metric_by_label.setdefault(normalize_label(label), metric.metric_id)
        segment_by_label: dict[str, str] = {}
        for segment in vocabulary.segments.values():
            for label in segment.labels:
                segment_by_label.setdefault(normalize_label(label), segment.segment_id)
        return cls(
            metric_by_label=metric_by_label,
            segment_by_label=segment_by_label,
            metric_units={m.metric_id: m.unit for m in vocabulary.metrics.values()},
            metric_statements={m.metric_id: m.statement for m in vocabulary.metrics.values()},
        )

    def metric(self, label: str) -> str | None:
        return self.metric_by_label.get(normalize_label(label))

    def segment(self, label: str) -> str | None:
        return self.segment_by_label.get(normalize_label(label))

    def segment_mentioned(self, text: str) -> str | None:
        """A segment (other than the whole) named inside a heading, longest label first."""
        key = normalize_label(text)
        candidates = [
            (label, segment_id)
            for label, segment_id in self.segment_by_label.items()
            if segment_id != "total" and len(label) > 3
        ]
        for label, segment_id in sorted(candidates, key=lambda item: -len(item[0])):
            if re.search(rf"(?<![\w-]){re.escape(label)}(?![\w-])", key):
                return segment_id
        return None

    def metric_mentioned(self, text: str) -> str | None:
        """A metric named at the start of a header cell such as `Revenues (JPY million)`."""
        key = normalize_label(re.sub(r"\(.*?\)", " ", text))
        return self.metric_by_label.get(key)
