"""Keep `bijeenkomst.geregistreerde_deelnames` (its number of deelname rows) in step with the data.

Every write of deelname rows calls one of these in the same transaction: the importer
after it added pairs (dashboard.ingest.upsert.add_deelnames), the demo after it generated.
Deelname rows are only ever added, and a new bijeenkomst starts at 0 (the column's
default), so an import raises the counts of its own bijeenkomsten by the pairs it added.
The reach metrics count the larger of this number and aantal_deelnemers (docs/DESIGN.md
§5.1); the data assertion `bijeenkomst_geregistreerde_deelnames` proves the column right.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa


def refresh_all(con: duckdb.DuckDBPyConnection) -> None:
    """Recount every bijeenkomst's deelname rows; rewrite only changes."""
    con.execute(
        """
        update bijeenkomst as b
        set geregistreerde_deelnames = r.geregistreerd
        from (
            select q.bijeenkomst_id, count(d.bijeenkomst_id) as geregistreerd
            from (select distinct bijeenkomst_id from bijeenkomst) as q
            left join deelname as d on d.bijeenkomst_id = q.bijeenkomst_id
            group by q.bijeenkomst_id
        ) as r
        where r.bijeenkomst_id = b.bijeenkomst_id
            and r.geregistreerd <> b.geregistreerde_deelnames
        """
    )


def add(con: duckdb.DuckDBPyConnection, added: pa.Table) -> None:
    """After adding deelname rows: raise each bijeenkomst's count by its rows in `added`.

    `added` holds one row per bijeenkomst with new pairs: bijeenkomst_id and n.
    """
    con.register("nieuw_geregistreerd", added)
    try:
        con.execute(
            """
            update bijeenkomst as b
            set geregistreerde_deelnames = b.geregistreerde_deelnames + n.n
            from nieuw_geregistreerd as n
            where n.bijeenkomst_id = b.bijeenkomst_id
            """
        )
    finally:
        con.unregister("nieuw_geregistreerd")
