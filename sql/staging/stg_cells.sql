-- Every staged cell, facts and quarantined cells alike, of the documents now in the inbox.
--
-- carry_key: document_id
-- A build after a publish of the same definitions reads the staged files of the new and changed
-- documents only ($cell_files names theirs): the others (the same staged row, the same cells
-- file: stg_documents.cells_sha256) keep the publish's rows.
select *
from read_parquet($cell_files)
