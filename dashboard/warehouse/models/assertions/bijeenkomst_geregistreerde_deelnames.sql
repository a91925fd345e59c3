-- every bijeenkomst's geregistreerde_deelnames is its number of deelname rows (kept by every write, dashboard.warehouse.registered_deelnames)
-- nl: bij elke bijeenkomst is geregistreerde_deelnames het aantal deelnamerijen (bijgehouden bij elke import)
with werkelijk as (
    select bijeenkomst_id, count(*) as geregistreerd
    from deelname
    group by bijeenkomst_id
)
select b.bijeenkomst_id, b.geregistreerde_deelnames, coalesce(w.geregistreerd, 0) as werkelijk
from bijeenkomst as b
left join werkelijk as w on w.bijeenkomst_id = b.bijeenkomst_id
where b.geregistreerde_deelnames <> coalesce(w.geregistreerd, 0)
