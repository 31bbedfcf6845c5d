-- period_over_period: printed changes match the two amounts they compare.
--
-- yoy_pct = (this period / the same period a year earlier - 1) * 100, with both amounts from the
-- growth figure's table or, where that table does not print them (summary bullets), from the
-- document's figures across its tables. A `change` amount = the later amount - the earlier one,
-- both printed in the change's own table. The later amount has the growth figure's period (same
-- scenario where printed: a target's YoY is target minus last year's actual); the earlier one is,
-- for yoy_pct, the period shifted back one year, and for `change` the nearest earlier period of
-- the same type in the table (March 31 before September 30, 2Q05 before 2Q06), preferring
-- actuals.
with amount as (
    select * from check_figure where measure = 'amount'
),

yoy as (
    select
        growth.*,
        later.low as later_low, later.high as later_high,
        earlier.low as earlier_low, earlier.high as earlier_high,
        later.ref as later_ref, earlier.ref as earlier_ref, later.scope as operand_scope,
        later.figure as later_figure, earlier.figure as earlier_figure,
        later.reported_text as later_text, earlier.reported_text as earlier_text,
        [later.document_id, earlier.document_id] as operand_document_ids,
        'yoy_pct = (' || later.period_id || ' / ' || earlier.period_id || ' - 1) * 100' as rule
    from check_figure as growth
    join check_scoped_figure as later
        on later.document_id = growth.document_id
        and later.metric_id = growth.metric_id
        and later.segment_id = growth.segment_id
        and later.basis = growth.basis
        and later.measure = 'amount'
        and later.period_id = growth.period_id
    join check_scoped_figure as earlier
        on earlier.scope_key = later.scope_key
        and earlier.metric_id = growth.metric_id
        and earlier.segment_id = growth.segment_id
        and earlier.basis = growth.basis
        and earlier.measure = 'amount'
        and earlier.period_start = cast(growth.period_start - interval 1 year as date)
        and earlier.period_end = cast(growth.period_end - interval 1 year as date)
    where growth.measure = 'yoy_pct'
        and (later.scope = 'document' or later.table_id = growth.table_id)
        and iv_excludes_zero(earlier.low, earlier.high)
    qualify row_number() over (
        partition by growth.document_id, growth.table_id, growth.metric_id, growth.segment_id,
            growth.period_id, growth.scenario, growth.basis, growth.measure
        order by later.scope = 'table' desc, later.scenario = growth.scenario desc,
            earlier.scenario = 'actual' desc, earlier.scenario
    ) = 1
),

change as (
    select
        growth.*,
        later.low as later_low, later.high as later_high,
        earlier.low as earlier_low, earlier.high as earlier_high,
        later.ref as later_ref, earlier.ref as earlier_ref, 'table' as operand_scope,
        later.figure as later_figure, earlier.figure as earlier_figure,
        later.reported_text as later_text, earlier.reported_text as earlier_text,
        [later.document_id, earlier.document_id] as operand_document_ids,
        'change = ' || later.period_id || ' - ' || earlier.period_id as rule
    from check_figure as growth
    join amount as later
        on later.document_id = growth.document_id
        and later.table_id = growth.table_id
        and later.metric_id = growth.metric_id
        and later.segment_id = growth.segment_id
        and later.basis = growth.basis
        and later.period_id = growth.period_id
    join amount as earlier
        on earlier.document_id = growth.document_id
        and earlier.table_id = growth.table_id
        and earlier.metric_id = growth.metric_id
        and earlier.segment_id = growth.segment_id
        and earlier.basis = growth.basis
        and earlier.period_type = later.period_type
        and earlier.period_end < later.period_end
    where growth.measure = 'change'
    qualify row_number() over (
        partition by growth.document_id, growth.table_id, growth.metric_id, growth.segment_id,
            growth.period_id, growth.scenario, growth.basis, growth.measure
        order by later.scenario = growth.scenario desc, earlier.period_end desc,
            earlier.scenario = 'actual' desc, earlier.scenario
    ) = 1
),

comparison as (
    select
        -- the growth figure's own locator gives way to the check's: the figure and both operands
        * replace (ref || '; ' || later_ref || '; ' || earlier_ref as locator),
        figure || '; ' || later_figure || '; ' || earlier_figure as figures,
        [reported_text, later_text, earlier_text] as printed_figures,
        check_documents_of(document_id, operand_document_ids) as compared_documents,
        metric_id || ' ' || segment_id || ' ' || period_id || ' ' || scenario || ' ' || basis
            || ' in table ' || table_id
            || (case when operand_scope = 'document' then ' against the document''s amounts'
                else '' end) as subject
    from (
        select
            *,
            100 * (iv_quotient_low(later_low, later_high, earlier_low, earlier_high) - 1)
                as expected_low,
            100 * (iv_quotient_high(later_low, later_high, earlier_low, earlier_high) - 1)
                as expected_high
        from yoy
        union all by name
        select
            *,
            later_low - earlier_high as expected_low,
            later_high - earlier_low as expected_high
        from change
    )
)

select * from check_results_of('period_over_period', 'comparison')
order by document_id, metric_id, segment_id, period_id, scenario, basis, rule
