"""A reduced national run (docs/DESIGN.md §8): the demo at scale 8 obeys the data assertions, every
gemeente's geometry nests without gaps, the plan at scale 342 has the national sizes, and
maps of the whole country stay small."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import duckdb
import numpy as np
import pandas as pd
import pytest
import shapely

from dashboard.demo import DEMO_GEMEENTECODE, generate_demo
from dashboard.demo.constants import NATIONAL_START
from dashboard.demo.load import TABLE_COLUMNS
from dashboard.demo.plan import gemeente_plans
from dashboard.display import maps
from dashboard.warehouse import area_shapes, checks, queries
from dashboard.warehouse.db import build_database
from tests.helpers import check_nested_geometry

pytestmark = pytest.mark.slow  # builds the national demo at scale 8

SCALE = 8


@pytest.fixture(scope="module")
def national() -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(":memory:")
    build_database(con)
    generate_demo(con, scale=SCALE)
    yield con
    con.close()


@pytest.fixture(scope="module")
def showcase_alone() -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(":memory:")
    build_database(con)
    generate_demo(con, scale=1)
    yield con
    con.close()


def rows(con: duckdb.DuckDBPyConnection, sql: str, **params: object) -> list[tuple]:
    return con.sql(sql, params=params or None).fetchall()


def gemeentecodes(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [c for (c,) in rows(con, "select gemeentecode from gemeente order by 1")]


def test_every_data_assertion_passes(national):
    results = checks.run_checks(national)
    assert results, "no assertions found"
    failed = {r.name: r.failures.head(3).to_dict("records") for r in results if not r.passed}
    assert failed == {}


def test_scale_gives_that_many_gemeenten_each_with_areas_staff_and_registrations(national):
    codes = gemeentecodes(national)
    assert len(codes) == SCALE
    assert DEMO_GEMEENTECODE in codes
    per_gemeente = rows(
        national,
        """
        select g.gemeentecode,
            (select count(*) from wijk as w where w.gemeentecode = g.gemeentecode),
            (select count(*) from buurt join wijk using (wijkcode) where wijk.gemeentecode = g.gemeentecode),
            (select count(*) from inzet join wijk using (wijkcode) where wijk.gemeentecode = g.gemeentecode),
            (select count(*) from int_deelname where act_gemeentecode = g.gemeentecode),
        from gemeente as g order by 1
        """,
    )
    for code, wijken, buurten, inzet, deelnames in per_gemeente:
        assert 5 <= wijken <= 15, code
        assert wijken <= buurten <= 99 * wijken, code
        assert inzet > 0 and deelnames > 0, code


def test_further_gemeenten_register_for_ten_years(national):
    spans = dict(
        rows(
            national,
            """
            select gemeentecode, min(datum) from int_bijeenkomst group by 1
            """,
        )
    )
    for code, first in spans.items():
        if code == DEMO_GEMEENTECODE:
            assert first.year == 2021
        else:
            assert first < date(2017, 6, 1), code
            assert first >= NATIONAL_START, code
    years = {
        code: {y for (y,) in rows(
            national,
            "select distinct jaar from kerncijfers where gebiedscode = $gm",
            gm=code,
        )}
        for code in spans
    }  # fmt: skip
    assert years[DEMO_GEMEENTECODE] == set(range(2020, 2026))
    for code, found in years.items():
        if code != DEMO_GEMEENTECODE:
            assert found == set(range(NATIONAL_START.year, 2026)), code
    # a period from before the showcase existed has inwoners and reach elsewhere
    reach = queries.bereik(
        national, queries.Period(date(2018, 1, 1), date(2018, 12, 31)), level="gemeente"
    )
    others = reach[reach["gebiedscode"] != DEMO_GEMEENTECODE]
    assert others["inwoners"].notna().all()
    assert (others["unieke_deelnemers"] > 0).all()


# The showcase's rows in each raw table, found through its codes (they carry the digits 9999).
SHOWCASE_ROWS = {
    "gemeente": "gemeentecode = 'GM9999'",
    "wijk": "gemeentecode = 'GM9999'",
    "buurt": "wijkcode like 'WK9999%'",
    "kerncijfers": "substr(gebiedscode, 3, 4) = '9999'",
    "organisatie": "organisatie_id like 'ORG9999%'",
    "professional": "professional_id like 'PRF9999%'",
    "inzet": "inzet_id like 'INZ9999%'",
    "activiteit": "activiteit_id like 'ACT9999%'",
    "activiteit_partner": "activiteit_id like 'ACT9999%'",
    "plek": "gemeentecode = 'GM9999'",
    "plek_activiteit": "plek_id like 'PL9999%'",
    "route": "gemeentecode = 'GM9999'",
    "route_stop": "route_id like 'RT9999%'",
    "verhaal": "gemeentecode = 'GM9999'",
    "bijeenkomst": "bijeenkomst_id like 'BK9999%'",
    "deelnemer": "deelnemer_id in (select deelnemer_id from deelname"
    " where bijeenkomst_id like 'BK9999%')",
    "deelname": "bijeenkomst_id like 'BK9999%'",
}


def test_the_showcase_is_the_same_as_alone(national, showcase_alone):
    assert set(SHOWCASE_ROWS) == set(TABLE_COLUMNS)
    for table, where in SHOWCASE_ROWS.items():
        # table names and conditions come from the fixed dict above
        sql = f"select * from {table} where {where} order by all"
        assert rows(national, sql) == rows(showcase_alone, f"select * from {table} order by all")


def test_geometry_nests_without_gaps_in_every_gemeente(national):
    codes = gemeentecodes(national)
    for code in codes:
        check_nested_geometry(national, code)
    towns = [shapely.from_wkb(g) for (g,) in rows(national, "select geom_wkb from gemeente")]
    assert not any(shapely.intersects(a, b) for i, a in enumerate(towns) for b in towns[i + 1 :])


def test_the_plan_at_national_scale_has_the_national_sizes():
    plans = gemeente_plans(np.random.default_rng([42, 1_000_003]), 342)
    assert len(plans) == 342
    assert len({p.code for p in plans}) == 342
    wijken = sum(len(p.wijken) for p in plans)
    buurten = sum(p.n_buurten for p in plans)
    # CBS 2025: 342 gemeenten, 3,423 wijken, 14,729 buurten
    assert 3_100 <= wijken <= 3_800
    assert 13_300 <= buurten <= 16_200


def test_maps_of_the_whole_country_are_simplified_and_stay_gap_free(national):
    for level in ("wijk", "buurt"):
        stored = area_shapes.read_gebieden(national, level)
        shown = area_shapes.display_gebieden(national, level)
        assert list(shown["gebiedscode"]) == list(stored["gebiedscode"])
        geoms = shown.geometry.to_numpy()
        assert shapely.is_valid(geoms).all() and not shapely.is_empty(geoms).any()
        assert shapely.coverage_is_valid(geoms, gap_width=0.0)
        assert (
            shapely.get_num_coordinates(geoms).sum()
            < shapely.get_num_coordinates(stored.geometry.to_numpy()).sum()
        )
        # one gemeente keeps about a pixel of its own extent: finer than the national map
        assert area_shapes.display_tolerance_m(stored) > area_shapes.display_tolerance_m(
            stored[stored["gemeentecode"] == DEMO_GEMEENTECODE]
        )


def test_a_map_with_many_areas_sends_each_polygon_once_and_short_hover_texts():
    n = maps.COMPACT_AREAS + 1
    codes = [f"BU{i:08d}" for i in range(n)]
    gdf = area_shapes.gpd.GeoDataFrame(
        {"gebiedscode": codes, "naam": [f"Buurt {i}" for i in range(n)]},
        geometry=[shapely.box(5 + i * 1e-3, 52, 5 + (i + 1) * 1e-3, 52.001) for i in range(n)],
        crs=4326,
    )
    values = pd.DataFrame({"gebiedscode": codes, "v": [np.nan] + [1234.5] * (n - 1)})
    fig = maps.choropleth(gdf, values, "v", title="Bereik", unit="per 1.000 inwoners", decimals=1)
    coloured, missing = [t for t in fig.data if t.type == "choropleth"]
    ids = [f["id"] for t in (coloured, missing) for f in t.geojson["features"]]
    assert sorted(ids) == sorted(codes)  # every polygon in exactly one trace
    assert list(missing.locations) == [codes[0]]
    assert coloured.text[0] == "Buurt 1"
    assert coloured.hovertemplate == "<b>%{text}</b><br>%{z:,.1f} per 1.000 inwoners<extra></extra>"
    assert fig.layout.separators == ",."  # d3 then writes 1.234,5
    assert missing.hovertemplate.endswith("geen gegevens<extra></extra>")
