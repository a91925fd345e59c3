"""Map functions, tested on the figure object: trace type, polygons, values, missing data, selection."""

from __future__ import annotations

import duckdb
import geopandas as gpd
import pandas as pd
import pytest
import shapely

from dashboard.display import maps
from dashboard.warehouse import area_shapes
from tests.helpers import insert


def squares(n: int) -> gpd.GeoDataFrame:
    """n unit squares side by side near Utrecht, codes WK000101.., names Wijk 1.."""
    return gpd.GeoDataFrame(
        {
            "gebiedscode": [f"WK00010{i + 1}" for i in range(n)],
            "naam": [f"Wijk {i + 1}" for i in range(n)],
        },
        geometry=[shapely.box(5.0 + 0.01 * i, 52.0, 5.01 + 0.01 * i, 52.01) for i in range(n)],
        crs=4326,
    )


def choropleths(fig) -> list:
    """The figure's area traces (the names written on the map are a trace of their own)."""
    return [t for t in fig.data if t.type == "choropleth"]


def test_one_polygon_per_area_with_values_and_hover():
    values = pd.DataFrame(
        {"gebiedscode": ["WK000101", "WK000102", "WK000103"], "v": [1234.5, 10.0, 0.0]}
    )
    fig = maps.choropleth(
        squares(3), values, "v", title="Bereik", unit="per 1.000 inwoners", decimals=1
    )
    assert len(choropleths(fig)) == 1
    trace = fig.data[0]
    assert trace.type == "choropleth"
    assert list(trace.locations) == ["WK000101", "WK000102", "WK000103"]
    assert list(trace.z) == [1234.5, 10.0, 0.0]
    assert len(trace.geojson["features"]) == 3
    # hover shows name and Dutch-formatted value with unit
    assert trace.text[0] == "<b>Wijk 1</b><br>1.234,5 per 1.000 inwoners"
    assert trace.colorbar.title.text == "per 1.000 inwoners"  # the legend carries the unit
    assert fig.layout.geo.fitbounds == "locations"
    assert fig.layout.geo.visible is False
    assert "CBS/Kadaster" in fig.layout.annotations[0].text


def test_missing_values_are_grey_geen_gegevens():
    values = pd.DataFrame({"gebiedscode": ["WK000101", "WK000102"], "v": [5.0, None]})
    # WK000103 has no row at all: also "geen gegevens"
    fig = maps.choropleth(squares(3), values, "v", title="Bereik")
    assert len(choropleths(fig)) == 2
    data, missing = choropleths(fig)
    assert list(data.locations) == ["WK000101"]
    assert missing.name == "geen gegevens"
    assert list(missing.locations) == ["WK000102", "WK000103"]
    assert missing.colorscale[0][1] == maps.MISSING_COLOUR
    assert missing.text[0].endswith("geen gegevens")
    # the legend entry is a white square with the areas' dark outline (Plotly draws a
    # choropleth's own entry as its fill alone: white on the white legend, no swatch at all);
    # it shares the areas' legend group, so clicking it still hides and shows them
    assert not missing.showlegend
    [swatch] = [t for t in fig.data if t.type == "scattergeo" and t.showlegend]
    assert swatch.name == "geen gegevens"
    assert swatch.legendgroup == missing.legendgroup
    assert swatch.marker.symbol == "square"
    assert swatch.marker.color == maps.MISSING_COLOUR
    assert swatch.marker.line.color == maps.OUTLINE_COLOUR
    assert list(swatch.lon) == [None]  # no point on the map


def test_small_numbers_of_persons_do_not_colour_the_map():
    values = pd.DataFrame(
        {"gebiedscode": ["WK000101", "WK000102", "WK000103", "WK000104"], "v": [3, 0, 12, 30]}
    )
    fig = maps.choropleth(squares(4), values, "v", title="Deelnemers", persons=True)
    data, suppressed, hidden = choropleths(fig)
    # 3 is below the threshold of 5: not coloured, shown as "<5". Worked by hand: the total
    # beside the map (45) minus 12 and 30 would give the 3 back, so the smallest other count,
    # 12, is hidden with it (3 + 12 = 15 can no longer be split); 0 and 30 are shown
    assert list(data.locations) == ["WK000102", "WK000104"]
    assert list(suppressed.locations) == ["WK000101"]
    assert suppressed.text[0] == "<b>Wijk 1</b><br><5"
    assert list(hidden.locations) == ["WK000103"]
    assert hidden.name == "verborgen (kleine aantallen)"
    assert hidden.text[0] == "<b>Wijk 3</b><br>verborgen (kleine aantallen)"
    assert list(hidden.z) == [0.0]  # no number in the figure either
    assert 3 not in list(data.z) and 12 not in list(data.z)


def test_selected_area_gets_a_thick_outline():
    values = pd.DataFrame({"gebiedscode": ["WK000101", "WK000102"], "v": [1.0, 2.0]})
    fig = maps.choropleth(squares(2), values, "v", title="x", selected="WK000102")
    assert list(fig.data[0].marker.line.width) == [0.8, 4.0]


def test_values_for_unknown_areas_raise():
    values = pd.DataFrame({"gebiedscode": ["WK000109"], "v": [1.0]})
    with pytest.raises(ValueError, match="zonder geometrie: WK000109"):
        maps.choropleth(squares(2), values, "v", title="x")


def test_read_gebieden_from_wkb(empty_db: duckdb.DuckDBPyConnection):
    box = shapely.box(5.0, 52.0, 5.1, 52.1)
    insert(empty_db, "gemeente", [("GM0001", "Testdorp", False, shapely.to_wkb(box))])
    insert(
        empty_db,
        "wijk",
        [
            ("WK000101", "Noord", "GM0001", shapely.to_wkb(box)),
            ("WK000102", "Zonder vorm", "GM0001", None),
        ],
    )
    gdf = area_shapes.read_gebieden(empty_db, "wijk", "GM0001")
    assert list(gdf["gebiedscode"]) == ["WK000101", "WK000102"]
    assert gdf.crs.to_epsg() == 4326
    assert gdf.geometry.iloc[0].equals(box)
    assert gdf.geometry.iloc[1] is None
    collection = maps.geojson(gdf)
    assert collection["features"][0]["id"] == "WK000101"
    # an area without geometry is not drawn, and the map says so
    values = pd.DataFrame({"gebiedscode": ["WK000101", "WK000102"], "v": [1.0, 2.0]})
    fig = maps.choropleth(gdf, values, "v", title="x")
    assert fig.layout.annotations[0].text.startswith("1 gebied(en) zonder kaartvorm")


def test_wkb_frame_without_geometry_column_fails_loudly():
    with pytest.raises(ValueError, match="Geen geometriekolom"):
        area_shapes.wkb_frame(pd.DataFrame({"gebiedscode": ["WK000101"]}))


def test_a_few_outliers_do_not_flatten_the_colours_of_a_big_map():
    # 100 areas: values 1..99 and one of 1000. The 98th percentile (numpy's linear rule):
    # position 0.98 * 99 = 97.02 in the sorted values, so 98 + 0.02 * (99 - 98) = 98.02.
    n = 100
    values = pd.DataFrame({"gebiedscode": squares(n)["gebiedscode"], "v": [*range(1, 100), 1000]})
    fig = maps.choropleth(squares(n), values, "v", title="Bereik", unit="per 1.000 inwoners")
    trace = fig.data[0]
    assert (trace.zmin, trace.zmax) == (1.0, pytest.approx(98.02))
    assert trace.colorbar.title.text == "per 1.000 inwoners (vanaf 98: felste kleur)"
    assert max(trace.z) == 1000  # the hover still tells the real value
    # a small map keeps plotly's own range: the maximum gets the brightest colour
    few = maps.choropleth(squares(3), values.head(3), "v", title="Bereik", unit="x")
    assert (few.data[0].zmin, few.data[0].zmax) == (None, None)


def test_the_national_wijk_map_names_the_gemeente_of_each_wijk(empty_db: duckdb.DuckDBPyConnection):
    insert(
        empty_db, "gemeente", [("GM0001", "Aadorp", False, None), ("GM0002", "Bedum", False, None)]
    )
    insert(empty_db, "wijk", [("WK000101", "Centrum", "GM0001", None), ("WK000201", "Centrum", "GM0002", None)])  # fmt: skip
    national = area_shapes.display_gebieden(empty_db, "wijk", None)
    assert national["naam"].tolist() == ["Centrum (Aadorp)", "Centrum (Bedum)"]
    assert area_shapes.display_gebieden(empty_db, "wijk", "GM0001")["naam"].tolist() == ["Centrum"]


# --- names on the map (issue 14 item 2) ----------------------------------------------

HOSTILE = '<b>vet</b><img src=x onerror=alert(1)> & =HYPERLINK("x")'


def label_traces(fig) -> list:
    return [t for t in fig.data if t.type == "scattergeo"]


def test_a_name_that_fits_stands_in_its_area_and_the_others_get_numbers_and_a_list():
    # one big square beside small ones: at the assumed 270 x 480 px map box the big one has
    # room for its name, the small ones (a fiftieth of its width) only for a number
    big = shapely.box(5.0, 52.0, 5.2, 52.1)
    small = [shapely.box(5.2 + 0.004 * i, 52.0, 5.204 + 0.004 * i, 52.004) for i in range(3)]
    gdf = gpd.GeoDataFrame(
        {
            "gebiedscode": ["WK000101", "WK000102", "WK000103", "WK000104"],
            "naam": ["Centrum", "Zuid", "Achterhoek", HOSTILE],
        },
        geometry=[big, *small],
        crs=4326,
    )
    values = pd.DataFrame({"gebiedscode": list(gdf["gebiedscode"]), "v": [10.0, 20.0, 30, 40]})
    fig = maps.choropleth(gdf, values, "v", title="Bereik")
    texts = [t for trace in label_traces(fig) for t in trace.text]
    assert "Centrum" in texts
    # numbered in the alphabetical order of all names (the hostile one starts with "<"):
    # Centrum, named in its area, keeps its number 3 unused, so that every map of the
    # gemeente gives an area the same number
    assert sorted(t for t in texts if t != "Centrum") == ["1", "2", "4"]
    assert all(trace.hoverinfo == "skip" for trace in label_traces(fig))
    [legend] = [a.text for a in fig.layout.annotations if a.text.startswith("1 ")]
    # the hostile name is text: escaped for plotly, which reads tags in annotations
    assert legend == (
        '1 &lt;b&gt;vet&lt;/b&gt;&lt;img src=x onerror=alert(1)&gt; &amp; =HYPERLINK("x")'
        "<br>2 Achterhoek · 4 Zuid"
    )
    assert "<b>" not in legend and "<img" not in legend
    # the figure grows by the list, so the map itself keeps its size
    assert fig.layout.height > 600


def test_a_long_name_breaks_at_a_space_or_hyphen_when_that_fits():
    labels = maps._lines("Hoogveld-Noord De Kamp")
    assert ["Hoogveld-", "Noord De Kamp"] in labels and ["Hoogveld-Noord", "De Kamp"] in labels
    gdf = gpd.GeoDataFrame(
        {"gebiedscode": ["WK000101"], "naam": ["Bedrijventerrein De Vaart"]},
        geometry=[shapely.box(5.0, 52.0, 5.1, 52.1)],
        crs=4326,
    )
    [label] = maps.area_labels(gdf, box_px=(180, 180))
    # inscribed radius about 56 px: 25 characters (168 px) do not fit, 16 over 8 (108 px) do
    assert (label.text, label.number) == ("Bedrijventerrein\nDe Vaart", None)


def test_hostile_names_on_the_map_are_escaped():
    gdf = squares(2).assign(naam=[HOSTILE, "Wijk 2"])
    fig = maps.choropleth(
        gdf,
        pd.DataFrame({"gebiedscode": list(gdf["gebiedscode"]), "v": [1.0, 2.0]}),
        "v",
        title="x",
    )
    texts = [t for trace in label_traces(fig) for t in trace.text]
    texts += [a.text for a in fig.layout.annotations]
    assert not any("<b>" in t or "<img" in t for t in texts)


def test_a_map_of_many_areas_gets_no_names():
    gdf = squares(maps.MAX_LABELLED_AREAS + 1)
    values = pd.DataFrame({"gebiedscode": list(gdf["gebiedscode"]), "v": 1.0})
    fig = maps.choropleth(gdf, values, "v", title="x")
    assert label_traces(fig) == []
    assert fig.layout.height == 600


def test_labels_are_white_on_the_dark_half_of_the_colour_scale():
    gdf = squares(2).assign(
        geometry=[shapely.box(5.0, 52.0, 5.2, 52.2), shapely.box(5.2, 52.0, 5.4, 52.2)]
    )
    values = pd.DataFrame({"gebiedscode": list(gdf["gebiedscode"]), "v": [1.0, 9.0]})
    fig = maps.choropleth(gdf, values, "v", title="x")
    colours = {trace.text[0]: trace.textfont.color for trace in label_traces(fig)}
    assert colours == {"Wijk 1": "#ffffff", "Wijk 2": "#111111"}


def test_the_mode_bar_speaks_dutch():
    # the buttons Plotly shows on our charts and maps, and its message while saving a PNG
    config = maps.PLOTLY_CONFIG
    dictionary = config["locales"][config["locale"]]["dictionary"]
    shown = ("Download plot as a PNG", "Zoom", "Pan", "Zoom in", "Zoom out", "Autoscale")
    for label in (*shown, "Reset axes", "Reset", "Preparing image - this may take a few seconds"):
        assert dictionary[label] and dictionary[label] != label


def test_an_area_has_the_same_number_on_a_large_and_a_small_map():
    # Alfa is large, Beta and Gamma tiny: on a large map only Alfa's name fits, on a small
    # one (a locator map) none does. Beta is 2 on both, the place of its name in the
    # alphabet of all names (it was 1 on the large map, where Alfa was not numbered)
    alfa = shapely.box(5.0, 52.0, 5.1, 52.1)
    tiny = [shapely.box(5.1 + 0.002 * i, 52.0, 5.101 + 0.002 * i, 52.001) for i in range(2)]
    gdf = gpd.GeoDataFrame(
        {"gebiedscode": ["WK1", "WK2", "WK3"], "naam": ["Alfa", "Beta", "Gamma"]},
        geometry=[alfa, *tiny],
        crs=4326,
    )
    large = {a.code: a.number for a in maps.area_labels(gdf, box_px=(900, 600))}
    small = {a.code: a.number for a in maps.area_labels(gdf, box_px=(20, 20))}
    assert large == {"WK1": None, "WK2": 2, "WK3": 3}
    assert small == {"WK1": 1, "WK2": 2, "WK3": 3}
