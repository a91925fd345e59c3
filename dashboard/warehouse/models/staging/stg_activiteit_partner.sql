-- one row per activiteit per partner organisatie
create or replace view stg_activiteit_partner as

select activiteit_id, organisatie_id, from activiteit_partner
