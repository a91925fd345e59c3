-- one row per gebied of the chosen level per partner organisatie: bijeenkomsten in the period (partner mix, by activity location)
create or replace macro bereik_partners(
    p_start, p_end, p_niveau := 'wijk', p_gemeente := null, p_type := null, p_organisatie := null
) as table

with bijeenkomsten as (
    select * from scope_bijeenkomsten(p_start, p_end, p_niveau, p_gemeente, p_type, p_organisatie)
),

final as (
    select
        b.gebiedscode,
        partner.organisatie_id,
        o.naam as partner,
        o.soort,
        count(*)::bigint as bijeenkomsten,
    from bijeenkomsten as b
    inner join stg_activiteit_partner as partner on partner.activiteit_id = b.activiteit_id
    inner join stg_organisatie as o on o.organisatie_id = partner.organisatie_id
    group by all
)

select * from final
order by gebiedscode, bijeenkomsten desc, partner
