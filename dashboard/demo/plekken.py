"""What the showcase's wijken have: plekken, resident-made routes and verhalen (issue 16).

Deterministic without random draws, so nothing else in the demo changes: places stand at
fixed spots inside their buurt's shape, and they host the activiteiten of that buurt whose
type belongs at such a place (a buurtcafé in the buurthuis, a moestuin in the moestuin).
Activiteiten without a buurt meet in the wijk's first buurthuis; walks (wijksafari,
buurtschouw) have no one place. Routes go past a wijk's plekken; verhalen tell what the
figures cannot, per wijk, consistent with the staffing stories of docs/DESIGN.md §9.
"""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pandas as pd
import shapely

from dashboard.demo.plan import GemeentePlan
from dashboard.warehouse import schema

ASSET_TABLES = ("plek", "plek_activiteit", "route", "route_stop", "verhaal")

# Where an activity type meets (activiteiten.TYPES); the types not listed have no one place.
PLACE_OF_TYPE = {
    "buurtcafé": "buurthuis",
    "koffieochtend": "buurthuis",
    "kookclub": "buurthuis",
    "repaircafé": "buurthuis",
    "spelmiddag": "buurthuis",
    "jongerenavond": "buurthuis",
    "taalcafé": "bibliotheek",
    "moestuin": "moestuin",
    "sport in de wijk": "sportveld",
    "pop-up terras": "complex_corporatie",
}
NAME_OF_PLACE = {
    "buurthuis": "Buurthuis",
    "bibliotheek": "Bibliotheekpunt",
    "moestuin": "Moestuin",
    "sportveld": "Sportveld",
    "complex_corporatie": "Flatcomplex",
    "park": "Park",
    "school": "Basisschool",
    "speelplek": "Speeltuin",
    "gebedshuis": "Moskee",
    "winkelcentrum": "Winkelcentrum",
    "zorgpunt": "Gezondheidscentrum",
    "initiatief": "Bewonersgroep",
    "partner": "Wijkkantoor woningcorporatie",
}
BEHEER_OF_PLACE = {
    "buurthuis": "organisatie",
    "bibliotheek": "organisatie",
    "moestuin": "bewoners",
    "sportveld": "gemeente",
    "complex_corporatie": "corporatie",
    "park": "gemeente",
    "school": "organisatie",
    "speelplek": "gemeente",
    "gebedshuis": "organisatie",
    "winkelcentrum": "organisatie",
    "zorgpunt": "organisatie",
    "initiatief": "bewoners",
    "partner": "corporatie",
}
# Places without registered activities, per showcase wijk (beside a park and a school each).
EXTRA_PLACES = {
    "Centrum": ("winkelcentrum", "partner"),
    "Oude Haven": ("gebedshuis", "speelplek"),
    "Molenkwartier": ("speelplek", "initiatief"),
    "De Brink": ("initiatief", "speelplek"),
    "Hoogveld": ("zorgpunt",),
    "Rivierzicht": ("gebedshuis",),
    "Lindenhof": ("initiatief",),
    "Waterkant": ("initiatief", "speelplek"),
    "Heidepark": ("zorgpunt", "initiatief"),
}

# (wijk, route name, soort, gemaakt_door, date, plek types to pass, a free stop or None)
ROUTES = (
    ("De Brink", "Wijksafari De Brink", "wijksafari", "bewoners_met_opbouwwerk",
     date(2025, 9, 13), None, "De oude lindeboom"),
    ("Heidepark", "Terrastour Heidepark", "terrastour", "bewoners_met_opbouwwerk",
     date(2026, 7, 4), ("complex_corporatie", "buurthuis", "park", "zorgpunt"), None),
    ("Waterkant", "Ommetje Waterkant", "wandelroute", "bewoners",
     date(2026, 5, 16), ("moestuin", "speelplek", "park", "buurthuis"), "Het bankje aan het water"),
)  # fmt: skip

# Verhalen per wijk: (month offset from the demo's last year, thema, bron, status, text).
# {wijk}, {plek} and {plek2} are filled in; no names of persons, no numbers.
STORIES = (
    ("ontmoeting", "bewoner", "gepubliceerd",
     "Sinds de {activiteit} in {plek} zijn, groeten buren in {wijk} elkaar weer op straat."),
    ("groen", "bijeenkomst", "gepubliceerd",
     "Op de wijkavond vroegen bewoners om meer bankjes bij {plek2}: daar ontmoeten ouderen en"
     " jonge gezinnen elkaar."),
    ("wonen", "professional", "concept",
     "Signaal: in een deel van {wijk} voelen nieuwe bewoners zich nog niet welkom. Voorstel:"
     " een welkomstochtend in {plek}."),
)  # fmt: skip
WIJK_STORIES = {
    "Waterkant": (
        "veiligheid", "bijeenkomst", "gepubliceerd",
        "Bewoners van Waterkant missen een vast aanspreekpunt in de wijk; wat er gebeurt,"
        " dragen vrijwilligers van de bewonersgroep.",
    ),
    "Heidepark": (
        "ontmoeting", "bewoner", "gepubliceerd",
        "Toen de opbouwwerker vertrok, viel de koffieochtend stil. Nu draait hij weer, en het"
        " terras bij de flats is het hele jaar een begrip.",
    ),
    "Molenkwartier": (
        "ontmoeting", "bewoner", "gepubliceerd",
        "De opbouwwerker kent hier iedereen al jaren. De kookclub is van de bewoners zelf"
        " geworden.",
    ),
}  # fmt: skip
STORY_DATES = (date(2026, 3, 12), date(2026, 6, 18), date(2026, 9, 24))


def _empty(table: str) -> pd.DataFrame:
    return pd.DataFrame(columns=[c.name for c in schema.table(table).loaded_columns])


def spots(shape: shapely.Geometry, n: int) -> list[tuple[float, float]]:
    """n distinct points well inside a shape, nearest its representative point first."""
    inner: shapely.Geometry = shapely.buffer(shape, -0.0008)
    if shapely.is_empty(inner):
        inner = shape
    x0, y0, x1, y1 = (float(v) for v in shapely.bounds(inner))
    grid = [
        shapely.Point(x0 + (x1 - x0) * (i + 0.5) / 9, y0 + (y1 - y0) * (j + 0.5) / 9)
        for i in range(9)
        for j in range(9)
    ]
    centre = shapely.point_on_surface(inner)
    inside = sorted(
        (p for p in grid if shapely.contains(inner, p)),
        key=lambda p: (p.distance(centre), p.x, p.y),
    )
    points = [centre, *inside] if inside else [centre]
    # every other grid point first, so neighbouring places are not on top of each other
    ordered = points[::2] + points[1::2]
    return [
        (round(ordered[k % len(ordered)].x, 6), round(ordered[k % len(ordered)].y, 6))
        for k in range(n)
    ]


def wijk_assets(
    plan: GemeentePlan, frames: dict[str, pd.DataFrame], buurt_shapes: np.ndarray
) -> dict[str, pd.DataFrame]:
    """The rows of the asset tables for one gemeente (only the showcase has any)."""
    if not plan.is_showcase:
        return {table: _empty(table) for table in ASSET_TABLES}
    buurten = frames["buurt"].reset_index(drop=True)
    wijken = frames["wijk"].reset_index(drop=True)
    shape_of = dict(zip(buurten["buurtcode"], buurt_shapes, strict=True))
    buurt_name = dict(zip(buurten["buurtcode"], buurten["naam"], strict=True))
    acts = frames["activiteit"]

    plekken: list[dict[str, object]] = []
    links: list[tuple[str, str]] = []
    used: dict[str, int] = {}

    def add(kind: str, buurtcode: str, naam: str, beheer: str | None = None) -> str:
        plek_id = f"PL{plan.digits}{len(plekken) + 1:03d}"
        k = used.get(buurtcode, 0)
        used[buurtcode] = k + 1
        lon, lat = spots(shape_of[buurtcode], k + 1)[k]
        plekken.append(
            {
                "plek_id": plek_id,
                "gemeentecode": plan.code,
                "naam": naam,
                "type": kind,
                "lon": lon,
                "lat": lat,
                "buurtcode": buurtcode,
                "beheer": beheer or BEHEER_OF_PLACE[kind],
                "startdatum": date(2005 + (len(plekken) * 7) % 19, 1 + len(plekken) % 12, 1),
                "einddatum": None,
                "beschrijving": None,
            }
        )
        return plek_id

    for wijkcode, wijknaam in zip(wijken["wijkcode"], wijken["naam"], strict=True):
        own_buurten = sorted(buurten.loc[buurten["wijkcode"] == wijkcode, "buurtcode"])
        here = acts[acts["wijkcode"] == wijkcode].sort_values("activiteit_id")
        places: dict[tuple[str, str], str] = {}
        for row in here.itertuples(index=False):
            kind = PLACE_OF_TYPE.get(str(row.type))
            if kind is None:
                continue
            buurtcode = row.buurtcode if isinstance(row.buurtcode, str) else own_buurten[0]
            key = (buurtcode, "buurthuis" if kind == "buurthuis" else kind)
            if key not in places:
                places[key] = add(kind, buurtcode, f"{NAME_OF_PLACE[kind]} {buurt_name[buurtcode]}")
            links.append((places[key], str(row.activiteit_id)))
        add("park", own_buurten[len(own_buurten) // 2], f"Park {wijknaam}")
        add("school", own_buurten[-1], f"{NAME_OF_PLACE['school']} {buurt_name[own_buurten[-1]]}")
        for k, kind in enumerate(EXTRA_PLACES.get(str(wijknaam), ())):
            buurtcode = own_buurten[(k + 1) % len(own_buurten)]
            add(
                kind,
                buurtcode,
                f"{NAME_OF_PLACE[kind]} {wijknaam if kind == 'initiatief' else buurt_name[buurtcode]}",
            )

    plek = pd.DataFrame(plekken)
    # a buurthuis whose activities are all bewonersinitiatieven is run by the residents
    initiative = dict(zip(acts["activiteit_id"], acts["is_bewonersinitiatief"], strict=True))
    by_plek: dict[str, list[bool]] = {}
    for plek_id, activiteit_id in links:
        by_plek.setdefault(plek_id, []).append(bool(initiative[activiteit_id]))
    residents = {p for p, flags in by_plek.items() if all(flags)}
    plek.loc[plek["plek_id"].isin(residents) & (plek["type"] == "buurthuis"), "beheer"] = "bewoners"
    link = pd.DataFrame(links, columns=["plek_id", "activiteit_id"]).drop_duplicates()

    wijk_of = dict(zip(buurten["buurtcode"], buurten["wijkcode"], strict=True))
    plek["wijkcode"] = plek["buurtcode"].map(wijk_of)
    code_of = dict(zip(wijken["naam"], wijken["wijkcode"], strict=True))
    routes, stops = _routes(plan, plek, code_of, shape_of, buurten)
    verhalen = _verhalen(plan, plek, acts, wijken)
    return {
        "plek": plek.drop(columns=["wijkcode"]),
        "plek_activiteit": link,
        "route": routes,
        "route_stop": stops,
        "verhaal": verhalen,
    }


def _routes(
    plan: GemeentePlan,
    plek: pd.DataFrame,
    code_of: dict[str, str],
    shape_of: dict[str, shapely.Geometry],
    buurten: pd.DataFrame,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    routes, stops = [], []
    for number, (wijk, naam, soort, maker, datum, kinds, free) in enumerate(ROUTES, start=1):
        wijkcode = code_of[wijk]
        here = plek[plek["wijkcode"] == wijkcode]
        chosen = here if kinds is None else here[here["type"].isin(kinds)]
        if len(chosen) < 2:
            chosen = here
        chosen = chosen.head(7)
        route_id = f"RT{plan.digits}{number:02d}"
        routes.append({"route_id": route_id, "gemeentecode": plan.code, "naam": naam, "soort": soort,
                       "datum": datum, "gemaakt_door": maker, "beschrijving": None})  # fmt: skip
        points: list[Stop] = [
            (None, float(lon), float(lat), str(plek_id))
            for lon, lat, plek_id in zip(
                chosen["lon"], chosen["lat"], chosen["plek_id"], strict=True
            )
        ]
        rows = walk(points)
        if free is not None:  # a stop that is no plek, where it adds the least walking
            own = sorted(buurten.loc[buurten["wijkcode"] == wijkcode, "buurtcode"])
            lon, lat = spots(shape_of[own[0]], 9)[8]
            rows = insert_cheapest(rows, (free, lon, lat, None))
        for k, (stop, lon, lat, plek_id) in enumerate(rows, start=1):
            stops.append({"route_id": route_id, "volgnummer": k, "naam": stop, "lon": lon,
                          "lat": lat, "plek_id": plek_id})  # fmt: skip
    return pd.DataFrame(routes), pd.DataFrame(stops)


Stop = tuple[str | None, float, float, str | None]  # naam, lon, lat, plek_id


def _distance(a: Stop, b: Stop) -> float:
    # degrees of longitude are shorter at 52° north: scale them, as a walker feels them
    return math.hypot((a[1] - b[1]) * 0.62, a[2] - b[2])


def walk(points: list[Stop]) -> list[Stop]:
    """The stops as a walk: from the westernmost, always on to the nearest not yet visited."""
    if not points:
        return []
    left = sorted(points, key=lambda p: (p[1], p[2]))
    path = [left.pop(0)]
    while left:
        nearest = min(left, key=lambda p: (_distance(path[-1], p), p[1], p[2]))
        left.remove(nearest)
        path.append(nearest)
    return path


def insert_cheapest(path: list[Stop], stop: Stop) -> list[Stop]:
    """The path with `stop` inserted where it lengthens the walk least."""
    best, where = math.inf, len(path)
    for k in range(len(path) + 1):
        before = path[k - 1] if k > 0 else None
        after = path[k] if k < len(path) else None
        extra = (_distance(before, stop) if before else 0.0) + (
            _distance(stop, after) if after else 0.0
        )
        if before and after:
            extra -= _distance(before, after)
        if extra < best:
            best, where = extra, k
    return [*path[:where], stop, *path[where:]]


def _verhalen(
    plan: GemeentePlan, plek: pd.DataFrame, acts: pd.DataFrame, wijken: pd.DataFrame
) -> pd.DataFrame:
    rows = []
    for w, (wijkcode, wijk) in enumerate(zip(wijken["wijkcode"], wijken["naam"], strict=True)):
        here = plek[plek["wijkcode"] == wijkcode]
        hosts = here[here["type"] == "buurthuis"]
        first = str((hosts if len(hosts) else here)["naam"].iloc[0])
        green = here[here["type"].isin(("park", "moestuin", "speelplek"))]
        second = str((green if len(green) else here)["naam"].iloc[0])
        types = acts.loc[acts["wijkcode"] == wijkcode, "type"]
        activiteit = next(
            (
                t
                for t in ("koffieochtend", "buurtcafé", "kookclub", "spelmiddag")
                if t in set(types)
            ),
            "buurtactiviteiten",
        )
        plural = {"koffieochtend": "koffieochtenden", "buurtcafé": "buurtcafés", "kookclub": "kookclubs", "spelmiddag": "spelmiddagen"}  # fmt: skip
        stories = list(STORIES)
        if wijk in WIJK_STORIES:
            stories[0] = WIJK_STORIES[str(wijk)]
        for k, (thema, bron, status, text) in enumerate(stories):
            rows.append(
                {
                    "verhaal_id": f"VH{plan.digits}{w + 1:02d}{k + 1}",
                    "gemeentecode": plan.code,
                    "gebiedscode": wijkcode,
                    "datum": STORY_DATES[k],
                    "thema": thema,
                    "tekst": text.format(
                        wijk=wijk,
                        plek=first,
                        plek2=second,
                        activiteit=plural.get(activiteit, activiteit),
                    ),  # fmt: skip
                    "bron": bron,
                    "status": status,
                }
            )
    return pd.DataFrame(rows)
