-- Quarterly revenues by segment, as most recently reported (JPY million).
select
    f.period_id,
    p.period_start,
    f.segment_id,
    s.definition as segment,
    f.value as revenues_jpy_million,
    f.n_documents
from marts.fact_metric_current as f
join marts.dim_period as p using (period_id)
join marts.dim_segment as s using (segment_id)
where f.metric_id = 'revenues'
  and f.measure = 'amount'
  and f.scenario = 'actual'
  and f.basis = 'consolidated'
  and p.period_type = 'quarter'
order by p.period_start, f.segment_id
