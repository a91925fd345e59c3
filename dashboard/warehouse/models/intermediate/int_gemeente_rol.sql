-- one row per gemeente per rol that occurs in its inzet (at any time)
-- The rollen a continuity mart reports for every area of a gemeente, also where no
-- spell of that rol is in scope.
create or replace view int_gemeente_rol as

select distinct gemeentecode, rol, from int_inzet
