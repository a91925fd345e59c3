"""What the Bereik screen offers: map measures, which figures need participant records, the focus panel."""

from __future__ import annotations

import pandas as pd

from dashboard.display import formatting as fmt
from dashboard.display import tables
from dashboard.display.charts.bereik import HIDDEN_COLUMN
from dashboard.display.labels import LEVEL_NOUNS, SOORT_LABELS
from dashboard.i18n import N_, _, ngettext
from dashboard.screens import nationaal
from dashboard.screens.focus import Focus
from dashboard.screens.indicators import MAP_INDICATORS, MapIndicator, hide_rates
from dashboard.warehouse import queries

# Measures the Bereik map can show (an allow-list; the column names of queries.bereik).
MAP_MEASURES: dict[str, MapIndicator] = {
    "bereik_per_1000": MAP_INDICATORS["bereik_per_1000"],
    "unieke_deelnemers": MAP_INDICATORS["unieke_deelnemers"],
    "deelnames": MapIndicator(
        N_("Deelnames"), queries.bereik, "deelnames", N_("deelnames"), persons=True
    ),
    "herhaal_pct": MapIndicator(
        N_("Herhaalbezoek"), queries.bereik, "herhaal_pct", N_("% van de deelnemers"), 0
    ),
    "nieuw": MapIndicator(
        N_("Nieuwe deelnemers"), queries.bereik, "nieuw", N_("deelnemers"), persons=True
    ),
    "bewonersinitiatief_pct": MAP_INDICATORS["bewonersinitiatief_pct"],
}

PARTICIPANT_FIGURES = (
    N_("unieke deelnemers"),
    N_("bereik per 1.000 inwoners"),
    N_("herhaalbezoek"),
    N_("nieuwe deelnemers"),
)

# Under the national focus panel: why the person figures are not added up.
NATIONAL_SUMMARY_NOTE = N_(
    "Voor heel Nederland staan hier alleen cijfers die optellen over gemeenten. Unieke"
    " deelnemers, bereik per 1.000 inwoners, herhaalbezoek en nieuwe deelnemers tellen niet op:"
    " één persoon kan in meer gemeenten meedoen. Die staan per gemeente in de tabel hieronder."
)


def national_silent_note(summary: pd.DataFrame) -> str | None:
    """Nationally, when some gemeenten register no activiteiten: that the sums leave them out
    (nationaal.reach_total), else None."""
    silent = nationaal.reach_total(summary).zonder_activiteiten if not summary.empty else 0
    if not silent:
        return None
    return ngettext(
        "{n} van de {total} gemeenten heeft geen activiteiten geregistreerd; bijeenkomsten en"
        " deelnames tellen alleen de andere.",
        "{n} van de {total} gemeenten hebben geen activiteiten geregistreerd; bijeenkomsten en"
        " deelnames tellen alleen de andere.",
        silent,
    ).format(n=fmt.number(silent), total=fmt.number(len(summary)))


def unplaced_sessions(reach: pd.DataFrame, whole: pd.DataFrame, level: str) -> str | None:
    """Per buurt (or area of an eigen indeling): how many of the sessions lie in none of the
    areas, because their activiteit has no buurt, so that the areas add up to less than the
    gemeente (a walk found 3.304 bijeenkomsten per buurt against 3.821 per wijk, unsaid).
    `whole`: bereik at level gemeente for the same filters. None when every session lies in
    an area. Sessions, not deelnames: a count of persons here could be a small one."""
    if level not in ("buurt", "eigen") or reach.empty or whole.empty:
        return None
    total = pd.to_numeric(whole["bijeenkomsten"]).sum()
    missing = int(total - pd.to_numeric(reach["bijeenkomsten"]).sum())
    if missing <= 0:
        return None
    area, areas = LEVEL_NOUNS[level]
    return ngettext(
        "{n} van de {total} bijeenkomsten lag in geen {area}: de activiteit heeft geen"
        " buurt. Die telt wel voor de wijk en de gemeente; de {areas} samen tellen daarom minder.",
        "{n} van de {total} bijeenkomsten lagen in geen {area}: hun activiteit heeft geen"
        " buurt. Die tellen wel voor de wijk en de gemeente; de {areas} samen tellen daarom"
        " minder.",
        missing,
    ).format(n=fmt.number(missing), total=fmt.number(total), area=area, areas=areas)


def missing_participant_figures(reach: pd.DataFrame) -> list[str]:
    """The figures that cannot be shown because the gemeente registers session totals only."""
    if reach.empty or reach["heeft_deelnemersgegevens"].any():
        return []
    return [_(figure) for figure in PARTICIPANT_FIGURES]


def participant_warning(reach: pd.DataFrame, national: bool) -> str | None:
    """A Dutch warning when (some) gemeenten register session totals only, or nothing at all
    (their figures are empty, not 0), else None."""
    # bijeenkomsten is NULL (not 0) where a gemeente registers no activiteiten at all
    registering = reach[reach["bijeenkomsten"].notna()] if not reach.empty else reach
    if not reach.empty and registering.empty:
        return (
            _(
                "De gemeenten hebben geen activiteiten geregistreerd. De bereikcijfers zijn"
                " daarom leeg: onbekend, niet 0."
            )
            if national
            else _(
                "Deze gemeente heeft geen activiteiten geregistreerd. De bereikcijfers zijn"
                " daarom leeg: onbekend, niet 0."
            )
        )
    reach = registering
    missing = missing_participant_figures(reach)
    if missing:
        return (
            _(
                "De gemeenten registreren in deze periode alleen totalen per bijeenkomst, geen"
                " deelnemers. Daarom zijn deze cijfers niet te tonen: {figures}."
            )
            if national
            else _(
                "Deze gemeente registreert in deze periode alleen totalen per bijeenkomst, geen"
                " deelnemers. Daarom zijn deze cijfers niet te tonen: {figures}."
            )
        ).format(figures=", ".join(missing))
    if not national or reach.empty:
        return None
    per_gemeente = reach.groupby("gemeentecode")["heeft_deelnemersgegevens"].any()
    totals_only = int((~per_gemeente).sum())
    if totals_only == 0:
        return None
    return _(
        "{n} van de {total} gemeenten registreren in deze periode alleen"
        " totalen per bijeenkomst; daar zijn deze cijfers leeg: {figures}."
    ).format(
        n=totals_only,
        total=len(per_gemeente),
        figures=", ".join(_(f) for f in PARTICIPANT_FIGURES),
    )


# Why figures that seem to contradict each other do not (issue: "contradictions the screen
# does not explain"); each shown only where it applies.
RATE_WITHOUT_PARTICIPANTS = N_(
    "Bereik per 1.000 telt de inwoners van een gebied die meededen, ook aan activiteiten"
    " elders; unieke deelnemers tellen wie aan de activiteiten in het gebied zelf meedeed. Zo"
    " kan het bereik meer inwoners tellen dan het gebied deelnemers heeft."
)
# in the words of the sidebar's choice (frame.ATTRIBUTIE_LABELS), not the codes wie/waar
WIE_COUNTS_REGISTRATIONS = N_(
    "Bij 'Waar deelnemers wonen' tellen alleen de geregistreerde deelnames van bewoners; bij"
    " 'Waar het gebeurt' telt het aantal deelnemers per bijeenkomst. Daarom verschillen de"
    " totalen tussen die twee. Bereik per 1.000 inwoners telt in beide gevallen naar"
    " woonplaats."
)


# in a gemeente that registers participants, an area whose bijeenkomsten register totals
# only: deelnames beside "geen gegevens" (docs/DESIGN.md §5.1)
TOTALS_ONLY_HERE = N_(
    "Waar bij de deelnemers 'geen gegevens' staat, registreren de bijeenkomsten alleen"
    " totalen: hoeveel verschillende mensen er kwamen, is niet bekend."
)


def explanations(reach: pd.DataFrame, attributie: str) -> list[str]:
    """One short Dutch sentence per apparent contradiction in these reach rows, where it shows."""
    said = area_explanations(reach, attributie)
    if attributie == "wie" and not reach.empty and reach["heeft_deelnemersgegevens"].any():
        said.append(_(WIE_COUNTS_REGISTRATIONS))
    return said


def area_explanations(reach: pd.DataFrame, attributie: str) -> list[str]:
    """The sentences that explain areas' rows under waar: a rate of more residents than
    participants, and participants unknown beside deelnames."""
    said = [rate_explanation(reach, attributie), totals_only_explanation(reach, attributie)]
    return [sentence for sentence in said if sentence]


def totals_only_explanation(reach: pd.DataFrame, attributie: str) -> str | None:
    """Why an area shows deelnames but no participants, when a row does: its bijeenkomsten
    register totals only, in a gemeente that registers participants elsewhere."""
    if attributie != "waar" or reach.empty:
        return None
    unknown = reach["heeft_deelnemersgegevens"].astype(bool) & reach["unieke_deelnemers"].isna()
    return _(TOTALS_ONLY_HERE) if unknown.any() else None


def rate_explanation(reach: pd.DataFrame, attributie: str) -> str | None:
    """Why a rate counts more residents than the area has participants, when a row does (as
    Waterkant: 42 participants, 7,8 per 1.000 of 8.547 inwoners, about 67 residents)."""
    if attributie != "waar" or reach.empty:
        return None
    # residents who took part, also elsewhere, beyond those who took part in the area itself
    residents = reach["bereikte_inwoners"].astype(float).fillna(0)
    more = residents > reach["unieke_deelnemers"].astype(float).fillna(float("inf"))
    return _(RATE_WITHOUT_PARTICIPANTS) if more.any() else None


# the hover words of the map's areas whose rate is not shown
MAP_TEXT = "tekst"

# The screen's own sidebar filters (frame's `filters` and `organisaties`: the organisations
# that organise activities); the browser benchmark measures this frame too.
FILTERS = ("attributie", "organisatie", "activity_type")
ORGANISATIES = "activiteit"


def map_values(reach: pd.DataFrame, measure: str) -> pd.DataFrame:
    """The reach rows for the map of `measure`, as the table shows them (docs/DESIGN.md §7),
    with hover words in MAP_TEXT where a value is not shown: a rate whose residents reached
    are 1 to 4 or hidden beside such a count (rate × inwoners gives them back), a share that
    gives 1 to 4 persons back, new participants beside all of them that give back the 1 to 4
    who came before. The map itself hides a count beside a small one (maps.choropleth)."""
    values = reach.assign(**{MAP_TEXT: None})
    if measure == "bereik_per_1000":
        return hide_rates(
            values, reach["bereikte_inwoners"], measure, MAP_TEXT, reach.get("gemeentecode")
        )
    if measure == "herhaal_pct":
        hidden = [
            fmt.share_hidden(p, u)
            for p, u in zip(reach["herhaal_pct"], reach["unieke_deelnemers"], strict=True)
        ]
        words = [
            fmt.share(p, u)
            for p, u in zip(reach["herhaal_pct"], reach["unieke_deelnemers"], strict=True)
        ]
    elif measure == "nieuw":
        hidden = [
            fmt.new_beside_all(n, u)
            for n, u in zip(reach["nieuw"], reach["unieke_deelnemers"], strict=True)
        ]
        words = [fmt.SHARE_HIDDEN] * len(reach)
    else:
        return values
    mask = pd.Series(hidden, index=values.index, dtype=bool)
    values.loc[mask, measure] = float("nan")
    values[MAP_TEXT] = [w if h else None for w, h in zip(words, hidden, strict=True)]
    return values


def summary_table(focus: Focus, summary: pd.DataFrame, attributie: str) -> pd.DataFrame:
    """The focus panel: one area's reach figures, or nationally the figures that add up. A
    selected area's figures read as its row in the table of all areas (hidden alike)."""
    if focus.national:
        return national_reach_summary(nationaal.reach_total(summary))
    among = summary if focus.is_area else None
    return tables.bereik_summary(focus.rows(summary), among=among)


def _total_hidden(focus: Focus, summary: pd.DataFrame | None) -> bool:
    """Whether the selected area's deelnames are hidden beside a small count of another area
    (as the table and the map hide them): its months and types must not add up to them."""
    if summary is None or focus.national or not focus.is_area or summary.empty:
        return False
    rows = summary.reset_index(drop=True)
    at = rows.index[rows["gebiedscode"] == focus.code]
    if len(at) == 0:
        return False
    keys, groups = fmt.area_scope(rows)
    hidden = fmt.hidden_parts(rows["deelnames"].tolist(), keys=keys, groups=groups)
    return hidden[at[0]] and not fmt.is_small(rows["deelnames"].iloc[at[0]])


def trend_rows(
    focus: Focus, trend: pd.DataFrame, summary: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The monthly rows of the focus; nationally the sum over gemeenten per month. When the
    focus's own total is hidden (`summary`: all areas), one more month is (HIDDEN_COLUMN)."""
    rows = nationaal.trend_total(trend) if focus.national else focus.rows(trend)
    if not _total_hidden(focus, summary):
        return rows
    months = [m.isoformat() for m in pd.to_datetime(rows["maand"]).dt.date]
    return rows.assign(**{HIDDEN_COLUMN: fmt.one_more_hidden(rows["deelnames"].tolist(), months)})


def type_rows(
    focus: Focus, types: pd.DataFrame, summary: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The activity types of the focus; one more hidden when its own total is (as trend_rows)."""
    rows = focus.rows(types)
    if not _total_hidden(focus, summary):
        return rows
    names = rows["type"].astype(str).tolist()
    return rows.assign(**{HIDDEN_COLUMN: fmt.one_more_hidden(rows["deelnames"].tolist(), names)})


def _part_cells(rows: pd.DataFrame, keys: list[str]) -> list[object]:
    """Deelnames of months or types for a download, hidden as the chart hides them."""
    marked = rows[HIDDEN_COLUMN].astype(bool).tolist() if HIDDEN_COLUMN in rows else None
    return tables.part_cells(rows["deelnames"], marked, keys)


# A national partner chart of every partner of every gemeente would be thousands of bars.
NATIONAL_PARTNERS = 20


def partner_rows(focus: Focus, partners: pd.DataFrame) -> pd.DataFrame:
    """The partner rows of the focus; nationally those of the partners with the most bijeenkomsten."""
    if not focus.national:
        return focus.rows(partners)
    key = "organisatie_id" if "organisatie_id" in partners else "partner"
    totals = partners.groupby(key)["bijeenkomsten"].sum()
    top = totals.sort_values(ascending=False, kind="stable").head(NATIONAL_PARTNERS).index
    return partners[partners[key].isin(top)]


def national_reach_summary(total: nationaal.ReachTotal) -> pd.DataFrame:
    """The reach figures of the whole country that add up, as a two-column list (Kengetal, Waarde)."""
    rows = {
        _("Gemeenten"): fmt.number(total.gemeenten),
        **(
            {
                _("Gemeenten met activiteiten"): fmt.number(
                    total.gemeenten - total.zonder_activiteiten
                )
            }
            if total.zonder_activiteiten
            else {}
        ),
        _("Inwoners"): fmt.number(total.inwoners),
        _("Bijeenkomsten"): fmt.number(total.bijeenkomsten),
        # one small-number rule: deelnames 1 to 4 are "<5" under both attributions
        _("Deelnames"): fmt.persons(total.deelnames),
        _("Bewonersinitiatief"): fmt.percentage(total.bewonersinitiatief_pct),
    }
    return pd.DataFrame({_("Kengetal"): list(rows), _("Waarde"): list(rows.values())})


def download_tables(
    reach: pd.DataFrame,
    focus: Focus,
    trend: pd.DataFrame,
    types: pd.DataFrame,
    partners: pd.DataFrame,
    summary: pd.DataFrame | None = None,
) -> list[tuple[str, pd.DataFrame]]:
    """What Bereik shows, for a download: every area, and the focus's months, activity types
    and partners (counts of deelnames and participants under the small-number rule)."""
    months = trend_rows(focus, trend, summary)
    per_type = type_rows(focus, types, summary)
    mix = partner_rows(focus, partners)
    return [
        (_("Alle gebieden"), tables.bereik_figures(reach)),
        (
            _("Per maand · {area}").format(area=focus.label),
            pd.DataFrame(
                {
                    _("Maand"): pd.to_datetime(months["maand"]).tolist(),
                    _("Bijeenkomsten"): [tables.number_cell(v) for v in months["bijeenkomsten"]],
                    _("Deelnames"): _part_cells(
                        months, [m.isoformat() for m in pd.to_datetime(months["maand"]).dt.date]
                    ),
                    _("Unieke deelnemers"): [
                        tables.persons_cell(v) for v in months["unieke_deelnemers"]
                    ],
                }
            ),
        ),
        (
            _("Per soort activiteit · {area}").format(area=focus.label),
            pd.DataFrame(
                {
                    _("Soort activiteit"): per_type["type"].tolist(),
                    _("Activiteiten"): [tables.number_cell(v) for v in per_type["activiteiten"]],
                    _("Bijeenkomsten"): [tables.number_cell(v) for v in per_type["bijeenkomsten"]],
                    _("Deelnames"): _part_cells(per_type, per_type["type"].astype(str).tolist()),
                }
            ),
        ),
        (
            _("Partners · {area}").format(area=focus.label),
            pd.DataFrame(
                {
                    _("Partner"): mix["partner"].tolist(),
                    _("Soort organisatie"): [SOORT_LABELS.get(k, k) for k in mix["soort"]],
                    _("Bijeenkomsten"): [tables.number_cell(v) for v in mix["bijeenkomsten"]],
                }
            ),
        ),
    ]
