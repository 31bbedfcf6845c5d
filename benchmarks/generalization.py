"""Generalization benchmark: the interpreter on decks of other eras, against their hand-built keys.

Run from the project root: `.venv/bin/python -m benchmarks.generalization` (a few seconds). For
each deck in `tests/fixtures/eras/` (see its README: real IIJ figures of FY2008-FY2024, US GAAP
and IFRS, each with a key read by hand) it reads the deck, interprets it with the contract's
vocabulary and counts:

- found: key figures that appear as a fact with the same metric, segment, period, scenario,
  measure and value (the printed value in the contract's unit);
- wrong: facts that are not in the key (a figure published with a wrong meaning or value, or a
  figure the key leaves out on purpose because it must not be published, such as a target range).

Held-out decks (README column `held out`) are reported apart: the interpreter was not developed on
them. Prints the table and writes benchmarks/results/generalization.md.
"""

from __future__ import annotations

import argparse
import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from extraction.interpret import interpret_document
from extraction.model import Fact
from warehousing.reading import load_vocabulary, read_document

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "eras"
RESULTS = ROOT / "benchmarks" / "results" / "generalization.md"
# Factor from a key's printed unit to the contract's unit (JPY million for amounts).
UNIT_SCALE = {"JPY million": 1, "JPY billion": 1000, "percent": 1, "JPY": 1, "count": 1}
# a row of the README's deck table: deck | standard | periods | held out | ...
_HELD_OUT_ROW = re.compile(
    r"^\|\s*(?P<deck>[\w.]+\.txt)\s*\|(?:[^|]*\|){2}\s*(?P<held>yes|no)\b[^|]*\|"
)

FigureKey = tuple[str, str, str, str, str, float]


@dataclass(frozen=True)
class DeckScore:
    deck: str
    held_out: bool
    key_figures: int
    found: int
    facts: int
    wrong: int
    missed: tuple[FigureKey, ...]
    wrong_facts: tuple[Fact, ...]
    accounting_standard: str | None = None

    @property
    def found_pct(self) -> float:
        return 100.0 * self.found / self.key_figures if self.key_figures else 0.0

    @property
    def wrong_pct(self) -> float:
        return 100.0 * self.wrong / self.facts if self.facts else 0.0


def printed_value(text: str) -> float:
    """`"68,006"`, `(2.5%)`, `-1,000`: the signed number a key cell prints."""
    clean = text.strip().replace(",", "").rstrip("%")
    if clean.startswith("(") and clean.endswith(")"):
        return -float(clean[1:-1].rstrip("%"))
    return float(clean)


def read_key(path: Path) -> set[FigureKey]:
    with path.open(newline="", encoding="utf-8") as handle:
        return {
            (
                row["metric"],
                row["segment"],
                row["period"],
                row["scenario"],
                row["measure"],
                round(printed_value(row["value"]) * UNIT_SCALE[row["unit"]], 6),
            )
            for row in csv.DictReader(handle)
        }


def fact_key(fact: Fact) -> FigureKey:
    return (
        fact.metric_id,
        fact.segment_id,
        fact.period_id,
        fact.scenario,
        fact.measure,
        round(fact.value, 6),
    )


def held_out_decks(readme: Path) -> set[str]:
    return {
        match.group("deck")
        for line in readme.read_text(encoding="utf-8").splitlines()
        if (match := _HELD_OUT_ROW.match(line)) and match.group("held") == "yes"
    }


def score_deck(deck: Path, held_out: bool, vocabulary) -> DeckScore:
    key = read_key(deck.with_suffix(".key.csv"))
    extract = interpret_document(read_document(deck), vocabulary)
    facts = extract.facts
    published = {fact_key(f) for f in facts}
    wrong = tuple(f for f in facts if fact_key(f) not in key)
    return DeckScore(
        deck=deck.name,
        held_out=held_out,
        key_figures=len(key),
        found=len(key & published),
        facts=len(facts),
        wrong=len(wrong),
        missed=tuple(sorted(key - published)),
        wrong_facts=wrong,
        accounting_standard=extract.accounting_standard,
    )


def score_all(fixtures: Path = FIXTURES) -> list[DeckScore]:
    vocabulary = load_vocabulary(ROOT / "contract")
    held = held_out_decks(fixtures / "README.md")
    decks = sorted(fixtures.glob("*.txt"))
    return [score_deck(deck, deck.name in held, vocabulary) for deck in decks]


def _table(scores: list[DeckScore]) -> list[str]:
    lines = [
        "| deck | standard read | key figures | found | found % | facts | wrong | wrong % |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in scores:
        lines.append(
            f"| {s.deck} | {s.accounting_standard or '-'} | {s.key_figures} | {s.found} | "
            f"{s.found_pct:.1f} | {s.facts} | {s.wrong} | {s.wrong_pct:.1f} |"
        )
    total = DeckScore(
        deck="all",
        held_out=False,
        key_figures=sum(s.key_figures for s in scores),
        found=sum(s.found for s in scores),
        facts=sum(s.facts for s in scores),
        wrong=sum(s.wrong for s in scores),
        missed=(),
        wrong_facts=(),
    )
    lines.append(
        f"| **all** | | {total.key_figures} | {total.found} | {total.found_pct:.1f} | "
        f"{total.facts} | {total.wrong} | {total.wrong_pct:.1f} |"
    )
    return lines


def report(scores: list[DeckScore]) -> str:
    developed = [s for s in scores if not s.held_out]
    held = [s for s in scores if s.held_out]
    lines = [
        "# Generalization benchmark",
        "",
        f"Run {date.today().isoformat()} by `python -m benchmarks.generalization`: the interpreter "
        "(`extraction.interpret`) on the decks of other eras in `tests/fixtures/eras/` (real IIJ "
        "figures, US GAAP and IFRS; see its README), against each deck's hand-built key. found = "
        "key figures published as a fact with the same metric, segment, period, scenario, "
        "measure and value; wrong = facts not in the key.",
        "",
        "## Decks the interpreter was developed on",
        "",
        *_table(developed),
        "",
        "## Held-out decks (not developed on; the README of the fixtures says how they were used)",
        "",
        *_table(held),
        "",
    ]
    return "\n".join(lines)


def _details(scores: list[DeckScore]) -> str:
    lines = []
    for s in scores:
        for missed in s.missed:
            lines.append(f"{s.deck}: missed {missed}")
        for fact in s.wrong_facts:
            lines.append(
                f"{s.deck}: wrong {fact_key(fact)} from {fact.row_label!r} / "
                f"{fact.column_label!r} at {fact.locator}"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list missed and wrong figures")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the report")
    args = parser.parse_args()
    scores = score_all()
    text = report(scores)
    print(text)
    if args.details:
        print(_details(scores))
    if not args.no_write:
        args.output.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
