-- What the checks of a build carry over from the last publish (attached as `last_publish`): the
-- documents whose figures are unchanged, and the results that compared only those.
--
-- Run after the build's models and before the rules; `$checked_documents` names the documents
-- the checks compare afresh (check_scope), `$carried_checks` the checks whose every result
-- belongs to the documents it names, `$current_figure_rules` the rules whose comparisons across
-- documents take each period's current figure (never carried: a new document can change which
-- figure is current for the figures of every other).

-- A document's fingerprint: its dim_document row as the checks read it (file, title, date,
-- status), its published figures and its staged cells, each row hashed and the hashes summed, so
-- the order of rows does not matter.
create or replace temp macro check_document_fingerprint(document_table, fact_table, cell_table)
as table
with fact_hash as (
    select document_id, count(*) as rows, sum(hash(fact)::hugeint) as hashes
    from query_table(fact_table) as fact
    group by document_id
),

cell_hash as (
    select document_id, count(*) as rows, sum(hash(cell)::hugeint) as hashes
    from query_table(cell_table) as cell
    group by document_id
)

select
    documents.document_id,
    hash(
        documents.source_file, documents.title, documents.document_date, documents.status,
        documents.error, fact_hash.rows, fact_hash.hashes, cell_hash.rows, cell_hash.hashes
    ) as fingerprint
from query_table(document_table) as documents
left join fact_hash using (document_id)
left join cell_hash using (document_id);

-- The documents of the build whose fingerprint the last publish has too, published there (not
-- held back): the results comparing only them stand as they were.
create or replace temp table check_unchanged_document as
select build.document_id
from check_document_fingerprint('marts.dim_document', 'marts.fact_metric', 'staging.stg_cells')
    as build
join check_document_fingerprint(
    'last_publish.marts.dim_document', 'last_publish.marts.fact_metric',
    'last_publish.staging.stg_cells'
) as published using (document_id, fingerprint)
join last_publish.marts.dim_document as published_document using (document_id)
where published_document.status <> 'held_back';
