"""Imports point one way: pipelines -> assets -> the plain packages, which import no Dagster.

Read from the source of every module (its syntax tree), so that an import inside a function
counts as much as one at the top.
"""

import ast
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
PLAIN_PACKAGES = ("extraction", "checks", "warehousing", "reporting")
# What each package may not import: the layers above it, and Dagster below the assets.
FORBIDDEN = {
    **{package: ("dagster", "assets", "pipelines") for package in PLAIN_PACKAGES},
    "assets": ("pipelines",),
}


def imported_modules(source: str) -> set[str]:
    """Every module an `import` or `from ... import` statement of the source names."""
    modules = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


def is_forbidden(package: str, module: str) -> bool:
    """Whether `package` may not import `module`; Dagster's own extensions (`dagster_k8s`)
    count as Dagster."""
    top = module.split(".")[0]
    return any(top == name or top.startswith(f"{name}_") for name in FORBIDDEN[package])


def violations(package: str) -> list[str]:
    return [
        f"{path.relative_to(PROJECT_ROOT)} imports {module}"
        for path in sorted((PROJECT_ROOT / package).rglob("*.py"))
        for module in sorted(imported_modules(path.read_text(encoding="utf-8")))
        if is_forbidden(package, module)
    ]


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_a_package_imports_nothing_from_the_layers_above_it(package):
    assert list((PROJECT_ROOT / package).glob("*.py")), f"{package}/ has no modules"
    assert violations(package) == []


def test_the_import_reader_sees_every_kind_of_import():
    source = (
        "import dagster as dg\n"
        "from assets.ui import OWNERS\n"
        "def later():\n"
        "    from pipelines import settings\n"
        "    import dagster_k8s\n"
        "from . import sibling\n"
    )
    assert imported_modules(source) == {"dagster", "assets.ui", "pipelines", "dagster_k8s"}
    assert [m for m in sorted(imported_modules(source)) if is_forbidden("reporting", m)] == [
        "assets.ui", "dagster", "dagster_k8s", "pipelines",
    ]
    assert [m for m in sorted(imported_modules(source)) if is_forbidden("assets", m)] == [
        "pipelines",
    ]
