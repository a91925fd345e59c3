"""Reading CBS area files: the real shared files (Baarn, Arnhem, Utrecht) and small hand-made ones."""

from __future__ import annotations

import json
import math
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import pytest
import shapely
from shapely.errors import GEOSException

from dashboard.ingest.cbs import CbsData, CbsImportError, read_cbs_file
from dashboard.ingest.cbs import geometry as cbs_geometry
from dashboard.ingest.cbs.geometry import NL_LAT, NL_LON

shared = pytest.mark.shared


def raw_properties(path: Path) -> list[dict]:
    """The feature properties exactly as the file has them (read with the json module)."""
    with path.open(encoding="utf-8") as fh:
        return [feature["properties"] for feature in json.load(fh)["features"]]


def values(data: CbsData, indicator: str) -> dict[str, float]:
    """gebiedscode -> waarde of one indicator."""
    rows = data.kerncijfers[data.kerncijfers["indicator"] == indicator]
    return dict(zip(rows["gebiedscode"], rows["waarde"], strict=True))


# ---------------------------------------------------------------------------------------------
# the real files in ../shared/data/cbs

BAARN_BUURTEN = [
    ("BU03080000", "Centrum", "WK030800"),
    ("BU03080001", "Schoonoordpark", "WK030800"),
    ("BU03080002", "Transvaal", "WK030800"),
    ("BU03080003", "Zandvoort", "WK030800"),
    ("BU03080004", "Oude-Oosterhei", "WK030800"),
    ("BU03080005", "Nieuwe-Oosterhei", "WK030800"),
    ("BU03080006", "Pekingpark", "WK030800"),
    ("BU03080007", "Amaliapark", "WK030800"),
    ("BU03080100", "Componistenwijk", "WK030801"),
    ("BU03080101", "Professorenwijk", "WK030801"),
    ("BU03080102", "Staatsliedenwijk", "WK030801"),
    ("BU03080103", "Schilderswijk", "WK030801"),
    ("BU03080104", "Eemdal-Noord", "WK030801"),
    ("BU03080105", "Eemdal-Zuid", "WK030801"),
    ("BU03080109", "Eemland waaronder Eembrugge", "WK030801"),
    ("BU03080200", "Wilhelminapark", "WK030802"),
    ("BU03080201", "Pr. Hendrikpark", "WK030802"),
    ("BU03080400", "Verspreide huizen Baarn", "WK030804"),
    ("BU03080401", "Amerpoort Sherpa", "WK030804"),
    ("BU03080500", "Lage Vuursche", "WK030805"),
    ("BU03080501", "Verspreide huizen Lage Vuursche", "WK030805"),
]


@pytest.fixture()
def baarn(cbs_dir: Path) -> CbsData:
    return read_cbs_file(cbs_dir / "baarn_buurten_2024.geojson")


@shared
def test_baarn_buurten_codes_names_and_wijken(baarn: CbsData):
    assert baarn.jaar == 2024
    assert list(baarn.buurten.columns) == ["buurtcode", "naam", "wijkcode", "geometry"]
    assert (
        list(baarn.buurten[["buurtcode", "naam", "wijkcode"]].itertuples(index=False, name=None))
        == BAARN_BUURTEN
    )


@shared
def test_baarn_inwoners_are_the_files_and_add_up(baarn: CbsData, cbs_dir: Path):
    raw = raw_properties(cbs_dir / "baarn_buurten_2024.geojson")
    inwoners = values(baarn, "aantal_inwoners")
    assert {code: inwoners[code] for code, _, _ in BAARN_BUURTEN} == {
        p["buurtcode"]: float(p["aantal_inwoners"]) for p in raw
    }
    assert sum(inwoners[code] for code, _, _ in BAARN_BUURTEN) == 25_065
    # the dissolved levels get inwoners as the sum of their (all known) parts, nothing else
    assert inwoners["GM0308"] == 25_065
    assert inwoners["WK030805"] == 210 + 70
    derived = baarn.kerncijfers[~baarn.kerncijfers["gebiedscode"].str.startswith("BU")]
    assert set(derived["indicator"]) == {"aantal_inwoners"}


@shared
def test_baarn_cbs_missing_codes_become_nan(baarn: CbsData, cbs_dir: Path):
    raw = raw_properties(cbs_dir / "baarn_buurten_2024.geojson")
    coded = [
        (p["buurtcode"], key)
        for p in raw
        for key, value in p.items()
        if isinstance(value, int | float) and value <= -99990
    ]
    assert len(coded) == 3684  # -99995 (3675 times) and -99997 (9 times)
    k = baarn.kerncijfers.set_index(["gebiedscode", "indicator"])["waarde"]
    assert all(math.isnan(k[(code, key)]) for code, key in coded)
    assert k[("BU03080000", "geboorte_totaal")] != k[("BU03080000", "geboorte_totaal")]  # NaN
    assert (baarn.kerncijfers["waarde"].dropna() > -99990).all()
    assert (
        "3684 waarden met een CBS-code voor geheim of onbekend (zoals -99995) zijn als onbekend ingelezen."
        in baarn.meldingen
    )


@shared
def test_baarn_kerncijfers_skip_identity_columns(baarn: CbsData):
    indicators = set(baarn.kerncijfers["indicator"])
    for skipped in (
        "buurtcode",
        "wijkcode",
        "gemeentecode",
        "water",
        "jrstatcode",
        "jaar",
        "indelingswijziging_wijken_en_buurten",
        "meest_voorkomende_postcode",
    ):
        assert skipped not in indicators
    assert {
        "dekkingspercentage",
        "percentage_personen_65_jaar_en_ouder",
        "gemiddelde_huishoudsgrootte",
    } <= indicators
    # 223 properties, minus codes, names, water, postcode, indelingswijziging, jrstatcode, jaar
    assert len(indicators) == 223 - 10
    assert set(baarn.kerncijfers["jaar"]) == {2024}
    assert baarn.kerncijfers.equals(
        baarn.kerncijfers.sort_values(["gebiedscode", "indicator"], ignore_index=True)
    )
    assert baarn.kerncijfers.dtypes["waarde"] == np.float64
    assert values(baarn, "gemiddelde_huishoudsgrootte")["BU03080000"] == 1.7


@shared
def test_baarn_geometry_valid_wgs84_and_nested(baarn: CbsData):
    for frame in (baarn.buurten, baarn.wijken, baarn.gemeenten):
        assert frame.crs.to_epsg() == 4326
        assert shapely.is_valid(frame.geometry.values).all()
        assert set(frame.geometry.geom_type) <= {"Polygon", "MultiPolygon"}
        minx, miny, maxx, maxy = frame.total_bounds
        assert 3 < minx < maxx < 8 and 50 < miny < maxy < 54
    assert list(baarn.wijken.itertuples(index=False, name=None))[0][:3] == (
        "WK030800",
        "Wijk 00",
        "GM0308",
    )
    assert list(baarn.wijken["wijkcode"]) == [
        "WK030800",
        "WK030801",
        "WK030802",
        "WK030804",
        "WK030805",
    ]
    assert list(baarn.gemeenten[["gemeentecode", "naam"]].itertuples(index=False, name=None)) == [
        ("GM0308", "Baarn")
    ]
    wijk = baarn.wijken.set_index("wijkcode").geometry
    for code, geometry in zip(baarn.buurten["buurtcode"], baarn.buurten.geometry, strict=True):
        assert wijk["WK" + code[2:8]].covers(geometry), code
    assert baarn.gemeenten.geometry.iloc[0].covers(shapely.union_all(baarn.wijken.geometry.values))


@shared
def test_baarn_simplified_without_gaps(baarn: CbsData, cbs_dir: Path):
    original = gpd.read_file(cbs_dir / "baarn_buurten_2024.geojson")
    before = shapely.get_num_coordinates(original.geometry.values).sum()
    after = shapely.get_num_coordinates(baarn.buurten.geometry.values).sum()
    assert after < before / 2  # 3,084 vertices become about 900
    assert shapely.coverage_is_valid(baarn.buurten.geometry.values)
    assert shapely.coverage_is_valid(baarn.wijken.geometry.values)
    # the simplified buurten still cover the same ground (within 1%)
    area = original.to_crs(28992).area.sum()
    assert baarn.buurten.to_crs(28992).area.sum() == pytest.approx(area, rel=0.01)


@shared
def test_gemeente_filter_on_a_one_gemeente_file(cbs_dir: Path):
    kept = read_cbs_file(cbs_dir / "baarn_buurten_2024.geojson", gemeenten=["GM0308"])
    assert len(kept.buurten) == 21
    with pytest.raises(CbsImportError) as info:
        read_cbs_file(cbs_dir / "baarn_buurten_2024.geojson", gemeenten=["GM1234"])
    assert str(info.value) == "Gemeente GM1234 komt niet voor in baarn_buurten_2024.geojson."


@shared
def test_arnhem_wijken_reduced_schema(cbs_dir: Path):
    path = cbs_dir / "cbs_wijken_2024_arnhem.geojson"
    data = read_cbs_file(path)
    raw = raw_properties(path)
    assert data.jaar == 2024  # from the file name: the reduced schema has no jaar column
    assert len(data.wijken) == 24
    assert data.buurten.empty and list(data.buurten.columns) == [
        "buurtcode",
        "naam",
        "wijkcode",
        "geometry",
    ]
    inwoners = values(data, "aantal_inwoners")
    assert sum(inwoners[w] for w in data.wijken["wijkcode"]) == 167_630
    assert inwoners["GM0202"] == 167_630
    assert values(data, "percentage_personen_0_tot_15_jaar") == {
        p["wijkcode"]: float(p["0_15"]) for p in raw
    }
    assert values(data, "percentage_personen_65_jaar_en_ouder")["WK020224"] == 6.0
    assert values(data, "aantal_huishoudens")["WK020201"] == 5480.0
    assert set(data.kerncijfers["indicator"]) == {
        "aantal_inwoners",
        "mannen",
        "vrouwen",
        "aantal_huishoudens",
        "gemiddelde_huishoudsgrootte",
        "bevolkingsdichtheid_inwoners_per_km2",
        "personenautos_totaal",
        "percentage_personen_0_tot_15_jaar",
        "percentage_personen_15_tot_25_jaar",
        "percentage_personen_25_tot_45_jaar",
        "percentage_personen_45_tot_65_jaar",
        "percentage_personen_65_jaar_en_ouder",
    }
    assert "Indicator gemiddeld_inkomen_per_inwoner ontbreekt in het bestand." in data.meldingen
    # this subset's wijken were simplified one by one, so their edges do not match: not simplified
    assert any("niet vereenvoudigd" in m for m in data.meldingen)
    assert shapely.is_valid(data.wijken.geometry.values).all()


@shared
def test_arnhem_every_wijk_is_inhabited_so_nothing_is_nan(cbs_dir: Path):
    # SOURCES.md says keys are absent for uninhabited wijken; this subset has none: all 24
    # wijken carry all 16 keys. The absent-key case is tested on a copy below.
    raw = raw_properties(cbs_dir / "cbs_wijken_2024_arnhem.geojson")
    assert all(len(p) == 16 and p["aantal_inwoners"] > 0 for p in raw)
    data = read_cbs_file(cbs_dir / "cbs_wijken_2024_arnhem.geojson")
    assert not data.kerncijfers["waarde"].isna().any()


@shared
def test_arnhem_absent_keys_become_nan(cbs_dir: Path, tmp_path: Path):
    with (cbs_dir / "cbs_wijken_2024_arnhem.geojson").open(encoding="utf-8") as fh:
        collection = json.load(fh)
    # make WK020213 Schaarsbergen uninhabited the way the national file does: keys left out
    for feature in collection["features"]:
        if feature["properties"]["wijkcode"] == "WK020213":
            for key in ("aantal_inwoners", "mannen", "vrouwen", "0_15", "65plus", "huishoudens"):
                del feature["properties"][key]
    path = tmp_path / "cbs_wijken_2024_arnhem_onbewoond.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    data = read_cbs_file(path)
    assert math.isnan(values(data, "aantal_inwoners")["WK020213"])
    assert math.isnan(values(data, "percentage_personen_0_tot_15_jaar")["WK020213"])
    assert values(data, "bevolkingsdichtheid_inwoners_per_km2")["WK020213"] == 46.0
    # not all parts known: the dissolved gemeente gets no invented inwoners
    assert "GM0202" not in values(data, "aantal_inwoners")


@shared
def test_utrecht_wijken(cbs_dir: Path):
    data = read_cbs_file(cbs_dir / "cbs_wijken_2024_utrecht.geojson")
    assert list(data.wijken["wijkcode"]) == [f"WK0344{i:02d}" for i in range(1, 11)]
    assert data.wijken["naam"].iloc[0] == "Wijk 01 West"
    assert data.wijken["naam"].iloc[-1] == "Wijk 10 Vleuten-De Meern"
    assert set(data.wijken["gemeentecode"]) == {"GM0344"}
    assert list(data.gemeenten[["gemeentecode", "naam"]].itertuples(index=False, name=None)) == [
        ("GM0344", "Utrecht")
    ]
    inwoners = values(data, "aantal_inwoners")
    assert sum(inwoners[w] for w in data.wijken["wijkcode"]) == 374_215
    # the gemeente, dissolved from wijken that do not share edges, has its sliver gaps filled
    assert shapely.get_num_interior_rings(data.gemeenten.geometry.values).sum() == 0


# ---------------------------------------------------------------------------------------------
# small hand-made files: four buurten in RD New with two wijken

# The two inner borders wiggle by 1 m every 25 m: detail that coverage_simplify (10 m) removes.
X0, Y0, SIZE = 155_000.0, 463_000.0, 1_000.0


def _wiggly(start: tuple[float, float], end: tuple[float, float]) -> shapely.LineString:
    (x1, y1), (x2, y2) = start, end
    n = 40
    t = np.linspace(0.0, 1.0, n + 1)
    offset = np.where(np.arange(n + 1) % 2 == 1, 1.0, 0.0)
    xs, ys = x1 + (x2 - x1) * t, y1 + (y2 - y1) * t
    if x1 == x2:
        xs = xs + offset
    else:
        ys = ys + offset
    return shapely.LineString(np.column_stack([xs, ys]))


def four_buurten() -> gpd.GeoDataFrame:
    """BU00010101/02 in WK000101 (west), BU00010201/02 in WK000102 (east) of GM0001, in RD New."""
    mid_x, mid_y = X0 + SIZE / 2, Y0 + SIZE / 2
    lines = shapely.union_all(
        [
            shapely.box(X0, Y0, X0 + SIZE, Y0 + SIZE).exterior,
            _wiggly((mid_x, Y0), (mid_x, Y0 + SIZE)),
            _wiggly((X0, mid_y), (X0 + SIZE, mid_y)),
        ]
    )
    pieces = shapely.get_parts(shapely.polygonize(shapely.get_parts(lines)))
    centre = shapely.get_coordinates(shapely.centroid(pieces))

    def piece(east: bool, north: bool) -> shapely.Polygon:
        hit = ((centre[:, 0] > mid_x) == east) & ((centre[:, 1] > mid_y) == north)
        return pieces[np.flatnonzero(hit)[0]]

    return gpd.GeoDataFrame(
        {
            "buurtcode": ["BU00010101", "BU00010102", "BU00010201", "BU00010202"],
            "buurtnaam": ["Oude Kern", "Molenbuurt", "Parkzoom", "Bedrijventerrein"],
            "wijkcode": ["WK000101", "WK000101", "WK000102", "WK000102"],
            "gemeentecode": ["GM0001"] * 4,
            "gemeentenaam": ["Proefgemeente"] * 4,
            "aantal_inwoners": [1200, 800, 1500, 0],
            "percentage_huishoudens_met_laag_inkomen": [12.0, 8.0, 10.0, -99995.0],
            "percentage_personen_65_jaar_en_ouder": [20.0, 15.0, 18.0, -99997.0],
        },
        geometry=[piece(False, False), piece(False, True), piece(True, False), piece(True, True)],
        crs=28992,
    )


EXPECTED_BUURTEN = [
    ("BU00010101", "Oude Kern", "WK000101"),
    ("BU00010102", "Molenbuurt", "WK000101"),
    ("BU00010201", "Parkzoom", "WK000102"),
    ("BU00010202", "Bedrijventerrein", "WK000102"),
]


def write_gpkg(folder: Path) -> Path:
    buurten = four_buurten()
    buurten["jaar"] = 2024
    wijken = buurten.dissolve("wijkcode", method="coverage", as_index=False)
    wijken = wijken[["wijkcode", "gemeentecode", "geometry"]].assign(
        wijknaam=["West", "Oost"], aantal_inwoners=[2000, 1500], jaar=2024
    )
    gemeenten = gpd.GeoDataFrame(
        {
            "gemeentecode": ["GM0001"],
            "gemeentenaam": ["Proefgemeente"],
            "aantal_inwoners": [3500],
            "jaar": [2024],
        },
        geometry=[shapely.coverage_union_all(wijken.geometry.values)],
        crs=28992,
    )
    path = folder / "wijkenbuurten_2024.gpkg"
    for layer, frame in (("gemeenten", gemeenten), ("wijken", wijken), ("buurten", buurten)):
        frame.to_file(path, layer=layer, driver="GPKG")
    return path


def write_geojson(folder: Path) -> Path:
    path = folder / "buurten_2024.geojson"
    four_buurten().to_file(path, driver="GeoJSON")
    return path


def write_shapefile(folder: Path, prj: bool = True) -> Path:
    """The old CBS layout: upper-case names, no jaar column but a JRSTATCODE, no year in the name."""
    b = four_buurten()
    old = gpd.GeoDataFrame(
        {
            "BU_CODE": b["buurtcode"],
            "JRSTATCODE": "2024" + b["buurtcode"],
            "BU_NAAM": b["buurtnaam"],
            "WK_CODE": b["wijkcode"],
            "GM_CODE": b["gemeentecode"],
            "GM_NAAM": b["gemeentenaam"],
            "AANT_INW": b["aantal_inwoners"],
            "P_LINK_HH": b["percentage_huishoudens_met_laag_inkomen"],
            "P_65_EO_JR": b["percentage_personen_65_jaar_en_ouder"],
        },
        geometry=b.geometry,
        crs=28992,
    )
    path = folder / "buurt.shp"
    old.to_file(path, driver="ESRI Shapefile")
    if not prj:
        path.with_suffix(".prj").unlink()
    return path


# -99995 and -99997 became NaN; an inhabited-by-nobody 0 stays 0
EXPECTED_BUURT_KERNCIJFERS = pd.DataFrame(
    {
        "gebiedscode": pd.Series(np.repeat([c for c, _, _ in EXPECTED_BUURTEN], 3), dtype="str"),
        "jaar": np.full(12, 2024, dtype="int64"),
        "indicator": pd.Series(
            [
                "aantal_inwoners",
                "percentage_huishoudens_met_laag_inkomen",
                "percentage_personen_65_jaar_en_ouder",
            ]
            * 4,
            dtype="str",
        ),
        "waarde": [1200.0, 12.0, 20.0, 800.0, 8.0, 15.0, 1500.0, 10.0, 18.0, 0.0, np.nan, np.nan],
    }
)


def write_zipped_shapefile(folder: Path) -> Path:
    """The old layout as CBS ships it: the Shapefile's parts in one zip, the year in the name."""
    shp = write_shapefile(folder)
    path = folder / "wijkbuurtkaart_2024.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for part in folder.glob(shp.stem + ".*"):
            archive.write(part, part.name)
    return path


WRITERS = {
    "gpkg": write_gpkg,
    "geojson": write_geojson,
    "shapefile": write_shapefile,
    "shapefile_zip": write_zipped_shapefile,
}


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_small_fixture_reads_the_same_in_every_format(fmt: str, tmp_path: Path):
    data = read_cbs_file(WRITERS[fmt](tmp_path))
    assert data.jaar == 2024
    assert (
        list(data.buurten[["buurtcode", "naam", "wijkcode"]].itertuples(index=False, name=None))
        == EXPECTED_BUURTEN
    )
    assert list(data.wijken["wijkcode"]) == ["WK000101", "WK000102"]
    assert set(data.wijken["gemeentecode"]) == {"GM0001"}
    assert list(data.gemeenten[["gemeentecode", "naam"]].itertuples(index=False, name=None)) == [
        ("GM0001", "Proefgemeente")
    ]
    buurt_rows = data.kerncijfers[data.kerncijfers["gebiedscode"].str.startswith("BU")]
    pd.testing.assert_frame_equal(buurt_rows.reset_index(drop=True), EXPECTED_BUURT_KERNCIJFERS)
    assert values(data, "aantal_inwoners")["WK000101"] == 2000.0
    assert values(data, "aantal_inwoners")["GM0001"] == 3500.0
    assert set(data.kerncijfers["jaar"]) == {2024}


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_small_fixture_in_wgs84_without_gaps(fmt: str, tmp_path: Path):
    data = read_cbs_file(WRITERS[fmt](tmp_path))
    to_wgs84 = pyproj.Transformer.from_crs(28992, 4326, always_xy=True)
    for frame in (data.buurten, data.wijken, data.gemeenten):
        assert frame.crs.to_epsg() == 4326
        assert shapely.is_valid(frame.geometry.values).all()
        assert shapely.coverage_is_valid(frame.geometry.values)
    # the outer corner of the first buurt and the point where all four meet, against pyproj
    for rd_point, code in (
        ((X0, Y0), "BU00010101"),
        ((X0 + SIZE / 2, Y0 + SIZE / 2), "BU00010202"),
    ):
        lon, lat = to_wgs84.transform(*rd_point)
        geometry = data.buurten.set_index("buurtcode").geometry[code]
        nearest = np.hypot(*(shapely.get_coordinates(geometry) - [lon, lat]).T).min()
        assert nearest <= 1e-6  # rounded to the 1e-6 degree grid (about 0.1 m)
    # the 1 m wiggles are gone, the corners stay
    raw_vertices = shapely.get_num_coordinates(four_buurten().geometry.values).sum()
    assert shapely.get_num_coordinates(data.buurten.geometry.values).sum() < raw_vertices / 3
    assert data.buurten.to_crs(28992).area.sum() == pytest.approx(SIZE * SIZE, rel=1e-4)


def test_derived_levels_from_buurten_only(tmp_path: Path):
    data = read_cbs_file(write_geojson(tmp_path))
    # no wijknaam column: the name comes from the code
    assert list(data.wijken.drop(columns="geometry").itertuples(index=False, name=None)) == [
        ("WK000101", "Wijk 01", "GM0001"),
        ("WK000102", "Wijk 02", "GM0001"),
    ]
    inwoners = values(data, "aantal_inwoners")
    assert (inwoners["WK000101"], inwoners["WK000102"], inwoners["GM0001"]) == (
        2000.0,
        1500.0,
        3500.0,
    )
    # only aantal_inwoners is summed; percentages are not invented for dissolved levels
    derived = data.kerncijfers[~data.kerncijfers["gebiedscode"].str.startswith("BU")]
    assert set(derived["indicator"]) == {"aantal_inwoners"}
    assert "2 wijken afgeleid door de buurten per wijkcode samen te voegen." in data.meldingen
    wijk = data.wijken.set_index("wijkcode").geometry
    assert wijk["WK000101"].covers(data.buurten.geometry.iloc[0])


def test_gpkg_levels_come_from_their_layers(tmp_path: Path):
    data = read_cbs_file(write_gpkg(tmp_path))
    assert list(data.wijken["naam"]) == ["West", "Oost"]
    assert not any("afgeleid" in m for m in data.meldingen)


def test_gpkg_without_gemeenten_layer_and_unnamed_wijken(tmp_path: Path):
    buurten = four_buurten()
    wijken = buurten.dissolve("wijkcode", method="coverage", as_index=False)
    path = tmp_path / "wijken_en_buurten_2024.gpkg"
    wijken[["wijkcode", "gemeentecode", "geometry"]].to_file(path, layer="wijken", driver="GPKG")
    buurten.to_file(path, layer="buurten", driver="GPKG")
    data = read_cbs_file(path)
    assert list(data.wijken["naam"]) == ["Wijk 01", "Wijk 02"]
    # the wijken layer has no gemeentenaam; the buurten layer does
    assert list(data.gemeenten[["gemeentecode", "naam"]].itertuples(index=False, name=None)) == [
        ("GM0001", "Proefgemeente")
    ]
    assert "1 gemeente afgeleid door de wijken per gemeentecode samen te voegen." in data.meldingen


def test_buurt_whose_wijk_is_missing_from_the_wijken_layer(tmp_path: Path):
    buurten = four_buurten()
    wijken = buurten.dissolve("wijkcode", method="coverage", as_index=False)
    path = tmp_path / "wees_2024.gpkg"
    wijken.iloc[:1][["wijkcode", "gemeentecode", "geometry"]].to_file(path, layer="wijken")
    buurten.to_file(path, layer="buurten", driver="GPKG")
    with pytest.raises(CbsImportError) as info:
        read_cbs_file(path)
    assert str(info.value) == (
        "wees_2024.gpkg: 2 buurten verwijzen naar een wijk die niet in het bestand staat: "
        "BU00010201, BU00010202."
    )


def test_shapefile_without_prj_is_taken_as_rd_new(tmp_path: Path):
    data = read_cbs_file(write_shapefile(tmp_path, prj=False))
    assert (
        "Geen coördinatenstelsel in het bestand; de getallen zijn RD New (meters) en zijn zo gelezen."
        in data.meldingen
    )
    minx, miny, _, _ = data.buurten.total_bounds
    assert minx == pytest.approx(5.38, abs=0.01) and miny == pytest.approx(52.15, abs=0.01)


def test_gemeente_filter_keeps_only_the_requested(tmp_path: Path):
    one = four_buurten()
    other = one.copy()
    other["buurtcode"] = other["buurtcode"].str.replace("BU0001", "BU0002")
    other["wijkcode"] = other["wijkcode"].str.replace("WK0001", "WK0002")
    other["gemeentecode"] = "GM0002"
    other["gemeentenaam"] = "Buurgemeente"
    other = other.set_geometry(other.translate(xoff=SIZE))
    path = tmp_path / "twee_gemeenten_2024.geojson"
    pd.concat([one, other], ignore_index=True).to_file(path, driver="GeoJSON")
    both = read_cbs_file(path)
    assert list(both.gemeenten["gemeentecode"]) == ["GM0001", "GM0002"]
    data = read_cbs_file(path, gemeenten=["GM0002"])
    assert list(data.gemeenten["gemeentecode"]) == ["GM0002"]
    assert list(data.buurten["buurtcode"]) == [
        "BU00020101",
        "BU00020102",
        "BU00020201",
        "BU00020202",
    ]
    assert set(data.kerncijfers["gebiedscode"].str.slice(2, 6)) == {"0002"}
    with pytest.raises(
        CbsImportError,
        match=r"^Gemeenten GM0003, GM0004 komen niet voor in twee_gemeenten_2024\.geojson\.$",
    ):
        read_cbs_file(path, gemeenten=["GM0002", "GM0003", "GM0004"])


def test_invalid_geometry_is_repaired(tmp_path: Path):
    b = four_buurten().iloc[:1].copy()
    bowtie = shapely.Polygon([(X0, Y0), (X0 + 500, Y0 + 500), (X0 + 500, Y0), (X0, Y0 + 500)])
    b = b.set_geometry([bowtie], crs=28992)
    path = tmp_path / "strik_2024.geojson"
    b.to_file(path, driver="GeoJSON")
    data = read_cbs_file(path)
    geometry = data.buurten.geometry.iloc[0]
    assert geometry.is_valid and geometry.geom_type == "MultiPolygon"
    assert data.buurten.to_crs(28992).area.iloc[0] == pytest.approx(2 * 500 * 250 / 2, rel=1e-3)


def test_water_part_of_an_area_is_dropped(tmp_path: Path):
    b = four_buurten()
    b["water"] = "NEE"
    water = b.iloc[[0]].copy()
    water["water"] = "JA"
    water = water.set_geometry(water.translate(yoff=-SIZE))
    path = tmp_path / "buurten_met_water_2024.geojson"
    pd.concat([b, water], ignore_index=True).to_file(path, driver="GeoJSON")
    data = read_cbs_file(path)
    assert list(data.buurten["buurtcode"]) == [code for code, _, _ in EXPECTED_BUURTEN]
    assert (
        "Van 1 buurt is het watervlak weggelaten; het landvlak met dezelfde code blijft."
        in data.meldingen
    )


def test_missing_names_fall_back_to_the_code(tmp_path: Path):
    b = four_buurten()
    b.loc[[1, 2], "buurtnaam"] = None
    path = tmp_path / "buurten_2024.geojson"
    b.to_file(path, driver="GeoJSON")
    data = read_cbs_file(path)
    assert list(data.buurten["naam"]) == [
        "Oude Kern",
        "BU00010102",
        "BU00010201",
        "Bedrijventerrein",
    ]
    assert (
        "2 buurten zonder naam in buurten_2024.geojson; de naam is afgeleid van de code."
        in data.meldingen
    )


def test_year_from_argument_and_conflicts(tmp_path: Path):
    b = four_buurten()
    path = tmp_path / "buurten.geojson"
    b.to_file(path, driver="GeoJSON")
    with pytest.raises(CbsImportError, match=r"^buurten\.geojson: geen jaar gevonden .*--jaar\.$"):
        read_cbs_file(path)
    assert read_cbs_file(path, jaar=2023).jaar == 2023
    dated = tmp_path / "buurten_2023.geojson"
    b.assign(jaar=2024).to_file(dated, driver="GeoJSON")
    data = read_cbs_file(dated)  # the jaar column beats the file name, with a melding
    assert data.jaar == 2024
    assert (
        "De bestandsnaam noemt 2023, de cijfers zelf zijn van 2024; 2024 gebruikt."
        in data.meldingen
    )
    with pytest.raises(
        CbsImportError, match="de cijfers in het bestand zijn van 2024, maar jaar 2022 is opgegeven"
    ):
        read_cbs_file(dated, jaar=2022)


# ---------------------------------------------------------------------------------------------
# broken inputs: a Dutch message naming the file, never a raw traceback


def _empty(folder: Path) -> Path:
    path = folder / "leeg_2024.geojson"
    path.write_bytes(b"")
    return path


def _binary(folder: Path) -> Path:
    path = folder / "kapot_2024.gpkg"
    path.write_bytes(np.random.default_rng(7).bytes(4096))
    return path


def _truncated(folder: Path) -> Path:
    path = folder / "afgebroken_2024.geojson"
    text = write_geojson(folder).read_text(encoding="utf-8")
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    return path


def _csv(folder: Path) -> Path:
    path = folder / "kerncijfers_2024.csv"
    path.write_text("buurtcode,aantal_inwoners\nBU00010101,1200\n", encoding="utf-8")
    return path


def _csv_named_geojson(folder: Path) -> Path:
    path = folder / "tabel_2024.geojson"
    path.write_text("buurtcode,aantal_inwoners\nBU00010101,1200\n", encoding="utf-8")
    return path


def _wrong_wijk(folder: Path) -> Path:
    b = four_buurten()
    b.loc[2, "wijkcode"] = "WK000101"  # BU00010201 belongs to WK000102
    path = folder / "verkeerde_wijk_2024.geojson"
    b.to_file(path, driver="GeoJSON")
    return path


def _duplicate(folder: Path) -> Path:
    b = four_buurten()
    b.loc[3, "buurtcode"] = "BU00010201"
    path = folder / "dubbel_2024.geojson"
    b.to_file(path, driver="GeoJSON")
    return path


def _bad_pattern(folder: Path) -> Path:
    b = four_buurten()
    b.loc[0, "buurtcode"] = "BU0001010"
    path = folder / "kort_2024.geojson"
    b.to_file(path, driver="GeoJSON")
    return path


def _no_codes(folder: Path) -> Path:
    b = four_buurten()[["buurtnaam", "geometry"]]
    path = folder / "zonder_codes_2024.geojson"
    b.to_file(path, driver="GeoJSON")
    return path


def _points(folder: Path) -> Path:
    b = four_buurten()
    b = b.set_geometry(b.centroid)
    path = folder / "punten_2024.geojson"
    b.to_file(path, driver="GeoJSON")
    return path


def _no_features(folder: Path) -> Path:
    path = folder / "geen_objecten_2024.geojson"
    path.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    return path


def _no_geometry(folder: Path) -> Path:
    feature = {"type": "Feature", "properties": {"buurtcode": "BU00010101"}, "geometry": None}
    path = folder / "zonder_vlakken_2024.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), "utf-8")
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_empty, "leeg_2024.geojson: het bestand is leeg."),
        (_no_features, "geen_objecten_2024.geojson: het bestand bevat geen gebieden (0 objecten)."),
        (_no_geometry, "zonder_vlakken_2024.geojson: het bestand bevat geen geometrie"),
        (
            _binary,
            "kapot_2024.gpkg: het bestand kan niet gelezen worden als GeoPackage, GeoJSON of Shapefile",
        ),
        (
            _truncated,
            "afgebroken_2024.geojson: het bestand kan niet gelezen worden als GeoPackage, GeoJSON of Shapefile",
        ),
        (_csv, "kerncijfers_2024.csv: bestandstype '.csv' wordt niet ondersteund"),
        (_csv_named_geojson, "tabel_2024.geojson: het bestand kan niet gelezen worden"),
        (
            _wrong_wijk,
            "verkeerde_wijk_2024.geojson: 1 buurtcode past niet bij de wijkcode: BU00010201 (WK000101).",
        ),
        (_duplicate, "dubbel_2024.geojson: dubbele buurtcodes: BU00010201."),
        (
            _bad_pattern,
            "kort_2024.geojson: 1 ongeldige buurtcode (verwacht zoals BU03440101 of BU0363AA01): BU0001010.",
        ),
        (
            _no_codes,
            "zonder_codes_2024.geojson: geen kolom buurtcode, wijkcode of gemeentecode gevonden",
        ),
        (
            _points,
            "punten_2024.geojson: 4 buurten zijn geen vlak (punt of lijn); een gebied moet een (multi)polygoon zijn.",
        ),
    ],
)
def test_broken_inputs_raise_a_dutch_message(make, message: str, tmp_path: Path):
    path = make(tmp_path)
    with pytest.raises(CbsImportError) as info:
        read_cbs_file(path)
    assert str(info.value).startswith(message)


def test_missing_file(tmp_path: Path):
    with pytest.raises(CbsImportError, match=r"^nergens_2024\.gpkg: het bestand bestaat niet\.$"):
        read_cbs_file(tmp_path / "nergens_2024.gpkg")


def test_invalid_gemeente_argument(tmp_path: Path):
    with pytest.raises(CbsImportError, match="Ongeldige gemeentecode GM12"):
        read_cbs_file(write_geojson(tmp_path), gemeenten=["GM12"])


def test_more_than_five_offending_codes_are_summarised(tmp_path: Path):
    b = pd.concat([four_buurten()] * 2, ignore_index=True)
    b["buurtcode"] = [f"BU000109{i:02d}" for i in range(8)]  # wijk 09 of GM0001, not 01 or 02
    path = tmp_path / "veel_fouten_2024.geojson"
    b.to_file(path, driver="GeoJSON")
    with pytest.raises(CbsImportError) as info:
        read_cbs_file(path)
    assert str(info.value) == (
        "veel_fouten_2024.geojson: 8 buurtcodes passen niet bij de wijkcode: "
        "BU00010900 (WK000101), BU00010901 (WK000101), BU00010902 (WK000102), "
        "BU00010903 (WK000102), BU00010904 (WK000101) en nog 3."
    )


# ---------------------------------------------------------------------------------------------
# geometry in the wrong place: after conversion to WGS84 every area lies in the Netherlands

RD_CRS_MEMBER = "urn:ogc:def:crs:EPSG::28992"
SWAPPED = "Coördinaten stonden als breedte, lengte; omgedraaid."
RD_WITHOUT_CRS = (
    "Geen coördinatenstelsel in het bestand; de getallen zijn RD New (meters) en zijn zo gelezen."
)
NL_BOX = "lengte 3,0 tot 7,5 en breedte 50,6 tot 53,8 graden"


def write_hand_made(
    path: Path, frame: gpd.GeoDataFrame, crs: str | None = None, swap: bool = False
) -> Path:
    """`frame` as GeoJSON written with the json module: its numbers as they are (x and y swapped
    when asked) and a crs member only when one is given, as other tools write it."""
    features = []
    for properties, shape in zip(
        frame.drop(columns="geometry").to_dict("records"), frame.geometry, strict=True
    ):
        if swap:
            shape = shapely.transform(shape, lambda xy: xy[:, ::-1])
        features.append(
            {"type": "Feature", "properties": properties, "geometry": shape.__geo_interface__}
        )
    document: dict = {"type": "FeatureCollection"}
    if crs is not None:
        document["crs"] = {"type": "name", "properties": {"name": crs}}
    document["features"] = features  # after the crs member, where writers put it
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def assert_same_areas(data: CbsData, expected: CbsData) -> None:
    for level in ("gemeenten", "wijken", "buurten"):
        got, want = getattr(data, level), getattr(expected, level)
        pd.testing.assert_frame_equal(got.drop(columns="geometry"), want.drop(columns="geometry"))
        assert got.geometry.geom_equals_exact(want.geometry, tolerance=0).all(), level
    pd.testing.assert_frame_equal(data.kerncijfers, expected.kerncijfers)


def assert_in_the_netherlands(data: CbsData) -> None:
    for frame in (data.gemeenten, data.wijken, data.buurten):
        if frame.empty:  # a wijken file has no buurten
            continue
        minx, miny, maxx, maxy = frame.total_bounds
        assert NL_LON[0] <= minx <= maxx <= NL_LON[1] and NL_LAT[0] <= miny <= maxy <= NL_LAT[1]


def test_rd_new_geojson_without_crs_reads_as_the_same_file_with_crs(tmp_path: Path):
    # GDAL labels a GeoJSON without crs member WGS84; the metres used to be converted as degrees
    # into infinity, and GEOS stopped with "Shell empty after removing invalid points"
    with_crs = read_cbs_file(
        write_hand_made(tmp_path / "met_crs_2024.geojson", four_buurten(), crs=RD_CRS_MEMBER)
    )
    data = read_cbs_file(write_hand_made(tmp_path / "zonder_crs_2024.geojson", four_buurten()))
    assert data.meldingen == [RD_WITHOUT_CRS, *with_crs.meldingen]
    assert not any("coördinat" in m.lower() for m in with_crs.meldingen)
    assert_same_areas(data, with_crs)
    minx, miny, _, _ = data.buurten.total_bounds  # Amersfoort, as test_small_fixture_in_wgs84
    assert minx == pytest.approx(5.38, abs=0.01) and miny == pytest.approx(52.15, abs=0.01)


@pytest.mark.parametrize(
    "crs",
    # EPSG:4326 itself puts breedte first: a file naming it is the likeliest to be swapped
    [None, "urn:ogc:def:crs:EPSG::4326"],
)
def test_swapped_axes_are_turned_round_with_a_note(crs: str | None, tmp_path: Path):
    wgs84 = four_buurten().to_crs(4326)
    right = read_cbs_file(write_hand_made(tmp_path / "goed_2024.geojson", wgs84))
    path = write_hand_made(tmp_path / "omgedraaid_2024.geojson", wgs84, crs=crs, swap=True)
    data = read_cbs_file(path)
    assert data.meldingen == [SWAPPED, *right.meldingen]
    assert_same_areas(data, right)
    assert_in_the_netherlands(data)


def _without_prj(path: Path, shapes: np.ndarray) -> Path:
    """The Shapefile at `path` with other shapes and without a .prj."""
    frame = gpd.read_file(path)
    frame.set_geometry(gpd.GeoSeries(shapes), crs=None).to_file(path)
    path.with_suffix(".prj").unlink(missing_ok=True)
    return path


def test_shapefile_without_prj_in_swapped_degrees(tmp_path: Path):
    wgs84 = np.asarray(four_buurten().to_crs(4326).geometry.values)
    path = _without_prj(write_shapefile(tmp_path), shapely.transform(wgs84, lambda xy: xy[:, ::-1]))
    data = read_cbs_file(path)
    assert data.meldingen[:2] == [
        "Geen coördinatenstelsel in het bestand; de getallen zijn WGS84 (graden) en zijn zo gelezen.",
        SWAPPED,
    ]
    assert_in_the_netherlands(data)


def _shifted_10_degrees_east(folder: Path) -> Path:
    shifted = four_buurten().to_crs(4326).translate(xoff=10.0)  # Poland
    frame = four_buurten().to_crs(4326).set_geometry(shifted)
    return write_hand_made(folder / "verschoven_2024.geojson", frame)


def _rd_500_km_north(folder: Path) -> Path:
    b = four_buurten()
    path = folder / "noordzee_2024.gpkg"
    # RD New stated and right, the numbers 500 km too far north: the North Sea off Denmark
    b.set_geometry(b.translate(yoff=500_000.0)).to_file(path, driver="GPKG")
    return path


def _metres_without_prj_east_of_rd(folder: Path) -> Path:
    # the same shapes 1,000 km east: metres, but not RD New's
    shapes = np.asarray(four_buurten().translate(xoff=1_000_000.0).values)
    return _without_prj(write_shapefile(folder), shapes)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            _shifted_10_degrees_east,
            f"verschoven_2024.geojson: de gebieden liggen niet in Nederland ({NL_BOX}) maar rond "
            "lengte 15,4 en breedte 52,2. Ook als de getallen als RD New (meters), als WGS84 "
            "(graden) of omgedraaid (breedte, lengte) gelezen worden, liggen ze erbuiten; "
            "controleer het coördinatenstelsel en de coördinaten van het bestand.",
        ),
        (
            _rd_500_km_north,
            f"noordzee_2024.gpkg: de gebieden liggen niet in Nederland ({NL_BOX}) maar rond "
            "lengte 5,4 en breedte 56,6. Ook als de getallen als RD New (meters), als WGS84 "
            "(graden) of omgedraaid (breedte, lengte) gelezen worden, liggen ze erbuiten; "
            "controleer het coördinatenstelsel en de coördinaten van het bestand.",
        ),
        (
            _metres_without_prj_east_of_rd,
            f"buurt.shp: de gebieden liggen niet in Nederland ({NL_BOX}), ook niet als de getallen "
            "als RD New (meters), als WGS84 (graden) of omgedraaid (breedte, lengte) gelezen "
            "worden; er staat geen coördinatenstelsel in het bestand: sla het op met "
            "coördinatenstelsel (bijvoorbeeld een .prj bij de Shapefile).",
        ),
    ],
)
def test_areas_outside_the_netherlands_are_refused(make, message: str, tmp_path: Path):
    with pytest.raises(CbsImportError) as info:
        read_cbs_file(make(tmp_path))
    assert str(info.value) == message
    assert str(tmp_path) not in str(info.value)


def test_one_area_outside_the_netherlands_is_named(tmp_path: Path):
    # a mix that no reading of the whole file undoes: refused, naming the area outside
    wgs84 = four_buurten().to_crs(4326)
    wgs84.loc[3, "geometry"] = shapely.transform(wgs84.geometry[3], lambda xy: xy[:, ::-1])
    path = write_hand_made(tmp_path / "half_omgedraaid_2024.geojson", wgs84)
    with pytest.raises(CbsImportError) as info:
        read_cbs_file(path)
    assert str(info.value) == (
        f"half_omgedraaid_2024.geojson: 1 buurt ligt niet in Nederland ({NL_BOX}), de andere "
        "buurten wel: BU00010202; controleer de coördinaten van deze buurt."
    )


def test_a_geometry_library_error_becomes_a_dutch_message(monkeypatch, tmp_path: Path):
    def fails(geoms: np.ndarray) -> np.ndarray:
        raise GEOSException("Shell empty after removing invalid points")

    monkeypatch.setattr(cbs_geometry, "_polygonal", fails)
    with pytest.raises(CbsImportError) as info:
        read_cbs_file(write_geojson(tmp_path))
    assert str(info.value) == (
        "buurten_2024.geojson: de geometrie van de gebieden kan niet verwerkt worden (beschadigde "
        "of onmogelijke vormen of coördinaten). Technisch: Shell empty after removing invalid points"
    )


@shared
@pytest.mark.parametrize(
    "name",
    [
        "baarn_buurten_2024.geojson",
        "cbs_wijken_2024_arnhem.geojson",
        "cbs_wijken_2024_utrecht.geojson",
    ],
)
def test_shared_files_lie_in_the_netherlands_as_they_are(name: str, cbs_dir: Path):
    data = read_cbs_file(cbs_dir / name)
    assert not any("coördinat" in m.lower() for m in data.meldingen)
    assert_in_the_netherlands(data)
