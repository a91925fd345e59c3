-- one row per bijeenkomst of scope_bijeenkomsten, with its registered deelnames and the deelnames it counts for
-- docs/DESIGN.md §5.1: a bijeenkomst counts the larger of its aantal_deelnemers and its
-- registered deelname rows (an export may register more people than the total says), so
-- no area has more unique participants than deelnames. The marts that count deelnames by
-- place read this; those that need only the place (bereik_partners) read
-- scope_bijeenkomsten and scan no deelnames.
create or replace macro scope_bijeenkomsten_met_deelnames(
    p_start, p_end, p_niveau, p_gemeente, p_type, p_organisatie
) as table

with bijeenkomsten as (
    select * from scope_bijeenkomsten(p_start, p_end, p_niveau, p_gemeente, p_type, p_organisatie)
),

-- the deelname rows of these bijeenkomsten only, so the scan is filtered by them
registered as (
    select bijeenkomst_id, count(*)::bigint as geregistreerde_deelnames,
    from stg_deelname
    where bijeenkomst_id in (select bijeenkomst_id from bijeenkomsten)
    group by all
),

final as (
    select
        b.*,
        coalesce(r.geregistreerde_deelnames, 0) as geregistreerde_deelnames,
        greatest(b.aantal_deelnemers, coalesce(r.geregistreerde_deelnames, 0)) as deelnames,
    from bijeenkomsten as b
    left join registered as r on r.bijeenkomst_id = b.bijeenkomst_id
)

select * from final
