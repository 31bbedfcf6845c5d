-- One row per document in the inbox: `status` is `ok`, `error` with the reason in `error`, or
-- `held_back` (its figures failed a blocking check, none of them is published) with the failures
-- in `held_back_reason`; `facts` and `quarantined` count its rows in fact_metric and quarantine.
-- A held-back new version of a published file leaves that file's last good version in, beside it.
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
    -- a held-back document's staged row carries the reason in `error` (warehousing/staging.py)
    case when documents.status = 'held_back' then null else documents.error end as error,
    (select count(*) from marts.fact_metric as facts
     where facts.document_id = documents.document_id) as facts,
    (select count(*) from marts.quarantine
     where quarantine.document_id = documents.document_id) as quarantined,
    case when documents.status = 'held_back' then documents.error end as held_back_reason,
    documents.accounting_standard
from staging.stg_documents as documents
order by documents.document_date nulls first, documents.ingested_at, documents.document_id
