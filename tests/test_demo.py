"""The demo generator: deterministic, well-formed, nested geometry, and the stories of docs/DESIGN.md §9."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import duckdb
import numpy as np
import pytest
import shapely

from dashboard.demo import DEMO_END, DEMO_GEMEENTECODE, DEMO_START, generate_demo
from dashboard.demo.load import TABLE_COLUMNS
from dashboard.warehouse.db import build_database
from tests.helpers import check_nested_geometry

RAW_TABLES = tuple(TABLE_COLUMNS)
YEAR_BEFORE_END = DEMO_END - timedelta(days=364)  # 12 months ending DEMO_END, both included

# One row per spell (docs/DESIGN.md §5): inzet rows of one professional, wijk and rol merged when
# they overlap or at most 30 days lie strictly between one einddatum and the next startdatum.
SPELLS_SQL = """
with rows as (
    select professional_id, wijkcode, rol, startdatum,
        coalesce(einddatum, date '9999-12-31') as eind,
    from inzet
),
ordered as (
    select *,
        max(eind) over (
            partition by professional_id, wijkcode, rol order by startdatum
            rows between unbounded preceding and 1 preceding
        ) as vorige_eind,
    from rows
),
numbered as (
    select *,
        sum(case when vorige_eind is null or date_diff('day', vorige_eind, startdatum) > 31
            then 1 else 0 end) over (
            partition by professional_id, wijkcode, rol order by startdatum
            rows unbounded preceding
        ) as spell_nr,
    from ordered
)
select professional_id, wijkcode, rol, spell_nr,
    min(startdatum) as startdatum, max(eind) as eind, count(*) as rijen,
from numbered
group by all
"""


def _generate(scale: float = 1.0, seed: int = 42) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    build_database(con)
    generate_demo(con, scale=scale, seed=seed)
    con.execute(f"create temp view spell as {SPELLS_SQL}")
    return con


@pytest.fixture(scope="module")
def demo() -> Iterator[duckdb.DuckDBPyConnection]:
    con = _generate()
    yield con
    con.close()


@pytest.fixture(scope="module")
def demo_scale3() -> Iterator[duckdb.DuckDBPyConnection]:
    con = _generate(scale=3.0)
    yield con
    con.close()


def rows(con: duckdb.DuckDBPyConnection, sql: str, **params: object) -> list[tuple]:
    return con.sql(sql, params=params or None).fetchall()


def scalar(con: duckdb.DuckDBPyConnection, sql: str, **params: object) -> object:
    return rows(con, sql, **params)[0][0]


def table_content(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple]:
    # Table names come from the fixed list above.
    return con.sql(f"select * from {table} order by all").fetchall()


def geometries(con: duckdb.DuckDBPyConnection, sql: str, **params: object) -> dict[str, object]:
    return {code: shapely.from_wkb(wkb) for code, wkb in rows(con, sql, **params)}


# --- determinism -----------------------------------------------------------------------


def test_same_seed_gives_identical_content(demo: duckdb.DuckDBPyConnection) -> None:
    again = _generate(seed=42)
    for table in RAW_TABLES:
        assert table_content(again, table) == table_content(demo, table), table


def test_other_seed_gives_other_content(demo: duckdb.DuckDBPyConnection) -> None:
    other = _generate(seed=7)
    for table in ("buurt", "kerncijfers", "inzet", "bijeenkomst", "deelnemer"):
        assert table_content(other, table) != table_content(demo, table), table
    # The names and codes of the showcase do not depend on the seed; the shapes do.
    assert rows(other, "select wijkcode, naam from wijk order by 1") == rows(
        demo, "select wijkcode, naam from wijk order by 1"
    )


def test_refuses_a_database_that_is_not_empty(demo: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(ValueError, match="lege database"):
        generate_demo(demo)
    assert scalar(demo, "select count(*) from gemeente") == 1


def test_returns_row_counts_per_table(demo: duckdb.DuckDBPyConnection) -> None:
    con = duckdb.connect(":memory:")
    build_database(con)
    counts = generate_demo(con, scale=0.2)
    assert set(counts) == set(RAW_TABLES)
    for table, n in counts.items():
        assert scalar(con, f"select count(*) from {table}") == n, table
    # Smaller scale: fewer registrations, same gemeente and staff.
    assert counts["gemeente"] == 1
    assert counts["deelname"] < scalar(demo, "select count(*) from deelname") / 3
    assert counts["professional"] == scalar(demo, "select count(*) from professional")


# --- contents ----------------------------------------------------------------------------


def test_showcase_gemeente(demo: duckdb.DuckDBPyConnection) -> None:
    assert rows(demo, "select gemeentecode, naam, is_fictief from gemeente") == [
        (DEMO_GEMEENTECODE, "Lindenwaard (fictief)", True)
    ]


def test_counts(demo: duckdb.DuckDBPyConnection) -> None:
    assert scalar(demo, "select count(*) from wijk") == 9
    assert scalar(demo, "select count(*) from buurt") >= 30
    assert scalar(demo, "select count(*) from buurt anti join wijk using (wijkcode)") == 0
    assert scalar(demo, "select count(*) from professional") >= 60
    assert scalar(demo, "select count(*) from activiteit") >= 150
    assert scalar(demo, "select count(distinct jaar) from kerncijfers") >= 5
    assert 60_000 <= scalar(demo, "select count(*) from deelname") <= 150_000
    first, last = rows(
        demo,
        "select min(datum), max(datum) from deelname join bijeenkomst using (bijeenkomst_id)",
    )[0]
    assert (last - first).days >= 5 * 365
    assert DEMO_START <= first and last <= DEMO_END


def test_codes_and_names(demo: duckdb.DuckDBPyConnection) -> None:
    wijken = [c for (c,) in rows(demo, "select wijkcode from wijk order by 1")]
    assert wijken == [f"WK9999{i:02d}" for i in range(1, 10)]
    assert (
        scalar(demo, "select count(*) from buurt where not starts_with(buurtcode, 'BU9999')") == 0
    )
    for table in ("wijk", "buurt"):
        assert scalar(demo, f"select count(*) - count(distinct naam) from {table}") == 0
    assert scalar(demo, "select count(*) from buurt where naam like 'Bedrijventerrein%'") >= 1


def test_kerncijfers(demo: duckdb.DuckDBPyConnection) -> None:
    indicators = {
        "aantal_inwoners",
        "aantal_huishoudens",
        "percentage_huishoudens_met_laag_inkomen",
        "gemiddeld_inkomen_per_inwoner",
        "percentage_eenpersoonshuishoudens",
        "percentage_personen_0_tot_15_jaar",
        "percentage_personen_65_jaar_en_ouder",
    }
    assert {i for (i,) in rows(demo, "select distinct indicator from kerncijfers")} == indicators
    assert rows(demo, "select distinct jaar from kerncijfers order by 1") == [
        (y,) for y in range(2020, 2026)
    ]
    # every gebied, every year, every indicator
    assert scalar(demo, "select count(*) from kerncijfers") == (1 + 9 + scalar(
        demo, "select count(*) from buurt"
    )) * 6 * 7  # fmt: skip
    inwoners = scalar(
        demo,
        "select waarde from kerncijfers where gebiedscode = $gm and jaar = 2025"
        " and indicator = 'aantal_inwoners'",
        gm=DEMO_GEMEENTECODE,
    )
    assert 60_000 <= inwoners <= 90_000
    # Secret CBS figures are NULL, never a number, and rare.
    assert 1 <= scalar(demo, "select count(*) from kerncijfers where waarde is null") <= 6
    income = scalar(
        demo,
        "select avg(waarde) from kerncijfers"
        " where indicator = 'gemiddeld_inkomen_per_inwoner' and gebiedscode like 'BU%'",
    )
    assert 15 < income < 50  # thousands of euros


def test_wijk_and_gemeente_figures_add_up_from_buurten(demo: duckdb.DuckDBPyConnection) -> None:
    sums = rows(
        demo,
        """
        with b as (
            select buurt.wijkcode, wijk.gemeentecode, k.jaar, k.indicator, k.waarde,
                kin.waarde as inwoners,
            from kerncijfers as k
            join buurt on buurt.buurtcode = k.gebiedscode
            join wijk using (wijkcode)
            join kerncijfers as kin
                on kin.gebiedscode = k.gebiedscode and kin.jaar = k.jaar
                and kin.indicator = 'aantal_inwoners'
        ),
        sums as (
            select gebied as gebiedscode, jaar, indicator,
                sum(waarde) as totaal,
                sum(waarde * inwoners) filter (where waarde is not null) as gewogen,
                sum(inwoners) filter (where waarde is not null) as gewicht,
            from (
                select wijkcode as gebied, * from b union all select gemeentecode, * from b
            )
            group by 1, 2, 3
        ),
        expected as (
            select gebiedscode, jaar, indicator,
                case when indicator in ('aantal_inwoners', 'aantal_huishoudens') then totaal
                    else gewogen / gewicht end as verwacht,
            from sums
        )
        select count(*), max(abs(k.waarde - e.verwacht)),
        from expected as e join kerncijfers as k using (gebiedscode, jaar, indicator)
        """,
    )
    n, worst = sums[0]
    assert n == (9 + 1) * 6 * 7
    assert worst < 1e-9


def test_organisaties(demo: duckdb.DuckDBPyConnection) -> None:
    soorten = dict(rows(demo, "select soort, count(*) from organisatie group by 1"))
    assert sum(soorten.values()) >= 7
    assert soorten["welzijn"] == 2
    for soort in ("buurtteam", "politie", "woningcorporatie", "cultuur", "zorg", "bewonersgroep"):
        assert soorten[soort] >= 1, soort


def test_welfare_contract_moves_on_2023_01_01(demo: duckdb.DuckDBPyConnection) -> None:
    old, new = [
        o for (o,) in rows(
            demo, "select organisatie_id from organisatie where soort = 'welzijn' order by 1"
        )
    ]  # fmt: skip
    assert scalar(
        demo, "select count(*) from inzet where organisatie_id = $o and startdatum >= date '2023-01-01'",
        o=old,
    ) == 0  # fmt: skip
    assert scalar(
        demo, "select count(*) from inzet where organisatie_id = $o and startdatum < date '2023-01-01'",
        o=new,
    ) == 0  # fmt: skip
    moved = scalar(
        demo,
        """
        select count(distinct a.professional_id)
        from inzet as a join inzet as b using (professional_id, wijkcode, rol)
        where a.organisatie_id = $old and b.organisatie_id = $new
            and a.einddatum = date '2022-12-31'
            and b.startdatum between date '2023-01-01' and date '2023-01-21'
        """,
        old=old,
        new=new,
    )
    assert moved >= 10


def test_inzet_shapes(demo: duckdb.DuckDBPyConnection) -> None:
    lo, hi = rows(demo, "select min(uren_per_week), max(uren_per_week) from inzet")[0]
    assert 8 <= lo and hi <= 36
    assert scalar(demo, "select count(distinct rol) from inzet") == 6
    assert scalar(demo, "select min(startdatum) from inzet") < date(2013, 1, 1)
    # renewals: consecutive rows of one spell with a gap of 1-29 days
    assert scalar(demo, "select count(*) from spell where rijen >= 2") >= 50
    gaps = rows(
        demo,
        """
        select date_diff('day', einddatum, lead(startdatum) over w) - 1 as gap,
        from inzet
        window w as (partition by professional_id, wijkcode, rol order by startdatum)
        qualify gap is not null
        """,
    )
    gaps = np.array([g for (g,) in gaps])
    assert ((gaps >= 1) & (gaps <= 29)).sum() >= 20
    # one face, two spells: the same professional back after 31-90 days
    assert ((gaps >= 31) & (gaps <= 90)).sum() >= 1
    # some professionals work in two wijken at the same time
    assert (
        scalar(
            demo,
            """
        select count(distinct a.professional_id) from inzet as a join inzet as b
            on a.professional_id = b.professional_id and a.wijkcode < b.wijkcode
            and a.startdatum <= coalesce(b.einddatum, date '9999-12-31')
            and b.startdatum <= coalesce(a.einddatum, date '9999-12-31')
        """,
        )
        >= 2
    )
    # short stays of 4-14 months
    assert scalar(
        demo, "select count(*) from spell where date_diff('day', startdatum, eind) between 120 and 430"
    ) >= 10  # fmt: skip


def test_team_lead_signals(demo: duckdb.DuckDBPyConnection) -> None:
    ending = rows(
        demo,
        """
        select s.wijkcode, s.rol from spell as s
        where s.rol in ('opbouwwerker', 'jongerenwerker')
            and s.eind > $end and s.eind <= $end + interval 90 day
            and not exists (
                select 1 from spell as o
                where o.wijkcode = s.wijkcode and o.rol = s.rol
                    and o.professional_id <> s.professional_id and o.eind > s.eind
            )
        """,
        end=DEMO_END,
    )
    assert len(ending) >= 2
    vacated = rows(
        demo,
        """
        select wijkcode, rol from spell
        group by all
        having max(eind) >= $year_before and max(eind) < $end
        """,
        year_before=YEAR_BEFORE_END,
        end=DEMO_END,
    )
    assert len(vacated) >= 1
    # Some wijk had months with nobody in a rol it usually fills.
    assert (
        scalar(
            demo,
            """
        select count(*) from (
            select date_diff('day', eind, lead(startdatum) over w) as gap, from spell
            window w as (partition by wijkcode, rol order by startdatum)
        ) where gap > 60
        """,
        )
        >= 3
    )


def test_activities(demo: duckdb.DuckDBPyConnection) -> None:
    types = {t for (t,) in rows(demo, "select distinct type from activiteit")}
    assert {"pop-up terras", "wijksafari", "buurtcafé", "taalcafé", "repaircafé"} <= types
    assert len(types) >= 10
    share = scalar(demo, "select avg(is_bewonersinitiatief::int) from activiteit")
    assert 0.25 <= share <= 0.35
    by_groep = scalar(
        demo,
        """
        select avg((o.soort = 'bewonersgroep')::int) from activiteit as a
        join organisatie as o using (organisatie_id) where a.is_bewonersinitiatief
        """,
    )
    assert by_groep > 0.5
    assert scalar(demo, "select count(*) from activiteit where buurtcode is null") >= 1
    assert scalar(demo, "select avg((buurtcode is not null)::int) from activiteit") > 0.8
    per_activity = rows(
        demo,
        "select count(*) from activiteit left join activiteit_partner using (activiteit_id)"
        " group by activiteit_id order by 1",
    )
    assert max(n for (n,) in per_activity) <= 3
    assert scalar(demo, "select count(*) from activiteit_partner") >= 100
    assert scalar(demo, "select count(*) from wijk anti join activiteit using (wijkcode)") == 0


def test_bijeenkomsten_count_at_least_the_registered(demo: duckdb.DuckDBPyConnection) -> None:
    too_few = scalar(
        demo,
        """
        select count(*) from bijeenkomst as b
        where b.aantal_deelnemers < (
            select count(*) from deelname as d where d.bijeenkomst_id = b.bijeenkomst_id
        )
        """,
    )
    assert too_few == 0
    walk_ins = scalar(
        demo,
        "select sum(aantal_deelnemers) - (select count(*) from deelname) from bijeenkomst",
    )
    assert walk_ins > 0
    assert (
        scalar(demo, "select count(*) from activiteit anti join bijeenkomst using (activiteit_id)")
        == 0
    )


def test_deelnemers(demo: duckdb.DuckDBPyConnection) -> None:
    ids = [i for (i,) in rows(demo, "select deelnemer_id from deelnemer")]
    assert all(len(i) == 20 and int(i, 16) >= 0 for i in ids)
    unknown = scalar(demo, "select avg((buurtcode is null)::int) from deelnemer")
    assert 0.08 <= unknown <= 0.12
    assert 0 < scalar(demo, "select count(*) from deelnemer where leeftijdsgroep is null")
    assert (
        scalar(demo, "select count(*) from deelnemer anti join deelname using (deelnemer_id)") == 0
    )
    near = scalar(
        demo,
        """
        select avg((woon.wijkcode = a.wijkcode)::int)
        from deelname join deelnemer as p using (deelnemer_id)
        join buurt as woon on woon.buurtcode = p.buurtcode
        join bijeenkomst using (bijeenkomst_id) join activiteit as a using (activiteit_id)
        """,
    )
    assert near > 0.75


def test_regulars_and_newcomers(demo: duckdb.DuckDBPyConnection) -> None:
    per_person = np.array(
        [n for (n,) in rows(demo, "select count(*) from deelname group by deelnemer_id")]
    )
    assert (per_person <= 2).mean() > 0.3  # many come once or twice
    assert (per_person >= 50).sum() >= 100  # regulars who come for years
    newcomers = dict(
        rows(
            demo,
            """
            select jaar, count(*) from (
                select year(min(datum)) as jaar from deelname
                join bijeenkomst using (bijeenkomst_id) group by deelnemer_id
            ) group by 1
            """,
        )
    )
    assert sorted(newcomers) == list(range(2021, 2027))
    assert min(newcomers.values()) >= 500


# --- geometry ----------------------------------------------------------------------------


def test_geometry_nested_and_gap_free(demo: duckdb.DuckDBPyConnection) -> None:
    check_nested_geometry(demo, DEMO_GEMEENTECODE)
    wkb = scalar(demo, "select geom_wkb from buurt limit 1")
    assert isinstance(wkb, bytes)


def test_geometry_looks_like_a_town(demo: duckdb.DuckDBPyConnection) -> None:
    gemeente = shapely.from_wkb(scalar(demo, "select geom_wkb from gemeente"))
    # irregular: clearly not a rectangle or a circle
    assert gemeente.area / shapely.envelope(gemeente).area < 0.9
    assert shapely.get_num_coordinates(gemeente) > 100
    sizes = np.array(
        [shapely.from_wkb(g).area for (g,) in rows(demo, "select geom_wkb from buurt")]
    )
    assert sizes.max() / sizes.min() > 3  # small central buurten, larger ones at the edge


# --- the stories of docs/DESIGN.md §9 --------------------------------------------------------------


def test_story_long_relationships(demo: duckdb.DuckDBPyConnection) -> None:
    wijken = rows(
        demo,
        """
        select distinct wijkcode from spell
        where rol = 'opbouwwerker' and startdatum <= $five_years_before and eind >= $end
        order by 1
        """,
        five_years_before=date(DEMO_END.year - 5, DEMO_END.month, DEMO_END.day),
        end=DEMO_END,
    )
    assert len(wijken) >= 2
    assert {"WK999903", "WK999904"} <= {w for (w,) in wijken}


def test_story_high_turnover(demo: duckdb.DuckDBPyConnection) -> None:
    three_years_before = date(DEMO_END.year - 3, DEMO_END.month, DEMO_END.day)
    wijken = rows(
        demo,
        """
        select distinct wijkcode from (
            select wijkcode, rol from inzet
            where startdatum <= $end and coalesce(einddatum, date '9999-12-31') > $start
            group by all
            having count(distinct professional_id) >= 3
        ) order by 1
        """,
        start=three_years_before,
        end=DEMO_END,
    )
    assert len(wijken) >= 2
    assert {"WK999902", "WK999906"} <= {w for (w,) in wijken}


def _high_need_wijken(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [
        w
        for (w,) in rows(
            con,
            """
            select gebiedscode from kerncijfers
            where indicator = 'percentage_huishoudens_met_laag_inkomen' and jaar = 2025
                and gebiedscode like 'WK%'
            order by waarde desc limit 2
            """,
        )
    ]


def test_story_high_need_without_opbouwwerk(demo: duckdb.DuckDBPyConnection) -> None:
    high_need = _high_need_wijken(demo)
    assert sorted(high_need) == ["WK999905", "WK999908"]
    for wijk in high_need:
        active = scalar(
            demo,
            """
            select count(*) from inzet
            where wijkcode = $wijk and rol = 'opbouwwerker'
                and startdatum <= $end and coalesce(einddatum, date '9999-12-31') >= $start
            """,
            wijk=wijk,
            start=YEAR_BEFORE_END,
            end=DEMO_END,
        )
        assert active == 0, wijk
        # ...while the other professionals are there.
        others = scalar(
            demo,
            "select count(distinct rol) from inzet where wijkcode = $wijk and einddatum is null",
            wijk=wijk,
        )
        assert others >= 3, wijk
    # One of them had opbouwwerk once (it was cut), the other never did.
    had = [
        scalar(
            demo,
            "select count(*) from inzet where wijkcode = $wijk and rol = 'opbouwwerker'",
            wijk=w,
        )
        for w in high_need
    ]
    assert sorted(n > 0 for n in had) == [False, True]


def test_story_reach_differs_between_wijken(demo: duckdb.DuckDBPyConnection) -> None:
    per_1000 = dict(
        rows(
            demo,
            """
            with inwoners as (
                select gebiedscode as wijkcode, waarde as inwoners from kerncijfers
                where indicator = 'aantal_inwoners' and jaar = 2025 and gebiedscode like 'WK%'
            ),
            bereikt as (
                select woon.wijkcode, count(distinct d.deelnemer_id) as n,
                from deelname as d join bijeenkomst as b using (bijeenkomst_id)
                join deelnemer as p using (deelnemer_id)
                join buurt as woon on woon.buurtcode = p.buurtcode
                where b.datum between $start and $end
                group by all
            )
            select wijkcode, 1000.0 * coalesce(n, 0) / inwoners
            from inwoners left join bereikt using (wijkcode)
            """,
            start=YEAR_BEFORE_END,
            end=DEMO_END,
        )
    )
    assert len(per_1000) == 9
    assert max(per_1000.values()) >= 3 * min(per_1000.values())
    # the high-need wijken without opbouwwerk are reached less than most
    median = float(np.median(list(per_1000.values())))
    for wijk in _high_need_wijken(demo):
        assert per_1000[wijk] < median, wijk


# --- scale ----------------------------------------------------------------------------------


@pytest.mark.slow  # builds the demo at scale 3
def test_scale_three_gives_three_gemeenten(demo_scale3: duckdb.DuckDBPyConnection) -> None:
    codes = [c for (c,) in rows(demo_scale3, "select gemeentecode from gemeente order by 1")]
    assert codes == ["GM9000", "GM9001", "GM9999"]
    assert scalar(demo_scale3, "select count(distinct naam) from gemeente") == 3
    assert scalar(demo_scale3, "select bool_and(is_fictief) from gemeente")
    per_gemeente = dict(rows(demo_scale3, "select gemeentecode, count(*) from wijk group by 1"))
    assert per_gemeente["GM9999"] == 9
    assert all(5 <= n <= 15 for n in per_gemeente.values())
    for code in codes:
        check_nested_geometry(demo_scale3, code)
    # towns lie side by side, not on top of each other
    towns = [shapely.from_wkb(g) for (g,) in rows(demo_scale3, "select geom_wkb from gemeente")]
    assert not any(shapely.intersects(a, b) for i, a in enumerate(towns) for b in towns[i + 1 :])
    # every gemeente has staff and registrations of its own
    assert rows(
        demo_scale3,
        """
        select count(distinct w.gemeentecode) from deelname join bijeenkomst using (bijeenkomst_id)
        join activiteit using (activiteit_id) join wijk as w using (wijkcode)
        """,
    ) == [(3,)]
    assert (
        scalar(
            demo_scale3,
            "select count(distinct gemeentecode) from inzet join wijk using (wijkcode)",
        )
        == 3
    )


@pytest.mark.slow  # builds the demo at scale 3
def test_showcase_is_the_same_at_every_scale(
    demo: duckdb.DuckDBPyConnection, demo_scale3: duckdb.DuckDBPyConnection
) -> None:
    sql = "select * from buurt where wijkcode like 'WK9999%' order by all"
    assert demo_scale3.sql(sql).fetchall() == demo.sql(sql).fetchall()
    sql = "select count(*) from deelname where bijeenkomst_id like 'BK9999%'"
    assert scalar(demo_scale3, sql) == scalar(demo, sql)


def test_story_heidepark_eight_months_without_opbouwwerker(
    demo: duckdb.DuckDBPyConnection,
) -> None:
    # The Opbrengst story (docs/DESIGN.md §9): Heidepark's opbouwwerker leaves on 2022-03-26,
    # the next starts on 2022-11-28; in between (246 days) the post is empty.
    spells = rows(
        demo,
        """
        select startdatum, einddatum from inzet
        where wijkcode = 'WK999909' and rol = 'opbouwwerker'
            and startdatum <= date '2022-12-31' and coalesce(einddatum, date '9999-12-31')
                >= date '2022-01-01'
        order by startdatum
        """,
    )
    # (the successor's row ends at the welfare contract's move on 2023-01-01)
    assert spells == [
        (date(2018, 12, 7), date(2022, 3, 26)),
        (date(2022, 11, 28), date(2022, 12, 31)),
    ]

    def held(organisatie_soort: str) -> int:
        return scalar(  # type: ignore[return-value]
            demo,
            """
            select count(*) from bijeenkomst as b
            join activiteit as a using (activiteit_id)
            join organisatie as o using (organisatie_id)
            where a.wijkcode = 'WK999909' and o.soort = $soort
                and b.datum between date '2022-03-27' and date '2022-11-27'
            """,
            soort=organisatie_soort,
        )

    # the welfare organisation's activities there pause, also the initiatives it supports;
    # the independent resident group's initiatives go on
    assert held("welzijn") == 0
    assert held("bewonersgroep") > 0
