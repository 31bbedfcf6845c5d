-- The figures the rule queries of checks/rules/ compare, as temporary views over the marts (run
-- after checks/intervals.sql, in the same connection).

create or replace temp macro check_scope_text(scope, table_id) as
    case when scope = 'table' then 'in table ' || table_id else 'across the document''s tables' end;

-- Every published figure with its interval, period type and document, and `ref`: where it is
-- printed and how, for the locator column of check_results.
create or replace temp view check_figure as
select
    facts.*,
    periods.period_type,
    periods.fiscal_year,
    documents.source_file,
    documents.document_date,
    iv_low(facts.value, facts.decimals) as low,
    iv_high(facts.value, facts.decimals) as high,
    documents.source_file || ' ' || facts.locator || ' (' || facts.table_id || '): '
        || facts.row_label || ' | ' || facts.column_label || ' = ' || facts.reported_text as ref
from marts.fact_metric as facts
join marts.dim_period as periods on periods.period_id = facts.period_id
join marts.dim_document as documents on documents.document_id = facts.document_id;

-- One figure per document and key: where a document prints the same figure in several tables,
-- the most precise one (then the first table).
create or replace temp view check_document_figure as
select *
from check_figure
qualify row_number() over (
    partition by document_id, metric_id, segment_id, period_id, scenario, basis, measure
    order by decimals desc, table_id, locator
) = 1;

-- The scopes a comparison can draw its operands from: one table, or one document's figures
-- (used where no single table prints every operand). `scope_key` names the scope.
create or replace temp view check_scoped_figure as
select 'table' as scope, document_id || '/' || table_id as scope_key, *
from check_figure
union all by name
select 'document' as scope, document_id as scope_key, *
from check_document_figure;
