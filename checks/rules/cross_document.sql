-- cross_document: a figure printed by two documents agrees within both roundings.
--
-- Same metric, segment, period, scenario, basis and measure, each document's most precise
-- printing of it; every pair of documents is compared. A later document (by document_date) that
-- disagrees beyond rounding restates the figure: a warning, not an error. Disagreement between
-- documents of the same date (or undated) is an error. `change` and `vs_target_pct` figures are
-- left out: the period they are measured from is not part of the key.
with comparable as (
    select * from check_document_figure where measure not in ('change', 'vs_target_pct')
),

comparison as (
    select
        later.*,
        earlier.low as expected_low,
        earlier.high as expected_high,
        earlier.document_id as earlier_document_id,
        earlier.source_file as earlier_source_file,
        earlier.document_date as earlier_document_date,
        coalesce(later.document_date > earlier.document_date, false) as is_later,
        later.ref || '; ' || earlier.ref as pair_locator,
        later.figure || '; ' || earlier.figure as figures,
        [later.reported_text, earlier.reported_text] as printed_figures,
        check_documents_of(later.document_id, [earlier.document_id]) as compared_documents
    from comparable as later
    join comparable as earlier
        on earlier.metric_id = later.metric_id
        and earlier.segment_id = later.segment_id
        and earlier.period_id = later.period_id
        and earlier.scenario = later.scenario
        and earlier.basis = later.basis
        and earlier.measure = later.measure
        and (
            earlier.document_date < later.document_date
            or (
                earlier.document_date is not distinct from later.document_date
                and earlier.document_id < later.document_id
            )
            or (earlier.document_date is null and later.document_date is not null)
        )
)

select
    'cross_document' as check_name,
    measure || ' in ' || source_file || ' = ' || measure || ' in ' || earlier_source_file as rule,
    case
        when iv_overlap(low, high, expected_low, expected_high) or not is_later then 'blocking'
        else 'warning'
    end as severity,
    case
        when iv_overlap(low, high, expected_low, expected_high) then 'pass'
        when is_later then 'warn'
        else 'fail'
    end as status,
    document_id,
    period_id,
    metric_id,
    segment_id,
    expected_low,
    expected_high,
    value as actual_value,
    metric_id || ' ' || segment_id || ' ' || period_id || ' ' || scenario || ' ' || basis || ' '
        || measure || ': ' || source_file || ' (' || coalesce(document_date::varchar, 'undated')
        || ') against ' || earlier_source_file || ' ('
        || coalesce(earlier_document_date::varchar, 'undated') || ') '
        || iv_verdict(low, high, expected_low, expected_high)
        || (case
            when not iv_overlap(low, high, expected_low, expected_high) and is_later
                then '; the later document restates the figure'
            else ''
        end)
        || '; compared ' || figures as message,
    pair_locator as locator,
    compared_documents,
    printed_figures
from comparison
order by metric_id, segment_id, period_id, scenario, basis, measure, document_id
