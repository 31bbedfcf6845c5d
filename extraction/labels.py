"""Row labels and captions to metric and segment ids, through the vocabulary's `labels_seen`."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass

from extraction.numbers import strip_markup
from extraction.vocabulary import Vocabulary

_BULLETS = "-•▪◆➤●※*・ "
_IIJ_TYPOS = re.compile(r"\b(?:ij|ijj)\b")
_SPACES = re.compile(r"\s+")
_LOSS = re.compile(r"\bloss\b", re.IGNORECASE)


def as_printed(text: str) -> str:
    """A label as printed, for the warehouse: runs of whitespace made one space, nothing else
    changed (markup, control characters and marks are kept; reading them is `normalize_label`'s)."""
    return " ".join(text.split())


def normalize_label(text: str) -> str:
    """A comparison key for a printed label: no markup, bullets, case or spacing differences.

    `IJ` and `IJJ` are the decks' own misspellings of `IIJ` (e.g. `Total IJ Shareholders' Equity`).
    """
    label = strip_markup(text).strip().lstrip(_BULLETS).strip()
    label = label.replace("’", "'").replace("–", "-").replace("−", "-")
    label = label.rstrip(":*※ ").strip().lower()
    label = _IIJ_TYPOS.sub("iij", label)
    return _SPACES.sub(" ", label)


# What a label may carry without changing its meaning, removed for the comparison key:
# footnote marks (`Net profit*3`, `Revenues(1)`, `Total※2`), notes in brackets that give the unit
# or the sign convention (`(JPY)`, `(Loss)`, `(Benefit)`), and the span words of IFRS names
# (`Profit for the period attributable to ...`, `... for the year ...`).
_FOOTNOTE_MARK = re.compile(
    r"(?:\s*[*※†]+\s*\d{0,2}|\s*[(\[](?:\d{1,2}|\*\d{0,2}|notes?\s*\d{0,2})[)\]]|[¹²³⁴⁵⁶⁷⁸⁹]+)+$"
)
_UNIT_NOTE = re.compile(
    r"\s*\((?:jpy|yen|%|in jpy|jpy (?:million|billion)s?|(?:millions?|billions?) of yen"
    r"|(?:jpy|yen) per share|per share|jpy/share)\)"
)
# `(Loss)`, `(Benefit)`: the sign convention; `(basic)`, `(annual)`: the default reading
_SIGN_NOTE = re.compile(
    r"\s*\((?:loss|losses|benefit|income|gain|expense|basic|annual|consolidated|total)\)"
)
# `Capital expenditure (CAPEX)`: a name with its own abbreviation or synonym in brackets
_RESTATED = re.compile(r"(.+?) \(([^()]+)\)")
_ARTICLES = re.compile(r"(?<!\S)(?:the|a|an)(?!\S)")
# enumerations and `of which` before a label: `(1) Network services`, `of which, mobile services`
_LEADING = re.compile(r"^(?:\(\d{1,2}\)|\d{1,2}[.)]|[a-e]\)|of which,?|incl\.|including)\s+")
_SPAN_WORDS = re.compile(r"\bfor the (?:period|year|quarter|fiscal year)\b")
_KEY_DROPS = re.compile(r"['\-.,;:]")


def stem_key(key: str) -> str:
    """A comparison key without plural endings (`Annual dividends` is `Annual dividend`)."""
    return " ".join(
        word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word
        for word in key.split(" ")
    )


def label_key(text: str) -> str:
    """A looser comparison key than `normalize_label`: also without footnote marks, unit and sign
    notes in brackets, IFRS span words, hyphens, apostrophes and punctuation."""
    key = _LEADING.sub("", normalize_label(text))
    previous = None
    while key != previous:
        previous = key
        key = _FOOTNOTE_MARK.sub("", key).strip()
        key = _UNIT_NOTE.sub("", key)
        key = _SIGN_NOTE.sub("", key)
    key = _ARTICLES.sub(" ", _SPAN_WORDS.sub(" ", key)).replace(" & ", " and ")
    return _SPACES.sub(" ", _KEY_DROPS.sub("", key)).strip()


# How a label names a metric of a segment (on comparison keys).
_COMPOSED = (
    r"{segment} (?P<metric>.+)",
    r"(?P<metric>.+) (?:of|for|from|in) {segment}",
    r"(?P<metric>.+) \({segment}\)",
)
# How a label names a measure of a metric: `Revenues YoY`, `Revenue growth rate (YoY)`.
_MEASURE_WORDS = (
    r"(?:\(?(?:yoy|qoq)\)?(?: (?:change|growth)(?: rate)?)?|growth(?: rate)?(?: \(?yoy\)?)?)"
)
_MEASURED = (
    rf"(?P<metric>.+?) (?P<measure>{_MEASURE_WORDS})",
    rf"(?P<measure>{_MEASURE_WORDS}) (?:of|in) (?P<metric>.+)",
)


@dataclass(frozen=True)
class Candidate:
    """A vocabulary label near an unknown one, offered to whoever extends the vocabulary."""

    label: str
    kind: str  # metric | segment
    vocabulary_id: str


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
    metric_by_key: dict[str, str]
    segment_by_key: dict[str, str]
    metric_by_stem: dict[str, str]
    segment_by_stem: dict[str, str]
    printed_labels: dict[str, Candidate]  # label_key -> the vocabulary label it comes from

    @classmethod
    def from_vocabulary(cls, vocabulary: Vocabulary) -> Lexicon:
        metric_by_label: dict[str, str] = {}
        for metric in vocabulary.metrics.values():
            for label in (metric.metric_id.replace("_", " "), *metric.labels):
                metric_by_label.setdefault(normalize_label(label), metric.metric_id)
        segment_by_label: dict[str, str] = {}
        printed: dict[str, Candidate] = {}
        for metric in vocabulary.metrics.values():
            for label in metric.labels:
                printed.setdefault(label_key(label), Candidate(label, "metric", metric.metric_id))
        for segment in vocabulary.segments.values():
            for label in segment.labels:
                segment_by_label.setdefault(normalize_label(label), segment.segment_id)
                printed.setdefault(
                    label_key(label), Candidate(label, "segment", segment.segment_id)
                )
        return cls(
            metric_by_label=metric_by_label,
            segment_by_label=segment_by_label,
            metric_units={m.metric_id: m.unit for m in vocabulary.metrics.values()},
            metric_statements={m.metric_id: m.statement for m in vocabulary.metrics.values()},
            metric_by_key=_by_key(metric_by_label, label_key),
            segment_by_key=_by_key(segment_by_label, label_key),
            metric_by_stem=_by_key(metric_by_label, lambda label: stem_key(label_key(label))),
            segment_by_stem=_by_key(segment_by_label, lambda label: stem_key(label_key(label))),
            printed_labels=printed,
        )

    def metric(self, label: str) -> str | None:
        """The metric a row label names: its exact form first, then its comparison key; `Total
        SG&A` is SG&A, `Capital expenditure (CAPEX)` names one metric twice."""
        exact = self.metric_by_label.get(normalize_label(label))
        key = label_key(label)
        found = exact or self.metric_by_key.get(key) or self.metric_by_stem.get(stem_key(key))
        if found or not key:
            return found
        if key.startswith("total ") and (whole := self._metric_of_key(key[len("total ") :])):
            return whole
        if match := _RESTATED.fullmatch(key):
            named, again = self._metric_of_key(match.group(1)), self._metric_of_key(match.group(2))
            return named if named and named == again else None
        return None

    def _metric_of_key(self, key: str) -> str | None:
        return self.metric_by_key.get(key) or self.metric_by_stem.get(stem_key(key))

    def segment(self, label: str) -> str | None:
        exact = self.segment_by_label.get(normalize_label(label))
        key = label_key(label)
        return exact or self.segment_by_key.get(key) or self.segment_by_stem.get(stem_key(key))

    def metric_of_segment(self, label: str) -> tuple[str, str] | None:
        """(metric, segment) of a label that names both: `Network services revenues`, `Cost of
        network services`, `SI gross margin`, `Gross margin ratio (Network services)`."""
        key = label_key(label)
        for segment_key, segment_id in self._segment_keys_longest_first():
            for pattern in _COMPOSED:
                match = re.fullmatch(pattern.format(segment=re.escape(segment_key)), key)
                if match and (metric := self.metric_by_key.get(match.group("metric"))):
                    return metric, segment_id
        return None

    def _segment_keys_longest_first(self) -> list[tuple[str, str]]:
        keys = {**self.segment_by_key}
        keys.update({label_key(k): v for k, v in self.segment_by_label.items()})
        named = [(k, v) for k, v in keys.items() if v != "total" and k]
        return sorted(named, key=lambda item: -len(item[0]))

    def measure_of_metric(self, label: str) -> tuple[str, str] | None:
        """(metric, measure words) of a label that names a metric and a measure: `Revenues YoY`,
        `Revenue growth rate`, `YoY change in operating income`."""
        key = label_key(label)
        for pattern in _MEASURED:
            match = re.fullmatch(pattern, key)
            if match and (metric := self.metric_by_key.get(match.group("metric"))):
                return metric, match.group("measure")
        return None

    def nearest(self, label: str, count: int = 3) -> tuple[Candidate, ...]:
        """The vocabulary labels most like an unknown one (by their comparison keys)."""
        keys = difflib.get_close_matches(label_key(label), self.printed_labels, count, 0.6)
        return tuple(self.printed_labels[key] for key in keys)

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

    def metrics_mentioned(self, text: str) -> frozenset[str]:
        """Every metric a heading names (`Cost of Revenues and Gross Margin Ratio`: two), longest
        label first, so that `revenues` inside `cost of revenues` does not count."""
        key = f" {label_key(text)} "
        found: set[str] = set()
        for label in sorted(self.metric_by_key, key=len, reverse=True):
            if len(label) <= 3:
                continue
            pattern = rf"(?<=[\s(/]){re.escape(label)}(?=[\s)/,])"
            if re.search(pattern, key):
                found.add(self.metric_by_key[label])
                key = re.sub(pattern, " # ", key)
        return frozenset(found)

    def metric_mentioned(self, text: str) -> str | None:
        """A metric named at the start of a header cell such as `Revenues (JPY million)`."""
        key = normalize_label(re.sub(r"\(.*?\)", " ", text))
        return self.metric_by_label.get(key)


def _by_key(by_label: dict[str, str], key_of: Callable[[str], str]) -> dict[str, str]:
    """The same lookup under a looser key; a key two ids share is left out (it would be a guess)."""
    ids_of: dict[str, set[str]] = {}
    for label, vocabulary_id in by_label.items():
        ids_of.setdefault(key_of(label), set()).add(vocabulary_id)
    return {key: ids.pop() for key, ids in ids_of.items() if len(ids) == 1 and key}
