-- one row per gemeente: whether it registers activities and inzet at all (in any period)
-- "Geen registraties" is not zero (docs/DESIGN.md §5.1): a gemeente that registers no
-- activiteiten has unknown reach, not 0 deelnames; one without any inzet has unknown
-- coverage, not 0 fte in every wijk. The marts leave those figures empty there.
create or replace view int_gemeente_registraties as

with met_activiteiten as (
    select distinct gemeentecode, from int_activiteit
),

met_inzet as (
    select distinct gemeentecode, from int_inzet
),

final as (
    select
        g.gemeentecode,
        a.gemeentecode is not null as heeft_activiteiten,
        i.gemeentecode is not null as heeft_inzet,
    from stg_gemeente as g
    left join met_activiteiten as a on a.gemeentecode = g.gemeentecode
    left join met_inzet as i on i.gemeentecode = g.gemeentecode
)

select * from final
