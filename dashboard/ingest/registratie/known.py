"""The codes an export may refer to: what the database already holds, plus what a file adds."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import duckdb

from dashboard.ingest.registratie.tables import Validated


@dataclass(frozen=True)
class KnownCodes:
    """Codes already in the database that an export may refer to."""

    wijken: frozenset[str] = frozenset()
    buurten: frozenset[str] = frozenset()
    buurt_wijk: Mapping[str, str] = field(default_factory=dict)
    organisaties: frozenset[str] = frozenset()
    activiteiten: frozenset[str] = frozenset()
    bijeenkomsten: frozenset[str] = frozenset()
    activiteit_types: frozenset[str] = frozenset()  # for a hint at a type with a typing error
    # each stored organisation's naam and soort: a file that says otherwise is told that an
    # import does not change them
    organisatie_namen: Mapping[str, tuple[str, str]] = field(default_factory=dict)


def load_known_codes(con: duckdb.DuckDBPyConnection) -> KnownCodes:
    """The wijken, buurten, organisaties, activiteiten and bijeenkomsten already stored."""
    cur = con.cursor()
    try:

        def column(sql: str) -> frozenset[str]:
            return frozenset(row[0] for row in cur.execute(sql).fetchall())

        buurt_wijk = dict(cur.execute("select buurtcode, wijkcode from buurt").fetchall())
        namen = {
            org: (naam, soort)
            for org, naam, soort in cur.execute(
                "select organisatie_id, naam, soort from organisatie"
            ).fetchall()
        }
        return KnownCodes(
            wijken=column("select wijkcode from wijk"),
            buurten=frozenset(buurt_wijk),
            buurt_wijk=buurt_wijk,
            organisaties=frozenset(namen),
            activiteiten=column("select activiteit_id from activiteit"),
            bijeenkomsten=column("select bijeenkomst_id from bijeenkomst"),
            activiteit_types=column("select distinct type from activiteit"),
            organisatie_namen=namen,
        )
    finally:
        cur.close()


def extend_known(known: KnownCodes, validated: Validated) -> KnownCodes:
    """Known codes plus the organisations, activiteiten (and their types) and bijeenkomsten a
    validated file adds."""

    def ids(table: str, column: str) -> set[str]:
        frame = validated.tables.get(table)
        return set() if frame is None else set(frame[column])

    added = validated.tables.get("organisatie")
    names = dict(known.organisatie_namen)
    if added is not None:
        names |= {
            org: (naam, soort)
            for org, naam, soort in zip(
                added["organisatie_id"], added["naam"], added["soort"], strict=True
            )
        }
    return replace(
        known,
        organisaties=known.organisaties | ids("organisatie", "organisatie_id"),
        organisatie_namen=names,
        activiteiten=known.activiteiten | ids("activiteit", "activiteit_id"),
        bijeenkomsten=known.bijeenkomsten | ids("bijeenkomst", "bijeenkomst_id"),
        activiteit_types=known.activiteit_types | ids("activiteit", "type"),
    )
