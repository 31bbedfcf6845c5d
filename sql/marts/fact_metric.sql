-- One row per reported figure, as printed in one document.
select
    document_id,
    table_id,
    metric_id,
    segment_id,
    period_id,
    period_start,
    period_end,
    scenario,
    basis,
    measure,
    unit,
    value,
    decimals,
    reported_text,
    reported_unit,
    row_label,
    column_label,
    locator,
    page,
    bbox_x0,
    bbox_top,
    bbox_x1,
    bbox_bottom
from intermediate.int_facts
where vocabulary_issue is null
order by document_id, cell_index
