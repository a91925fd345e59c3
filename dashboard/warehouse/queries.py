"""The query API: typed functions that return DataFrames for the screens and the CLI.

Every function takes an open DuckDB connection (or cursor) first, then a period
and filters. Values are bound as parameters; the only names that reach SQL text
are the fixed macro names below, never user input. Pages call only these
functions (through the cached wrappers in `dashboard.ui.cache`).
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Concatenate, ParamSpec, Protocol, TypeVar

import duckdb
import pandas as pd

from dashboard.domain.codes import ATTRIBUTIES, CONTINUITY_LEVELS, INZET_LEVELS, LEVELS, ROLLEN
from dashboard.domain.period import Period, QueryError
from dashboard.warehouse import area_shapes

# Dutch needs the article's gender: "onbekend niveau" but "onbekende rol".
_UNKNOWN = {
    "niveau": "Onbekend niveau",
    "attributie": "Onbekende attributie",
    "rol": "Onbekende rol",
}


def _check(value: str | None, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        raise QueryError(f"{_UNKNOWN[what]} '{value}'. Kies uit: {', '.join(allowed)}.")


def _run(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, object]) -> pd.DataFrame:
    return con.sql(sql, params=params).df()


# The mart macros this module may call. Their names and parameter names are
# fixed here in code; callers' values only ever travel as bound parameters.
_MACROS: frozenset[str] = frozenset(
    {
        "bereik",
        "bereik_vensters",
        "bereik_per_maand",
        "bereik_per_type",
        "bereik_partners",
        "continuiteit",
        "verblijfsduur_curve",
        "continuiteit_signalen",
        "dekking",
        "behoefte_componenten",
        "spell_tijdlijn",
        "datakwaliteit",
        "opbouwwerk_wisselingen",
        "plekken",
        "plek_activiteiten",
        "route_stops",
        "verhalen",
    }
)


def _macro(
    con: duckdb.DuckDBPyConnection,
    name: str,
    positional: Mapping[str, object],
    named: Mapping[str, object],
) -> pd.DataFrame:
    """Call a mart macro: positional arguments first, then `p_<key> := $<key>` ones."""
    if name not in _MACROS:
        raise QueryError(f"Onbekende query '{name}'.")
    args = [f"${key}" for key in positional] + [f"p_{key} := ${key}" for key in named]
    return _run(con, f"select * from {name}({', '.join(args)})", {**positional, **named})


def _span(period: Period) -> dict[str, object]:
    return {"start": period.start, "end": period.end}


def _no_buurt(level: str, what: str) -> None:
    if level == "buurt":
        raise QueryError(
            f"{what} wordt per wijk gemeten (inzet is per wijk geregistreerd), niet per buurt."
        )


def _reach_args(
    level: str,
    attributie: str,
    gemeente: str | None,
    activity_type: str | None,
    organisatie: str | None,
) -> dict[str, object]:
    _check(level, LEVELS, "niveau")
    _check(attributie, ATTRIBUTIES, "attributie")
    return {
        "niveau": level,
        "attributie": attributie,
        "gemeente": gemeente,
        "type": activity_type,
        "organisatie": organisatie,
    }


def _staff_args(
    gemeente: str | None, rol: str | None, organisatie: str | None
) -> dict[str, object]:
    """The scope of the inzet-based queries: gemeente, an allowed rol, organisatie."""
    if rol is not None:
        _check(rol, ROLLEN, "rol")
    return {"gemeente": gemeente, "rol": rol, "organisatie": organisatie}


def _continuity_args(
    level: str, gemeente: str | None, rol: str | None, organisatie: str | None
) -> dict[str, object]:
    _no_buurt(level, "Continuïteit")
    _check(level, CONTINUITY_LEVELS, "niveau")
    return {"niveau": level, **_staff_args(gemeente, rol, organisatie)}


def bereik(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    level: str = "wijk",
    attributie: str = "waar",
    gemeente: str | None = None,
    activity_type: str | None = None,
    organisatie: str | None = None,
) -> pd.DataFrame:
    """Reach per area (docs/DESIGN.md §5 Reach): one row per gebied of the level."""
    named = _reach_args(level, attributie, gemeente, activity_type, organisatie)
    return _macro(con, "bereik", _span(period), named)


def bereik_in(
    con: duckdb.DuckDBPyConnection,
    periods: Sequence[Period],
    level: str = "wijk",
    attributie: str = "waar",
    gemeente: str | None = None,
) -> list[pd.DataFrame]:
    """`bereik` for several periods in one query: one frame per period, in the given order.

    Each frame equals `bereik(period, ...)`; the periods share the scans (the Wijkprofiel's
    period, a year earlier and its yearly trend cost about one query, not one each).
    """
    if not periods:
        raise QueryError("Geef ten minste één periode.")
    named = _reach_args(level, attributie, gemeente, None, None)
    spans = {"starts": [p.start for p in periods], "ends": [p.end for p in periods]}
    df = _macro(con, "bereik_vensters", spans, named)
    return [
        df[df["venster"] == i].drop(columns="venster").reset_index(drop=True)
        for i in range(1, len(periods) + 1)
    ]


def bereik_per_maand(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    level: str = "gemeente",
    attributie: str = "waar",
    gemeente: str | None = None,
    activity_type: str | None = None,
    organisatie: str | None = None,
) -> pd.DataFrame:
    """Reach per area per month of the period (trend)."""
    named = _reach_args(level, attributie, gemeente, activity_type, organisatie)
    return _macro(con, "bereik_per_maand", _span(period), named)


def bereik_per_type(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    level: str = "gemeente",
    gemeente: str | None = None,
    organisatie: str | None = None,
) -> pd.DataFrame:
    """Bijeenkomsten and deelnames per area per activity type."""
    _check(level, LEVELS, "niveau")
    named = {"niveau": level, "gemeente": gemeente, "organisatie": organisatie}
    return _macro(con, "bereik_per_type", _span(period), named)


def bereik_partners(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    level: str = "gemeente",
    gemeente: str | None = None,
    activity_type: str | None = None,
    organisatie: str | None = None,
) -> pd.DataFrame:
    """Partner mix: bijeenkomsten per area per partner organisation."""
    _check(level, LEVELS, "niveau")
    named = {
        "niveau": level,
        "gemeente": gemeente,
        "type": activity_type,
        "organisatie": organisatie,
    }
    return _macro(con, "bereik_partners", _span(period), named)


def continuiteit(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    level: str = "wijk",
    gemeente: str | None = None,
    rol: str | None = None,
    organisatie: str | None = None,
) -> pd.DataFrame:
    """Continuity per area per rol (docs/DESIGN.md §5 Continuity), per wijk or gemeente.

    Level `land` (codes.COUNTRY) pools every spell in scope into one area, gebiedscode
    `NL` (codes.NATIONAL): the figures of the whole country, as level gemeente pools the
    spells of a gemeente's wijken.
    """
    named = _continuity_args(level, gemeente, rol, organisatie)
    return _macro(con, "continuiteit", _span(period), named)


def verblijfsduur_curve(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    level: str = "gemeente",
    gemeente: str | None = None,
    rol: str | None = None,
    organisatie: str | None = None,
) -> pd.DataFrame:
    """Kaplan–Meier survival curve of spells in scope, per area per rol (level `land`: the country)."""
    named = _continuity_args(level, gemeente, rol, organisatie)
    return _macro(con, "verblijfsduur_curve", _span(period), named)


def continuiteit_signalen(
    con: duckdb.DuckDBPyConnection,
    peildatum: date,
    gemeente: str | None = None,
    rol: str | None = None,
    organisatie: str | None = None,
) -> pd.DataFrame:
    """Team-lead signals on a reference date: departures without successor, unfilled rollen."""
    return _macro(
        con,
        "continuiteit_signalen",
        {"peildatum": peildatum},
        _staff_args(gemeente, rol, organisatie),
    )


def dekking(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    level: str = "wijk",
    gemeente: str | None = None,
    organisatie: str | None = None,
) -> pd.DataFrame:
    """Opbouwwerk coverage and need per area (docs/DESIGN.md §5 Coverage); wijk or gemeente level."""
    _no_buurt(level, "Dekking")
    _check(level, INZET_LEVELS, "niveau")
    named = {"niveau": level, "gemeente": gemeente, "organisatie": organisatie}
    return _macro(con, "dekking", _span(period), named)


def behoefte_componenten(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    level: str = "wijk",
    gemeente: str | None = None,
) -> pd.DataFrame:
    """The need index's parts: per area per indicator its value, z-score and weight."""
    _check(level, ("wijk", "buurt"), "niveau")
    named = {"niveau": level, "gemeente": gemeente}
    return _macro(con, "behoefte_componenten", {"end": period.end}, named)


def behoefte_indicatoren(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The configured need indicators with weights and direction."""
    return _run(con, "select * from stg_behoefte_indicator order by gewicht desc, indicator", {})


def gemeenten(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """All gemeenten: code, naam and whether the data is fictitious."""
    return _run(con, "select gemeentecode, naam, is_fictief from stg_gemeente order by naam", {})


def data_range(
    con: duckdb.DuckDBPyConnection, gemeente: str | None = None
) -> tuple[date, date] | None:
    """First and last day with registrations (bijeenkomsten, inzet starts); None when there are none."""
    rows = con.sql(
        "select min(d), max(d) from ("
        " select datum as d from int_bijeenkomst where $gemeente is null or gemeentecode = $gemeente"
        " union all"
        " select startdatum from int_inzet where $gemeente is null or gemeentecode = $gemeente)",
        params={"gemeente": gemeente},
    ).fetchall()
    first, last = rows[0]
    return None if first is None else (first, last)


def organisaties(
    con: duckdb.DuckDBPyConnection, gemeente: str | None = None, role: str | None = None
) -> pd.DataFrame:
    """Organisations active in a gemeente: id, naam, soort, and whether they have inzet or organise activities.

    `role` 'inzet' keeps those with inzet (continuity, coverage), 'activiteit' those that
    organise activities (reach); None keeps both.
    """
    df = _run(
        con,
        "select o.organisatie_id, o.naam, o.soort,"
        " exists (select 1 from int_inzet as i where i.organisatie_id = o.organisatie_id"
        "   and ($gemeente is null or i.gemeentecode = $gemeente)) as heeft_inzet,"
        " exists (select 1 from int_activiteit as a"
        "   where a.organisatie_id = o.organisatie_id and ($gemeente is null or a.gemeentecode = $gemeente))"
        "   as organiseert_activiteiten"
        " from stg_organisatie as o order by o.naam",
        {"gemeente": gemeente},
    )
    keep = {
        None: df["heeft_inzet"] | df["organiseert_activiteiten"],
        "inzet": df["heeft_inzet"],
        "activiteit": df["organiseert_activiteiten"],
    }[role]
    return df[keep].reset_index(drop=True)


def activity_types(con: duckdb.DuckDBPyConnection, gemeente: str | None = None) -> list[str]:
    """The activity types that occur in a gemeente, alphabetically."""
    df = _run(
        con,
        "select distinct type from int_activiteit"
        " where $gemeente is null or gemeentecode = $gemeente order by type",
        {"gemeente": gemeente},
    )
    return df["type"].tolist()


def gebieden(
    con: duckdb.DuckDBPyConnection, level: str, gemeente: str | None = None
) -> pd.DataFrame:
    """Areas of one level: gebiedscode, naam, gemeentecode, wijkcode."""
    _check(level, LEVELS, "niveau")
    return _run(
        con,
        "select gebiedscode, naam, gemeentecode, wijkcode from int_gebied"
        " where niveau = $niveau and ($gemeente is null or gemeentecode = $gemeente) order by gebiedscode",
        {"niveau": level, "gemeente": gemeente},
    )


def spell_tijdlijn(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    gemeente: str | None = None,
    rol: str | None = None,
    organisatie: str | None = None,
) -> pd.DataFrame:
    """Spells in scope with their number per wijk and rol (for the label), professional and
    organisation ids (never shown; they decide whether a team lead sees a name), no names."""
    return _macro(con, "spell_tijdlijn", _span(period), _staff_args(gemeente, rol, organisatie))


def opbouwwerk_wisselingen(
    con: duckdb.DuckDBPyConnection, gemeente: str | None = None, rol: str = "opbouwwerker"
) -> pd.DataFrame:
    """Changes of professional per wijk and rol over all data (docs/DESIGN.md §5.6): every
    departure (with its successor's start and the unfilled days between) and every start
    without predecessor. No professional ids or names."""
    _check(rol, ROLLEN, "rol")
    return _macro(con, "opbouwwerk_wisselingen", {}, {"gemeente": gemeente, "rol": rol})


def professional_namen(
    con: duckdb.DuckDBPyConnection, gemeente: str | None, organisaties: Sequence[str]
) -> pd.DataFrame:
    """Names of the professionals with inzet for these organisations (in the gemeente; None:
    everywhere): professional_id, naam, organisatie_id, one row per professional and
    organisation. Only for a team lead's own organisations (docs/DESIGN.md §7): names that
    will not be shown are never fetched, and no organisations gives no rows.
    """
    return _run(
        con,
        "select distinct p.professional_id, p.naam, i.organisatie_id"
        " from stg_professional as p"
        " inner join stg_inzet as i on i.professional_id = p.professional_id"
        " inner join stg_wijk as w on w.wijkcode = i.wijkcode"
        " where list_contains($organisaties, i.organisatie_id)"
        " and ($gemeente is null or w.gemeentecode = $gemeente)"
        " order by p.professional_id, i.organisatie_id",
        {"organisaties": sorted({str(o) for o in organisaties}), "gemeente": gemeente},
    )


def bijeenkomsten_range(
    con: duckdb.DuckDBPyConnection, gemeente: str | None = None
) -> pd.DataFrame:
    """One row: the first and last datum of a bijeenkomst (in the gemeente; None: anywhere),
    both NULL when there is none (the years a reach trend can cover)."""
    return _run(
        con,
        "select min(datum) as eerste, max(datum) as laatste from int_bijeenkomst"
        " where $gemeente is null or gemeentecode = $gemeente",
        {"gemeente": gemeente},
    )


def gebiedsvormen(
    con: duckdb.DuckDBPyConnection, level: str, gemeente: str | None = None
) -> pd.DataFrame:
    """The areas of one level as a map draws them (a GeoDataFrame: gebiedscode, naam, geometry),
    simplified for the extent shown; for a chart that is not cached as a shared resource."""
    _check(level, LEVELS, "niveau")
    return area_shapes.display_gebieden(con, level, gemeente)


def datakwaliteit(con: duckdb.DuckDBPyConnection, gemeente: str | None = None) -> pd.DataFrame:
    """Per raw table: rows, the period covered and wijken without data."""
    return _macro(con, "datakwaliteit", {}, {"gemeente": gemeente})


def import_history(con: duckdb.DuckDBPyConnection, limit: int = 200) -> pd.DataFrame:
    """The latest imports, newest first."""
    return _run(
        con,
        "select import_id, tijdstip, bestand, tabel, rijen_toegevoegd, rijen_bijgewerkt,"
        " rijen_per_tabel, gebruiker, resultaat, melding"
        " from import_log order by import_id desc limit $limit",
        {"limit": limit},
    )


def plekken(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    level: str = "wijk",
    gemeente: str | None = None,
) -> pd.DataFrame:
    """What the wijk has: one row per plek with its area at the level and the activiteiten
    and bijeenkomsten held there in the period (issue 16)."""
    _check(level, LEVELS, "niveau")
    return _macro(con, "plekken", _span(period), {"niveau": level, "gemeente": gemeente})


def plek_activiteiten(
    con: duckdb.DuckDBPyConnection, period: Period, gemeente: str | None = None
) -> pd.DataFrame:
    """The activiteiten held at each plek, with their bijeenkomsten in the period."""
    return _macro(con, "plek_activiteiten", _span(period), {"gemeente": gemeente})


def route_stops(con: duckdb.DuckDBPyConnection, gemeente: str | None = None) -> pd.DataFrame:
    """Every stop of every route, in walking order (a route is drawn through its stops)."""
    return _macro(con, "route_stops", {}, {"gemeente": gemeente})


def verhalen(
    con: duckdb.DuckDBPyConnection, gemeente: str | None = None, ook_concept: bool = False
) -> pd.DataFrame:
    """The verhalen of a gemeente, newest first: only published ones unless `ook_concept`
    (which the public role never gets: dashboard.screens.access)."""
    return _macro(con, "verhalen", {}, {"gemeente": gemeente, "ook_concept": ook_concept})


# The query-API functions the app's cache may run (it keys its results by their names).
BY_NAME: dict[str, Callable[..., pd.DataFrame | list[pd.DataFrame]]] = {
    fn.__name__: fn
    for fn in (
        bereik,
        bereik_in,
        bereik_per_maand,
        bereik_per_type,
        bereik_partners,
        continuiteit,
        verblijfsduur_curve,
        continuiteit_signalen,
        spell_tijdlijn,
        opbouwwerk_wisselingen,
        professional_namen,
        dekking,
        behoefte_componenten,
        gebieden,
        gemeenten,
        bijeenkomsten_range,
        gebiedsvormen,
        organisaties,
        datakwaliteit,
        import_history,
        plekken,
        plek_activiteiten,
        route_stops,
        verhalen,
    )
}

P = ParamSpec("P")
R = TypeVar("R", covariant=True)


class Runner(Protocol):
    """Runs a query-API function without its connection argument, keeping its signature.

    `run(queries.bereik)(period, level="wijk")`: the app's runner (`dashboard.ui.cache.run`)
    caches the result; `on(con)` runs it on one connection, uncached (CLI, tests, benchmark).
    """

    def __call__(
        self, query: Callable[Concatenate[duckdb.DuckDBPyConnection, P], R], /
    ) -> Callable[P, R]: ...


def on(con: duckdb.DuckDBPyConnection) -> Runner:
    """A runner of query-API functions on this connection, uncached."""

    class _On:
        def __call__(
            self, query: Callable[Concatenate[duckdb.DuckDBPyConnection, P], R], /
        ) -> Callable[P, R]:
            def call(*args: P.args, **kwargs: P.kwargs) -> R:
                # a cursor per call: calls may run at once (`together`), and one connection
                # shared by threads is not safe (docs/STACK_NOTES: threads)
                return query(con.cursor(), *args, **kwargs)

            return call

    return _On()


T = TypeVar("T")


def together(*calls: Callable[[], T]) -> list[T]:
    """Run independent calls of a runner at once, each in its own thread; results in order.

    DuckDB runs a query without Python's lock, and one query keeps the two cores of our
    machines only about 1.4 busy: two at once finish in about 0.75 of the time one after
    the other (measured on the Wijkprofiel's reach queries, docs/performance.md). Every
    runner gives each call its own cursor.
    """
    if len(calls) <= 1:
        return [call() for call in calls]
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        # each call in a copy of the caller's context: the UI's language (dashboard.i18n)
        futures = [pool.submit(contextvars.copy_context().run, call) for call in calls]
        return [future.result() for future in futures]


def memo(con: duckdb.DuckDBPyConnection) -> Runner:
    """A runner on this connection that runs each call once and returns the same result after.

    For work that asks the same question many times on a database that does not change under
    it: the CLI's export of every area of a gemeente, whose profiles share all their queries
    (they ask per gemeente and level, then pick their own row). Results are shared: callers
    must not change them.
    """
    results: dict[tuple[object, ...], object] = {}

    class _Memo:
        def __call__(
            self, query: Callable[Concatenate[duckdb.DuckDBPyConnection, P], R], /
        ) -> Callable[P, R]:
            def call(*args: P.args, **kwargs: P.kwargs) -> R:
                key = (query.__name__, args, tuple(sorted(kwargs.items())))
                if key not in results:
                    results[key] = query(con.cursor(), *args, **kwargs)
                return results[key]  # type: ignore[return-value]

            return call

    return _Memo()
