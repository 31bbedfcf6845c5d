"""What one document's extraction may take: the one value object of the limits, with their
defaults. `pipelines/settings.py` reads them from the environment, the warehouse resource carries
them to the assets, and `staging` and `isolation` apply them."""

from __future__ import annotations

from dataclasses import dataclass

BYTES_PER_MB = 1024 * 1024


@dataclass(frozen=True)
class ExtractionLimits:
    """The size and page limits checked before a document is read, and the time and memory its
    extraction process may use."""

    max_document_mb: float = 50.0
    max_pages: int = 200
    timeout_s: float = 300.0
    memory_mb: float = 2048.0
