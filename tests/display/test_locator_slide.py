"""The title slide's map names the presented area alone (locator_map(all_names=False))."""

from __future__ import annotations

import geopandas as gpd
from shapely.geometry import Polygon

from dashboard.display.charts.wijkprofiel import locator_map


def _shapes(chosen_shape: Polygon | None) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "gebiedscode": ["WK000101", "WK000102"],
            "naam": ["<b>Noord</b>", "Zuid"],
            "geometry": [chosen_shape, Polygon([(5.1, 52.0), (5.2, 52.0), (5.2, 52.1)])],
        },
        crs="EPSG:4326",
    )


def test_the_slide_names_the_chosen_area_alone_as_text():
    square = Polygon([(5.0, 52.0), (5.1, 52.0), (5.1, 52.1), (5.0, 52.1)])
    fig = locator_map(_shapes(square), "WK000101", all_names=False)
    [name] = [t for t in fig.data if t.type == "scattergeo"]
    assert list(name.text) == ["&lt;b&gt;Noord&lt;/b&gt;"]  # a name from data, escaped
    # inside the square (its representative point)
    assert 5.0 < name.lon[0] < 5.1 and 52.0 < name.lat[0] < 52.1


def test_a_chosen_area_without_a_shape_or_not_among_them_gets_no_name_and_no_error():
    # a review found the page would fail here: the slide's map is made with the page
    for shapes, code in ((_shapes(None), "WK000101"), (_shapes(Polygon()), "WK000101")):
        fig = locator_map(shapes, code, all_names=False)
        assert not [t for t in fig.data if t.type == "scattergeo"]
    fig = locator_map(_shapes(None), "WK000199", all_names=False)
    assert not [t for t in fig.data if t.type == "scattergeo"]
