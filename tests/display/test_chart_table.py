"""The table alternative of a chart ("Toon als tabel"): read from the figure, in Dutch, with
the small-number rule of the chart itself."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
import shapely

from dashboard.display import chart_table, maps
from dashboard.display.charts import trend_chart, type_chart
from dashboard.display.text import html


def test_a_line_per_area_gives_a_row_per_point_with_dutch_months_and_small_numbers_hidden():
    per_maand = pd.DataFrame(
        {
            "gebiedscode": ["WK1", "WK1", "WK2"],
            "maand": pd.to_datetime(["2025-01-01", "2025-02-01", "2025-01-01"]),
            "bijeenkomsten": [3, 4, 2],
            "deelnames": [1234, 3, 8],
            "unieke_deelnemers": [300, 2, 4],
        }
    )
    fig = trend_chart(per_maand, "deelnames", names={"WK1": "Noord", "WK2": "Zuid"})
    table = chart_table.figure_table(fig)
    # 3 deelnames is below 5: the chart leaves the point out, the table says "<5" in the note;
    # Noord's 1.237 in all minus its January would give the 3 back, so January (the only other
    # month) is hidden with it (formatting.hidden_parts); Zuid has no small month
    assert table.to_dict("records") == [
        {
            "Reeks": "Noord",
            "Maand": "1 jan 2025",
            "Deelnames": "–",
            "Toelichting": "Noord · jan 2025 · Deelnames: verborgen (kleine aantallen)",
        },
        {
            "Reeks": "Noord",
            "Maand": "1 feb 2025",
            "Deelnames": "–",
            "Toelichting": "Noord · feb 2025 · Deelnames: <5",
        },
        {
            "Reeks": "Zuid",
            "Maand": "1 jan 2025",
            "Deelnames": "8",
            "Toelichting": "Zuid · jan 2025 · Deelnames: 8",
        },
    ]
    assert chart_table.title(fig) == "Deelnames per maand"


def test_horizontal_bars_take_the_printed_values():
    per_type = pd.DataFrame(
        {
            "gebiedscode": ["WK1", "WK1", "WK2"],
            "type": ["buurtcafé", "wijksafari", "buurtcafé"],
            "bijeenkomsten": [5, 1, 7],
            "deelnames": [60, 3, 90],
            "activiteiten": [1, 1, 1],
        }
    )
    table = chart_table.figure_table(type_chart(per_type))
    # buurtcafé: 60 + 90 = 150 deelnames in 5 + 7 = 12 bijeenkomsten; smallest first, as drawn
    assert table.to_dict("records") == [
        {
            "Onderdeel": "Wijksafari",
            "Deelnames": "<5",
            "Toelichting": "Wijksafari · Deelnames: <5 · Bijeenkomsten: 1",
        },
        # the only other type: with the total of 153 beside the chart, its 150 would give
        # wijksafari's 3 back, so it is hidden too (formatting.hidden_parts)
        {
            "Onderdeel": "Buurtcafé",
            "Deelnames": "verborgen (kleine aantallen)",
            "Toelichting": "Buurtcafé · Deelnames: verborgen (kleine aantallen) · Bijeenkomsten: 12",
        },
    ]


def _squares(names: list[str]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"gebiedscode": [f"WK00010{i + 1}" for i in range(len(names))], "naam": names},
        geometry=[
            shapely.box(5.0 + 0.01 * i, 52.0, 5.01 + 0.01 * i, 52.01) for i in range(len(names))
        ],
        crs=4326,
    )


def test_a_map_gives_each_area_its_value_as_the_hover_says_it():
    values = pd.DataFrame(
        {"gebiedscode": ["WK000101", "WK000102", "WK000103"], "v": [3.0, 12.0, None]}
    )
    fig = maps.choropleth(
        _squares(["Oost", "<b>Noord</b>", "Centrum", "West"]),
        values,
        "v",
        title="Deelnemers",
        persons=True,
    )
    table = chart_table.figure_table(fig)
    # sorted by name; a name from data stays text, tags and all. Noord's 12 is the only other
    # count beside Oost's 3 (the total, 15, would give the 3 back): hidden as well
    assert table.to_dict("records") == [
        {"Gebied": "<b>Noord</b>", "Waarde": "verborgen (kleine aantallen)"},
        {"Gebied": "Centrum", "Waarde": "geen gegevens"},
        {"Gebied": "Oost", "Waarde": "<5"},
        {"Gebied": "West", "Waarde": "geen gegevens"},
    ]
    assert chart_table.title(fig) == "Deelnemers"


def test_plain_reads_plotly_strings_back_as_text():
    assert chart_table.plain(f"<b>{html('A & <i>B</i>')}</b><br>12,5%") == "A & <i>B</i> · 12,5%"
    assert chart_table.plain(None) == ""


def test_a_chart_without_data_has_no_table():
    fig = go.Figure()
    fig.add_annotation(text="Geen gegevens voor deze selectie", showarrow=False)
    assert chart_table.figure_table(fig).empty


def test_lines_that_only_connect_points_are_left_out():
    fig = go.Figure(
        [
            go.Scatter(x=[1.0, 2.0], y=["a", "a"], mode="lines", hoverinfo="skip"),
            go.Bar(x=["voor", "na"], y=[1.5, 2.0], text=["1,5", "2"], hoverinfo="skip"),
        ]
    )
    assert chart_table.figure_table(fig).to_dict("records") == [
        {"Onderdeel": "voor", "Waarde": "1,5"},
        {"Onderdeel": "na", "Waarde": "2"},
    ]


def test_a_map_of_many_areas_reads_its_values_from_the_colours():
    # beyond maps.COMPACT_AREAS the hover holds only the name; the value travels as float32
    n = maps.COMPACT_AREAS + 1
    names = [f"Buurt {i:04d}" for i in range(n)]
    values = pd.DataFrame(
        {"gebiedscode": [f"WK00010{i + 1}" for i in range(n)], "v": [12.3] + [2.0] * (n - 1)}
    )
    table = chart_table.figure_table(
        maps.choropleth(_squares(names), values, "v", title="Bereik", decimals=1, labels=False)
    )
    assert len(table) == n
    assert table.iloc[0].to_dict() == {"Gebied": "Buurt 0000", "Waarde": "12,3"}
    assert table.iloc[1].to_dict() == {"Gebied": "Buurt 0001", "Waarde": "2"}


def test_words_for_grey_areas_keep_a_big_map_compact():
    """The words "niemand in deze rol in deze periode" for areas without a value made the
    national continuity maps send a hover text per wijk (a review: 769 of 3,453 wijken). A
    big map stays compact: its coloured areas' hover holds the name, the grey ones say
    "geen gegevens"."""
    n = maps.COMPACT_AREAS + 1
    names = [f"Buurt {i:04d}" for i in range(n)]
    values = pd.DataFrame(
        {
            "gebiedscode": [f"WK00010{i + 1}" for i in range(n)],
            "v": [None] + [2.0] * (n - 1),
            "tekst": ["niemand in deze rol in deze periode"] + [None] * (n - 1),
        }
    )
    fig = maps.choropleth(
        _squares(names), values, "v", title="Verloop", text_column="tekst", labels=False
    )
    coloured, grey = (t for t in fig.data if t.type == "choropleth")
    assert list(coloured.text[:2]) == ["Buurt 0001", "Buurt 0002"]  # names only: compact
    assert "geen gegevens" in grey.hovertemplate


def test_the_survival_table_gives_shares_as_percentages_and_names_its_lines_by_rol():
    """The chart shows "75%" on its axis; its table said "0,75", and its lines were a
    "Reeks" (a team lead's walk). The curve worked by hand: opbouwwerker 100% at the start,
    75% after 365 days (1 of 4 left), 50% after 730 days; maatschappelijk werker 50% after
    100 days."""
    from dashboard.display.charts import survival_chart

    curve = pd.DataFrame(
        {
            "gebiedscode": ["GM9999"] * 3,
            "rol": ["opbouwwerker", "opbouwwerker", "maatschappelijk_werker"],
            "dagen": [365, 730, 100],
            "at_risk": [4, 3, 2],
            "vertrekken": [1, 1, 1],
            "gecensureerd": [0, 1, 1],
            "overleving": [0.75, 0.5, 0.5],
        }
    )
    table = chart_table.figure_table(survival_chart(curve))
    assert list(table.columns[:3]) == ["Rol", "Verblijfsduur (jaren)", "Nog in de wijk"]
    assert table[["Rol", "Nog in de wijk"]].values.tolist() == [
        ["Opbouwwerker", "100%"],
        ["Opbouwwerker", "75%"],
        ["Opbouwwerker", "50%"],
        ["Maatschappelijk werker", "100%"],
        ["Maatschappelijk werker", "50%"],
    ]
