"""Headline figures of the three themes for one gemeente and period (the Overzicht screen)."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from dashboard import formatting as fmt
from dashboard import queries
from dashboard.queries import Period


@dataclass(frozen=True)
class Figure:
    """One headline figure: theme, label, the raw value and its Dutch text."""

    theme: str
    label: str
    value: float | int | None
    text: str
    help: str


def _first(df, column: str):
    return None if df.empty or fmt.is_missing(df[column].iloc[0]) else df[column].iloc[0]


def tenure_text(median_days: float | None, longest_days: float | None) -> str:
    """KM median tenure in years, or 'langer dan N jaar' when survival never reached 0.5."""
    if fmt.is_missing(median_days):
        if fmt.is_missing(longest_days):
            return fmt.MISSING
        return f"langer dan {fmt.days_as_years(longest_days)}"
    return fmt.days_as_years(median_days)


def headline_figures(con: duckdb.DuckDBPyConnection, period: Period, gemeente: str) -> list[Figure]:
    """The headline figures, computed through the query API only."""
    reach = queries.bereik(con, period, level="gemeente", gemeente=gemeente)
    cont = queries.continuiteit(
        con, period, level="gemeente", gemeente=gemeente, rol="opbouwwerker"
    )
    signals = queries.continuiteit_signalen(con, period.end, gemeente=gemeente)
    cover = queries.dekking(con, period, level="gemeente", gemeente=gemeente)
    cover_wijk = queries.dekking(con, period, level="wijk", gemeente=gemeente)

    unique = _first(reach, "unieke_deelnemers")
    deelnames = _first(reach, "deelnames")
    per_1000 = _first(reach, "bereik_per_1000")
    owned = _first(reach, "bewonersinitiatief_pct")
    median = _first(cont, "mediane_verblijfsduur_dagen")
    longest = _first(cont, "langste_verblijfsduur_dagen")
    turnover = _first(cont, "verloop_pct")
    fte_10k = _first(cover, "fte_per_10000")
    without = int(cover_wijk["zonder_opbouwwerk"].sum())
    gap = int((cover_wijk["kwadrant"] == "hoge behoefte, lage dekking").sum())
    n_wijken = len(cover_wijk)

    return [
        Figure(
            "Bereik",
            "Unieke deelnemers",
            unique,
            fmt.persons(unique),
            "Verschillende deelnemers met minstens één deelname in de periode.",
        ),
        Figure(
            "Bereik",
            "Deelnames",
            deelnames,
            fmt.number(deelnames),
            "Som van het aantal deelnemers per bijeenkomst.",
        ),
        Figure(
            "Bereik",
            "Bereik per 1.000 inwoners",
            per_1000,
            fmt.number(per_1000, 1),
            "Bereikte inwoners per 1.000 inwoners van de gemeente.",
        ),
        Figure(
            "Bereik",
            "Bijeenkomsten van bewonersinitiatieven",
            owned,
            fmt.percentage(owned),
            "Aandeel van de bijeenkomsten waarvan de activiteit een bewonersinitiatief is.",
        ),
        Figure(
            "Continuïteit",
            "Mediane verblijfsduur opbouwwerkers",
            median,
            tenure_text(median, longest),
            "Kaplan–Meier-mediaan van de verblijfsduur per wijk, lopende inzet meegerekend.",
        ),
        Figure(
            "Continuïteit",
            "Verloop opbouwwerkers per jaar",
            turnover,
            fmt.percentage(turnover),
            "Vertrekken in de periode per gemiddeld aantal actieve inzetten, omgerekend naar een jaar.",
        ),
        Figure(
            "Continuïteit",
            "Signalen voor teamleiders",
            len(signals),
            fmt.number(len(signals)),
            "Vertrek binnen 90 dagen zonder opvolger, en rollen die nu onbezet zijn.",
        ),
        Figure(
            "Dekking",
            "Fte opbouwwerk per 10.000 inwoners",
            fte_10k,
            fmt.number(fte_10k, 2),
            "Tijdgewogen fte opbouwwerk in de periode, per 10.000 inwoners.",
        ),
        Figure(
            "Dekking",
            "Wijken zonder opbouwwerk",
            without,
            f"{without} van {n_wijken}",
            "Wijken zonder enige inzet van opbouwwerkers in de periode.",
        ),
        Figure(
            "Dekking",
            "Hoge behoefte, lage dekking",
            gap,
            f"{gap} van {n_wijken}",
            "Wijken boven de mediaan van de behoefte-index en op of onder de mediaan van de dekking.",
        ),
    ]
