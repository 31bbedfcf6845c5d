-- One row per (metric_id, segment_id, period_id, scenario, basis, measure): the figure as the most
-- recent document prints it (latest document_date, then latest ingested), `n_documents` that
-- print it, and `max_abs_discrepancy`: the widest gap between two of its figures once each is
-- read as the interval its rounding allows (value +/- half a unit of its last printed digit).
with figures as (
    select
        facts.*,
        documents.document_date,
        documents.ingested_at,
        facts.value - 0.5 * pow(10, -facts.decimals) as low,
        facts.value + 0.5 * pow(10, -facts.decimals) as high
    from marts.fact_metric as facts
    join marts.dim_document as documents on documents.document_id = facts.document_id
)

select
    -- the columns of fact_metric, in its order
    * exclude (document_date, ingested_at, low, high),
    count(distinct document_id) over same_figure as n_documents,
    -- Two intervals leave a gap only when the highest low end lies above the lowest high end;
    -- rounding to 1e-9 drops the binary noise of the half-unit arithmetic.
    round(greatest(max(low) over same_figure - min(high) over same_figure, 0), 9)
        as max_abs_discrepancy
from figures
window same_figure as (partition by metric_id, segment_id, period_id, scenario, basis, measure)
qualify row_number() over (
    same_figure
    order by document_date desc nulls last, ingested_at desc, document_id desc, table_id, locator
) = 1
order by metric_id, segment_id, period_id, scenario, basis, measure
