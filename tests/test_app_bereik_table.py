"""Bereik's tables in AppTest: a share hidden under the small-number rule is said in words
that the column is wide enough to hold (issue 14: "verborgen (kleine aantallen)" was cut)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from dashboard.config import DB_ENV_VAR
from dashboard.display import formatting as fmt
from dashboard.display.tables import MARKED_ROW_BACKGROUND, MARKED_ROW_CLASS
from dashboard.display.text import SOFT_HYPHEN
from dashboard.screens import bereik
from tests.helpers import (
    narrow_markup,
    narrow_tables,
    open_screen,
    wide_grid_elements,
    wide_grids,
)

pytestmark = pytest.mark.slow

HIDDEN = "verborgen (kleine aantallen)"


@pytest.fixture(autouse=True)
def demo(monkeypatch, demo_db_path) -> None:
    monkeypatch.setenv(DB_ENV_VAR, demo_db_path)


def test_a_column_with_long_texts_gets_a_width_that_holds_them():
    # per buurt the demo hides the repeat share of a few buurten
    at = open_screen("pages/bereik.py", params={"gm": "GM9999", "niveau": "buurt"})
    table = at.dataframe[-1]
    assert HIDDEN in table.value["Herhaalbezoek"].tolist()
    columns = json.loads(table.proto.columns)
    assert columns["Herhaalbezoek"]["width"] == "medium"
    # short figures keep Streamlit's own sizing
    assert "Inwoners" not in columns


@pytest.mark.parametrize(
    ("page", "pinned"),
    [("pages/bereik.py", ["Gebied"]), ("pages/continuiteit.py", ["Gebied", "Rol"])],
)
def test_the_names_of_a_row_stay_in_view_when_a_wide_table_scrolls(page, pinned):
    # at 1024×768 the area tables of Bereik (nine columns) and Continuïteit scroll sideways
    # (tests/e2e/test_layout.py measures it); the columns that name a row are pinned
    at = open_screen(page, params={"gm": "GM9999"})
    table = at.dataframe[-1] if page.endswith("bereik.py") else _per_area_and_rol(at)
    columns = json.loads(table.proto.columns)
    assert [name for name, c in columns.items() if c.get("pinned")] == pinned
    assert list(table.value.columns[: len(pinned)]) == pinned  # first, left of the figures


def _per_area_and_rol(at):
    [table] = [d for d in at.dataframe if "Mediane verblijfsduur" in d.value.columns]
    return table


def test_a_selected_wijk_whose_rate_counts_more_residents_says_why():
    """A policy maker's walk: Waterkant showed 42 unique participants beside 7,8 per 1.000 of
    8.547 inwoners (about 67 residents), with nothing beside them to say why."""
    at = open_screen(
        "pages/bereik.py",
        params={"gm": "GM9999", "van": "2025-11-01", "tot": "2026-10-31", "sel": "WK999908"},
    )
    panel = at.dataframe[0].value.set_index("Kengetal")["Waarde"]
    assert (panel["Unieke deelnemers"], panel["Bereik per 1.000 inwoners"]) == ("42", "7,8")
    captions = [c.value for c in at.caption]
    assert captions.count(bereik.RATE_WITHOUT_PARTICIPANTS) == 2  # beside the panel and the table


@pytest.mark.parametrize(
    ("page", "heading"),
    [
        ("pages/bereik.py", "Alle gebieden"),
        ("pages/continuiteit.py", "Per wijk en rol"),
        ("pages/opbrengst.py", "Alle wijk-jaren"),
    ],
)
def test_a_display_table_also_comes_as_a_plain_table_for_a_narrow_page(page, heading):
    # issue 14: at 1024×768 a grid scrolled its last columns out of view; the page's CSS
    # shows this plain HTML table there instead (its headers wrap), with the same cells
    at = open_screen(page, params={"gm": "GM9999"})
    assert heading in [h.value for h in at.header]
    narrow, grids = narrow_tables(at), wide_grids(at)
    assert narrow and narrow.keys() == grids.keys()
    for key, table in narrow.items():
        grid = grids[key]
        assert [c.replace(SOFT_HYPHEN, "") for c in table.columns] == list(grid.columns)
        expected = grid.map(lambda v: "" if pd.isna(v) else str(v))
        assert table.to_numpy().tolist() == expected.to_numpy().tolist()


@pytest.mark.parametrize("page", ["pages/bereik.py", "pages/dekking.py"])
def test_the_area_chosen_on_the_map_is_marked_in_the_table_of_all_areas(page):
    # a policy maker who clicked Waterkant could not find it among the other wijken below
    # the map: its row is marked in both forms of the table, and no other row is
    at = open_screen(page, params={"gm": "GM9999", "sel": "WK999908"})
    markup = narrow_markup(at)["alle_gebieden"]
    assert markup.count(MARKED_ROW_CLASS) == 1
    marked = markup.split(f'<tr class="{MARKED_ROW_CLASS}" aria-current="true">')[1]
    assert marked.startswith("<td>Waterkant</td>")
    grid = wide_grid_elements(at)["alle_gebieden"]
    row = list(grid.value.iloc[:, 0]).index("Waterkant")
    styles = grid.proto.arrow_data.styler.styles
    assert MARKED_ROW_BACKGROUND.lower() in styles.lower()
    assert f"row{row}_col0" in styles and styles.count("_col0") == 1
    # without a chosen area nothing is marked
    plain = open_screen(page, params={"gm": "GM9999"})
    assert MARKED_ROW_CLASS not in narrow_markup(plain)["alle_gebieden"]
    assert not wide_grid_elements(plain)["alle_gebieden"].proto.arrow_data.styler.styles


def test_per_buurt_the_screen_says_how_many_sessions_lie_in_no_buurt():
    # a walk added up the buurten (3.304 bijeenkomsten) against the wijken (3.821) and found
    # nothing on the screen to say why: the activiteiten of the rest have no buurt
    view = {"gm": "GM9999", "van": "2025-11-01", "tot": "2026-10-31"}
    at = open_screen("pages/bereik.py", params={**view, "niveau": "buurt"})
    per_buurt = at.dataframe[-1].value
    placed = sum(int(v.replace(".", "")) for v in per_buurt["Bijeenkomsten"])
    wijk = open_screen("pages/bereik.py", params=view).dataframe[-1].value
    total = sum(int(v.replace(".", "")) for v in wijk["Bijeenkomsten"])
    assert total > placed  # the demo has activiteiten without a buurt
    said = (
        f"{fmt.number(total - placed)} van de {fmt.number(total)} bijeenkomsten lagen in geen buurt"
    )
    assert any(c.value.startswith(said) for c in at.caption)
    # per wijk every session has its area: no such sentence
    assert not any(
        "in geen wijk" in c.value for c in open_screen("pages/bereik.py", params=view).caption
    )
