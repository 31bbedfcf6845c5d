"""The resource every asset reads its folders and limits from; `pipelines/resources.py` configures
it from the settings. Building it does no I/O."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from warehousing import publishing
from warehousing.staging import ExtractionLimits


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
    document_timeout_s: float = ExtractionLimits.timeout_s
    document_memory_mb: float = ExtractionLimits.memory_mb

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
