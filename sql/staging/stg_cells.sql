-- Every staged cell, facts and quarantined cells alike, of the documents now in the inbox.
select *
from read_parquet($cell_files)
