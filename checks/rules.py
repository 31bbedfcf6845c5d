"""The reconciliation rules: one SQL query per file in `checks/rules/`, over the marts tables.

Each query returns one row per comparison with the check_results columns; `checks/intervals.sql`
(interval macros) and `checks/figures.sql` (the figures to compare, and the macros that turn a
rule's comparisons into check_results rows) run first in the same connection, after
`checks.scope` has named the documents to check. The interval
arithmetic stays in SQL: every rule is a join of figures plus a sum or quotient of bounds, which
reads better as one query than as Python loops over a query result.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from checks.results import CheckResult, query_results
from warehousing.sql_models import leading_comment

CHECKS_DIR = Path(__file__).resolve().parent
RULES_DIR = CHECKS_DIR / "rules"
INTERVAL_MACROS = CHECKS_DIR / "intervals.sql"
FIGURE_VIEWS = CHECKS_DIR / "figures.sql"
# Named here rather than found by listing rules/, so that loading the Definitions lists no
# folder; a test keeps this tuple and the files of rules/ in step.
RULE_NAMES = (
    "parts_sum_to_whole",
    "accounting_identities",
    "ratio_identities",
    "period_over_period",
    "time_consistency",
    "cross_document",
    "repeated_figures",
)

# The rules whose comparisons across documents take each period's current figure
# (fact_metric_current): a new document can change which figure is current for the figures of
# every other, so those comparisons run over the whole build in every check (checks.scope).
CURRENT_FIGURE_RULES = ("time_consistency",)


@dataclass(frozen=True)
class Rule:
    name: str
    sql: str

    @property
    def description(self) -> str:
        """The first paragraph of the file's opening comment, `-- name: what the rule checks`."""
        return leading_comment(self.sql).removeprefix(f"{self.name}:").strip()


def load_rules(rules_dir: Path = RULES_DIR) -> list[Rule]:
    return [Rule(name, (rules_dir / f"{name}.sql").read_text()) for name in RULE_NAMES]


def run_rules(
    connection: duckdb.DuckDBPyConnection, rules: list[Rule] | None = None
) -> list[CheckResult]:
    """Every comparison of every rule, status `pass` or `fail` (`warn` for restatements)."""
    for prelude in (INTERVAL_MACROS, FIGURE_VIEWS):
        connection.execute(prelude.read_text())
    return [
        result
        for rule in (load_rules() if rules is None else rules)
        for result in query_results(connection, rule.sql)
    ]
