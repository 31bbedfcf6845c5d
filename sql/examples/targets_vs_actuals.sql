-- Each target IIJ published beside the actual figure later reported for the same period, in JPY
-- million (per-share figures are left out: the 1:200 stock split of 2012-10-01 changed their basis).
select
    t.metric_id,
    t.period_id,
    t.scenario as target_kind,
    t.value as target,
    a.value as actual,
    a.value - t.value as actual_minus_target,
    round(100 * a.value / nullif(t.value, 0), 1) as actual_pct_of_target
from marts.fact_metric_current as t
join marts.fact_metric_current as a
    on a.metric_id = t.metric_id
    and a.segment_id = t.segment_id
    and a.period_id = t.period_id
    and a.basis = t.basis
    and a.measure = t.measure
    and a.scenario = 'actual'
where t.scenario in ('target', 'target_initial', 'target_revised')
  and t.measure = 'amount'
  and t.unit = 'JPY_million'
  and t.segment_id = 'total'
  and t.basis = 'consolidated'
order by t.period_id, t.metric_id, t.scenario
