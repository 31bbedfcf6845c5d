"""The pipeline's resources, configured from `Settings` in one place and doing no I/O when built."""

from __future__ import annotations

import dagster as dg

from assets.resources import ValidationResource, WarehouseResource
from pipelines.settings import Settings


def build_resources(settings: Settings) -> dict[str, dg.ConfigurableResource]:
    return {
        "warehouse": WarehouseResource.from_limits(
            layout=settings.layout,
            contract_dir=settings.contract_dir,
            limits=settings.limits,
            extract_workers=settings.extract_workers,
            publish_lock_timeout_s=settings.publish_lock_timeout_s,
        ),
        "validation": ValidationResource(),
    }
