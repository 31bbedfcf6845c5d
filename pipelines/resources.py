"""The pipeline's resources, configured from `Settings` in one place and doing no I/O when built."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines import publishing
from pipelines.extracts import ExtractionLimits
from pipelines.settings import DEFAULT_DOCUMENT_MEMORY_MB, DEFAULT_DOCUMENT_TIMEOUT_S, Settings


class WarehouseResource(dg.ConfigurableResource):
    """Where documents come from, where their extracts are staged and where the warehouse goes."""

    sources_dir: str
    warehouse_path: str
    staging_dir: str
    contract_dir: str
    max_document_mb: float
    max_pages: int
    # Defaults for a resource built by hand (tests); `build_resources` sets them from Settings.
    extract_workers: int = 1
    document_timeout_s: float = DEFAULT_DOCUMENT_TIMEOUT_S
    document_memory_mb: float = DEFAULT_DOCUMENT_MEMORY_MB

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


def build_resources(settings: Settings) -> dict[str, dg.ConfigurableResource]:
    return {
        "warehouse": WarehouseResource(
            sources_dir=str(settings.sources_dir),
            warehouse_path=str(settings.warehouse_path),
            staging_dir=str(settings.staging_dir),
            contract_dir=str(settings.contract_dir),
            max_document_mb=settings.max_document_mb,
            max_pages=settings.max_pages,
            extract_workers=settings.extract_workers,
            document_timeout_s=settings.document_timeout_s,
            document_memory_mb=settings.document_memory_mb,
        )
    }
