"""What a run reports: the run summary, the chart, the data dictionary and table previews.
Plain Python, no Dagster."""
