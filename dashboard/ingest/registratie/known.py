"""Read the codes an export may refer to from the database (read-only)."""

from __future__ import annotations

import duckdb

from dashboard.ingest.registratie.validation import KnownCodes


def load_known_codes(con: duckdb.DuckDBPyConnection) -> KnownCodes:
    """The wijken, buurten, organisaties, activiteiten and bijeenkomsten already stored."""
    cur = con.cursor()
    try:

        def column(sql: str) -> frozenset[str]:
            return frozenset(row[0] for row in cur.execute(sql).fetchall())

        buurt_wijk = dict(cur.execute("select buurtcode, wijkcode from buurt").fetchall())
        return KnownCodes(
            wijken=column("select wijkcode from wijk"),
            buurten=frozenset(buurt_wijk),
            buurt_wijk=buurt_wijk,
            organisaties=column("select organisatie_id from organisatie"),
            activiteiten=column("select activiteit_id from activiteit"),
            bijeenkomsten=column("select bijeenkomst_id from bijeenkomst"),
        )
    finally:
        cur.close()
