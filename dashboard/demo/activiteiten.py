"""Activiteiten with their organisers and partners, and the dates they meet (bijeenkomsten)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from dashboard.demo.constants import DAY_END, DAY_START, DAY_SWITCH, day
from dashboard.demo.plan import GemeentePlan

# Activities per wijk at reach 1.0 and full volume (the showcase gets about 190).
ACTIVITEITEN_PER_WIJK = 21
# Share of activities that residents initiated and own (bewonersinitiatief).
BEWONERS_SHARE = 0.30
# From mid-March 2020 until June 2021 the lockdown cancelled most gatherings.
LOCKDOWN_START = day(date(2020, 3, 16))
LOCKDOWN_END = day(date(2021, 6, 1))

LEEFTIJD_VOLWASSEN = {"27-44": 0.3, "45-64": 0.35, "65-79": 0.25, "80+": 0.1}


@dataclass(frozen=True)
class TypeSpec:
    """How an activity type runs: rhythm, who comes, who organises."""

    ritme: str  # week, twee_weken, maand, seizoen, eenmalig
    gewicht: float  # how common the type is
    nieuw_per_keer: float  # newcomers per bijeenkomst
    vast_aandeel: float  # share of newcomers who become regulars
    inloop: float  # mean walk-ins per bijeenkomst who are never registered
    leeftijd: dict[str, float]
    organisatoren: dict[str, float]  # organisation key -> weight, when residents don't organise
    bewoners_kans: float  # chance it is a bewonersinitiatief
    seizoen: tuple[int, int] | None = None  # first and last month
    alleen_totalen_kans: float = 0.02  # chance only session totals are registered


TYPES: dict[str, TypeSpec] = {
    "buurtcafé": TypeSpec("week", 1.3, 0.45, 0.3, 2.0, LEEFTIJD_VOLWASSEN,
                          {"welzijn": 0.8, "woningcorporatie": 0.2}, 0.35),
    "taalcafé": TypeSpec("week", 1.0, 0.4, 0.35, 0.5,
                         {"18-26": 0.25, "27-44": 0.45, "45-64": 0.25, "65-79": 0.05},
                         {"bibliotheek": 0.6, "welzijn": 0.4}, 0.15),
    "koffieochtend": TypeSpec("week", 1.2, 0.25, 0.45, 1.0,
                              {"45-64": 0.25, "65-79": 0.5, "80+": 0.25},
                              {"welzijn": 0.6, "buurtteam": 0.2, "zorg": 0.2}, 0.4),
    "moestuin": TypeSpec("seizoen", 0.7, 0.3, 0.5, 0.5, LEEFTIJD_VOLWASSEN,
                         {"welzijn": 0.5, "woningcorporatie": 0.5}, 0.6, seizoen=(3, 10)),
    "repaircafé": TypeSpec("maand", 0.7, 2.5, 0.12, 3.0,
                           {"27-44": 0.2, "45-64": 0.4, "65-79": 0.35, "80+": 0.05},
                           {"welzijn": 0.5, "sport": 0.1, "woningcorporatie": 0.4}, 0.55),
    "kookclub": TypeSpec("twee_weken", 0.7, 0.35, 0.5, 0.3, LEEFTIJD_VOLWASSEN,
                         {"welzijn": 0.7, "zorg": 0.3}, 0.3),
    "sport in de wijk": TypeSpec("week", 0.9, 0.6, 0.3, 2.0,
                                 {"0-11": 0.3, "12-17": 0.3, "18-26": 0.2, "27-44": 0.2},
                                 {"sport": 0.6, "welzijn": 0.4}, 0.1),
    "jongerenavond": TypeSpec("week", 0.9, 0.6, 0.35, 3.0, {"12-17": 0.7, "18-26": 0.3},
                              {"welzijn": 1.0}, 0.05),
    "spelmiddag": TypeSpec("twee_weken", 0.8, 0.8, 0.3, 2.0,
                           {"0-11": 0.55, "27-44": 0.3, "65-79": 0.15},
                           {"welzijn": 0.5, "onderwijs": 0.3, "bibliotheek": 0.2}, 0.35),
    "pop-up terras": TypeSpec("seizoen", 0.5, 3.0, 0.15, 8.0, LEEFTIJD_VOLWASSEN,
                              {"woningcorporatie": 0.7, "welzijn": 0.3}, 0.25, seizoen=(6, 8),
                              alleen_totalen_kans=0.3),
    "wijksafari": TypeSpec("eenmalig", 0.5, 16.0, 0.1, 4.0, LEEFTIJD_VOLWASSEN,
                           {"welzijn": 0.6, "gemeente": 0.4}, 0.3, alleen_totalen_kans=0.2),
    "buurtschouw": TypeSpec("eenmalig", 0.5, 9.0, 0.2, 2.0, LEEFTIJD_VOLWASSEN,
                            {"woningcorporatie": 0.4, "gemeente": 0.4, "politie": 0.2}, 0.2),
}  # fmt: skip

# Partner organisations and how often each joins an activity.
PARTNERS = {
    "woningcorporatie": 0.35,
    "buurtteam": 0.25,
    "bibliotheek": 0.2,
    "zorg": 0.15,
    "onderwijs": 0.15,
    "gemeente": 0.15,
    "sport": 0.1,
    "politie": 0.05,
    "bewoners": 0.2,
}


@dataclass(frozen=True)
class Activiteiten:
    """One gemeente's activities: the rows to store and what the registrations need."""

    activiteit: pd.DataFrame
    partner: pd.DataFrame
    wijk: np.ndarray  # wijk index per activity
    buurt: np.ndarray  # buurt index per activity, -1 when unknown
    type: np.ndarray  # type name per activity
    size: np.ndarray  # how popular it is (multiplies newcomers and walk-ins)
    alleen_totalen: np.ndarray  # only session totals registered, no deelname rows
    sessie_act: np.ndarray  # activity index per bijeenkomst, sorted by activity then day
    sessie_dag: np.ndarray  # day (since 1970) per bijeenkomst


def _weekday(days: np.ndarray) -> np.ndarray:
    """0 = Monday; 1970-01-01 was a Thursday."""
    return (days + 3) % 7


def _month_day(days: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Calendar month (1-12) and day of month of day numbers."""
    d = days.astype("datetime64[D]")
    m = d.astype("datetime64[M]")
    return (m.astype(np.int64) % 12) + 1, (d - m.astype("datetime64[D]")).astype(np.int64) + 1


def sessions(
    rng: np.random.Generator, spec: TypeSpec, start: int, end: int, first_day: int = DAY_START
) -> np.ndarray:
    """The days an activity meets between start and end (both included).

    `first_day` is the gemeente's first day of registrations (one-off occasions fall after it).
    """
    weekday = int(rng.choice(7, p=[0.16, 0.17, 0.2, 0.17, 0.12, 0.15, 0.03]))
    if spec.ritme == "eenmalig":
        # A few occasions in spring or autumn of different years, on a Saturday.
        first_year = int(np.datetime64(first_day, "D").astype("datetime64[Y]").astype(int)) + 1970
        years = np.arange(first_year, 2027)
        chosen = rng.choice(years, size=int(rng.integers(1, 4)), replace=False)
        month = rng.choice([4, 5, 6, 9, 10], size=chosen.size)
        first = np.array([day(date(int(y), int(m), 1)) for y, m in zip(chosen, month, strict=True)])
        days = first + (5 - _weekday(first)) % 7 + 7 * rng.integers(0, 3, size=first.size)
        return np.sort(days[(days >= first_day) & (days <= DAY_END)])
    first = start + (weekday - _weekday(np.array([start]))[0]) % 7
    if spec.ritme == "maand":
        # The n-th weekday of every month (say, the second Saturday).
        months = np.arange(
            np.datetime64(start, "D").astype("datetime64[M]"),
            np.datetime64(end, "D").astype("datetime64[M]") + 1,
        )
        month_first = months.astype("datetime64[D]").astype(np.int64)
        days = month_first + (weekday - _weekday(month_first)) % 7 + 7 * int(rng.integers(0, 3))
    else:
        days = np.arange(first, end + 1, 14 if spec.ritme == "twee_weken" else 7)
    days = days[(days >= start) & (days <= end)]
    month, dom = _month_day(days)
    keep = ~(((month == 12) & (dom >= 24)) | ((month == 1) & (dom == 1)))  # Christmas break
    if spec.seizoen is not None:
        keep &= (month >= spec.seizoen[0]) & (month <= spec.seizoen[1])
    elif rng.random() < 0.8:
        keep &= ~(((month == 7) & (dom >= 20)) | ((month == 8) & (dom <= 20)))  # summer break
    in_lockdown = (days >= LOCKDOWN_START) & (days < LOCKDOWN_END)
    keep &= ~in_lockdown | (rng.random(days.size) < 0.25)
    keep &= rng.random(days.size) >= 0.04  # the odd cancellation
    return days[keep]


def _lifetime(rng: np.random.Generator, first_day: int = DAY_START) -> tuple[int, int]:
    """Start and end day: many run throughout, others start late or stop early."""
    start = first_day if rng.random() < 0.4 else int(rng.integers(first_day, DAY_END - 90))
    if rng.random() < 0.55:
        return start, DAY_END
    return start, min(DAY_END, start + int(rng.integers(120, 1100)))


def _pick(rng: np.random.Generator, weights: dict[str, float]) -> str:
    """One key drawn in proportion to its weight."""
    keys = list(weights)
    p = np.array(list(weights.values()), dtype=float)
    return keys[int(rng.choice(len(keys), p=p / p.sum()))]


def activiteiten(
    rng: np.random.Generator,
    plan: GemeentePlan,
    wijkcodes: list[str],
    buurtcodes: list[str],
    buurt_namen: list[str],
    buurt_wijk: np.ndarray,
    buurt_inwoners: np.ndarray,
    org_ids: dict[str, str],
    groepen: dict[int, str],
    welzijn_stop: dict[int, int],
) -> Activiteiten:
    """Activities, partners and bijeenkomst dates of one gemeente."""
    type_names = list(TYPES)
    type_p = np.array([TYPES[t].gewicht for t in type_names])
    type_p /= type_p.sum()

    # First what runs where and when; ownership is decided over the whole gemeente next.
    drafts = []  # wijk, type, buurt, start, end
    mean_inwoners = buurt_inwoners.sum() / len(plan.wijken)
    for w, wijk in enumerate(plan.wijken):
        in_wijk = np.flatnonzero(buurt_wijk == w)
        buurt_p = np.sqrt(buurt_inwoners[in_wijk]) / np.sqrt(buurt_inwoners[in_wijk]).sum()
        # Bigger wijken run more activities, so reach per 1000 inwoners follows the wijk's reach.
        size = buurt_inwoners[in_wijk].sum() / mean_inwoners
        n_act = max(1, int(round(ACTIVITEITEN_PER_WIJK * wijk.reach * size * plan.volume)))
        for _ in range(n_act):
            soort = type_names[int(rng.choice(len(type_names), p=type_p))]
            buurt = int(rng.choice(in_wijk, p=buurt_p)) if rng.random() < 0.88 else -1
            first_day = plan.registrations_start
            lifetime = (
                (first_day, DAY_END)
                if TYPES[soort].ritme == "eenmalig"
                else _lifetime(rng, first_day)
            )
            drafts.append((w, soort, buurt, *lifetime))

    # Residents own about BEWONERS_SHARE of the activities: the likeliest ones (by type, and
    # where a bewonersgroep exists), with chance deciding among equals.
    likelihood = np.array(
        [TYPES[soort].bewoners_kans * (1.4 if w in groepen else 0.6) for w, soort, *_ in drafts]
    )
    order = np.argsort(rng.random(len(drafts)) / likelihood, kind="stable")
    bewoners_flags = np.zeros(len(drafts), dtype=bool)
    bewoners_flags[order[: int(round(BEWONERS_SHARE * len(drafts)))]] = True

    rows: list[tuple[object, ...]] = []
    partner_rows: list[tuple[int, str]] = []
    sess_act, sess_day = [], []
    meta = []  # wijk, buurt, type, size, alleen_totalen
    for (w, soort, buurt, start, end), bewoners in zip(
        drafts, bewoners_flags.tolist(), strict=True
    ):
        spec, wijk = TYPES[soort], plan.wijken[w]
        if bewoners:
            key = f"bewoners_{w}" if w in groepen and rng.random() < 0.85 else "welzijn"
        else:
            key = _pick(rng, spec.organisatoren)
        if key == "welzijn" and w in welzijn_stop and end > welzijn_stop[w]:
            # Where opbouwwerk was cut, its activities petered out within a few months.
            end = max(start + 30, welzijn_stop[w] + int(rng.integers(0, 121)))
        first_day = plan.registrations_start
        days = sessions(rng, spec, start, end, first_day)
        if days.size == 0:  # e.g. a terrace season that never came: try the whole period
            days = sessions(rng, spec, first_day, DAY_END, first_day)
        if days.size == 0:
            continue
        if key == "welzijn":
            key = "welzijn_oud" if days[-1] < DAY_SWITCH else "welzijn_nieuw"
        k = len(rows)
        partners = [p for p in PARTNERS if p != key and p != "bewoners"]
        if w in groepen and key != f"bewoners_{w}":
            partners.append("bewoners")
        n_partners = int(rng.choice(4, p=[0.35, 0.35, 0.2, 0.1]))
        weights = np.array([PARTNERS[p] for p in partners])
        chosen = rng.choice(
            len(partners), size=min(n_partners, len(partners)), replace=False,
            p=weights / weights.sum(),
        )  # fmt: skip
        for c in sorted(chosen.tolist()):
            partner_key = f"bewoners_{w}" if partners[c] == "bewoners" else partners[c]
            partner_rows.append((k, org_ids[partner_key]))
        plek = buurt_namen[buurt] if buurt >= 0 else wijk.naam
        rows.append(
            (
                f"{soort[0].upper()}{soort[1:]} {plek}",
                soort,
                wijkcodes[w],
                buurtcodes[buurt] if buurt >= 0 else None,
                org_ids[key],
                bewoners,
            )
        )
        meta.append(
            (w, buurt, soort, float(rng.lognormal(0.0, 0.3)),
             bool(rng.random() < spec.alleen_totalen_kans))
        )  # fmt: skip
        sess_act.append(np.full(days.size, k, dtype=np.int64))
        sess_day.append(days.astype(np.int64))

    ids = [f"ACT{plan.digits}{k + 1:05d}" for k in range(len(rows))]
    frame = pd.DataFrame(
        rows,
        columns=[
            "naam",
            "type",
            "wijkcode",
            "buurtcode",
            "organisatie_id",
            "is_bewonersinitiatief",
        ],
    )
    # Two taalcafés in one buurt get a number, so every name points at one activity.
    frame["naam"] = frame["naam"] + frame.groupby("naam").cumcount().map(
        lambda c: "" if c == 0 else f" {c + 1}"
    )
    frame.insert(0, "activiteit_id", ids)
    partner = pd.DataFrame(
        {
            "activiteit_id": [ids[k] for k, _ in partner_rows],
            "organisatie_id": [org for _, org in partner_rows],
        }
    )
    return Activiteiten(
        activiteit=frame,
        partner=partner,
        wijk=np.array([m[0] for m in meta], dtype=np.int64),
        buurt=np.array([m[1] for m in meta], dtype=np.int64),
        type=np.array([m[2] for m in meta], dtype=object),
        size=np.array([m[3] for m in meta]),
        alleen_totalen=np.array([m[4] for m in meta], dtype=bool),
        sessie_act=np.concatenate(sess_act),
        sessie_dag=np.concatenate(sess_day),
    )
