-- one row per gebied (gemeente, CBS wijk, CBS buurt or an area of the gemeente's own indeling)
create or replace view int_gebied as

with gemeenten as (
    select gemeentecode as gebiedscode, 'gemeente' as niveau, naam, gemeentecode,
        null::varchar as wijkcode, geom_wkb,
    from stg_gemeente
),

wijken as (
    select wijkcode as gebiedscode, 'wijk' as niveau, naam, gemeentecode, wijkcode, geom_wkb,
    from stg_wijk
),

buurten as (
    select
        buurt.buurtcode as gebiedscode,
        'buurt' as niveau,
        buurt.naam,
        wijk.gemeentecode,
        buurt.wijkcode,
        buurt.geom_wkb,
    from stg_buurt as buurt
    inner join stg_wijk as wijk on wijk.wijkcode = buurt.wijkcode
),

eigen as (
    select gebiedscode, 'eigen' as niveau, naam, gemeentecode, null::varchar as wijkcode, geom_wkb,
    from stg_indeling
),

final as (
    select * from gemeenten
    union all
    select * from wijken
    union all
    select * from buurten
    union all
    select * from eigen
)

select * from final
