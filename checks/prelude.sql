-- Run before the rule queries of checks/rules/ in the same connection: interval macros and the
-- figures the rules compare. Temporary objects only: nothing here reaches the published file.
--
-- A figure printed with `decimals` stands for the closed interval value +/- half a unit of its
-- last printed place (checks/intervals.py is the reference implementation). Bounds are exact
-- DECIMALs rebuilt from the printed digits, so the binary noise of the stored DOUBLE never
-- decides a comparison and no epsilon is needed.

-- The last printed place: 100 for 30.0 billion in JPY million (decimals -2), 0.1 for 13.4%.
create or replace temp macro iv_place(decimals) as
    cast(power(10, -decimals) as decimal(38, 10));

-- The printed digits as a whole number of places: 30.0 billion is 300 places of 100.
create or replace temp macro iv_places(value, decimals) as
    cast(round(value * power(10, decimals)) as decimal(38, 1));

create or replace temp macro iv_low(value, decimals) as
    cast((iv_places(value, decimals) - 0.5) * iv_place(decimals) as decimal(38, 10));

create or replace temp macro iv_high(value, decimals) as
    cast((iv_places(value, decimals) + 0.5) * iv_place(decimals) as decimal(38, 10));

-- Quotient of two intervals whose divisor excludes zero: the extremes are among the four
-- quotients of the bounds, whatever the signs.
create or replace temp macro iv_quotient_low(a_low, a_high, b_low, b_high) as
    least(a_low / b_low, a_low / b_high, a_high / b_low, a_high / b_high);

create or replace temp macro iv_quotient_high(a_low, a_high, b_low, b_high) as
    greatest(a_low / b_low, a_low / b_high, a_high / b_low, a_high / b_high);

create or replace temp macro iv_excludes_zero(low, high) as low > 0 or high < 0;

create or replace temp macro iv_overlap(a_low, a_high, b_low, b_high) as
    a_low <= b_high and b_low <= a_high;

create or replace temp macro iv_gap(a_low, a_high, b_low, b_high) as
    greatest(0, b_low - a_high, a_low - b_high);

-- A bound or value for messages: at most four decimal places, no trailing zeros.
create or replace temp macro iv_text(x) as
    regexp_replace(cast(cast(x as decimal(38, 4)) as varchar), '\.?0+$', '');

-- pass when the printed figure's interval meets the computed one, fail otherwise.
create or replace temp macro iv_status(a_low, a_high, b_low, b_high) as
    case when iv_overlap(a_low, a_high, b_low, b_high) then 'pass' else 'fail' end;

create or replace temp macro iv_verdict(actual_low, actual_high, expected_low, expected_high) as
    case
        when iv_overlap(actual_low, actual_high, expected_low, expected_high)
            then 'consistent within rounding'
        else 'INCONSISTENT beyond rounding by '
            || iv_text(iv_gap(actual_low, actual_high, expected_low, expected_high))
    end
    || ': printed [' || iv_text(actual_low) || ', ' || iv_text(actual_high)
    || '], computed [' || iv_text(expected_low) || ', ' || iv_text(expected_high) || ']';

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
