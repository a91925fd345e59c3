"""The sidebar's select box cuts a long organisation name at 1024×768 ("Lindenwaard Samen, v"):
the chosen one is then written out whole under it, as text."""

from __future__ import annotations

import pytest

from dashboard.config import DB_ENV_VAR
from dashboard.display.text import md
from dashboard.ui.frame import SELECT_CHARS
from tests.helpers import open_screen

pytestmark = pytest.mark.slow

LONG = ("ORG999902", "Lindenwaard Samen, welzijn en opbouwwerk")  # 40 characters
OTHER = ("ORG999901", "Stichting Welzijn Lindenwaard")  # another organisation of the demo
ALL = None


@pytest.fixture(autouse=True)
def db(monkeypatch, demo_db_path) -> str:
    monkeypatch.setenv(DB_ENV_VAR, demo_db_path)
    return demo_db_path


def sidebar_captions(org: str | None) -> list[str]:
    params = {"gm": "GM9999", **({"org": org} if org else {})}
    at = open_screen("pages/continuiteit.py", params=params)
    return [c.value for c in at.sidebar.caption]


def test_a_long_chosen_organisation_is_written_out_under_the_select_box():
    assert len(LONG[1]) > SELECT_CHARS
    assert md(LONG[1]) in sidebar_captions(LONG[0])


def test_no_name_under_the_select_box_without_a_chosen_organisation():
    captions = sidebar_captions(ALL)
    assert not any(name in c for c in captions for name in (LONG[1], OTHER[1]))
