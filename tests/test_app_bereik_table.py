"""Bereik's tables in AppTest: a share hidden under the small-number rule is said in words
that the column is wide enough to hold (issue 14: "verborgen (kleine aantallen)" was cut)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from dashboard.config import DB_ENV_VAR
from dashboard.display.text import SOFT_HYPHEN
from dashboard.screens import bereik
from tests.helpers import narrow_tables, open_screen, wide_grids

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
