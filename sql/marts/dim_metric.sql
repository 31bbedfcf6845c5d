-- The metrics a figure can be about (contract/metrics.csv).
select metric_id, statement, unit, definition, labels_seen
from staging.stg_metrics
order by metric_id
