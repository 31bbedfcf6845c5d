"""The resources of the assets: the warehouse's folders and limits, and where the expectation
suites run. `pipelines/resources.py` configures them from the settings; building them does no
I/O."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
from pydantic import PrivateAttr

from checks.validation import InProcessValidator, ValidationProcess, Validator
from warehousing.layout import WarehouseLayout
from warehousing.limits import ExtractionLimits
from warehousing.publishing import DEFAULT_LOCK_TIMEOUT_S

DEFAULT_LIMITS = ExtractionLimits()


class WarehouseResource(dg.ConfigurableResource):
    """Where documents come from, where their extracts are staged and where the warehouse goes.

    The fields are flat for Dagster's config; `from_settings`-style construction goes through
    `from_limits`, and `layout` and `extraction_limits` give the value objects back."""

    sources_dir: str
    warehouse_path: str
    staging_dir: str
    contract_dir: str
    max_document_mb: float = DEFAULT_LIMITS.max_document_mb
    max_pages: int = DEFAULT_LIMITS.max_pages
    extract_workers: int = 1
    document_timeout_s: float = DEFAULT_LIMITS.timeout_s
    document_memory_mb: float = DEFAULT_LIMITS.memory_mb
    publish_lock_timeout_s: float = DEFAULT_LOCK_TIMEOUT_S
    # Empty: beside the warehouse (WarehouseLayout.at).
    logs_dir: str = ""

    @classmethod
    def from_limits(
        cls,
        *,
        layout: WarehouseLayout,
        contract_dir: Path,
        limits: ExtractionLimits,
        extract_workers: int,
        publish_lock_timeout_s: float,
    ) -> WarehouseResource:
        return cls(
            sources_dir=str(layout.inbox),
            warehouse_path=str(layout.database),
            staging_dir=str(layout.staging_dir),
            contract_dir=str(contract_dir),
            max_document_mb=limits.max_document_mb,
            max_pages=limits.max_pages,
            extract_workers=extract_workers,
            document_timeout_s=limits.timeout_s,
            document_memory_mb=limits.memory_mb,
            publish_lock_timeout_s=publish_lock_timeout_s,
            logs_dir=str(layout.logs_dir),
        )

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


class ValidationResource(dg.ConfigurableResource):
    """Where the expectation suites of a run's checks run: by default in a process of their own
    (`checks.validation.ValidationProcess`), started when the run begins (or taken over from the
    command that started it ahead), so that importing Great Expectations overlaps the steps
    before the checks and the suites run beside the rules; with `own_process` false, in the
    step's process."""

    own_process: bool = True
    _process: ValidationProcess | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        if self.own_process:
            self._process = ValidationProcess.take()

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._process is not None:
            self._process.close()
            self._process = None

    @property
    def validator(self) -> Validator:
        return self._process or InProcessValidator()

    def wait_for_data_docs(self) -> None:
        """Until the Data Docs of the run's last validation are written (the process writes
        them after replying with the results, while the run goes on)."""
        if self._process is not None:
            self._process.finish()
