-- one row per stop of every route of a gemeente (all gemeenten when p_gemeente is null), in walking order, with the route and the wijk each stop lies in when it is a plek
-- The screens draw each route as a line through its stops (volgnummer order) and pick the
-- routes of a wijk by the wijken their stops lie in (route_wijken).
create or replace macro route_stops(p_gemeente := null) as table

with routes as (
    select *
    from stg_route
    where p_gemeente is null or gemeentecode = p_gemeente
),

final as (
    select
        r.route_id,
        r.gemeentecode,
        r.naam as route,
        r.soort,
        r.datum,
        r.gemaakt_door,
        r.is_van_bewoners,
        s.volgnummer,
        coalesce(s.naam, p.naam) as stop,
        s.lon,
        s.lat,
        s.plek_id,
        p.wijkcode,
    from routes as r
    inner join stg_route_stop as s on s.route_id = r.route_id
    left join int_plek as p on p.plek_id = s.plek_id
)

select * from final
order by gemeentecode, route_id, volgnummer
