-- The segment vocabulary of the contract (contract/segments.csv).
select *
from read_csv($segments_csv, header = true, all_varchar = true)
