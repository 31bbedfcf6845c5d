"""Settings: read from the environment in one place, with the project's defaults."""

import pytest

from pipelines.settings import PROJECT_ROOT, Settings


def test_settings_default_to_the_project_and_follow_the_environment(tmp_path):
    defaults = Settings.from_env({})
    assert defaults.sources_dir == PROJECT_ROOT / "sources"
    assert defaults.warehouse_path == PROJECT_ROOT / "warehouse" / "iij.duckdb"
    assert defaults.staging_dir == PROJECT_ROOT / "warehouse" / ".staging"
    assert (defaults.limits.max_document_mb, defaults.limits.max_pages) == (50.0, 200)
    custom = Settings.from_env(
        {"IIJ_WAREHOUSE_PATH": str(tmp_path / "w.duckdb"), "IIJ_MAX_PAGES": "12"}
    )
    assert custom.staging_dir == tmp_path / ".staging"
    assert custom.limits.max_pages == 12
    with pytest.raises(ValueError, match="IIJ_MAX_DOCUMENT_MB='-1' must be positive"):
        Settings.from_env({"IIJ_MAX_DOCUMENT_MB": "-1"})
    with pytest.raises(ValueError, match="IIJ_MAX_PAGES='many' is not a whole number"):
        Settings.from_env({"IIJ_MAX_PAGES": "many"})
