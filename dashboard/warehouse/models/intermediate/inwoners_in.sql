-- one row per gebied of the gemeente (of all gemeenten when p_gemeente is null) per kerncijfers year with a known number of inwoners
create or replace macro inwoners_in(p_gemeente := null) as table

-- A figure of the area itself wins. An area without one in a year counts the figures of
-- its parts: a wijk those of its buurten; a gemeente those of its wijken, and of the
-- buurten of a wijk without a figure of its own (so a file with buurt figures only still
-- gives wijken and gemeenten); an area of an own indeling those of its buurten.
-- One gemeente's areas only need that gemeente's figures: filtering them first saves
-- working out the whole country's on every query of one gemeente (about 0.05 s per query
-- on the national database, benchmarks/).

with gebieden as (
    select * from int_gebied
    where p_gemeente is null or gemeentecode = p_gemeente
),

direct as (
    select k.gebiedscode, k.jaar, k.waarde as inwoners,
    from stg_kerncijfers as k
    semi join gebieden as g on g.gebiedscode = k.gebiedscode
    where k.indicator = 'aantal_inwoners' and k.waarde is not null
),

-- every area with its parts; `via` is the wijk a buurt counts through
parts as (
    select wijkcode as gebiedscode, gebiedscode as deel, wijkcode as via,
    from gebieden where niveau = 'buurt'
    union all
    select gemeentecode, gebiedscode, null, from gebieden where niveau = 'wijk'
    union all
    select gemeentecode, gebiedscode, wijkcode, from gebieden where niveau = 'buurt'
    union all
    select ib.eigen_gebiedscode, ib.buurtcode, ib.eigen_gebiedscode,
    from stg_indeling_buurt as ib
    semi join gebieden as g on g.gebiedscode = ib.eigen_gebiedscode
),

from_parts as (
    select parts.gebiedscode, deel.jaar, sum(deel.inwoners) as inwoners,
    from parts
    inner join direct as deel on deel.gebiedscode = parts.deel
    anti join direct as own on own.gebiedscode = parts.gebiedscode and own.jaar = deel.jaar
    anti join direct as via on via.gebiedscode = parts.via and via.jaar = deel.jaar
    group by all
),

final as (
    select * from direct
    union all
    select * from from_parts
)

select gebiedscode, jaar, inwoners::bigint as inwoners, from final
