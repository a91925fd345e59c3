-- one row per raw table: rows, the period it covers and the wijken of the gemeente without any of its data
create or replace macro datakwaliteit(p_gemeente := null) as table

with wijken as (
    select wijkcode from stg_wijk where p_gemeente is null or gemeentecode = p_gemeente
),

n_wijken as (
    select count(*) as n from wijken
),

kern as (
    select 'kerncijfers' as tabel, count(*) as rijen,
        make_date(min(jaar), 1, 1) as vanaf, make_date(max(jaar), 12, 31) as tot_en_met,
        (select n from n_wijken) - count(distinct case when gebiedscode in (select wijkcode from wijken)
            and indicator = 'aantal_inwoners' and waarde is not null then gebiedscode end) as wijken_zonder_gegevens,
    from stg_kerncijfers
    where p_gemeente is null or gebiedscode like 'GM' || substr(p_gemeente, 3, 4) || '%'
        or gebiedscode like 'WK' || substr(p_gemeente, 3, 4) || '%'
        or gebiedscode like 'BU' || substr(p_gemeente, 3, 4) || '%'
),

inzet_stats as (
    select 'inzet' as tabel, count(*) as rijen, min(startdatum) as vanaf,
        max(coalesce(einddatum, startdatum)) as tot_en_met,
        (select n from n_wijken) - count(distinct wijkcode) as wijken_zonder_gegevens,
    from int_inzet
    where p_gemeente is null or gemeentecode = p_gemeente
),

activiteit_stats as (
    select 'activiteit' as tabel, count(*) as rijen, null::date as vanaf, null::date as tot_en_met,
        (select n from n_wijken) - count(distinct a.wijkcode) as wijken_zonder_gegevens,
    from stg_activiteit as a
    where a.wijkcode in (select wijkcode from wijken)
),

bijeenkomst_stats as (
    select 'bijeenkomst' as tabel, count(*) as rijen, min(datum) as vanaf, max(datum) as tot_en_met,
        (select n from n_wijken) - count(distinct wijkcode) as wijken_zonder_gegevens,
    from int_bijeenkomst
    where p_gemeente is null or gemeentecode = p_gemeente
),

deelname_stats as (
    select 'deelname' as tabel, count(*) as rijen, min(datum) as vanaf, max(datum) as tot_en_met,
        (select n from n_wijken) - count(distinct act_wijkcode) as wijken_zonder_gegevens,
    from int_deelname
    where p_gemeente is null or act_gemeentecode = p_gemeente
),

final as (
    select * from kern
    union all select * from inzet_stats
    union all select * from activiteit_stats
    union all select * from bijeenkomst_stats
    union all select * from deelname_stats
)

select tabel, rijen::bigint as rijen, vanaf, tot_en_met, wijken_zonder_gegevens::bigint as wijken_zonder_gegevens,
from final
