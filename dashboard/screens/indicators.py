"""The indicators a user can put on the Overzicht map (an allow-list), and how to fetch them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import SupportsFloat

import numpy as np
import pandas as pd

from dashboard.display import formatting as fmt
from dashboard.display.tables import NO_INZET
from dashboard.domain.codes import GEMEENTE, OPBOUWWERKER, WIJK
from dashboard.domain.period import Period
from dashboard.i18n import N_, _
from dashboard.warehouse import queries
from dashboard.warehouse.queries import Runner


@dataclass(frozen=True)
class MapIndicator:
    """One choosable map indicator: which query and column, and how to show it."""

    label: str
    query: Callable[..., pd.DataFrame]  # queries.bereik, queries.dekking or queries.continuiteit
    column: str
    unit: str
    decimals: int = 0
    persons: bool = False
    wijk_only: bool = False  # inzet is registered per wijk: never finer than wijken
    # compares the wijken of one gemeente (z-scores within it): drawn per wijk only
    per_wijk: bool = False
    rol: str | None = None
    scale: float = 1.0  # e.g. days -> years


MAP_INDICATORS: dict[str, MapIndicator] = {
    "bereik_per_1000": MapIndicator(
        N_("Bereik per 1.000 inwoners"),
        queries.bereik,
        "bereik_per_1000",
        N_("per 1.000 inwoners"),
        1,
    ),
    "unieke_deelnemers": MapIndicator(
        N_("Unieke deelnemers"), queries.bereik, "unieke_deelnemers", N_("deelnemers"), persons=True
    ),
    "deelnames": MapIndicator(
        N_("Deelnames (waar het gebeurt)"),
        queries.bereik,
        "deelnames",
        N_("deelnames"),
        persons=True,
    ),
    "bewonersinitiatief_pct": MapIndicator(
        N_("Bijeenkomsten van bewonersinitiatieven"), queries.bereik, "bewonersinitiatief_pct", "%"
    ),
    "fte_per_10000": MapIndicator(
        N_("Fte opbouwwerk per 10.000 inwoners"),
        queries.dekking,
        "fte_per_10000",
        N_("fte per 10.000 inwoners"),
        2,
        wijk_only=True,
    ),
    "behoefte_index": MapIndicator(
        N_("Behoefte-index"),
        queries.dekking,
        "behoefte_index",
        N_("z-score"),
        2,
        wijk_only=True,
        per_wijk=True,
    ),
    "verblijfsduur_opbouwwerk": MapIndicator(
        N_("Mediane verblijfsduur opbouwwerkers"),
        queries.continuiteit,
        "mediane_verblijfsduur_dagen",
        N_("jaar"),
        1,
        wijk_only=True,
        rol="opbouwwerker",
        scale=1 / 365.25,
    ),
    "onbezet_opbouwwerk": MapIndicator(
        N_("Dagen zonder opbouwwerker"),
        queries.continuiteit,
        "onbezet_dagen",
        N_("dagen"),
        wijk_only=True,
        rol="opbouwwerker",
    ),
}


def map_level(indicator: MapIndicator, level: str) -> str:
    """The level the indicator is drawn at when `level` is chosen: inzet-based indicators
    never finer than wijken, the need index always per wijk (a gemeente has none of its own)."""
    if indicator.per_wijk:
        return WIJK
    if indicator.wijk_only and level != GEMEENTE:
        return WIJK
    return level


def level_note(indicator: MapIndicator, level: str) -> str | None:
    """Why the map shows another level than the one chosen, or None."""
    if map_level(indicator, level) == level:
        return None
    if indicator.per_wijk:
        return _(
            "{indicator} vergelijkt de wijken van één gemeente met elkaar: de kaart toont wijken."
        ).format(indicator=_(indicator.label))
    return _(
        "{indicator} wordt per wijk gemeten (inzet is per wijk geregistreerd): de kaart toont wijken."
    ).format(indicator=_(indicator.label))


def indicator_values(
    indicator: MapIndicator, run: Runner, period: Period, level: str, gemeente: str | None
) -> pd.DataFrame:
    """gebiedscode, naam, `value`, `tekst` and gemeentecode of one indicator per area of a
    level, for one gemeente (None: every area of the country)."""
    kwargs: dict[str, object] = {"level": level, "gemeente": gemeente}
    if indicator.rol is not None:
        kwargs["rol"] = indicator.rol
    df = run(indicator.query)(period, **kwargs)
    if indicator.query is queries.continuiteit:
        # same values as the Continuïteit map, including "langer dan ..." where the median is open
        values = continuity_values(df, indicator, indicator.rol or OPBOUWWERKER)
        values = values.assign(naam=df.loc[values.index, "naam"])
    else:
        values = pd.DataFrame(
            {
                "gebiedscode": df["gebiedscode"],
                "naam": df["naam"],
                "value": pd.to_numeric(df[indicator.column], errors="coerce") * indicator.scale,
                "tekst": None,
            }
        )
        if indicator.column == "bereik_per_1000":
            values = _hide_small_rates(values, df["bereikte_inwoners"], df.get("gemeentecode"))
    return values.assign(gemeentecode=df.loc[values.index, "gemeentecode"])


def _hide_small_rates(
    values: pd.DataFrame, base: pd.Series, gemeenten: pd.Series | None = None
) -> pd.DataFrame:
    """The small-number rule on a rate: where the residents reached are 1 to 4 the map shows
    no value (rate × inwoners would give the count back), only the words "<5 bewoners"; and
    the areas' residents reached add up to the gemeente's, so a rate hidden beside a small
    one (fmt.hidden_parts) shows no value either."""
    return hide_rates(values, base, "value", "tekst", gemeenten)


def hide_rates(
    values: pd.DataFrame,
    base: pd.Series,
    column: str,
    text: str,
    gemeenten: pd.Series | None = None,
) -> pd.DataFrame:
    """`values` with `column` (a rate per resident) emptied where its residents counted,
    `base`, are 1 to 4 or hidden beside such a count, and the words for it in `text`.
    `gemeenten`: each row's gemeente, when the rows span several (fmt.area_scope)."""
    small = base.map(fmt.is_small).astype(bool).to_numpy()
    scope = values[["gebiedscode"]].assign(
        **({} if gemeenten is None else {"gemeentecode": gemeenten.to_numpy()})
    )
    keys, groups = fmt.area_scope(scope)
    found = fmt.hidden_parts(base.tolist(), keys=keys, groups=groups)
    beside = np.asarray(found, bool) & ~small
    values = values.copy()
    values.loc[small | beside, column] = float("nan")
    values[text] = (values[text] if text in values else pd.Series(None, index=values.index)).astype(
        object
    )
    values.loc[small, text] = fmt.rate(None, 1)
    values.loc[beside, text] = fmt.SHARE_HIDDEN
    return values


def continuity_values(per_wijk: pd.DataFrame, indicator: MapIndicator, rol: str) -> pd.DataFrame:
    """gebiedscode, `value` (display units) and hover `tekst` of one continuity measure for one rol.

    Where the Kaplan–Meier median is not reached (most spells still running), the
    map colours the longest tenure as a lower bound and says "langer dan ...".
    """
    rows = per_wijk[per_wijk["rol"] == rol]
    value = pd.to_numeric(rows[indicator.column]).astype(float)
    text = pd.Series([None] * len(rows), index=rows.index, dtype=object)
    # nobody in the rol there: the grey says so in its hover, not "geen gegevens" (a team
    # lead read Waterkant, which never had an opbouwwerker, as data missing)
    if "spells" in rows:
        empty = (rows["spells"] == 0) & value.isna()
        text[empty] = _(NO_INZET)
    if indicator.column == "mediane_verblijfsduur_dagen":
        longest = pd.to_numeric(rows["langste_verblijfsduur_dagen"]).astype(float)
        lower_bound = value.isna() & longest.notna()
        value = value.where(~lower_bound, longest)
        text[lower_bound] = [
            _("mediaan niet bereikt: langer dan {years}").format(years=fmt.duration(d))
            for d in longest[lower_bound]
        ]
    return pd.DataFrame(
        {"gebiedscode": rows["gebiedscode"], "value": value * indicator.scale, "tekst": text}
    )


def value_beside_label(indicator: MapIndicator, value: SupportsFloat | None) -> str:
    """The value after its label ("Bereik per 1.000 inwoners: 9,7"): without the unit when
    the label already holds its words ("… inwoners: 9,7 per 1.000 inwoners" said it twice)."""
    text = format_value(indicator, value)
    unit = _(indicator.unit)
    words = set(_(indicator.label).casefold().split())
    if unit and text.endswith(f" {unit}") and set(unit.casefold().split()) <= words:
        return text[: -len(unit) - 1]
    return text


def format_value(indicator: MapIndicator, value: SupportsFloat | None) -> str:
    """An indicator value in Dutch with its unit, under the small-number rule for persons."""
    if value is None or fmt.is_missing(value):
        return fmt.MISSING
    text = (
        fmt.persons(int(round(float(value))))
        if indicator.persons
        else fmt.number(value, indicator.decimals)
    )
    return f"{text} {_(indicator.unit)}"
