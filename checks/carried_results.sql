-- The results of the last publish that the build's checks carry over: those of a check whose
-- every result belongs to the documents it names (`$carried_checks`), that compared figures of
-- unchanged documents only (check_unchanged_document, checks/carry_over.sql). Held-back
-- failures are not carried: their documents are not in the last publish. Neither is a
-- comparison across documents of a rule that takes each period's current figure
-- (`$current_figure_rules`), which a new document can change for every other.
-- Materialized: result_number must name the same result wherever it is looked up.
with result as materialized (
    select
        *,
        row_number() over () as result_number,
        case
            when len(compared_documents) > 0 then compared_documents
            when document_id is not null then [document_id]
            else []
        end as documents
    from last_publish.marts.check_results
    where severity <> 'held_back' and list_contains($carried_checks, check_name)
),

-- The results that name a document not unchanged.
involving_a_changed_document as (
    select result_number
    from (select result_number, unnest(documents) as document_id from result)
    anti join check_unchanged_document using (document_id)
)

select * exclude (result_number, documents)
from result
anti join involving_a_changed_document using (result_number)
where len(documents) > 0
    and not (list_contains($current_figure_rules, check_name) and len(documents) > 1)
