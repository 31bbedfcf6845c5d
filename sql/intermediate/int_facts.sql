-- Staged facts with the contract's types, their document's date and ingestion time, and
-- `vocabulary_issue`: why a fact whose metric or segment is not in the vocabulary is held back.
select
    cells.document_id,
    cells.table_id,
    cells.metric_id,
    cells.segment_id,
    cells.period_id,
    cells.period_type,
    cast(cells.period_start as date) as period_start,
    cast(cells.period_end as date) as period_end,
    cast(cells.fiscal_year as integer) as fiscal_year,
    cells.scenario,
    cells.basis,
    cells.measure,
    cells.unit,
    cast(cells.value as double) as value,
    cast(cells.decimals as integer) as decimals,
    cells.reported_text,
    cells.reported_unit,
    cells.row_label,
    cells.column_label,
    cells.locator,
    cells.page,
    cells.bbox_x0,
    cells.bbox_top,
    cells.bbox_x1,
    cells.bbox_bottom,
    cells.cell_index,
    documents.document_date,
    documents.ingested_at,
    case
        when metrics.metric_id is null then 'metric_id not in the vocabulary: ' || cells.metric_id
        when segments.segment_id is null
            then 'segment_id not in the vocabulary: ' || cells.segment_id
    end as vocabulary_issue
from staging.stg_cells as cells
join staging.stg_documents as documents on documents.document_id = cells.document_id
left join staging.stg_metrics as metrics on metrics.metric_id = cells.metric_id
left join staging.stg_segments as segments on segments.segment_id = cells.segment_id
where cells.status = 'fact' and documents.status = 'ok'
