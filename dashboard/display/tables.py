"""Display tables: Dutch headers, Dutch number formats and the small-number rule, as pure functions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from html import escape
from typing import SupportsFloat

import pandas as pd
from pandas.io.formats.style import Styler

from dashboard.display import formatting as fmt
from dashboard.display.labels import KWADRANT_LABELS, ROL_LABELS, SIGNAAL_LABELS
from dashboard.display.text import breakable, md
from dashboard.domain.codes import ONBEZET
from dashboard.i18n import N_, _, ngettext


def _map(series: pd.Series, fn) -> list[str]:
    return [fn(v) for v in series]


def _share(pct: pd.Series, base: pd.Series) -> list[str]:
    """A percentage is only shown when the persons it is based on, and the persons it counts
    (and the rest), pass the small-number rule."""
    return [fmt.share(p, b) for p, b in zip(pct, base, strict=True)]


def _new_hidden(df: pd.DataFrame) -> list[bool]:
    """Per row: new participants hidden beside all of them (fmt.new_beside_all)."""
    return [
        fmt.new_beside_all(n, u) for n, u in zip(df["nieuw"], df["unieke_deelnemers"], strict=True)
    ]


def _rate_hidden(df: pd.DataFrame, base: pd.Series) -> list[bool]:
    """Per row: a rate hidden beside a small count of residents reached (not itself small:
    that one reads "<5 bewoners"), since rate × inwoners gives its count back."""
    keys, groups = fmt.area_scope(df)
    found = fmt.hidden_parts(base.tolist(), keys=keys, groups=groups)
    return [h and not fmt.is_small(b) for b, h in zip(base, found, strict=True)]


def _part_cells(
    df: pd.DataFrame, values: pd.Series, already: list[bool] | None = None
) -> list[object]:
    """part_cells of a column of rows of areas (fmt.area_scope)."""
    keys, groups = fmt.area_scope(df)
    return part_cells(values, already, keys, groups)


def part_cells(
    values: pd.Series,
    already: list[bool] | None = None,
    keys: list[str] | None = None,
    groups: list[object] | None = None,
) -> list[object]:
    """Counts of persons that are parts of a shown total, for cells: "<5", the hidden text
    (fmt.hidden_parts, with its `already`, `keys` and `groups`) or the count."""
    hidden = fmt.hidden_parts(values.tolist(), already=already, keys=keys, groups=groups)
    return [
        fmt.SHARE_HIDDEN if h and not fmt.is_small(v) else persons_cell(v)
        for v, h in zip(values, hidden, strict=True)
    ]


def bereik_table(df: pd.DataFrame) -> pd.DataFrame:
    """Reach per area for display. The areas' counts of persons add up to the total shown
    beside them: one hidden beside a small one reads as such (fmt.hidden_parts), as on the map."""
    # one small-number rule (docs/DESIGN.md §7): deelnames 1 to 4 are "<5" under both
    # attributions, and the rate is hidden where the residents it counts are 1 to 4
    base = df["bereikte_inwoners"] if "bereikte_inwoners" in df else df["unieke_deelnemers"]
    keys, groups = fmt.area_scope(df)
    return pd.DataFrame(
        {
            _("Gebied"): df["naam"],
            _("Inwoners"): _map(df["inwoners"], fmt.number),
            _("Bijeenkomsten"): _map(df["bijeenkomsten"], fmt.number),
            _("Deelnames"): fmt.part_texts(df["deelnames"].tolist(), keys=keys, groups=groups),
            _("Unieke deelnemers"): fmt.part_texts(
                df["unieke_deelnemers"].tolist(), keys=keys, groups=groups
            ),
            _("Bereik per 1.000 inwoners"): [
                fmt.SHARE_HIDDEN if h else fmt.rate(v, b, 1)
                for v, b, h in zip(df["bereik_per_1000"], base, _rate_hidden(df, base), strict=True)
            ],
            _("Herhaalbezoek"): _share(df["herhaal_pct"], df["unieke_deelnemers"]),
            _("Nieuwe deelnemers"): fmt.part_texts(
                df["nieuw"].tolist(), _new_hidden(df), keys, groups
            ),
            _("Bewonersinitiatief"): _map(df["bewonersinitiatief_pct"], fmt.percentage),
        }
    )


# an open Kaplan–Meier median: the longest tenure as a lower bound
LONGER_THAN = N_("langer dan {years}")
# a number of days known only from below (a post still empty; dashboard.ui.table_sort reads
# both prefixes as "just above")
AT_LEAST = N_("minstens {n}")


def tenure(median_days: SupportsFloat | None, longest_days: SupportsFloat | None) -> str:
    """KM median in years, or 'langer dan N jaar' when survival never fell to a half."""
    if fmt.is_missing(median_days):
        return (
            fmt.MISSING
            if fmt.is_missing(longest_days)
            else _(LONGER_THAN).format(years=fmt.duration(longest_days))
        )
    return fmt.duration(median_days)


# A wijk and rol without anyone in the period has no stay, turnover or index to give: not a
# lack of data ("geen gegevens" read as a registration missing, a team lead's walk).
NO_INZET = N_("niemand in deze rol in deze periode")
# the table's cells say it short: the long words, three times in a row, were cut off in the
# grid at 1440 px; the caption under the table says what it means
NO_INZET_CELL = N_("geen inzet")


def _nobody(df: pd.DataFrame) -> list[bool]:
    """Per row of a continuity result: nobody in the rol there in the period."""
    return (df["spells"] == 0).tolist() if "spells" in df else [False] * len(df)


def _turnover(df: pd.DataFrame) -> list[str]:
    """Verloop per jaar with the departures it rests on ("2.281% (1 vertrek)"): a team
    lead's month showed 2.281% alone, one departure scaled up to a year."""
    rates = _map(df["verloop_pct"], fmt.percentage)
    if "vertrekken" not in df:
        return rates
    shown = []
    for rate, n in zip(rates, df["vertrekken"], strict=True):
        if fmt.is_missing(n) or int(n) == 0:
            shown.append(rate)
        else:
            left = ngettext("{n} vertrek", "{n} vertrekken", int(n)).format(n=fmt.number(n))
            shown.append(f"{rate} ({left})")
    return shown


def continuiteit_table(df: pd.DataFrame) -> pd.DataFrame:
    """Continuity per area and rol for display."""
    empty = _nobody(df)

    def unless_empty(texts: Iterable[str]) -> list[str]:
        return [_(NO_INZET_CELL) if e else t for t, e in zip(texts, empty, strict=True)]

    return pd.DataFrame(
        {
            _("Gebied"): df["naam"],
            _("Rol"): _map(df["rol"], lambda r: ROL_LABELS.get(r, r)),
            _("Mediane verblijfsduur"): unless_empty(
                tenure(m, lng)
                for m, lng in zip(
                    df["mediane_verblijfsduur_dagen"],
                    df["langste_verblijfsduur_dagen"],
                    strict=True,
                )
            ),
            _("Verloop per jaar"): unless_empty(_turnover(df)),
            _("Gezichten"): _map(df["gezichten"], fmt.number),
            _("Onbezette dagen"): _map(df["onbezet_dagen"], fmt.number),
            _("Continuïteitsindex"): unless_empty(_map(df["continuiteitsindex"], fmt.percentage)),
        },
        index=df.index,
    )


def signalen_table(df: pd.DataFrame) -> pd.DataFrame:
    """Team-lead signals for display: rol and wijk, never a name or id; where and who first
    (the columns a narrow screen keeps in view)."""
    return pd.DataFrame(
        {
            _("Wijk"): df["wijknaam"],
            _("Rol"): _map(df["rol"], lambda r: ROL_LABELS.get(r, r)),
            _("Signaal"): _map(df["signaal"], lambda s: SIGNAAL_LABELS.get(s, s)),
            _("Wanneer"): [
                signal_when(s, e, d)
                for s, e, d in zip(df["signaal"], df["einddatum"], df["dagen"], strict=True)
            ],
        }
    )


def signal_when(signaal: str, einddatum: object, dagen: object) -> str:
    """When a signal is, in words: a departure's last day and days left, or since when a rol
    has been unfilled and for how long ("tot 15 dec 2026 (nog 45 dagen)", "sinds 3 mrt 2026
    (243 dagen)"). One column, because the end date and the days of the two kinds of signal
    mean different things; short, because the table shares a screen with the map."""
    if fmt.is_missing(einddatum) or fmt.is_missing(dagen):
        return fmt.MISSING
    last = pd.Timestamp(einddatum).date()  # type: ignore[arg-type]
    if signaal == ONBEZET:
        return _("sinds {date} ({days})").format(
            date=fmt.dutch_date(last + timedelta(days=1)),
            days=fmt.days(dagen),  # type: ignore[arg-type]
        )
    return _("tot {date} (nog {days})").format(
        date=fmt.dutch_date(last),
        days=fmt.days(dagen),  # type: ignore[arg-type]
    )


def _date_or_blank(value: date | None) -> str:
    return (
        "" if value is None or fmt.is_missing(value) else fmt.dutch_date(pd.Timestamp(value).date())
    )


def named_signals_table(df: pd.DataFrame) -> pd.DataFrame:
    """A team lead's named signals (`screens.continuiteit.named_signals`) for display: the
    sentence, the start of the leaving professional's inzet and the last day someone was there
    (Dutch dates; for an unfilled rol the day before the sentence's "sinds")."""
    return pd.DataFrame(
        {
            _("Signaal"): list(df["tekst"]),
            _("Start inzet"): _map(df["startdatum"], _date_or_blank),
            _("Laatste dag inzet"): _map(df["einddatum"], _date_or_blank),
        }
    )


def dekking_table(df: pd.DataFrame, area: str = N_("Wijk"), need: bool = True) -> pd.DataFrame:
    """Coverage and need per wijk (or, with `area`, per other area) for display.

    `need=False` leaves out the need index and quadrant, which compare the wijken of one
    gemeente and so are empty for whole gemeenten.
    """
    table = pd.DataFrame(
        {
            _(area): df["naam"],
            _("Inwoners"): _map(df["inwoners"], fmt.number),
            _("Fte opbouwwerk"): _map(df["fte_opbouwwerk"], lambda v: fmt.number(v, 2)),
            _("Fte per 10.000 inwoners"): _map(df["fte_per_10000"], lambda v: fmt.number(v, 2)),
            _("Behoefte-index"): _map(df["behoefte_index"], lambda v: fmt.number(v, 2)),
            _("Kwadrant"): df["kwadrant"].map(KWADRANT_LABELS).fillna(fmt.MISSING),
        }
    )
    return table if need else table.drop(columns=[_("Behoefte-index"), _("Kwadrant")])


def with_gemeente(
    table: pd.DataFrame, gemeentecodes: pd.Series, names: Mapping[str, str]
) -> pd.DataFrame:
    """A display table with a "Gemeente" column after its first (for areas of many gemeenten)."""
    shown = table.copy()
    shown.insert(1, _("Gemeente"), [names.get(code, code) for code in gemeentecodes])
    return shown


def bereik_summary(row: pd.DataFrame, among: pd.DataFrame | None = None) -> pd.DataFrame:
    """One area's reach figures as a two-column list (Kengetal, Waarde). `among`: every area
    of its level, so the figures read as the area's row of their table (hidden alike)."""
    if row.empty:
        return pd.DataFrame({_("Kengetal"): [], _("Waarde"): []})
    if among is not None:
        among = among.reset_index(drop=True)
        at = among.index[among["gebiedscode"] == row["gebiedscode"].iloc[0]]
        if len(at):
            table = bereik_table(among).drop(columns=[_("Gebied")])
            return pd.DataFrame(
                {_("Kengetal"): table.columns, _("Waarde"): table.iloc[at[0]].tolist()}
            )
    table = bereik_table(row).drop(columns=[_("Gebied")])
    return pd.DataFrame({_("Kengetal"): table.columns, _("Waarde"): table.iloc[0].tolist()})


# --- The same figures for a download (XLSX) ------------------------------------------
# Numbers stay numbers so a spreadsheet can compute with them; where the screen hides a
# figure under the small-number rule (docs/DESIGN.md §7), the cell holds the screen's words
# ("<5", "<5 deelnemers", "verborgen (kleine aantallen)"), never the count.

SMALL = f"<{fmt.SMALL_NUMBER_THRESHOLD}"


def number_cell(value: object, decimals: int | None = None) -> object:
    """A number for a spreadsheet cell (None when unknown); rounded to `decimals` when given."""
    if fmt.is_missing(value):
        return None
    number = float(value)  # type: ignore[arg-type]
    if decimals is not None:
        number = round(number, decimals)
    return int(number) if number.is_integer() and decimals in (None, 0) else number


def persons_cell(value: object) -> object:
    """A count of persons for a cell: "<5" from 1 to 4, else the count."""
    return SMALL if fmt.is_small(value) else number_cell(value)


def share_cell(pct: object, base: object) -> object:
    """A percentage of persons for a cell, hidden as on screen where it would give 1-4 back."""
    if fmt.is_missing(pct):
        return None
    if fmt.is_small(base):
        return _("<{threshold} deelnemers").format(threshold=fmt.SMALL_NUMBER_THRESHOLD)
    if fmt.share_hidden(pct, base):
        return fmt.SHARE_HIDDEN
    return number_cell(pct, 1)


def rate_cell(value: object, base: object) -> object:
    """A rate whose residents counted are 1 to 4: "<5 bewoners", as on screen."""
    return f"{SMALL} bewoners" if fmt.is_small(base) else number_cell(value, 1)


def bereik_figures(df: pd.DataFrame) -> pd.DataFrame:
    """`bereik_table` for a download: Dutch headers, numbers as numbers."""
    base = df["bereikte_inwoners"] if "bereikte_inwoners" in df else df["unieke_deelnemers"]
    return pd.DataFrame(
        {
            _("Gebied"): df["naam"].tolist(),
            _("Gebiedscode"): df["gebiedscode"].tolist(),
            _("Inwoners"): [number_cell(v) for v in df["inwoners"]],
            _("Bijeenkomsten"): [number_cell(v) for v in df["bijeenkomsten"]],
            _("Deelnames"): _part_cells(df, df["deelnames"]),
            _("Unieke deelnemers"): _part_cells(df, df["unieke_deelnemers"]),
            _("Bereik per 1.000 inwoners"): [
                fmt.SHARE_HIDDEN if h else rate_cell(v, b)
                for v, b, h in zip(df["bereik_per_1000"], base, _rate_hidden(df, base), strict=True)
            ],
            _("Herhaalbezoek (%)"): [
                share_cell(p, b)
                for p, b in zip(df["herhaal_pct"], df["unieke_deelnemers"], strict=True)
            ],
            _("Nieuwe deelnemers"): _part_cells(df, df["nieuw"], _new_hidden(df)),
            _("Bewonersinitiatief (%)"): [number_cell(v, 1) for v in df["bewonersinitiatief_pct"]],
        }
    )


def _years(days: object) -> object:
    return None if fmt.is_missing(days) else round(float(days) / 365.25, 1)  # type: ignore[arg-type]


def continuiteit_figures(df: pd.DataFrame) -> pd.DataFrame:
    """`continuiteit_table` for a download. Where the median is "langer dan" the longest
    verblijfsduur its number is empty and the next column says so in the screen's words."""
    medians, longest = df["mediane_verblijfsduur_dagen"], df["langste_verblijfsduur_dagen"]
    return pd.DataFrame(
        {
            _("Gebied"): df["naam"].tolist(),
            _("Gebiedscode"): df["gebiedscode"].tolist(),
            _("Rol"): [ROL_LABELS.get(r, r) for r in df["rol"]],
            _("Mediane verblijfsduur (jaar)"): [_years(v) for v in medians],
            _("Toelichting mediaan"): [
                _(NO_INZET)
                if empty
                else tenure(m, lng)
                if fmt.is_missing(m) and not fmt.is_missing(lng)
                else None
                for m, lng, empty in zip(medians, longest, _nobody(df), strict=True)
            ],
            _("Langste verblijfsduur (jaar)"): [_years(v) for v in longest],
            _("Verloop per jaar (%)"): [number_cell(v, 1) for v in df["verloop_pct"]],
            _("Gezichten"): [number_cell(v) for v in df["gezichten"]],
            _("Onbezette dagen"): [number_cell(v) for v in df["onbezet_dagen"]],
            _("Continuïteitsindex (%)"): [number_cell(v, 1) for v in df["continuiteitsindex"]],
        }
    )


def signalen_figures(df: pd.DataFrame) -> pd.DataFrame:
    """`signalen_table` for a download: the end date as a date, the days as a number."""
    return pd.DataFrame(
        {
            _("Signaal"): [SIGNAAL_LABELS.get(s, s) for s in df["signaal"]],
            _("Wijk"): df["wijknaam"].tolist(),
            _("Rol"): [ROL_LABELS.get(r, r) for r in df["rol"]],
            _("Laatste dag inzet"): pd.to_datetime(df["einddatum"]).tolist(),
            _("Dagen tot vertrek"): [
                None if s == ONBEZET else number_cell(v)
                for s, v in zip(df["signaal"], df["dagen"], strict=True)
            ],
            _("Dagen onbezet"): [
                number_cell(v) if s == ONBEZET else None
                for s, v in zip(df["signaal"], df["dagen"], strict=True)
            ],
        }
    )


def dekking_figures(df: pd.DataFrame, area: str = N_("Wijk"), need: bool = True) -> pd.DataFrame:
    """`dekking_table` for a download."""
    table = pd.DataFrame(
        {
            _(area): df["naam"].tolist(),
            _("Gebiedscode"): df["gebiedscode"].tolist(),
            _("Inwoners"): [number_cell(v) for v in df["inwoners"]],
            _("Fte opbouwwerk"): [number_cell(v, 2) for v in df["fte_opbouwwerk"]],
            _("Fte per 10.000 inwoners"): [number_cell(v, 2) for v in df["fte_per_10000"]],
            _("Behoefte-index"): [number_cell(v, 2) for v in df["behoefte_index"]],
            _("Kwadrant"): [KWADRANT_LABELS.get(k) for k in df["kwadrant"]],
        }
    )
    return table if need else table.drop(columns=[_("Behoefte-index"), _("Kwadrant")])


def text_table(table: pd.DataFrame, language: str) -> pd.DataFrame:
    """`table` for st.table, which reads markdown: every cell and header escaped as text
    (display.text.md), a missing value blank, and long words in the headers breakable, so
    that a table of many columns fits a narrow screen by wrapping its headers."""
    shown = table.map(lambda value: "" if fmt.is_missing(value) else md(value))
    shown.columns = [md(breakable(str(column), language)) for column in table.columns]
    return shown


# The class of a plain HTML table (html_table); its look is in dashboard.ui.layout.
HTML_TABLE_CLASS = "wd-tabel"
MARKED_ROW_CLASS = "wd-gekozen"
# the chosen area's row in a data grid: a pale yellow that keeps the text's contrast (the
# grid takes a Styler's background, not its font weight)
MARKED_ROW_BACKGROUND = "#FFF1B8"


def marked_rows(table: pd.DataFrame, marked: Sequence[bool]) -> Styler:
    """`table` for a data grid with the `marked` rows' cells on MARKED_ROW_BACKGROUND; a
    missing value blank (the grid shows a Styler's texts, which would say "None")."""
    background = f"background-color: {MARKED_ROW_BACKGROUND}"
    marks = list(marked)
    return (
        table.reset_index(drop=True)
        .style.apply(lambda row: [background if marks[row.name] else ""] * len(row), axis=1)
        .format(na_rep="")
    )


def html_table(table: pd.DataFrame, language: str, marked: Sequence[bool] | None = None) -> str:
    """`table` as one plain HTML table for st.html: every cell and header escaped (data's
    text shows as the characters it is made of), a missing value blank, long words in the
    headers breakable (display.text.breakable), so that its headers and cells wrap and a
    table of many columns fits a narrow screen. Rows `marked` True (the area chosen on the
    map) get MARKED_ROW_CLASS and aria-current, so a reader finds it among the others.

    One element with a real <table> (read as a table by a screen reader): st.table draws
    every cell as a markdown element of its own, which cost the browser 0.3-0.4 s for
    Continuïteit's 54 rows of 7 columns (docs/performance.md)."""

    def cell(value: object) -> str:
        return "" if fmt.is_missing(value) else escape(str(value))

    head = "".join(
        f'<th scope="col">{escape(breakable(str(column), language))}</th>'
        for column in table.columns
    )
    marks = list(marked) if marked is not None else [False] * len(table)
    chosen = f'<tr class="{MARKED_ROW_CLASS}" aria-current="true">'
    body = "".join(
        (chosen if mark else "<tr>") + "".join(f"<td>{cell(value)}</td>" for value in row) + "</tr>"
        for row, mark in zip(table.itertuples(index=False, name=None), marks, strict=True)
    )
    return (
        f'<div class="{HTML_TABLE_CLASS}"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )
