-- Interval arithmetic for the rule queries of checks/rules/, as DuckDB temporary macros (nothing
-- here reaches the published file); checks/intervals.py is the reference implementation.
--
-- A figure printed with `decimals` stands for the closed interval value +/- half a unit of its
-- last printed place. Bounds are exact
-- DECIMALs rebuilt from the printed digits, so the binary noise of the stored DOUBLE never
-- decides a comparison and no epsilon is needed.

-- The last printed place: 100 for 30.0 billion in JPY million (decimals -2), 0.1 for 13.4%.
create or replace temp macro iv_place(decimals) as
    cast(power(10, -decimals) as decimal(38, 10));

-- The printed digits as a whole number of places: 30.0 billion is 300 places of 100. The rounded
-- DOUBLE goes through BIGINT, which is exact: DuckDB casts a DOUBLE to DECIMAL by scaling it in
-- floating point, off in the last digits of a figure of sixteen digits.
create or replace temp macro iv_places(value, decimals) as
    cast(cast(round(value * power(10, decimals)) as bigint) as decimal(38, 1));

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
