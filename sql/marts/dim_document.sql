-- One row per document in the inbox: `status` is `ok`, or `error` with the reason in `error`;
-- `facts` and `quarantined` count its rows in fact_metric and quarantine.
select
    documents.document_id,
    documents.source_file,
    documents.sha256,
    documents.title,
    documents.document_date,
    documents.pages,
    documents.ingested_at,
    documents.format,
    documents.tables,
    documents.status,
    documents.error,
    documents.accounting_standard,
    (select count(*) from marts.fact_metric as facts
     where facts.document_id = documents.document_id) as facts,
    (select count(*) from marts.quarantine
     where quarantine.document_id = documents.document_id) as quarantined
from staging.stg_documents as documents
order by documents.document_date nulls first, documents.ingested_at, documents.document_id
