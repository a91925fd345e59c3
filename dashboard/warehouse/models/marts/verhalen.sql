-- one row per verhaal of a gemeente (all when p_gemeente is null), with the wijk it is about; only published ones unless p_ook_concept
-- The public role never asks with p_ook_concept (dashboard.screens.access decides who may).
create or replace macro verhalen(p_gemeente := null, p_ook_concept := false) as table

with verhalen as (
    select *
    from stg_verhaal
    where (p_gemeente is null or gemeentecode = p_gemeente)
        and (is_gepubliceerd or p_ook_concept)
),

final as (
    select
        v.verhaal_id,
        v.gemeentecode,
        v.gebiedscode,
        v.niveau,
        coalesce(b.wijkcode, v.gebiedscode) as wijkcode,
        case when v.niveau = 'buurt' then v.gebiedscode end as buurtcode,
        v.datum,
        v.thema,
        v.tekst,
        v.bron,
        v.status,
    from verhalen as v
    left join stg_buurt as b on b.buurtcode = v.gebiedscode
)

select * from final
order by gemeentecode, datum desc, verhaal_id
