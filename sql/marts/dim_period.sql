-- Every period a published figure refers to.
select
    period_id,
    min(period_type) as period_type,
    min(fiscal_year) as fiscal_year,
    min(period_start) as period_start,
    max(period_end) as period_end
from intermediate.int_facts
where vocabulary_issue is null
group by period_id
order by period_start, period_end, period_id
