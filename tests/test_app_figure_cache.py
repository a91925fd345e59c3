"""Charts and maps are built once per distinct input and shared by the sessions that show
the same data (dashboard.ui.cache.figure and map_figure): a second visitor of a screen gets
the figure without building it again; other data builds a new one."""

from __future__ import annotations

import functools

import pytest

from dashboard.config import DB_ENV_VAR
from dashboard.display import charts, maps
from dashboard.ui import cache
from dashboard.ui.frame import table_key
from tests.helpers import open_screen

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def demo(monkeypatch, demo_db_path) -> None:
    monkeypatch.setenv(DB_ENV_VAR, demo_db_path)
    cache._figure.clear()
    cache._map.clear()
    cache._KEPT.clear()


def counting(monkeypatch, module, name: str) -> list[int]:
    """Count the calls of module.name (the wrapper keeps its name, so its cache key)."""
    calls: list[int] = []
    real = getattr(module, name)

    @functools.wraps(real)
    def wrapper(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapper)
    return calls


def plotly_specs(at) -> list[str]:
    return [chart.proto.spec for chart in at.get("plotly_chart")]


def test_a_second_session_gets_the_charts_without_building_them(monkeypatch):
    built = counting(monkeypatch, charts, "type_chart")
    drawn = counting(monkeypatch, maps, "choropleth")
    # open_screen runs the app (Overzicht, with its map) first, then Bereik: two maps
    first = open_screen("pages/bereik.py", params={"gm": "GM9999"})
    assert (len(built), len(drawn)) == (1, 2)
    second = open_screen("pages/bereik.py", params={"gm": "GM9999"})
    assert (len(built), len(drawn)) == (1, 2)  # nothing built again
    assert plotly_specs(second) == plotly_specs(first)  # and the same figures shown


def test_other_data_builds_its_own_figures(monkeypatch):
    built = counting(monkeypatch, charts, "type_chart")
    drawn = counting(monkeypatch, maps, "choropleth")
    wijken = open_screen("pages/bereik.py", params={"gm": "GM9999"})
    buurten = open_screen("pages/bereik.py", params={"gm": "GM9999", "niveau": "buurt"})
    # the maps (Overzicht's and Bereik's) have other areas; the chart of activity types, for
    # the whole gemeente at both levels, is about the same rows: built once
    assert (len(built), len(drawn)) == (1, 4)
    assert plotly_specs(wijken) != plotly_specs(buurten)
    older = open_screen(
        "pages/bereik.py", params={"gm": "GM9999", "van": "2024-01-01", "tot": "2024-12-31"}
    )
    assert (len(built), len(drawn)) == (2, 6)  # another period: other figures
    assert plotly_specs(older) != plotly_specs(wijken)


def test_each_language_has_its_own_figures(monkeypatch):
    # a chart's titles, axes and hover texts are in the page's language: the English page
    # builds its own figure rather than getting the Dutch one from the cache
    built = counting(monkeypatch, charts, "type_chart")
    dutch = open_screen("pages/bereik.py", params={"gm": "GM9999"})
    english = open_screen("pages/bereik.py", params={"gm": "GM9999", "taal": "en"})
    assert len(built) == 2
    assert plotly_specs(dutch) != plotly_specs(english)
    again = open_screen("pages/bereik.py", params={"gm": "GM9999", "taal": "en"})
    assert len(built) == 2
    assert plotly_specs(again) == plotly_specs(english)


def test_a_shared_figure_is_tabled_once_per_language(monkeypatch):
    # "Toon als tabel" formats every cell: for a shared figure that is done once, not on
    # every run (it made national Continuïteit take 1 s a run)
    from dashboard.display import chart_table

    tabled = counting(monkeypatch, chart_table, "figure_table")
    open_screen("pages/bereik.py", params={"gm": "GM9999"})
    first = len(tabled)
    assert first > 0
    open_screen("pages/bereik.py", params={"gm": "GM9999"})
    assert len(tabled) == first  # the second session's tables come from the first's
    open_screen("pages/bereik.py", params={"gm": "GM9999", "taal": "en"})
    assert len(tabled) == 2 * first  # English headers: worked out again, once


def test_a_table_goes_with_its_figure():
    import gc

    import plotly.graph_objects as go

    figure = go.Figure(go.Bar(x=["a", "b"], y=[1, 2], name="reeks"))
    table = cache.figure_table(figure)
    assert cache.figure_table(figure) is table  # the same figure: the table kept
    key = id(figure)
    assert key in cache._KEPT
    del figure
    gc.collect()
    assert key not in cache._KEPT  # freed with its figure


def test_a_figure_freed_while_the_table_lock_is_held_does_not_wait_on_it():
    # the garbage collector may free a figure in a thread that holds the lock; its finalizer
    # must not take the lock (with a plain lock this test hangs)
    import gc

    import plotly.graph_objects as go

    figure = go.Figure(go.Bar(x=["a"], y=[1]))
    cache.figure_table(figure)
    key = id(figure)
    with cache._KEPT_LOCK:
        del figure
        gc.collect()
    assert key not in cache._KEPT


def test_a_second_session_gets_the_tables_without_formatting_them(monkeypatch):
    """The screens' display tables (dashboard.display.tables) are cached like the figures
    (cache.table); another period formats its own."""
    from dashboard.display import tables

    rows: list[int] = []  # the rows of each table formatted
    real = tables.bereik_table

    @functools.wraps(real)
    def wrapper(frame, *args, **kwargs):
        rows.append(len(frame))
        return real(frame, *args, **kwargs)

    monkeypatch.setattr(tables, "bereik_table", wrapper)
    first = open_screen("pages/bereik.py", params={"gm": "GM9999"})
    second = open_screen("pages/bereik.py", params={"gm": "GM9999"})
    # the table of the 9 wijken once; the gemeente's own line (bereik_summary, one row) is
    # not a table of the screen and is formatted on each run
    assert rows.count(9) == 1 and set(rows) == {1, 9}
    assert second.dataframe[0].value.equals(first.dataframe[0].value)
    open_screen(
        "pages/bereik.py", params={"gm": "GM9999", "van": "2024-01-01", "tot": "2024-12-31"}
    )
    assert rows.count(9) == 2


def test_a_chart_table_is_made_only_once_opened():
    # a closed "Toon als tabel" costs the browser nothing: its table is sent after a click
    at = open_screen("pages/bereik.py", params={"gm": "GM9999"})
    assert "Toon als tabel: Deelnames per maand" in [e.label for e in at.expander]
    assert len(at.table) == 0
    at.session_state[table_key("trend")] = True
    at.run()
    [table] = at.table
    assert list(table.value.columns)[0] == "Maand"
    assert len(table.value) > 0
    at.run()  # it stays open on the next run (a filter changed, say)
    assert len(at.table) == 1
    at.session_state[table_key("trend")] = False
    at.run()
    assert len(at.table) == 0


def test_a_shared_figure_is_turned_into_its_dict_once(monkeypatch):
    # st.plotly_chart asks every run for the figure's dict (a deep copy); a shared figure
    # gives the one it made the first time, and the browser gets the same chart as before
    import json

    import plotly.graph_objects as go

    copies = counting(monkeypatch, go.Figure, "to_dict")
    first = open_screen("pages/bereik.py", params={"gm": "GM9999"})
    made = len(copies)
    assert made == 5  # Overzicht's map (the app opens there), Bereik's map and three charts
    again = open_screen("pages/bereik.py", params={"gm": "GM9999"})
    assert len(copies) == made  # the second session: no copy made
    sent = [json.loads(c.proto.spec) for c in again.get("plotly_chart")]
    assert sent == [json.loads(c.proto.spec) for c in first.get("plotly_chart")]


def test_plotly_never_walks_a_drawn_dict(monkeypatch):
    # plotly.io.to_json tries orjson on the dict as it is; a value orjson refuses (a numpy
    # array of texts: a map's area codes and hover texts) made it walk every value, every
    # coordinate of a map, on every run. The drawn dicts hold only what JSON holds.
    import plotly.io._json as plotly_json

    open_screen("pages/bereik.py", params={"gm": "GM9999"})  # the figures and dicts made
    walks = counting(monkeypatch, plotly_json, "clean_to_json_compatible")
    again = open_screen("pages/bereik.py", params={"gm": "GM9999"})
    assert len(again.get("plotly_chart")) == 4  # the map and three charts were sent
    assert walks == []


def test_the_drawn_dict_is_the_figures_own_without_uids():
    import json

    import numpy as np
    import plotly.graph_objects as go
    import plotly.io as pio

    # texts in a numpy array and a missing value, as the screens' figures hold them
    figure = go.Figure(
        go.Bar(
            x=np.array(["a", "b"], dtype=object),
            y=[1, np.nan],
            customdata=np.array([["Centrum"], ["<b>Oost</b>"]], dtype=object),
            uid="een",
        )
    )
    drawn = cache.drawable(figure)
    assert drawn.to_dict() is cache.drawable(figure).to_dict()  # made once
    assert "uid" not in drawn.to_dict()["data"][0]
    # what the browser gets is, to the character, what the figure itself would give
    # (to_json drops uids too)
    assert pio.to_json(drawn, validate=False) == pio.to_json(figure, validate=False)
    assert json.loads(pio.to_json(drawn, validate=False))["data"][0]["y"] == [1, None]
    assert figure.data[0].uid == "een"  # the figure itself unchanged
