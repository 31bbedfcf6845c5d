"""The resource every asset reads its folders and limits from; `pipelines/resources.py` configures
it from the settings. Building it does no I/O."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from warehousing import publishing
from warehousing.limits import ExtractionLimits

DEFAULT_LIMITS = ExtractionLimits()


class WarehouseResource(dg.ConfigurableResource):
    """Where documents come from, where their extracts are staged and where the warehouse goes.

    The fields are plain values, as Dagster's config wants them; `extraction_limits` is them
    again as the one `ExtractionLimits` the plain packages take, and `from_limits` builds the
    resource from it. Defaults (for a resource built by hand, in tests) are `ExtractionLimits`'.
    """

    sources_dir: str
    warehouse_path: str
    staging_dir: str
    contract_dir: str
    max_document_mb: float = DEFAULT_LIMITS.max_document_mb
    max_pages: int = DEFAULT_LIMITS.max_pages
    extract_workers: int = 1
    document_timeout_s: float = DEFAULT_LIMITS.timeout_s
    document_memory_mb: float = DEFAULT_LIMITS.memory_mb

    @classmethod
    def from_limits(
        cls,
        *,
        sources_dir: Path,
        warehouse_path: Path,
        staging_dir: Path,
        contract_dir: Path,
        limits: ExtractionLimits,
        extract_workers: int,
    ) -> WarehouseResource:
        return cls(
            sources_dir=str(sources_dir),
            warehouse_path=str(warehouse_path),
            staging_dir=str(staging_dir),
            contract_dir=str(contract_dir),
            max_document_mb=limits.max_document_mb,
            max_pages=limits.max_pages,
            extract_workers=extract_workers,
            document_timeout_s=limits.timeout_s,
            document_memory_mb=limits.memory_mb,
        )

    @property
    def inbox(self) -> Path:
        return Path(self.sources_dir)

    @property
    def warehouse_file(self) -> Path:
        return Path(self.warehouse_path)

    @property
    def documents_dir(self) -> Path:
        return Path(self.staging_dir) / "documents"

    @property
    def contract(self) -> Path:
        return Path(self.contract_dir)

    @property
    def extraction_limits(self) -> ExtractionLimits:
        return ExtractionLimits(
            max_document_mb=self.max_document_mb,
            max_pages=self.max_pages,
            timeout_s=self.document_timeout_s,
            memory_mb=self.document_memory_mb,
        )

    def build_file(self, run_id: str) -> Path:
        return publishing.build_file(self.warehouse_file, run_id)
