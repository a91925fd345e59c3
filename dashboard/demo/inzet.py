"""Professionals and their inzet: long and short spells, renewals, vacancies, a contract switch."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from dashboard.demo.constants import DAY_END, DAY_HISTORY, DAY_SWITCH, as_dates, day
from dashboard.demo.names import person_names
from dashboard.demo.plan import ROLLEN, GemeentePlan

# Rollen whose contract belongs to the welfare organisation, and so move on WELZIJN_SWITCH.
WELZIJN_ROLLEN = frozenset({"opbouwwerker", "maatschappelijk_werker", "jongerenwerker"})
OTHER_ORGS = ("woningcorporatie", "zorg", "gemeente")
UREN = np.array([8, 12, 16, 18, 20, 24, 24, 28, 28.8, 32, 32, 36, 36])

CUT_FIRST, CUT_LAST = day(date(2023, 6, 30)), day(date(2025, 6, 30))
TURNOVER_FIRST, TURNOVER_LAST = day(date(2023, 3, 1)), day(date(2023, 9, 1))


@dataclass(frozen=True)
class Spell:
    """One person's uninterrupted presence in a chain; end None means ongoing."""

    person: int
    start: int
    end: int | None


def _vacancy(rng: np.random.Generator) -> int:
    """Days nobody holds the rol between two people: mostly a handover, sometimes months."""
    if rng.random() < 0.75:
        return int(rng.integers(0, 46))
    return int(rng.integers(60, 241))


def _normal_spells(rng: np.random.Generator, t0: int, stop: int, first_person: int) -> list[Spell]:
    """Successive spells of a few years each from t0 while they start on or before stop."""
    spells: list[Spell] = []
    t, person = t0, first_person
    while t <= stop:
        length = int(np.clip(rng.lognormal(np.log(900), 0.65), 150, 3650))
        spells.append(Spell(person, t, t + length - 1))
        if rng.random() < 0.07:
            # The same person comes back after 31-90 days: two spells, one face.
            t = t + length + int(rng.integers(31, 91))
        else:
            person += 1
            t = t + length + _vacancy(rng)
    return spells


def _before(rng: np.random.Generator, spells: list[Spell], t: int) -> list[Spell]:
    """The spells that start well before t, the last one ended some days before t."""
    kept = [s for s in spells if s.start < t - 60]
    if kept:
        last = kept[-1]
        end = max(last.start, min(last.end if last.end is not None else t, t - 1 - _vacancy(rng)))
        kept[-1] = Spell(last.person, last.start, end)
    return kept


def chain(rng: np.random.Generator, kind: str, long_since: int | None = None) -> list[Spell]:
    """The spells of one wijk-rol slot from INZET_HISTORY_START to DEMO_END for a chain kind."""
    t0 = DAY_HISTORY + int(rng.integers(0, 5 * 365))
    if kind == "none":
        return []
    if kind == "long":
        if long_since is not None:
            start = day(date(long_since, 1, 1)) + int(rng.integers(0, 330))
        else:
            start = DAY_HISTORY + int(rng.integers(0, 7 * 365 + 180))
        return [Spell(0, start, None)]
    if kind == "normal":
        spells = _normal_spells(rng, t0, DAY_END, 0)
    elif kind == "turnover":
        switch = int(rng.integers(TURNOVER_FIRST, TURNOVER_LAST + 1))
        spells = _before(rng, _normal_spells(rng, t0, switch, 0), switch)
        person = spells[-1].person + 1 if spells else 0
        t = switch
        # The first short spell is still running three years before DEMO_END, so the
        # last three years always see at least three different faces.
        length = int(rng.integers(250, 431))
        while t <= DAY_END:
            spells.append(Spell(person, t, t + length - 1))
            person += 1
            t = t + length + int(rng.integers(10, 121))
            length = int(rng.integers(120, 431))
    elif kind == "cut":
        cut = int(rng.integers(CUT_FIRST, CUT_LAST + 1))
        spells = _normal_spells(rng, t0, cut, 0)
        spells = [s for s in spells if s.start < cut - 60]
        if spells and (spells[-1].end is None or spells[-1].end > cut):
            spells[-1] = Spell(spells[-1].person, spells[-1].start, cut)
    elif kind in ("ends_soon", "vacant"):
        start = DAY_END - int(rng.integers(400, 1500))
        spells = _before(rng, _normal_spells(rng, t0, start, 0), start)
        person = spells[-1].person + 1 if spells else 0
        if kind == "ends_soon":
            end = DAY_END + int(rng.integers(15, 90))  # planned end, no successor known
        else:
            end = DAY_END - int(rng.integers(60, 331))  # left in the past year, nobody since
        spells.append(Spell(person, start, end))
    else:
        raise ValueError(f"Onbekend soort keten: {kind}")
    # Beyond DEMO_END nothing is known except the planned end of an 'ends_soon' spell.
    out = []
    for k, s in enumerate(spells):
        if s.start > DAY_END:
            continue
        planned = kind == "ends_soon" and k == len(spells) - 1
        known_end = s.end if planned or s.end is None or s.end <= DAY_END else None
        out.append(Spell(s.person, s.start, known_end))
    return out


def welzijn_switch(rng: np.random.Generator, spells: list[Spell], always_move: bool) -> list[Spell]:
    """On the contract switch most people move along; the others are replaced by a new face."""
    out: list[Spell] = []
    next_person = max((s.person for s in spells), default=-1) + 1
    for s in spells:
        if s.start >= DAY_SWITCH or (s.end is not None and s.end < DAY_SWITCH):
            out.append(s)
        elif s.end is not None and s.end < DAY_SWITCH + 90:
            # A contract that would run only briefly into the new year ends with the old one.
            out.append(Spell(s.person, s.start, DAY_SWITCH - 1))
        elif always_move or rng.random() < 0.85:
            out.append(s)
        else:
            out.append(Spell(s.person, s.start, DAY_SWITCH - 1))
            out.append(Spell(next_person, DAY_SWITCH + int(rng.integers(0, 61)), s.end))
            next_person += 1
    return out


def contract_rows(
    rng: np.random.Generator, spell: Spell, welzijn: bool, hours: float
) -> list[tuple[int, int | None, float]]:
    """Split one spell into contract rows (start, end, hours) with renewal gaps of 0-29 days."""
    rows: list[tuple[int, int | None, float]] = []
    start = spell.start
    last_boundary = min(spell.end if spell.end is not None else DAY_END, DAY_END) - 60
    while True:
        boundary = start + int(rng.integers(180, 731)) - 1
        cross_switch = (
            welzijn
            and start < DAY_SWITCH <= boundary
            and (spell.end is None or spell.end >= DAY_SWITCH)
        )
        if cross_switch:
            # The row stops when the old contract does; the new organisation takes over
            # 0-20 days later, so the spell continues (docs/DESIGN.md §5: gaps up to 30 days merge).
            rows.append((start, DAY_SWITCH - 1, hours))
            start = DAY_SWITCH + int(rng.integers(0, 21))
        elif boundary < last_boundary:
            rows.append((start, boundary, hours))
            gap = 0 if rng.random() < 0.7 else int(rng.integers(1, 30))
            start = boundary + 1 + gap
        else:
            rows.append((start, spell.end, hours))
            return rows
        if rng.random() < 0.2:
            hours = float(rng.choice(UREN))


def _organisatie(rol: str, start: int, other_org: str) -> str:
    """Which organisation employs this rol on this date."""
    if rol in WELZIJN_ROLLEN:
        return "welzijn_oud" if start < DAY_SWITCH else "welzijn_nieuw"
    return {"wijkagent": "politie", "buurtteam": "buurtteam"}.get(rol, other_org)


def _scripted_rows(
    scripted: tuple[tuple[date, date | None], ...],
    w: int,
    wijkcodes: list[str],
    org_ids: dict[str, str],
    person_ids: dict[tuple[int, str, int], int],
) -> list[tuple[int, str, str, str, int, int | None, float]]:
    """Inzet rows of scripted opbouwwerker spells, one person each, with no random draws.

    A spell across the contract switch gets a row per welfare organisation, the new one
    taking over 8 days later (one spell: gaps up to 30 days merge). Person k of the script
    is the chain's person k when the drawn chain had one, so the number of people, and with
    it every drawn name, stays the same.
    """
    rows: list[tuple[int, str, str, str, int, int | None, float]] = []
    for k, (first, last) in enumerate(scripted):
        key = (w, "opbouwwerker", k)
        if key not in person_ids:
            person_ids[key] = len(person_ids)
        start, end = day(first), None if last is None else day(last)
        hours = 28.8 if k % 2 == 0 else 32.0
        if start < DAY_SWITCH and (end is None or end >= DAY_SWITCH):
            pieces = [(start, DAY_SWITCH - 1), (DAY_SWITCH + 8, end)]
        else:
            pieces = [(start, end)]
        for piece_start, piece_end in pieces:
            org = org_ids[_organisatie("opbouwwerker", piece_start, "gemeente")]
            rows.append((person_ids[key], wijkcodes[w], "opbouwwerker", org, piece_start,
                         piece_end, hours))  # fmt: skip
    return rows


def professionals_and_inzet(
    rng: np.random.Generator, plan: GemeentePlan, wijkcodes: list[str], org_ids: dict[str, str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The professional and inzet rows of one gemeente."""
    shared_with = {b: a for a, b in plan.shared_wijkagent}
    records: list[tuple[int, str, str, str, int, int | None, float]] = []
    person_ids: dict[tuple[int, str, int], int] = {}
    chains: dict[tuple[int, str], list[Spell]] = {}
    for w, wijk in enumerate(plan.wijken):
        for rol in ROLLEN:
            kind = wijk.kinds[rol]
            if rol == "wijkagent" and w in shared_with:
                # Same person in two wijken: reuse the partner wijk's chain and people.
                spells, owner = chains[(shared_with[w], rol)], shared_with[w]
            else:
                spells = chain(rng, kind, wijk.long_since if rol == "opbouwwerker" else None)
                if rol in WELZIJN_ROLLEN:
                    spells = welzijn_switch(rng, spells, always_move=kind == "long")
                chains[(w, rol)] = spells
                owner = w
            other_org = OTHER_ORGS[int(rng.integers(0, len(OTHER_ORGS)))]
            shared = rol == "wijkagent" and (w in shared_with or w in dict(plan.shared_wijkagent))
            drawn = []
            for s in spells:
                key = (owner, rol, s.person)
                if key not in person_ids:
                    person_ids[key] = len(person_ids)
                hours = float(rng.choice(UREN))
                if shared:
                    hours = max(8.0, round(hours / 2, 1))
                for start, end, uren in contract_rows(rng, s, rol in WELZIJN_ROLLEN, hours):
                    org = org_ids[_organisatie(rol, start, other_org)]
                    drawn.append((person_ids[key], wijkcodes[w], rol, org, start, end, uren))
            if rol == "opbouwwerker" and wijk.scripted_opbouw is not None:
                # Written out instead of drawn; the draws above still ran, so every other
                # wijk and rol (and every other gemeente) stays exactly as it was.
                drawn = _scripted_rows(wijk.scripted_opbouw, w, wijkcodes, org_ids, person_ids)
            records += drawn

    names = person_names(rng, len(person_ids))
    prof_ids = [f"PRF{plan.digits}{k + 1:05d}" for k in range(len(person_ids))]
    professional = pd.DataFrame({"professional_id": prof_ids, "naam": names})

    frame = pd.DataFrame(
        records,
        columns=["person", "wijkcode", "rol", "organisatie_id", "start", "end", "uren"],
    )
    frame = frame.sort_values(["wijkcode", "rol", "start", "person"], kind="stable")
    inzet = pd.DataFrame(
        {
            "inzet_id": [f"INZ{plan.digits}{k + 1:06d}" for k in range(len(frame))],
            "professional_id": np.array(prof_ids, dtype=object)[frame["person"].to_numpy()],
            "wijkcode": frame["wijkcode"].to_numpy(),
            "rol": frame["rol"].to_numpy(),
            "organisatie_id": frame["organisatie_id"].to_numpy(),
            "startdatum": as_dates(frame["start"]),
            "einddatum": as_dates(frame["end"]),
            "uren_per_week": frame["uren"].to_numpy(),
        }
    )
    return professional, inzet
