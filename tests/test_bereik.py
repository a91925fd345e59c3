"""Reach metrics (docs/DESIGN.md §5 Reach) on a tiny hand-made fixture.

Every expected value below is worked out by hand from the fixture in the
comments, not computed by the code under test.

Fixture (period under test: 2024-01-01 .. 2024-12-31):

gemeente GM0001 with wijken Noord (WK000101: buurten BU00010101, BU00010102)
and Zuid (WK000102: buurt BU00010201). Inwoners 2024: BU00010101 1000,
BU00010102 500, BU00010201 2000 (no wijk/gemeente rows: they are the sums,
Noord 1500, Zuid 2000, GM0001 3500). BU00010101 also has 2023 (900) and
2025 (5000); 2025 must not be used for a period ending in 2024.

activiteiten                       location                bewonersinitiatief  partner
  A1 buurtcafé (O1)                Noord, BU00010101       no                  O2
  A2 moestuin (O3)                 Zuid,  BU00010201       yes                 -
  A3 wijksafari (O1)               Noord, no buurt         no                  O2

bijeenkomsten (aantal_deelnemers)  deelnames (deelnemer: home buurt)
  B1 A1 2023-12-15 (3)             P1
  B2 A1 2024-02-01 (5)             P1, P2, P4
  B3 A1 2024-03-01 (4)             P1, P3
  B4 A2 2024-05-01 (6)             P3, P5
  B5 A3 2024-06-01 (10)            P2, P4
  B6 A2 2025-01-05 (2)             P5

deelnemers: P1 BU00010101, P2 BU00010102, P3 BU00010201, P4 unknown, P5 BU00010201.
First deelname in all data: P1 2023-12-15 (so not new in 2024), P2 and P4
2024-02-01, P3 2024-03-01, P5 2024-05-01.

Gemeente GM0002 (wijk WK000201, buurt BU00020101, 800 inwoners) registers only
session totals: A4 with B7 2024-04-01 (12) and no deelname rows.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.domain.period import Period, QueryError
from dashboard.warehouse import first_deelname, queries, registered_deelnames
from tests.helpers import insert

YEAR_2024 = Period(date(2024, 1, 1), date(2024, 12, 31))


@pytest.fixture()
def db(empty_db):
    con = empty_db
    insert(
        con,
        "gemeente",
        [("GM0001", "Testdorp", False, None), ("GM0002", "Totaaldorp", False, None)],
    )
    insert(
        con,
        "wijk",
        [
            ("WK000101", "Noord", "GM0001", None),
            ("WK000102", "Zuid", "GM0001", None),
            ("WK000201", "Alles", "GM0002", None),
        ],
    )
    insert(
        con,
        "buurt",
        [
            ("BU00010101", "Noord-A", "WK000101", None),
            ("BU00010102", "Noord-B", "WK000101", None),
            ("BU00010201", "Zuid-A", "WK000102", None),
            ("BU00020101", "Alles-A", "WK000201", None),
        ],
    )
    insert(
        con,
        "kerncijfers",
        [
            ("BU00010101", 2023, "aantal_inwoners", 900),
            ("BU00010101", 2024, "aantal_inwoners", 1000),
            ("BU00010101", 2025, "aantal_inwoners", 5000),
            ("BU00010102", 2024, "aantal_inwoners", 500),
            ("BU00010201", 2024, "aantal_inwoners", 2000),
            ("BU00020101", 2024, "aantal_inwoners", 800),
        ],
    )
    insert(
        con,
        "organisatie",
        [
            ("O1", "Welzijn Testdorp", "welzijn"),
            ("O2", "Woonstichting", "woningcorporatie"),
            ("O3", "Bewoners Zuid", "bewonersgroep"),
        ],
    )
    insert(
        con,
        "activiteit",
        [
            ("A1", "Buurtcafé Noord", "buurtcafé", "WK000101", "BU00010101", "O1", False),
            ("A2", "Moestuin Zuid", "moestuin", "WK000102", "BU00010201", "O3", True),
            ("A3", "Wijksafari", "wijksafari", "WK000101", None, "O1", False),
            ("A4", "Koffie", "koffieochtend", "WK000201", None, "O1", False),
        ],
    )
    insert(con, "activiteit_partner", [("A1", "O2"), ("A3", "O2")])
    insert(
        con,
        "bijeenkomst",
        [
            ("B1", "A1", date(2023, 12, 15), 3),
            ("B2", "A1", date(2024, 2, 1), 5),
            ("B3", "A1", date(2024, 3, 1), 4),
            ("B4", "A2", date(2024, 5, 1), 6),
            ("B5", "A3", date(2024, 6, 1), 10),
            ("B6", "A2", date(2025, 1, 5), 2),
            ("B7", "A4", date(2024, 4, 1), 12),
        ],
    )
    insert(
        con,
        "deelnemer",
        [
            ("P1", "BU00010101", None),
            ("P2", "BU00010102", "18-26"),
            ("P3", "BU00010201", None),
            ("P4", None, None),
            ("P5", "BU00010201", "65-79"),
        ],
    )
    insert(
        con,
        "deelname",
        [
            ("B1", "P1"),
            ("B2", "P1"),
            ("B2", "P2"),
            ("B2", "P4"),
            ("B3", "P1"),
            ("B3", "P3"),
            ("B4", "P3"),
            ("B4", "P5"),
            ("B5", "P2"),
            ("B5", "P4"),
            ("B6", "P5"),
        ],
    )
    # as every import does after writing deelnames
    first_deelname.refresh_all(con)
    registered_deelnames.refresh_all(con)
    return con


COLUMNS = [
    "gebiedscode",
    "bijeenkomsten",
    "deelnames",
    "unieke_deelnemers",
    "bereik_per_1000",
    "herhaal_pct",
    "nieuw",
    "bewonersinitiatief_pct",
]


def rows(df: pd.DataFrame) -> list[dict]:
    out = df[COLUMNS].astype(object).where(df[COLUMNS].notna(), None).to_dict("records")
    for row in out:
        for key in ("bereik_per_1000", "herhaal_pct", "bewonersinitiatief_pct"):
            if row[key] is not None:
                row[key] = round(float(row[key]), 4)
        for key in ("bijeenkomsten", "deelnames", "unieke_deelnemers", "nieuw"):
            if row[key] is not None:
                row[key] = int(row[key])
    return out


def test_waar_per_wijk(db):
    df = queries.bereik(db, YEAR_2024, level="wijk", attributie="waar", gemeente="GM0001")
    assert rows(df) == [
        # Noord: B2, B3, B5 in 2024 -> 3 sessions, 5 + 4 + 10 = 19 deelnames.
        # Deelname rows P1,P2,P4 | P1,P3 | P2,P4 -> unique P1..P4 = 4.
        # Counts P1 2, P2 2, P3 1, P4 2 -> 3 of 4 repeat = 75 %.
        # New: P2, P3, P4 (P1 first came in 2023) = 3. No bewonersinitiatief: 0 %.
        # bereik_per_1000: residents of Noord with a deelname: P1, P2 -> 1000 * 2 / 1500 = 1.3333.
        {
            "gebiedscode": "WK000101",
            "bijeenkomsten": 3,
            "deelnames": 19,
            "unieke_deelnemers": 4,
            "bereik_per_1000": 1.3333,
            "herhaal_pct": 75.0,
            "nieuw": 3,
            "bewonersinitiatief_pct": 0.0,
        },
        # Zuid: B4 only -> 1 session, 6 deelnames, P3 and P5 once each -> 2 unique, 0 % repeat,
        # both new; the moestuin is a bewonersinitiatief -> 100 %. Residents P3, P5: 1000 * 2 / 2000 = 1.0.
        {
            "gebiedscode": "WK000102",
            "bijeenkomsten": 1,
            "deelnames": 6,
            "unieke_deelnemers": 2,
            "bereik_per_1000": 1.0,
            "herhaal_pct": 0.0,
            "nieuw": 2,
            "bewonersinitiatief_pct": 100.0,
        },
    ]


def test_wie_per_wijk(db):
    df = queries.bereik(db, YEAR_2024, level="wijk", attributie="wie", gemeente="GM0001")
    assert rows(df) == [
        # Noord residents P1 (B2, B3) and P2 (B2, B5): 4 deelname rows, 2 unique, both repeat
        # (100 %), new: P2 only = 1. Sessions and ownership stay by activity location.
        {
            "gebiedscode": "WK000101",
            "bijeenkomsten": 3,
            "deelnames": 4,
            "unieke_deelnemers": 2,
            "bereik_per_1000": 1.3333,
            "herhaal_pct": 100.0,
            "nieuw": 1,
            "bewonersinitiatief_pct": 0.0,
        },
        # Zuid residents P3 (B3 in Noord, B4) and P5 (B4): 3 rows, 2 unique, 1 repeats = 50 %,
        # both new. P4 (unknown home) counts in no wijk.
        {
            "gebiedscode": "WK000102",
            "bijeenkomsten": 1,
            "deelnames": 3,
            "unieke_deelnemers": 2,
            "bereik_per_1000": 1.0,
            "herhaal_pct": 50.0,
            "nieuw": 2,
            "bewonersinitiatief_pct": 100.0,
        },
    ]


def test_gemeente_totals_both_attributions(db):
    waar = queries.bereik(db, YEAR_2024, level="gemeente", attributie="waar", gemeente="GM0001")
    wie = queries.bereik(db, YEAR_2024, level="gemeente", attributie="wie", gemeente="GM0001")
    # waar: B2..B5 = 4 sessions, 5 + 4 + 6 + 10 = 25 deelnames, unique P1..P5 = 5;
    # repeat P1, P2, P3, P4 (two each) = 4 of 5 = 80 %; new P2..P5 = 4; 1 of 4 sessions owned = 25 %.
    # bereik_per_1000: residents with a known home reached: P1, P2, P3, P5 = 1000 * 4 / 3500 = 1.1429.
    assert rows(waar) == [
        {
            "gebiedscode": "GM0001",
            "bijeenkomsten": 4,
            "deelnames": 25,
            "unieke_deelnemers": 5,
            "bereik_per_1000": 1.1429,
            "herhaal_pct": 80.0,
            "nieuw": 4,
            "bewonersinitiatief_pct": 25.0,
        }
    ]
    # wie: all 9 deelname rows of 2024 (3 + 2 + 2 + 2), P4's unknown home counts in the
    # gemeente total; the same 5 unique participants.
    assert rows(wie) == [{**rows(waar)[0], "deelnames": 9}]


def test_buurt_level_excludes_activities_without_buurt(db):
    df = queries.bereik(db, YEAR_2024, level="buurt", attributie="waar", gemeente="GM0001")
    by_code = {r["gebiedscode"]: r for r in rows(df)}
    # BU00010101: B2 and B3 (A3's B5 has no buurt) -> 2 sessions, 9 deelnames; unique P1..P4,
    # only P1 twice -> 25 %.
    assert by_code["BU00010101"]["deelnames"] == 9
    assert by_code["BU00010101"]["unieke_deelnemers"] == 4
    assert by_code["BU00010101"]["herhaal_pct"] == 25.0
    # BU00010102: nothing happens there, but P2 lives there: 1000 * 1 / 500 = 2.0.
    assert by_code["BU00010102"]["bijeenkomsten"] == 0
    assert by_code["BU00010102"]["unieke_deelnemers"] == 0
    assert by_code["BU00010102"]["herhaal_pct"] is None
    assert by_code["BU00010102"]["bereik_per_1000"] == 2.0
    assert by_code["BU00010102"]["bewonersinitiatief_pct"] is None


def test_latest_inwoners_year_not_after_period_end(db):
    df = queries.bereik(db, YEAR_2024, level="buurt", gemeente="GM0001")
    # 2025's 5000 is after the period; 2024's 1000 applies.
    assert df.set_index("gebiedscode").loc["BU00010101", "inwoners"] == 1000
    period_2023 = Period(date(2023, 1, 1), date(2023, 12, 31))
    df = queries.bereik(db, period_2023, level="buurt", gemeente="GM0001")
    assert df.set_index("gebiedscode").loc["BU00010101", "inwoners"] == 900


def test_activity_type_filter(db):
    df = queries.bereik(db, YEAR_2024, level="wijk", gemeente="GM0001", activity_type="moestuin")
    by_code = {r["gebiedscode"]: r for r in rows(df)}
    # Only B4 (moestuin) remains: Noord has nothing, and none of its residents went to it.
    assert by_code["WK000101"]["deelnames"] == 0
    assert by_code["WK000101"]["bereik_per_1000"] == 0.0
    assert by_code["WK000102"]["deelnames"] == 6


def test_session_totals_only_gives_no_unique_figures(db):
    waar = queries.bereik(db, YEAR_2024, level="wijk", attributie="waar", gemeente="GM0002")
    wie = queries.bereik(db, YEAR_2024, level="wijk", attributie="wie", gemeente="GM0002")
    # B7 has 12 participants by total but no deelname rows: the totals are known,
    # unique, per-1000, repeat and new are not (NULL, never 0).
    assert rows(waar) == [
        {
            "gebiedscode": "WK000201",
            "bijeenkomsten": 1,
            "deelnames": 12,
            "unieke_deelnemers": None,
            "bereik_per_1000": None,
            "herhaal_pct": None,
            "nieuw": None,
            "bewonersinitiatief_pct": 0.0,
        }
    ]
    assert not waar["heeft_deelnemersgegevens"].iloc[0]
    assert wie["deelnames"].isna().all()


def add_pop_up_terras(db) -> None:
    """A5 "Pop-up terras" at Noord-B (BU00010102, where nothing took place) with one session,
    B8 on 2024-07-01 (20 by its total), and no deelname rows."""
    insert(
        db,
        "activiteit",
        [("A5", "Pop-up terras", "pop-up terras", "WK000101", "BU00010102", "O1", False)],
    )
    insert(db, "bijeenkomst", [("B8", "A5", date(2024, 7, 1), 20)])
    registered_deelnames.refresh_all(db)


def test_an_area_whose_sessions_register_no_one_has_unknown_participants(db):
    # A walk saw a buurt with "13 bijeenkomsten, 238 deelnames, 0 unieke deelnemers": its
    # sessions register totals only, in a gemeente that registers participants elsewhere.
    # Add A5 at Noord-B (BU00010102, where nothing took place) with B8 2024-07-01 (20) and
    # no deelname rows.
    add_pop_up_terras(db)
    waar = queries.bereik(db, YEAR_2024, level="buurt", attributie="waar", gemeente="GM0001")
    by_code = {r["gebiedscode"]: r for r in rows(waar)}
    # waar, Noord-B: 1 session of max(20, 0) = 20 deelnames; who came is unknown (NULL,
    # not 0), so are repeat and new; the rate counts residents wherever they went: P2 lives
    # there and came in 2024 (B2, B5): 1000 × 1 / 500 = 2.0
    assert by_code["BU00010102"] == {
        "gebiedscode": "BU00010102",
        "bijeenkomsten": 1,
        "deelnames": 20,
        "unieke_deelnemers": None,
        "bereik_per_1000": 2.0,
        "herhaal_pct": None,
        "nieuw": None,
        "bewonersinitiatief_pct": 0.0,
    }
    # Noord-A keeps its registered figures: B2, B3 with P1, P2, P4 and P1, P3: 4 unique
    assert by_code["BU00010101"]["unieke_deelnemers"] == 4
    # wie, Noord-B: its resident P2 is known, with B2 and B5: 2 deelnames, 1 unique
    wie = queries.bereik(db, YEAR_2024, level="buurt", attributie="wie", gemeente="GM0001")
    noord_b = {r["gebiedscode"]: r for r in rows(wie)}["BU00010102"]
    assert (noord_b["deelnames"], noord_b["unieke_deelnemers"]) == (2, 1)


def test_partner_mix(db):
    df = queries.bereik_partners(db, YEAR_2024, level="wijk", gemeente="GM0001")
    # O2 is partner of A1 (B2, B3) and A3 (B5) in Noord: 3 sessions; Zuid's A2 has no partner.
    assert df[["gebiedscode", "partner", "bijeenkomsten"]].to_dict("records") == [
        {"gebiedscode": "WK000101", "partner": "Woonstichting", "bijeenkomsten": 3}
    ]


def test_per_type(db):
    df = queries.bereik_per_type(db, YEAR_2024, level="gemeente", gemeente="GM0001")
    # buurtcafé: B2, B3 = 9; wijksafari: B5 = 10; moestuin: B4 = 6.
    assert df[["type", "bijeenkomsten", "deelnames"]].to_dict("records") == [
        {"type": "wijksafari", "bijeenkomsten": 1, "deelnames": 10},
        {"type": "buurtcafé", "bijeenkomsten": 2, "deelnames": 9},
        {"type": "moestuin", "bijeenkomsten": 1, "deelnames": 6},
    ]


def test_per_month_covers_every_month(db):
    df = queries.bereik_per_maand(db, YEAR_2024, level="wijk", gemeente="GM0001")
    noord = df[df.gebiedscode == "WK000101"].set_index("maand")
    assert len(noord) == 12
    # February: B2 (5 participants, 3 registered: P1, P2, P4); March: B3 (4; P1, P3); June: B5 (10; P2, P4).
    assert noord.loc[pd.Timestamp("2024-02-01"), ["deelnames", "unieke_deelnemers"]].tolist() == [
        5,
        3,
    ]
    assert noord.loc[pd.Timestamp("2024-03-01"), ["deelnames", "unieke_deelnemers"]].tolist() == [
        4,
        2,
    ]
    assert noord.loc[pd.Timestamp("2024-06-01"), ["deelnames", "unieke_deelnemers"]].tolist() == [
        10,
        2,
    ]
    assert noord["deelnames"].sum() == 19


def month_rows(df: pd.DataFrame, code: str) -> dict[int, tuple]:
    """Month number -> (bijeenkomsten, deelnames, unieke_deelnemers) of one area, None for unknown."""
    area = df[df.gebiedscode == code].astype(object).where(df.notna(), None)
    return {
        m.month: (b, d, u)
        for m, b, d, u in zip(
            area["maand"],
            area["bijeenkomsten"],
            area["deelnames"],
            area["unieke_deelnemers"],
            strict=True,
        )
    }


def test_per_month_of_session_totals_only_has_no_unique_participants(db):
    # GM0002 registers session totals only: B7 2024-04-01 (12), no deelname rows. April:
    # 1 session of 12 deelnames, who came is unknown (None, not 0); every other month held
    # no session, so 0 is known. Under wie the 12 are not counted to anyone's home: April's
    # deelnames are unknown as well.
    waar = month_rows(
        queries.bereik_per_maand(db, YEAR_2024, level="wijk", attributie="waar", gemeente="GM0002"),
        "WK000201",
    )
    wie = month_rows(
        queries.bereik_per_maand(db, YEAR_2024, level="wijk", attributie="wie", gemeente="GM0002"),
        "WK000201",
    )
    assert waar == {m: (1, 12, None) if m == 4 else (0, 0, 0) for m in range(1, 13)}
    assert wie == {m: (1, None, None) if m == 4 else (0, 0, 0) for m in range(1, 13)}


def test_per_month_an_area_whose_sessions_register_no_one(db):
    # As test_an_area_whose_sessions_register_no_one_has_unknown_participants: A5 at
    # Noord-B with B8 2024-07-01 (20), no deelname rows; July's only session in GM0001.
    add_pop_up_terras(db)
    waar = queries.bereik_per_maand(
        db, YEAR_2024, level="buurt", attributie="waar", gemeente="GM0001"
    )
    # waar, July: Noord-B held B8, 20 deelnames by its total, who came unknown; Noord-A held
    # nothing in July: 0 is known. February: Noord-A held B2 (5; P1, P2, P4 registered).
    assert month_rows(waar, "BU00010102")[7] == (1, 20, None)
    assert month_rows(waar, "BU00010101")[7] == (0, 0, 0)
    assert month_rows(waar, "BU00010101")[2] == (1, 5, 3)
    # wie: GM0001 registers who comes in 2024, so its months count as its year does (they
    # add up to it): July's 20 at B8 are no one's registered deelnames, 0; February (B2):
    # Noord-B's resident P2 came, 1 deelname.
    wie = queries.bereik_per_maand(
        db, YEAR_2024, level="buurt", attributie="wie", gemeente="GM0001"
    )
    assert month_rows(wie, "BU00010102")[7] == (1, 0, 0)
    assert month_rows(wie, "BU00010101")[7] == (0, 0, 0)
    assert month_rows(wie, "BU00010102")[2] == (0, 1, 1)
    year = queries.bereik(db, YEAR_2024, level="buurt", attributie="wie", gemeente="GM0001")
    for code in ("BU00010101", "BU00010102"):
        months = month_rows(wie, code).values()
        assert sum(d for _, d, _ in months) == rows(year[year.gebiedscode == code])[0]["deelnames"]


def test_per_month_by_buurt_counts_a_session_without_a_buurt_as_the_gemeentes(db):
    # GM0002's B7 (April, 12, totals only) belongs to A4, which has no buurt: it counts for
    # no buurt, but its people live somewhere, so under wie April is unknown in every buurt;
    # May held nothing: 0.
    wie = month_rows(
        queries.bereik_per_maand(db, YEAR_2024, level="buurt", attributie="wie", gemeente="GM0002"),
        "BU00020101",
    )
    assert (wie[4], wie[5]) == ((0, None, None), (0, 0, 0))


def test_per_month_a_session_nobody_came_to_hides_no_one(db):
    # B9: a GM0002 session in May 2024 with aantal_deelnemers 0 and no deelname rows. Nobody
    # came, so 0 unique participants is known (under waar and wie), while April's B7 (12, no
    # rows) stays unknown.
    insert(db, "bijeenkomst", [("B9", "A4", date(2024, 5, 1), 0)])
    registered_deelnames.refresh_all(db)
    for attributie, april in (("waar", (1, 12, None)), ("wie", (1, None, None))):
        months = month_rows(
            queries.bereik_per_maand(
                db, YEAR_2024, level="wijk", attributie=attributie, gemeente="GM0002"
            ),
            "WK000201",
        )
        assert (months[4], months[5]) == (april, (1, 0, 0)), attributie


def test_per_month_of_a_gemeente_without_activities_is_unknown(db):
    # GM0003 has a wijk and no activiteiten at all: every figure of every month is unknown.
    insert(db, "gemeente", [("GM0003", "Leegdorp", False, None)])
    insert(db, "wijk", [("WK000301", "Midden", "GM0003", None)])
    for attributie in ("waar", "wie"):
        months = month_rows(
            queries.bereik_per_maand(
                db, YEAR_2024, level="wijk", attributie=attributie, gemeente="GM0003"
            ),
            "WK000301",
        )
        assert months == {m: (None, None, None) for m in range(1, 13)}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"level": "stadsdeel"}, "Onbekend niveau 'stadsdeel'"),
        ({"attributie": "hoe"}, "Onbekende attributie 'hoe'"),
    ],
)
def test_rejects_unknown_choices(db, kwargs, message):
    with pytest.raises(QueryError, match=message):
        queries.bereik(db, YEAR_2024, **kwargs)


def test_period_end_before_start_is_refused():
    with pytest.raises(QueryError, match="ligt voor de startdatum"):
        Period(date(2024, 2, 1), date(2024, 1, 1))


def test_own_indeling_level(db):
    # An own indeling of GM0001: "Noord-en-Zuid-A" = BU00010101 + BU00010201 (EG0001001),
    # "Rest" = BU00010102 (EG0001002).
    insert(
        db,
        "indeling",
        [
            ("EG0001001", "Noord-en-Zuid-A", "GM0001", "Gebieden", None),
            ("EG0001002", "Rest", "GM0001", "Gebieden", None),
        ],
    )
    insert(
        db,
        "indeling_buurt",
        [("BU00010101", "EG0001001"), ("BU00010201", "EG0001001"), ("BU00010102", "EG0001002")],
    )
    df = queries.bereik(db, YEAR_2024, level="eigen", gemeente="GM0001").set_index("gebiedscode")
    # EG0001001: B2 and B3 (A1 in BU00010101) and B4 (A2 in BU00010201) -> 3 sessions,
    # 5 + 4 + 6 = 15 deelnames (B5 has no buurt); registered P1, P2, P4 | P1, P3 | P3, P5 -> 5 unique.
    # inwoners 1000 + 2000 = 3000; residents reached P1 (BU00010101), P3 and P5 (BU00010201)
    # -> 1000 * 3 / 3000 = 1.0.
    assert df.loc[
        "EG0001001", ["bijeenkomsten", "deelnames", "unieke_deelnemers", "inwoners"]
    ].tolist() == [
        3,
        15,
        5,
        3000,
    ]
    assert df.loc["EG0001001", "bereik_per_1000"] == pytest.approx(1.0)
    # EG0001002: nothing happens there; P2 lives there -> 1000 * 1 / 500 = 2.0
    assert df.loc["EG0001002", "bijeenkomsten"] == 0
    assert df.loc["EG0001002", "bereik_per_1000"] == pytest.approx(2.0)


def test_several_periods_in_one_query(db):
    # bereik_in answers several periods at once (the Wijkprofiel's period, a year earlier
    # and its trend); each frame must be what `bereik` gives for that period alone.
    # Worked out by hand for Noord (WK000101):
    # - 2024: as in test_waar_per_wijk (3 sessions, 19 deelnames, 4 unique, 3 new).
    # - 2023: only B1 (3) -> 1 session, 3 deelnames, P1 once: 1 unique, 0 % repeat, new 1
    #   (P1's first deelname 2023-12-15 is in 2023). Inwoners 2023: only BU00010101 has a
    #   figure (900), so Noord counts 900; resident P1 reached: 1000 * 1 / 900 = 1.1111.
    # - 2023-12-01 .. 2024-02-29 overlaps both: B1 (3) and B2 (5) -> 2 sessions, 8 deelnames;
    #   rows P1 | P1, P2, P4 -> 3 unique, P1 twice -> 33.33 % repeat; all three new, P1 too
    #   (first deelname 2023-12-15 is not before this window's start), unlike in 2024.
    #   Inwoners: the window ends in 2024 -> Noord 1500; residents P1, P2 -> 1.3333.
    year_2023 = Period(date(2023, 1, 1), date(2023, 12, 31))
    winter = Period(date(2023, 12, 1), date(2024, 2, 29))
    periods = (YEAR_2024, year_2023, winter)
    frames = queries.bereik_in(db, periods, level="wijk", gemeente="GM0001")
    noord = [rows(df[df["gebiedscode"] == "WK000101"])[0] for df in frames]
    assert noord[0] == rows(queries.bereik(db, YEAR_2024, level="wijk", gemeente="GM0001"))[0]
    assert noord[1] == {
        "gebiedscode": "WK000101",
        "bijeenkomsten": 1,
        "deelnames": 3,
        "unieke_deelnemers": 1,
        "bereik_per_1000": 1.1111,
        "herhaal_pct": 0.0,
        "nieuw": 1,
        "bewonersinitiatief_pct": 0.0,
    }
    assert noord[2] == {
        "gebiedscode": "WK000101",
        "bijeenkomsten": 2,
        "deelnames": 8,
        "unieke_deelnemers": 3,
        "bereik_per_1000": 1.3333,
        "herhaal_pct": 33.3333,
        "nieuw": 3,
        "bewonersinitiatief_pct": 0.0,
    }
    # Every frame, all columns, both attributions and every level: the same as one query
    # per period (the one definition of the metrics is bereik_vensters).
    for level in ("gemeente", "wijk", "buurt"):
        for attributie in ("waar", "wie"):
            frames = queries.bereik_in(db, periods, level=level, attributie=attributie)
            for period, frame in zip(periods, frames, strict=True):
                alone = queries.bereik(db, period, level=level, attributie=attributie)
                # dtypes may differ: a column with NULLs in one period is nullable (Int64)
                # in the frame of all periods
                pd.testing.assert_frame_equal(frame, alone, check_dtype=False)


def test_several_periods_need_at_least_one(db):
    with pytest.raises(QueryError, match="ten minste één periode"):
        queries.bereik_in(db, (), level="wijk")
