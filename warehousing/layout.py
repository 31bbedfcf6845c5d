"""The warehouse's layout on disk: every path the pipeline reads or writes, derived here once.

    <inbox>/                         the source documents
    <staging>/documents/             one document's extract per file (warehousing/staging.py)
    <warehouse folder>/
        iij.duckdb -> current/iij.duckdb      what consumers open: links through `current`,
        parquet    -> current/parquet         made once and never changed
        data_docs  -> current/data_docs
        current    -> .versions/<run_id>      the published build: publishing renames a new
                                              `current` over the old one, the one switch
        .versions/<run_id>/                   a published build (iij.duckdb, parquet/,
                                              data_docs/): the current one and the previous one
        .build/<run_id>/                      a run's build before it is published
        .publish.lock                         held by the one run publishing (warehousing/lock.py)
        charts/, data_dictionary.md,          drawn from the published warehouse after a publish
        vocabulary_review.md
    <logs>/<run>.log                          what Dagster writes during one CLI run
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PUBLISHED_NAMES = ("parquet", "data_docs")
CURRENT = "current"
VERSIONS_DIR = ".versions"
BUILDS_DIR = ".build"
LOCK_FILE = ".publish.lock"
CHART_FILE = "quarterly_revenues_and_margins.png"
DICTIONARY_FILE = "data_dictionary.md"
VOCABULARY_REVIEW_FILE = "vocabulary_review.md"


@dataclass(frozen=True)
class VersionLayout:
    """One build's folder, before publishing (`.build/<run_id>/`) or after (`.versions/...`)."""

    folder: Path
    database_name: str

    @property
    def run_id(self) -> str:
        return self.folder.name

    @property
    def database(self) -> Path:
        return self.folder / self.database_name

    @property
    def parquet_dir(self) -> Path:
        return self.folder / "parquet"

    @property
    def data_docs_dir(self) -> Path:
        return self.folder / "data_docs"

    def entry(self, name: str) -> Path:
        """One of the published entries (the database's name or one of PUBLISHED_NAMES)."""
        return self.folder / name


@dataclass(frozen=True)
class WarehouseLayout:
    """Where the inbox, the staged extracts, the builds and the published warehouse are."""

    inbox: Path
    database: Path
    staging_dir: Path
    logs_dir: Path

    @classmethod
    def at(cls, database: Path, inbox: Path | None = None) -> WarehouseLayout:
        """A layout with everything beside the published database (tests, scripts)."""
        folder = database.parent
        return cls(
            inbox=inbox or folder / "inbox",
            database=database,
            staging_dir=folder / ".staging",
            logs_dir=folder / ".logs",
        )

    @property
    def folder(self) -> Path:
        return self.database.parent

    @property
    def published_names(self) -> tuple[str, ...]:
        """The entries of the warehouse folder that are links through `current`."""
        return (self.database.name, *PUBLISHED_NAMES)

    @property
    def parquet_dir(self) -> Path:
        return self.folder / "parquet"

    @property
    def data_docs_dir(self) -> Path:
        return self.folder / "data_docs"

    @property
    def current_link(self) -> Path:
        return self.folder / CURRENT

    @property
    def versions_dir(self) -> Path:
        return self.folder / VERSIONS_DIR

    @property
    def builds_dir(self) -> Path:
        return self.folder / BUILDS_DIR

    @property
    def lock_file(self) -> Path:
        return self.folder / LOCK_FILE

    @property
    def charts_dir(self) -> Path:
        return self.folder / "charts"

    @property
    def chart_file(self) -> Path:
        return self.charts_dir / CHART_FILE

    @property
    def dictionary_file(self) -> Path:
        return self.folder / DICTIONARY_FILE

    @property
    def vocabulary_review_file(self) -> Path:
        return self.folder / VOCABULARY_REVIEW_FILE

    @property
    def documents_dir(self) -> Path:
        return self.staging_dir / "documents"

    def build(self, run_id: str) -> VersionLayout:
        """Where run `run_id` builds the warehouse before publishing it: on the same file system
        as the published files, so that publishing is renames."""
        return VersionLayout(self.builds_dir / run_id, self.database.name)

    def build_file(self, run_id: str) -> Path:
        return self.build(run_id).database

    def version(self, run_id: str) -> VersionLayout:
        return VersionLayout(self.versions_dir / run_id, self.database.name)

    def run_log(self, run_name: str) -> Path:
        return self.logs_dir / f"{run_name}.log"
