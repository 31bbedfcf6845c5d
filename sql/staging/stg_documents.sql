-- One row per document now in the inbox, as staged: status `ok`, or `error` with the reason.
select *
from read_parquet($document_files)
