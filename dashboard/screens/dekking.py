"""What the Dekking screen offers: map measures, its level, the wijken without opbouwwerk and,
nationally, need against coverage per gemeente."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pandas as pd

from dashboard.display import formatting as fmt
from dashboard.display import tables
from dashboard.display.labels import KWADRANT_LABELS
from dashboard.domain.codes import HIGH_NEED_LOW_COVERAGE, ONBEZET, OPBOUWWERKER
from dashboard.i18n import _
from dashboard.screens.indicators import MAP_INDICATORS, MapIndicator

MAP_MEASURES: dict[str, MapIndicator] = {
    name: MAP_INDICATORS[name] for name in ("fte_per_10000", "behoefte_index")
}


def without_opbouwwerk(
    dekking: pd.DataFrame, gemeenten: dict[str, str] | None = None
) -> pd.DataFrame:
    """Wijken with no opbouwwerk at all in the period, highest need first, for display.

    With `gemeenten` (code -> name, for wijken of many gemeenten) each row names its gemeente.
    """
    rows = dekking[_zonder_opbouwwerk(dekking)]
    return _wijken_table(
        rows, {_("Kwadrant"): rows["kwadrant"].map(KWADRANT_LABELS).fillna(fmt.MISSING)}, gemeenten
    )


def _zonder_opbouwwerk(dekking: pd.DataFrame) -> pd.Series:
    """Per wijk: no opbouwwerk at all in the period. NULL where the gemeente registers no
    inzet at all: unknown, so not "zonder"."""
    return dekking["zonder_opbouwwerk"].fillna(False).astype(bool)


def empty_at_end(signalen: pd.DataFrame, dekking: pd.DataFrame, end: date) -> str | None:
    """The wijken whose opbouwwerker post is empty on the period's last day although they
    had opbouwwerk in the period, in one sentence (None when there are none).

    The fte is an average over the period: a walk read Oude Haven (0,72 per 10.000) and
    Rivierzicht ("hoge dekking") as covered, while Continuïteit said both had been without
    an opbouwwerker for months. `signalen`: queries.continuiteit_signalen on `end`."""
    absent = dekking.loc[_zonder_opbouwwerk(dekking), "gebiedscode"]
    empty = signalen[
        (signalen["signaal"] == ONBEZET)
        & (signalen["rol"] == OPBOUWWERKER)
        & ~signalen["wijkcode"].isin(absent)
    ].sort_values(["einddatum", "wijknaam"], kind="stable")
    if empty.empty:
        return None
    # the day after the last spell ended, as Continuïteit's signals say it (tables.signal_when)
    since = pd.to_datetime(empty["einddatum"]) + pd.Timedelta(days=1)
    wijken = [
        _("{wijk} (sinds {date})").format(wijk=name, date=fmt.dutch_date(day.date()))
        for name, day in zip(empty["wijknaam"], since, strict=True)
    ]
    return _(
        "Op {date} was er geen opbouwwerker in {wijken}. De fte op de kaart en in de tabellen"
        " is het gemiddelde over de hele periode."
    ).format(date=fmt.dutch_date(end), wijken=fmt.join_words(wijken))


def high_need_low_coverage(
    dekking: pd.DataFrame, gemeenten: dict[str, str] | None = None
) -> pd.DataFrame:
    """The wijken with high need and low coverage (the kwadrant Overzicht counts, "3 van 9"),
    highest need first, for display: the list a memo on where opbouwwerk falls short needs."""
    rows = dekking[dekking["kwadrant"] == HIGH_NEED_LOW_COVERAGE]
    fte = [fmt.number(v, 2) for v in rows["fte_per_10000"]]
    return _wijken_table(rows, {_("Fte per 10.000 inwoners"): fte}, gemeenten)


def kwadrant_known(dekking: pd.DataFrame) -> bool:
    """Whether any wijk has a kwadrant: without the behoefte-index or inwoners of the period
    none has, and "no wijk with high need and low coverage" would claim what is unknown."""
    return bool(dekking["kwadrant"].notna().any())


def _wijken_table(
    rows: pd.DataFrame, extra: dict[str, Iterable[object]], gemeenten: dict[str, str] | None
) -> pd.DataFrame:
    """Wijken by need, highest first: name, (gemeente,) inwoners, behoefte-index, `extra`."""
    order = rows["behoefte_index"].sort_values(ascending=False, na_position="last").index
    table = pd.DataFrame(
        {
            _("Wijk"): rows["naam"],
            _("Inwoners"): [fmt.number(v) for v in rows["inwoners"]],
            _("Behoefte-index"): [fmt.number(v, 2) for v in rows["behoefte_index"]],
            **{name: list(values) for name, values in extra.items()},
        },
        index=rows.index,
    ).loc[order]
    if gemeenten is not None:
        table.insert(
            1, _("Gemeente"), [gemeenten.get(c, c) for c in rows.loc[order, "gemeentecode"]]
        )
    return table


def per_gemeente(per_gemeente: pd.DataFrame, per_wijk: pd.DataFrame) -> pd.DataFrame:
    """Need against coverage per gemeente, for display: its fte per 10,000 inwoners and how many
    of its wijken have high need with low coverage, or no opbouwwerk at all.

    The quadrant of a wijk compares it with the other wijken of its own gemeente, so these
    are counts of wijken, never a national median.
    """
    wijken = per_wijk.assign(
        gap=per_wijk["kwadrant"].eq(HIGH_NEED_LOW_COVERAGE),
        zonder=per_wijk["zonder_opbouwwerk"].fillna(False).astype(bool),
    )
    counts = wijken.groupby("gemeentecode").agg(
        wijken=("gebiedscode", "size"),
        gap=("gap", "sum"),
        zonder=("zonder", "sum"),
        placed=("kwadrant", "count"),
    )
    rows = per_gemeente.join(counts, on="gemeentecode").fillna({"wijken": 0, "zonder": 0})
    # no wijk with a kwadrant (no behoefte-index or inwoners for the period): unknown, not 0
    rows["gap"] = rows["gap"].where(rows["placed"].fillna(0) > 0)
    rows = rows.sort_values(
        ["gap", "zonder", "naam"], ascending=[False, False, True], na_position="last"
    )
    return pd.DataFrame(
        {
            _("Gemeente"): rows["naam"],
            _("Fte per 10.000 inwoners"): [fmt.number(v, 2) for v in rows["fte_per_10000"]],
            _("Wijken"): [fmt.number(v) for v in rows["wijken"]],
            _("Hoge behoefte, lage dekking"): [fmt.number(v) for v in rows["gap"]],
            _("Zonder opbouwwerk"): [fmt.number(v) for v in rows["zonder"]],
        }
    )


def components_table(components: pd.DataFrame, indicatoren: pd.DataFrame) -> pd.DataFrame:
    """One wijk's need-index parts for display: indicator, year, value, z-score and weight."""
    labels = dict(zip(indicatoren["indicator"], indicatoren["omschrijving"], strict=True))
    return pd.DataFrame(
        {
            _("Indicator"): [_(labels.get(i, i)) for i in components["indicator"]],
            _("Jaar"): components["jaar"].astype(str),
            _("Waarde"): [fmt.number(v, 1) for v in components["waarde"]],
            _("Z-score (meer = meer behoefte)"): [fmt.number(v, 2) for v in components["z_score"]],
            _("Gewicht"): [fmt.number(v, 2) for v in components["gewicht"]],
        }
    )


def download_tables(
    dekking: pd.DataFrame, per_wijk: pd.DataFrame, title: str, area: str, need: bool
) -> list[tuple[str, pd.DataFrame]]:
    """What Dekking shows, for a download: every area of the table (`title`, `area` the
    header of its first column), the wijken without opbouwwerk and those with high need and
    low coverage, highest need first."""
    by_need = per_wijk.sort_values("behoefte_index", ascending=False, na_position="last")
    absent = by_need[by_need["zonder_opbouwwerk"].fillna(False).astype(bool)]
    gap = by_need[by_need["kwadrant"] == HIGH_NEED_LOW_COVERAGE]
    return [
        (title, tables.dekking_figures(dekking, area, need)),
        (_("Wijken zonder opbouwwerk"), tables.dekking_figures(absent)),
        (_("Hoge behoefte, lage dekking"), tables.dekking_figures(gap)),
    ]
