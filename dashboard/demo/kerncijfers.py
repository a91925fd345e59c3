"""CBS-style kerncijfers per buurt, wijk and gemeente, with slow drift over the years."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.demo.constants import KERNCIJFERS_JAREN

INDICATOREN = (
    "aantal_inwoners",
    "aantal_huishoudens",
    "percentage_huishoudens_met_laag_inkomen",
    "gemiddeld_inkomen_per_inwoner",
    "percentage_eenpersoonshuishoudens",
    "percentage_personen_0_tot_15_jaar",
    "percentage_personen_65_jaar_en_ouder",
)
# Averaged over buurten (weighted by inwoners) rather than summed.
GEMIDDELDEN = INDICATOREN[2:]
# Figures CBS keeps secret for very small buurten.
INKOMEN = ("percentage_huishoudens_met_laag_inkomen", "gemiddeld_inkomen_per_inwoner")

SHOWCASE_INWONERS = 76_000
# Further gemeenten: about the national mean (18 million inwoners in 14,700 buurten).
INWONERS_PER_BUURT = 1_250


def _buurt_figures(
    rng: np.random.Generator,
    need: np.ndarray,
    centrality: np.ndarray,
    area_km2: np.ndarray,
    tiny: np.ndarray,
    total: int,
    years: np.ndarray,
) -> dict[str, np.ndarray]:
    """Per indicator an array (buurt x year) of buurt values, before secrecy."""
    n = need.size
    back = (years.max() - years)[None, :]  # years before the latest one
    urban = np.clip(1.0 - centrality, 0.0, 1.0)  # 1 in the town centre, 0 at the edge

    density = 2_500 + 9_000 * np.exp(-((centrality / 0.5) ** 2))
    inw = area_km2 * density * rng.uniform(0.8, 1.2, n)
    inw = inw / inw[~tiny].sum() * total
    inw[tiny] = rng.integers(40, 160, tiny.sum())  # a business park: a few caretakers' homes
    growth = rng.uniform(-0.004, 0.015, n)[:, None]
    wobble = 1 + rng.normal(0, 0.004, (n, years.size)) * (back > 0)
    inwoners = np.round(inw[:, None] * (1 + growth) ** (-back) * wobble)

    hh_size = np.clip(2.55 - 0.7 * urban - 0.3 * need + rng.uniform(-0.1, 0.1, n), 1.4, 2.9)
    huishoudens = np.round(inwoners / (hh_size[:, None] + 0.006 * back))

    def drift(level: np.ndarray, per_year: np.ndarray, lo: float, hi: float) -> np.ndarray:
        """The latest year's level, walked back in time; rounded as CBS publishes (1 decimal)."""
        return np.round(np.clip(level[:, None] + per_year[:, None] * back, lo, hi), 1)

    laag = 3 + 22 * need + rng.uniform(-1.5, 1.5, n)
    inkomen = 36 - 16 * need + rng.uniform(-1.5, 1.5, n)
    alleen = 25 + 30 * urban + 12 * need + rng.uniform(-3, 3, n)
    jong = 19 - 8 * urban - 2 * need + rng.uniform(-2, 2, n)
    oud = 13 + 10 * rng.beta(2, 3, n) + 4 * (1 - urban) + rng.uniform(-2, 2, n)
    return {
        "aantal_inwoners": inwoners,
        "aantal_huishoudens": huishoudens,
        "percentage_huishoudens_met_laag_inkomen": drift(laag, rng.uniform(0.0, 0.3, n), 1, 45),
        # Nominal incomes rise about 3% a year, so earlier years were lower.
        "gemiddeld_inkomen_per_inwoner": np.round(
            np.clip(inkomen, 14, 60)[:, None] / 1.03**back, 1
        ),
        "percentage_eenpersoonshuishoudens": drift(alleen, rng.uniform(-0.4, 0.0, n), 12, 75),
        "percentage_personen_0_tot_15_jaar": drift(jong, rng.uniform(-0.1, 0.2, n), 4, 30),
        "percentage_personen_65_jaar_en_ouder": drift(oud, rng.uniform(-0.4, -0.1, n), 5, 40),
    }


def kerncijfers(
    rng: np.random.Generator,
    gemeentecode: str,
    wijkcodes: list[str],
    buurtcodes: list[str],
    buurt_namen: list[str],
    buurt_wijk: np.ndarray,
    wijk_need: np.ndarray,
    centrality: np.ndarray,
    area_km2: np.ndarray,
    is_showcase: bool,
    jaren: tuple[int, ...] = KERNCIJFERS_JAREN,
) -> tuple[pd.DataFrame, np.ndarray]:
    """The kerncijfers rows of one gemeente, and every buurt's inwoners in the latest year."""
    n = len(buurtcodes)
    need = np.clip(wijk_need[buurt_wijk] + rng.uniform(-0.08, 0.08, n), 0.0, 1.0)
    tiny = np.array([naam.startswith("Bedrijventerrein") for naam in buurt_namen])
    total = (
        SHOWCASE_INWONERS if is_showcase else int(n * INWONERS_PER_BUURT * rng.uniform(0.7, 1.4))
    )
    years = np.array(jaren)
    figures = _buurt_figures(rng, need, centrality, area_km2, tiny, total, years)
    inwoners = figures["aantal_inwoners"]

    # CBS secrecy: the smallest buurt's income figures are unknown in one year (NULL, not 0).
    secret = np.zeros(inwoners.shape, dtype=bool)
    secret[int(np.argmin(inwoners[:, -1])), 2 if is_showcase else int(rng.integers(0, 5))] = True
    for name in INKOMEN:
        figures[name] = np.where(secret, np.nan, figures[name])

    frames = []
    for level_codes, member in (
        (np.array(buurtcodes), None),
        (np.array(wijkcodes), buurt_wijk[None, :] == np.arange(len(wijkcodes))[:, None]),
        (np.array([gemeentecode]), np.ones((1, n), dtype=bool)),
    ):
        for name in INDICATOREN:
            values = figures[name]
            if member is None:
                agg = values  # buurten carry their own figures
            elif name in GEMIDDELDEN:
                # Inwoner-weighted mean over the member buurten whose figure is known.
                known = ~np.isnan(values)
                weights = np.where(known, inwoners, 0.0)
                num = member.astype(float) @ np.where(known, values * inwoners, 0.0)
                den = member.astype(float) @ weights
                agg = np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)
            else:
                agg = member.astype(float) @ values
            frames.append(
                pd.DataFrame(
                    {
                        "gebiedscode": np.repeat(level_codes, years.size),
                        "jaar": np.tile(years, level_codes.size),
                        "indicator": name,
                        "waarde": agg.ravel(),
                    }
                )
            )
    return pd.concat(frames, ignore_index=True), inwoners[:, -1]
