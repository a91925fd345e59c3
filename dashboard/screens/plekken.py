"""What the wijk has (issue 16): an area's plekken, the routes through it and its published
verhalen, for the Wijkprofiel and its presentation mode. Pure shaping; the queries run
through the query API.

The Wijkprofiel is always public (docs/DESIGN.md §6.3), so it asks only published verhalen
(`queries.verhalen` without `ook_concept`); plekken and routes hold no persons, and the
activities per plek are counts of bijeenkomsten, not of people.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go

from dashboard.display import basemap, charts
from dashboard.display import formatting as fmt
from dashboard.display.labels import (
    BEHEER_LABELS,
    PLEK_TYPE_LABELS,
    ROUTE_MAKER_LABELS,
    ROUTE_SOORT_LABELS,
    VERHAAL_BRON_LABELS,
)
from dashboard.display.story import Chart, Slide
from dashboard.domain.codes import BUURT, PLEK_TYPES, WIJK
from dashboard.domain.period import Period
from dashboard.i18n import N_, _, ngettext
from dashboard.warehouse import queries
from dashboard.warehouse.queries import Runner

# how many verhalen the profile shows, newest first
MAX_VERHALEN = 3
# plural nouns for the overview sentence ("5 buurthuizen")
PLURALS = {
    "buurthuis": N_("buurthuizen"),
    "park": N_("parken"),
    "speelplek": N_("speelplekken"),
    "moestuin": N_("moestuinen"),
    "school": N_("scholen"),
    "gebedshuis": N_("moskeeën of kerken"),
    "winkelcentrum": N_("winkelcentra"),
    "sportveld": N_("sportvelden"),
    "bibliotheek": N_("bibliotheken"),
    "zorgpunt": N_("zorgpunten"),
    "complex_corporatie": N_("complexen van corporaties"),
    "initiatief": N_("initiatieven"),
    "partner": N_("partners"),
    "overig": N_("andere plekken"),
}


@dataclass(frozen=True)
class Assets:
    """One area's plekken (with activiteiten held there), routes and published verhalen."""

    plekken: pd.DataFrame  # the mart plekken, rows of this area
    held: pd.DataFrame  # plek_activiteiten of these plekken
    stops: pd.DataFrame  # route_stops of the routes with a stop in this area
    verhalen: pd.DataFrame  # published verhalen about this area (or its wijk / its buurten)

    @property
    def empty(self) -> bool:
        """True when the area has nothing of this kind to show."""
        return self.plekken.empty and self.stops.empty and self.verhalen.empty


def fetch(
    run: Runner,
    period: Period,
    code: str,
    gemeente: str,
    level: str,
    wijkcode: str | None,
) -> Assets:
    """What the area has, through the query API (published verhalen only)."""
    all_plekken = run(queries.plekken)(period, level, gemeente)
    mine = all_plekken[all_plekken["gebiedscode"] == code].reset_index(drop=True)
    held = run(queries.plek_activiteiten)(period, gemeente)
    # the activiteiten that met there in the period, as the plekken mart counts them
    held = held[held["plek_id"].isin(set(mine["plek_id"])) & (held["bijeenkomsten"] > 0)]
    held = held.reset_index(drop=True)
    stops = run(queries.route_stops)(gemeente)
    through = routes_through(stops, mine, code if level == WIJK else None)
    verhalen = verhalen_about(run(queries.verhalen)(gemeente), code, level, wijkcode)
    # the newest told by the period's end: a profile of 2025 showed stories of 2026 under
    # its heading "januari 2025 tot en met december 2025"
    told = pd.to_datetime(verhalen["datum"]).dt.date <= period.end
    return Assets(mine, held, through, verhalen[told].reset_index(drop=True))


def routes_through(
    stops: pd.DataFrame, plekken: pd.DataFrame, wijkcode: str | None
) -> pd.DataFrame:
    """The stops of every route that passes a plek of the area, or (for a wijk, `wijkcode`)
    has a stop at a plek of that wijk."""
    if stops.empty:
        return stops
    here = stops["plek_id"].isin(set(plekken["plek_id"]))
    if wijkcode is not None:
        here |= stops["wijkcode"] == wijkcode
    routes = set(stops.loc[here, "route_id"])
    return stops[stops["route_id"].isin(routes)].reset_index(drop=True)


def verhalen_about(
    verhalen: pd.DataFrame, code: str, level: str, wijkcode: str | None
) -> pd.DataFrame:
    """Published verhalen about the area: a wijk's own and its buurten's; a buurt's own and
    its wijk's; an area of an eigen indeling none (verhalen are per wijk or buurt)."""
    if level == WIJK:
        mine = verhalen["wijkcode"] == code
    elif level == BUURT:
        mine = (verhalen["gebiedscode"] == code) | (verhalen["gebiedscode"] == wijkcode)
    else:
        mine = verhalen["gebiedscode"] == code
    published = verhalen["status"] == "gepubliceerd"  # the mart's rule, kept here too
    return verhalen[mine & published].reset_index(drop=True)


# --- what the screen says ------------------------------------------------------------------


def _count(n: int, plek_type: str) -> str:
    if n == 1:
        return f"1 {PLEK_TYPE_LABELS[plek_type].lower()}"
    return f"{fmt.number(n)} {_(PLURALS[plek_type])}"


def sentences(assets: Assets, name: str) -> list[str]:
    """What the area has, in plain Dutch: plekken by type and by beheer, the busiest plek, the routes."""
    out: list[str] = []
    p = assets.plekken
    if not p.empty:
        counts = p["type"].value_counts()
        ordered = sorted(counts.index, key=lambda t: (-counts[t], PLEK_TYPES.index(t)))
        parts = [_count(int(counts[t]), t) for t in ordered[:3]]
        rest = int(counts[ordered[3:]].sum()) if len(ordered) > 3 else 0
        if rest:
            parts.append(_("{n} andere").format(n=fmt.number(rest)))
        total = len(p)
        out.append(
            ngettext(
                "{name} heeft {n} plek: {parts}.", "{name} heeft {n} plekken: {parts}.", total
            ).format(name=name, n=fmt.number(total), parts=fmt.join_words(parts))
        )
        residents = int((p["beheer"] == "bewoners").sum())
        if residents:
            out.append(_("Bewoners beheren er zelf {n}.").format(n=fmt.number(residents)))
        busiest = p.sort_values(["bijeenkomsten", "naam"], ascending=[False, True]).iloc[0]
        if int(busiest["bijeenkomsten"]) > 0:
            n = int(busiest["activiteiten"])
            out.append(
                ngettext(
                    "De meeste bijeenkomsten waren in {plek}: {sessions}, van {n} activiteit.",
                    "De meeste bijeenkomsten waren in {plek}: {sessions}, van {n} activiteiten.",
                    n,
                ).format(
                    plek=busiest["naam"],
                    sessions=fmt.number(int(busiest["bijeenkomsten"])),
                    n=n,
                )
            )
    for route in route_list(assets):
        out.append(
            _("{name} ({kind}, {stops} stops) is {maker}.").format(
                name=route["naam"], kind=route["soort"], stops=route["stops"], maker=route["maker"]
            )
        )
    return out


def route_list(assets: Assets) -> list[dict[str, str]]:
    """One entry per route through the area: naam, soort, maker (Dutch), number of stops."""
    out = []
    for _route_id, route in assets.stops.groupby("route_id", sort=True):
        first = route.iloc[0]
        out.append(
            {
                "naam": str(first["route"]),
                "soort": ROUTE_SOORT_LABELS.get(str(first["soort"]), _("route")).lower(),
                "maker": ROUTE_MAKER_LABELS.get(str(first["gemaakt_door"]), ""),
                "stops": str(len(route)),
            }
        )
    return out


def verhalen_shown(assets: Assets) -> list[tuple[str, str]]:
    """(heading, text) of the newest published verhalen; the text is data, shown as text."""
    out = []
    shown = assets.verhalen.head(MAX_VERHALEN)
    for datum, thema, bron, tekst in zip(
        pd.to_datetime(shown["datum"]).dt.date,
        shown["thema"],
        shown["bron"],
        shown["tekst"],
        strict=True,
    ):
        source = VERHAAL_BRON_LABELS.get(str(bron), str(bron))
        out.append(
            (
                _("{date} · {theme} · van {source}").format(
                    date=fmt.dutch_date(datum), theme=thema, source=source
                ),
                str(tekst),
            )
        )
    return out


def overview_table(assets: Assets) -> pd.DataFrame:
    """Per plek: its number on the map, name, type, beheer, activiteiten and bijeenkomsten held
    there (Dutch headers), in the map's order (charts.numbered)."""
    p = charts.numbered(assets.plekken)
    return pd.DataFrame(
        {
            _("Nr."): p["nr"].astype(int),
            _("Plek"): p["naam"].astype(str),
            _("Type"): [PLEK_TYPE_LABELS.get(t, t) for t in p["type"]],
            _("Beheer"): [BEHEER_LABELS.get(b, b) for b in p["beheer"]],
            _("Activiteiten"): p["activiteiten"].astype(int),
            _("Bijeenkomsten"): p["bijeenkomsten"].astype(int),
        }
    ).reset_index(drop=True)


def by_type_and_beheer(assets: Assets) -> pd.DataFrame:
    """Plekken counted per type and beheer, one row each (long form: a column headed
    "Bewoners" would read as a count of persons), in the order of the code lists."""
    p = assets.plekken
    counts = p.groupby(["type", "beheer"]).size() if len(p) else pd.Series(dtype=int)
    rows = [
        (PLEK_TYPE_LABELS[t], BEHEER_LABELS[b], int(counts[(t, b)]))
        for t in PLEK_TYPES
        for b in BEHEER_LABELS
        if (t, b) in counts.index
    ]
    return pd.DataFrame(rows, columns=[_("Type"), _("Beheer"), _("Plekken")])


def charts_of(
    assets: Assets, shapes: gpd.GeoDataFrame, code: str, attribution: str
) -> tuple[Chart, ...]:
    """The asset map (plekken and routes) and the overview by type and beheer."""
    if assets.plekken.empty and assets.stops.empty:
        return ()
    held = assets.held
    the_map = charts.asset_map(shapes, code, assets.plekken, assets.stops, held, attribution)
    out = [
        Chart(
            "plekken-kaart",
            _("Wat de wijk heeft"),
            the_map,
            overview_table(assets),
            # on paper and in a picture the table is not beside it: the names under the map;
            # on a slide beside it, where a 16:9 slide has room
            printed=charts.with_place_names(the_map, assets.plekken)
            if len(assets.plekken)
            else None,
            slide=charts.slide_asset_map(
                shapes, code, assets.plekken, assets.stops, held, attribution
            )
            if len(assets.plekken)
            else None,
        ),
        Chart(
            "plekken",
            _("Plekken naar type en beheer"),
            charts.overview_chart(assets.plekken),
            by_type_and_beheer(assets),
        ),
    ]
    route = first_route(assets)
    if route is not None and not shapes.empty:
        out.append(
            Chart(
                "route",
                str(route["route"].iloc[0]),
                charts.route_map(shapes, code, route, attribution),
                pd.DataFrame(
                    {
                        _("Stop"): route["volgnummer"].astype(int).to_list(),
                        _("Plek"): [charts.stop_name(s) for s in route["stop"]],
                    }
                ),
                slide=charts.route_map(shapes, code, route, attribution, beside=True),
            )
        )
    return tuple(out)


def first_route(assets: Assets) -> pd.DataFrame | None:
    """The stops of the area's first route (the one the presentation shows), in walking order."""
    if assets.stops.empty:
        return None
    first = sorted(assets.stops["route_id"].unique())[0]
    return assets.stops[assets.stops["route_id"] == first].sort_values("volgnummer")


def slides(assets: Assets, name: str, found: tuple[Chart, ...]) -> tuple[Slide, ...]:
    """The presentation's slides of what the area has: the map, a route, and the verhalen."""
    # each as a slide shows it: the names beside the map (the table is not on the slide)
    the_map = next((c.projected for c in found if c.name == "plekken-kaart"), None)
    out = []
    if not assets.plekken.empty:
        n = len(assets.plekken)
        residents = int((assets.plekken["beheer"] == "bewoners").sum())
        message = ngettext("{n} plek in {name}", "{n} plekken in {name}", n).format(
            n=fmt.number(n), name=name
        )
        if residents:
            message += _(", {n} van bewoners zelf").format(n=fmt.number(residents))
        out.append(Slide(_("Wat de wijk heeft"), message, the_map))
    routes = route_list(assets)
    if routes:
        route = routes[0]
        out.append(
            Slide(
                _("Een route van de wijk"),
                f"{route['naam']}: {route['soort']}, {route['maker']}",
                # the route alone with its stops named; the map of everything if it has no area
                next((c.projected for c in found if c.name == "route"), the_map),
            )
        )
    # slide titles differ: the presentation is navigated by them
    for title, (heading, text) in zip(
        (N_("Uit de wijk"), N_("Nog een verhaal")), verhalen_shown(assets), strict=False
    ):
        out.append(Slide(_(title), f"“{text}”", note=heading))
    return tuple(out)


def add_map_layer(
    figure: go.Figure, run: Runner, period: Period, level: str, gemeente: str | None
) -> go.Figure:
    """Add a gemeente's plekken and routes to one of the screens' maps, switched off: an
    entry in the legend switches each type or route on (the area map stays as it was)."""
    found = run(queries.plekken)(period, level, gemeente)
    stops = run(queries.route_stops)(gemeente)
    if found.empty and stops.empty:
        return figure
    held = run(queries.plek_activiteiten)(period, gemeente)
    charts.add_compact_layer(figure, found, stops, held, visible="legendonly")
    # top left, over the sea of the map: the colour bar is on the right, names below
    figure.update_layout(
        legend={"x": 0.0, "y": 1.0, "xanchor": "left", "yanchor": "top",
                "bgcolor": "rgba(255,255,255,0.8)"}
    )  # fmt: skip
    return figure


def street_map(
    assets: Assets,
    shapes: gpd.GeoDataFrame,
    code: str,
    offline: go.Figure,
    tiles: tuple[str, str] | None,
    area_attribution: str,
) -> go.Figure:
    """The map of what the area has on a street map when tiles answer (`tiles`: URL template
    and attribution), else the offline map as it is (polygons on a plain background)."""
    if tiles is None or assets.plekken.empty and assets.stops.empty:
        return offline
    return basemap.asset_tile_map(
        shapes,
        code,
        assets.plekken,
        assets.stops,
        assets.held,
        tiles[0],
        tiles[1],
        area_attribution,
    )


def clicked_plek(event: object) -> str | None:
    """The plek_id of the place clicked on the map of what the wijk has (None: no place)."""
    if isinstance(event, dict):  # AppTest hands a plain dict; the app an object with .selection
        points = event.get("selection", {}).get("points", [])
    else:
        selection = getattr(event, "selection", None)
        points = selection.get("points", []) if selection is not None else []
    for point in points:
        if point.get("legendgroup") not in (None, "plekken"):
            continue  # a route's stop
        data = point.get("customdata")
        if isinstance(data, list):
            data = data[0] if data else None
        if isinstance(data, str) and data:
            return data
    return None


def activities_at(assets: Assets, plek_id: str) -> tuple[str, pd.DataFrame] | None:
    """(the plek's name, its activiteiten with their bijeenkomsten in the period), or None for
    a plek not of this area."""
    plek = assets.plekken[assets.plekken["plek_id"] == plek_id]
    if plek.empty:
        return None
    held = assets.held[assets.held["plek_id"] == plek_id]
    table = pd.DataFrame(
        {
            _("Activiteit"): held["activiteit"].astype(str),
            _("Soort"): held["type"].astype(str),
            _("Bewonersinitiatief"): held["is_bewonersinitiatief"].map(
                {True: _("ja"), False: _("nee")}
            ),
            _("Bijeenkomsten"): held["bijeenkomsten"].astype(int),
        }
    ).reset_index(drop=True)
    return str(plek["naam"].iloc[0]), table
