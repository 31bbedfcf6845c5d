"""Pure extraction logic: readers, parsing and interpretation. Imports no Dagster."""
