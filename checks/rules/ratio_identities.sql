-- ratio_identities: printed percentages match the amounts they are computed from.
--
-- A ratio metric (gross_margin_ratio, operating_margin_ratio) is its amount / revenues * 100,
-- from one table or, where no table prints every operand, from the document's figures across
-- its tables. A `pct_of_revenues` figure is the same metric's amount / revenues * 100 in the
-- same table (the percentage column beside the amounts). A `vs_target_pct` figure ("Actual
-- against Target in %") is the actual amount / the target amount * 100 in its table (the
-- target as stated, else the revised, else the initial one). The quotient of two intervals
-- bounds the true ratio; a divisor interval that contains zero bounds nothing and is not
-- compared.
with ratio_definition(result_metric, numerator_metric) as (
    values
        ('gross_margin_ratio', 'gross_margin'),
        ('operating_margin_ratio', 'operating_income')
),

printed_ratio as (
    select
        ratio.*,
        definition.numerator_metric,
        ratio.metric_id || ' = ' || definition.numerator_metric || ' / revenues * 100' as rule
    from check_scoped_figure as ratio
    join ratio_definition as definition on definition.result_metric = ratio.metric_id
    where ratio.measure = 'amount'
    union all by name
    select
        ratio.*,
        ratio.metric_id as numerator_metric,
        'pct_of_revenues: ' || ratio.metric_id || ' / revenues * 100' as rule
    from check_scoped_figure as ratio
    where ratio.measure = 'pct_of_revenues' and ratio.scope = 'table'
),

of_revenues as (
    select
        ratio.scope, ratio.table_id, ratio.document_id, ratio.metric_id, ratio.segment_id,
        ratio.period_id, ratio.scenario, ratio.basis, ratio.value, ratio.low, ratio.high,
        ratio.rule,
        100 * iv_quotient_low(numerator.low, numerator.high, revenues.low, revenues.high)
            as expected_low,
        100 * iv_quotient_high(numerator.low, numerator.high, revenues.low, revenues.high)
            as expected_high,
        ratio.ref || '; ' || numerator.ref || '; ' || revenues.ref as locator,
        ratio.figure || '; ' || numerator.figure || '; ' || revenues.figure as figures,
        [ratio.reported_text, numerator.reported_text, revenues.reported_text]
            as printed_figures,
        check_documents_of(ratio.document_id, [numerator.document_id, revenues.document_id])
            as compared_documents
    from printed_ratio as ratio
    join check_scoped_figure as numerator
        on numerator.scope_key = ratio.scope_key
        and numerator.metric_id = ratio.numerator_metric
        and numerator.measure = 'amount'
        and numerator.period_id = ratio.period_id
        and numerator.scenario = ratio.scenario
        and numerator.basis = ratio.basis
        and numerator.segment_id = ratio.segment_id
    join check_scoped_figure as revenues
        on revenues.scope_key = ratio.scope_key
        and revenues.metric_id = 'revenues'
        and revenues.measure = 'amount'
        and revenues.period_id = ratio.period_id
        and revenues.scenario = ratio.scenario
        and revenues.basis = ratio.basis
        and revenues.segment_id = ratio.segment_id
    where iv_excludes_zero(revenues.low, revenues.high)
),

of_target as (
    select
        ratio.scope, ratio.table_id, ratio.document_id, ratio.metric_id, ratio.segment_id,
        ratio.period_id, ratio.scenario, ratio.basis, ratio.value, ratio.low, ratio.high,
        'vs_target_pct: ' || ratio.metric_id || ' ' || ratio.scenario || ' / '
            || target.scenario || ' * 100' as rule,
        100 * iv_quotient_low(actual.low, actual.high, target.low, target.high) as expected_low,
        100 * iv_quotient_high(actual.low, actual.high, target.low, target.high) as expected_high,
        ratio.ref || '; ' || actual.ref || '; ' || target.ref as locator,
        ratio.figure || '; ' || actual.figure || '; ' || target.figure as figures,
        [ratio.reported_text, actual.reported_text, target.reported_text] as printed_figures,
        check_documents_of(ratio.document_id, [actual.document_id, target.document_id])
            as compared_documents
    from check_scoped_figure as ratio
    join check_scoped_figure as actual
        on actual.scope_key = ratio.scope_key
        and actual.metric_id = ratio.metric_id
        and actual.measure = 'amount'
        and actual.period_id = ratio.period_id
        and actual.scenario = ratio.scenario
        and actual.basis = ratio.basis
        and actual.segment_id = ratio.segment_id
    join check_scoped_figure as target
        on target.scope_key = ratio.scope_key
        and target.metric_id = ratio.metric_id
        and target.measure = 'amount'
        and target.period_id = ratio.period_id
        and target.scenario in ('target', 'target_revised', 'target_initial')
        and target.basis = ratio.basis
        and target.segment_id = ratio.segment_id
    where ratio.measure = 'vs_target_pct'
        and ratio.scope = 'table'
        and iv_excludes_zero(target.low, target.high)
    qualify row_number() over (
        partition by ratio.table_id, ratio.document_id, ratio.metric_id, ratio.segment_id,
            ratio.period_id, ratio.scenario, ratio.basis
        order by target.scenario = 'target' desc, target.scenario = 'target_revised' desc
    ) = 1
),

comparison as (
    select
        *,
        rule as identity,
        segment_id || ' ' || period_id || ' ' || scenario || ' ' || basis || ' '
            || check_scope_text(scope, table_id) as subject
    from (
        select * from of_revenues
        union all by name
        select * from of_target
    )
),

one_table_first as (
    select * from check_one_table_first('comparison')
)

select * from check_results_of('ratio_identities', 'one_table_first')
order by document_id, rule, segment_id, period_id, scenario, basis
