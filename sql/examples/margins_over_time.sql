-- Consolidated gross and operating margin ratios (percent) per quarter, as printed.
select
    f.period_id,
    p.period_start,
    max(f.value) filter (where f.metric_id = 'gross_margin_ratio') as gross_margin_ratio,
    max(f.value) filter (where f.metric_id = 'operating_margin_ratio') as operating_margin_ratio
from marts.fact_metric_current as f
join marts.dim_period as p using (period_id)
where f.metric_id in ('gross_margin_ratio', 'operating_margin_ratio')
  and f.segment_id = 'total'
  and f.measure = 'amount'
  and f.scenario = 'actual'
  and f.basis = 'consolidated'
  and p.period_type = 'quarter'
group by f.period_id, p.period_start
order by p.period_start
