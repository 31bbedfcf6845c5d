"""Dagster wiring: the one `Definitions`, jobs, schedules, sensors, partitions, resources,
settings and the CLI. Everything below it (assets, then the plain packages) imports nothing from
here."""
