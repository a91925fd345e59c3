"""The national view ("Heel Nederland"): figures for the whole country from per-gemeente results.

Only what adds up is added up. Sessions, deelnames, fte and counts of wijken or signals
add up over gemeenten; distinct persons do not (one person can take part in two
gemeenten), so unique participants and reach per 1,000 inwoners are never summed here.
The continuity figures of the whole country (the Kaplan–Meier curve of all spells
together, its median, turnover) come from the continuity models at level `land`
(`dashboard.domain.codes.COUNTRY`), not from here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.domain.codes import NATIONAL


def total(values: pd.Series) -> float | None:
    """The sum over gemeenten; None when any is missing, because a sum would hide that gap."""
    numbers = pd.to_numeric(values, errors="coerce").astype(float)
    if numbers.empty or numbers.isna().any():
        return None
    return float(numbers.sum())


@dataclass(frozen=True)
class ReachTotal:
    """The reach figures of the whole country that add up over gemeenten."""

    gemeenten: int
    inwoners: float | None
    bijeenkomsten: float | None
    deelnames: float | None
    bewonersinitiatief_pct: float | None
    # gemeenten that registered no activiteiten at all: left out of the sums above (their
    # figures are unknown, not 0; with them every national sum would be unknown)
    zonder_activiteiten: int = 0


@dataclass(frozen=True)
class SessionTotals:
    """The sessions of the whole country: counts that add up, and the share they give."""

    bijeenkomsten: int
    deelnames: int
    bewonersinitiatief_pct: float | None


def session_totals(per_type: pd.DataFrame) -> SessionTotals:
    """Country totals from `queries.bereik_per_type` (one row per area and type).

    Sessions only, no participants: a fraction of the work of `bereik`, which the
    headline of the national view would otherwise run for two periods.
    """
    bijeenkomsten = int(per_type["bijeenkomsten"].sum())
    owned = int(per_type["bijeenkomsten_bewonersinitiatief"].sum())
    return SessionTotals(
        bijeenkomsten=bijeenkomsten,
        deelnames=int(per_type["deelnames"].sum()),
        bewonersinitiatief_pct=100 * owned / bijeenkomsten if bijeenkomsten else None,
    )


def reach_total(per_gemeente: pd.DataFrame) -> ReachTotal:
    """National reach from `queries.bereik` at level gemeente (one row per gemeente).

    Sessions and deelnames add up over the gemeenten that register activiteiten (bereik
    leaves bijeenkomsten empty for one that registers none); the inwoners over all."""
    silent = per_gemeente["bijeenkomsten"].isna()
    active = per_gemeente[~silent]
    bijeenkomsten = total(active["bijeenkomsten"])
    # the share is rebuilt from counts: sessions of bewonersinitiatieven per gemeente
    owned = total(
        (
            pd.to_numeric(active["bewonersinitiatief_pct"]).astype(float).fillna(0.0)
            * pd.to_numeric(active["bijeenkomsten"]).astype(float)
            / 100
        ).round()
    )
    share = 100 * owned / bijeenkomsten if bijeenkomsten and owned is not None else None
    return ReachTotal(
        gemeenten=len(per_gemeente),
        inwoners=total(per_gemeente["inwoners"]),
        bijeenkomsten=bijeenkomsten,
        deelnames=total(active["deelnames"]),
        bewonersinitiatief_pct=share,
        zonder_activiteiten=int(silent.sum()),
    )


def trend_total(per_maand: pd.DataFrame) -> pd.DataFrame:
    """Bijeenkomsten and deelnames of the whole country per month (unique participants left
    empty), over the gemeenten that register activiteiten (as reach_total)."""
    columns = ["gebiedscode", "maand", "bijeenkomsten", "deelnames", "unieke_deelnemers"]
    per_maand = per_maand[per_maand["bijeenkomsten"].notna()]
    if per_maand.empty:
        return pd.DataFrame(columns=columns)
    months = per_maand.groupby("maand", sort=True)
    return pd.DataFrame(
        {
            "gebiedscode": NATIONAL,
            "maand": list(months.groups),
            "bijeenkomsten": [total(g["bijeenkomsten"]) for _, g in months],
            "deelnames": [total(g["deelnames"]) for _, g in months],
            "unieke_deelnemers": np.nan,
        }
    )[columns]
