-- Results of the reconciliation and expectation checks of the run that built this warehouse.
-- Created empty here; the checks layer inserts its results into the build before publishing.
select
    cast(null as varchar) as check_name,
    cast(null as varchar) as rule,
    cast(null as varchar) as severity,
    cast(null as varchar) as status,
    cast(null as varchar) as document_id,
    cast(null as varchar) as period_id,
    cast(null as varchar) as metric_id,
    cast(null as varchar) as segment_id,
    cast(null as double) as expected_low,
    cast(null as double) as expected_high,
    cast(null as double) as actual_value,
    cast(null as varchar) as message,
    cast(null as varchar) as locator
where false
