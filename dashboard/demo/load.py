"""Write demo DataFrames into the raw tables, in foreign-key order, without string-built values."""

from __future__ import annotations

import duckdb
import pandas as pd

# Raw tables the demo fills, parents before children, with the columns it supplies.
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "gemeente": ("gemeentecode", "naam", "is_fictief", "geom_wkb"),
    "wijk": ("wijkcode", "naam", "gemeentecode", "geom_wkb"),
    "buurt": ("buurtcode", "naam", "wijkcode", "geom_wkb"),
    "kerncijfers": ("gebiedscode", "jaar", "indicator", "waarde"),
    "organisatie": ("organisatie_id", "naam", "soort"),
    "professional": ("professional_id", "naam"),
    "inzet": (
        "inzet_id",
        "professional_id",
        "wijkcode",
        "rol",
        "organisatie_id",
        "startdatum",
        "einddatum",
        "uren_per_week",
    ),
    "activiteit": (
        "activiteit_id",
        "naam",
        "type",
        "wijkcode",
        "buurtcode",
        "organisatie_id",
        "is_bewonersinitiatief",
    ),
    "activiteit_partner": ("activiteit_id", "organisatie_id"),
    "bijeenkomst": ("bijeenkomst_id", "activiteit_id", "datum", "aantal_deelnemers"),
    "deelnemer": ("deelnemer_id", "buurtcode", "leeftijdsgroep"),
    "deelname": ("bijeenkomst_id", "deelnemer_id"),
}

_VIEW = "demo_rows"


def raw_row_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows currently in each raw table the demo fills."""
    # Table names come from the fixed TABLE_COLUMNS above, never from input.
    return {
        table: con.sql(f"select count(*) from {table}").fetchall()[0][0] for table in TABLE_COLUMNS
    }


def insert_frames(con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame]) -> None:
    """Append each frame to its table (the caller owns the transaction)."""
    for table, columns in TABLE_COLUMNS.items():
        frame = frames[table]
        if frame.empty:
            continue
        cols = ", ".join(columns)
        con.register(_VIEW, frame.loc[:, list(columns)])
        try:
            con.execute(f"insert into {table} ({cols}) select {cols} from {_VIEW}")
        finally:
            con.unregister(_VIEW)
