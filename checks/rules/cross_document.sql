-- cross_document: a figure printed by two documents agrees within both roundings.
--
-- Same metric, segment, period, scenario, basis and measure, each document's most precise
-- printing of it; every pair of documents with one in scope is compared (every pair when every
-- document is checked). A later document (by document_date) that disagrees beyond rounding
-- restates the figure: a warning, not an error. Disagreement between documents of the same date
-- (or undated) is an error. `change` and `vs_target_pct` figures are left out: the period they
-- are measured from is not part of the key.

-- Materialized: figure_number must name the same figure wherever the pairs look it up.
with comparable as materialized (
    select
        *,
        row_number() over () as figure_number,
        document_id in (select document_id from check_scope) as in_scope
    from check_document_figure_in_common
    where measure not in ('change', 'vs_target_pct')
),

-- The other documents printing each figure of a document in scope.
candidate as (
    select
        this.figure_number as this_number,
        other.figure_number as other_number,
        check_precedes(
            other.document_date, other.document_id, this.document_date, this.document_id
        ) as other_first,
        other.in_scope as other_in_scope
    from comparable as this
    join comparable as other
        on other.metric_id = this.metric_id
        and other.segment_id = this.segment_id
        and other.period_id = this.period_id
        and other.scenario = this.scenario
        and other.basis = this.basis
        and other.measure = this.measure
    where this.in_scope
),

-- Each pair once, later and earlier: found from its later document, or from its earlier one
-- when the later is out of scope (a document pairs with itself never: it is in scope).
pair as (
    select
        case when other_first then this_number else other_number end as later_number,
        case when other_first then other_number else this_number end as earlier_number
    from candidate
    where other_first or not other_in_scope
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
    from pair
    join comparable as later on later.figure_number = pair.later_number
    join comparable as earlier on earlier.figure_number = pair.earlier_number
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
