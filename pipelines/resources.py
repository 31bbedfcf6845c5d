"""The pipeline's resources, configured from `Settings` in one place and doing no I/O when built."""

from __future__ import annotations

import dagster as dg

from assets.resources import WarehouseResource
from pipelines.settings import Settings


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
            publish_lock_timeout_s=settings.publish_lock_timeout_s,
            logs_dir=str(settings.layout.logs_dir),
        )
    }
