-- The metric vocabulary of the contract (contract/metrics.csv).
select *
from read_csv($metrics_csv, header = true, all_varchar = true)
