"""The deterministic demo: fictitious gemeenten with geometry, kerncijfers and registrations.

`generate_demo(con, scale, seed)` fills the raw tables of an empty, migrated database.
The showcase gemeente GM9999 "Lindenwaard (fictief)" carries the stories of docs/DESIGN.md §9;
at scale > 1 further fictitious gemeenten (GM9000, GM9001, ...) are placed beside it.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import shapely

from dashboard.demo.activiteiten import activiteiten
from dashboard.demo.constants import (
    DEMO_END,
    DEMO_GEMEENTECODE,
    DEMO_START,
    as_dates,
    day,
)
from dashboard.demo.deelnames import deelnames
from dashboard.demo.geometry import build_town
from dashboard.demo.inzet import professionals_and_inzet
from dashboard.demo.kerncijfers import kerncijfers
from dashboard.demo.load import TABLE_COLUMNS, insert_frames, raw_row_counts
from dashboard.demo.names import BUURT_POOL, SHOWCASE_BUURTEN, unique_names
from dashboard.demo.organisaties import bewonersgroepen, organisaties
from dashboard.demo.plan import GemeentePlan, gemeente_plans
from dashboard.demo.plekken import wijk_assets
from dashboard.warehouse import first_deelname, registered_deelnames

__all__ = ["DEMO_END", "DEMO_GEMEENTECODE", "DEMO_START", "generate_demo"]

# Separate random streams per gemeente and per part, so changing how one part draws
# never shifts another, and the showcase is the same at every scale >= 1.
_STREAMS = ("geometry", "names", "kerncijfers", "inzet", "activiteiten", "deelnames")
_PLAN_STREAM = 1_000_003


def _buurt_names(rng: np.random.Generator, plan: GemeentePlan, buurt_wijk: np.ndarray) -> list[str]:
    """Unique buurt names; the showcase's come from its own lists per wijk."""
    if not plan.is_showcase:
        return unique_names(rng, BUURT_POOL, buurt_wijk.size, first=None)
    names = []
    for w, wijk in enumerate(plan.wijken):
        pool = SHOWCASE_BUURTEN[wijk.naam]
        count = int((buurt_wijk == w).sum())
        names += [pool[k] if k < len(pool) else f"{wijk.naam} {k + 1}" for k in range(count)]
    return names


def build_gemeente(plan: GemeentePlan, seed: int) -> dict[str, pd.DataFrame]:
    """All raw-table rows of one gemeente, as DataFrames keyed by table name."""
    seq = np.random.SeedSequence([seed, plan.index])
    rng = dict(
        zip(_STREAMS, (np.random.default_rng(s) for s in seq.spawn(len(_STREAMS))), strict=True)
    )

    town = build_town(
        rng["geometry"], plan.centre, len(plan.wijken), plan.n_buurten, plan.with_river
    )
    wijkcodes = [f"WK{plan.digits}{w + 1:02d}" for w in range(len(plan.wijken))]
    rank = pd.Series(town.buurt_wijk).groupby(town.buurt_wijk).cumcount().to_numpy()
    buurtcodes = [
        f"BU{plan.digits}{w + 1:02d}{k + 1:02d}" for w, k in zip(town.buurt_wijk, rank, strict=True)
    ]
    buurt_namen = _buurt_names(rng["names"], plan, town.buurt_wijk)

    frames: dict[str, pd.DataFrame] = {
        "gemeente": pd.DataFrame(
            {
                "gemeentecode": [plan.code],
                "naam": [plan.naam],
                "is_fictief": [True],
                "geom_wkb": [shapely.to_wkb(town.gemeente)],
            }
        ),
        "wijk": pd.DataFrame(
            {
                "wijkcode": wijkcodes,
                "naam": [w.naam for w in plan.wijken],
                "gemeentecode": plan.code,
                "geom_wkb": list(shapely.to_wkb(town.wijken)),
            }
        ),
        "buurt": pd.DataFrame(
            {
                "buurtcode": buurtcodes,
                "naam": buurt_namen,
                "wijkcode": [wijkcodes[w] for w in town.buurt_wijk],
                "geom_wkb": list(shapely.to_wkb(town.buurten)),
            }
        ),
    }

    frames["kerncijfers"], buurt_inwoners = kerncijfers(
        rng["kerncijfers"],
        plan.code,
        wijkcodes,
        buurtcodes,
        buurt_namen,
        town.buurt_wijk,
        np.array([w.need for w in plan.wijken]),
        town.buurt_centrality,
        town.buurt_area_km2,
        plan.is_showcase,
        plan.kerncijfers_jaren,
    )

    frames["organisatie"], org_ids = organisaties(plan)
    frames["professional"], frames["inzet"] = professionals_and_inzet(
        rng["inzet"], plan, wijkcodes, org_ids
    )

    # Where opbouwwerk was cut, the welfare organisation's activities stop soon after.
    inzet = frames["inzet"]
    welzijn_stop = {}
    for w, wijk in enumerate(plan.wijken):
        rows = inzet[(inzet["wijkcode"] == wijkcodes[w]) & (inzet["rol"] == "opbouwwerker")]
        if wijk.kinds["opbouwwerker"] == "cut" and len(rows):
            welzijn_stop[w] = day(pd.Timestamp(rows["einddatum"].max()).date())

    acts = activiteiten(
        rng["activiteiten"],
        plan,
        wijkcodes,
        buurtcodes,
        buurt_namen,
        town.buurt_wijk,
        buurt_inwoners,
        org_ids,
        bewonersgroepen(plan),
        welzijn_stop,
    )
    frames["activiteit"] = acts.activiteit
    frames["activiteit_partner"] = acts.partner

    regs = deelnames(rng["deelnames"], acts, buurtcodes, town.buurt_wijk, buurt_inwoners)
    n_sessions = acts.sessie_act.size
    bijeenkomst_ids = (
        pd.Series(np.arange(1, n_sessions + 1))
        .map(lambda k: f"BK{plan.digits}{k:08d}")
        .to_numpy(dtype=object)
    )
    frames["bijeenkomst"] = pd.DataFrame(
        {
            "bijeenkomst_id": bijeenkomst_ids,
            "activiteit_id": acts.activiteit["activiteit_id"].to_numpy()[acts.sessie_act],
            "datum": as_dates(acts.sessie_dag),
            "aantal_deelnemers": regs.aantal.astype(np.int64),
        }
    )
    frames["deelnemer"] = regs.deelnemer
    frames["deelname"] = pd.DataFrame(
        {
            "bijeenkomst_id": bijeenkomst_ids[regs.deelname["sessie"].to_numpy()],
            "deelnemer_id": regs.deelname["deelnemer_id"].to_numpy(),
        }
    )
    frames = pause_without_opbouwwerker(frames, org_ids)
    frames.update(wijk_assets(plan, frames, town.buurten))
    return frames


# A post without opbouwwerker for this long stops the welfare organisation's activities in the
# wijk, its own and the bewonersinitiatieven it supports, until the successor starts (shorter
# handovers are bridged by colleagues). Initiatives of independent resident groups go on.
PAUSE_AFTER_DAYS = 120


def vacancies(inzet: pd.DataFrame) -> list[tuple[str, int, int]]:
    """(wijkcode, first, last day) of every stretch of PAUSE_AFTER_DAYS or more between two
    opbouwwerkers in a wijk, as whole days since 1970."""
    rows = inzet[inzet["rol"] == "opbouwwerker"]
    out = []
    for wijkcode, group in rows.groupby("wijkcode", sort=True):
        starts = as_day_numbers(group["startdatum"])
        ends = as_day_numbers(group["einddatum"], open_end=True)
        order = np.argsort(starts, kind="stable")
        covered = -1
        for k in order:
            if covered >= 0 and starts[k] - covered - 1 >= PAUSE_AFTER_DAYS:
                out.append((str(wijkcode), covered + 1, int(starts[k]) - 1))
            covered = max(covered, int(ends[k]))
    return out


def as_day_numbers(values: pd.Series, open_end: bool = False) -> np.ndarray:
    """Dates as whole days since 1970; an empty date is far in the future when `open_end`."""
    days = pd.to_datetime(values).to_numpy().astype("datetime64[D]")
    out = days.astype(np.int64)
    if open_end:
        out[np.isnat(days)] = np.iinfo(np.int64).max // 2
    return out


def pause_without_opbouwwerker(
    frames: dict[str, pd.DataFrame], org_ids: dict[str, str]
) -> dict[str, pd.DataFrame]:
    """Leave out the bijeenkomsten (and their deelnames) of the welfare organisation's
    activities, its own and the bewonersinitiatieven registered under it (the ones its
    opbouwwerker supports), held in a wijk while its opbouwwerker post was empty for
    PAUSE_AFTER_DAYS or more. No random draws: everything else stays as drawn."""
    gaps = vacancies(frames["inzet"])
    if not gaps:
        return frames
    welzijn = {org_ids["welzijn_oud"], org_ids["welzijn_nieuw"]}
    act = frames["activiteit"]
    supported = act[act["organisatie_id"].isin(welzijn)]
    wijk_of = dict(zip(supported["activiteit_id"], supported["wijkcode"], strict=True))
    sessions = frames["bijeenkomst"]
    wijk = sessions["activiteit_id"].map(wijk_of)
    when = as_day_numbers(sessions["datum"])
    drop = np.zeros(len(sessions), dtype=bool)
    for wijkcode, first, last in gaps:
        drop |= ((wijk == wijkcode) & (when >= first) & (when <= last)).to_numpy()
    if not drop.any():
        return frames
    gone = set(sessions["bijeenkomst_id"][drop])
    deelname = frames["deelname"]
    deelname = deelname[~deelname["bijeenkomst_id"].isin(gone)].reset_index(drop=True)
    # someone who only ever came to a paused activity never took part: not a deelnemer
    deelnemer = frames["deelnemer"]
    deelnemer = deelnemer[deelnemer["deelnemer_id"].isin(set(deelname["deelnemer_id"]))]
    # an activiteit whose every bijeenkomst fell in a pause never met: not registered
    kept = sessions[~drop].reset_index(drop=True)
    met = set(kept["activiteit_id"])
    partners = frames["activiteit_partner"]
    return {
        **frames,
        "activiteit": act[act["activiteit_id"].isin(met)].reset_index(drop=True),
        "activiteit_partner": partners[partners["activiteit_id"].isin(met)].reset_index(drop=True),
        "bijeenkomst": kept,
        "deelname": deelname,
        "deelnemer": deelnemer.reset_index(drop=True),
    }


def generate_demo(
    con: duckdb.DuckDBPyConnection, scale: float = 1.0, seed: int = 42
) -> dict[str, int]:
    """Fill the raw tables of an already-migrated, EMPTY database with the fictitious demo; return row counts per table."""  # noqa: E501
    if seed < 0:
        raise ValueError(f"De seed moet 0 of groter zijn, niet {seed}")
    filled = {table: n for table, n in raw_row_counts(con).items() if n}
    if filled:
        listed = ", ".join(f"{table} ({n} rijen)" for table, n in filled.items())
        raise ValueError(f"De demo vult alleen een lege database; al gevuld: {listed}")
    plans = gemeente_plans(np.random.default_rng([seed, _PLAN_STREAM]), scale)
    counts = dict.fromkeys(TABLE_COLUMNS, 0)
    con.execute("begin")
    try:
        for plan in plans:
            frames = build_gemeente(plan, seed)
            insert_frames(con, frames)
            for table in TABLE_COLUMNS:
                counts[table] += len(frames[table])
        first_deelname.refresh_all(con)
        registered_deelnames.refresh_all(con)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return counts
