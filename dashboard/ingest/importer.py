"""Loading validated data into the database: atomic, idempotent, logged.

Two steps, so a user sees the whole report before anything is written:
`prepare_*` reads and validates (nothing is written), `commit` writes it in one
transaction on a new database version (see `dashboard.warehouse.store`). Importing the
same content twice changes nothing: the second time no new version is made.
"""

from __future__ import annotations

import getpass
import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import shapely

from dashboard.config import read_only
from dashboard.ingest import registratie, statline
from dashboard.ingest.cbs import CbsData, read_cbs_file
from dashboard.ingest.pseudonym import load_or_create_salt, pseudonymiser, salt_path
from dashboard.ingest.registratie import KnownCodes, MappingStore, Problem, Validated
from dashboard.warehouse import area_shapes, first_deelname, store
from dashboard.warehouse.store import open_current

# Natural keys of the raw tables an import may write (an allow-list: table and
# column names in SQL text only ever come from here).
TABLE_KEYS: dict[str, tuple[str, ...]] = {
    "gemeente": ("gemeentecode",),
    "wijk": ("wijkcode",),
    "buurt": ("buurtcode",),
    "kerncijfers": ("gebiedscode", "jaar", "indicator"),
    "indeling": ("gebiedscode",),
    "indeling_buurt": ("buurtcode",),
    "organisatie": ("organisatie_id",),
    "professional": ("professional_id",),
    "inzet": ("inzet_id",),
    "activiteit": ("activiteit_id",),
    "activiteit_partner": ("activiteit_id", "organisatie_id"),
    "bijeenkomst": ("bijeenkomst_id",),
    "deelnemer": ("deelnemer_id",),
    "deelname": ("bijeenkomst_id", "deelnemer_id"),
}
# Columns where an empty value in an export means "not in this export", not "unknown now":
# a later deelnames file without home buurten must not erase the ones already known.
KEEP_WHEN_EMPTY: dict[str, tuple[str, ...]] = {"deelnemer": ("buurtcode", "leeftijdsgroep")}
# Tables without a key index (migrations 0004, 0007 and 0008): the importer keeps their keys
# itself, under the store's one-writer lock, and the assertions <table>_uniek check them.
# Their upsert uses an update by key and an anti-join instead of ON CONFLICT.
UNINDEXED: frozenset[str] = frozenset({"kerncijfers", "bijeenkomst", "deelnemer", "deelname"})
# Parents before children, so foreign keys hold at every statement; deelname (without
# foreign keys) comes before deelnemer: a pair whose deelnemer is not in the database yet
# is new without a look at the ten million pairs already there (see _add_deelnames).
LOAD_ORDER: tuple[str, ...] = tuple(t for t in TABLE_KEYS if t != "deelnemer") + ("deelnemer",)


class ImportFailed(RuntimeError):
    """Writing failed halfway; the transaction was rolled back and nothing changed."""


class ImportRefused(ValueError):
    """The file has errors; nothing was written. `problems` holds the whole report."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


@dataclass(frozen=True)
class Prepared:
    """Validated data, ready to be written: what, from which file, and its content hash."""

    tabel: str
    bestand: str
    inhoud_hash: str
    tables: dict[str, pd.DataFrame]
    problems: list[Problem] = field(default_factory=list)
    # an own indeling replaces the gemeente's previous one: its areas not in this file go
    replaces_indeling_of: str | None = None
    # deelnames: each deelnemer's first deelname in the file, by the bijeenkomst dates of
    # database version `checked_against` (see commit)
    first_deelnames: pd.DataFrame | None = None
    checked_against: str | None = None

    @property
    def errors(self) -> list[Problem]:
        """The problems that block the import."""
        return [p for p in self.problems if p.ernst == "fout"]


@dataclass(frozen=True)
class ImportResult:
    """What an import did: rows added and updated per table, and the import log id."""

    bestand: str
    tabel: str
    toegevoegd: dict[str, int]
    bijgewerkt: dict[str, int]
    import_id: int | None

    @property
    def changed(self) -> bool:
        """True when anything was written."""
        return any(self.toegevoegd.values()) or any(self.bijgewerkt.values())


def content_hash(data: bytes) -> str:
    """SHA-256 of a file's bytes, to recognise the same file in the import log."""
    return hashlib.sha256(data).hexdigest()


def current_user() -> str:
    """The operating-system user, for the import log when no login is configured."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "onbekend"


# --- reading what the database already knows ------------------------------------


def _validate(
    location: str,
    kind: str,
    raw: registratie.RawTable,
    mapping: Mapping[str, str | None],
    pseudonymise: Callable[[str], str],
) -> tuple[Validated, str | None]:
    """Validate against the codes in the database (read-only; none yet when there is no file).

    Also returns the database version it checked against (None without one).
    """
    resolved = store.resolve(location)
    if store.is_file_location(resolved) and not Path(resolved).exists():
        return registratie.validate(kind, raw, mapping, KnownCodes(), pseudonymise), None
    con = open_current(location)
    try:
        validated = registratie.validate(kind, raw, mapping, con, pseudonymise)
        return validated, store.version_read_by(con)
    finally:
        con.close()


# --- preparing ---------------------------------------------------------------------


def prepare_registration(
    location: str,
    kind: str,
    data: bytes,
    filename: str,
    *,
    mapping: Mapping[str, str | None] | None = None,
    sheet: str | None = None,
) -> tuple[Prepared, Validated]:
    """Read, map and validate a registration export; nothing is written."""
    raw = registratie.read_export(data, filename, sheet, kind=kind)
    if mapping is None:
        mapping = registratie.suggest_mapping(kind, raw.columns)
    salt = load_or_create_salt(salt_path(location))
    validated, version = _validate(location, kind, raw, mapping, pseudonymiser(salt))
    prepared = Prepared(
        kind,
        filename,
        content_hash(data),
        validated.tables,
        list(validated.problems),
        first_deelnames=validated.first_deelnames,
        checked_against=version,
    )
    return prepared, validated


def prepare_cbs(
    path: str | Path, gemeenten: Sequence[str] | None = None, jaar: int | None = None
) -> Prepared:
    """Read a CBS wijk- en buurtkaart file into the area and kerncijfers tables; nothing is written."""
    cbs = read_cbs_file(path, gemeenten=gemeenten, jaar=jaar)
    data = Path(path).read_bytes()
    notes = [
        Problem(Path(path).name, None, None, None, melding, "waarschuwing")
        for melding in cbs.meldingen
    ]
    return Prepared("cbs", Path(path).name, content_hash(data), cbs_tables(cbs), notes)


def prepare_statline(
    location: str, gemeente: str, jaar: int, opener: Callable[[str], bytes] | None = None
) -> Prepared:
    """Fetch a gemeente's kerncijfers of one year from CBS StatLine (online); nothing is written.

    Only figures of areas the database knows are kept: load the areas first from the
    wijk- en buurtkaart. Raises statline.StatlineUnavailable when CBS cannot be reached.
    """
    figures = statline.fetch_kerncijfers(gemeente, jaar, opener=opener)
    con = open_current(location)
    try:
        known = {r[0] for r in con.cursor().sql("select gebiedscode from stg_gebied").fetchall()}
    finally:
        con.close()
    keep = figures["gebiedscode"].isin(known)
    bron = f"CBS StatLine {statline.table_for(jaar)} ({gemeente})"
    problems = []
    if not keep.all():
        unknown = sorted(set(figures.loc[~keep, "gebiedscode"]))
        problems.append(
            Problem(
                bron,
                None,
                "gebiedscode",
                ", ".join(unknown[:5]),
                f"{len(unknown)} gebied(en) staan niet in de database en worden overgeslagen;"
                " laad eerst de wijk- en buurtkaart van dat jaar.",
                "waarschuwing",
            )
        )
    if not keep.any():
        problems.append(
            Problem(
                bron,
                None,
                None,
                None,
                "Geen enkel gebied van deze gemeente staat in de database.",
                "fout",
            )
        )
    kerncijfers = figures.loc[keep, ["gebiedscode", "jaar", "indicator", "waarde"]].reset_index(
        drop=True
    )
    digest = content_hash(kerncijfers.to_csv(index=False).encode())
    return Prepared("kerncijfers", bron, digest, {"kerncijfers": kerncijfers}, problems)


def cbs_tables(cbs: CbsData) -> dict[str, pd.DataFrame]:
    """The raw-table rows of a CBS file: gemeente, wijk, buurt (geometry as WKB) and kerncijfers."""

    def wkb(gdf) -> list[bytes | None]:
        return [None if g is None else shapely.to_wkb(g) for g in gdf.geometry]

    gemeente = pd.DataFrame(
        {
            "gemeentecode": cbs.gemeenten["gemeentecode"],
            "naam": cbs.gemeenten["naam"],
            "is_fictief": False,
            "geom_wkb": wkb(cbs.gemeenten),
        }
    )
    wijk = pd.DataFrame(
        {
            "wijkcode": cbs.wijken["wijkcode"],
            "naam": cbs.wijken["naam"],
            "gemeentecode": cbs.wijken["gemeentecode"],
            "geom_wkb": wkb(cbs.wijken),
        }
    )
    buurt = pd.DataFrame(
        {
            "buurtcode": cbs.buurten["buurtcode"],
            "naam": cbs.buurten["naam"],
            "wijkcode": cbs.buurten["wijkcode"],
            "geom_wkb": wkb(cbs.buurten),
        }
    )
    kerncijfers = cbs.kerncijfers[["gebiedscode", "jaar", "indicator", "waarde"]].copy()
    kerncijfers["waarde"] = kerncijfers["waarde"].astype("float64")
    return {"gemeente": gemeente, "wijk": wijk, "buurt": buurt, "kerncijfers": kerncijfers}


# --- writing -----------------------------------------------------------------------


class _NothingChanged(Exception):
    """Raised inside the write transaction to abandon a version that would equal the current one."""


def upsert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> tuple[int, int]:
    """Insert new rows and update changed ones by natural key; return (added, updated).

    Only columns that really change are updated: DuckDB refuses an update that
    touches a foreign-key column of a row other tables refer to, even when the
    value stays the same.
    """
    keys = TABLE_KEYS[table]
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
            added = con.execute(
                f"insert into {table} ({', '.join(columns)}) select {', '.join(columns)}"
                f" from incoming as i where not exists (select 1 from {table} as t where {on_keys})"
            ).fetchall()[0][0]
            return int(added), 0
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
            _update_and_add(con, table, columns, changed, on_keys, differs, added)
        else:
            _insert_on_conflict(con, table, columns, changed)
    finally:
        con.unregister("incoming")
    return int(added), int(updated)


def _insert_on_conflict(
    con: duckdb.DuckDBPyConnection, table: str, columns: list[str], changed: list[str]
) -> None:
    """Upsert `incoming` through the table's key index."""
    keep = KEEP_WHEN_EMPTY.get(table, ())

    def new_value(c: str) -> str:
        return f"coalesce(excluded.{c}, {table}.{c})" if c in keep else f"excluded.{c}"

    action = (
        "do update set " + ", ".join(f"{c} = {new_value(c)}" for c in changed)
        if changed
        else "do nothing"
    )
    con.execute(
        f"insert into {table} ({', '.join(columns)}) select {', '.join(columns)} from incoming"
        f" on conflict ({', '.join(TABLE_KEYS[table])}) {action}"
    )


def _update_and_add(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: list[str],
    changed: list[str],
    on_keys: str,
    differs: Callable[[str], str],
    added: int,
) -> None:
    """Upsert `incoming` into a table without a key index: update by key, then add the new rows.

    Without an index nothing else refuses a key that `incoming` holds twice: it would be
    added twice, so it is refused here (validation reports such rows before they get here).
    """
    keep = KEEP_WHEN_EMPTY.get(table, ())
    keys = ", ".join(TABLE_KEYS[table])
    repeated = con.sql(
        f"select {keys} from incoming group by {keys} having count(*) > 1 limit 1"
    ).fetchall()
    if repeated:
        raise ImportFailed(
            f"Sleutel {', '.join(map(str, repeated[0]))} staat meer dan eens in de rijen voor"
            f" tabel {table}; er is niets gewijzigd."
        )
    if changed:
        assignments = ", ".join(
            f"{c} = coalesce(i.{c}, t.{c})" if c in keep else f"{c} = i.{c}" for c in changed
        )
        con.execute(
            f"update {table} as t set {assignments} from incoming as i where {on_keys} and ("
            + " or ".join(differs(c) for c in changed)
            + ")"
        )
    if added:
        con.execute(
            f"insert into {table} ({', '.join(columns)}) select {', '.join(columns)}"
            f" from incoming as i where not exists (select 1 from {table} as t where {on_keys})"
        )


def _add_deelnames(
    con: duckdb.DuckDBPyConnection, deelnames: pd.DataFrame, deelnemers: pd.DataFrame
) -> int:
    """Add the pairs of a deelnames export that deelname does not hold yet; the number added.

    `deelnames` and `deelnemers` are a checked export's (registratie.check_deelnames):
    each pair once, and every deelnemer of a pair in `deelnemers`, which is written after
    them (LOAD_ORDER). A pair whose deelnemer the database does not know yet cannot be in
    deelname (assertion deelname_verwijst), so it is added without a comparison; the pairs
    of known deelnemers are compared with those deelnemers' own deelnames only. An export
    of new participants so spares a scan of ten million pairs.
    """
    con.register("import_deelnemers", deelnemers[["deelnemer_id"]])
    # from Arrow DuckDB inserts a million pairs twice as fast as from the DataFrame
    pairs = pa.Table.from_pandas(deelnames, preserve_index=False)
    con.register("incoming", pairs.append_column("nr", pa.array(np.arange(pairs.num_rows))))
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
        added = con.execute(
            "insert into deelname (bijeenkomst_id, deelnemer_id)"
            " select bijeenkomst_id, deelnemer_id from incoming"
            + (" where nr not in (select nr from bestaande_paren)" if present else "")
        ).fetchall()[0][0]
        con.execute("drop table if exists bestaande_paren")
        con.execute("drop table bekende_deelnemers")
    finally:
        con.unregister("incoming")
        con.unregister("import_deelnemers")
    return int(added)


def commit(location: str, prepared: Prepared, user: str | None = None) -> ImportResult:
    """Write prepared data in one transaction and log it; refuse when it has errors."""
    if read_only():
        raise ImportFailed(
            f"{prepared.bestand} is niet geïmporteerd: deze installatie leest de database alleen"
            " (WIJKDASHBOARD_READ_ONLY). Importeer op de beheerinstantie."
        )
    if prepared.errors:
        raise ImportRefused(
            f"{prepared.bestand} is niet geïmporteerd: {len(prepared.errors)} fout(en).",
            prepared.problems,
        )
    if prepared.replaces_indeling_of is not None and not store.is_file_location(location):
        # replacing an indeling needs two transactions, which are only safe on a private version
        raise ImportFailed(
            "Een eigen indeling kan alleen in een databasebestand worden vervangen, niet in "
            + location
        )
    added: dict[str, int] = {}
    updated: dict[str, int] = {}
    import_id: int | None = None
    try:
        with store.writing(location) as con:
            if prepared.replaces_indeling_of is not None:
                added["indeling"], updated["indeling"] = _replace_indeling(con, prepared)
            for table in LOAD_ORDER:
                frame = prepared.tables.get(table)
                if prepared.replaces_indeling_of is not None and table.startswith("indeling"):
                    continue
                if frame is not None and not frame.empty:
                    if table == "deelname" and prepared.tabel == "deelnames":
                        new, changed = _add_deelnames(con, frame, prepared.tables["deelnemer"]), 0
                    else:
                        new, changed = upsert(con, table, frame)
                    added[table] = new
                    updated[table] = updated.get(table, 0) + changed
            if not any(added.values()) and not any(updated.values()):
                raise _NothingChanged
            if updated.get("bijeenkomst"):  # a date may have moved: any first deelname may change
                first_deelname.refresh_all(con)
            elif added.get("deelname"):
                _refresh_first_deelnames(con, location, prepared)
            import_id = con.sql(
                "insert into import_log (bestand, inhoud_hash, tabel, rijen_toegevoegd, rijen_bijgewerkt,"
                " gebruiker, resultaat, melding) values ($bestand, $hash, $tabel, $added, $updated, $user,"
                " 'geslaagd', $melding) returning import_id",
                params={
                    "bestand": prepared.bestand,
                    "hash": prepared.inhoud_hash,
                    "tabel": prepared.tabel,
                    "added": sum(added.values()),
                    "updated": sum(updated.values()),
                    "user": user or current_user(),
                    "melding": f"{len(prepared.problems)} waarschuwing(en)"
                    if prepared.problems
                    else None,
                },
            ).fetchall()[0][0]
    except _NothingChanged:
        pass
    except duckdb.Error as exc:
        raise ImportFailed(
            f"{prepared.bestand}: het schrijven is mislukt en teruggedraaid; er is niets gewijzigd ({exc})."
        ) from exc
    return ImportResult(prepared.bestand, prepared.tabel, added, updated, import_id)


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


def _replace_indeling(con: duckdb.DuckDBPyConnection, prepared: Prepared) -> tuple[int, int]:
    """Swap a gemeente's own indeling for the prepared one; return (added, updated) rows.

    DuckDB refuses to delete a referenced row in the same transaction that deleted
    its references, so the links go in a transaction of their own. That is safe
    here: the whole write happens on a private version that is only published
    when everything succeeded (see dashboard.warehouse.store).
    """
    gemeente = prepared.replaces_indeling_of
    areas = prepared.tables["indeling"]
    links = prepared.tables["indeling_buurt"]
    old_areas = {
        r[0]: r[1:]
        for r in con.sql(
            "select gebiedscode, naam, indeling, geom_wkb from indeling where gemeentecode = $gm",
            params={"gm": gemeente},
        ).fetchall()
    }
    old_links = dict(
        con.sql(
            "select ib.buurtcode, ib.gebiedscode from indeling_buurt as ib"
            " inner join indeling as i on i.gebiedscode = ib.gebiedscode where i.gemeentecode = $gm",
            params={"gm": gemeente},
        ).fetchall()
    )
    new_areas = {
        r[0]: r[1:]
        for r in areas[["gebiedscode", "naam", "indeling", "geom_wkb"]].itertuples(index=False)
    }
    new_links = dict(zip(links["buurtcode"], links["gebiedscode"], strict=True))
    added = sum(code not in old_areas for code in new_areas) + sum(
        b not in old_links for b in new_links
    )
    updated = sum(
        code in old_areas and old_areas[code] != values for code, values in new_areas.items()
    )
    updated += sum(b in old_links and old_links[b] != code for b, code in new_links.items())
    updated += sum(code not in new_areas for code in old_areas) + sum(
        b not in new_links for b in old_links
    )
    if added == 0 and updated == 0:
        return 0, 0
    con.execute(
        "delete from indeling_buurt where gebiedscode in (select gebiedscode from indeling where gemeentecode = $gm)",
        {"gm": gemeente},
    )
    con.execute("commit")
    con.execute("begin")
    con.register("new_areas", areas[["gebiedscode"]])
    try:
        con.execute(
            "delete from indeling where gemeentecode = $gm and gebiedscode not in (select gebiedscode from new_areas)",
            {"gm": gemeente},
        )
    finally:
        con.unregister("new_areas")
    upsert(con, "indeling", areas)
    upsert(con, "indeling_buurt", links)
    return added, updated


INDELING_KIND = "indeling"


def prepare_indeling(
    location: str, data: bytes, filename: str, naam: str, sheet: str | None = None
) -> Prepared:
    """Read an own area division (buurtcode -> area name) for one gemeente; nothing is written."""
    raw = registratie.read_export(data, filename, sheet)
    columns = {c.strip().lower(): c for c in raw.frame.columns}
    problems: list[Problem] = []
    missing = [c for c in ("buurtcode", "gebied") if c not in columns]
    if missing:
        problems.append(
            Problem(
                filename,
                None,
                ", ".join(missing),
                None,
                "Verplichte kolom ontbreekt: het bestand heeft de kolommen buurtcode en gebied nodig.",
                "fout",
            )
        )
        return Prepared(INDELING_KIND, filename, content_hash(data), {}, problems)
    con = open_current(location)
    try:
        buurten = area_shapes.read_gebieden(con.cursor(), "buurt")
    finally:
        con.close()
    known = dict(zip(buurten["gebiedscode"], buurten["gemeentecode"], strict=True))
    frame = pd.DataFrame(
        {
            "buurtcode": raw.frame[columns["buurtcode"]].str.strip().str.upper(),
            "gebied": raw.frame[columns["gebied"]].str.strip(),
        }
    )
    seen: set[str] = set()
    for offset, row in enumerate(frame.itertuples(index=False)):
        rij = raw.first_data_row + offset
        if row.buurtcode not in known:
            problems.append(
                Problem(
                    filename,
                    rij,
                    "buurtcode",
                    row.buurtcode,
                    "Onbekende buurtcode: deze buurt staat niet in de database (importeer eerst de CBS-buurten).",
                    "fout",
                )
            )
        if not row.gebied:
            problems.append(
                Problem(filename, rij, "gebied", row.gebied, "Lege gebiedsnaam.", "fout")
            )
        if row.buurtcode in seen:
            problems.append(
                Problem(
                    filename,
                    rij,
                    "buurtcode",
                    row.buurtcode,
                    "Dubbele buurtcode: een buurt hoort bij precies één gebied.",
                    "fout",
                )
            )
        seen.add(row.buurtcode)
    gemeenten = {known[b] for b in frame["buurtcode"] if b in known}
    if len(gemeenten) > 1:
        problems.append(
            Problem(
                filename,
                None,
                "buurtcode",
                None,
                "De buurten horen bij meer dan één gemeente; een indeling geldt voor één gemeente.",
                "fout",
            )
        )
    if problems or not gemeenten:
        return Prepared(INDELING_KIND, filename, content_hash(data), {}, problems)
    gemeente = gemeenten.pop()
    unassigned = sorted(set(buurten.loc[buurten["gemeentecode"] == gemeente, "gebiedscode"]) - seen)
    if unassigned:
        problems.append(
            Problem(
                filename,
                None,
                "buurtcode",
                ", ".join(unassigned[:5]),
                f"{len(unassigned)} buurt(en) van de gemeente horen bij geen gebied; ze tellen op dit niveau niet mee.",
                "waarschuwing",
            )
        )
    names = sorted(frame["gebied"].unique())
    codes = _indeling_codes(location, gemeente, names)
    if codes is None:
        problems.append(
            Problem(
                filename,
                None,
                "gebied",
                None,
                "Te veel gebieden: een indeling heeft er hoogstens 999.",
                "fout",
            )
        )
        return Prepared(INDELING_KIND, filename, content_hash(data), {}, problems)
    shapes = buurten.set_index("gebiedscode").geometry
    areas = []
    for name in names:
        parts = [
            shapes[b]
            for b in frame.loc[frame["gebied"] == name, "buurtcode"]
            if shapes[b] is not None
        ]
        shape = shapely.coverage_union_all(parts) if parts else None
        areas.append(
            (codes[name], name, gemeente, naam, None if shape is None else shapely.to_wkb(shape))
        )
    indeling = pd.DataFrame(
        areas, columns=["gebiedscode", "naam", "gemeentecode", "indeling", "geom_wkb"]
    )
    links = pd.DataFrame(
        {"buurtcode": frame["buurtcode"], "gebiedscode": frame["gebied"].map(codes)}
    )
    return Prepared(
        INDELING_KIND,
        filename,
        content_hash(data),
        {"indeling": indeling, "indeling_buurt": links},
        problems,
        replaces_indeling_of=gemeente,
    )


def _indeling_codes(location: str, gemeente: str, names: Sequence[str]) -> dict[str, str] | None:
    """Codes for the areas: an area keeps its code across imports (links with `sel=` stay valid)."""
    con = open_current(location)
    try:
        existing = dict(
            con.cursor()
            .sql(
                "select naam, gebiedscode from indeling where gemeentecode = $gm",
                params={"gm": gemeente},
            )
            .fetchall()
        )
    finally:
        con.close()
    used = {int(code[-3:]) for code in existing.values()}
    free = (n for n in range(1, 1000) if n not in used)
    codes = {}
    for name in names:
        if name in existing:
            codes[name] = existing[name]
        else:
            number = next(free, None)
            if number is None:
                return None
            codes[name] = f"EG{gemeente[2:]}{number:03d}"
    return codes


def mapping_store(location: str) -> MappingStore:
    """Saved column mappings live beside the database, like the salt."""
    return MappingStore(salt_path(location).parent / "koppelingen")
