"""The storyline of every demo gemeente: size, place, and what each wijk is like."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np

from dashboard.demo.constants import (
    DAY_NATIONAL_START,
    DAY_START,
    DEMO_GEMEENTECODE,
    DEMO_GEMEENTENAAM,
    EXTRA_GEMEENTECODE_START,
    KERNCIJFERS_JAREN,
    KERNCIJFERS_JAREN_NATIONAAL,
    SHOWCASE_CENTRE_RD,
)
from dashboard.demo.names import WIJK_POOL, town_names, unique_names
from dashboard.domain.codes import ROLLEN

# How a wijk's chain of professionals in one rol runs (see inzet.py):
# long      one professional since 2012-2019, still there
# normal    successive spells of a few years, now and then a vacancy
# turnover  from 2023 on, a new face every 4-14 months
# cut       the rol stopped (budget cut) between mid 2023 and mid 2025
# ends_soon the current spell ends within 90 days after DEMO_END, no successor
# vacant    the last spell ended in the 12 months before DEMO_END, nobody since
# none      never any inzet in this rol
KINDS = ("long", "normal", "turnover", "cut", "ends_soon", "vacant", "none")

# Registrations per inwoner in further gemeenten relative to the showcase: the showcase is
# rich for the demo, while scale=342 should land near the national ~10 million deelnames
# over the ten years of registrations the further gemeenten have (docs/DESIGN.md §8).
EXTRA_VOLUME = 0.16

# Distance between the centres of neighbouring towns (metres); towns are at most ~7 km wide.
TOWN_SPACING_M = 15_000.0


@dataclass(frozen=True)
class WijkPlan:
    """One wijk's character: need (0-1), activity volume, and per rol how its staffing runs."""

    naam: str
    need: float
    reach: float
    kinds: dict[str, str]
    # the year the long opbouwwerker started, for the scripted showcase relationships
    long_since: int | None = None
    # the opbouwwerkers' spells written out (start, end or None), replacing the drawn chain
    scripted_opbouw: tuple[tuple[date, date | None], ...] | None = None


@dataclass(frozen=True)
class GemeentePlan:
    """Everything decided about one gemeente before any row is made."""

    index: int
    code: str
    naam: str
    centre: tuple[float, float]
    n_buurten: int
    with_river: bool
    volume: float
    wijken: list[WijkPlan]
    # pairs of wijk indices whose wijkagent is the same person (one chain, two wijken)
    shared_wijkagent: list[tuple[int, int]] = field(default_factory=list)
    is_showcase: bool = False
    # first day of registrations (days since 1970) and the kerncijfers years
    registrations_start: int = DAY_START
    kerncijfers_jaren: tuple[int, ...] = KERNCIJFERS_JAREN

    @property
    def digits(self) -> str:
        """The four digits every wijk and buurt code of this gemeente carries."""
        return self.code[2:]


def _showcase_wijken() -> list[WijkPlan]:
    """The scripted showcase: every screen finds a story (docs/DESIGN.md §9)."""
    n = "normal"
    rows = [
        # naam, need, reach, opbouw, maatsch., jongeren, wijkagent, buurtteam, other
        ("Centrum", 0.40, 1.3, n, n, "ends_soon", "long", n, n),
        ("Oude Haven", 0.55, 0.9, "turnover", n, "turnover", n, "turnover", "none"),
        ("Molenkwartier", 0.30, 1.5, "long", "long", n, n, n, n),
        ("De Brink", 0.15, 1.6, "long", n, n, "long", n, "none"),
        ("Hoogveld", 1.00, 0.4, "cut", n, "turnover", n, n, n),
        ("Rivierzicht", 0.50, 0.9, "turnover", "vacant", n, n, n, "none"),
        ("Lindenhof", 0.10, 0.7, "ends_soon", n, "none", n, n, "none"),
        ("Waterkant", 0.90, 0.3, "none", n, n, n, n, n),
        ("Heidepark", 0.25, 1.0, n, n, n, n, n, n),
    ]
    long_since = {"Molenkwartier": 2013, "De Brink": 2016}
    # The Opbrengst screen's story (docs/DESIGN.md §9): Heidepark's opbouwwerker leaves in
    # March 2022 and the post stays empty for eight months; the welfare organisation's own
    # activities there pause meanwhile (demo/__init__.py, pause_without_opbouwwerker).
    scripted = {
        "Heidepark": ((date(2018, 12, 7), date(2022, 3, 26)), (date(2022, 11, 28), None)),
    }
    return [
        WijkPlan(
            naam=naam,
            need=need,
            reach=reach,
            kinds=dict(zip(ROLLEN, kinds, strict=True)),
            long_since=long_since.get(naam),
            scripted_opbouw=scripted.get(naam),
        )
        for naam, need, reach, *kinds in rows
    ]


def _random_wijken(rng: np.random.Generator, n_wijken: int) -> list[WijkPlan]:
    """A plausible mix of the showcase's characters for a further gemeente."""
    names = unique_names(rng, WIJK_POOL, n_wijken, first="Centrum")
    opbouw_p = {"long": 0.2, "normal": 0.33, "turnover": 0.15, "cut": 0.1, "none": 0.12,
                "ends_soon": 0.06, "vacant": 0.04}  # fmt: skip
    other_p = {"long": 0.15, "normal": 0.64, "turnover": 0.1, "vacant": 0.04, "ends_soon": 0.03,
               "none": 0.04}  # fmt: skip
    # Opbouwwerk that stays draws residents in; where it is missing, fewer activities run.
    reach_by_kind = {"long": 1.5, "normal": 1.0, "ends_soon": 1.0, "turnover": 0.8,
                     "vacant": 0.9, "cut": 0.5, "none": 0.35}  # fmt: skip
    plans = []
    for naam in names:
        kinds = {}
        for rol in ROLLEN:
            probs = opbouw_p if rol == "opbouwwerker" else other_p
            kinds[rol] = str(rng.choice(list(probs), p=list(probs.values())))
        if rng.random() < 0.5:
            kinds["other"] = "none"
        plans.append(
            WijkPlan(
                naam=naam,
                need=float(rng.beta(2.0, 2.0)),
                reach=reach_by_kind[kinds["opbouwwerker"]] * float(rng.lognormal(0.0, 0.25)),
                kinds=kinds,
            )
        )
    return plans


def _grid_slots(n: int) -> list[tuple[float, float]]:
    """Town centres on a square grid around the showcase, nearest first (showcase in the middle)."""
    side = int(np.ceil(np.sqrt(n)))
    side += 1 - side % 2  # odd, so the showcase sits in the middle cell
    half = side // 2
    cells = [(dx, dy) for dx in range(-half, half + 1) for dy in range(-half, half + 1)]
    cells.sort(key=lambda c: (c[0] ** 2 + c[1] ** 2, np.arctan2(c[0], c[1])))
    x0, y0 = SHOWCASE_CENTRE_RD
    return [(x0 + dx * TOWN_SPACING_M, y0 + dy * TOWN_SPACING_M) for dx, dy in cells[:n]]


def gemeente_plans(rng: np.random.Generator, scale: float) -> list[GemeentePlan]:
    """One plan per gemeente: the showcase first, then GM9000, GM9001, ... side by side."""
    if not scale > 0:
        raise ValueError(f"De schaal moet groter dan 0 zijn, niet {scale}")
    n = max(1, round(scale))
    if n > 1000:
        raise ValueError(f"Te veel gemeenten voor de demo: {n} (maximaal 1000)")
    volume = min(1.0, scale)
    slots = _grid_slots(n)
    showcase = GemeentePlan(
        index=0,
        code=DEMO_GEMEENTECODE,
        naam=DEMO_GEMEENTENAAM,
        centre=slots[0],
        n_buurten=36,
        with_river=True,
        volume=volume,
        wijken=_showcase_wijken(),
        shared_wijkagent=[(1, 5), (6, 8)],
        is_showcase=True,
    )
    plans = [showcase]
    naam_list = town_names(rng, n - 1, exclude=DEMO_GEMEENTENAAM.split(" ")[0])
    for i in range(1, n):
        n_wijken = int(rng.integers(5, 16))
        wijken = _random_wijken(rng, n_wijken)
        pairs = [(w, w + 1) for w in range(1, n_wijken - 1, 3) if rng.random() < 0.5]
        plans.append(
            GemeentePlan(
                index=i,
                code=f"GM{EXTRA_GEMEENTECODE_START + i - 1:04d}",
                naam=f"{naam_list[i - 1]} (fictief)",
                centre=slots[i],
                n_buurten=int(round(n_wijken * rng.uniform(3.6, 5.0))),
                with_river=bool(rng.random() < 0.5),
                volume=EXTRA_VOLUME,
                wijken=wijken,
                shared_wijkagent=pairs,
                registrations_start=DAY_NATIONAL_START,
                kerncijfers_jaren=KERNCIJFERS_JAREN_NATIONAAL,
            )
        )
    return plans
