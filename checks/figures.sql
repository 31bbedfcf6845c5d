-- The figures the rule queries of checks/rules/ compare, as temporary views over the marts, and
-- the table macros that turn a rule's comparisons into check_results rows (run after
-- checks/intervals.sql, in the same connection, once the temporary table `check_scope` names
-- the documents to check: every one, or the new and changed ones of an incremental build).

-- Without a scope (the rules run on their own), every document is checked.
create temp table if not exists check_scope as select document_id from marts.dim_document;

create or replace temp macro check_scope_text(scope, table_id) as
    case when scope = 'table' then 'in table ' || table_id else 'across the document''s tables' end;

-- A compared figure in a check message: `revenues/equipment_sales FY2004-Q1 printed 931
-- (001_....txt line 81, column 2, table t03)`; the segment, scenario, basis and measure are named
-- where they are not the plain consolidated `total` actual amount.
create or replace temp macro check_figure_text(
    metric_id, segment_id, period_id, scenario, basis, measure, reported_text, source_file,
    locator, table_id
) as
    metric_id || (case when segment_id = 'total' then '' else '/' || segment_id end)
    || ' ' || period_id
    || (case when scenario = 'actual' then '' else ' ' || scenario end)
    || (case when basis = 'consolidated' then '' else ' ' || basis end)
    || (case when measure = 'amount' then '' else ' ' || measure end)
    || ' printed ' || reported_text
    || ' (' || source_file || ' ' || locator || ', table ' || table_id || ')';

-- The documents a comparison draws its figures from: the compared figure's and its operands'.
create or replace temp macro check_documents_of(document_id, operand_document_ids) as
    list_sort(list_distinct(list_append(operand_document_ids, document_id)));

-- Every published figure with its interval, period type and document; `ref`: where it is
-- printed and how, for the locator column of check_results; `figure`: the figure as a check
-- message names it (what it measures, its period, the printed text, document and locator).
create or replace temp view check_every_figure as
select
    facts.*,
    periods.period_type,
    periods.fiscal_year,
    documents.source_file,
    documents.document_date,
    iv_low(facts.value, facts.decimals) as low,
    iv_high(facts.value, facts.decimals) as high,
    documents.source_file || ' ' || facts.locator || ' (' || facts.table_id || '): '
        || facts.row_label || ' | ' || facts.column_label || ' = ' || facts.reported_text as ref,
    check_figure_text(
        facts.metric_id, facts.segment_id, facts.period_id, facts.scenario, facts.basis,
        facts.measure, facts.reported_text, documents.source_file, facts.locator, facts.table_id
    ) as figure
from marts.fact_metric as facts
join marts.dim_period as periods on periods.period_id = facts.period_id
join marts.dim_document as documents on documents.document_id = facts.document_id;

-- The figures of the documents in scope: what the rules within one document compare. A table,
-- computed once for every rule that reads it: in an incremental build a few hundred rows, where
-- a view would join and format every figure of the warehouse again in each rule.
create or replace temp table check_figure as
select * from check_every_figure semi join check_scope using (document_id);

-- Every document's figures that a document in scope prints too (same metric, segment, period,
-- scenario, basis and measure): all that a comparison across documents can pair with one in
-- scope.
create or replace temp view check_figure_in_common as
select *
from check_every_figure
semi join (
    select distinct metric_id, segment_id, period_id, scenario, basis, measure from check_figure
) using (metric_id, segment_id, period_id, scenario, basis, measure);

-- One figure per document and key: where a document prints the same figure in several tables,
-- the most precise one (then the first table).
create or replace temp macro check_most_precise(figures) as table
select *
from query_table(figures)
qualify row_number() over (
    partition by document_id, metric_id, segment_id, period_id, scenario, basis, measure
    order by decimals desc, table_id, locator
) = 1;

create or replace temp table check_document_figure as
select * from check_most_precise('check_figure');

create or replace temp view check_document_figure_in_common as
select * from check_most_precise('check_figure_in_common');

-- Whether a document's figure comes before another's, for the rules that compare documents: by
-- document date, an undated document first, then by id.
create or replace temp macro check_precedes(earlier_date, earlier_id, later_date, later_id) as
    earlier_date < later_date
    or (earlier_date is not distinct from later_date and earlier_id < later_id)
    or (earlier_date is null and later_date is not null);

-- The scopes a comparison can draw its operands from: one table, or one document's figures
-- (used where no single table prints every operand). `scope_key` names the scope.
create or replace temp view check_scoped_figure as
select 'table' as scope, document_id || '/' || table_id as scope_key, *
from check_figure
union all by name
select 'document' as scope, document_id as scope_key, *
from check_document_figure;

-- The check_results rows of a rule's comparisons. `comparisons` names a relation (the rule's
-- last CTE) with one row per comparison: the printed figure (its keys, `value`, `low`, `high`),
-- the interval the rule computes for it (`expected_low`, `expected_high`), `rule` (the formula),
-- `subject` (which figures, for the message), `locator`, `figures` (every compared figure, the
-- printed one first, as check_figure names them), `printed_figures` (their printed texts, in the
-- same order) and `compared_documents` (the ids of the documents those figures come from). A comparison passes when the printed interval meets the
-- computed one. The comparison's own columns follow, for the rule's order.
create or replace temp macro check_results_of(rule_name, comparisons) as table
select
    rule_name as check_name,
    'blocking' as severity,
    iv_status(low, high, expected_low, expected_high) as status,
    value as actual_value,
    subject || ': ' || rule || ' ' || iv_verdict(low, high, expected_low, expected_high)
        || '; compared ' || figures as message,
    *
from query_table(comparisons);

-- The comparisons drawn from one table, and those drawn across a document's tables
-- (scope 'document') where no table of the document makes the same comparison: same
-- `identity`, same printed figure.
create or replace temp macro check_one_table_first(comparisons) as table
select *
from query_table(comparisons) as this
where scope = 'table'
    or not exists (
        select 1 from query_table(comparisons) as in_one_table
        where in_one_table.scope = 'table'
            and in_one_table.identity = this.identity
            and in_one_table.document_id = this.document_id
            and in_one_table.metric_id = this.metric_id
            and in_one_table.segment_id = this.segment_id
            and in_one_table.period_id = this.period_id
            and in_one_table.scenario = this.scenario
            and in_one_table.basis = this.basis
    );
