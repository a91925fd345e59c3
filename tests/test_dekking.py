"""Coverage and need metrics (docs/DESIGN.md §5 Coverage and need) on a hand-made fixture.

Expected values are worked out by hand in the comments.

Fixture: gemeente GM0001 with four wijken W1..W4 (WK000101..WK000104), wijk
kerncijfers for 2024, and the need index configured with two indicators of
weight 0.5 each (an administrator's change of the defaults):

wijk  inwoners  % laag inkomen  inkomen p.p. (x1000)
W1    1000      10              30
W2    2000      20              30
W3    4000      30              20
W4    5000      40              20 (2024 is NULL/secret; 2023's 20 applies)
W1 also has 90 % laag inkomen in 2025, which a period ending in 2024 must ignore.

Opbouwwerk inzet in the leap year 2024 (366 days):
  I1 W1 36 h (1.0 fte) 2023-06-01 .. open        -> 366 days in period
  I2 W2 18 h (0.5 fte) 2024-07-01 .. 2025-06-30  -> 184 days (Jul 1 .. Dec 31), organisation O2
  I3 W3 36 h (1.0 fte) 2023-01-01 .. 2024-01-31  -> 31 days
  I4 W3 36 h jongerenwerker, all year            -> not opbouwwerk, ignored
  W4 has no opbouwwerk.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.domain.period import Period, QueryError
from dashboard.warehouse import queries
from tests.helpers import insert

YEAR_2024 = Period(date(2024, 1, 1), date(2024, 12, 31))
LOW = "percentage_huishoudens_met_laag_inkomen"
INCOME = "gemiddeld_inkomen_per_inwoner"


@pytest.fixture()
def db(empty_db):
    con = empty_db
    insert(con, "gemeente", [("GM0001", "Testdorp", False, None)])
    insert(con, "wijk", [(f"WK00010{i}", f"W{i}", "GM0001", None) for i in range(1, 5)])
    figures = {1: (1000, 10, 30), 2: (2000, 20, 30), 3: (4000, 30, 20), 4: (5000, 40, None)}
    rows = []
    for i, (inwoners, low, income) in figures.items():
        code = f"WK00010{i}"
        rows += [
            (code, 2024, "aantal_inwoners", inwoners),
            (code, 2024, LOW, low),
            (code, 2024, INCOME, income),
        ]
    rows += [("WK000104", 2023, INCOME, 20), ("WK000101", 2025, LOW, 90)]
    insert(con, "kerncijfers", rows)
    con.execute("delete from behoefte_indicator")
    insert(
        con,
        "behoefte_indicator",
        [(LOW, 0.5, 1, "Laag inkomen (%)"), (INCOME, 0.5, -1, "Inkomen per inwoner")],
    )
    insert(con, "organisatie", [("O1", "Welzijn", "welzijn"), ("O2", "Ander welzijn", "welzijn")])
    insert(con, "professional", [(f"P{i}", f"Persoon {i}") for i in range(1, 5)])
    insert(
        con,
        "inzet",
        [
            ("I1", "P1", "WK000101", "opbouwwerker", "O1", date(2023, 6, 1), None, 36),
            ("I2", "P2", "WK000102", "opbouwwerker", "O2", date(2024, 7, 1), date(2025, 6, 30), 18),
            ("I3", "P3", "WK000103", "opbouwwerker", "O1", date(2023, 1, 1), date(2024, 1, 31), 36),
            (
                "I4",
                "P4",
                "WK000103",
                "jongerenwerker",
                "O1",
                date(2024, 1, 1),
                date(2024, 12, 31),
                36,
            ),
        ],
    )
    return con


def test_fte_per_wijk_time_weighted(db):
    df = queries.dekking(db, YEAR_2024, gemeente="GM0001").set_index("gebiedscode")
    # W1: 1.0 * 366 / 366 = 1.0; W2: 0.5 * 184 / 366 = 0.251366; W3: 1.0 * 31 / 366 = 0.084699; W4: 0.
    assert df["fte_opbouwwerk"].round(6).to_dict() == {
        "WK000101": 1.0,
        "WK000102": 0.251366,
        "WK000103": 0.084699,
        "WK000104": 0.0,
    }
    # per 10,000 inwoners: W1 10000 * 1 / 1000 = 10.0; W2 10000 * 0.251366 / 2000 = 1.256831;
    # W3 10000 * 0.084699 / 4000 = 0.211749; W4 0.
    assert df["fte_per_10000"].round(6).to_dict() == {
        "WK000101": 10.0,
        "WK000102": 1.256831,
        "WK000103": 0.211749,
        "WK000104": 0.0,
    }
    assert df["zonder_opbouwwerk"].to_dict() == {
        "WK000101": False,
        "WK000102": False,
        "WK000103": False,
        "WK000104": True,
    }


def test_need_index_z_scores(db):
    df = queries.dekking(db, YEAR_2024, gemeente="GM0001").set_index("gebiedscode")
    # % laag inkomen 10, 20, 30, 40: mean 25, population sd sqrt((225+25+25+225)/4) = sqrt(125)
    # = 11.180340 -> z = -1.341641, -0.447214, 0.447214, 1.341641.
    # inkomen 30, 30, 20, 20 (W4 from 2023): mean 25, sd 5, direction -1 -> z = -1, -1, 1, 1.
    # index = 0.5 * z_low + 0.5 * z_income: W1 -1.170820, W2 -0.723607, W3 0.723607, W4 1.170820.
    assert df["behoefte_index"].round(6).to_dict() == {
        "WK000101": -1.170820,
        "WK000102": -0.723607,
        "WK000103": 0.723607,
        "WK000104": 1.170820,
    }
    # weights sum to 1 and every indicator is known: the mean over the wijken is 0
    assert abs(df["behoefte_index"].mean()) < 1e-12


def test_quadrant_splits_at_medians(db):
    df = queries.dekking(db, YEAR_2024, gemeente="GM0001").set_index("gebiedscode")
    # median need = (-0.723607 + 0.723607) / 2 = 0; median coverage = (1.256831 + 0.211749) / 2 = 0.734290.
    # W1 (-1.17, 10.0) and W2 (-0.72, 1.26): low need, high coverage.
    # W3 (0.72, 0.21) and W4 (1.17, 0.0): high need, low coverage.
    assert df["kwadrant"].to_dict() == {
        "WK000101": "lage_behoefte_hoge_dekking",
        "WK000102": "lage_behoefte_hoge_dekking",
        "WK000103": "hoge_behoefte_lage_dekking",
        "WK000104": "hoge_behoefte_lage_dekking",
    }


def test_gemeente_level(db):
    df = queries.dekking(db, YEAR_2024, level="gemeente", gemeente="GM0001")
    row = df.iloc[0]
    # fte 1.0 + 0.251366 + 0.084699 = 1.336066 over 12,000 inwoners (sum of the wijken)
    # -> 10000 * 1.336066 / 12000 = 1.113388. No need index for a gemeente on its own.
    assert row["inwoners"] == 12000
    assert round(row["fte_opbouwwerk"], 6) == 1.336066
    assert round(row["fte_per_10000"], 6) == 1.113388
    assert pd.isna(row["behoefte_index"])


def test_organisation_filter(db):
    df = queries.dekking(db, YEAR_2024, gemeente="GM0001", organisatie="O2").set_index(
        "gebiedscode"
    )
    # only I2 belongs to O2: W2 0.251366, the others 0
    assert df["fte_opbouwwerk"].round(6).to_dict() == {
        "WK000101": 0.0,
        "WK000102": 0.251366,
        "WK000103": 0.0,
        "WK000104": 0.0,
    }


def test_need_components_show_values_and_weights(db):
    df = queries.behoefte_componenten(db, YEAR_2024, gemeente="GM0001")
    w4 = df[df.gebiedscode == "WK000104"].set_index("indicator")
    # W4's income is the 2023 value because 2024 is secret (NULL)
    assert w4.loc[INCOME, ["jaar", "waarde", "gewicht", "richting"]].tolist() == [
        2023,
        20.0,
        0.5,
        -1,
    ]
    assert w4.loc[LOW, ["jaar", "waarde"]].tolist() == [2024, 40.0]
    # W1's 2025 value (90 %) is after the period end: 2024's 10 % is used
    w1 = df[df.gebiedscode == "WK000101"].set_index("indicator")
    assert w1.loc[LOW, "waarde"] == 10.0


def test_missing_indicator_renormalises_weights(db):
    # Without any income figures the index rests on % laag inkomen alone: z = -1.341641 ... 1.341641.
    db.execute("delete from kerncijfers where indicator = ?", [INCOME])
    df = queries.dekking(db, YEAR_2024, gemeente="GM0001").set_index("gebiedscode")
    assert df["behoefte_index"].round(6).tolist() == [-1.341641, -0.447214, 0.447214, 1.341641]


def test_buurt_level_is_refused_with_reason(db):
    with pytest.raises(QueryError, match="Dekking wordt per wijk gemeten"):
        queries.dekking(db, YEAR_2024, level="buurt")
