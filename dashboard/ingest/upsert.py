"""Writing rows into the raw tables by natural key: insert the new, update the changed.

The keys come from the schema (dashboard.warehouse.schema), which is also the allow-list:
a table name in SQL text is always a raw table's, and key names always its key's.
Used inside `dashboard.ingest.write.commit`'s transaction.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from dashboard.warehouse import registered_deelnames, schema

# Columns where an empty value in an export means "not in this export", not "unknown now":
# a later deelnames file without home buurten must not erase the ones already known.
KEEP_WHEN_EMPTY: dict[str, tuple[str, ...]] = {"deelnemer": ("buurtcode", "leeftijdsgroep")}
# Tables without a key index (schema.DECLARED_KEYS): the importer keeps their keys itself,
# under the store's one-writer lock, and the assertions <table>_uniek check them.
# Their upsert uses an update by key and an anti-join instead of ON CONFLICT.
UNINDEXED: frozenset[str] = frozenset(schema.DECLARED_KEYS)


class ImportFailed(RuntimeError):
    """Writing failed halfway; the transaction was rolled back and nothing changed."""


def upsert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> tuple[int, int]:
    """Insert new rows and update changed ones by natural key; return (added, updated).

    Only columns that really change are updated: DuckDB refuses an update that
    touches a foreign-key column of a row other tables refer to, even when the
    value stays the same.
    """
    keys = schema.keys(table)
    columns = list(frame.columns)
    others = [c for c in columns if c not in keys]
    keep = KEEP_WHEN_EMPTY.get(table, ())

    def differs(c: str) -> str:
        if c in keep:
            return f"(i.{c} is not null and t.{c} is distinct from i.{c})"
        return f"t.{c} is distinct from i.{c}"

    con.register("incoming", frame)
    try:
        on_keys = " and ".join(f"t.{k} = i.{k}" for k in keys)
        if not others:  # a link table: add the pairs it does not hold yet
            return _add_new_rows(con, table, columns, on_keys), 0
        # one join counts the new rows, the changed rows and the changes per column
        found = f"t.{keys[0]} is not null"
        counts = con.sql(
            f"select count(*) filter (where not {found}), count(*) filter (where {found} and ("
            + " or ".join(differs(c) for c in others)
            + ")), "
            + ", ".join(f"count(*) filter (where {found} and {differs(c)})" for c in others)
            + f" from incoming as i left join {table} as t on {on_keys}"
        ).fetchall()[0]
        added, updated = counts[0], counts[1]
        changed = [c for c, n in zip(others, counts[2:], strict=True) if n]
        if table in UNINDEXED:
            _refuse_repeated_keys(con, table)
            if changed:
                _update_by_key(con, table, changed, on_keys, differs)
        elif changed:
            _update_through_index(con, table, columns, changed, on_keys, differs)
        if added:
            # a plain insert of the new rows, also with a key index: ON CONFLICT over all
            # rows held 370 MB more for 1.8 million new inzet rows (measured, duckdb_memory)
            _add_new_rows(con, table, columns, on_keys)
    finally:
        con.unregister("incoming")
    return int(added), int(updated)


def _add_new_rows(
    con: duckdb.DuckDBPyConnection, table: str, columns: list[str], on_keys: str
) -> int:
    """Insert the rows of `incoming` whose key the table does not hold; their number."""
    added = con.execute(
        f"insert into {table} ({', '.join(columns)}) select {', '.join(columns)}"
        f" from incoming as i where not exists (select 1 from {table} as t where {on_keys})"
    ).fetchall()[0][0]
    return int(added)


def _update_through_index(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: list[str],
    changed: list[str],
    on_keys: str,
    differs: Callable[[str], str],
) -> None:
    """Update the `changed` columns of the rows of `incoming` that differ, through the table's
    key index (ON CONFLICT)."""
    keep = KEEP_WHEN_EMPTY.get(table, ())

    def new_value(c: str) -> str:
        return f"coalesce(excluded.{c}, {table}.{c})" if c in keep else f"excluded.{c}"

    con.execute(
        f"insert into {table} ({', '.join(columns)}) select {', '.join(columns)}"
        f" from incoming as i where exists (select 1 from {table} as t where {on_keys} and ("
        + " or ".join(differs(c) for c in changed)
        + f")) on conflict ({', '.join(schema.keys(table))}) do update set "
        + ", ".join(f"{c} = {new_value(c)}" for c in changed)
    )


def _refuse_repeated_keys(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """Without a key index nothing else refuses a key that `incoming` holds twice: it would be
    added twice, so it is refused here (validation reports such rows before they get here)."""
    keys = ", ".join(schema.keys(table))
    repeated = con.sql(
        f"select {keys} from incoming group by {keys} having count(*) > 1 limit 1"
    ).fetchall()
    if repeated:
        raise ImportFailed(
            f"Sleutel {', '.join(map(str, repeated[0]))} staat meer dan eens in de rijen voor"
            f" tabel {table}; er is niets gewijzigd."
        )


def _update_by_key(
    con: duckdb.DuckDBPyConnection,
    table: str,
    changed: list[str],
    on_keys: str,
    differs: Callable[[str], str],
) -> None:
    """Update the `changed` columns of the rows of `incoming` that differ, in a table without
    a key index."""
    keep = KEEP_WHEN_EMPTY.get(table, ())
    assignments = ", ".join(
        f"{c} = coalesce(i.{c}, t.{c})" if c in keep else f"{c} = i.{c}" for c in changed
    )
    con.execute(
        f"update {table} as t set {assignments} from incoming as i where {on_keys} and ("
        + " or ".join(differs(c) for c in changed)
        + ")"
    )


def add_deelnames(
    con: duckdb.DuckDBPyConnection,
    deelnames: pd.DataFrame,
    deelnemers: pd.DataFrame,
    present: np.ndarray | None = None,
) -> int:
    """Add the pairs of a deelnames export that deelname does not hold yet; the number added.

    `deelnames` and `deelnemers` are a checked export's (registratie.check_deelnames):
    each pair once, and every deelnemer of a pair in `deelnemers`, which is written after
    them (write.LOAD_ORDER). `present`, when given, holds the positions in `deelnames` of
    the pairs deelname holds already, as the check found them in this very database
    version; they are then not looked up again. Otherwise: a pair whose deelnemer the
    database does not know yet cannot be in deelname (assertion deelname_verwijst), so it is
    added without a comparison; the pairs of known deelnemers are compared with those
    deelnemers' own deelnames only. An export of new participants so spares a scan of ten
    million pairs. The bijeenkomsten count the pairs added
    (bijeenkomst.geregistreerde_deelnames).
    """
    # from Arrow DuckDB inserts a million pairs twice as fast as from the DataFrame
    pairs = pa.Table.from_pandas(deelnames, preserve_index=False)
    if present is not None and len(present):
        # only the other pairs go in, without a join: an anti-join against the positions of
        # 5.2 million pairs already there held 340 MB (measured, a file imported twice)
        new = np.ones(pairs.num_rows, dtype=bool)
        new[present] = False
        pairs = pairs.filter(pa.array(new))
    if present is None:
        pairs = pairs.append_column("nr", pa.array(np.arange(pairs.num_rows)))
    con.register("incoming", pairs)
    try:
        where = ""
        if present is None and _find_present_pairs(con, deelnemers):
            where = " where nr not in (select nr from bestaande_paren)"
        added = con.execute(
            "insert into deelname (bijeenkomst_id, deelnemer_id)"
            " select bijeenkomst_id, deelnemer_id from incoming" + where
        ).fetchall()[0][0]
        if added:
            per_bijeenkomst = con.sql(
                "select bijeenkomst_id, count(*) as n from incoming" + where + " group by all"
            ).to_arrow_table()
            registered_deelnames.add(con, per_bijeenkomst)
        con.execute("drop table if exists bestaande_paren")
    finally:
        con.unregister("incoming")
    return int(added)


def _find_present_pairs(con: duckdb.DuckDBPyConnection, deelnemers: pd.DataFrame) -> int:
    """Put the positions of the `incoming` pairs that deelname holds already in the temp
    table bestaande_paren; their number."""
    con.register("import_deelnemers", deelnemers[["deelnemer_id"]])
    try:
        known = con.execute(
            "create or replace temp table bekende_deelnemers as select deelnemer_id"
            " from import_deelnemers semi join deelnemer using (deelnemer_id)"
        ).fetchall()[0][0]
        present = 0
        if known:
            # the pairs already there, found among the known deelnemers' own deelnames (a
            # semi-join on one column first is 2-3x cheaper than hashing both columns of
            # every pair in the table); only their row numbers leave the join
            present = con.execute(
                "create or replace temp table bestaande_paren as select i.nr from incoming as i"
                " where exists (select 1 from ("
                "     select * from deelname"
                "     where deelnemer_id in (select deelnemer_id from bekende_deelnemers)"
                "   ) as t"
                "   where t.bijeenkomst_id = i.bijeenkomst_id and t.deelnemer_id = i.deelnemer_id)"
            ).fetchall()[0][0]
        con.execute("drop table bekende_deelnemers")
    finally:
        con.unregister("import_deelnemers")
    return int(present)
