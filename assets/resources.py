"""The resource every asset reads its folders and limits from; `pipelines/resources.py` configures
it from the settings. Building it does no I/O."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from warehousing.layout import WarehouseLayout
from warehousing.publishing import DEFAULT_LOCK_TIMEOUT_S
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
    publish_lock_timeout_s: float = DEFAULT_LOCK_TIMEOUT_S
    # Empty: beside the warehouse (WarehouseLayout.at).
    logs_dir: str = ""

    @property
    def layout(self) -> WarehouseLayout:
        database = Path(self.warehouse_path)
        default = WarehouseLayout.at(database)
        return WarehouseLayout(
            inbox=Path(self.sources_dir),
            database=database,
            staging_dir=Path(self.staging_dir),
            logs_dir=Path(self.logs_dir) if self.logs_dir else default.logs_dir,
        )

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
