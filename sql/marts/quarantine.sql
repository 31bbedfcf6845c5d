-- Everything that looked like table data and was not published, and why: cells the interpreter
-- set aside, facts outside the vocabulary, whole documents that could not be read, and every
-- file that repeats the bytes of another (the same document, counted once).
-- A cell read from a PDF carries its page and the box of its printed text; the rest have none.
select
    document_id, table_id, locator, raw_text, row_label, column_label, reason,
    page, bbox_x0, bbox_top, bbox_x1, bbox_bottom
from (
    select
        document_id, table_id, locator, reported_text as raw_text, row_label, column_label,
        reason, page, bbox_x0, bbox_top, bbox_x1, bbox_bottom, cell_index
    from staging.stg_cells
    where status = 'quarantine'
    union all
    select
        document_id, table_id, locator, reported_text, row_label, column_label,
        vocabulary_issue, page, bbox_x0, bbox_top, bbox_x1, bbox_bottom, cell_index
    from intermediate.int_facts
    where vocabulary_issue is not null
    union all
    select
        document_id, null, 'whole document', source_file, null, null, error,
        null, null, null, null, null, null
    from staging.stg_documents
    where status = 'error'
    union all
    select
        document_id, 'file', 'whole file ' || copy, copy, null, null,
        'byte-identical copy of ' || source_file || ': the same document, counted once',
        null, null, null, null, null, null
    from staging.stg_documents, unnest(copies) as other_names(copy)
)
order by document_id, cell_index nulls first
