-- repeated_figures: a figure printed in two tables of one document agrees within both roundings.
--
-- Decks repeat their headline figures: the summary slide's "30.0 billion" beside the results
-- table's 30.0, an ATM table on two slides. Every pair of printings of the same metric, segment,
-- period, scenario, basis and measure in different tables of a document is compared; the rules
-- that take a document's figure across its tables rely on the printings agreeing.
select
    'repeated_figures' as check_name,
    measure || ' in table ' || later.table_id || ' = ' || measure || ' in table '
        || earlier.table_id as rule,
    'blocking' as severity,
    iv_status(later.low, later.high, earlier.low, earlier.high) as status,
    later.document_id,
    later.period_id,
    later.metric_id,
    later.segment_id,
    earlier.low as expected_low,
    earlier.high as expected_high,
    later.value as actual_value,
    later.metric_id || ' ' || later.segment_id || ' ' || later.period_id || ' ' || later.scenario
        || ' ' || later.basis || ' ' || later.measure || ': table ' || later.table_id
        || ' against table ' || earlier.table_id || ' '
        || iv_verdict(later.low, later.high, earlier.low, earlier.high)
        || '; compared ' || later.figure || '; ' || earlier.figure as message,
    later.ref || '; ' || earlier.ref as locator,
    check_documents_of(later.document_id, [earlier.document_id]) as compared_documents,
    [later.reported_text, earlier.reported_text] as printed_figures
from check_figure as later
join check_figure as earlier using (
    document_id, metric_id, segment_id, period_id, scenario, basis, measure
)
where earlier.table_id < later.table_id
order by document_id, metric_id, segment_id, period_id, scenario, basis, measure, rule
