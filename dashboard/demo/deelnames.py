"""Pseudonymous deelnemers and who came to which bijeenkomst: regulars, once-only visitors."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.demo.activiteiten import TYPES, Activiteiten

FOUNDERS_PER_ACTIVITY = 3.0  # regulars who are there from the first bijeenkomst
REGULAR_STAY_DAYS = 600.0  # mean time a regular keeps coming
OCCASIONAL_STAY_DAYS = 40.0  # mean time a once-or-twice visitor is still around
REUSE_SHARE = 0.2  # newcomers who already take part in another activity in the wijk
HOME_UNKNOWN = 0.10
HOME_ELSEWHERE = 0.10  # living in another wijk of the gemeente
HOME_ACTIVITY_BUURT = 0.45  # of those living in the wijk: in the activity's own buurt
AGE_UNKNOWN = 0.06

_DAY_KEY = 100_000  # activity * _DAY_KEY + day is sortable and unique per bijeenkomst
_HEX = np.array([f"{i:02x}" for i in range(256)])


@dataclass(frozen=True)
class Deelnames:
    """The registrations of one gemeente."""

    deelnemer: pd.DataFrame
    deelname: pd.DataFrame  # bijeenkomst index (into the activity's sessions) and deelnemer_id
    aantal: np.ndarray  # aantal_deelnemers per bijeenkomst, walk-ins included


def pseudonyms(rng: np.random.Generator, n: int) -> np.ndarray:
    """n random 20-hex-digit ids, like salted hashes; never derived from a name."""
    raw = rng.integers(0, 256, size=(n, 10), dtype=np.uint8)
    return np.ascontiguousarray(_HEX[raw]).view("<U20").ravel()


def _members(rng: np.random.Generator, acts: Activiteiten) -> dict[str, np.ndarray]:
    """Who joins each activity: at which bijeenkomst, how long they stay, how often they come."""
    n_act = acts.size.size
    counts = np.bincount(acts.sessie_act, minlength=n_act)
    first = np.concatenate([[0], np.cumsum(counts)[:-1]])
    recurring = np.array([TYPES[t].ritme != "eenmalig" for t in acts.type])
    newcomer_rate = np.array([TYPES[t].nieuw_per_keer for t in acts.type])
    regular_share = np.array([TYPES[t].vast_aandeel for t in acts.type])

    n_founders = rng.poisson(FOUNDERS_PER_ACTIVITY * acts.size) * recurring
    n_new = rng.poisson(newcomer_rate * counts * acts.size)
    act = np.concatenate(
        [np.repeat(np.arange(n_act), n_founders), np.repeat(np.arange(n_act), n_new)]
    )
    founder = np.arange(act.size) < n_founders.sum()
    # Newcomers arrive at a random bijeenkomst, so arrivals follow the activity's life.
    join = first[act] + np.where(founder, 0, np.floor(rng.random(act.size) * counts[act]))
    join = join.astype(np.int64)
    regular = founder | (rng.random(act.size) < regular_share[act])
    stay = rng.exponential(np.where(regular, REGULAR_STAY_DAYS, OCCASIONAL_STAY_DAYS))
    q = np.where(regular, rng.uniform(0.45, 0.9, act.size), rng.uniform(0.3, 0.8, act.size))
    return {"act": act, "join": join, "stay": stay, "q": q, "founder": founder}


def _attendance(
    rng: np.random.Generator, acts: Activiteiten, m: dict[str, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """(bijeenkomst index, member index) of every attendance; the arrival always counts."""
    key = acts.sessie_act * _DAY_KEY + acts.sessie_dag
    leave = acts.sessie_dag[m["join"]] + m["stay"].astype(np.int64)
    last = np.searchsorted(key, m["act"] * _DAY_KEY + leave, side="right")
    span = np.maximum(last - m["join"], 1)
    member = np.repeat(np.arange(span.size), span)
    offset = np.arange(member.size) - np.repeat(np.cumsum(span) - span, span)
    came = (offset == 0) | (rng.random(member.size) < m["q"][member])
    return m["join"][member[came]] + offset[came], member[came]


def _homes(
    rng: np.random.Generator,
    wijk: np.ndarray,
    act_buurt: np.ndarray,
    buurt_wijk: np.ndarray,
    buurt_inwoners: np.ndarray,
) -> np.ndarray:
    """Home buurt index per new deelnemer (-1 = unknown): mostly the activity's wijk."""
    n = wijk.size
    u = rng.random(n)
    home = np.full(n, -1, dtype=np.int64)
    elsewhere = (u >= HOME_UNKNOWN) & (u < HOME_UNKNOWN + HOME_ELSEWHERE)
    p_all = buurt_inwoners / buurt_inwoners.sum()
    home[elsewhere] = rng.choice(buurt_inwoners.size, size=int(elsewhere.sum()), p=p_all)
    local = u >= HOME_UNKNOWN + HOME_ELSEWHERE
    own_buurt = local & (act_buurt >= 0) & (rng.random(n) < HOME_ACTIVITY_BUURT)
    home[own_buurt] = act_buurt[own_buurt]
    rest = local & ~own_buurt
    for w in np.unique(wijk[rest]):
        here = np.flatnonzero(rest & (wijk == w))
        options = np.flatnonzero(buurt_wijk == w)
        p = buurt_inwoners[options] / buurt_inwoners[options].sum()
        home[here] = rng.choice(options, size=here.size, p=p)
    return home


def _ages(rng: np.random.Generator, types: np.ndarray) -> np.ndarray:
    """Age group per new deelnemer, after the kind of activity that brought them in."""
    out = np.empty(types.size, dtype=object)
    for name, spec in TYPES.items():
        here = np.flatnonzero(types == name)
        groups = list(spec.leeftijd)
        p = np.array(list(spec.leeftijd.values()))
        out[here] = np.array(groups, dtype=object)[
            rng.choice(len(groups), size=here.size, p=p / p.sum())
        ]
    out[rng.random(types.size) < AGE_UNKNOWN] = None
    return out


def deelnames(
    rng: np.random.Generator,
    acts: Activiteiten,
    buurtcodes: list[str],
    buurt_wijk: np.ndarray,
    buurt_inwoners: np.ndarray,
) -> Deelnames:
    """Deelnemers, deelname rows and session totals for one gemeente's activities."""
    m = _members(rng, acts)
    wijk = acts.wijk[m["act"]]

    # Some newcomers are people already active elsewhere in the wijk.
    n_wijken = int(buurt_wijk.max()) + 1
    reuse = ~m["founder"] & (rng.random(wijk.size) < REUSE_SHARE)
    reuse &= (np.bincount(wijk[~reuse], minlength=n_wijken) > 0)[wijk]  # someone to be
    primary = np.flatnonzero(~reuse)
    by_wijk = primary[np.argsort(wijk[primary], kind="stable")]
    per_wijk = np.bincount(wijk[primary], minlength=n_wijken)
    start = np.concatenate([[0], np.cumsum(per_wijk)[:-1]])
    person = np.empty(wijk.size, dtype=np.int64)
    person[primary] = np.arange(primary.size)
    picked = by_wijk[
        start[wijk[reuse]] + (rng.random(reuse.sum()) * per_wijk[wijk[reuse]]).astype(np.int64)
    ]
    person[reuse] = person[picked]

    session, member = _attendance(rng, acts, m)
    pairs = np.unique(session * (primary.size + 1) + person[member])
    session, person_of = pairs // (primary.size + 1), pairs % (primary.size + 1)

    registered = np.bincount(session, minlength=acts.sessie_act.size)
    s_act = acts.sessie_act
    walk_ins = rng.poisson(np.array([TYPES[t].inloop for t in acts.type])[s_act] * acts.size[s_act])
    aantal = registered + walk_ins

    # Where only totals are registered, the people behind them stay unknown.
    stored = ~acts.alleen_totalen[s_act[session]]
    session, person_of = session[stored], person_of[stored]
    used = np.unique(person_of)

    first_act = m["act"][primary[used]]
    home = _homes(rng, acts.wijk[first_act], acts.buurt[first_act], buurt_wijk, buurt_inwoners)
    ids = pseudonyms(rng, used.size)
    codes = np.array(buurtcodes, dtype=object)
    deelnemer = pd.DataFrame(
        {
            "deelnemer_id": ids,
            "buurtcode": np.where(home >= 0, codes[np.maximum(home, 0)], None),
            "leeftijdsgroep": _ages(rng, acts.type[first_act]),
        }
    )
    id_of = np.empty(primary.size + 1, dtype=object)
    id_of[used] = ids
    deelname = pd.DataFrame({"sessie": session, "deelnemer_id": id_of[person_of]})
    return Deelnames(deelnemer=deelnemer, deelname=deelname, aantal=aantal)
