-- one row per call: the period's first and last day and its length in days (both ends included)
-- The period check every period-dependent model shares: a period that ends before it
-- starts fails here, in Dutch, instead of giving negative day counts.
create or replace macro periode(p_start, p_end) as table

select
    p_start::date as period_start,
    p_end::date as period_end,
    case
        when p_end::date >= p_start::date then p_end::date - p_start::date + 1
        else error('De periode eindigt voor zij begint: ' || p_start || ' tot ' || p_end)
    end as dagen_in_periode,
