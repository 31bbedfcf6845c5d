-- The most recent consolidated balance sheet the warehouse holds (JPY million).
with latest as (
    select max(p.period_end) as period_end
    from marts.fact_metric_current as f
    join marts.dim_period as p using (period_id)
    join marts.dim_metric as m using (metric_id)
    where m.statement = 'balance_sheet' and p.period_type = 'instant' and f.segment_id = 'total'
)
select
    f.period_id as as_of,
    f.metric_id,
    m.definition,
    f.value as amount_jpy_million,
    f.reported_text,
    f.document_id,
    f.locator
from marts.fact_metric_current as f
join marts.dim_period as p using (period_id)
join marts.dim_metric as m using (metric_id)
join latest on p.period_end = latest.period_end
where m.statement = 'balance_sheet'
  and f.segment_id = 'total'
  and f.measure = 'amount'
  and f.scenario = 'actual'
  and f.basis = 'consolidated'
order by f.metric_id
