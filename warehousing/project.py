"""The project's own folders, found from this file: the SQL models, the contract and the docs."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SQL_DIR = PROJECT_ROOT / "sql"
EXAMPLES_DIR = SQL_DIR / "examples"
CONTRACT_DIR = PROJECT_ROOT / "contract"
DOCS_DIR = PROJECT_ROOT / "docs"
