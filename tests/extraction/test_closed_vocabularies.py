"""The closed vocabularies are the one definition of the values the SQL compares with: every value
a model, example query or check rule names for one of those columns is a value of its set."""

import re
from pathlib import Path

from extraction.closed_vocabularies import (
    BASIS,
    MEASURE,
    PERIOD_TYPE,
    SCENARIO,
    UNIT,
)

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SQL_FILES = sorted([*PROJECT_ROOT.glob("sql/**/*.sql"), *PROJECT_ROOT.glob("checks/**/*.sql")])
BY_COLUMN = {vocabulary.column: vocabulary for vocabulary in (SCENARIO, BASIS, MEASURE, UNIT,
                                                                PERIOD_TYPE)}
COMPARISON = re.compile(
    r"\b(?:\w+\.)?(" + "|".join(BY_COLUMN) + r")\s*(?:=|<>|!=|(?:not\s+)?in)\s*"
    r"(\('[^)]*\)|'[^']*')",
    re.IGNORECASE,
)


def named_values(sql: str) -> list[tuple[str, str]]:
    """(column, value) of every comparison of a closed-vocabulary column with quoted values."""
    code = re.sub(r"--[^\n]*", "", sql)
    return [
        (column, value)
        for column, values in COMPARISON.findall(code)
        for value in re.findall(r"'([^']*)'", values)
    ]


def test_every_value_the_sql_compares_with_is_in_its_vocabulary():
    named = {path.relative_to(PROJECT_ROOT): named_values(path.read_text()) for path in SQL_FILES}
    unknown = [
        f"{path}: {column} = {value!r}"
        for path, pairs in named.items()
        for column, value in pairs
        if value not in BY_COLUMN[column]
    ]
    assert unknown == []
    # The scan finds the comparisons it is meant to hold to the sets.
    assert ("measure", "amount") in named[Path("checks/rules/period_over_period.sql")]
    assert ("scenario", "target_revised") in named[Path("checks/rules/ratio_identities.sql")]
    assert ("unit", "JPY_million") in named[Path("sql/examples/targets_vs_actuals.sql")]


def test_a_value_the_sets_do_not_hold_is_found():
    sql = "select * from f where f.measure in ('amount', 'yoy_percent') and basis = 'group'"
    pairs = named_values(sql)
    assert [pair for pair in pairs if pair[1] not in BY_COLUMN[pair[0]]] == [
        ("measure", "yoy_percent"), ("basis", "group"),
    ]


def test_a_column_meaning_lists_the_values_with_their_notes():
    assert SCENARIO.described == (
        "`actual`, `target` (a target as stated), `target_initial` or `target_revised`"
    )
    assert UNIT.listed == "`JPY_million`, `percent`, `JPY`, `count`, `Gbps`"
