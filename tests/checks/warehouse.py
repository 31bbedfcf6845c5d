"""Warehouse builds for the checks tests, through the real staging files and SQL models: either
the embedded decks (optionally with printed figures changed in a copy) or hand-written figures.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from checks.results import PASS, CheckResult
from extraction.interpret import DocumentExtract
from extraction.model import Fact
from extraction.periods import Period
from extraction.records import cell_records
from warehousing.files import write_parquet_atomically
from warehousing.inbox import list_inbox
from warehousing.limits import ExtractionLimits
from warehousing.project import PROJECT_ROOT
from warehousing.reading import load_vocabulary
from warehousing.sql_models import build_models, load_models
from warehousing.staging import (
    CELL_SCHEMA,
    DOCUMENT_SCHEMA,
    cells_path,
    document_path,
    stage_document,
    staged_files,
)

SOURCES = PROJECT_ROOT / "sources"
CONTRACT = PROJECT_ROOT / "contract"
DOC_1H07 = "000_2853c62026f2b50d.txt"
DOC_2Q06 = "001_0dd7fb1f022c1681.txt"
DOC_1Q11 = "002_e7c2936d94a99355.txt"
DOC_1H12 = "003_1e0a72612b28a18d.txt"
DOC_3Q08 = "004_ad6f01a31b09bdb7.txt"


def build_models_into(workdir: Path, documents_dir: Path, document_ids: list[str]):
    cell_files, document_files = staged_files(documents_dir, document_ids)
    connection = duckdb.connect(str(workdir / "iij.duckdb"))
    parameters = {
        "cell_files": cell_files,
        "document_files": document_files,
        "metrics_csv": str(CONTRACT / "metrics.csv"),
        "segments_csv": str(CONTRACT / "segments.csv"),
    }
    for _ in build_models(connection, load_models(), parameters):
        pass
    return connection


def build_from_decks(
    workdir: Path, edits: dict[str, list[tuple[str, str]]] | None = None
) -> duckdb.DuckDBPyConnection:
    """The five decks staged and built as the pipeline does; `edits` changes printed text in the
    copies first, wherever it is printed: {source file: [(printed text, replacement)]}."""
    inbox = workdir / "inbox"
    inbox.mkdir(parents=True)
    for source in SOURCES.glob("*.txt"):
        shutil.copy(source, inbox / source.name)
    for name, replacements in (edits or {}).items():
        text = (inbox / name).read_text(encoding="utf-8")
        for old, new in replacements:
            assert old in text, f"{old!r} is not printed in {name}"
            text = text.replace(old, new)
        (inbox / name).write_text(text, encoding="utf-8")
    return stage_and_build(workdir, inbox)


def stage_and_build(workdir: Path, inbox: Path) -> duckdb.DuckDBPyConnection:
    """Every document of `inbox` staged and built as the pipeline does."""
    documents = stage_inbox(inbox, workdir / "documents")
    return build_models_into(workdir, workdir / "documents", list(documents.values()))


def stage_inbox(inbox: Path, documents_dir: Path) -> dict[str, str]:
    """Stage every document of `inbox` into `documents_dir`; returns each file's document id."""
    vocabulary = load_vocabulary(CONTRACT)
    documents = list_inbox(inbox)
    for document_id, path in documents.items():
        stage_document(
            path,
            document_id,
            vocabulary=vocabulary,
            documents_dir=documents_dir,
            limits=ExtractionLimits(),
        )
    return {path.name: document_id for document_id, path in documents.items()}


@dataclass(frozen=True)
class Deck:
    """A hand-made document: its name, date and printed figures."""

    source_file: str
    document_date: date | None
    facts: list[Fact]

    @property
    def document_id(self) -> str:
        return self.source_file.removesuffix(".txt")


def figure(
    metric_id: str,
    period: Period,
    value: float,
    decimals: int = 0,
    *,
    segment_id: str = "total",
    table_id: str = "t01",
    scenario: str = "actual",
    basis: str = "consolidated",
    measure: str = "amount",
    unit: str = "JPY_million",
    line: int = 1,
) -> Fact:
    """One printed figure; its reported text is the value as printed at its precision."""
    printed = f"{value:,.{max(decimals, 0)}f}"
    return Fact(
        table_id=table_id,
        metric_id=metric_id,
        segment_id=segment_id,
        period_id=period.period_id,
        period_type=period.period_type,
        period_start=period.start,
        period_end=period.end,
        fiscal_year=period.fiscal_year,
        scenario=scenario,
        basis=basis,
        measure=measure,
        unit=unit,
        value=value,
        decimals=decimals,
        reported_text=printed,
        reported_unit=unit,
        row_label=f"{metric_id} {segment_id}",
        column_label=period.period_id,
        locator=f"line {line}, column 2",
    )


def build_from_figures(workdir: Path, decks: list[Deck]) -> duckdb.DuckDBPyConnection:
    """Stage hand-made decks as the pipeline stages interpreted ones, then build the models."""
    documents_dir = workdir / "documents"
    documents_dir.mkdir(parents=True)
    for number, deck in enumerate(decks):
        extract = DocumentExtract(facts=tuple(deck.facts), quarantined=())
        cells = [
            {**cell, "cell_index": index}
            for index, cell in enumerate(cell_records(deck.document_id, extract))
        ]
        write_parquet_atomically(
            pa.Table.from_pylist(cells, schema=CELL_SCHEMA),
            cells_path(documents_dir, deck.document_id),
        )
        document = {
            "document_id": deck.document_id,
            "source_file": deck.source_file,
            "sha256": deck.document_id.ljust(64, "0"),
            "format": "text",
            "title": deck.source_file,
            "document_date": deck.document_date,
            "pages": None,
            "tables": 1,
            "ingested_at": datetime(2024, 1, 1, number),
            "status": "ok",
            "error": None,
        }
        write_parquet_atomically(
            pa.Table.from_pylist([document], schema=DOCUMENT_SCHEMA),
            document_path(documents_dir, deck.document_id),
        )
    return build_models_into(workdir, documents_dir, [deck.document_id for deck in decks])


def not_passing(results: list[CheckResult]) -> list[CheckResult]:
    return [result for result in results if result.status != PASS]
