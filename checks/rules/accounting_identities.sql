-- accounting_identities: the lines of an income statement add up, within rounding.
--
-- Each identity is result = sum of signed terms, all amounts of the same document, period,
-- scenario, basis and segment: from one table, or where no table prints every operand, from the
-- document's figures across its tables. The ATM operation tables print costs and expenses as
-- a "Sum" line (costs_and_expenses).
with identity_term(identity, result_metric, term_metric, sign) as (
    values
        ('gross_margin = revenues - cost_of_revenues', 'gross_margin', 'revenues', 1),
        ('gross_margin = revenues - cost_of_revenues', 'gross_margin', 'cost_of_revenues', -1),
        ('operating_income = gross_margin - sga_rnd', 'operating_income', 'gross_margin', 1),
        ('operating_income = gross_margin - sga_rnd', 'operating_income', 'sga_rnd', -1),
        ('costs_and_expenses = cost_of_revenues + sga_rnd', 'costs_and_expenses',
            'cost_of_revenues', 1),
        ('costs_and_expenses = cost_of_revenues + sga_rnd', 'costs_and_expenses', 'sga_rnd', 1),
        ('operating_income = revenues - costs_and_expenses', 'operating_income', 'revenues', 1),
        ('operating_income = revenues - costs_and_expenses', 'operating_income',
            'costs_and_expenses', -1)
),

term_count as (
    select identity, count(*) as terms from identity_term group by identity
),

amount as (
    select * from check_scoped_figure where measure = 'amount'
),

comparison as (
    select
        result.scope, result.table_id, result.document_id, result.metric_id, result.segment_id,
        result.period_id, result.scenario, result.basis, result.value, result.low, result.high,
        term.identity,
        term.identity as rule,
        result.segment_id || ' ' || result.period_id || ' ' || result.scenario || ' '
            || result.basis || ' ' || check_scope_text(result.scope, result.table_id) as subject,
        -- a subtracted term contributes its interval negated: [-high, -low]
        sum(case when term.sign > 0 then operand.low else -operand.high end) as expected_low,
        sum(case when term.sign > 0 then operand.high else -operand.low end) as expected_high,
        -- the added terms, then the subtracted ones, each by name: the same order in every run
        result.ref || '; '
            || string_agg(operand.ref, '; ' order by term.sign desc, term.term_metric) as locator,
        result.figure || '; '
            || string_agg(operand.figure, '; ' order by term.sign desc, term.term_metric)
            as figures,
        list_prepend(
            result.reported_text,
            list(operand.reported_text order by term.sign desc, term.term_metric)
        ) as printed_figures,
        check_documents_of(result.document_id, list(operand.document_id)) as compared_documents
    from amount as result
    join identity_term as term on term.result_metric = result.metric_id
    join amount as operand
        on operand.scope_key = result.scope_key
        and operand.metric_id = term.term_metric
        and operand.period_id = result.period_id
        and operand.scenario = result.scenario
        and operand.basis = result.basis
        and operand.segment_id = result.segment_id
    join term_count on term_count.identity = term.identity
    group by
        result.scope, result.scope_key, result.table_id, result.document_id, result.metric_id,
        result.segment_id, result.period_id, result.scenario, result.basis, result.value,
        result.low, result.high, result.ref, result.figure, result.reported_text, term.identity,
        term_count.terms
    having count(*) = term_count.terms
),

one_table_first as (
    select * from check_one_table_first('comparison')
)

select * from check_results_of('accounting_identities', 'one_table_first')
order by document_id, rule, segment_id, period_id, scenario, basis
