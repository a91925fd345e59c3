"""Writing prepared data: one transaction on a new database version, logged, idempotent.

`commit` writes a `Prepared` (see `dashboard.ingest.prepare`) on a private version that
is published only when everything succeeded (see `dashboard.warehouse.store`). Importing
the same content twice changes nothing: the second time no new version is made.
"""

from __future__ import annotations

import getpass
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import duckdb
import numpy as np
import pandas as pd

from dashboard.config import read_only
from dashboard.i18n import N_
from dashboard.ingest.indeling import replace_indeling
from dashboard.ingest.prepare import Prepared
from dashboard.ingest.registratie import Problem, register_templates
from dashboard.ingest.upsert import ImportFailed, add_deelnames, upsert
from dashboard.warehouse import errors, first_deelname, schema, store

# Parents before children, so foreign keys hold at every statement; deelname (without
# foreign keys) comes before deelnemer: a pair whose deelnemer is not in the database yet
# is new without a look at the ten million pairs already there (see upsert.add_deelnames).
LOAD_ORDER: tuple[str, ...] = tuple(t for t in schema.RAW_TABLES if t != "deelnemer") + (
    "deelnemer",
)


class ImportRefused(ValueError):
    """The file has errors; nothing was written. `problems` holds the whole report."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


@dataclass(frozen=True)
class ImportResult:
    """What an import did: rows added, updated and removed per table, and the import log id.

    Removed are the rows of a re-sent parent's own children that the file no longer has (a
    partner taken off an activiteit, a route's last stops: _OWN_CHILDREN)."""

    bestand: str
    tabel: str
    toegevoegd: dict[str, int]
    bijgewerkt: dict[str, int]
    import_id: int | None
    leeg: bool = False  # the file had no rows: nothing was written, nor looked at
    verwijderd: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        """True when anything was written."""
        return (
            any(self.toegevoegd.values())
            or any(self.bijgewerkt.values())
            or any(self.verwijderd.values())
        )


def current_user() -> str:
    """The operating-system user, for the import log when no login is configured."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "onbekend"


# the messages of a refused or failed import (Dutch; shown through registratie.shown_reason)
_READ_ONLY = N_(
    "{bestand} is niet geïmporteerd: deze installatie leest de database alleen"
    " (WIJKDASHBOARD_READ_ONLY). Importeer op de beheerinstantie."
)
_REFUSED = N_("{bestand} is niet geïmporteerd: {n} fout(en).")
_INDELING_NOT_IN_FILE = N_(
    "Een eigen indeling kan alleen in een databasebestand worden vervangen, niet in {location}"
)
_WRITE_FAILED = N_(
    "{bestand}: het schrijven is mislukt en teruggedraaid; er is niets gewijzigd ({error})."
)
register_templates(_READ_ONLY, _REFUSED, _INDELING_NOT_IN_FILE, _WRITE_FAILED, *errors.TEMPLATES)


class _NothingChanged(Exception):
    """Raised inside the write transaction to abandon a version that would equal the current one."""


def commit(location: str, prepared: Prepared, user: str | None = None) -> ImportResult:
    """Write prepared data in one transaction and log it; refuse when it has errors."""
    if read_only():
        raise ImportFailed(_READ_ONLY.format(bestand=prepared.bestand))
    if prepared.errors:
        raise ImportRefused(
            _REFUSED.format(bestand=prepared.bestand, n=len(prepared.errors)),
            prepared.problems,
        )
    if prepared.leeg:  # a file with only its header: no new version, nothing in the log
        return ImportResult(prepared.bestand, prepared.tabel, {}, {}, None, leeg=True)
    if prepared.replaces_indeling_of is not None and not store.is_file_location(location):
        # replacing an indeling needs two transactions, which are only safe on a private version
        raise ImportFailed(_INDELING_NOT_IN_FILE.format(location=location))
    added: dict[str, int] = {}
    updated: dict[str, int] = {}
    removed: dict[str, int] = {}
    import_id: int | None = None
    try:
        with store.writing(location) as con:
            if prepared.replaces_indeling_of is not None:
                added["indeling"], updated["indeling"] = replace_indeling(con, prepared)
            for table in LOAD_ORDER:
                frame = prepared.tables.get(table)
                if prepared.replaces_indeling_of is not None and table.startswith("indeling"):
                    continue
                if frame is not None and table in _OWN_CHILDREN:
                    removed[table] = _drop_other_children(con, table, prepared.tables)
                if frame is not None and not frame.empty:
                    if table == "deelname" and prepared.tabel == "deelnames":
                        present = _checked_pairs(location, prepared)
                        deelnemers = prepared.tables["deelnemer"]
                        new, changed = add_deelnames(con, frame, deelnemers, present), 0
                    else:
                        new, changed = upsert(con, table, frame)
                    added[table] = new
                    updated[table] = changed
            if not any(added.values()) and not any(updated.values()) and not any(removed.values()):
                raise _NothingChanged
            if updated.get("bijeenkomst"):  # a date may have moved: any first deelname may change
                first_deelname.refresh_all(con)
            elif added.get("deelname"):
                _refresh_first_deelnames(con, location, prepared)
            import_id = con.sql(
                "insert into import_log (tijdstip, bestand, inhoud_hash, tabel, rijen_toegevoegd,"
                " rijen_bijgewerkt, rijen_per_tabel, gebruiker, resultaat, melding) values"
                " ($tijdstip, $bestand, $hash, $tabel, $added, $updated, $per_table, $user,"
                " 'geslaagd', $melding) returning import_id",
                params={
                    # in UTC, as the audit log: the column's default took the session's time
                    # zone, and the history showed UTC as Dutch time beside the audit log
                    "tijdstip": datetime.now(UTC).replace(tzinfo=None),
                    "bestand": prepared.bestand,
                    "hash": prepared.inhoud_hash,
                    "tabel": prepared.tabel,
                    "added": sum(added.values()),
                    # the log has no column of its own for removed rows: a change of their parent
                    "updated": sum(updated.values()) + sum(removed.values()),
                    "per_table": per_table(added, updated, removed),
                    "user": user or current_user(),
                    "melding": f"{len(prepared.problems)} waarschuwing(en)"
                    if prepared.problems
                    else None,
                },
            ).fetchall()[0][0]
    except _NothingChanged:
        pass
    except duckdb.Error as exc:
        reason = errors.dutch_reason(exc)
        raise ImportFailed(_WRITE_FAILED.format(bestand=prepared.bestand, error=reason)) from exc
    return ImportResult(
        prepared.bestand, prepared.tabel, added, updated, import_id, verwijderd=removed
    )


def per_table(added: dict[str, int], updated: dict[str, int], removed: dict[str, int]) -> str:
    """import_log.rijen_per_tabel: per table the import changed, [nieuw, bijgewerkt,
    verwijderd], as JSON (the log's sums mix tables: participants and their deelnames)."""
    tables = [t for t in (*added, *updated, *removed) if t]
    changed = {
        t: [added.get(t, 0), updated.get(t, 0), removed.get(t, 0)] for t in dict.fromkeys(tables)
    }
    return json.dumps({t: counts for t, counts in changed.items() if any(counts)})


# Child tables whose rows under a parent in the file are exactly the file's: a route's stops
# (a shorter route loses its last ones), an activity's partners (a partner taken off the
# `partners` cell leaves; a file without that column leaves them alone, see RowChecker.run).
# Per table: the table its parents come from, the parent key, the child's own key.
_OWN_CHILDREN: dict[str, tuple[str, str, str]] = {
    "route_stop": ("route_stop", "route_id", "volgnummer"),
    "activiteit_partner": ("activiteit", "activiteit_id", "organisatie_id"),
}


def _drop_other_children(
    con: duckdb.DuckDBPyConnection, table: str, tables: dict[str, pd.DataFrame]
) -> int:
    """Remove the rows of `table` under the file's parents that the file no longer has."""
    parents_from, parent, child = _OWN_CHILDREN[table]  # names from the dict above, not a user
    con.register("incoming_parents", tables[parents_from][[parent]])
    con.register("incoming_children", tables[table][[parent, child]])
    try:
        gone = con.sql(
            f"delete from {table} as s"
            f" where s.{parent} in (select {parent} from incoming_parents)"
            "  and not exists (select 1 from incoming_children as i"
            f"  where i.{parent} = s.{parent} and i.{child} = s.{child})"
            " returning 1"
        ).fetchall()
    finally:
        con.unregister("incoming_parents")
        con.unregister("incoming_children")
    return len(gone)


def _checked_pairs(location: str, prepared: Prepared) -> np.ndarray | None:
    """The pairs the check found in the database already, when it checked this very version
    (None: a deelnames import since may have added some, so add_deelnames looks again)."""
    if prepared.present_pairs is not None and store.is_current_version(
        location, prepared.checked_against
    ):
        return prepared.present_pairs
    return None


def _refresh_first_deelnames(
    con: duckdb.DuckDBPyConnection, location: str, prepared: Prepared
) -> None:
    """Move first deelnames earlier after adding deelnames (inside commit's transaction)."""
    if prepared.first_deelnames is not None and store.is_current_version(
        location, prepared.checked_against
    ):
        # checked against this very version: the file's first dates hold, no join needed
        first_deelname.move_earlier(con, prepared.first_deelnames)
    else:  # a bijeenkomst may have moved since: work them out again
        first_deelname.refresh_for_new(con, prepared.tables["deelname"])
