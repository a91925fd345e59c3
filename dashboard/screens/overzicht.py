"""What the Overzicht screen shows: the headline figures of the three themes for one gemeente
(or the whole country) and period, and one indicator per area on the map and in a table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

import pandas as pd

from dashboard.display import formatting as fmt
from dashboard.display import tables
from dashboard.display.labels import KWADRANT_LABELS
from dashboard.display.tables import tenure
from dashboard.domain.codes import BUURT, COUNTRY, HIGH_NEED_LOW_COVERAGE, OPBOUWWERKER, WIJK
from dashboard.domain.period import Period
from dashboard.i18n import N_, _
from dashboard.screens import indicators, nationaal
from dashboard.screens.indicators import MapIndicator, format_value
from dashboard.screens.state import State
from dashboard.warehouse import queries
from dashboard.warehouse.queries import Runner

# What a figure says where the gemeente registers nothing of its kind (no activiteiten, no
# inzet): unknown, which is not 0 (docs/DESIGN.md §5.1).
NO_REGISTRATIONS = N_("geen registraties")


@dataclass(frozen=True)
class Figure:
    """One headline figure: theme, label, the raw value and its Dutch text."""

    theme: str
    label: str
    value: float | int | None
    text: str
    help: str
    decimals: int = 0
    # "normal": an increase is good news; "inverse": an increase is bad news
    delta_color: Literal["normal", "inverse"] = "normal"
    # a count of persons: small numbers are not shown, so neither is their change
    persons: bool = False
    # the unit of the change, e.g. "%-punt" for a percentage
    delta_unit: str = ""


# What each figure is, whatever its scope: its theme and how its value and change are shown.
_KINDS: dict[str, dict[str, object]] = {
    "Unieke deelnemers": {"theme": "Bereik", "persons": True},
    "Bijeenkomsten": {"theme": "Bereik"},
    "Deelnames": {"theme": "Bereik", "persons": True},
    "Bereik per 1.000 inwoners": {"theme": "Bereik", "decimals": 1},
    # whole percentages, as fmt.percentage shows them: a change in tenths beside "20%" and
    # "20%" read "-0,1 %-punt" with an arrow
    "Bijeenkomsten van bewonersinitiatieven": {
        "theme": "Bereik",
        "delta_unit": N_("%-punt"),
    },
    "Mediane verblijfsduur opbouwwerkers": {
        "theme": "Continuïteit",
        "decimals": 1,
        "delta_unit": N_("jaar"),
    },
    "Verloop opbouwwerkers per jaar": {
        "theme": "Continuïteit",
        "delta_unit": N_("%-punt"),
        "delta_color": "inverse",
    },
    "Signalen voor teamleiders": {"theme": "Continuïteit", "delta_color": "inverse"},
    "Fte opbouwwerk": {"theme": "Dekking", "decimals": 1},
    "Fte opbouwwerk per 10.000 inwoners": {"theme": "Dekking", "decimals": 2},
    "Wijken zonder opbouwwerk": {"theme": "Dekking", "delta_color": "inverse"},
    "Hoge behoefte, lage dekking": {"theme": "Dekking", "delta_color": "inverse"},
    # one selected wijk: words, no change
    "Opbouwwerk in de wijk": {"theme": "Dekking"},
    "Behoefte tegenover dekking": {"theme": "Dekking"},
}


def _figure(label: str, value: object, text: str, help_text: str) -> Figure:
    """A figure of one of the _KINDS, with its value, Dutch text and explanation."""
    kind = dict(_KINDS[label])
    theme = str(kind.pop("theme"))
    return Figure(theme, label, value, text, help_text, **kind)  # type: ignore[arg-type]


def _first(df, column: str):
    return None if df.empty or fmt.is_missing(df[column].iloc[0]) else df[column].iloc[0]


def wijk_of(area: str, level: str) -> str | None:
    """The wijk whose inzet counts for an area: itself, a buurt's wijk, none for an eigen area."""
    if level == WIJK:
        return area
    if level == BUURT:
        return "WK" + area[2:8]
    return None


def headline_figures(
    run: Runner,
    period: Period,
    gemeente: str | None,
    area: str | None = None,
    level: str = WIJK,
    reach_rows: pd.DataFrame | None = None,
) -> list[Figure]:
    """The headline figures, computed through the query API only; None: the whole country.

    With `area` (a gebiedscode of `level` in the gemeente) the figures are that area's:
    reach of the area itself; continuity and coverage of its wijk (inzet is registered per
    wijk), none for an area of an eigen indeling. `reach_rows`: the period's `bereik` rows
    (gemeente level, or `level` with an area) when already fetched, as `per_year` does.
    """
    if gemeente is None:
        return national_figures(run, period)
    if area is None:
        reach = (
            reach_rows
            if reach_rows is not None
            else run(queries.bereik)(period, level="gemeente", gemeente=gemeente)
        )
        cont = run(queries.continuiteit)(
            period, level="gemeente", gemeente=gemeente, rol="opbouwwerker"
        )
        signals = run(queries.continuiteit_signalen)(period.end, gemeente=gemeente)
        cover = run(queries.dekking)(period, level="gemeente", gemeente=gemeente)
        cover_wijk = run(queries.dekking)(period, level="wijk", gemeente=gemeente)
    else:
        wijk = wijk_of(area, level)
        rows = (
            reach_rows
            if reach_rows is not None
            else run(queries.bereik)(period, level=level, gemeente=gemeente)
        )
        reach = _only(rows, area)
        cont = _only(
            run(queries.continuiteit)(period, level="wijk", gemeente=gemeente, rol="opbouwwerker"),
            wijk,
        )
        signals = run(queries.continuiteit_signalen)(period.end, gemeente=gemeente)
        signals = signals[signals["wijkcode"] == wijk]
        cover = _only(run(queries.dekking)(period, level="wijk", gemeente=gemeente), wijk)
        cover_wijk = cover

    unique = _first(reach, "unieke_deelnemers")
    deelnames = _first(reach, "deelnames")
    per_1000 = _first(reach, "bereik_per_1000")
    reached = _first(reach, "bereikte_inwoners")
    if fmt.is_small(reached):  # the rate would give the count back: no value, no change
        per_1000 = None
    owned = _first(reach, "bewonersinitiatief_pct")
    median = _first(cont, "mediane_verblijfsduur_dagen")
    longest = _first(cont, "langste_verblijfsduur_dagen")
    turnover = _first(cont, "verloop_pct")
    fte_10k = _first(cover, "fte_per_10000")
    # NULL in the marts where the gemeente registers no activiteiten / no inzet at all
    has_activities = _first(reach, "bijeenkomsten") is not None
    has_inzet = bool(_first(cover, "heeft_inzetgegevens"))
    if area is not None:  # whether the gemeente registers inzet (an eigen area has no row)
        whole = run(queries.dekking)(period, level="gemeente", gemeente=gemeente)
        has_inzet = bool(_first(whole, "heeft_inzetgegevens"))

    figures = [
        _figure(
            N_("Unieke deelnemers"),
            unique,
            fmt.persons(unique),
            N_("Verschillende deelnemers met minstens één deelname in de periode."),
        ),
        _figure(
            N_("Deelnames"),
            deelnames,
            fmt.persons(deelnames) if has_activities else NO_REGISTRATIONS,
            N_("Som van het aantal deelnemers per bijeenkomst."),
        ),
        _figure(
            N_("Bereik per 1.000 inwoners"),
            per_1000,
            fmt.rate(per_1000, reached, 1),
            N_("Bereikte inwoners per 1.000 inwoners van de gemeente."),
        ),
        _figure(
            N_("Bijeenkomsten van bewonersinitiatieven"),
            owned,
            fmt.percentage(owned),
            N_("Aandeel van de bijeenkomsten waarvan de activiteit een bewonersinitiatief is."),
        ),
        _figure(
            N_("Mediane verblijfsduur opbouwwerkers"),
            None if median is None else median / 365.25,
            tenure(median, longest),
            N_(
                "Van de opbouwwerkers die in deze periode in een wijk van de gemeente werkten,"
                " bleef de helft korter dan deze duur in hun wijk, de helft langer, gerekend vanaf"
                " de start van hun inzet; wie er nog werkt, telt mee (de Kaplan–Meier-mediaan)."
            ),
        ),
        _figure(
            N_("Verloop opbouwwerkers per jaar"),
            turnover,
            fmt.percentage(turnover),
            N_(
                "Vertrekken in de periode per gemiddeld aantal bezette plaatsen, omgerekend naar een jaar."
            ),
        ),
        _figure(
            N_("Signalen voor teamleiders"),
            len(signals) if has_inzet else None,
            fmt.number(len(signals)) if has_inzet else NO_REGISTRATIONS,
            N_("Vertrek binnen 90 dagen zonder opvolger, en rollen die nu onbezet zijn."),
        ),
        _figure(
            N_("Fte opbouwwerk per 10.000 inwoners"),
            fte_10k,
            fmt.number(fte_10k, 2) if has_inzet else NO_REGISTRATIONS,
            N_("Tijdgewogen fte opbouwwerk in de periode, per 10.000 inwoners."),
        ),
        *_wijk_figures(
            cover_wijk,
            N_("Wijken zonder enige inzet van opbouwwerkers in de periode."),
            N_(
                "Wijken boven de mediaan van de behoefte-index en op of onder de mediaan van de dekking."
            ),
        ),
    ]
    if area is not None:
        figures = _for_one_area(figures, cover, level, has_inzet)
    if not has_activities:
        figures = [replace(f, text=NO_REGISTRATIONS) if f.theme == "Bereik" else f for f in figures]
    if not has_inzet:
        figures = [
            replace(f, text=NO_REGISTRATIONS) if f.theme == "Continuïteit" else f for f in figures
        ]
    return figures


# A year in which the registration of activiteiten began: its reach is not a whole year's.
PART_OF_YEAR = N_("deel van het jaar")

# Not in the table per year: signals are about the days after a peildatum, not a year's figure.
_NOT_PER_YEAR = frozenset({"Signalen voor teamleiders"})


def whole_years(first: date, last: date) -> list[int]:
    """The calendar years that lie wholly between the first and last day with data."""
    start = first.year if first == date(first.year, 1, 1) else first.year + 1
    end = last.year if last == date(last.year, 12, 31) else last.year - 1
    return list(range(start, end + 1))


def per_year_figures(
    run: Runner,
    gemeente: str,
    years: list[int],
    area: str | None = None,
    level: str = WIJK,
) -> dict[str, list[Figure]]:
    """The headline figures of every whole calendar year, by year, the newest first.

    The newest year first: at 1024 pixels only a few years fit beside the labels, and the
    recent ones are what a reader looks for. Reach of all years comes from one query
    (`bereik_in`); the other themes per year.
    """
    periods = [Period(date(year, 1, 1), date(year, 12, 31)) for year in years]
    reach_level = "gemeente" if area is None else level
    reach = (
        run(queries.bereik_in)(tuple(periods), level=reach_level, gemeente=gemeente)
        if periods
        else []
    )
    span = run(queries.bijeenkomsten_range)(gemeente)
    first = None if span.empty or fmt.is_missing(span["eerste"].iloc[0]) else span["eerste"].iloc[0]
    by_year: dict[str, list[Figure]] = {}
    for year, period, rows in zip(years, periods, reach, strict=True):
        figures = headline_figures(run, period, gemeente, area, level, reach_rows=rows)
        if first is None or period.start < pd.Timestamp(first).date():
            # before the first registered bijeenkomst reach is unknown, not 0; a year in which
            # registration began would compare a part with whole years
            unknown = (
                NO_REGISTRATIONS
                if first is None or period.end < pd.Timestamp(first).date()
                else PART_OF_YEAR
            )
            figures = [
                replace(f, text=unknown, value=None) if f.theme == "Bereik" else f for f in figures
            ]
        by_year[str(year)] = [f for f in figures if f.label not in _NOT_PER_YEAR]
    return dict(reversed(by_year.items()))


def year_table(by_year: dict[str, list[Figure]]) -> pd.DataFrame:
    """The figures per year as the screen shows them: a row per figure, Dutch text."""
    table = pd.DataFrame(
        {year: {_(f.label): _(f.text) for f in figures} for year, figures in by_year.items()}
    )
    table.index.name = _("Kerncijfer")
    return table.reset_index()


def year_cells(by_year: dict[str, list[Figure]]) -> pd.DataFrame:
    """The figures per year for a spreadsheet: numbers (as `_figure_cell`), with their unit."""
    first = next(iter(by_year.values()), [])
    table = pd.DataFrame(
        {
            _("Kengetal"): [_(f.label) for f in first],
            _("Eenheid"): [_(_UNITS.get(f.delta_unit, "")) for f in first],
            **{
                year: pd.Series([_figure_cell(f) for f in figures], dtype=object)
                for year, figures in by_year.items()
            },
        }
    )
    return table


# A long median stay beside a high turnover looks like a contradiction; it is two questions.
TENURE_BESIDE_TURNOVER = N_(
    "De verblijfsduur kijkt naar wie in deze periode werkte, gerekend vanaf de start van ieders"
    " inzet (wie er nog werkt, telt mee); het verloop alleen naar vertrekken in deze periode."
    " Een vaste kern kan dus lang blijven terwijl een deel van de inzet wisselt."
)


def continuity_note(figures: list[Figure]) -> str | None:
    """Why the median stay and the turnover can both be high, where both are shown."""
    by_label = {f.label: f for f in figures}
    stay = by_label.get("Mediane verblijfsduur opbouwwerkers")
    turnover = by_label.get("Verloop opbouwwerkers per jaar")
    if stay is None or turnover is None or fmt.is_missing(turnover.value):
        return None
    # "langer dan 3,2 jaar" (tables.tenure, in the run's language) is known too
    longer_than = _(tables.LONGER_THAN).split("{", 1)[0]
    stay_known = stay.value is not None or stay.text.startswith(longer_than)
    return TENURE_BESIDE_TURNOVER if stay_known and float(turnover.value or 0) > 0 else None


# What the national view leaves out, and why (shown under the national figures).
NATIONAL_NOT_SHOWN = N_(
    "Voor heel Nederland staan hier geen unieke deelnemers en geen bereik per 1.000 inwoners:"
    " één persoon kan in meer gemeenten meedoen, dus die aantallen per gemeente tellen niet op"
    " tot een landelijk aantal. Ze staan per gemeente op de kaart (kies een indicator) en op"
    " het scherm Bereik. De cijfers hierboven zijn sommen die wel optellen (bijeenkomsten,"
    " deelnames, fte, wijken, signalen) of volgen daar exact uit."
)


def national_figures(run: Runner, period: Period) -> list[Figure]:
    """The headline figures of the whole country: only those that add up over gemeenten.

    Unique participants (and reach per 1,000 inwoners, which counts them) are left out:
    a person who takes part in two gemeenten is one participant, not two.
    """
    reach = nationaal.session_totals(
        run(queries.bereik_per_type)(period, level="gemeente", gemeente=None)
    )
    # level land: the model pools every spell of the country, as a gemeente pools its wijken
    cont = run(queries.continuiteit)(period, level=COUNTRY, gemeente=None, rol=OPBOUWWERKER)
    signals = run(queries.continuiteit_signalen)(period.end, gemeente=None)
    cover = run(queries.dekking)(period, level="gemeente", gemeente=None)
    cover_wijk = run(queries.dekking)(period, level="wijk", gemeente=None)

    median = _first(cont, "mediane_verblijfsduur_dagen")
    longest = _first(cont, "langste_verblijfsduur_dagen")
    turnover = _first(cont, "verloop_pct")
    # gemeenten without any inzet registered have unknown coverage: left out of both sums
    registering = cover[cover["heeft_inzetgegevens"].fillna(False).astype(bool)]
    fte = nationaal.total(registering["fte_opbouwwerk"]) if len(registering) else None
    inwoners = nationaal.total(registering["inwoners"]) if len(registering) else None
    fte_10k = 10000 * fte / inwoners if fte is not None and inwoners else None

    return [
        _figure(
            N_("Bijeenkomsten"),
            reach.bijeenkomsten,
            fmt.number(reach.bijeenkomsten),
            N_("Bijeenkomsten in de periode, in alle gemeenten samen."),
        ),
        _figure(
            N_("Deelnames"),
            reach.deelnames,
            fmt.number(reach.deelnames),
            N_("Som van het aantal deelnemers per bijeenkomst, in alle gemeenten samen."),
        ),
        _figure(
            N_("Bijeenkomsten van bewonersinitiatieven"),
            reach.bewonersinitiatief_pct,
            fmt.percentage(reach.bewonersinitiatief_pct),
            N_(
                "Aandeel van alle bijeenkomsten in het land waarvan de activiteit een bewonersinitiatief is."
            ),
        ),
        _figure(
            N_("Mediane verblijfsduur opbouwwerkers"),
            None if median is None else median / 365.25,
            tenure(median, longest),
            N_(
                "Van de opbouwwerkers die in deze periode in een wijk van het land werkten, bleef"
                " de helft korter dan deze duur in hun wijk, de helft langer, gerekend vanaf de"
                " start van hun inzet; wie er nog werkt, telt mee (de Kaplan–Meier-mediaan)."
            ),
        ),
        _figure(
            N_("Verloop opbouwwerkers per jaar"),
            turnover,
            fmt.percentage(turnover),
            N_(
                "Vertrekken in de periode per gemiddeld aantal bezette plaatsen, in alle wijken van het land samen, omgerekend naar een jaar."
            ),
        ),
        _figure(
            N_("Signalen voor teamleiders"),
            len(signals),
            fmt.number(len(signals)),
            N_(
                "Vertrek binnen 90 dagen zonder opvolger, en rollen die nu onbezet zijn, in alle gemeenten samen."
            ),
        ),
        _figure(
            N_("Fte opbouwwerk"),
            fte,
            fmt.number(fte, 1),
            N_("Tijdgewogen fte opbouwwerk in de periode, in alle gemeenten samen."),
        ),
        _figure(
            N_("Fte opbouwwerk per 10.000 inwoners"),
            fte_10k,
            fmt.number(fte_10k, 2),
            N_(
                "Alle fte opbouwwerk per 10.000 inwoners van alle gemeenten; leeg als van een gemeente het aantal inwoners ontbreekt."
            ),
        ),
        *_wijk_figures(
            cover_wijk,
            N_("Wijken zonder enige inzet van opbouwwerkers in de periode, in het hele land."),
            N_(
                "Wijken boven de mediaan van de behoefte-index en op of onder de mediaan van de dekking, elk vergeleken met de wijken van de eigen gemeente."
            ),
        ),
    ]


def _only(df: pd.DataFrame, code: str | None) -> pd.DataFrame:
    """The row of one area (none for None)."""
    return df[df["gebiedscode"] == code] if code is not None else df.iloc[0:0]


# Where the figures of one area come from, per level: said in their explanation.
_AREA_SCOPE = {
    WIJK: N_("in deze wijk"),
    BUURT: N_("in de wijk van deze buurt (inzet is per wijk geregistreerd)"),
}
NOT_FOR_OWN_AREA = N_("per wijk gemeten")


def _for_one_area(
    figures: list[Figure], cover: pd.DataFrame, level: str, has_inzet: bool
) -> list[Figure]:
    """The gemeente's figure list made one area's: its own help texts, and in place of the
    counts of wijken what Dekking says of this wijk."""
    scope = _AREA_SCOPE.get(level)
    row = None if cover.empty else cover.iloc[0]
    opbouwwerk = (
        NOT_FOR_OWN_AREA
        if scope is None
        else NO_REGISTRATIONS
        if not has_inzet or row is None
        else (N_("nee") if bool(row["zonder_opbouwwerk"]) else N_("ja"))
    )
    kwadrant = (
        NOT_FOR_OWN_AREA
        if scope is None
        else KWADRANT_LABELS.get(str(row["kwadrant"]), fmt.MISSING)
        if row is not None and not fmt.is_missing(row["kwadrant"])
        else fmt.MISSING
    )
    shown: list[Figure] = []
    for f in figures:
        if f.label == "Wijken zonder opbouwwerk":
            f = _figure(
                "Opbouwwerk in de wijk",
                None,
                opbouwwerk,
                N_("Of er in de periode inzet van een opbouwwerker was in deze wijk."),
            )
        elif f.label == "Hoge behoefte, lage dekking":
            f = _figure(
                N_("Behoefte tegenover dekking"),
                None,
                kwadrant.capitalize()
                if kwadrant not in (fmt.MISSING, NOT_FOR_OWN_AREA)
                else kwadrant,
                N_(
                    "Behoefte-index en fte per 10.000 inwoners van deze wijk, elk vergeleken met de"
                    " mediaan van de wijken van de gemeente."
                ),
            )
        elif f.theme == "Bereik":
            f = replace(f, help=_(f.help).replace(_("van de gemeente"), _("van het gebied")))
        elif scope is None:  # an area of an eigen indeling: no inzet of its own
            f = replace(f, value=None, text=NOT_FOR_OWN_AREA)
        else:
            general = _(f.help).replace(_(", over alle wijken van de gemeente"), "")
            f = replace(
                f, help=_("{general} Hier: {scope}.").format(general=general, scope=_(scope))
            )
        shown.append(f)
    return shown


def _wijk_figures(cover_wijk, help_without: str, help_gap: str) -> list[Figure]:
    """The wijk counts of Dekking (per wijk rows): without opbouwwerk, and high need with low coverage.

    Only wijken of gemeenten that register inzet count: elsewhere coverage is unknown, not 0.
    """
    known = cover_wijk[cover_wijk["heeft_inzetgegevens"].fillna(False).astype(bool)]
    if known.empty:
        return [
            _figure("Wijken zonder opbouwwerk", None, NO_REGISTRATIONS, help_without),
            _figure("Hoge behoefte, lage dekking", None, NO_REGISTRATIONS, help_gap),
        ]
    n_wijken = len(known)
    without = int(known["zonder_opbouwwerk"].fillna(False).astype(bool).sum())
    # the kwadrant needs the behoefte-index and fte per 10.000 (inwoners): a year before the
    # CBS figures has none, and "0 van 9" there claimed a count it had no data for
    placed = known[known["kwadrant"].notna()]
    gap = int((placed["kwadrant"] == HIGH_NEED_LOW_COVERAGE).sum())
    return [
        _figure(
            N_("Wijken zonder opbouwwerk"),
            without,
            _("{n} van {total}").format(n=fmt.number(without), total=fmt.number(n_wijken)),
            help_without,
        ),
        _figure(
            N_("Hoge behoefte, lage dekking"),
            gap,
            _("{n} van {total}").format(n=fmt.number(gap), total=fmt.number(len(placed))),
            help_gap,
        )
        if len(placed)
        else _figure(N_("Hoge behoefte, lage dekking"), None, fmt.MISSING, help_gap),
    ]


@dataclass(frozen=True)
class Change:
    """A headline figure's change as a metric tile shows it: its text, colour and arrow."""

    text: str
    color: Literal["normal", "inverse", "off"]
    arrow: Literal["auto", "off"]


def change_of(figure: Figure, previous: Figure | None) -> Change | None:
    """The change against the compared period, or None when it cannot be compared.

    A change that rounds to zero is neutral: grey and without an arrow. Streamlit treats
    only the literal "0" as no change, so "0,0 %-punt" would get an up arrow, red for a
    figure whose increase is bad news.
    """
    if previous is None or figure.value is None or previous.value is None:
        return None
    if fmt.is_missing(figure.value) or fmt.is_missing(previous.value):
        return None
    if figure.persons and min(figure.value, previous.value) < fmt.SMALL_NUMBER_THRESHOLD:
        return None
    change = fmt.shown_change(figure.value, previous.value, figure.decimals)
    unit = f" {_(figure.delta_unit)}" if figure.delta_unit else ""
    if change == 0:  # also -0.0: no "-0,0" with a down arrow
        return Change(f"{fmt.number(0, figure.decimals)}{unit}", "off", "off")
    sign = "+" if change > 0 else ""
    return Change(f"{sign}{fmt.number(change, figure.decimals)}{unit}", figure.delta_color, "auto")


def delta_text(figure: Figure, previous: Figure | None) -> str | None:
    """The change against the previous period in Dutch format, or None when it cannot be compared."""
    change = change_of(figure, previous)
    return None if change is None else change.text


def map_rows(indicator: MapIndicator, state: State, run: Runner) -> pd.DataFrame:
    """gebiedscode, naam, gemeentecode, niveau, `value` and `tekst` of one indicator at its map
    level, for the state's gemeente or (nationally) for every area of the country."""
    level = indicators.map_level(indicator, state.level)
    values = indicators.indicator_values(indicator, run, state.period, level, state.query_gemeente)
    return values.assign(niveau=level)


def indicator_table(values: pd.DataFrame, indicator: MapIndicator) -> pd.DataFrame:
    """The map's values as a display table: one row per area, in Dutch notation."""
    texts = [
        text if isinstance(text, str) and text else format_value(indicator, value)
        for value, text in zip(values["value"], values["tekst"], strict=True)
    ]
    return pd.DataFrame({_("Gebied"): values["naam"].to_numpy(), _(indicator.label): texts})


# An area's figure that has no figure of the same name for the gemeente: what to set beside it.
_GEMEENTE_COUNTERPART = {
    "Opbouwwerk in de wijk": "Wijken zonder opbouwwerk",
    "Behoefte tegenover dekking": "Hoge behoefte, lage dekking",
}


def gemeente_beside(figure: Figure, whole: list[Figure] | None, gemeente: str) -> str | None:
    """The line under one area's figure: the gemeente's value ("Lindenwaard: 2.807"); None
    when no area is selected or the gemeente has no such figure."""
    if whole is None:
        return None
    label = _GEMEENTE_COUNTERPART.get(figure.label, figure.label)
    match = [f for f in whole if f.label == label]
    if not match:
        return None
    suffix = f" ({_(label).lower()})" if label != figure.label else ""
    return f"{gemeente}: {_(match[0].text)}{suffix}"


def area_name(run: Runner, area: str, level: str, gemeente: str) -> str | None:
    """The name of an area of a level in the gemeente; None when it is not one of its areas."""
    areas = run(queries.gebieden)(level, gemeente)
    match = areas[areas["gebiedscode"] == area]
    return None if match.empty else str(match["naam"].iloc[0])


def _figure_cell(figure: Figure | None) -> object:
    """A headline figure's value for a spreadsheet: its number, "<5" for a small count, or
    its words where it has no number ("geen registraties", "ja")."""
    if figure is None:
        return None
    if figure.value is None or fmt.is_missing(figure.value):
        return None if figure.text == fmt.MISSING else _(figure.text)
    if figure.persons:
        return tables.persons_cell(figure.value)
    return tables.number_cell(figure.value, figure.decimals)


# The unit of a headline figure's value in a spreadsheet, by the unit of its change.
_UNITS = {"%-punt": N_("%"), "jaar": N_("jaar")}


def download_tables(
    figures: list[Figure],
    before: Sequence[Figure | None],
    compared_with: str | None,
    values: pd.DataFrame,
    indicator: MapIndicator,
    by_year: dict[str, list[Figure]] | None = None,
) -> list[tuple[str, pd.DataFrame]]:
    """What Overzicht shows, for a download: the headline figures beside the compared period
    (`compared_with` its name; None when the data does not reach back), the map's values, and
    the figures per calendar year when the screen shows them (`by_year`)."""
    headline = pd.DataFrame(
        {
            _("Thema"): [_(f.theme) for f in figures],
            _("Kengetal"): [_(f.label) for f in figures],
            _("Waarde"): [_figure_cell(f) for f in figures],
            # a percentage's cell holds 23.8, not 0.238: the unit says what it is
            _("Eenheid"): [_(_UNITS.get(f.delta_unit, "")) for f in figures],
        }
    )
    if compared_with is not None:
        changes = [change_of(f, old) for f, old in zip(figures, before, strict=True)]
        headline[_("Vergelijking: {period}").format(period=compared_with)] = pd.Series(
            [_figure_cell(old) for old in before], dtype=object
        )
        headline[_("Verandering")] = [
            # the difference of the values as shown, as on the screen's tile
            None if change is None else fmt.shown_change(f.value, old.value, f.decimals)  # type: ignore[arg-type, union-attr]
            for f, old, change in zip(figures, before, changes, strict=True)
        ]
    shown = pd.DataFrame(
        {
            _("Gebied"): values["naam"].tolist(),
            _("Gebiedscode"): values["gebiedscode"].tolist(),
            _(indicator.label): [
                tables.persons_cell(v)
                if indicator.persons
                else tables.number_cell(v, indicator.decimals)
                for v in values["value"]
            ],
            _("Toelichting"): [t if isinstance(t, str) and t else None for t in values["tekst"]],
        }
    )
    sheets = [(_("Kerncijfers"), headline)]
    if by_year:
        sheets.append((_("Per kalenderjaar"), year_cells(by_year)))
    return [*sheets, (_("Kaart: {indicator}").format(indicator=_(indicator.label)), shown)]
