"""A gemeente's own indeling (stadsdelen, gebieden): every CBS buurt linked to one area.

`prepare_indeling` reads and checks the file (nothing written); `replace_indeling`
swaps the gemeente's previous indeling for it inside `dashboard.ingest.write.commit`.
An area keeps its code across imports, so links with `sel=` stay valid.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd
import shapely

from dashboard.i18n import N_
from dashboard.ingest import registratie
from dashboard.ingest.prepare import Prepared, content_hash
from dashboard.ingest.registratie import Problem
from dashboard.ingest.upsert import upsert
from dashboard.warehouse import area_shapes
from dashboard.warehouse.store import open_current

INDELING_KIND = "indeling"
_ONBEKENDE_BUURT = N_(
    "Onbekende buurtcode: deze buurt staat niet in de database (importeer eerst de CBS-buurten)."
)
_DUBBELE_BUURT = N_("Dubbele buurtcode: een buurt hoort bij precies één gebied.")
_MEER_GEMEENTEN = N_(
    "De buurten horen bij meer dan één gemeente; een indeling geldt voor één gemeente."
)
_ZONDER_GEBIED = N_(
    "{n} buurt(en) van de gemeente horen bij geen gebied; ze tellen op dit niveau niet mee."
)
registratie.register_templates(_ZONDER_GEBIED)


def prepare_indeling(
    location: str, data: bytes, filename: str, naam: str, sheet: str | None = None
) -> Prepared:
    """Read an own area division (buurtcode -> area name) for one gemeente; nothing is written."""
    raw = registratie.read_export(data, filename, sheet)
    columns = {c.strip().lower(): c for c in raw.frame.columns}
    problems: list[Problem] = []

    def fout(rij: int | None, kolom: str, waarde: str | None, reden: str) -> None:
        problems.append(Problem(filename, rij, kolom, waarde, reden, "fout"))

    def refused() -> Prepared:
        return Prepared(INDELING_KIND, filename, content_hash(data), {}, problems)

    missing = [c for c in ("buurtcode", "gebied") if c not in columns]
    if missing:
        reden = N_(
            "Verplichte kolom ontbreekt: het bestand heeft de kolommen buurtcode en gebied nodig."
        )
        fout(None, ", ".join(missing), None, reden)
        return refused()
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
    rows = zip(frame["buurtcode"], frame["gebied"], strict=True)
    for offset, (buurtcode, gebied) in enumerate(rows):
        rij = raw.first_data_row + offset
        if buurtcode not in known:
            fout(rij, "buurtcode", buurtcode, _ONBEKENDE_BUURT)
        if not gebied:
            fout(rij, "gebied", gebied, N_("Lege gebiedsnaam."))
        if buurtcode in seen:
            fout(rij, "buurtcode", buurtcode, _DUBBELE_BUURT)
        seen.add(buurtcode)
    gemeenten = {known[b] for b in frame["buurtcode"] if b in known}
    if len(gemeenten) > 1:
        fout(None, "buurtcode", None, _MEER_GEMEENTEN)
    if problems or not gemeenten:
        return refused()
    gemeente = gemeenten.pop()
    unassigned = sorted(set(buurten.loc[buurten["gemeentecode"] == gemeente, "gebiedscode"]) - seen)
    if unassigned:
        problems.append(
            Problem(
                filename,
                None,
                "buurtcode",
                ", ".join(unassigned[:5]),
                _ZONDER_GEBIED.format(n=len(unassigned)),
                "waarschuwing",
            )
        )
    names = sorted(frame["gebied"].unique())
    codes = _indeling_codes(location, gemeente, names)
    if codes is None:
        fout(None, "gebied", None, N_("Te veel gebieden: een indeling heeft er hoogstens 999."))
        return refused()
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


def replace_indeling(con: duckdb.DuckDBPyConnection, prepared: Prepared) -> tuple[int, int]:
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
