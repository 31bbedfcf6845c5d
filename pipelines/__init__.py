"""Dagster wiring (definitions, resources, settings, CLI) and the I/O helpers it runs."""
