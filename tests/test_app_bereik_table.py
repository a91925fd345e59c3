"""Bereik's tables in AppTest: a share hidden under the small-number rule is said in words
that the column is wide enough to hold (issue 14: "verborgen (kleine aantallen)" was cut)."""

from __future__ import annotations

import json

import pytest

from dashboard.config import DB_ENV_VAR
from tests.helpers import open_screen

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
