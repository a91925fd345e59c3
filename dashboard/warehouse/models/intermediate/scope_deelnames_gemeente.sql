-- one row per deelname in the period that passes the filters and that a gemeente's areas can count (every deelname when p_gemeente is null)
create or replace macro scope_deelnames_gemeente(
    p_start, p_end, p_niveau, p_attributie, p_gemeente, p_type, p_organisatie
) as table

-- Held in the gemeente (waar), and of its residents wherever they took part (wie,
-- bereik_per_1000). Two branches, so each filter reaches a scan.
select * from scope_deelnames(p_start, p_end, p_niveau, p_attributie, p_type, p_organisatie)
where p_gemeente is null or act_gemeentecode = p_gemeente
union all
select * from scope_deelnames(p_start, p_end, p_niveau, p_attributie, p_type, p_organisatie)
where p_gemeente is not null and woon_gemeentecode = p_gemeente
    and act_gemeentecode <> p_gemeente
    -- the same residents once more, so the deelname scan is filtered by them first
    and deelnemer_id in (
        select deelnemer_id from int_deelnemer where woon_gemeentecode = p_gemeente
    )
