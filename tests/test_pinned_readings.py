"""The pinned readings of docs/DESIGN.md §5.4, one test each, on tiny hand-made fixtures.

Each fixture is built so that the other reading of the definition would give another value;
every expected value is worked out by hand in the comments. Readings 3 and 8 are proven in
tests/test_bereik.py and tests/test_meer_geregistreerd_dan_totaal.py (DESIGN §5.4 names the
tests); the rest are here.

Date arithmetic: 2023 has 365 days, 2024 is a leap year (366). "A..B = n days" counts both
ends. 36 uren per week is 1.0 fte.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import duckdb
import pytest

from dashboard.warehouse import first_deelname, registered_deelnames
from tests.helpers import insert

D = date.fromisoformat

OPBOUW = "opbouwwerker"
JONGEREN = "jongerenwerker"
MW = "maatschappelijk_werker"
AGENT = "wijkagent"
LOW = "percentage_huishoudens_met_laag_inkomen"
INCOME = "gemiddeld_inkomen_per_inwoner"
OLDER = "percentage_personen_65_jaar_en_ouder"


def query(con: duckdb.DuckDBPyConnection, sql: str, **params: Any) -> list[dict[str, Any]]:
    """All rows of a query as dicts, values bound as parameters."""
    rel = con.sql(sql, params=params)
    return [dict(zip(rel.columns, values, strict=True)) for values in rel.fetchall()]


def areas(con: duckdb.DuckDBPyConnection, wijken: dict[str, str]) -> None:
    """Gemeenten GM0001 (and GM0002 when named) with the given wijken (code -> name)."""
    gemeenten = sorted({"GM" + code[2:6] for code in wijken})
    insert(con, "gemeente", [(gm, f"Gemeente {gm}", False, None) for gm in gemeenten])
    insert(con, "wijk", [(code, naam, "GM" + code[2:6], None) for code, naam in wijken.items()])


def add_inzet(con: duckdb.DuckDBPyConnection, rows: Sequence[tuple[Any, ...]]) -> None:
    """Inzet rows (professional, wijk, rol, start, end, uren) with ids I1, I2, ... for ORG_A."""
    insert(con, "organisatie", [("ORG_A", "Welzijn A", "welzijn")])
    insert(con, "professional", [(p, f"Persoon {p}") for p in sorted({row[0] for row in rows})])
    insert(
        con,
        "inzet",
        [
            (f"I{n}", prof, wijk, rol, "ORG_A", D(start), D(end) if end else None, uren)
            for n, (prof, wijk, rol, start, end, uren) in enumerate(rows, start=1)
        ],
    )


def continuiteit(
    con: duckdb.DuckDBPyConnection, start: str, end: str, niveau: str = "wijk"
) -> list[dict[str, Any]]:
    """The continuiteit mart of GM0001 for a period."""
    return query(
        con,
        "select * from continuiteit($start, $end, p_niveau := $niveau, p_gemeente := 'GM0001')",
        start=D(start),
        end=D(end),
        niveau=niveau,
    )


# ---------------------------------------------------------------------------
# 1. KM median when S(t) equals 0.5 exactly on an interval: the first such t
#
# Period 2023-01-01..2023-12-31, reference date 2023-12-31. Spells of one length each:
# a departure of 100 days 2023-01-01..2023-04-10 (31 + 28 + 31 + 10); of 150 days
# 2023-01-01..2023-05-30 (120 + 30); of 200 days 2023-01-01..2023-07-19 (181 + 19); censored at
# 300 days 2023-03-07..open (365 − 65); a departure of 400 days 2022-11-27..2023-12-31 (35 + 365,
# ending on the reference date is a departure).
KM_DATES = {
    100: ("2023-01-01", "2023-04-10"),
    150: ("2023-01-01", "2023-05-30"),
    200: ("2023-01-01", "2023-07-19"),
    300: ("2023-03-07", None),
    400: ("2022-11-27", "2023-12-31"),
}


@pytest.mark.parametrize(
    ("lengths", "curve"),
    [
        pytest.param(
            # t=100: n=4, d=1 → S = 3/4; t=200: n=3, d=1 → S = 3/4 × 2/3 = 1/2; t=300
            # censored, S stays 1/2; t=400: n=1, d=1 → S = 0. So S = 0.5 on [200, 400).
            [100, 200, 300, 400],
            [(100, 4, 1, 3 / 4), (200, 3, 1, 1 / 2), (300, 2, 0, 1 / 2), (400, 1, 1, 0.0)],
            id="flat-at-one-half",
        ),
        pytest.param(
            # t=100: n=10, d=1 → 9/10; t=150: n=9, d=2 → 9/10 × 7/9 = 7/10; t=200: n=7, d=2 →
            # 7/10 × 5/7 = 1/2; t=300: four censored; t=400: n=1, d=1 → 0. In floats the
            # product at 200 is 0.5000000000000001: the tolerance of 1e-9 makes it 0.5.
            [100, 150, 150, 200, 200, 300, 300, 300, 300, 400],
            [
                (100, 10, 1, 9 / 10),
                (150, 9, 2, 7 / 10),
                (200, 7, 2, 1 / 2),
                (300, 5, 0, 1 / 2),
                (400, 1, 1, 0.0),
            ],
            id="rounded-above-one-half",
        ),
    ],
)
def test_reading_1_km_median_first_t_where_s_is_half(
    empty_db: duckdb.DuckDBPyConnection,
    lengths: list[int],
    curve: list[tuple[int, int, int, float]],
) -> None:
    areas(empty_db, {"WK000101": "Noord"})
    add_inzet(
        empty_db,
        [
            (f"K{n:02d}", "WK000101", OPBOUW, *KM_DATES[days], 36)
            for n, days in enumerate(lengths, start=1)
        ],
    )
    got = query(
        empty_db,
        "select dagen, at_risk, vertrekken, overleving"
        " from verblijfsduur_curve('2023-01-01', '2023-12-31', p_niveau := 'wijk')",
    )
    assert [tuple(row.values()) for row in got] == [
        (dagen, at_risk, vertrekken, pytest.approx(overleving))
        for dagen, at_risk, vertrekken, overleving in curve
    ]
    [noord] = continuiteit(empty_db, "2023-01-01", "2023-12-31")
    # The literal rule: the smallest t with S(t) ≤ 0.5 is 200 in both cases. R's survfit would
    # take the midpoint of the flat stretch, (200 + 400) / 2 = 300; without the tolerance the
    # second case would give 400.
    assert (noord["mediane_verblijfsduur_dagen"], noord["langste_verblijfsduur_dagen"]) == (
        200,
        400,
    )


# ---------------------------------------------------------------------------
# 2. continuiteitsindex when the reference date falls in a merged gap of a spell


def test_reading_2_continuiteitsindex_in_a_merged_gap_takes_the_latest_row_started_before(
    empty_db: duckdb.DuckDBPyConnection,
) -> None:
    areas(empty_db, {"WK000101": "Noord"})
    add_inzet(
        empty_db,
        [
            # G1, one spell of three rows: 2021-01-01..2022-06-30 at 36 h (1.0 fte), then the
            # next day 2022-07-01..2023-12-20 at 18 h (0.5 fte), then 2024-01-05..open at 27 h
            # (0.75 fte). Strictly between 2023-12-20 and 2024-01-05: Dec 21..Jan 4 = 11 + 4
            # = 15 days ≤ 30, so one spell. The reference date 2023-12-31 lies in that gap: no
            # row is active that day. Verblijfsduur 2021-01-01..2023-12-31 = 3 × 365 = 1095 ≥ 730.
            ("G1", "WK000101", MW, "2021-01-01", "2022-06-30", 36),
            ("G1", "WK000101", MW, "2022-07-01", "2023-12-20", 18),
            ("G1", "WK000101", MW, "2024-01-05", None, 27),
            # G2: 2023-01-01..open = 365 days (< 730), 1.0 fte
            ("G2", "WK000101", MW, "2023-01-01", None, 36),
        ],
    )
    assert query(empty_db, "select spell_id, inzet_rows from int_spell order by spell_id") == [
        {"spell_id": "G1|WK000101|maatschappelijk_werker|2021-01-01", "inzet_rows": 3},
        {"spell_id": "G2|WK000101|maatschappelijk_werker|2023-01-01", "inzet_rows": 1},
    ]
    [noord] = continuiteit(empty_db, "2023-01-01", "2023-12-31")
    # G1 weighs the fte of its latest row started before the reference date, 0.5:
    # 100 × 0.5 / (0.5 + 1.0) = 33.33. Other readings: the spell left out → 0; its first row
    # (1.0) → 50; all rows started before (1.5) → 60; the row after the gap (0.75) → 42.86.
    assert noord["continuiteitsindex"] == pytest.approx(100 * 0.5 / 1.5)


# ---------------------------------------------------------------------------
# 4. Continuity rows exist for the rollen that occur in the gemeente's inzet


def test_reading_4_continuity_rows_for_exactly_the_rollen_in_the_gemeentes_inzet(
    empty_db: duckdb.DuckDBPyConnection,
) -> None:
    areas(empty_db, {"WK000101": "Noord", "WK000102": "Zuid", "WK000201": "Elders"})
    add_inzet(
        empty_db,
        [
            # GM0001: an opbouwwerker in Noord in the period
            ("R1", "WK000101", OPBOUW, "2023-01-01", None, 36),
            # a jongerenwerker in Zuid who left in 2020, long before the period: no spell in
            # scope anywhere, but the rol occurs in GM0001's inzet
            ("R2", "WK000102", JONGEREN, "2019-01-01", "2020-12-31", 36),
            # a wijkagent only in GM0002: no wijkagent rows for GM0001
            ("R3", "WK000201", AGENT, "2023-01-01", None, 36),
        ],
    )
    wijk = continuiteit(empty_db, "2023-01-01", "2023-12-31")
    # 2 wijken × the 2 rollen of GM0001's inzet (jongerenwerker, opbouwwerker), each also where
    # no spell is in scope; onbezet_dagen then counts the whole year, 365 days. Not the 6 rollen
    # of the code list, not only the rollen with a spell in scope (that would drop jongerenwerker)
    # and not only a wijk's own rollen (that would drop Zuid's opbouwwerker row).
    assert [(r["gebiedscode"], r["rol"], r["spells"], r["onbezet_dagen"]) for r in wijk] == [
        ("WK000101", JONGEREN, 0, 365),
        ("WK000101", OPBOUW, 1, 0),
        ("WK000102", JONGEREN, 0, 365),
        ("WK000102", OPBOUW, 0, 365),
    ]
    # the gemeente: the same two rollen, onbezet summed over its wijken (365 + 365, 0 + 365)
    gemeente = continuiteit(empty_db, "2023-01-01", "2023-12-31", niveau="gemeente")
    assert [(r["gebiedscode"], r["rol"], r["spells"], r["onbezet_dagen"]) for r in gemeente] == [
        ("GM0001", JONGEREN, 0, 730),
        ("GM0001", OPBOUW, 1, 365),
    ]


# ---------------------------------------------------------------------------
# 5. Need indicators: zero spread gives z = 0 and keeps its weight; fewer than 2 areas: out


def test_reading_5_need_indicator_zero_spread_z_zero_keeps_weight_and_one_area_left_out(
    empty_db: duckdb.DuckDBPyConnection,
) -> None:
    areas(empty_db, {"WK000101": "W1", "WK000102": "W2", "WK000103": "W3"})
    empty_db.execute("delete from behoefte_indicator")
    insert(
        empty_db,
        "behoefte_indicator",
        [
            (LOW, 0.5, 1, "Laag inkomen (%)"),
            (INCOME, 0.5, -1, "Inkomen per inwoner"),
            (OLDER, 0.5, 1, "65 jaar en ouder (%)"),
        ],
    )
    insert(
        empty_db,
        "kerncijfers",
        [
            # % laag inkomen 10, 20, 30: mean 20, population sd sqrt((100 + 0 + 100) / 3)
            # = sqrt(200 / 3) = 8.164966 → z = −1.224745, 0, 1.224745
            ("WK000101", 2024, LOW, 10),
            ("WK000102", 2024, LOW, 20),
            ("WK000103", 2024, LOW, 30),
            # income 25 everywhere: sd 0 → z = 0 for every wijk, weight 0.5 kept
            ("WK000101", 2024, INCOME, 25),
            ("WK000102", 2024, INCOME, 25),
            ("WK000103", 2024, INCOME, 25),
            # % 65+ known for W1 only: it cannot be compared, so it is left out in GM0001
            ("WK000101", 2024, OLDER, 40),
        ],
    )
    components = query(
        empty_db,
        "select gebiedscode, indicator, z_score, gewicht"
        " from behoefte_componenten('2024-12-31', p_gemeente := 'GM0001')",
    )
    z = 10 / (200 / 3) ** 0.5  # 1.224745
    assert components == [
        {"gebiedscode": "WK000101", "indicator": INCOME, "z_score": 0.0, "gewicht": 0.5},
        {"gebiedscode": "WK000101", "indicator": LOW, "z_score": pytest.approx(-z), "gewicht": 0.5},
        {"gebiedscode": "WK000102", "indicator": INCOME, "z_score": 0.0, "gewicht": 0.5},
        {"gebiedscode": "WK000102", "indicator": LOW, "z_score": 0.0, "gewicht": 0.5},
        {"gebiedscode": "WK000103", "indicator": INCOME, "z_score": 0.0, "gewicht": 0.5},
        {"gebiedscode": "WK000103", "indicator": LOW, "z_score": pytest.approx(z), "gewicht": 0.5},
    ]
    index = query(
        empty_db,
        "select gebiedscode, behoefte_index, indicatoren"
        " from behoefte_index('2024-12-31', p_gemeente := 'GM0001')",
    )
    # index = (0.5 × z_low + 0.5 × 0) / (0.5 + 0.5) = z_low / 2: −0.612372, 0, 0.612372.
    # Dropping the zero-spread indicator would give z_low itself (±1.224745); keeping % 65+
    # for W1 (z = 0 with one area) would give W1 0.5 × −1.224745 / 1.5 = −0.408248.
    assert index == [
        {"gebiedscode": "WK000101", "behoefte_index": pytest.approx(-z / 2), "indicatoren": 2},
        {"gebiedscode": "WK000102", "behoefte_index": 0.0, "indicatoren": 2},
        {"gebiedscode": "WK000103", "behoefte_index": pytest.approx(z / 2), "indicatoren": 2},
    ]


# ---------------------------------------------------------------------------
# 6. herhaal_pct counts deelnames within the same scope (area, attributie, filters)


@pytest.fixture()
def reach_db(empty_db: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """GM0001 with Noord (BU00010101) and Zuid (BU00010201), a buurtcafé in Noord, a moestuin
    in Zuid; deelnemers P1 and P3 live in Noord, P2 in Zuid.

    bijeenkomst  activiteit         datum       deelnames
      B1         A1 buurtcafé Noord 2024-02-01  P1, P3
      B2         A2 moestuin Zuid   2024-03-01  P1, P2
      B3         A1 buurtcafé Noord 2023-12-01  P2        (before the period)
      B4         A1 buurtcafé Noord 2024-04-01  P3
    """
    con = empty_db
    areas(con, {"WK000101": "Noord", "WK000102": "Zuid"})
    insert(
        con,
        "buurt",
        [("BU00010101", "Noord-A", "WK000101", None), ("BU00010201", "Zuid-A", "WK000102", None)],
    )
    insert(
        con,
        "kerncijfers",
        [
            ("BU00010101", 2024, "aantal_inwoners", 1000),
            ("BU00010201", 2024, "aantal_inwoners", 1000),
        ],
    )
    insert(con, "organisatie", [("O1", "Welzijn", "welzijn")])
    insert(
        con,
        "activiteit",
        [
            ("A1", "Buurtcafé", "buurtcafé", "WK000101", "BU00010101", "O1", False),
            ("A2", "Moestuin", "moestuin", "WK000102", "BU00010201", "O1", False),
        ],
    )
    insert(
        con,
        "bijeenkomst",
        [
            ("B1", "A1", D("2024-02-01"), 2),
            ("B2", "A2", D("2024-03-01"), 2),
            ("B3", "A1", D("2023-12-01"), 1),
            ("B4", "A1", D("2024-04-01"), 1),
        ],
    )
    insert(
        con,
        "deelnemer",
        [("P1", "BU00010101", None), ("P2", "BU00010201", None), ("P3", "BU00010101", None)],
    )
    insert(
        con,
        "deelname",
        [("B1", "P1"), ("B1", "P3"), ("B2", "P1"), ("B2", "P2"), ("B3", "P2"), ("B4", "P3")],
    )
    first_deelname.refresh_all(con)
    registered_deelnames.refresh_all(con)
    return con


@pytest.mark.parametrize(
    ("attributie", "type_", "expected"),
    [
        pytest.param(
            # Noord by place: B1 (P1, P3), B4 (P3) → P1 once, P3 twice: 1 of 2 = 50 %
            # (counting P1's B2 in Zuid too would give 100 %). Zuid: B2 (P1, P2), each once:
            # 0 % (counting P2's B3 of 2023, outside the period, would give 50 %).
            "waar",
            None,
            {"WK000101": 50.0, "WK000102": 0.0},
            id="area",
        ),
        pytest.param(
            # Noord's residents P1 (B1, B2) and P3 (B1, B4) both twice: 100 %; Zuid's P2 only
            # B2 in the period: 0 %. P1 repeats by home, not by place.
            "wie",
            None,
            {"WK000101": 100.0, "WK000102": 0.0},
            id="attributie",
        ),
        pytest.param(
            # buurtcafé only: P1 has B1 (B2 is a moestuin), P3 B1 and B4 → 1 of 2 = 50 %
            # (ignoring the filter would give 100 %); Zuid's P2 keeps no deelname → NULL
            "wie",
            "buurtcafé",
            {"WK000101": 50.0, "WK000102": None},
            id="filter",
        ),
    ],
)
def test_reading_6_herhaal_pct_counts_deelnames_within_the_same_scope(
    reach_db: duckdb.DuckDBPyConnection,
    attributie: str,
    type_: str | None,
    expected: dict[str, float | None],
) -> None:
    rows = query(
        reach_db,
        """
        select gebiedscode, herhaal_pct from bereik(
            '2024-01-01', '2024-12-31', p_niveau := 'wijk', p_attributie := $attributie,
            p_gemeente := 'GM0001', p_type := $type)
        """,
        attributie=attributie,
        type=type_,
    )
    assert {r["gebiedscode"]: r["herhaal_pct"] for r in rows} == expected


# ---------------------------------------------------------------------------
# 7. Kwadrant: "hoog" strictly above the gemeente median


def test_reading_7_kwadrant_hoog_strictly_above_median_so_no_opbouwwerk_is_lage_dekking(
    empty_db: duckdb.DuckDBPyConnection,
) -> None:
    areas(empty_db, {"WK000101": "W1", "WK000102": "W2", "WK000103": "W3"})
    empty_db.execute("delete from behoefte_indicator")
    insert(empty_db, "behoefte_indicator", [(LOW, 1.0, 1, "Laag inkomen (%)")])
    insert(
        empty_db,
        "kerncijfers",
        [
            row
            for i, low in ((1, 10), (2, 20), (3, 30))
            for row in (
                (f"WK00010{i}", 2024, "aantal_inwoners", 1000),
                (f"WK00010{i}", 2024, LOW, low),
            )
        ],
    )
    # opbouwwerk only in W3, 1.0 fte all year
    add_inzet(empty_db, [("P1", "WK000103", OPBOUW, "2024-01-01", None, 36)])
    rows = query(
        empty_db,
        "select gebiedscode, behoefte_index, fte_per_10000, zonder_opbouwwerk, kwadrant"
        " from dekking('2024-01-01', '2024-12-31', p_gemeente := 'GM0001')",
    )
    z = 10 / (200 / 3) ** 0.5  # z of 10, 20, 30 (mean 20, population sd sqrt(200 / 3))
    # Need: index = z = −1.224745, 0, 1.224745, median 0: W2 sits on it, so "lage behoefte".
    # Coverage: fte per 10,000 = 0, 0, 10000 × 1.0 / 1000 = 10, median 0: W1 and W2 have no
    # opbouwwerk and sit on the median, so "lage dekking". With ≥ instead of >, W1 would be
    # lage_behoefte_hoge_dekking and W2 hoge_behoefte_hoge_dekking.
    assert rows == [
        {
            "gebiedscode": "WK000101",
            "behoefte_index": pytest.approx(-z),
            "fte_per_10000": 0.0,
            "zonder_opbouwwerk": True,
            "kwadrant": "lage_behoefte_lage_dekking",
        },
        {
            "gebiedscode": "WK000102",
            "behoefte_index": 0.0,
            "fte_per_10000": 0.0,
            "zonder_opbouwwerk": True,
            "kwadrant": "lage_behoefte_lage_dekking",
        },
        {
            "gebiedscode": "WK000103",
            "behoefte_index": pytest.approx(z),
            "fte_per_10000": 10.0,
            "zonder_opbouwwerk": False,
            "kwadrant": "hoge_behoefte_hoge_dekking",
        },
    ]
