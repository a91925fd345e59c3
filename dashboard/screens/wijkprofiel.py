"""The Wijkprofiel: one area's story for a wijk meeting (docs/DESIGN.md §6.2).

`build` gathers the figures of one area (CBS wijk, CBS buurt or an area of the eigen
indeling) through the query API; `story` turns them into plain Dutch sentences, charts with
the figures behind them and slides, always under the public rules of §7 (counts of persons
below 5 read "<5", no share or change that gives such a count back, no professional names:
nothing here ever fetches one). The page, the presentation mode and the exports all show
the same `Story`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal, cast

import geopandas as gpd
import pandas as pd

from dashboard.display import formatting as fmt
from dashboard.display import maps, tables
from dashboard.display.charts import opbrengst as opbrengst_charts
from dashboard.display.charts import wijkprofiel as charts
from dashboard.display.charts.bereik import HIDDEN_COLUMN
from dashboard.display.labels import LEVEL_NOUNS, SOORT_LABELS
from dashboard.display.story import Chart, Slide, Story
from dashboard.domain.codes import BUURT, BUURTTEAM, OPBOUWWERKER, OWN_LEVEL, ROLLEN, WIJK
from dashboard.domain.period import Period, QueryError
from dashboard.i18n import EN, N_, Labels, _, current, ngettext
from dashboard.screens import opbrengst, plekken
from dashboard.warehouse import queries
from dashboard.warehouse.queries import Runner

# The trend goes back at most this many years (ten years of registrations, DESIGN §8).
MAX_YEARS = 10
SMALL = fmt.SMALL_NUMBER_THRESHOLD

# A rol in running text: with its article, in the plural, and as "geen ...". The rol
# "other" is left out of the sentences: "de overige professional" tells residents nothing.
# (Marked with N_, translated where they are used.)
ROL_WORDS: dict[str, tuple[str, str, str]] = {
    "opbouwwerker": (N_("de opbouwwerker"), N_("opbouwwerkers"), N_("geen opbouwwerker")),
    "maatschappelijk_werker": (
        N_("de maatschappelijk werker"),
        N_("maatschappelijk werkers"),
        N_("geen maatschappelijk werker"),
    ),
    "jongerenwerker": (N_("de jongerenwerker"), N_("jongerenwerkers"), N_("geen jongerenwerker")),
    "wijkagent": (N_("de wijkagent"), N_("wijkagenten"), N_("geen wijkagent")),
    # a person in the rol, as the other rollen: "geen buurtteam" beside the organisation
    # Buurtteam among the partners read as a contradiction
    "buurtteam": (
        N_("de buurtteammedewerker"),
        N_("buurtteammedewerkers"),
        N_("geen buurtteammedewerker"),
    ),
}

# The kwadrant splits at the medians of the gemeente's wijken, "hoog" strictly above: said
# against that middle, not as "weinig", which beside a figure above the gemeente's own (or
# equal to the middle) read as a contradiction.
KWADRANT_SENTENCES = Labels(
    {
        "hoge_behoefte_lage_dekking": N_("de behoefte hier hoger en is er niet meer opbouwwerk"),
        "hoge_behoefte_hoge_dekking": N_("de behoefte hier hoger en is er ook meer opbouwwerk"),
        "lage_behoefte_hoge_dekking": N_("de behoefte hier niet hoger en is er meer opbouwwerk"),
        "lage_behoefte_lage_dekking": N_(
            "de behoefte hier niet hoger en is er ook niet meer opbouwwerk"
        ),
    }
)

# A wijk with opbouwwerk that is not above the middle wijk: "niet meer" read as a contradiction
# beside "0,72 ..., tegen 0,61 in heel Lindenwaard" (the gemeente's average, not its middle
# wijk), so the sentence says whether it is as much as the middle or less (by need: the
# first word of the kwadrant code).
AS_MUCH_AS_THE_MIDDLE = Labels(
    {
        "hoge": N_("de behoefte hier hoger, maar is er evenveel opbouwwerk"),
        "lage": N_("de behoefte hier niet hoger en is er evenveel opbouwwerk"),
    }
)
# A wijk without any opbouwwerk: "niet meer opbouwwerk" beside 0,00 fte read as "no longer"
# (a walk as an opbouwwerker, 6 December 2026)
NONE_HERE = Labels(
    {
        "hoge": N_("de behoefte hier hoger, maar is er geen opbouwwerk"),
        "lage": N_("de behoefte hier niet hoger, en is er ook geen opbouwwerk"),
    }
)
LESS_THAN_THE_MIDDLE = Labels(
    {
        "hoge": N_("de behoefte hier hoger, maar is er minder opbouwwerk"),
        "lage": N_("de behoefte hier niet hoger en is er ook minder opbouwwerk"),
    }
)

# The verdict on a change, by its code ("gelijk"): the page compares codes, shows the words.
VERDICT_WORDS = Labels(
    {"gunstig": N_("gunstig"), "ongunstig": N_("ongunstig"), "gelijk": N_("gelijk")}
)


# --- the model ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reach:
    """The reach figures of one area (or the gemeente) in one period, by the place of the
    activiteit. None: unknown (totals-only registration, no inwoners)."""

    bijeenkomsten: int = 0
    activiteiten: int = 0
    deelnames: int | None = None
    unieke_deelnemers: int | None = None
    bereik_per_1000: float | None = None
    # residents reached (behind bereik_per_1000); only to apply the small-number rule
    bereikte_inwoners: int | None = None
    herhaal_pct: float | None = None
    nieuw: int | None = None
    bewonersinitiatief_bijeenkomsten: int = 0
    bewonersinitiatief_pct: float | None = None
    # False: the gemeente registers no activiteiten at all, so nothing here is known (not 0)
    registered: bool = True
    # counts hidden beside a small count of another area, as the gemeente's maps and tables
    # hide them (hidden_counts, PART_COUNTS; docs/DESIGN.md §7): "deelnames",
    # "bereikte_inwoners" (so the rate), "nieuw"
    hidden: frozenset[str] = frozenset()

    @property
    def participants_known(self) -> bool:
        """Whether the number of different participants is known (registered deelnames): the
        model gives None where it is not (bereik_vensters, also for an area whose bijeenkomsten
        register totals only)."""
        return self.unieke_deelnemers is not None

    @property
    def participants_shown(self) -> bool:
        """Known and at least 5: shares and changes based on them may be shown."""
        return self.participants_known and (self.unieke_deelnemers or 0) >= SMALL

    @property
    def per_1000_shown(self) -> float | None:
        """Reach per 1.000 inwoners, unless it rests on 1 to 4 residents."""
        if self.bereik_per_1000 is None:
            return None
        if fmt.is_small(self.bereikte_inwoners) or "bereikte_inwoners" in self.hidden:
            return None
        return self.bereik_per_1000


@dataclass(frozen=True)
class Presence:
    """One rol in the wijk on the reference date: how many are there, and since when the
    longest-serving one (no names, no person ids)."""

    rol: str
    aanwezig: int
    langste_dagen: int | None = None
    sinds: date | None = None


@dataclass(frozen=True)
class Coverage:
    """Opbouwwerk against need in the wijk (of a buurt: its wijk)."""

    wijkcode: str
    wijknaam: str
    fte: float | None
    fte_per_10000: float | None
    gemeente_fte_per_10000: float | None
    behoefte_index: float | None
    need_rank: int | None
    wijken: int
    kwadrant: str | None
    # None: unknown (the gemeente registers no inzet)
    zonder_opbouwwerk: bool | None
    previous_fte_per_10000: float | None = None
    # the middle wijk's fte per 10.000, where the kwadrant splits "veel" from "weinig"
    median_fte_per_10000: float | None = None


@dataclass(frozen=True)
class Compared:
    """One key figure: the area's value beside the gemeente's and a year earlier."""

    label: str
    # fmt.HIDDEN: a count not shown, so that a small count beside it cannot be worked back
    value: float | fmt.Hidden | None
    gemeente: float | fmt.Hidden | None
    previous: float | fmt.Hidden | None
    kind: Literal["persons", "number", "percentage"] = "number"
    decimals: int = 0
    # +1: up is good news; -1: down is good news; 0: neither
    better: int = 1

    @property
    def short(self) -> str:
        """The label for a small tile ("Deelnemers"); `label` says it in full."""
        for start, short in SHORT_LABELS.items():
            if self.label.startswith(_(start)):
                return _(short)
        return self.label


# (the labels in the run's language; the keys are their Dutch msgids)
SHORT_LABELS = {
    N_("Deelnemers (verschillende mensen)"): N_("Deelnemers"),
    N_("Bereik per 1.000 inwoners"): N_("Bereik per 1.000"),
    N_("Kwamen vaker dan één keer"): N_("Vaker dan 1 keer"),
    N_("Nieuwe deelnemers"): N_("Nieuwe deelnemers"),
    N_("Bijeenkomsten van bewonersinitiatieven"): N_("Bewonersinitiatief"),
    N_("Fte opbouwwerk per 10.000 inwoners"): N_("Fte per 10.000"),
}


@dataclass(frozen=True)
class Profile:
    """Everything the Wijkprofiel shows of one area in one period."""

    code: str
    name: str
    level: str
    gemeente: str
    gemeente_name: str
    fictitious: bool
    period: Period
    # the same period a year earlier, when the registrations reach back that far
    previous: Period | None
    reach: Reach
    gemeente_reach: Reach
    previous_reach: Reach | None
    previous_gemeente_reach: Reach | None
    # bereik_per_1000 place among the gemeente's areas of this level (1 = highest), and their number
    rank: int | None
    areas: int
    rank_values: pd.DataFrame
    types: pd.DataFrame
    partners: pd.DataFrame
    trend: pd.DataFrame
    # the wijk whose inzet counts (the area itself, a buurt's wijk; None for an eigen area)
    wijkcode: str | None
    wijknaam: str | None
    presence: tuple[Presence, ...]
    coverage: Coverage | None
    shapes: gpd.GeoDataFrame
    # the wijk's own story around a change of opbouwwerker, where the data supports one
    history: opbrengst.History | None = None
    made: date = field(default_factory=date.today)
    # what the area has: plekken, routes, published verhalen (issue 16)
    assets: plekken.Assets | None = None


# --- helpers --------------------------------------------------------------------------------


def _value(row: pd.Series | None, column: str) -> object | None:
    if row is None or column not in row.index or fmt.is_missing(row[column]):
        return None
    return row[column]


def _int(row: pd.Series | None, column: str) -> int | None:
    value = _value(row, column)
    return None if value is None else int(value)  # type: ignore[call-overload]


def _float(row: pd.Series | None, column: str) -> float | None:
    value = _value(row, column)
    return None if value is None else float(value)  # type: ignore[arg-type]


def _row(df: pd.DataFrame, code: str) -> pd.Series | None:
    match = df[df["gebiedscode"] == code]
    return None if match.empty else match.iloc[0]


def _whole_months(period: Period) -> bool:
    after = period.end.toordinal() + 1
    return period.start.day == 1 and date.fromordinal(after).day == 1


def _month(day: date) -> str:
    """'november 2025' (en: 'November 2025')."""
    return fmt.month_year(day)


def _day(day: date) -> str:
    """'3 november 2025' (en: '3 November 2025')."""
    return fmt.long_date(day)


def _is_range(period: Period) -> bool:
    if _whole_months(period):
        return (period.start.year, period.start.month) != (period.end.year, period.end.month)
    return period.start != period.end


def period_text(period: Period) -> str:
    """'november 2025 tot en met oktober 2026'; '3 november 2025 tot en met 2 oktober 2026'."""
    show = _month if _whole_months(period) else _day
    if not _is_range(period):
        return show(period.start)
    return _("{start} tot en met {end}").format(start=show(period.start), end=show(period.end))


def _period_opening(period: Period) -> str:
    """'Van november 2025 tot en met oktober 2026' or 'In november 2025' (a sentence's start)."""
    text = period_text(period)
    return (_("Van {period}") if _is_range(period) else _("In {period}")).format(period=text)


def _short_period(period: Period) -> str:
    """A year of the trend as a chart label: 'nov 2025 – okt 2026'."""
    if _whole_months(period):
        first = fmt.month_year(period.start, short=True)
        last = fmt.month_year(period.end, short=True)
        return first if first == last else f"{first} – {last}"
    return f"{fmt.dutch_date(period.start)} – {fmt.dutch_date(period.end)}"


def count(n: int, singular: str, plural: str) -> str:
    """'1 activiteit', '2 activiteiten', '1.234 activiteiten'."""
    return f"{fmt.number(n)} {singular if n == 1 else plural}"


def _activities(n: int) -> str:
    return ngettext("{n} activiteit", "{n} activiteiten", n).format(n=fmt.number(n))


def _sessions(n: int) -> str:
    return ngettext("{n} bijeenkomst", "{n} bijeenkomsten", n).format(n=fmt.number(n))


# the counts of an area that add up over the gemeente's areas (docs/DESIGN.md §7): by the
# place of the activiteit deelnames do, residents reached (by where they live) and new
# participants (each is new once) too; different participants do not (one person takes part
# in several areas), so the gemeente's number minus the others' gives no area's back
PART_COUNTS = ("deelnames", "bereikte_inwoners", "nieuw")
# a count not given, in a sentence ("deden een aantal mensen mee")
SOME = N_("een aantal")


def hidden_counts(per_area: pd.DataFrame, code: str) -> frozenset[str]:
    """The counts of area `code` that the gemeente's maps and tables hide beside a small count
    of another area (fmt.hidden_parts over the same rows, so the same pattern): shown here,
    they would give that small count back through the gemeente's total."""
    rows = per_area.reset_index(drop=True)
    at = rows.index[rows["gebiedscode"] == code]
    if len(at) == 0:
        return frozenset()
    i = int(at[0])
    found = set()
    for column in PART_COUNTS:
        if column not in rows:
            continue
        values = rows[column].tolist()
        already = (
            [
                fmt.new_beside_all(n, u)
                for n, u in zip(values, rows["unieke_deelnemers"], strict=True)
            ]
            if column == "nieuw" and "unieke_deelnemers" in rows
            else None
        )
        keys = rows["gebiedscode"].astype(str).tolist()
        if fmt.hidden_parts(values, already=already, keys=keys)[i] and not fmt.is_small(values[i]):
            found.add(column)
    return frozenset(found)


def _deelnames_of(r: Reach) -> str:
    """The deelnames of a Reach for a sentence; "een aantal deelnames" when hidden."""
    if "deelnames" in r.hidden:
        return _("{n} deelnames").format(n=_(SOME))
    return _deelnames(r.deelnames)


def _persons(n: int | None, noun: str = "") -> str:
    text = fmt.persons(n)
    return f"{text} {noun}" if noun else text


def _deelnames(n: int | None) -> str:
    # always the plural: one deelname is a small number, and "<5 deelname" would say it is 1
    return _("{n} deelnames").format(n=fmt.persons(n))


def _ordinal(n: int) -> str:
    """'2e' (en: '2nd')."""
    if current() != EN:
        return f"{n}e"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _ordinal_place(rank: int, total: int) -> str:
    """'de hoogste', 'de 2e hoogste', 'de laagste' (rank 1 = highest)."""
    if rank == 1:
        return _("de hoogste")
    if rank == total:
        return _("de laagste")
    if rank > (total + 1) / 2:
        return _("de {ordinal} laagste").format(ordinal=_ordinal(total - rank + 1))
    return _("de {ordinal} hoogste").format(ordinal=_ordinal(rank))


def _years(days: int) -> int:
    return int(days // 365.25)


# --- build ----------------------------------------------------------------------------------


def _reach(row: pd.Series | None, types: pd.DataFrame) -> Reach:
    """A Reach from a `bereik` row and the area's `bereik_per_type` rows."""
    if row is None or _value(row, "bijeenkomsten") is None:
        return Reach(registered=False)
    has_data = bool(_value(row, "heeft_deelnemersgegevens"))
    per_1000 = _float(row, "bereik_per_1000")
    reached = _int(row, "bereikte_inwoners")
    return Reach(
        bijeenkomsten=_int(row, "bijeenkomsten") or 0,
        activiteiten=int(types["activiteiten"].sum()) if not types.empty else 0,
        deelnames=_int(row, "deelnames"),
        unieke_deelnemers=_int(row, "unieke_deelnemers") if has_data else None,
        bereik_per_1000=per_1000,
        bereikte_inwoners=reached,
        herhaal_pct=_float(row, "herhaal_pct"),
        nieuw=_int(row, "nieuw"),
        bewonersinitiatief_bijeenkomsten=(
            int(types["bijeenkomsten_bewonersinitiatief"].sum()) if not types.empty else 0
        ),
        bewonersinitiatief_pct=_float(row, "bewonersinitiatief_pct"),
    )


def areas(run: Runner, gemeente: str, level: str) -> list[tuple[str, str]]:
    """(code, name) of every area of a level in a gemeente, in code order."""
    df = run(queries.gebieden)(level, gemeente)
    return list(zip(df["gebiedscode"].astype(str), df["naam"].astype(str), strict=True))


def _first_month(run: Runner, gemeente: str) -> date | None:
    """The first day of the month of the gemeente's first bijeenkomst (None: there is none)."""
    span = run(queries.bijeenkomsten_range)(gemeente)
    first = None if span.empty else span["eerste"].iloc[0]
    if first is None or fmt.is_missing(first):
        return None
    first = pd.Timestamp(first).date()
    return first.replace(day=1)


def _presence(spells: pd.DataFrame, rollen: list[str], period: Period) -> tuple[Presence, ...]:
    """Per rol of the gemeente: the spells still running after the reference date."""
    out = []
    for rol in ROLLEN:
        if rol not in rollen:
            continue
        mine = spells[
            (spells["rol"] == rol)
            & ~spells["is_vertrek"].astype(bool)
            & (pd.to_datetime(spells["startdatum"]) <= pd.Timestamp(period.end))
        ]
        if mine.empty:
            out.append(Presence(rol, 0))
            continue
        longest = mine.sort_values("verblijfsduur_dagen", ascending=False).iloc[0]
        out.append(
            Presence(
                rol,
                len(mine),
                int(longest["verblijfsduur_dagen"]),
                pd.Timestamp(longest["startdatum"]).date(),
            )
        )
    return tuple(out)


def _coverage(
    per_wijk: pd.DataFrame, total: pd.DataFrame, previous: pd.DataFrame | None, wijkcode: str
) -> Coverage | None:
    """The wijk's coverage from `dekking` per wijk and for the gemeente, and per wijk a year
    earlier (None: not comparable)."""
    row = _row(per_wijk, wijkcode)
    if row is None:
        return None
    index = _float(row, "behoefte_index")
    known = per_wijk["behoefte_index"].dropna()
    rank = int((known > index).sum()) + 1 if index is not None else None
    before = None
    if previous is not None:
        before = _float(_row(previous, wijkcode), "fte_per_10000")
    # the dekking model's median (DuckDB's median also averages the middle two)
    covered = per_wijk["fte_per_10000"].dropna()
    return Coverage(
        wijkcode=wijkcode,
        wijknaam=str(row["naam"]),
        fte=_float(row, "fte_opbouwwerk"),
        fte_per_10000=_float(row, "fte_per_10000"),
        gemeente_fte_per_10000=_float(None if total.empty else total.iloc[0], "fte_per_10000"),
        behoefte_index=index,
        need_rank=rank,
        wijken=len(known),
        kwadrant=None if _value(row, "kwadrant") is None else str(row["kwadrant"]),
        zonder_opbouwwerk=None
        if _value(row, "zonder_opbouwwerk") is None
        else bool(row["zonder_opbouwwerk"]),
        previous_fte_per_10000=before,
        median_fte_per_10000=float(covered.median()) if len(covered) else None,
    )


def _rank_values(reach: pd.DataFrame) -> pd.DataFrame:
    """gebiedscode, naam, waarde (reach per 1.000, None where it rests on 1 to 4 residents), tekst."""
    rows = []
    # a rate whose residents reached are hidden beside a small count: not shown, not ranked
    beside = (
        fmt.hidden_parts(
            reach["bereikte_inwoners"].tolist(), keys=reach["gebiedscode"].astype(str).tolist()
        )
        if "bereikte_inwoners" in reach
        else [False] * len(reach)
    )
    for (_i, row), hidden in zip(reach.iterrows(), beside, strict=True):
        shown = _reach(row, pd.DataFrame()).per_1000_shown
        value = _float(row, "bereik_per_1000")
        if shown is not None and hidden:
            shown, text = None, fmt.SHARE_HIDDEN
        else:
            text = (
                fmt.number(shown, 1)
                if shown is not None
                else (_("<{n} bewoners").format(n=SMALL) if value is not None else fmt.MISSING)
            )
        rows.append((row["gebiedscode"], row["naam"], shown, text))
    return pd.DataFrame(rows, columns=["gebiedscode", "naam", "waarde", "tekst"])


def build(run: Runner, period: Period, gebiedscode: str, gemeente: str, level: str) -> Profile:
    """The profile of one area, computed through the query API only.

    Reach counts by the place of the activiteit; continuity and coverage are per wijk (a
    buurt gets its wijk's, an area of the eigen indeling none: inzet is registered per wijk).
    """
    if level not in (WIJK, BUURT, OWN_LEVEL):
        raise QueryError(
            f"Een wijkprofiel is er per wijk, buurt of eigen gebied, niet per {level}."
        )
    all_areas = run(queries.gebieden)(level, gemeente)
    me = _row(all_areas, gebiedscode)
    if me is None:
        raise QueryError(f"Het gebied '{gebiedscode}' hoort niet bij deze gemeente.")
    gemeenten = run(queries.gemeenten)()
    gm = gemeenten[gemeenten["gemeentecode"] == gemeente].iloc[0]

    first = _first_month(run, gemeente)
    previous = period.year_earlier()
    comparable = first is not None and previous.start >= first
    step = max(1, math.ceil(period.days / 366))

    # The trend repeats the period year by year, back as far as the data goes.
    windows: list[Period] = []
    for k in range(MAX_YEARS):
        window = period.year_earlier(k * step)
        if first is None or window.start < first:
            break
        windows.append(window)
    # One query for the period, a year earlier and every trend year (bereik_in shares the
    # scans); the same for the gemeente: two queries where one per period took seven.
    # a CBS wijk's own history around its changes of opbouwwerker needs reach per wijk in
    # 12 months before and after each change: asked in the same query
    told = level == WIJK
    around = opbrengst.history_windows(run, gemeente, gebiedscode) if told else []
    asked = list(dict.fromkeys([period, *windows, *([previous] if comparable else []), *around]))
    whole = [period, *([previous] if comparable else [])]

    # continuity and coverage are per wijk: a buurt gets its wijk's, an eigen area none
    wijkcode: str | None = None
    if level == WIJK:
        wijkcode = gebiedscode
    elif level == BUURT and not fmt.is_missing(me["wijkcode"]):
        wijkcode = str(me["wijkcode"])

    # The independent queries at once (queries.together): reach for the area's level and
    # for the gemeente, and the wijk's continuity and coverage.
    reach_in, dekking = run(queries.bereik_in), run(queries.dekking)
    continuiteit, spell_tijdlijn = run(queries.continuiteit), run(queries.spell_tijdlijn)
    calls: list[Callable[[], object]] = [
        lambda: reach_in(tuple(asked), level=level, gemeente=gemeente),
        lambda: reach_in(tuple(whole), level="gemeente", gemeente=gemeente),
    ]
    if wijkcode is not None:
        calls += [
            lambda: continuiteit(period, level=WIJK, gemeente=gemeente),
            lambda: spell_tijdlijn(period, gemeente=gemeente),
            lambda: dekking(period, level=WIJK, gemeente=gemeente),
            lambda: dekking(period, level="gemeente", gemeente=gemeente),
        ]
        if comparable:
            calls.append(lambda: dekking(previous, level=WIJK, gemeente=gemeente))
    got = queries.together(*calls)
    per_period = dict(zip(asked, cast(list[pd.DataFrame], got[0]), strict=True))
    per_period_gemeente = dict(zip(whole, cast(list[pd.DataFrame], got[1]), strict=True))

    def area_types(p: Period) -> pd.DataFrame:
        per_type = run(queries.bereik_per_type)(p, level=level, gemeente=gemeente)
        return per_type[per_type["gebiedscode"] == gebiedscode].reset_index(drop=True)

    def gemeente_reach(p: Period) -> Reach:
        types = run(queries.bereik_per_type)(p, level="gemeente", gemeente=gemeente)
        return _reach(_row(per_period_gemeente[p], gemeente), types)

    def area_reach(p: Period, types: pd.DataFrame) -> Reach:
        # with the counts the gemeente's maps and tables hide beside a small one
        found = _reach(_row(per_period[p], gebiedscode), types)
        return replace(found, hidden=hidden_counts(per_period[p], gebiedscode))

    per_area = per_period[period]
    reach_types = area_types(period)
    reach = area_reach(period, reach_types)
    if "deelnames" in reach.hidden:
        reach_types = _types_not_adding_up(reach_types)
    trend_rows = []
    for window in windows:
        # the trend needs no activity types
        r = reach if window == period else area_reach(window, pd.DataFrame())
        trend_rows.append(
            {
                "periode": _short_period(window),
                "van": window.start,
                "tot_en_met": window.end,
                "bijeenkomsten": r.bijeenkomsten,
                "deelnames": fmt.HIDDEN if "deelnames" in r.hidden else r.deelnames,
                "unieke_deelnemers": r.unieke_deelnemers if r.participants_known else None,
            }
        )
    trend = pd.DataFrame(
        trend_rows[::-1],
        columns=["periode", "van", "tot_en_met", "bijeenkomsten", "deelnames", "unieke_deelnemers"],
    )
    previous_reach = area_reach(previous, area_types(previous)) if comparable else None

    rank_values = _rank_values(per_area)
    mine = rank_values[rank_values["gebiedscode"] == gebiedscode]["waarde"]
    known = rank_values["waarde"].dropna()
    rank = (
        int((known > float(mine.iloc[0])).sum()) + 1
        if not mine.empty and not fmt.is_missing(mine.iloc[0])
        else None
    )

    partners = run(queries.bereik_partners)(period, level=level, gemeente=gemeente)
    partners = partners[partners["gebiedscode"] == gebiedscode].reset_index(drop=True)

    wijknaam = str(me["naam"]) if level == WIJK else None
    presence: tuple[Presence, ...] = ()
    coverage = None
    if wijkcode is not None:
        cont, spells, per_wijk, total = (cast(pd.DataFrame, frame) for frame in got[2:6])
        old = cast(pd.DataFrame, got[6]) if comparable else None
        rollen = sorted(set(cont["rol"]))
        presence = _presence(spells[spells["wijkcode"] == wijkcode], rollen, period)
        coverage = _coverage(per_wijk, total, old, wijkcode)
        if coverage is not None:
            wijknaam = coverage.wijknaam

    return Profile(
        code=gebiedscode,
        name=str(me["naam"]),
        level=level,
        gemeente=gemeente,
        gemeente_name=str(gm["naam"]),
        fictitious=bool(gm["is_fictief"]),
        period=period,
        previous=previous if comparable else None,
        reach=reach,
        gemeente_reach=gemeente_reach(period),
        previous_reach=previous_reach,
        previous_gemeente_reach=gemeente_reach(previous) if comparable else None,
        rank=rank,
        areas=len(all_areas),
        rank_values=rank_values,
        types=reach_types,
        partners=partners,
        trend=trend,
        wijkcode=wijkcode,
        wijknaam=wijknaam,
        presence=presence,
        coverage=coverage,
        shapes=run(queries.gebiedsvormen)(level, gemeente),
        history=opbrengst.wijk_history(run, gemeente, gebiedscode, per_period) if told else None,
        assets=plekken.fetch(run, period, gebiedscode, gemeente, level, wijkcode),
    )


# --- sentences ------------------------------------------------------------------------------


# A share said in tenths: up to 1.5 points above a tenth is that tenth ("8 op de 10" for 81%),
# more than 7.5 above it nearly the next ("bijna 9" for 88%), in between "ruim" ("ruim 8").
ABOUT_A_TENTH = 1.5
NEARLY_NEXT_TENTH = 7.5


def _repeat_part(reach: Reach) -> str:
    """'; 4 op de 10 kwamen vaker dan één keer' (only on 5 or more participants)."""
    if not reach.participants_shown or reach.herhaal_pct is None:
        return ""
    if fmt.share_hidden(reach.herhaal_pct, reach.unieke_deelnemers):  # 1-4 people, worked back
        return ""
    pct = reach.herhaal_pct
    if pct >= 100:
        return "; " + _("iedereen kwam vaker dan één keer")
    if pct == 0:
        return "; " + _("niemand kwam vaker dan één keer")
    # in tenths, never rounded up: 85% said "9 op de 10" to residents, and is "ruim 8"
    whole, rest = divmod(pct, 10)
    n = int(whole)
    if rest > NEARLY_NEXT_TENTH:  # 87.6% and more: bijna 9
        if n == 9:
            return "; " + _("bijna iedereen kwam vaker dan één keer")
        return "; " + ngettext(
            "bijna {n} op de 10 kwam vaker dan één keer",
            "bijna {n} op de 10 kwamen vaker dan één keer",
            n + 1,
        ).format(n=n + 1)
    if n == 0:
        return "; " + _("minder dan 1 op de 10 kwam vaker dan één keer")
    if rest < ABOUT_A_TENTH:  # 80% to 81.4%: 8
        return "; " + ngettext(
            "{n} op de 10 kwam vaker dan één keer", "{n} op de 10 kwamen vaker dan één keer", n
        ).format(n=n)
    return "; " + ngettext(
        "ruim {n} op de 10 kwam vaker dan één keer",
        "ruim {n} op de 10 kwamen vaker dan één keer",
        n,
    ).format(n=n)


def reach_sentences(p: Profile) -> list[str]:
    """Who took part, how often, and who was new."""
    r = p.reach
    opening = _period_opening(p.period)
    if not r.registered:  # no registrations is not zero: nothing is said
        return []
    if r.bijeenkomsten == 0:
        return [
            _("{opening} waren er geen activiteiten in {name}.").format(
                opening=opening, name=p.name
            )
        ]
    activities = _activities(r.activiteiten)
    sessions = _sessions(r.bijeenkomsten)
    deelnames = _deelnames_of(r)
    if not r.participants_known:
        # totals-only registration: how many different people is unknown, so it is not said
        return [
            ngettext(
                "{opening} was er {sessions} van {activities} in {name}, met samen {deelnames}.",
                "{opening} waren er {sessions} van {activities} in {name}, met samen {deelnames}.",
                r.bijeenkomsten,
            ).format(
                opening=opening,
                sessions=sessions,
                activities=activities,
                name=p.name,
                deelnames=deelnames,
            )
        ]
    out = [
        _("{opening} deden {people} mensen mee aan {activities} in {name}{repeat}.").format(
            opening=opening,
            people=_persons(r.unieke_deelnemers),
            activities=activities,
            name=p.name,
            repeat=_repeat_part(r),
        )
    ]
    out.append(
        ngettext(
            "Er was {sessions}, met samen {deelnames}.",
            "Er waren {sessions}, met samen {deelnames}.",
            r.bijeenkomsten,
        ).format(sessions=sessions, deelnames=deelnames)
    )
    if (
        r.participants_shown
        and r.nieuw is not None
        and not _nieuw_hidden(r)
        and "nieuw" not in r.hidden
    ):
        # who is meant, said again: after the sentence on deelnames, "van hen" read as
        # "of the 3.331 deelnames"
        if r.nieuw == 0:
            out.append(_("Alle deelnemers deden al eerder mee."))
        else:
            out.append(
                _("{n} van de {people} deelnemers deden voor het eerst mee.").format(
                    n=_persons(r.nieuw), people=_persons(r.unieke_deelnemers)
                )
            )
    before = p.previous_reach
    if r.participants_shown and before is not None and before.participants_shown:
        out.append(
            # not "waren dat": after the sentence on newcomers, "dat" read as last year's newcomers
            _("Een jaar eerder deden er {n} mensen mee.").format(
                n=_persons(before.unieke_deelnemers)
            )
        )
    return out


def _per_1000_text(value: float) -> str:
    # in tenths, as the key figure beside the sentence ("49,5"; a walk read "49" beside it)
    return _("minder dan 0,1") if 0 < value < 0.05 else fmt.number(value, 1)


def standing_sentences(p: Profile) -> list[str]:
    """Reach among the inwoners, and the area's place in its gemeente."""
    shown = p.reach.per_1000_shown
    if shown is None or shown == 0:  # "0 op de 1.000" says no more than the sentences before
        return []
    text = _("Van de inwoners van {name} deden er {value} op de 1.000 mee").format(
        name=p.name, value=_per_1000_text(shown)
    )
    town = p.gemeente_reach.per_1000_shown
    if town is not None:
        text += _("; in heel {gemeente} {value} op de 1.000").format(
            gemeente=p.gemeente_name, value=_per_1000_text(town)
        )
    out = [text + "."]
    # the place among the areas whose reach is shown (a suppressed rate is not ranked)
    ranked = int(p.rank_values["waarde"].notna().sum())
    if p.rank is not None and ranked >= 2:
        nouns = LEVEL_NOUNS[p.level][1]
        among = "" if ranked == p.areas else _(" waarvan het bereik te tonen is")
        out.append(
            _(
                "Daarmee staat {name} op plaats {rank} van de {ranked} {areas} van {gemeente}{among}."
            ).format(
                name=p.name,
                rank=p.rank,
                ranked=ranked,
                areas=nouns,
                gemeente=p.gemeente_name,
                among=among,
            )
        )
    return out


def _types_by(types: pd.DataFrame, column: str) -> list[str]:
    rows = types[types[column] > 0].sort_values([column, "type"], ascending=[False, True])
    return [str(t) for t in rows["type"]]


def ownership_sentences(p: Profile) -> list[str]:
    """How many sessions residents organised themselves, and what those are."""
    r = p.reach
    if r.bijeenkomsten == 0:
        return []
    own = r.bewonersinitiatief_bijeenkomsten
    if own == 0:
        return [_("Geen van de bijeenkomsten was een bewonersinitiatief.")]
    found = _types_by(p.types, "bijeenkomsten_bewonersinitiatief")
    kinds = (
        fmt.join_words(found)
        if len(found) <= 3
        else _("onder meer {kinds}").format(kinds=fmt.join_words(found[:3]))
    )
    what = ngettext(
        "een activiteit die bewoners zelf bedenken en organiseren",
        "activiteiten die bewoners zelf bedenken en organiseren",
        own,
    )
    if own == r.bijeenkomsten:
        head = (
            _("De bijeenkomst was")
            if own == 1
            else _("Alle {n} bijeenkomsten waren").format(n=fmt.number(own))
        )
    else:
        head = ngettext(
            "{own} van de {total} bijeenkomsten was",
            "{own} van de {total} bijeenkomsten waren",
            own,
        ).format(own=fmt.number(own), total=fmt.number(r.bijeenkomsten))
    noun = ngettext("een bewonersinitiatief", "bewonersinitiatieven", own)
    return [f"{head} {noun}: {what} ({kinds})."]


# a column of an area's activity types: parts hidden for another reason than their own size
TYPES_HIDDEN = HIDDEN_COLUMN


def _types_not_adding_up(types: pd.DataFrame) -> pd.DataFrame:
    """The area's activity types when its own deelnames are hidden: their deelnames would add
    up to it, so unless the parts rule already hides one, the smallest is hidden (TYPES_HIDDEN)."""
    marks = fmt.one_more_hidden(types["deelnames"].tolist(), types["type"].tolist())
    return types.assign(**{TYPES_HIDDEN: marks}) if any(marks) else types


def _nieuw_hidden(r: Reach) -> bool:
    """Whether the new deelnemers are hidden beside all deelnemers (fmt.new_beside_all)."""
    return fmt.new_beside_all(r.nieuw, r.unieke_deelnemers)


def type_sentences(p: Profile) -> list[str]:
    """The activity types with the most deelnames."""
    if p.reach.bijeenkomsten == 0 or p.types.empty:
        return []
    rows = p.types.sort_values(["deelnames", "type"], ascending=[False, True])
    if len(rows) == 1:
        return [
            _("Alle activiteiten waren van één soort: {kind}.").format(kind=rows["type"].iloc[0])
        ]
    # every type's deelnames together are the area's, shown beside: hidden as parts of a total
    # (a type hidden beside a small one is named without its number)
    hidden = fmt.hidden_parts(
        rows["deelnames"].tolist(), already=_types_marked(rows), keys=rows["type"].tolist()
    )
    top = [
        t if h and not fmt.is_small(d) else f"{t} ({fmt.persons(d)})"
        for t, d, h in zip(rows["type"], rows["deelnames"], hidden, strict=True)
    ][:3]
    return [_("De meeste deelnames waren bij {kinds}.").format(kinds=fmt.join_words(top))]


def partner_sentences(p: Profile) -> list[str]:
    """How many partner organisations took part, and the most frequent ones."""
    if p.partners.empty:
        return []
    totals = p.partners.groupby(["organisatie_id", "partner"], as_index=False)[
        ["bijeenkomsten"]
    ].sum()
    totals = totals.sort_values(["bijeenkomsten", "partner"], ascending=[False, True])
    n = len(totals)
    names = [str(x) for x in totals["partner"]]
    if n == 1:
        return [_("1 partnerorganisatie werkte mee: {name}.").format(name=names[0])]
    return [
        _("{n} partnerorganisaties werkten mee, het vaakst {names}.").format(
            n=n, names=fmt.join_words(names[:2])
        )
    ]


def continuity_sentences(p: Profile) -> list[str]:
    """Which rollen are present in the wijk and for how long; which are missing. No names."""
    if p.wijkcode is None or not p.presence:
        return []
    where = _("hier") if p.level == WIJK else _("in de wijk {name}").format(name=p.wijknaam)
    out = []
    for item in p.presence:
        words = ROL_WORDS.get(item.rol)
        if words is None:
            continue
        singular, plural, _none = (_(word) for word in words)
        if item.aanwezig == 0:  # said by absent_sentence
            continue
        days = item.langste_dagen or 0
        # in the chart's words beside it ("1,6 jaar"): whole years said "al 1 jaar" there
        how_long = (
            _("al {duration}").format(duration=fmt.duration(days))
            if _years(days) >= 1
            else _("sinds {month}").format(month=_month(item.sinds))
            if item.sinds is not None
            else _("sinds kort")
        )
        if item.aanwezig == 1:
            out.append(
                _("{who} werkt {where} {how_long}.").format(
                    who=f"{singular[:1].upper()}{singular[1:]}", where=where, how_long=how_long
                )
            )
        else:
            out.append(
                _("Er werken {where} {n} {rol}; de langst zittende {how_long}.").format(
                    where=where, n=item.aanwezig, rol=plural, how_long=how_long
                )
            )
    absent = absent_sentence(p)
    if absent:
        out.append(absent)
        team_absent = any(x.rol == BUURTTEAM and x.aanwezig == 0 for x in p.presence)
        if team_absent and BUURTTEAM in set(p.partners.get("soort", ())):
            out.append(_("Het buurtteam werkte in deze periode wel mee aan activiteiten."))
    return out


def absent_sentence(p: Profile) -> str | None:
    """ "Er is hier nu geen opbouwwerker en geen wijkagent.", or None when every rol is there."""
    if p.wijkcode is None:
        return None
    where = _("hier") if p.level == WIJK else _("in de wijk {name}").format(name=p.wijknaam)
    missing = [
        _(ROL_WORDS[item.rol][2])
        for item in p.presence
        if item.aanwezig == 0 and item.rol in ROL_WORDS
    ]
    if not missing:
        return None
    return _("Er is {where} nu {missing}.").format(where=where, missing=fmt.join_words(missing))


def coverage_sentences(p: Profile) -> list[str]:
    """Opbouwwerk against need, and the wijk's place in need among the gemeente's wijken."""
    c = p.coverage
    if c is None:
        return []
    the_wijk = _("de wijk {name}").format(name=c.wijknaam)
    place = p.name if p.level == WIJK else the_wijk
    out = []
    if c.zonder_opbouwwerk is True:
        out.append(_("Er was in deze periode geen opbouwwerk in {place}.").format(place=place))
    elif c.zonder_opbouwwerk is False and c.fte is not None:
        # the hours beside the fte: the profile is read by residents too
        text = _("Er was gemiddeld {fte} fte opbouwwerk ({hours}) in {place}").format(
            fte=fmt.number(c.fte, 1), hours=fmt.hours_per_week(c.fte), place=place
        )
        if c.fte_per_10000 is not None:
            text += _(": {fte} fte per 10.000 inwoners").format(fte=fmt.number(c.fte_per_10000, 2))
            if c.gemeente_fte_per_10000 is not None:
                text += _(", tegen {fte} in heel {gemeente}").format(
                    fte=fmt.number(c.gemeente_fte_per_10000, 2), gemeente=p.gemeente_name
                )
        out.append(text + ".")
    if c.need_rank is not None and c.wijken >= 2:
        which = _ordinal_place(c.need_rank, c.wijken)
        who = c.wijknaam if p.level == WIJK else the_wijk
        out.append(
            _(
                "Van de {n} wijken van {gemeente} heeft {who} {which} behoefte aan opbouwwerk."
            ).format(n=c.wijken, gemeente=p.gemeente_name, who=who, which=which)
        )
    if c.kwadrant is not None and c.kwadrant in KWADRANT_SENTENCES:
        kwadrant = _kwadrant_words(c, c.kwadrant)
        out.append(
            _(
                "Vergeleken met het midden van de wijken van {gemeente} ({fte} fte per 10.000"
                " inwoners) is {kwadrant}."
            ).format(
                gemeente=p.gemeente_name,
                fte=fmt.number(c.median_fte_per_10000, 2),
                kwadrant=kwadrant,
            )
            if c.median_fte_per_10000 is not None
            else _("Vergeleken met het midden van de wijken van {gemeente} is {kwadrant}.").format(
                gemeente=p.gemeente_name, kwadrant=kwadrant
            )
        )
    return out


def _kwadrant_words(c: Coverage, kwadrant: str) -> str:
    """Need and coverage (`kwadrant`, c's code) against the middle wijk, in words; coverage in
    the shown figures (two decimals) when the wijk had opbouwwerk but not more than the middle
    wijk."""
    need = kwadrant.split("_", 1)[0]
    if kwadrant.endswith("lage_dekking") and c.zonder_opbouwwerk is True:
        return NONE_HERE[need]
    some = c.zonder_opbouwwerk is False and c.fte_per_10000 is not None
    if kwadrant.endswith("lage_dekking") and some and c.median_fte_per_10000 is not None:
        shown = fmt.number(c.fte_per_10000, 2)
        if shown == fmt.number(c.median_fte_per_10000, 2):
            return AS_MUCH_AS_THE_MIDDLE[need]
        return LESS_THAN_THE_MIDDLE[need]
    return KWADRANT_SENTENCES[kwadrant]


def sections(p: Profile) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The sentences by theme, each with a Dutch heading; themes without a sentence left out."""
    found = (
        (_("Meedoen"), reach_sentences(p) + standing_sentences(p)),
        (
            _("Wat er gebeurde"),
            ownership_sentences(p) + type_sentences(p) + partner_sentences(p),
        ),
        (_("Vertrouwde gezichten"), continuity_sentences(p)),
        (_("Opbouwwerk en behoefte"), coverage_sentences(p)),
        (_("Wat de wijk heeft"), plekken.sentences(p.assets, p.name) if p.assets else []),
    )
    return tuple((title, tuple(said)) for title, said in found if said)


def sentences(p: Profile) -> tuple[str, ...]:
    """The story in plain Dutch, under the public rules; no sentence about what is unknown."""
    return tuple(sentence for _, said in sections(p) for sentence in said)


# --- key figures ------------------------------------------------------------------------------


def key_figures(p: Profile) -> list[Compared]:
    """Every figure beside the gemeente's and a year earlier (None where unknown or not shown)."""
    r, g, b, gb = p.reach, p.gemeente_reach, p.previous_reach, p.previous_gemeente_reach

    def persons(x: Reach | None, attr: str) -> float | fmt.Hidden | None:
        if x is None or not x.participants_known:
            return None
        return fmt.HIDDEN if attr in x.hidden else getattr(x, attr)

    def rate(x: Reach | None) -> float | fmt.Hidden | None:
        if x is None:
            return None
        # a rate resting on 1 to 4 residents is hidden, and says so: "geen gegevens" told
        # residents of a buurt where one person took part that nobody had
        withheld = x.bereik_per_1000 is not None and x.per_1000_shown is None
        return fmt.HIDDEN if withheld or "bereikte_inwoners" in x.hidden else x.per_1000_shown

    def counted(x: Reach | None, attr: str) -> float | None:
        return getattr(x, attr) if x is not None and x.registered else None

    def shown(x: Reach | None, attr: str) -> float | None:
        return getattr(x, attr) if x is not None and x.participants_shown else None

    def new(x: Reach | None) -> float | fmt.Hidden | None:
        if x is not None and (_nieuw_hidden(x) or "nieuw" in x.hidden):
            return fmt.HIDDEN
        return shown(x, "nieuw")

    def share(x: Reach | None, attr: str) -> float | fmt.Hidden | None:
        if x is None or not x.participants_shown:
            return None
        value = getattr(x, attr)
        # a share that gives back 1 to 4 persons (of the base, or the rest) is not shown, and
        # says so rather than "geen gegevens"
        return fmt.HIDDEN if fmt.share_hidden(value, x.unieke_deelnemers) else value

    out = [
        Compared(
            _("Deelnemers (verschillende mensen)"),
            persons(r, "unieke_deelnemers"),
            persons(g, "unieke_deelnemers"),
            persons(b, "unieke_deelnemers"),
            "persons",
        ),
        Compared(
            _("Bereik per 1.000 inwoners"),
            rate(r),
            rate(g),
            rate(b),
            decimals=1,
        ),
        Compared(
            _("Kwamen vaker dan één keer"),
            share(r, "herhaal_pct"),
            share(g, "herhaal_pct"),
            share(b, "herhaal_pct"),
            "percentage",
        ),
        Compared(
            _("Nieuwe deelnemers"),
            new(r),
            new(g),
            new(b),
            "persons",
        ),
        Compared(
            _("Activiteiten"),
            counted(r, "activiteiten"),
            counted(g, "activiteiten"),
            counted(b, "activiteiten"),
        ),
        Compared(
            _("Bijeenkomsten"),
            counted(r, "bijeenkomsten"),
            counted(g, "bijeenkomsten"),
            counted(b, "bijeenkomsten"),
        ),
        Compared(
            _("Deelnames"),
            fmt.HIDDEN if "deelnames" in r.hidden else r.deelnames,
            g.deelnames,
            None if b is None else (fmt.HIDDEN if "deelnames" in b.hidden else b.deelnames),
            "persons",
        ),
        Compared(
            _("Bijeenkomsten van bewonersinitiatieven"),
            r.bewonersinitiatief_pct,
            g.bewonersinitiatief_pct,
            None if b is None else b.bewonersinitiatief_pct,
            "percentage",
        ),
    ]
    del gb  # the gemeente a year earlier is not shown beside the area
    c = p.coverage
    if c is not None:
        suffix = "" if p.level == WIJK else _(" (wijk {name})").format(name=c.wijknaam)
        out.append(
            Compared(
                _("Fte opbouwwerk per 10.000 inwoners") + suffix,
                c.fte_per_10000,
                c.gemeente_fte_per_10000,
                c.previous_fte_per_10000,
                decimals=2,
            )
        )
    return out


def value_text(c: Compared, value: float | fmt.Hidden | None) -> str:
    """A key figure's value in Dutch notation (small counts of persons as '<5')."""
    if isinstance(value, fmt.Hidden):
        return fmt.SHARE_HIDDEN
    if value is None or fmt.is_missing(value):
        return fmt.MISSING
    if c.kind == "persons":
        return fmt.persons(value)
    if c.kind == "percentage":
        return fmt.percentage(value)
    return fmt.number(value, c.decimals)


def change(c: Compared) -> float | None:
    """The change against a year earlier; None when unknown or when it would give a small count back."""
    if c.value is None or c.previous is None:
        return None
    if isinstance(c.value, fmt.Hidden) or isinstance(c.previous, fmt.Hidden):
        return None
    if c.kind == "persons" and min(c.value, c.previous) < SMALL:
        return None
    # of the values as shown: the tile's change is the difference of the figures beside it
    return fmt.shown_change(c.value, c.previous, c.decimals)


def verdict(c: Compared) -> str | None:
    """'gunstig', 'ongunstig' or 'gelijk' for the change; None without a change.

    A code (Dutch in both languages): compare it, show `verdict_word`."""
    delta = change(c)
    if delta is None:
        return None
    if delta == 0:  # "20%" against "20%" (20,3 and 20,4): no "-0 %-punt, ongunstig"
        return "gelijk"
    if c.better == 0:
        return None
    return "gunstig" if (delta > 0) == (c.better > 0) else "ongunstig"


def verdict_word(c: Compared) -> str | None:
    """The verdict on the change in the run's language ("favourable"); None without one."""
    word = verdict(c)
    return None if word is None else VERDICT_WORDS[word]


def change_text(c: Compared) -> str | None:
    """'+12 t.o.v. een jaar eerder (gunstig)', or None when it cannot be compared."""
    shown = delta_text(c)
    if shown is None:
        return None
    word = verdict_word(c)
    return _("{change} t.o.v. een jaar eerder").format(change=shown) + (
        f" ({word})" if word else ""
    )


def delta_text(c: Compared) -> str | None:
    """The change alone, for a small tile: '+12', '-0,7', '-18 %-punt' (a percentage's change
    in points: '-18' beside '17%' read as 18 people or 18 percent); None when it cannot be
    compared."""
    delta = change(c)
    if delta is None:
        return None
    unit = " " + _("%-punt") if c.kind == "percentage" else ""
    return f"{'+' if delta > 0 else ''}{fmt.number(delta or 0.0, c.decimals)}{unit}"


def _cell(c: Compared, value: float | fmt.Hidden | None) -> object:
    """A number for a spreadsheet cell; '<5' for a suppressed count of persons."""
    if isinstance(value, fmt.Hidden):
        return fmt.SHARE_HIDDEN
    if value is None or fmt.is_missing(value):
        return None
    if c.kind == "persons":
        return f"<{SMALL}" if 0 < value < SMALL else int(value)
    return fmt.as_shown(value, c.decimals)


def key_figures_frame(p: Profile) -> pd.DataFrame:
    """The key figures with Dutch headers: real numbers, '<5' where a count is suppressed."""
    figures = key_figures(p)
    return pd.DataFrame(
        {
            # a share is a number in its cell (85), so its unit goes with the label
            _("Kengetal"): [_with_unit(c.label, c.kind) for c in figures],
            p.name: [_cell(c, c.value) for c in figures],
            _("Heel {gemeente}").format(gemeente=p.gemeente_name): [
                _cell(c, c.gemeente) for c in figures
            ],
            _("Een jaar eerder"): [_cell(c, c.previous) for c in figures],
            _("Verandering"): [change(c) for c in figures],
            _("Oordeel"): [verdict_word(c) for c in figures],
        }
    )


# --- story ------------------------------------------------------------------------------------


def _suppressed(values: pd.Series) -> list[object]:
    return [
        fmt.SHARE_HIDDEN
        if fmt.is_hidden(v)
        else None
        if fmt.is_missing(v)
        else (f"<{SMALL}" if 0 < float(v) < SMALL else int(v))
        for v in values
    ]


def _types_marked(types: pd.DataFrame) -> list[bool] | None:
    """The types hidden for another reason than their size (TYPES_HIDDEN), if any."""
    return types[TYPES_HIDDEN].astype(bool).tolist() if TYPES_HIDDEN in types else None


def _part_cells(types: pd.DataFrame) -> list[object]:
    """The types' deelnames for a cell, as the chart shows them (fmt.hidden_parts)."""
    return tables.part_cells(types["deelnames"], _types_marked(types), types["type"].tolist())


def attribution(p: Profile) -> str:
    """The map's attribution: CBS/Kadaster, or a note on fictitious demo geometry."""
    return maps.ATTRIBUTION_FICTIEF if p.fictitious else maps.ATTRIBUTION_CBS


def _partner_kind(code: str) -> str:
    """A partner's soort in the figures: the code as always in Dutch, the label in English."""
    return SOORT_LABELS.get(code, code) if current() == EN else code


def charts_of(p: Profile) -> tuple[Chart, ...]:
    """The charts of the story, each with the figures behind it (Dutch headers)."""
    out = [
        Chart(
            "kerncijfers",
            _("Kerncijfers"),
            charts.figures_table(_figures_display(p)),
            key_figures_frame(p),
        )
    ]
    if not p.trend.empty and p.trend["bijeenkomsten"].sum() > 0:
        trend = p.trend
        out.append(
            Chart(
                "trend",
                _("Door de jaren"),
                charts.years_chart(trend),
                pd.DataFrame(
                    {
                        _("Periode"): trend["periode"],
                        _("Van"): trend["van"],
                        _("Tot en met"): trend["tot_en_met"],
                        _("Bijeenkomsten"): trend["bijeenkomsten"].astype(int),
                        _("Deelnames"): _suppressed(trend["deelnames"]),
                        _("Deelnemers"): _suppressed(trend["unieke_deelnemers"]),
                    }
                ),
            )
        )
    if not p.types.empty:
        t = p.types.sort_values(["deelnames", "type"], ascending=[False, True])
        out.append(
            Chart(
                "activiteiten",
                _("Soorten activiteiten"),
                charts.types_chart(p.types),
                pd.DataFrame(
                    {
                        _("Soort activiteit"): t["type"].astype(str),
                        _("Activiteiten"): t["activiteiten"].astype(int),
                        _("Bijeenkomsten"): t["bijeenkomsten"].astype(int),
                        _("Bijeenkomsten van bewonersinitiatieven"): t[
                            "bijeenkomsten_bewonersinitiatief"
                        ].astype(int),
                        _("Deelnames"): _part_cells(t),
                    }
                ),
            )
        )
    if not p.partners.empty:
        part = p.partners.sort_values(["bijeenkomsten", "partner"], ascending=[False, True])
        out.append(
            Chart(
                "partners",
                _("Partners"),
                charts.partners_chart(p.partners),
                pd.DataFrame(
                    {
                        _("Partnerorganisatie"): part["partner"].astype(str),
                        _("Soort"): [_partner_kind(str(v)) for v in part["soort"]],
                        _("Bijeenkomsten"): part["bijeenkomsten"].astype(int),
                    }
                ),
            )
        )
    present = presence_frame(p)
    if not present.empty and (present["aanwezig"] > 0).any():
        shown = present[present["aanwezig"] > 0]
        out.append(
            Chart(
                "continuiteit",
                _("Vertrouwde gezichten"),
                charts.presence_chart(present),
                pd.DataFrame(
                    {
                        _("Rol"): [charts.rol_label(r) for r in shown["rol"]],
                        _("Aantal nu"): shown["aanwezig"].astype(int),
                        _("Langst in de wijk (jaren)"): shown["jaren"].round(1),
                    }
                ),
            )
        )
    if p.rank is not None and p.areas >= 2:
        values = p.rank_values
        # in the order of the places, as the chart ranks them (a suppressed rate last)
        ranked = values.sort_values("waarde", ascending=False, na_position="last", kind="stable")
        known = ranked["waarde"].notna()
        out.append(
            Chart(
                "plaats",
                _("Plaats in de gemeente"),
                charts.rank_chart(values, p.code, _("Bereik per 1.000 inwoners")),
                pd.DataFrame(
                    {
                        _("Plaats"): [
                            int(n) if k else None
                            for n, k in zip(known.cumsum(), known, strict=True)
                        ],
                        _("Gebied"): ranked["naam"].astype(str),
                        _("Bereik per 1.000 inwoners"): [
                            None if fmt.is_missing(v) else round(float(v), 2)
                            for v in ranked["waarde"]
                        ],
                    }
                ),
            )
        )
    if not p.shapes.empty and p.shapes.geometry.notna().any():
        out.append(
            Chart(
                "kaart",
                _("{name} in {gemeente}").format(name=p.name, gemeente=p.gemeente_name),
                charts.locator_map(p.shapes, p.code, attribution(p)),
                pd.DataFrame(
                    {
                        _("Gebied"): p.shapes["naam"].astype(str),
                        _("Code"): p.shapes["gebiedscode"].astype(str),
                        _("Dit gebied"): (p.shapes["gebiedscode"] == p.code).map(
                            {True: _("ja"), False: _("nee")}
                        ),
                    }
                ),
                # "Oude Haven in Lindenwaard (fic…" did not fit a sheet's 31 characters
                sheet=_("Ligging"),
                # the title slide names the area itself: the page's names and numbers, sized
                # for a narrow column, ran into each other in the projector's type
                slide=charts.locator_map(p.shapes, p.code, attribution(p), all_names=False),
            )
        )
    if p.assets is not None:
        out.extend(plekken.charts_of(p.assets, p.shapes, p.code, attribution(p)))
    return tuple(out)


def _figures_display(p: Profile) -> pd.DataFrame:
    figures = key_figures(p)
    return pd.DataFrame(
        {
            _("Kengetal"): [c.label for c in figures],
            p.name: [value_text(c, c.value) for c in figures],
            _("Heel {gemeente}").format(gemeente=p.gemeente_name): [
                value_text(c, c.gemeente) for c in figures
            ],
            _("Een jaar eerder"): [value_text(c, c.previous) for c in figures],
            _("Verandering"): [change_text(c) or "" for c in figures],
        }
    )


def presence_frame(p: Profile) -> pd.DataFrame:
    """rol, aanwezig, jaren (of the longest-serving one) per rol of the gemeente."""
    return pd.DataFrame(
        {
            "rol": [x.rol for x in p.presence],
            "aanwezig": [x.aanwezig for x in p.presence],
            "jaren": [(x.langste_dagen or 0) / 365.25 if x.aanwezig else 0.0 for x in p.presence],
        },
        columns=["rol", "aanwezig", "jaren"],
    )


def _chart(found: tuple[Chart, ...], name: str) -> Chart | None:
    """The chart of that name as a slide shows it (its `slide` figure, where it has one)."""
    return next((c.projected for c in found if c.name == name), None)


def _rank_note(p: Profile) -> str:
    """Under the slide of people who took part, beside the ranking of bereik per 1.000: that
    the chart counts other people (the area's residents, wherever they went). On a projector
    "678 mensen" beside "49,5" of 8.500 inwoners (about 420) read as a mistake."""
    shown = p.reach.per_1000_shown
    if shown is None:
        return _(
            "De grafiek telt de inwoners die meededen (ook aan activiteiten elders), op elke"
            " 1.000 inwoners."
        )
    return _(
        "De grafiek telt de inwoners die meededen (ook aan activiteiten elders), op elke"
        " 1.000 inwoners: in {name} {value}."
    ).format(name=p.name, value=_per_1000_text(shown))


def _slides(p: Profile, said: tuple[str, ...], found: tuple[Chart, ...]) -> tuple[Slide, ...]:
    r = p.reach
    # the map of where the area lies opens the meeting: residents first look for their own
    # street, and a title slide without it was an empty screen
    slides = [
        Slide(
            p.name,
            _("Wijkprofiel van {gemeente} · {period}").format(
                gemeente=p.gemeente_name, period=period_text(p.period)
            ),
            _chart(found, "kaart"),
        ),
    ]
    rank_note = _rank_note(p) if _chart(found, "plaats") is not None else ""
    if not r.registered:
        pass
    elif r.bijeenkomsten == 0:
        slides.append(Slide(_("Meedoen"), _("In deze periode waren er geen activiteiten.")))
    elif r.participants_known:
        slides.append(
            Slide(
                _("Meedoen"),
                _("{people} mensen deden mee aan {activities}").format(
                    people=_persons(r.unieke_deelnemers), activities=_activities(r.activiteiten)
                ),
                _chart(found, "plaats"),
                rank_note,
            )
        )
        repeat = _repeat_part(r)
        if repeat:
            slides.append(Slide(_("Vaker terug"), repeat[2:].capitalize()))
    else:
        slides.append(
            Slide(
                _("Meedoen"),
                f"{_sessions(r.bijeenkomsten)}, {_deelnames_of(r)}",
                _chart(found, "plaats"),
                rank_note,
            )
        )
    if r.bijeenkomsten > 0:
        own = r.bewonersinitiatief_bijeenkomsten
        slides.append(
            Slide(
                _("Van bewoners zelf"),
                _("{own} van de {sessions} door bewoners zelf georganiseerd").format(
                    own=fmt.number(own), sessions=_sessions(r.bijeenkomsten)
                )
                if own
                else _("Nog geen bewonersinitiatieven"),
            )
        )
    types = _chart(found, "activiteiten")
    if types is not None:
        top = p.types.sort_values(["deelnames", "type"], ascending=[False, True])["type"].iloc[0]
        slides.append(
            Slide(_("Wat er gebeurde"), _("Het meest bezocht: {kind}").format(kind=top), types)
        )
    partners = _chart(found, "partners")
    if partners is not None:
        n = p.partners["organisatie_id"].nunique()
        slides.append(
            Slide(
                _("Samen met"),
                ngettext(
                    "{n} partnerorganisatie werkte mee", "{n} partnerorganisaties werkten mee", n
                ).format(n=fmt.number(n)),
                partners,
            )
        )
    faces = continuity_sentences(p)
    if faces:
        # "Er is hier nu geen opbouwwerker" comes after the rollen present, but it is the
        # first question of a wijk meeting: a slide on the maatschappelijk werker hid it
        absent = absent_sentence(p)
        said_first = absent if absent and _opbouwwerker_missing_now(p) else faces[0]
        slides.append(
            Slide(_("Vertrouwde gezichten"), said_first.rstrip("."), _chart(found, "continuiteit"))
        )
    cover = coverage_sentences(p)
    if cover:
        slides.append(
            Slide(_("Opbouwwerk en behoefte"), _coverage_message(p), note=_coverage_note(p))
        )
    trend = _chart(found, "trend")
    if trend is not None and len(p.trend) >= 2:
        slides.append(Slide(_("Door de jaren"), _trend_message(p), trend))
    if p.assets is not None:
        slides.extend(plekken.slides(p.assets, p.name, found))
    slides.append(Slide(_("Praat mee"), _("Wat wilt u samen doen in {name}?").format(name=p.name)))
    del said
    return tuple(slides)


def _opbouwwerker_missing_now(p: Profile) -> bool:
    """Whether the wijk has no opbouwwerker on the reference date (while the inzet is known)."""
    return any(item.rol == OPBOUWWERKER and item.aanwezig == 0 for item in p.presence)


def _coverage_message(p: Profile) -> str:
    c = p.coverage
    assert c is not None
    if c.zonder_opbouwwerk:
        return _("Geen opbouwwerk in deze periode")
    # no sentence about the unknown: fte only where the gemeente registers inzet; the fte is
    # the period's average, so "18 uur" beside nobody now would say someone is there: then the
    # slide says that nobody is there, and the average goes in its note (_coverage_note; a
    # walk read "gemiddeld 18 uur per week opbouwwerk, nu geen" as a riddle). Hours, not
    # fte: the slides are for residents, who do not speak of fte
    fte = None
    if _opbouwwerker_missing_now(p):
        fte = _("Nu is er geen opbouwwerker")
    elif c.fte is not None and not fmt.is_missing(c.fte):
        fte = _("{hours} opbouwwerk").format(hours=fmt.hours_per_week(c.fte))
    if c.need_rank is not None and c.wijken >= 2:
        which = _ordinal_place(c.need_rank, c.wijken)
        need = _("{which} behoefte van {n} wijken").format(
            which=f"{which[:1].upper()}{which[1:]}", n=c.wijken
        )
        return f"{need}. {fte}" if fte else need
    return fte or _("Geen registraties van inzet")


def _coverage_note(p: Profile) -> str:
    """Under a slide that says nobody is there now: the period's average, in hours."""
    c = p.coverage
    if c is None or c.fte is None or fmt.is_missing(c.fte) or not _opbouwwerker_missing_now(p):
        return ""
    return _("In deze periode was er gemiddeld {hours} opbouwwerk.").format(
        hours=fmt.hours_per_week(c.fte)
    )


def _trend_message(p: Profile) -> str:
    now, before = p.reach, p.previous_reach
    if before is not None and now.participants_shown and before.participants_shown:
        a, b = now.unieke_deelnemers or 0, before.unieke_deelnemers or 0
        if a > b:
            return _("Meer deelnemers dan een jaar eerder")
        if a < b:
            return _("Minder deelnemers dan een jaar eerder")
        return _("Evenveel deelnemers als een jaar eerder")
    if before is not None:
        a, b = now.bijeenkomsten, before.bijeenkomsten
        if a > b:
            return _("Meer bijeenkomsten dan een jaar eerder")
        if a < b:
            return _("Minder bijeenkomsten dan een jaar eerder")
        return _("Evenveel bijeenkomsten als een jaar eerder")
    return ngettext("{n} jaar activiteiten", "{n} jaar activiteiten", len(p.trend)).format(
        n=len(p.trend)
    )


def source(p: Profile) -> str:
    """Where the figures come from."""
    if p.fictitious:
        return _("Bron: fictieve demogegevens (verzonnen gemeente en registraties)")
    return _("Bron: registraties van activiteiten en inzet; gebieden en inwoners: Kadaster / CBS")


def history_chart(history: opbrengst.History) -> Chart:
    """The wijk's own before/after around a change of opbouwwerker (docs/DESIGN.md §6.3)."""
    kind = opbrengst.OUTCOMES[history.outcome].kind
    periods = (
        _("12 maanden ervoor ({start} – {end})").format(
            start=_month(history.before_period.start), end=_month(history.before_period.end)
        ),
        _("12 maanden erna ({start} – {end})").format(
            start=_month(history.after_period.start), end=_month(history.after_period.end)
        ),
    )
    return Chart(
        "opbouwwerk-voor-en-na",
        _("Voor en na de wisseling van opbouwwerker"),
        opbrengst_charts.history_chart(
            history.label,
            history.before,
            history.after,
            periods,
            (
                opbrengst.shown(history.outcome, history.before),
                opbrengst.shown(history.outcome, history.after),
            ),
            percentage=kind == "percentage",
        ),
        # the values as the sentence and the chart give them ("40%", not 40.26402640264026),
        # with the unit in the header
        pd.DataFrame(
            {
                _("Periode"): list(periods),
                _with_unit(history.label, kind): [
                    _as_shown(history.outcome, history.before),
                    _as_shown(history.outcome, history.after),
                ],
            }
        ),
        sheet=_("Voor en na de wisseling"),
    )


def _with_unit(label: str, kind: str) -> str:
    """A column's or row's label with "(%)" for a share, whose cells hold bare numbers (85)."""
    return f"{label} (%)" if kind == "percentage" else label


def _as_shown(outcome: str, value: float) -> float | str:
    """An outcome rounded as opbrengst.shown writes it; a count of 1 to 4 persons "<5"."""
    measure = opbrengst.OUTCOMES[outcome]
    if measure.kind == "persons" and fmt.is_small(value):
        return f"<{SMALL}"
    return fmt.as_shown(value, measure.decimals if measure.kind == "rate" else 0)


def story(profile: Profile) -> Story:
    """The public story of one area: sentences, charts with their figures, and slides.

    A CBS wijk's own story around a change of opbouwwerker (`Profile.history`, the Opbrengst
    screen's `wijk_history`) is one more sentence, chart and slide where the data supports it.
    """
    history = profile.history
    said = sentences(profile)
    parts = sections(profile)
    found = charts_of(profile)
    slides = _slides(profile, said, found)
    if history is not None:
        extra = history_chart(history)
        said = (*said, history.sentence)
        parts = (*parts, (_("Opbouwwerk door de jaren"), (history.sentence,)))
        found = (*found, extra)
        # before the closing "Praat mee" slide
        slides = (
            *slides[:-1],
            Slide(_("Opbouwwerk door de jaren"), history.sentence, extra),
            slides[-1],
        )
    return Story(
        area_code=profile.code,
        area_name=profile.name,
        gemeente_name=profile.gemeente_name,
        period_text=period_text(profile.period),
        sentences=said,
        charts=found,
        slides=slides,
        source=source(profile),
        fictitious=profile.fictitious,
        made=profile.made,
        period=profile.period,
        sections=parts,
        verhalen=(
            tuple(plekken.verhalen_shown(profile.assets)) if profile.assets is not None else ()
        ),
    )
