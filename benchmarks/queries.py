"""The query API: every function, timed for one gemeente and for the whole country."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeAlias

import duckdb

from benchmarks.databases import default_period
from benchmarks.terms import ALL, ONE

if TYPE_CHECKING:
    from dashboard.domain.period import Period

# One query-API call: (connection, period, gemeente or None for the whole country).
QueryCall: TypeAlias = Callable[[duckdb.DuckDBPyConnection, "Period", str | None], object]
# Timings in seconds per (label, view).
QueryTimes: TypeAlias = dict[tuple[str, str], list[float]]


def query_calls() -> list[tuple[str, QueryCall, bool]]:
    """(label, call(con, period, gemeente), also national) for every query-API function."""
    from dashboard.screens.overzicht import headline_figures
    from dashboard.warehouse import area_shapes, queries

    return [
        ("gemeenten", lambda c, p, g: queries.gemeenten(c), False),
        ("data_range", lambda c, p, g: queries.data_range(c, g), True),
        ("organisaties", lambda c, p, g: queries.organisaties(c, g), True),
        ("activity_types", lambda c, p, g: queries.activity_types(c, g), True),
        ("gebieden (buurt)", lambda c, p, g: queries.gebieden(c, "buurt", g), True),
        ("behoefte_indicatoren", lambda c, p, g: queries.behoefte_indicatoren(c), False),
        ("bereik (wijk, waar)", lambda c, p, g: queries.bereik(c, p, "wijk", "waar", g), True),
        ("bereik (buurt, wie)", lambda c, p, g: queries.bereik(c, p, "buurt", "wie", g), True),
        ("bereik (gemeente)", lambda c, p, g: queries.bereik(c, p, "gemeente", gemeente=g), True),
        (
            "bereik_per_maand (gemeente)",
            lambda c, p, g: queries.bereik_per_maand(c, p, "gemeente", gemeente=g),
            True,
        ),
        (
            "bereik_per_type (gemeente)",
            lambda c, p, g: queries.bereik_per_type(c, p, "gemeente", gemeente=g),
            True,
        ),
        (
            "bereik_partners (gemeente)",
            lambda c, p, g: queries.bereik_partners(c, p, "gemeente", gemeente=g),
            True,
        ),
        ("continuiteit (wijk)", lambda c, p, g: queries.continuiteit(c, p, "wijk", g), True),
        (
            "verblijfsduur_curve (gemeente)",
            lambda c, p, g: queries.verblijfsduur_curve(c, p, "gemeente", g),
            True,
        ),
        (
            "continuiteit_signalen",
            lambda c, p, g: queries.continuiteit_signalen(c, p.end, g),
            True,
        ),
        ("spell_tijdlijn", lambda c, p, g: queries.spell_tijdlijn(c, p, g), True),
        ("dekking (wijk)", lambda c, p, g: queries.dekking(c, p, "wijk", g), True),
        (
            "behoefte_componenten (wijk)",
            lambda c, p, g: queries.behoefte_componenten(c, p, "wijk", g),
            True,
        ),
        ("headline_figures", lambda c, p, g: headline_figures(queries.on(c), p, g), False),
        (
            "area_shapes.read_gebieden (buurt)",
            lambda c, p, g: area_shapes.read_gebieden(c, "buurt", g),
            True,
        ),
    ]


def bench_queries(location: str, gemeente: str, repeat: int) -> QueryTimes:
    """Timings of every query-API function, for one gemeente and for the whole country."""
    from dashboard.domain.period import Period
    from dashboard.warehouse import store
    from dashboard.warehouse.store import open_current

    con = open_current(store.resolve(location))
    try:
        period = Period(*default_period(con, gemeente))
        out: QueryTimes = {}
        for label, call, national in query_calls():
            scopes: list[tuple[str, str | None]] = [(ONE, gemeente)]
            if national:
                scopes.append((ALL, None))
            for scope, code in scopes:
                times = []
                for _ in range(repeat):
                    cur = con.cursor()
                    started = time.perf_counter()
                    call(cur, period, code)
                    times.append(time.perf_counter() - started)
                    cur.close()
                out[(label, scope)] = times
        return out
    finally:
        con.close()
