"""The screens, map shapes and map payloads, measured in a fresh app process per size."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, ParamSpec, TypedDict, TypeVar

from benchmarks.databases import default_period
from benchmarks.measure import peak_rss_kb, timed
from benchmarks.terms import ALL, MAP_LEVELS, MAP_SCREENS, ONE, BenchError
from dashboard.config import DB_ENV_VAR, PROJECT_ROOT

if TYPE_CHECKING:
    import plotly.graph_objects as go

    from dashboard.domain.period import Period

P = ParamSpec("P")
R = TypeVar("R")


class Timings(TypedDict):
    """Seconds per run of one screen view, and its time divided by its DuckDB time."""

    cold: list[float]
    warm: list[float]
    ratio: list[float]


class ScreensResult(TypedDict):
    """What the worker measured (passed back as JSON)."""

    first: float  # the first view after a server start, seconds
    screens: dict[str, Timings]  # per screen title, one gemeente
    national: dict[str, Timings | None]  # per screen title; None: no national view offered
    shapes: dict[str, list[float]]  # per "level|view", seconds
    payload: dict[str, int | None]  # per "title|level|view", bytes of JSON; None: no map
    errors: dict[str, str]  # per screen title (national views: "title (landelijk)")
    maxrss_screens_kb: int  # peak RSS after the single-gemeente screens
    maxrss_kb: int  # peak RSS after everything


def _no_timings() -> Timings:
    return {"cold": [], "warm": [], "ratio": []}


def screens_worker(location: str, gemeente: str, repeat: int) -> ScreensResult:
    """Run in a fresh process: every screen cold and warm, national views, map payloads, memory."""
    os.environ[DB_ENV_VAR] = location
    import warnings

    warnings.filterwarnings("ignore")
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    import streamlit as st
    from streamlit.components.v2.component_manager import BidiComponentManager
    from streamlit.testing.v1 import AppTest

    from dashboard.domain.codes import NATIONAL
    from dashboard.domain.period import Period
    from dashboard.ui import cache, frame
    from dashboard.warehouse import area_shapes, queries

    db_time = [0.0]

    def timing(fn: Callable[P, R]) -> Callable[P, R]:
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                db_time[0] += time.perf_counter() - started

        return wrapper

    # Every DuckDB call of the app goes through these three functions.
    queries._run = timing(queries._run)
    queries.data_range = timing(queries.data_range)
    area_shapes.query_wkb = timing(area_shapes.query_wkb)

    app = str(PROJECT_ROOT / "app.py")
    # AppTest scans installed packages for components on each new instance (~0.15 s);
    # a real server does that once, so the scan is shared between the runs here.
    components: list[BidiComponentManager] = []

    def run_screen(path: str, gm: str = gemeente) -> float:
        at = AppTest.from_file(app, default_timeout=600)
        if components and hasattr(at, "_bidi_component_manager"):
            at._bidi_component_manager = components[0]
        at.query_params["gm"] = gm
        if path != "app.py":
            at.switch_page(path)
        seconds, _ = timed(at.run)
        if at.exception:
            raise BenchError(f"{path}: {[e.value for e in at.exception]}")
        manager = getattr(at, "_bidi_component_manager", None)
        if not components and manager is not None:
            components.append(manager)
        return seconds

    def cold_and_warm(path: str, gm: str) -> Timings:
        cold, warm, ratio = [], [], []
        for _ in range(repeat):
            st.cache_data.clear()
            gc.collect()
            db_time[0] = 0.0
            seconds = run_screen(path, gm)
            cold.append(seconds)
            ratio.append(seconds / db_time[0] if db_time[0] > 0 else float("nan"))
            warm.append(run_screen(path, gm))
        return {"cold": cold, "warm": warm, "ratio": ratio}

    screens: dict[str, Timings] = {}
    errors: dict[str, str] = {}
    # The first view after a server start also opens the database (st.cache_resource).
    first = run_screen("app.py")
    for screen in frame.SCREENS:
        try:
            screens[screen.title] = cold_and_warm(screen.path, gemeente)
        except Exception as exc:  # one broken screen should not hide the others' figures
            errors[screen.title] = str(exc)[:200]
            screens[screen.title] = _no_timings()

    period = Period(*default_period(cache._root(cache.database_location()).cursor(), gemeente))
    # Peak memory after the single-gemeente screens, and after everything below.
    maxrss_screens_kb = peak_rss_kb()
    # Map shapes are simplified once per database version (st.cache_resource); timed here.
    shapes: dict[str, list[float]] = {}
    for level in MAP_LEVELS:
        for scope, code in ((ONE, gemeente), (ALL, None)):
            times = []
            for _ in range(repeat):
                cur = cache._root(cache.database_location()).cursor()
                times.append(timed(partial(area_shapes.display_gebieden, cur, level, code))[0])
            shapes[f"{level}|{scope}"] = times
    # "Heel Nederland" is offered when the database holds more than one gemeente.
    several = len(cache.gemeenten()) > 1
    national: dict[str, Timings | None] = {}
    for screen in frame.SCREENS:
        try:
            national[screen.title] = cold_and_warm(screen.path, NATIONAL) if several else None
        except Exception as exc:
            errors[f"{screen.title} (landelijk)"] = str(exc)[:200]
            national[screen.title] = _no_timings()
    payload: dict[str, int | None] = {}
    for title in MAP_SCREENS:
        for level in MAP_LEVELS:
            for scope, code in ((ONE, gemeente), (ALL, None)):
                fig = screen_map(title, period, code, level)
                payload[f"{title}|{level}|{scope}"] = None if fig is None else len(fig.to_json())
    return {
        "first": first,
        "screens": screens,
        "national": national,
        "shapes": shapes,
        "payload": payload,
        "errors": errors,
        "maxrss_screens_kb": maxrss_screens_kb,
        "maxrss_kb": peak_rss_kb(),
    }


def screen_map(title: str, period: Period, gemeente: str | None, level: str) -> go.Figure | None:
    """The map a screen draws at this level, through the app's caches (None: no map there)."""
    from dashboard.display import maps
    from dashboard.screens.indicators import MAP_INDICATORS, indicator_values, map_level
    from dashboard.ui import cache

    if title in ("Continuïteit", "Dekking") and level != "wijk":
        return None  # measured per wijk: these screens draw wijken only
    if title == "Overzicht":
        indicator = MAP_INDICATORS["bereik_per_1000"]
        values = indicator_values(
            indicator, cache.run, period, map_level(indicator, level), gemeente
        )
        column, unit = "value", indicator.unit
    elif title == "Bereik":
        values = cache.bereik(period, level=level, attributie="waar", gemeente=gemeente)
        column, unit = "bereik_per_1000", "per 1.000 inwoners"
    elif title == "Continuïteit":
        from dashboard.screens.continuiteit import DEFAULT_MAP_ROL, map_values

        per_wijk = cache.continuiteit(period, level="wijk", gemeente=gemeente)
        values = map_values(per_wijk, "mediane_verblijfsduur_dagen", DEFAULT_MAP_ROL)
        column, unit = "value", "jaar"
    else:
        values = cache.dekking(period, level="wijk", gemeente=gemeente)
        column, unit = "fte_per_10000", "fte per 10.000 inwoners"
    return maps.choropleth(
        cache.geometry(level, gemeente), values, column, title=title, unit=unit, decimals=1
    )


def bench_screens(location: str, gemeente: str, repeat: int) -> ScreensResult:
    """Run `screens_worker` in a fresh Python process and return its results."""
    code = (
        "import json, sys; from benchmarks.screens import screens_worker; "
        "print('BENCH-RESULT' + json.dumps(screens_worker(sys.argv[1], sys.argv[2], int(sys.argv[3]))))"
    )
    env = {**os.environ, DB_ENV_VAR: location, "PYTHONPATH": str(PROJECT_ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code, location, gemeente, str(repeat)],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    for line in done.stdout.splitlines():
        if line.startswith("BENCH-RESULT"):
            result: ScreensResult = json.loads(line.removeprefix("BENCH-RESULT"))
            return result
    raise BenchError(f"De schermmeting is mislukt:\n{done.stderr[-3000:]}")
