-- parts_sum_to_whole: a segment's parts add up to the segment, within rounding (JPY amounts).
--
-- The parts of a parent are its children in dim_segment that the same document reports for the
-- metric, directly or through their own children: the hierarchy holds the classifications of
-- several eras (FY2004-06 service lines, FY2010 network services...) and a deck uses one of them.
-- Each part must be printed itself, or be missing with every one of its own reported children
-- printed instead (connectivity_and_vas = dedicated_access + dialup_access + value_added_services
-- + other_revenues). A decomposition is what a table prints: the parts come from one table, and
-- there are at least two of them, so that a parent beside one highlighted child, or highlights
-- on separate slides (ATM operation, IIJ-Global), never read as a breakdown. The parent comes
-- from the same table or, where that table does not print it, from another table of the
-- document.
with amount as (
    select *
    from check_scoped_figure
    where measure = 'amount' and unit = 'JPY_million'
),

hierarchy as (
    select segment_id as child, parent_segment_id as parent
    from marts.dim_segment
    where parent_segment_id is not null
),

reported as (
    select distinct document_id, metric_id, segment_id
    from check_figure
    where measure = 'amount' and unit = 'JPY_million'
),

-- The children of each segment that a document reports (a child counts when it or one of its
-- own children is printed somewhere in the document).
reported_child as (
    select distinct reported.document_id, reported.metric_id, hierarchy.parent, hierarchy.child
    from hierarchy
    join reported on reported.segment_id = hierarchy.child
    union
    select distinct reported.document_id, reported.metric_id, hierarchy.parent, hierarchy.child
    from hierarchy
    join hierarchy as grandchild on grandchild.parent = hierarchy.child
    join reported on reported.segment_id = grandchild.child
),

-- The printed children that stand in for a missing part.
reported_subpart as (
    select distinct reported.document_id, reported.metric_id, hierarchy.parent, hierarchy.child
    from hierarchy
    join reported on reported.segment_id = hierarchy.child
),

part_count as (
    select document_id, metric_id, parent, count(*) as parts
    from reported_child
    group by all
),

subpart_count as (
    select document_id, metric_id, parent, count(*) as subparts
    from reported_subpart
    group by all
),

-- A missing part rebuilt from its printed children, where one table prints all of them.
rebuilt_part as (
    select
        amount.scope, amount.scope_key, amount.document_id, amount.metric_id, amount.period_id,
        amount.scenario, amount.basis, amount.table_id, subpart.parent as segment_id,
        '(' || string_agg(amount.segment_id, ' + ' order by amount.segment_id) || ')' as label,
        sum(amount.low) as low,
        sum(amount.high) as high,
        string_agg(amount.ref, '; ' order by amount.segment_id) as refs,
        string_agg(amount.figure, '; ' order by amount.segment_id) as figures,
        list(amount.reported_text order by amount.segment_id) as printed_texts,
        count(*) as printed
    from amount
    join reported_subpart as subpart
        on subpart.document_id = amount.document_id
        and subpart.metric_id = amount.metric_id
        and subpart.child = amount.segment_id
    group by all
),

part as (
    select
        scope, scope_key, document_id, metric_id, period_id, scenario, basis, table_id,
        segment_id, segment_id as label, low, high, ref as refs, figure as figures,
        [reported_text] as printed_texts
    from amount
    union all
    select
        rebuilt.scope, rebuilt.scope_key, rebuilt.document_id, rebuilt.metric_id,
        rebuilt.period_id, rebuilt.scenario, rebuilt.basis, rebuilt.table_id, rebuilt.segment_id,
        rebuilt.label, rebuilt.low, rebuilt.high, rebuilt.refs, rebuilt.figures,
        rebuilt.printed_texts
    from rebuilt_part as rebuilt
    join subpart_count
        on subpart_count.document_id = rebuilt.document_id
        and subpart_count.metric_id = rebuilt.metric_id
        and subpart_count.parent = rebuilt.segment_id
    where rebuilt.printed = subpart_count.subparts
        and not exists (
            select 1 from amount as printed_part
            where printed_part.scope_key = rebuilt.scope_key
                and printed_part.metric_id = rebuilt.metric_id
                and printed_part.period_id = rebuilt.period_id
                and printed_part.scenario = rebuilt.scenario
                and printed_part.basis = rebuilt.basis
                and printed_part.segment_id = rebuilt.segment_id
        )
),

comparison as (
    select
        whole.scope, whole.document_id, whole.metric_id, whole.segment_id, whole.period_id,
        whole.scenario, whole.basis, whole.value, whole.low, whole.high,
        -- the same whole figure, however its parts are labelled
        whole.segment_id as identity,
        whole.metric_id || ' ' || whole.period_id || ' ' || whole.scenario || ' ' || whole.basis
            || ' ' || (case
                when whole.scope = 'table' then 'in table ' || whole.table_id
                else 'parts in table ' || any_value(part.table_id) || ', whole in table '
                    || whole.table_id
            end) as subject,
        whole.segment_id || ' = ' || string_agg(part.label, ' + ' order by part.label) as rule,
        sum(part.low) as expected_low,
        sum(part.high) as expected_high,
        whole.ref || '; ' || string_agg(part.refs, '; ' order by part.label) as locator,
        whole.figure || '; ' || string_agg(part.figures, '; ' order by part.label) as figures,
        list_prepend(whole.reported_text, flatten(list(part.printed_texts order by part.label)))
            as printed_figures,
        check_documents_of(whole.document_id, list(part.document_id)) as compared_documents
    from amount as whole
    join reported_child
        on reported_child.document_id = whole.document_id
        and reported_child.metric_id = whole.metric_id
        and reported_child.parent = whole.segment_id
    join part
        on part.scope_key = whole.scope_key
        and part.metric_id = whole.metric_id
        and part.period_id = whole.period_id
        and part.scenario = whole.scenario
        and part.basis = whole.basis
        and part.segment_id = reported_child.child
    join part_count
        on part_count.document_id = whole.document_id
        and part_count.metric_id = whole.metric_id
        and part_count.parent = whole.segment_id
    group by
        whole.scope, whole.scope_key, whole.table_id, whole.document_id, whole.metric_id,
        whole.segment_id, whole.period_id, whole.scenario, whole.basis, whole.value, whole.low,
        whole.high, whole.ref, whole.figure, whole.reported_text, part_count.parts
    having count(*) = part_count.parts
        and count(*) >= 2
        and count(distinct part.table_id) = 1
),

one_table_first as (
    select * from check_one_table_first('comparison')
)

select * from check_results_of('parts_sum_to_whole', 'one_table_first')
order by document_id, metric_id, segment_id, period_id, scenario, basis
