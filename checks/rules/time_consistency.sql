-- time_consistency: quarters, halves and nine months add up to the longer periods they make,
-- within rounding, for flow amounts in JPY (income statement, cash flows, capex and the like;
-- not balance-sheet instants, per-share figures or cash at the end of a period).
--
-- Two scopes: the figures of one document (across all its tables), and across documents: the
-- warehouse's current figure of each period (fact_metric_current: the latest document printing
-- it), actuals only since targets are revised from deck to deck. A cross-document comparison is
-- reported only where its figures come from more than one document; otherwise the document
-- scope has made it already. The document scope compares the documents in scope; the
-- warehouse scope every current figure, in every build (checks.rules.CURRENT_FIGURE_RULES): a
-- new document can change which figure of a period is current.
with decomposition(decomposition, whole_suffix, part_suffix) as (
    values
        ('H1 = Q1 + Q2', '-H1', '-Q1'), ('H1 = Q1 + Q2', '-H1', '-Q2'),
        ('H2 = Q3 + Q4', '-H2', '-Q3'), ('H2 = Q3 + Q4', '-H2', '-Q4'),
        ('9M = Q1 + Q2 + Q3', '-9M', '-Q1'), ('9M = Q1 + Q2 + Q3', '-9M', '-Q2'),
        ('9M = Q1 + Q2 + Q3', '-9M', '-Q3'),
        ('9M = H1 + Q3', '-9M', '-H1'), ('9M = H1 + Q3', '-9M', '-Q3'),
        ('FY = Q1 + Q2 + Q3 + Q4', '', '-Q1'), ('FY = Q1 + Q2 + Q3 + Q4', '', '-Q2'),
        ('FY = Q1 + Q2 + Q3 + Q4', '', '-Q3'), ('FY = Q1 + Q2 + Q3 + Q4', '', '-Q4'),
        ('FY = H1 + Q3 + Q4', '', '-H1'), ('FY = H1 + Q3 + Q4', '', '-Q3'),
        ('FY = H1 + Q3 + Q4', '', '-Q4'),
        ('FY = H1 + H2', '', '-H1'), ('FY = H1 + H2', '', '-H2'),
        ('FY = 9M + Q4', '', '-9M'), ('FY = 9M + Q4', '', '-Q4')
),

part_count as (
    select decomposition, count(*) as parts from decomposition group by decomposition
),

flow_figure as (
    select figure.*
    from check_every_figure as figure
    join marts.dim_metric as metrics on metrics.metric_id = figure.metric_id
    where figure.measure = 'amount'
        and figure.unit = 'JPY_million'
        and metrics.statement in ('income_statement', 'cash_flow', 'other')
        -- a cash_flow line, but a balance at an instant, not a flow over the period
        and figure.metric_id <> 'cash_end_of_period'
),

scoped as (
    select 'document' as scope, figure.document_id as scope_key, figure.*
    from flow_figure as figure
    semi join check_scope using (document_id)
    qualify row_number() over (
        partition by document_id, metric_id, segment_id, period_id, scenario, basis
        order by decimals desc, table_id, locator
    ) = 1
    union all by name
    select 'warehouse' as scope, 'warehouse' as scope_key, figure.*
    from flow_figure as figure
    join marts.fact_metric_current as current using (
        document_id, table_id, metric_id, segment_id, period_id, scenario, basis, measure
    )
    where figure.scenario = 'actual'
),

comparison as (
    select
        whole.scope, whole.document_id, whole.metric_id, whole.segment_id, whole.period_id,
        whole.scenario, whole.basis, whole.value, whole.low, whole.high,
        whole.period_id || ' = ' || string_agg(part.period_id, ' + ' order by part.period_start)
            as rule,
        sum(part.low) as expected_low,
        sum(part.high) as expected_high,
        whole.ref || '; ' || string_agg(part.ref, '; ' order by part.period_start) as locator,
        whole.figure || '; ' || string_agg(part.figure, '; ' order by part.period_start)
            as figures,
        list_prepend(whole.reported_text, list(part.reported_text order by part.period_start))
            as printed_figures,
        check_documents_of(whole.document_id, list(part.document_id)) as compared_documents,
        count(distinct part.document_id)
            + (count(*) filter (where part.document_id = whole.document_id) = 0)::int
            as documents,
        whole.metric_id || ' ' || whole.segment_id || ' ' || whole.scenario || ' ' || whole.basis
            || (case
                when whole.scope = 'document' then ' within one document'
                else ' across ' || documents || ' documents'
            end) as subject
    from scoped as whole
    join decomposition on whole.period_id = 'FY' || whole.fiscal_year || decomposition.whole_suffix
    join scoped as part
        on part.scope_key = whole.scope_key
        and part.metric_id = whole.metric_id
        and part.segment_id = whole.segment_id
        and part.scenario = whole.scenario
        and part.basis = whole.basis
        and part.period_id = 'FY' || whole.fiscal_year || decomposition.part_suffix
    join part_count on part_count.decomposition = decomposition.decomposition
    group by
        whole.scope, whole.scope_key, whole.document_id, whole.metric_id, whole.segment_id,
        whole.period_id, whole.scenario, whole.basis, whole.value, whole.low, whole.high,
        whole.ref, whole.figure, whole.reported_text, decomposition.decomposition, part_count.parts
    having count(*) = part_count.parts
)

select * from check_results_of('time_consistency', 'comparison')
where scope = 'document' or documents > 1
order by document_id, metric_id, segment_id, period_id, scenario, basis, rule
