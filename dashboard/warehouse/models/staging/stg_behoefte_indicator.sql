-- one row per need indicator: its weight, direction (+1: higher means more need) and description
create or replace view stg_behoefte_indicator as

select indicator, gewicht, richting, omschrijving, from behoefte_indicator
