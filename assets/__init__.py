"""Dagster assets, one module per layer: sources, SQL models, publish."""
