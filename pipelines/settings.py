"""Every setting of the pipeline, read from the environment here and nowhere else."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from warehousing.layout import WarehouseLayout
from warehousing.limits import ExtractionLimits
from warehousing.project import CONTRACT_DIR, PROJECT_ROOT
from warehousing.publishing import DEFAULT_LOCK_TIMEOUT_S

DEFAULT_LIMITS = ExtractionLimits()
DEFAULT_INBOX_POLL_SECONDS = 30
DEFAULT_FULL_REFRESH_CRON = "0 3 * * *"
# How a run executes its steps: each name's Dagster executor, as (module, attribute), imported
# by pipelines/definitions.py only for the one chosen (dagster-k8s or dagster-celery must be
# installed for theirs). The first is the default: a run's steps are a chain (stage, build,
# check, publish, report) and every document is staged in a process of its own already, so the
# steps run in the run's process; a process per step would only add seconds of start-up to each.
EXECUTORS = {
    "in_process": ("dagster", "in_process_executor"),
    "multiprocess": ("dagster", "multiprocess_executor"),
    "k8s": ("dagster_k8s", "k8s_job_executor"),
    "celery": ("dagster_celery", "celery_executor"),
}


def available_cpus() -> int:
    """The CPUs this process may run on (a container's share, not the whole machine's)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@dataclass(frozen=True)
class Settings:
    sources_dir: Path
    warehouse_path: Path
    staging_dir: Path
    contract_dir: Path
    limits: ExtractionLimits
    extract_workers: int
    inbox_poll_seconds: int
    full_refresh_cron: str
    executor: str
    publish_lock_timeout_s: float
    logs_dir: Path

    @property
    def layout(self) -> WarehouseLayout:
        return WarehouseLayout(
            inbox=self.sources_dir,
            database=self.warehouse_path,
            staging_dir=self.staging_dir,
            logs_dir=self.logs_dir,
        )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from `IIJ_*` variables; relative paths are taken from the current directory."""
        env = os.environ if environ is None else environ
        warehouse_path = _path(env.get("IIJ_WAREHOUSE_PATH"), PROJECT_ROOT / "warehouse/iij.duckdb")
        return cls(
            sources_dir=_path(env.get("IIJ_SOURCES_DIR"), PROJECT_ROOT / "sources"),
            warehouse_path=warehouse_path,
            staging_dir=_path(env.get("IIJ_STAGING_DIR"), warehouse_path.parent / ".staging"),
            contract_dir=CONTRACT_DIR,
            limits=ExtractionLimits(
                max_document_mb=float(
                    _positive(env, "IIJ_MAX_DOCUMENT_MB", float, DEFAULT_LIMITS.max_document_mb)
                ),
                max_pages=int(_positive(env, "IIJ_MAX_PAGES", int, DEFAULT_LIMITS.max_pages)),
                timeout_s=float(
                    _positive(env, "IIJ_DOCUMENT_TIMEOUT_S", float, DEFAULT_LIMITS.timeout_s)
                ),
                memory_mb=float(
                    _positive(env, "IIJ_DOCUMENT_MEMORY_MB", float, DEFAULT_LIMITS.memory_mb)
                ),
            ),
            extract_workers=int(_positive(env, "IIJ_EXTRACT_WORKERS", int, available_cpus())),
            inbox_poll_seconds=int(
                _positive(env, "IIJ_INBOX_POLL_SECONDS", int, DEFAULT_INBOX_POLL_SECONDS)
            ),
            full_refresh_cron=env.get("IIJ_FULL_REFRESH_CRON") or DEFAULT_FULL_REFRESH_CRON,
            executor=_choice(env, "IIJ_EXECUTOR", tuple(EXECUTORS)),
            publish_lock_timeout_s=float(
                _positive(env, "IIJ_PUBLISH_LOCK_TIMEOUT_S", float, DEFAULT_LOCK_TIMEOUT_S)
            ),
            # Each CLI run's Dagster log, beside the instance's own files.
            logs_dir=_path(env.get("DAGSTER_HOME"), PROJECT_ROOT / ".dagster_home") / "logs",
        )


def _path(value: str | None, default: Path) -> Path:
    return Path(value).expanduser().absolute() if value else default


def _choice(env: Mapping[str, str], name: str, choices: tuple[str, ...]) -> str:
    """The variable's value, one of `choices`; the first when it is not set."""
    value = env.get(name) or choices[0]
    if value not in choices:
        raise ValueError(f"{name}={value!r} is not one of {', '.join(choices)}")
    return value


def _positive(env: Mapping[str, str], name: str, kind: type[int | float], default: float) -> float:
    text = env.get(name)
    if not text:
        return default
    try:
        value = kind(text)
    except ValueError:
        expected = "a whole number" if kind is int else "a number"
        raise ValueError(f"{name}={text!r} is not {expected}") from None
    if value <= 0:
        raise ValueError(f"{name}={text!r} must be positive")
    return value
