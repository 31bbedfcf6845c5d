-- The results of the last publish that the build's checks carry over: those of a check whose
-- every result belongs to the documents it names (`$carried_checks`), that compared figures of
-- unchanged documents only (check_unchanged_document, checks/carry_over.sql). Held-back
-- failures are not carried: their documents are not in the last publish. Neither is a
-- comparison across documents of a rule that takes each period's current figure
-- (`$current_figure_rules`), which a new document can change for every other. Rows are picked
-- by rowid, so that only the columns deciding it are read before the rows carried.
with result as (
    select
        rowid as result_row,
        check_name,
        case
            when len(compared_documents) > 0 then compared_documents
            when document_id is not null then [document_id]
            else []
        end as documents
    from last_publish.marts.check_results
    where severity <> 'held_back' and list_contains($carried_checks, check_name)
),

involving_a_changed_document as (
    select result_row
    from (select result_row, unnest(documents) as document_id from result)
    anti join check_unchanged_document using (document_id)
),

carried as (
    select result_row
    from result
    anti join involving_a_changed_document using (result_row)
    where len(documents) > 0
        and not (list_contains($current_figure_rules, check_name) and len(documents) > 1)
)

select published.*
from last_publish.marts.check_results as published
semi join carried on carried.result_row = published.rowid
