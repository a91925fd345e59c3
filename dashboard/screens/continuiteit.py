"""What the Continuïteit screen offers: map measures per rol, in display units, and its level;
and who is named in its timeline and signals (docs/DESIGN.md §7)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

import pandas as pd

from dashboard.display import formatting as fmt
from dashboard.display import tables
from dashboard.display.labels import LEVEL_NOUNS, ROL_LABELS
from dashboard.domain.codes import COUNTRY, ONBEZET, OPBOUWWERKER, VERTREK
from dashboard.domain.period import Period
from dashboard.i18n import N_, _
from dashboard.screens.access import Viewer
from dashboard.screens.focus import Focus
from dashboard.screens.indicators import MapIndicator, continuity_values
from dashboard.warehouse import queries

MAP_MEASURES: dict[str, MapIndicator] = {
    "mediane_verblijfsduur_dagen": MapIndicator(
        N_("Mediane verblijfsduur"),
        queries.continuiteit,
        "mediane_verblijfsduur_dagen",
        N_("jaar"),
        1,
        scale=1 / 365.25,
    ),
    "continuiteitsindex": MapIndicator(
        N_("Continuïteitsindex (aandeel fte twee jaar of langer in de wijk)"),
        queries.continuiteit,
        "continuiteitsindex",
        "%",
    ),
    "verloop_pct": MapIndicator(
        N_("Verloop per jaar"), queries.continuiteit, "verloop_pct", "%", 0
    ),
    "gezichten": MapIndicator(
        N_("Gezichten"), queries.continuiteit, "gezichten", N_("professionals")
    ),
    "onbezet_dagen": MapIndicator(
        N_("Onbezette dagen"), queries.continuiteit, "onbezet_dagen", N_("dagen")
    ),
}

# The map shows one rol; without a rol filter it shows the opbouwwerkers.
DEFAULT_MAP_ROL = OPBOUWWERKER


def map_values(per_wijk: pd.DataFrame, measure: str, rol: str) -> pd.DataFrame:
    """gebiedscode, `value` (display units) and hover `tekst` of one continuity map measure for one rol."""
    return continuity_values(per_wijk, MAP_MEASURES[measure], rol)


def spells_of(spells: pd.DataFrame, wijkcode: str) -> pd.DataFrame:
    """The timeline rows of one wijk."""
    return spells[spells["wijkcode"] == wijkcode]


def curve_level(focus: Focus) -> str:
    """The level to fetch the focus's survival curve at; nationally `land`, all spells pooled."""
    return COUNTRY if focus.national else focus.level


def curve_rows(focus: Focus, curve: pd.DataFrame) -> pd.DataFrame:
    """The survival curve of the focus, from a curve fetched at `curve_level(focus)`."""
    return curve if focus.national else focus.rows(curve)


# --- names for team leads (docs/DESIGN.md §7) ----------------------------------------------

LETTERS = 26  # "Opbouwwerker A".."Opbouwwerker Z", then "Opbouwwerker 27"

# A rol in running text; "Overig" would read "geen overig".
_ROL_NOUNS = {"other": N_("overige professional")}


def _mark(volgnummer: int) -> str:
    """A person's number in a wijk and rol as shown: A..Z, then 27, 28, ..."""
    number = int(volgnummer)
    return chr(ord("A") + number - 1) if 1 <= number <= LETTERS else str(number)


def anonymous_label(rol: str, volgnummer: int) -> str:
    """'Opbouwwerker A': the rol and the person's number in the wijk and rol (A..Z, then 27, ...)."""
    return f"{ROL_LABELS.get(rol, rol)} {_mark(volgnummer)}"


def rol_noun(rol: str) -> str:
    """A rol in running text: 'opbouwwerker', 'maatschappelijk werker', 'overige professional'."""
    own = _ROL_NOUNS.get(rol)
    return _(own) if own else ROL_LABELS.get(rol, rol).lower()


NAME_COLUMNS = ("professional_id", "naam", "organisatie_id")


def no_names() -> pd.DataFrame:
    """The names frame of a viewer who sees none (the columns of `queries.professional_namen`)."""
    return pd.DataFrame({c: pd.Series(dtype=object) for c in NAME_COLUMNS})


def _names(names: pd.DataFrame) -> dict[tuple[str, str], str]:
    """(professional_id, organisatie_id) -> naam, from `queries.professional_namen`."""
    return {
        (str(p), str(o)): str(n)
        for p, n, o in zip(
            names["professional_id"], names["naam"], names["organisatie_id"], strict=True
        )
    }


def _name_for(
    professional_id: object,
    organisatie_id: object,
    names: dict[tuple[str, str], str],
    viewer: Viewer,
) -> str | None:
    """The name this viewer may see for a professional of an organisation, else None."""
    if fmt.is_missing(professional_id) or fmt.is_missing(organisatie_id):
        return None
    if not viewer.sees_names_of(organisatie_id):
        return None
    return names.get((str(professional_id), str(organisatie_id)))


def _id(value: object) -> str:
    return "" if fmt.is_missing(value) else str(value)


def _first_starts(
    keys: list[tuple[str, ...]], starts: list[pd.Timestamp]
) -> dict[tuple[str, ...], pd.Timestamp]:
    """The earliest start per key (a missing start sorts last)."""
    first: dict[tuple[str, ...], pd.Timestamp] = {}
    for key, start in zip(keys, starts, strict=True):
        when = pd.Timestamp.max if pd.isna(start) else start
        first[key] = min(first.get(key, when), when)
    return first


def _labels_beside_names(spells: pd.DataFrame, named: list[str | None]) -> list[str]:
    """The labels for a viewer who sees names: letters that tell nothing about who is named.

    spell_tijdlijn numbers each person once per wijk and rol across all organisations, so its
    letters beside names would give people away: a missing letter is a named person, and the
    same letter on another organisation's spell is that named person again. Here the unnamed
    spells are counted on their own, per wijk and rol, 1, 2, ... in order of first start in
    the view; a person is a professional at one organisation (the same professional at
    another organisation is another anonymous person). Named people get no letter; two of
    one name in a wijk and rol are told apart by their first start there.
    """
    wijken = [_id(w) for w in spells["wijkcode"]]
    rollen = [_id(r) for r in spells["rol"]]
    starts = list(pd.to_datetime(spells["startdatum"]))
    people = [
        (w, r, _id(p), _id(o))
        for w, r, p, o in zip(
            wijken, rollen, spells["professional_id"], spells["organisatie_id"], strict=True
        )
    ]
    # unnamed: (wijk, rol, professional, organisatie) -> its number among the unnamed
    unnamed = _first_starts(
        [k for k, name in zip(people, named, strict=True) if name is None],
        [t for t, name in zip(starts, named, strict=True) if name is None],
    )
    numbers: dict[tuple[str, ...], int] = {}
    counted: dict[tuple[str, ...], int] = {}  # (wijk, rol) -> unnamed people so far
    for key in sorted(unnamed, key=lambda k: (k[0], k[1], unnamed[k], k[2], k[3])):
        counted[key[:2]] = numbers[key] = counted.get(key[:2], 0) + 1
    # named: (wijk, rol, name, professional) -> first start; a name shared in a wijk and rol
    # gets the start date, and where that is shared too, a count
    named_people = _first_starts(
        [
            (w, r, name, p)
            for (w, r, p, _), name in zip(people, named, strict=True)
            if name is not None
        ],
        [t for t, name in zip(starts, named, strict=True) if name is not None],
    )
    shared: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for key in sorted(named_people, key=lambda k: (named_people[k], k[3])):
        shared.setdefault(key[:3], []).append(key)
    suffixes: dict[tuple[str, ...], str] = {}
    for same_name in shared.values():
        if len(same_name) == 1:
            continue
        for key in same_name:
            first = named_people[key]
            when = (
                ""
                if first == pd.Timestamp.max
                else _("vanaf {date}").format(date=fmt.dutch_date(first.date()))
            )
            twins = [k for k in same_name if named_people[k] == first]
            count = f"{twins.index(key) + 1}" if len(twins) > 1 else ""
            suffixes[key] = f" ({', '.join(part for part in (when, count) if part)})"
    return [
        anonymous_label(rol, numbers[key])
        if name is None
        else name + suffixes.get((key[0], key[1], name, key[2]), "")
        for key, rol, name in zip(people, spells["rol"], named, strict=True)
    ]


def spell_labels(spells: pd.DataFrame, names: pd.DataFrame, viewer: Viewer) -> pd.Series:
    """The label per spell (aligned with `spells`).

    A viewer who sees no names gets spell_tijdlijn's letters: 'Opbouwwerker A', B, ... per
    wijk and rol, one per person, in order of first start. A team lead gets the professional's
    name on the spells of their own organisations, and on the other spells letters counted
    among those spells only (see `_labels_beside_names`), also when no name is at hand
    (a team lead knows their own people, so the shared letters would still link them).
    """
    if not viewer.sees_names:
        labels = [
            anonymous_label(rol, number)
            for rol, number in zip(spells["rol"], spells["volgnummer"], strict=True)
        ]
    else:
        known = _names(names)
        labels = _labels_beside_names(
            spells,
            [
                _name_for(p, o, known, viewer)
                for p, o in zip(spells["professional_id"], spells["organisatie_id"], strict=True)
            ],
        )
    return pd.Series(labels, index=spells.index, name="label", dtype=object)


def labelled(spells: pd.DataFrame, names: pd.DataFrame, viewer: Viewer) -> pd.DataFrame:
    """The timeline rows with a `label` column (see `spell_labels`)."""
    return spells.assign(label=spell_labels(spells, names, viewer))


NAMED_SIGNAL_COLUMNS = (
    "tekst",
    "signaal",
    "gemeentecode",
    "wijkcode",
    "wijknaam",
    "rol",
    "organisatie_id",
    "startdatum",
    "einddatum",
)


def named_signals(signals: pd.DataFrame, names: pd.DataFrame, viewer: Viewer) -> pd.DataFrame:
    """The signals of the organisations whose names the viewer sees (a team lead's own; none for
    anyone else) as Dutch sentences, most urgent first: NAMED_SIGNAL_COLUMNS, with dates.

    "Fatima Bakker (opbouwwerker, Oude Haven) stopt over 45 dagen; geen opvolger", or for an
    unfilled rol "Oude Haven: geen opbouwwerker sinds 3 mrt 2026 (243 dagen)" (startdatum
    None).
    Urgency is the days until the wijk has nobody in the rol: a departure's days left; for an
    unfilled rol minus the days it has been unfilled, so the longest gap comes first. The days
    are the signals' own `dagen`, counted from their peildatum.
    """
    known = _names(names)
    rows = []
    row: Any  # a row of `signals` (itertuples gives no column types)
    for row in signals.itertuples(index=False):
        if fmt.is_missing(row.organisatie_id) or not viewer.sees_names_of(row.organisatie_id):
            continue
        end = pd.Timestamp(row.einddatum).date()
        wijk = str(row.wijknaam)
        if row.signaal == ONBEZET:
            since = end + timedelta(days=1)  # the last day someone was there is the einddatum
            unfilled = int(row.dagen)  # the days the table of all signals shows
            # with its days, as the table of all signals says them
            text = _("{wijk}: geen {role} sinds {date} ({days})").format(
                wijk=wijk,
                role=rol_noun(row.rol),
                date=fmt.dutch_date(since),
                days=fmt.days(unfilled),
            )
            start = None
            urgency = -unfilled
        elif row.signaal == VERTREK:
            left = int(row.dagen)  # the days the table of all signals shows
            who = _name_for(row.professional_id, row.organisatie_id, known, viewer)
            text = _("{who} ({role}, {wijk}) stopt over {days}; geen opvolger").format(
                who=who or _("Een professional"),
                role=rol_noun(row.rol),
                wijk=wijk,
                days=fmt.days(left),
            )
            start = None if fmt.is_missing(row.startdatum) else pd.Timestamp(row.startdatum).date()
            urgency = left
        else:
            raise ValueError(f"unknown signaal {row.signaal!r}")
        rows.append(
            (
                urgency,
                text,
                row.signaal,
                row.gemeentecode,
                row.wijkcode,
                wijk,
                row.rol,
                row.organisatie_id,
                start,
                end,
            )
        )
    rows.sort(key=lambda r: (r[0], r[5], r[6], r[1]))
    return pd.DataFrame([r[1:] for r in rows], columns=list(NAMED_SIGNAL_COLUMNS), dtype=object)


def by_urgency(signals: pd.DataFrame) -> pd.DataFrame:
    """The signals most urgent first, as `named_signals` orders a team lead's: the rol unfilled
    longest, then the departure soonest (then wijk and rol)."""
    urgency = signals["dagen"].where(signals["signaal"] != ONBEZET, -signals["dagen"])
    order = (
        signals.assign(_urgency=urgency)
        .sort_values(["_urgency", "wijknaam", "rol"], kind="stable", na_position="last")
        .drop(columns="_urgency")
    )
    return order.reset_index(drop=True)


def own_share(own: int, shown: int) -> str:
    """How many of the signals on the screen (its filters and chosen wijk) are the team
    lead's own: Overzicht counts every signal of the gemeente, unfiltered."""
    return _(
        "Signalen over uw organisatie: {own} van {total} op dit scherm (met de gekozen filters);"
        " alle {total} staan hieronder, zonder namen."
    ).format(own=fmt.number(own), total=fmt.number(shown))


# A year; a shorter period annualises its few departures (verloop_pct, docs/DESIGN.md).
_YEAR_DAYS = 365


def short_period_note(period: Period) -> str | None:
    """A warning for a period under a year: its verloop is scaled up to a year, so one
    departure weighs heavily (in a month as twelve), and the survival curve counts only the
    departures within it, so it stays high; None for a year or longer."""
    if period.days >= _YEAR_DAYS:
        return None
    return _(
        "Deze periode duurt {days}: het verloop is omgerekend naar een jaar, dus één vertrek"
        " telt zwaar mee (in een maand als twaalf), en de curve 'Hoe lang blijven"
        " professionals?' telt alleen wie in deze periode vertrok, dus blijft hoog. Kies een"
        " jaar voor een rustiger beeld."
    ).format(days=fmt.days(period.days))


def roles_in_scope(
    per_area: pd.DataFrame, organisatie: str | None
) -> tuple[pd.DataFrame, list[str]]:
    """The rows of the table, and the rollen left out of it.

    Every area has a row for every rol of its gemeente's inzet (pinned reading 4). Filtered
    on one organisatie, a rol in which it had nobody in the period, in any area, only said
    "365 onbezette dagen" in every wijk (a team lead's walk: "Centrum · Buurtteam · 365",
    while another organisation's buurtteam worked there): such rollen are left out and named
    instead. Unfiltered, every row stays."""
    if organisatie is None or per_area.empty:
        return per_area, []
    had = set(per_area.loc[per_area["spells"] > 0, "rol"])
    absent = sorted(set(per_area["rol"]) - had, key=lambda r: str(ROL_LABELS.get(r, r)))
    return per_area[per_area["rol"].isin(had)], absent


def absent_roles_note(absent: list[str]) -> str | None:
    """The sentence under the table naming the rollen left out (roles_in_scope)."""
    if not absent:
        return None
    names = fmt.join_words([rol_noun(r) for r in absent])
    return _(
        "Rollen waarin deze organisatie in deze periode niemand had, staan er niet in: {rollen}."
    ).format(rollen=names)


def beside_gemeente(area_rows: pd.DataFrame, gemeente_rows: pd.DataFrame) -> pd.DataFrame:
    """A chosen area's rows, each rol followed by the same rol in the whole gemeente, so that
    the area reads against its gemeente (issue 14; a team lead's walk found none)."""
    if area_rows.empty or gemeente_rows.empty:
        return area_rows
    rollen = list(dict.fromkeys(area_rows["rol"]))
    pairs = [
        part
        for rol in rollen
        for part in (area_rows[area_rows["rol"] == rol], gemeente_rows[gemeente_rows["rol"] == rol])
    ]
    return pd.concat(pairs, ignore_index=True)


def table_title(area: str | None, level: str) -> str:
    """The heading of the per-area table: the roles in `area` (a focused area's name, as the
    caller shows text), or, for None, every area of the level and its roles."""
    return (
        _("Per {area} en rol").format(area=LEVEL_NOUNS[level][0])
        if area is None
        else _("Per rol in {area}").format(area=area)
    )


def download_tables(
    table_rows: pd.DataFrame,
    signals: pd.DataFrame,
    focus: Focus,
    level: str,
    gemeenten: Mapping[str, str] | None = None,
) -> list[tuple[str, pd.DataFrame]]:
    """What Continuïteit shows, for a download: its table (the focus's rows; every area when
    none is chosen) and the signals without names, most urgent first (a team lead's named
    signals have their own download). `gemeenten` (code -> name), nationally: the signals
    name their gemeente, as on screen (many gemeenten have a wijk "Centrum")."""
    signal_rows = tables.signalen_figures(signals)
    if gemeenten is not None:
        signal_rows = tables.with_gemeente(signal_rows, signals["gemeentecode"], gemeenten)
    return [
        (
            table_title(focus.label if focus.is_area else None, level),
            tables.continuiteit_figures(table_rows),
        ),
        # a sheet name holds 31 characters: "Signalen · Lindenwaard (fictie…" was cut; the
        # gemeente is named in the file's first sheet
        (
            _("Signalen · {area}").format(area=focus.label) if focus.is_area else _("Signalen"),
            signal_rows,
        ),
    ]
