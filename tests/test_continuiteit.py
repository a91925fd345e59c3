"""Continuity metrics (docs/DESIGN.md §5) on a tiny hand-made fixture; every expected value is worked by hand.

Date arithmetic used below: 2023 has 365 days (Jan 31, Feb 28, Mar 31, Apr 30, May 31,
Jun 30, Jul 31, Aug 31, Sep 30, Oct 31, Nov 30, Dec 31); 2024 is a leap year (Feb 29).
"A..B = n days" always counts both ends.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import duckdb
import pytest

from dashboard.screens.continuiteit import anonymous_label
from dashboard.warehouse import queries
from dashboard.warehouse.db import build_database

D = date.fromisoformat

OPBOUW = "opbouwwerker"
JONGEREN = "jongerenwerker"
MW = "maatschappelijk_werker"
AGENT = "wijkagent"

WIJKEN = {"WK000101": "Noord", "WK000102": "Zuid", "WK000103": "Oost"}


@pytest.fixture()
def db(empty_db: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """GM0001 Testdorp with three wijken, GM0002 Elders with one, two organisations."""
    con = empty_db
    con.execute(
        "insert into gemeente (gemeentecode, naam) values ('GM0001', 'Testdorp'), ('GM0002', 'Elders')"
    )
    con.execute(
        """
        insert into wijk (wijkcode, naam, gemeentecode) values
            ('WK000101', 'Noord', 'GM0001'),
            ('WK000102', 'Zuid', 'GM0001'),
            ('WK000103', 'Oost', 'GM0001'),
            ('WK000201', 'Centrum', 'GM0002')
        """
    )
    con.execute(
        """
        insert into organisatie values
            ('ORG_A', 'Welzijn A', 'welzijn'),
            ('ORG_B', 'Buurtteam B', 'buurtteam')
        """
    )
    yield con


def inzet(
    professional: str,
    wijk: str,
    rol: str,
    start: str,
    eind: str | None = None,
    uren: float = 36,
    org: str = "ORG_A",
) -> dict[str, Any]:
    """One inzet row; 36 uren per week is 1.0 fte."""
    return {
        "professional": professional,
        "wijk": wijk,
        "rol": rol,
        "start": D(start),
        "eind": D(eind) if eind else None,
        "uren": uren,
        "org": org,
    }


def add_inzet(con: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]]) -> None:
    """Insert inzet rows (and their professionals) with ids I1, I2, ..."""
    for number, row in enumerate(rows, start=1):
        con.execute(
            "insert or ignore into professional values ($professional, $professional)",
            {"professional": row["professional"]},
        )
        con.execute(
            "insert into inzet values ($id, $professional, $wijk, $rol, $org, $start, $eind, $uren)",
            {"id": f"I{number}", **row},
        )


def query(con: duckdb.DuckDBPyConnection, sql: str, **params: Any) -> list[dict[str, Any]]:
    """All rows of a query as dicts."""
    rel = con.sql(sql, params=params)
    return [dict(zip(rel.columns, values, strict=True)) for values in rel.fetchall()]


def continuiteit(
    con: duckdb.DuckDBPyConnection,
    start: str,
    end: str,
    niveau: str = "wijk",
    gemeente: str | None = "GM0001",
    rol: str | None = None,
    organisatie: str | None = None,
) -> list[dict[str, Any]]:
    """The continuiteit macro, with bound parameters."""
    return query(
        con,
        """
        select * from continuiteit(
            $start, $end, p_niveau := $niveau, p_gemeente := $gemeente,
            p_rol := $rol, p_organisatie := $organisatie)
        """,
        start=start,
        end=end,
        niveau=niveau,
        gemeente=gemeente,
        rol=rol,
        organisatie=organisatie,
    )


def leeg(gebiedscode: str, rol: str, dagen: int) -> dict[str, Any]:
    """The row of a wijk with no spell in scope: nobody active, every day unfilled."""
    return {
        "gebiedscode": gebiedscode,
        "niveau": "wijk",
        "naam": WIJKEN[gebiedscode],
        "gemeentecode": "GM0001",
        "rol": rol,
        "spells": 0,
        "mediane_verblijfsduur_dagen": None,
        "langste_verblijfsduur_dagen": None,
        "verloop_pct": None,
        "vertrekken": 0,
        "gemiddeld_actief": 0.0,
        "gezichten": 0,
        "onbezet_dagen": dagen,
        "continuiteitsindex": None,
    }


def approx_rows(rows: list[dict[str, Any]]) -> list[Any]:
    """Expected rows compared with float tolerance."""
    return [pytest.approx(row) for row in rows]


# ---------------------------------------------------------------------------
# int_spell: merging inzet rows


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param(
            # days strictly between 2024-01-31 and 2024-03-01: Feb 1..Feb 29 = 29 (≤ 30)
            [
                inzet("P1", "WK000101", OPBOUW, "2024-01-01", "2024-01-31"),
                inzet("P1", "WK000101", OPBOUW, "2024-03-01", "2024-06-30"),
            ],
            [("P1|WK000101|opbouwwerker|2024-01-01", D("2024-01-01"), D("2024-06-30"), 2)],
            id="29-days-between-one-spell",
        ),
        pytest.param(
            # strictly between 2024-01-31 and 2024-03-02: Feb 1..Mar 1 = 29 + 1 = 30 (≤ 30)
            [
                inzet("P1", "WK000101", OPBOUW, "2024-01-01", "2024-01-31"),
                inzet("P1", "WK000101", OPBOUW, "2024-03-02", "2024-06-30"),
            ],
            [("P1|WK000101|opbouwwerker|2024-01-01", D("2024-01-01"), D("2024-06-30"), 2)],
            id="30-days-between-one-spell",
        ),
        pytest.param(
            # strictly between 2024-01-31 and 2024-03-03: Feb 1..Mar 2 = 29 + 2 = 31 (> 30)
            [
                inzet("P1", "WK000101", OPBOUW, "2024-01-01", "2024-01-31"),
                inzet("P1", "WK000101", OPBOUW, "2024-03-03", "2024-06-30"),
            ],
            [
                ("P1|WK000101|opbouwwerker|2024-01-01", D("2024-01-01"), D("2024-01-31"), 1),
                ("P1|WK000101|opbouwwerker|2024-03-03", D("2024-03-03"), D("2024-06-30"), 1),
            ],
            id="31-days-between-two-spells",
        ),
        pytest.param(
            # row 2 lies inside row 1; row 3 starts 2024-07-15: strictly between the running
            # max end 2024-06-30 and it are Jul 1..Jul 14 = 14 days (counting from row 2's end
            # 2024-04-30 would give 75 and wrongly split); row 3 is open, so the spell is ongoing
            [
                inzet("P1", "WK000101", OPBOUW, "2024-01-01", "2024-06-30"),
                inzet("P1", "WK000101", OPBOUW, "2024-03-01", "2024-04-30"),
                inzet("P1", "WK000101", OPBOUW, "2024-07-15", None),
            ],
            [("P1|WK000101|opbouwwerker|2024-01-01", D("2024-01-01"), None, 3)],
            id="overlap-running-max-open-end",
        ),
        pytest.param(
            # same dates, but another wijk and another rol: three spells
            [
                inzet("P1", "WK000101", OPBOUW, "2024-01-01", "2024-06-30"),
                inzet("P1", "WK000102", OPBOUW, "2024-02-01", "2024-06-30"),
                inzet("P1", "WK000101", JONGEREN, "2024-03-01", "2024-06-30"),
            ],
            [
                ("P1|WK000101|jongerenwerker|2024-03-01", D("2024-03-01"), D("2024-06-30"), 1),
                ("P1|WK000101|opbouwwerker|2024-01-01", D("2024-01-01"), D("2024-06-30"), 1),
                ("P1|WK000102|opbouwwerker|2024-02-01", D("2024-02-01"), D("2024-06-30"), 1),
            ],
            id="other-wijk-or-rol-separate",
        ),
    ],
)
def test_spells_merge_rows_of_one_professional_wijk_and_rol(
    db: duckdb.DuckDBPyConnection,
    rows: list[dict[str, Any]],
    expected: list[tuple[Any, ...]],
) -> None:
    add_inzet(db, rows)
    got = db.sql(
        "select spell_id, startdatum, einddatum, inzet_rows from int_spell order by spell_id"
    ).fetchall()
    assert got == expected


def test_spell_that_crossed_organisations_lists_both_and_belongs_to_the_latest(
    db: duckdb.DuckDBPyConnection,
) -> None:
    add_inzet(
        db,
        [
            inzet("O1", "WK000101", OPBOUW, "2021-01-01", "2022-12-31", org="ORG_A"),
            # next day, 0 days between: the same spell, now at ORG_B
            inzet("O1", "WK000101", OPBOUW, "2023-01-01", None, org="ORG_B"),
        ],
    )
    assert query(db, "select * from int_spell") == [
        {
            "spell_id": "O1|WK000101|opbouwwerker|2021-01-01",
            "professional_id": "O1",
            "wijkcode": "WK000101",
            "gemeentecode": "GM0001",
            "rol": OPBOUW,
            "startdatum": D("2021-01-01"),
            "einddatum": None,
            "organisaties": ["ORG_A", "ORG_B"],
            # the latest inzet row (open, from 2023-01-01) is ORG_B's
            "organisatie_id": "ORG_B",
            "inzet_rows": 2,
        }
    ]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        pytest.param(
            # ORG_A's row is open and ends last, although ORG_B's row started later
            [
                inzet("O1", "WK000101", OPBOUW, "2021-01-01", None, org="ORG_A"),
                inzet("O1", "WK000101", OPBOUW, "2022-01-01", "2022-06-30", org="ORG_B"),
            ],
            "ORG_A",
            id="ends-last-wins",
        ),
        pytest.param(
            # both end 2023-12-31; ORG_A's row started later (2023-01-01 > 2021-01-01)
            [
                inzet("O1", "WK000101", OPBOUW, "2021-01-01", "2023-12-31", org="ORG_B"),
                inzet("O1", "WK000101", OPBOUW, "2023-01-01", "2023-12-31", org="ORG_A"),
            ],
            "ORG_A",
            id="same-end-latest-start-wins",
        ),
        pytest.param(
            # same start and end: the higher inzet_id, I2 (ORG_A) > I1 (ORG_B)
            [
                inzet("O1", "WK000101", OPBOUW, "2023-01-01", "2023-12-31", org="ORG_B"),
                inzet("O1", "WK000101", OPBOUW, "2023-01-01", "2023-12-31", org="ORG_A"),
            ],
            "ORG_A",
            id="same-dates-highest-inzet-id-wins",
        ),
    ],
)
def test_spell_organisation_is_that_of_its_latest_inzet_row(
    db: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]], expected: str
) -> None:
    add_inzet(db, rows)
    assert db.sql("select organisatie_id from int_spell").fetchall() == [(expected,)]


# ---------------------------------------------------------------------------
# Kaplan–Meier median and survival curve
#
# Period 2023-01-01..2023-12-31 (365 days), reference date 2023-12-31.
KM_SPELLS = [
    # A: 2023-01-01..2023-04-10 = 31 + 28 + 31 + 10 = 100 days, departure
    inzet("A", "WK000101", OPBOUW, "2023-01-01", "2023-04-10"),
    # B: 2023-01-01..2023-07-19 = 181 (Jan..Jun) + 19 = 200 days, departure
    inzet("B", "WK000101", OPBOUW, "2023-01-01", "2023-07-19"),
    # C: 2023-03-07..open, to 2023-12-31 = 365 − 66 + 1 = 300 days (Mar 7 is day 66), censored
    inzet("C", "WK000101", OPBOUW, "2023-03-07", None),
    # D: 2022-11-27..2024-06-30, to 2023-12-31 = 35 (Nov 27..Dec 31 2022) + 365 = 400, censored
    inzet("D", "WK000101", OPBOUW, "2022-11-27", "2024-06-30"),
    # E: 2022-02-16..2023-06-30 = 319 (Feb 16..Dec 31 2022) + 181 = 500 days, departure
    inzet("E", "WK000101", OPBOUW, "2022-02-16", "2023-06-30"),
]


def test_km_median_with_censored_spells_whole_rows(db: duckdb.DuckDBPyConnection) -> None:
    add_inzet(db, KM_SPELLS)
    rows = continuiteit(db, "2023-01-01", "2023-12-31")
    assert rows == approx_rows(
        [
            {
                "gebiedscode": "WK000101",
                "niveau": "wijk",
                "naam": "Noord",
                "gemeentecode": "GM0001",
                "rol": OPBOUW,
                "spells": 5,
                # KM over durations 100e, 200e, 300c, 400c, 500e (e = departure, c = censored):
                # t=100: n=5, d=1 → S = 4/5 = 0.8; t=200: n=4, d=1 → S = 0.8 × 3/4 = 0.6;
                # 300 and 400 censored (S stays 0.6); t=500: n=1, d=1 → S = 0 ≤ 0.5 → 500.
                # The naive mean of finished spells would be (100 + 200 + 500) / 3 ≈ 266.7
                # days (and their median 200): it hides the two long censored spells.
                "mediane_verblijfsduur_dagen": 500,
                "langste_verblijfsduur_dagen": 500,
                # active days in 2023: A 100, B 200, C 300, D 365, E 181 (Jan 1..Jun 30)
                # = 1146 → average 1146 / 365 active spells per day; 3 departures (A, B, E)
                # verloop = 100 × 3 / (1146 / 365) × 365 / 365 = 109500 / 1146 ≈ 95.55
                "verloop_pct": 109500 / 1146,
                "vertrekken": 3,
                "gemiddeld_actief": 1146 / 365,
                "gezichten": 5,
                # D covers the whole year
                "onbezet_dagen": 0,
                # active on 2023-12-31: C (300 days, 1.0 fte) and D (400 days, 1.0 fte);
                # neither reaches 730 days → 100 × 0 / 2.0 = 0
                "continuiteitsindex": 0.0,
            },
            # no opbouwwerker in Zuid and Oost: still a row, all 365 days unfilled
            leeg("WK000102", OPBOUW, 365),
            leeg("WK000103", OPBOUW, 365),
        ]
    )


@pytest.mark.parametrize(
    ("rows", "mediaan", "langste"),
    [
        pytest.param(
            # A event 100, B event 200, C censored 300, D censored 400 (dates as in KM_SPELLS)
            # t=100: n=4 → S = 3/4; t=200: n=3 → S = 3/4 × 2/3 = 1/2 exactly → 200
            # (a float product of 0.75 and 0.666… must still count as ≤ 0.5)
            KM_SPELLS[:4],
            200,
            400,
            id="exactly-one-half",
        ),
        pytest.param(
            # A event 100; K censored at 100: 2023-09-23..open = 8 + 31 + 30 + 31 = 100 days;
            # C censored 300. K counts as at risk at t=100: n=3, d=1 → S = 2/3 and stays 2/3,
            # never ≤ 0.5 → NULL, shown as "langer dan 300 dagen". (Dropping K from the
            # risk set would give S = 1 − 1/2 = 0.5 and a wrong median of 100.)
            [
                KM_SPELLS[0],
                inzet("K", "WK000101", OPBOUW, "2023-09-23", None),
                KM_SPELLS[2],
            ],
            None,
            300,
            id="never-reaches-half",
        ),
    ],
)
def test_km_median_edge_cases(
    db: duckdb.DuckDBPyConnection,
    rows: list[dict[str, Any]],
    mediaan: int | None,
    langste: int,
) -> None:
    add_inzet(db, rows)
    got = [
        (row["gebiedscode"], row["mediane_verblijfsduur_dagen"], row["langste_verblijfsduur_dagen"])
        for row in continuiteit(db, "2023-01-01", "2023-12-31")
    ]
    assert got == [
        ("WK000101", mediaan, langste),
        ("WK000102", None, None),
        ("WK000103", None, None),
    ]


def test_survival_curve_per_gemeente(db: duckdb.DuckDBPyConnection) -> None:
    add_inzet(db, KM_SPELLS)
    rows = query(
        db,
        "select * from verblijfsduur_curve($start, $end, p_gemeente := $gemeente)",
        start="2023-01-01",
        end="2023-12-31",
        gemeente="GM0001",
    )
    base = {"gebiedscode": "GM0001", "rol": OPBOUW}
    assert rows == approx_rows(
        [
            # at_risk = spells with duration ≥ t; S multiplies (1 − vertrekken / at_risk)
            {
                **base,
                "dagen": 100,
                "at_risk": 5,
                "vertrekken": 1,
                "gecensureerd": 0,
                "overleving": 4 / 5,
            },
            {
                **base,
                "dagen": 200,
                "at_risk": 4,
                "vertrekken": 1,
                "gecensureerd": 0,
                "overleving": 4 / 5 * 3 / 4,
            },  # 0.8 × 0.75 = 0.6
            {
                **base,
                "dagen": 300,
                "at_risk": 3,
                "vertrekken": 0,
                "gecensureerd": 1,
                "overleving": 0.6,
            },
            {
                **base,
                "dagen": 400,
                "at_risk": 2,
                "vertrekken": 0,
                "gecensureerd": 1,
                "overleving": 0.6,
            },
            {
                **base,
                "dagen": 500,
                "at_risk": 1,
                "vertrekken": 1,
                "gecensureerd": 0,
                "overleving": 0.0,
            },  # 0.6 × (1 − 1/1) = 0
        ]
    )


def test_survival_curve_counts_censored_at_an_event_time_as_at_risk(
    db: duckdb.DuckDBPyConnection,
) -> None:
    # A departs at 100, K is censored at 100, C is censored at 300 (see the median case)
    add_inzet(db, [KM_SPELLS[0], inzet("K", "WK000101", OPBOUW, "2023-09-23", None), KM_SPELLS[2]])
    rows = query(
        db,
        "select * from verblijfsduur_curve($start, $end, p_niveau := 'wijk')",
        start="2023-01-01",
        end="2023-12-31",
    )
    base = {"gebiedscode": "WK000101", "rol": OPBOUW}
    assert rows == approx_rows(
        [
            # n = 3 (A, K, C all have duration ≥ 100), d = 1 → S = 2/3
            {
                **base,
                "dagen": 100,
                "at_risk": 3,
                "vertrekken": 1,
                "gecensureerd": 1,
                "overleving": 2 / 3,
            },
            {
                **base,
                "dagen": 300,
                "at_risk": 1,
                "vertrekken": 0,
                "gecensureerd": 1,
                "overleving": 2 / 3,
            },
        ]
    )


# ---------------------------------------------------------------------------
# verloop_pct, scaled to a year

VERLOOP_SPELLS = [
    # P1: 2022-01-01..2023-08-31, P2: 2022-07-01..2023-03-31, P3: 2023-04-01..open
    inzet("P1", "WK000101", OPBOUW, "2022-01-01", "2023-08-31"),
    inzet("P2", "WK000101", OPBOUW, "2022-07-01", "2023-03-31"),
    inzet("P3", "WK000101", OPBOUW, "2023-04-01", None),
    # out of scope in both periods: P4 ends the day before, P5 starts after the end
    inzet("P4", "WK000101", OPBOUW, "2021-01-01", "2022-12-31"),
    inzet("P5", "WK000101", OPBOUW, "2023-07-01", None),
]


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        pytest.param(
            # 2023-01-01..2023-06-30 = 181 days. In scope P1, P2, P3.
            # active days: P1 181, P2 Jan 1..Mar 31 = 90, P3 Apr 1..Jun 30 = 91 → 362
            # average active = 362 / 181 = 2.0; departures in the period: P2 (P1 ends after)
            # verloop = 100 × 1 / 2.0 × 365 / 181 = 18250 / 181 ≈ 100.83
            "2023-06-30",
            {
                "spells": 3,
                # durations to 2023-06-30: P3 91 (c), P2 184 (Jul 1..Dec 31 2022) + 90 = 274
                # (e), P1 365 + 181 = 546 (c). t=274: n=2, d=1 → S = 0.5 → 274
                "mediane_verblijfsduur_dagen": 274,
                "langste_verblijfsduur_dagen": 546,
                "verloop_pct": 18250 / 181,
                "vertrekken": 1,
                "gemiddeld_actief": 2.0,
                "gezichten": 3,
                "onbezet_dagen": 0,
                # active on 2023-06-30: P1 (546) and P3 (91), both < 730
                "continuiteitsindex": 0.0,
            },
            id="half-year",
        ),
        pytest.param(
            # 2023-01-01..2023-03-31 = 90 days. In scope P1 and P2 (P3 starts after).
            # active days: P1 90, P2 90 → average 180 / 90 = 2.0; P2 ends on the reference
            # date, so it is an observed departure: verloop = 100 × 1 / 2.0 × 365 / 90
            # = 18250 / 90 ≈ 202.78 (the same departure weighs twice as much in half the time)
            "2023-03-31",
            {
                "spells": 2,
                # durations to 2023-03-31: P2 274 (e), P1 365 + 90 = 455 (c).
                # t=274: n=2, d=1 → S = 0.5 → 274
                "mediane_verblijfsduur_dagen": 274,
                "langste_verblijfsduur_dagen": 455,
                "verloop_pct": 18250 / 90,
                "vertrekken": 1,
                "gemiddeld_actief": 2.0,
                "gezichten": 2,
                "onbezet_dagen": 0,
                # active on 2023-03-31: P1 (455) and P2 (274, its last day)
                "continuiteitsindex": 0.0,
            },
            id="first-quarter",
        ),
    ],
)
def test_verloop_pct_for_a_period_length(
    db: duckdb.DuckDBPyConnection, end: str, expected: dict[str, Any]
) -> None:
    add_inzet(db, VERLOOP_SPELLS)
    noord = continuiteit(db, "2023-01-01", end)[0]
    assert noord == pytest.approx(
        {
            "gebiedscode": "WK000101",
            "niveau": "wijk",
            "naam": "Noord",
            "gemeentecode": "GM0001",
            "rol": OPBOUW,
            **expected,
        }
    )


# ---------------------------------------------------------------------------
# onbezet_dagen and gezichten, per wijk and per gemeente
#
# Period 2023-04-01..2023-06-30 = 30 + 31 + 30 = 91 days, rol jongerenwerker.
ONBEZET_SPELLS = [
    # Zuid: J1 starts before the period → clipped to Apr 1..Apr 30 (30 days)
    inzet("J1", "WK000102", JONGEREN, "2023-01-01", "2023-04-30"),
    # J2 lies inside J1 (Apr 5..Apr 10), J3 overlaps J1: Apr 15..May 10
    inzet("J2", "WK000102", JONGEREN, "2023-04-05", "2023-04-10"),
    inzet("J3", "WK000102", JONGEREN, "2023-04-15", "2023-05-10"),
    # gap May 11..May 31 = 21 days; J4 ends after the period → clipped to Jun 1..Jun 30
    inzet("J4", "WK000102", JONGEREN, "2023-06-01", "2023-12-31"),
    # Noord: the same J4 covers the whole period
    inzet("J4", "WK000101", JONGEREN, "2023-01-01", None),
]


@pytest.mark.parametrize(
    ("niveau", "expected"),
    [
        pytest.param(
            "wijk",
            [
                ("WK000101", 1, 1, 0),
                # union Apr 1..May 10 = 30 + 10 = 40 plus Jun 1..Jun 30 = 30 → 70 covered,
                # 91 − 70 = 21 (the May 11..31 gap). Summing clipped spells would give
                # 30 + 6 + 26 + 30 = 92 covered (double counting), and without clipping more.
                ("WK000102", 4, 4, 21),
                # no jongerenwerker at all: 91
                ("WK000103", 0, 0, 91),
            ],
            id="wijk",
        ),
        pytest.param(
            "gemeente",
            # 5 spells, but J4 works in two wijken: 4 faces; onbezet 0 + 21 + 91 = 112
            [("GM0001", 5, 4, 112)],
            id="gemeente-sums-wijken",
        ),
    ],
)
def test_onbezet_dagen_and_gezichten(
    db: duckdb.DuckDBPyConnection, niveau: str, expected: list[tuple[Any, ...]]
) -> None:
    add_inzet(db, ONBEZET_SPELLS)
    rows = continuiteit(db, "2023-04-01", "2023-06-30", niveau=niveau)
    got = [
        (row["gebiedscode"], row["spells"], row["gezichten"], row["onbezet_dagen"]) for row in rows
    ]
    assert got == expected


def test_gemeente_row_computes_over_all_its_spells(db: duckdb.DuckDBPyConnection) -> None:
    add_inzet(db, ONBEZET_SPELLS)
    assert continuiteit(db, "2023-04-01", "2023-06-30", niveau="gemeente") == approx_rows(
        [
            {
                "gebiedscode": "GM0001",
                "niveau": "gemeente",
                "naam": "Testdorp",
                "gemeentecode": "GM0001",
                "rol": JONGEREN,
                "spells": 5,
                # durations to 2023-06-30: J2 Apr 5..10 = 6 (e), J3 16 + 10 = 26 (e),
                # J4-Zuid Jun 1..30 = 30 (c), J1 Jan 1..Apr 30 = 120 (e), J4-Noord 181 (c).
                # t=6: n=5 → 0.8; t=26: n=4 → 0.6; t=120: n=2 → 0.3 ≤ 0.5 → 120
                "mediane_verblijfsduur_dagen": 120,
                "langste_verblijfsduur_dagen": 181,
                # active days: J1 30, J2 6, J3 26, J4-Zuid 30, J4-Noord 91 = 183
                # verloop = 100 × 3 / (183 / 91) × 365 / 91 = 109500 / 183 ≈ 598.4
                "verloop_pct": 109500 / 183,
                "vertrekken": 3,
                "gemiddeld_actief": 183 / 91,
                "gezichten": 4,
                "onbezet_dagen": 112,
                # active on 2023-06-30: J4-Zuid (30) and J4-Noord (181), both < 730
                "continuiteitsindex": 0.0,
            }
        ]
    )


# ---------------------------------------------------------------------------
# continuiteitsindex: fte-weighted, fte of the row active on the reference date

INDEX_SPELLS = [
    # Noord. M1: 2021-01-01..open, to 2023-12-31 = 3 × 365 = 1095 days, 18 h = 0.5 fte
    inzet("M1", "WK000101", MW, "2021-01-01", None, uren=18),
    # M2: 2023-01-01..open = 365 days, 36 h = 1.0 fte
    inzet("M2", "WK000101", MW, "2023-01-01", None, uren=36),
    # M3: one spell from 2022-01-01 = 365 + 365 = 730 days (≥ 730 counts); 1.0 fte in 2022,
    # but the row active on 2023-12-31 has 18 h = 0.5 fte
    inzet("M3", "WK000101", MW, "2022-01-01", "2022-12-31", uren=36),
    inzet("M3", "WK000101", MW, "2023-01-01", None, uren=18),
    # Zuid. M4 is in scope but left on 2023-06-30: no fte on the reference date
    inzet("M4", "WK000102", MW, "2020-01-01", "2023-06-30", uren=36),
]


@pytest.mark.parametrize(
    ("niveau", "expected"),
    [
        pytest.param(
            "wijk",
            [
                # 100 × (M1 0.5 + M3 0.5) / (0.5 + 1.0 + 0.5) = 100 × 1.0 / 2.0 = 50.
                # (Unweighted it would be 2/3; with M3's first-row fte 1.0 it would be 60.)
                ("WK000101", 50.0),
                ("WK000102", None),
                ("WK000103", None),
            ],
            id="wijk",
        ),
        # the gemeente adds only M4, which has no fte on the reference date: still 50
        pytest.param("gemeente", [("GM0001", 50.0)], id="gemeente"),
    ],
)
def test_continuiteitsindex_is_fte_weighted(
    db: duckdb.DuckDBPyConnection, niveau: str, expected: list[tuple[Any, ...]]
) -> None:
    add_inzet(db, INDEX_SPELLS)
    rows = continuiteit(db, "2023-01-01", "2023-12-31", niveau=niveau)
    assert [(row["gebiedscode"], row["continuiteitsindex"]) for row in rows] == expected


# ---------------------------------------------------------------------------
# filters

ORGANISATIE_SPELLS = [
    # O1 moves from ORG_A to ORG_B on 2023-01-01 and keeps the work: one spell
    # 2021-01-01..open = 1095 days on 2023-12-31
    inzet("O1", "WK000101", OPBOUW, "2021-01-01", "2022-12-31", org="ORG_A"),
    inzet("O1", "WK000101", OPBOUW, "2023-01-01", None, org="ORG_B"),
    # O2 only at ORG_B: 2023-01-01..open = 365 days
    inzet("O2", "WK000101", OPBOUW, "2023-01-01", None, org="ORG_B"),
]


@pytest.mark.parametrize(
    ("organisatie", "expected"),
    [
        # both spells; index 100 × 1.0 (O1) / (1.0 + 1.0) = 50
        pytest.param(None, (2, 2, 1095, 0, 50.0), id="no-filter"),
        # O1's spell has an ORG_A row, so it stays, with its whole 1095 days: continuity
        # across the move. ORG_A has no fte on 2023-12-31 → index NULL.
        pytest.param("ORG_A", (1, 1, 1095, 0, None), id="ORG_A-keeps-crossing-spell"),
        # ORG_B holds both spells now; O1 counts its full tenure: 100 × 1.0 / 2.0 = 50
        pytest.param("ORG_B", (2, 2, 1095, 0, 50.0), id="ORG_B"),
    ],
)
def test_organisatie_filter(
    db: duckdb.DuckDBPyConnection, organisatie: str | None, expected: tuple[Any, ...]
) -> None:
    add_inzet(db, ORGANISATIE_SPELLS)
    noord = continuiteit(db, "2023-01-01", "2023-12-31", organisatie=organisatie)[0]
    got = tuple(
        noord[column]
        for column in (
            "spells",
            "gezichten",
            "langste_verblijfsduur_dagen",
            "onbezet_dagen",
            "continuiteitsindex",
        )
    )
    assert got == expected


ROL_SPELLS = [
    inzet("R1", "WK000101", OPBOUW, "2023-01-01", None),
    inzet("R2", "WK000102", JONGEREN, "2023-01-01", None),
    # the wijkagent works only in GM0002, so GM0001 gets no wijkagent rows
    inzet("R3", "WK000201", AGENT, "2023-01-01", None),
]


@pytest.mark.parametrize(
    ("gemeente", "rol", "expected"),
    [
        pytest.param(
            "GM0001",
            None,
            # 3 wijken × the 2 rollen of GM0001's inzet
            [
                ("WK000101", JONGEREN, 0),
                ("WK000101", OPBOUW, 1),
                ("WK000102", JONGEREN, 1),
                ("WK000102", OPBOUW, 0),
                ("WK000103", JONGEREN, 0),
                ("WK000103", OPBOUW, 0),
            ],
            id="all-rollen",
        ),
        pytest.param(
            "GM0001",
            JONGEREN,
            [("WK000101", JONGEREN, 0), ("WK000102", JONGEREN, 1), ("WK000103", JONGEREN, 0)],
            id="rol-filter",
        ),
        pytest.param(
            None,
            OPBOUW,
            # every gemeente; GM0002 has no opbouwwerker inzet, so no rows for WK000201
            [("WK000101", OPBOUW, 1), ("WK000102", OPBOUW, 0), ("WK000103", OPBOUW, 0)],
            id="rol-filter-all-gemeenten",
        ),
        pytest.param(
            None,
            AGENT,
            [("WK000201", AGENT, 1)],
            id="wijkagent-only-in-GM0002",
        ),
    ],
)
def test_grain_and_rol_filter(
    db: duckdb.DuckDBPyConnection,
    gemeente: str | None,
    rol: str | None,
    expected: list[tuple[Any, ...]],
) -> None:
    add_inzet(db, ROL_SPELLS)
    rows = continuiteit(db, "2023-01-01", "2023-12-31", gemeente=gemeente, rol=rol)
    assert [(row["gebiedscode"], row["rol"], row["spells"]) for row in rows] == expected


# ---------------------------------------------------------------------------
# signals for team leads, peildatum 2024-01-01 (+90 days = 2024-03-31: 31 + 29 + 30 days)

SIGNAAL_SPELLS = [
    # Noord opbouwwerker: ends 2024-03-01 = 31 + 29 = 60 days after, nobody else → signal
    inzet("Sa", "WK000101", OPBOUW, "2022-01-01", "2024-03-01"),
    # Noord jongerenwerker: ends 2024-03-31 = exactly 90 days after → signal
    inzet("Sb", "WK000101", JONGEREN, "2023-01-01", "2024-03-31"),
    # Noord wijkagent: ends 2024-04-01 = 91 days after → no signal
    inzet("Sc", "WK000101", AGENT, "2023-01-01", "2024-04-01"),
    # Zuid opbouwwerker: ends 2024-02-15 but Se continues (open) → no signal. Se is
    # also no successor for Sa, which works in Noord.
    inzet("Sd", "WK000102", OPBOUW, "2022-01-01", "2024-02-15"),
    inzet("Se", "WK000102", OPBOUW, "2024-02-01", None, org="ORG_B"),
    # Zuid jongerenwerker: ends on the peildatum itself (not after it) → no departure
    # signal, and active on the peildatum → not unfilled
    inzet("Sf", "WK000102", JONGEREN, "2023-01-01", "2024-01-01"),
    # Oost opbouwwerker: last end 2023-10-31 (Sj ended earlier, 2023-05-31), nothing on
    # the peildatum → rol_onbezet, unfilled Nov 1..Jan 1 = 30 + 31 + 1 = 62 days
    # The signal belongs to ORG_A, whose Sg ended last (not ORG_B, whose Sj ended first).
    inzet("Sg", "WK000103", OPBOUW, "2020-01-01", "2023-10-31"),
    inzet("Sj", "WK000103", OPBOUW, "2021-01-01", "2023-05-31", org="ORG_B"),
    # Oost jongerenwerker: ended 2022-12-31, 366 days before → outside the past year
    inzet("Sh", "WK000103", JONGEREN, "2021-01-01", "2022-12-31"),
    # Oost wijkagent: ended 2023-01-01, 365 days before (2024-01-01 − 365 = 2023-01-01)
    # → its last day is in the past year: rol_onbezet, 365 days
    inzet("Si", "WK000103", AGENT, "2021-01-01", "2023-01-01"),
]


def signaal(
    soort: str,
    wijk: str,
    rol: str,
    professional: str | None,
    eind: str,
    dagen: int,
    start: str | None = None,
    org: str = "ORG_A",
) -> dict[str, Any]:
    """One expected signal row in GM0001: a departure names its spell's professional and start,
    an unfilled rol nobody; both carry the organisation (of the spell that ended last)."""
    return {
        "signaal": soort,
        "gemeentecode": "GM0001",
        "wijkcode": wijk,
        "wijknaam": WIJKEN[wijk],
        "rol": rol,
        "professional_id": professional,
        "organisatie_id": org,
        "startdatum": D(start) if start else None,
        "einddatum": D(eind),
        "dagen": dagen,
    }


@pytest.mark.parametrize(
    ("rol", "organisatie", "expected"),
    [
        pytest.param(
            None,
            None,
            [
                signaal(
                    "vertrek_zonder_opvolger",
                    "WK000101",
                    JONGEREN,
                    "Sb",
                    "2024-03-31",
                    90,
                    start="2023-01-01",
                ),
                signaal(
                    "vertrek_zonder_opvolger",
                    "WK000101",
                    OPBOUW,
                    "Sa",
                    "2024-03-01",
                    60,
                    start="2022-01-01",
                ),
                signaal("rol_onbezet", "WK000103", OPBOUW, None, "2023-10-31", 62),
                signaal("rol_onbezet", "WK000103", AGENT, None, "2023-01-01", 365),
            ],
            id="all",
        ),
        pytest.param(
            OPBOUW,
            None,
            [
                signaal(
                    "vertrek_zonder_opvolger",
                    "WK000101",
                    OPBOUW,
                    "Sa",
                    "2024-03-01",
                    60,
                    start="2022-01-01",
                ),
                signaal("rol_onbezet", "WK000103", OPBOUW, None, "2023-10-31", 62),
            ],
            id="rol-filter",
        ),
        pytest.param(
            # ORG_A alone: Se (ORG_B) no longer succeeds Sd, so Sd leaves without a successor
            # in 2024-02-15 − 2024-01-01 = 31 + 14 = 45 days
            OPBOUW,
            "ORG_A",
            [
                signaal(
                    "vertrek_zonder_opvolger",
                    "WK000101",
                    OPBOUW,
                    "Sa",
                    "2024-03-01",
                    60,
                    start="2022-01-01",
                ),
                signaal(
                    "vertrek_zonder_opvolger",
                    "WK000102",
                    OPBOUW,
                    "Sd",
                    "2024-02-15",
                    45,
                    start="2022-01-01",
                ),
                signaal("rol_onbezet", "WK000103", OPBOUW, None, "2023-10-31", 62),
            ],
            id="organisatie-filter",
        ),
        pytest.param(
            # ORG_B alone: only Se (Zuid, from 2024-02-01, open: neither leaving nor active on
            # the peildatum, and nothing in Zuid ended in the past year) and Sj (Oost, ended
            # 2023-05-31): Oost is unfilled since, Jun..Dec = 30 + 31 + 31 + 30 + 31 + 30 + 31
            # = 214 days + Jan 1 = 215 days, and the vacancy is ORG_B's
            OPBOUW,
            "ORG_B",
            [signaal("rol_onbezet", "WK000103", OPBOUW, None, "2023-05-31", 215, org="ORG_B")],
            id="vacancy-of-another-organisation",
        ),
    ],
)
def test_continuiteit_signalen(
    db: duckdb.DuckDBPyConnection,
    rol: str | None,
    organisatie: str | None,
    expected: list[dict[str, Any]],
) -> None:
    add_inzet(db, SIGNAAL_SPELLS)
    rows = query(
        db,
        """
        select * from continuiteit_signalen(
            $peildatum, p_gemeente := 'GM0001', p_rol := $rol, p_organisatie := $organisatie)
        """,
        peildatum="2024-01-01",
        rol=rol,
        organisatie=organisatie,
    )
    assert rows == expected


# ---------------------------------------------------------------------------
# spell_tijdlijn: codes from SQL (volgnummer, ids), the label from Python; period 2023

TIJDLIJN_SPELLS = [
    # Noord opbouwwerker. Pd ended 2022-06-30, before the period: not in scope, no number.
    inzet("Pd", "WK000101", OPBOUW, "2021-01-01", "2022-06-30"),
    # Pb started first (2022-01-01): number 1 for both its spells (strictly between
    # 2023-02-28 and 2023-06-01: Mar 31 + Apr 30 + May 31 = 92 days > 30, so two spells); the
    # second is ORG_B's
    inzet("Pb", "WK000101", OPBOUW, "2022-01-01", "2023-02-28"),
    inzet("Pb", "WK000101", OPBOUW, "2023-06-01", None, org="ORG_B"),
    # Pa and Pc both start 2023-01-01: the professional_id decides, Pa 2 and Pc 3
    inzet("Pc", "WK000101", OPBOUW, "2023-01-01", "2023-03-31"),
    inzet("Pa", "WK000101", OPBOUW, "2023-01-01", None),
    # numbering is per wijk and rol: Pa is the first jongerenwerker in Noord, Pc the
    # first opbouwwerker in Zuid
    inzet("Pa", "WK000101", JONGEREN, "2023-05-01", None),
    inzet("Pc", "WK000102", OPBOUW, "2023-02-01", None),
]


def test_spell_tijdlijn_returns_codes_and_python_makes_the_same_labels(
    db: duckdb.DuckDBPyConnection,
) -> None:
    add_inzet(db, TIJDLIJN_SPELLS)
    rows = query(
        db, "select * from spell_tijdlijn('2023-01-01', '2023-12-31', p_gemeente := 'GM0001')"
    )
    assert list(rows[0]) == [
        "spell_id", "wijkcode", "wijknaam", "rol", "volgnummer", "professional_id",
        "organisatie_id", "startdatum", "einddatum", "verblijfsduur_dagen", "is_vertrek",
    ]  # fmt: skip
    columns = ("wijkcode", "rol", "volgnummer", "professional_id", "organisatie_id", "startdatum", "einddatum")  # fmt: skip
    assert [tuple(row[c] for c in columns) for row in rows] == [
        ("WK000101", JONGEREN, 1, "Pa", "ORG_A", D("2023-05-01"), None),
        ("WK000101", OPBOUW, 1, "Pb", "ORG_A", D("2022-01-01"), D("2023-02-28")),
        ("WK000101", OPBOUW, 1, "Pb", "ORG_B", D("2023-06-01"), None),
        ("WK000101", OPBOUW, 2, "Pa", "ORG_A", D("2023-01-01"), None),
        ("WK000101", OPBOUW, 3, "Pc", "ORG_A", D("2023-01-01"), D("2023-03-31")),
        ("WK000102", OPBOUW, 1, "Pc", "ORG_A", D("2023-02-01"), None),
    ]
    assert [anonymous_label(row["rol"], row["volgnummer"]) for row in rows] == [
        "Jongerenwerker A",
        "Opbouwwerker A",
        "Opbouwwerker A",
        "Opbouwwerker B",
        "Opbouwwerker C",
        "Opbouwwerker A",
    ]


def test_spell_tijdlijn_letters_run_to_z_then_numbers(db: duckdb.DuckDBPyConnection) -> None:
    # 28 wijkagenten in Zuid, W01 starting 2023-01-01, W02 a day later, ...: W01..W26 get the
    # letters A..Z, W27 and W28 the numbers 27 and 28
    add_inzet(
        db,
        [inzet(f"W{k:02d}", "WK000102", AGENT, f"2023-01-{k:02d}", None) for k in range(1, 29)],
    )
    rows = query(db, "select * from spell_tijdlijn('2023-01-01', '2023-12-31')")
    labels = [anonymous_label(row["rol"], row["volgnummer"]) for row in rows]
    assert labels[:3] == ["Wijkagent A", "Wijkagent B", "Wijkagent C"]
    assert labels[24:] == ["Wijkagent Y", "Wijkagent Z", "Wijkagent 27", "Wijkagent 28"]
    assert [row["professional_id"] for row in rows] == [f"W{k:02d}" for k in range(1, 29)]


# ---------------------------------------------------------------------------
# professional_namen: names only of the given organisations


@pytest.mark.parametrize(
    ("gemeente", "organisaties", "expected"),
    [
        # N4 works in GM0002 (Centrum), N2 for ORG_B only
        pytest.param(
            "GM0001",
            ["ORG_A"],
            [("N1", "Fatima Bakker", "ORG_A"), ("N3", "Els Jansen", "ORG_A")],
            id="own-organisation-in-gemeente",
        ),
        pytest.param(
            None,
            ("ORG_A",),
            [
                ("N1", "Fatima Bakker", "ORG_A"),
                ("N3", "Els Jansen", "ORG_A"),
                ("N4", "Kees Elders", "ORG_A"),
            ],
            id="every-gemeente",
        ),
        pytest.param(
            "GM0001",
            ("ORG_B", "ORG_A"),
            [
                ("N1", "Fatima Bakker", "ORG_A"),
                ("N2", "Jan de Vries", "ORG_B"),
                ("N3", "Els Jansen", "ORG_A"),
                ("N3", "Els Jansen", "ORG_B"),
            ],
            id="two-organisations-one-row-each",
        ),
        pytest.param("GM0001", (), [], id="no-organisation-no-names"),
        pytest.param("GM0001", ("ORG_X",), [], id="unknown-organisation"),
    ],
)
def test_professional_namen_only_of_the_given_organisations(
    db: duckdb.DuckDBPyConnection,
    gemeente: str | None,
    organisaties: tuple[str, ...] | list[str],
    expected: list[tuple[str, str, str]],
) -> None:
    db.execute(
        "insert into professional values ('N1', 'Fatima Bakker'), ('N2', 'Jan de Vries'),"
        " ('N3', 'Els Jansen'), ('N4', 'Kees Elders'), ('N5', 'Zonder Inzet')"
    )
    add_inzet(
        db,
        [
            inzet("N1", "WK000101", OPBOUW, "2023-01-01", None, org="ORG_A"),
            inzet("N2", "WK000102", OPBOUW, "2023-01-01", None, org="ORG_B"),
            # N3 moved from ORG_A to ORG_B (two inzet rows of one spell, one row per organisation)
            inzet("N3", "WK000101", JONGEREN, "2022-01-01", "2022-12-31", org="ORG_A"),
            inzet("N3", "WK000101", JONGEREN, "2023-01-01", None, org="ORG_B"),
            inzet("N3", "WK000103", JONGEREN, "2023-01-01", None, org="ORG_B"),
            inzet("N4", "WK000201", OPBOUW, "2023-01-01", None, org="ORG_A"),
        ],
    )
    names = queries.professional_namen(db, gemeente, organisaties)
    assert list(names.columns) == ["professional_id", "naam", "organisatie_id"]
    assert list(names.itertuples(index=False, name=None)) == expected


# ---------------------------------------------------------------------------
# guards


@pytest.mark.parametrize(
    ("start", "end", "niveau", "message"),
    [
        ("2023-01-01", "2023-12-31", "buurt", "niet per buurt"),
        ("2023-12-31", "2023-01-01", "wijk", "De periode eindigt voor zij begint"),
    ],
)
def test_invalid_arguments_are_refused(
    db: duckdb.DuckDBPyConnection, start: str, end: str, niveau: str, message: str
) -> None:
    add_inzet(db, ROL_SPELLS)
    with pytest.raises(duckdb.InvalidInputException, match=message):
        continuiteit(db, start, end, niveau=niveau)


def test_models_can_be_rebuilt(db: duckdb.DuckDBPyConnection) -> None:
    add_inzet(db, VERLOOP_SPELLS)
    build_database(db)
    assert len(continuiteit(db, "2023-01-01", "2023-06-30")) == 3


def test_continuiteitsindex_counts_a_spell_whose_reference_date_falls_in_a_merged_gap(
    db: duckdb.DuckDBPyConnection,
) -> None:
    add_inzet(
        db,
        [
            # G1: rows 2021-01-01..2023-12-20 (36 h) and 2024-01-05..open (18 h); 2024-01-05 −
            # 2023-12-20 − 1 = 15 days between → one spell. The reference date 2023-12-31 lies in
            # the gap: verblijfsduur 2021-01-01..2023-12-31 = 1095 days (≥ 730), weighted with the
            # fte of the latest row started before it, 36 h = 1.0.
            inzet("G1", "WK000101", MW, "2021-01-01", "2023-12-20", uren=36),
            inzet("G1", "WK000101", MW, "2024-01-05", None, uren=18),
            # G2: 2023-01-01..open, 365 days, 1.0 fte
            inzet("G2", "WK000101", MW, "2023-01-01", None, uren=36),
        ],
    )
    noord = continuiteit(db, "2023-01-01", "2023-12-31")[0]
    # 100 × 1.0 / (1.0 + 1.0) = 50 (without the gap rule G1 would vanish and give 0)
    assert noord["continuiteitsindex"] == 50.0


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2025-11-01", "2026-10-31"),  # the demo's default year
        ("2022-06-01", "2023-12-31"),  # a team lead's custom period (her walk)
        ("2026-10-01", "2026-10-31"),  # a month
    ],
)
def test_timeline_gaps_add_up_to_the_tables_unfilled_days(demo_db_path, start, end):
    """What the timeline marks as unfilled per wijk and rol is what "Onbezette dagen" counts,
    for every rol with someone in the wijk in the period (a rol with nobody has no row on the
    timeline): a team lead found 32 days in the table that the timeline did not show."""
    import pandas as pd

    from dashboard.display.charts.continuiteit import vacancies
    from dashboard.domain.period import Period

    period = Period(D(start), D(end))
    with duckdb.connect(demo_db_path, read_only=True) as con:
        spells = queries.spell_tijdlijn(con, period, gemeente="GM9999")
        table = queries.continuiteit(con, period, level="wijk", gemeente="GM9999")
    counted = {(r.gebiedscode, r.rol): r.onbezet_dagen for r in table.itertuples()}
    checked = 0
    for (wijk, rol), rows in spells.groupby(["wijkcode", "rol"]):
        shown = rows.assign(
            start=pd.to_datetime(rows["startdatum"]),
            eind=pd.to_datetime(rows["einddatum"]),
            rij=rows["spell_id"],
        )
        gaps = vacancies(shown, pd.Timestamp(period.end), pd.Timestamp(period.start))
        assert int(gaps["dagen"].sum()) == counted[wijk, rol], (wijk, rol)
        checked += bool(len(gaps))
    assert checked > 0  # some wijk and rol had a gap to count
