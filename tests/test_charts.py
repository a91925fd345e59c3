"""Chart functions, checked on the figure's data and layout (not on pixels)."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.display import charts
from dashboard.display.chart_table import figure_table
from dashboard.display.charts import (
    EMPTY_TEXT,
    MAX_CENSOR_MARKS,
    indicator_weights_chart,
    label_positions,
    partner_chart,
    quadrant_chart,
    spell_timeline,
    survival_chart,
    trend_chart,
    type_chart,
)
from dashboard.display.charts.continuiteit import vacancies
from dashboard.display.labels import ROL_LABELS

# The palette (each colour at least 3:1 on white, tests/display/test_contrast.py) and the
# transparent marker of the quadrant chart's selection ring.
COLOUR_BLIND_SAFE = {
    "#0072B2",
    "#009E73",
    "#D55E00",
    "#C2679A",
    "#332288",
    "#000000",
    "#707070",
    "rgba(0, 0, 0, 0)",
}

PEILDATUM = date(2024, 12, 31)


# --- small hand-made inputs, shaped like the query results ------------------


def per_maand() -> pd.DataFrame:
    """Two wijken, three months, as from queries.bereik_per_maand."""
    return pd.DataFrame(
        {
            "gebiedscode": ["WK000101"] * 3 + ["WK000102"] * 3,
            "maand": pd.to_datetime(["2025-01-01", "2025-02-01", "2025-03-01"] * 2),
            "bijeenkomsten": [3, 4, 2, 10, 12, 11],
            "deelnames": [1234, 40, 3, 0, 8, 25],
            "unieke_deelnemers": [300, 12, 2, 0, 4, 9],
        }
    )


def per_type() -> pd.DataFrame:
    """Two wijken; buurtcafé occurs in both and must be summed."""
    return pd.DataFrame(
        {
            "gebiedscode": ["WK1", "WK1", "WK2", "WK2"],
            "type": ["buurtcafé", "wijksafari", "buurtcafé", "taalcafé"],
            "bijeenkomsten": [5, 1, 7, 30],
            "deelnames": [60, 3, 90, 1240],
            "activiteiten": [1, 1, 1, 2],
        }
    )


def partners() -> pd.DataFrame:
    """Woonstichting works in two wijken (6 + 4 bijeenkomsten)."""
    return pd.DataFrame(
        {
            "gebiedscode": ["WK1", "WK2", "WK1", "WK2"],
            "organisatie_id": ["O1", "O1", "O2", "O3"],
            "partner": ["Woonstichting", "Woonstichting", "Buurtteam Oost", "Bewonersgroep Park"],
            "soort": ["woningcorporatie", "woningcorporatie", "buurtteam", "bewonersgroep"],
            "bijeenkomsten": [6, 4, 12, 2],
        }
    )


def curve() -> pd.DataFrame:
    """Two rollen in one gemeente, as from queries.verblijfsduur_curve."""
    return pd.DataFrame(
        {
            "gebiedscode": ["GM9999"] * 4,
            "rol": ["opbouwwerker", "opbouwwerker", "maatschappelijk_werker", "opbouwwerker"],
            "dagen": [365, 730, 100, 1461],
            "at_risk": [4, 3, 2, 1],
            "vertrekken": [1, 1, 1, 0],
            "gecensureerd": [0, 1, 1, 1],
            "overleving": [0.75, 0.5, 0.5, 0.5],
        }
    )


def spells() -> pd.DataFrame:
    """One ended spell, one ongoing, one planned to end after the peildatum."""
    return pd.DataFrame(
        {
            "label": ["Opbouwwerker A", "Opbouwwerker B", "Jongerenwerker A"],
            "rol": ["opbouwwerker", "opbouwwerker", "jongerenwerker"],
            "startdatum": pd.to_datetime(["2020-01-01", "2023-01-01", "2019-03-03"]),
            "einddatum": pd.to_datetime(["2021-06-30", None, "2025-06-30"]),
            "wijknaam": ["Noord", "Noord", "Noord"],
        }
    )


def dekking() -> pd.DataFrame:
    """Five measured wijken and two without data, as from queries.dekking."""
    return pd.DataFrame(
        {
            "gebiedscode": ["WK1", "WK2", "WK3", "WK4", "WK5", "WK6", "WK7"],
            "naam": ["Noord", "Zuid", "Oost", "West", "Haven", "Dorp", "Veld"],
            "behoefte_index": [1.2, -0.8, 0.9, -0.3, 0.0, None, 0.4],
            "fte_per_10000": [0.45, 1.4, 1.6, 0.3, 0.9, 0.7, None],
            "kwadrant": [
                "hoge_behoefte_lage_dekking",
                "lage_behoefte_hoge_dekking",
                "hoge_behoefte_hoge_dekking",
                "lage_behoefte_lage_dekking",
                "lage_behoefte_hoge_dekking",
                None,
                None,
            ],
            "zonder_opbouwwerk": [False, False, False, False, False, False, True],
            "inwoners": [12345, 8000, 9000, 11000, 4000, 3000, 6000],
        }
    )


def indicatoren() -> pd.DataFrame:
    """The default need indicators, as from queries.behoefte_indicatoren."""
    return pd.DataFrame(
        {
            "indicator": ["laag_inkomen", "gemiddeld_inkomen", "eenpersoons"],
            "gewicht": [0.5, 0.3, 0.2],
            "richting": [1, -1, 1],
            "omschrijving": [
                "Huishoudens met een laag inkomen (%)",
                "Gemiddeld inkomen per inwoner",
                "Eenpersoonshuishoudens (%)",
            ],
        }
    )


# Every chart with its sample input, and the same call with no rows.
CHARTS: dict[str, tuple[Callable[[pd.DataFrame], go.Figure], Callable[[], pd.DataFrame]]] = {
    "trend": (trend_chart, per_maand),
    "type": (type_chart, per_type),
    "partner": (partner_chart, partners),
    "survival": (survival_chart, curve),
    "timeline": (lambda df: spell_timeline(df, PEILDATUM), spells),
    "quadrant": (quadrant_chart, dekking),
    "indicators": (indicator_weights_chart, indicatoren),
}


def by_name(fig: go.Figure) -> dict[str, go.BaseTraceType]:
    return {trace.name: trace for trace in fig.data}


def shapes_of(fig: go.Figure) -> list:
    return list(fig.layout.shapes)


def annotation_texts(fig: go.Figure) -> list[str]:
    return [a.text for a in fig.layout.annotations]


# --- all charts -------------------------------------------------------------


@pytest.mark.parametrize("name", CHARTS)
def test_empty_input_gives_an_annotation_not_an_exception(name: str) -> None:
    chart, sample = CHARTS[name]
    fig = chart(sample().iloc[0:0])
    assert len(fig.data) == 0
    assert annotation_texts(fig) == [EMPTY_TEXT]


@pytest.mark.parametrize("name", CHARTS)
def test_empty_dataframe_without_columns(name: str) -> None:
    chart, _ = CHARTS[name]
    assert annotation_texts(chart(pd.DataFrame())) == [EMPTY_TEXT]


@pytest.mark.parametrize("name", CHARTS)
def test_dutch_separators_large_fonts_and_safe_colours(name: str) -> None:
    chart, sample = CHARTS[name]
    fig = chart(sample())
    assert fig.layout.separators == ",."
    assert fig.layout.font.size >= 14
    assert fig.layout.hoverlabel.font.size >= 14
    assert all(a.font.size is None or a.font.size >= 14 for a in fig.layout.annotations)
    assert fig.layout.title.text
    colours = set()
    for trace in fig.data:
        marker_colour = trace.marker.color
        colours |= {marker_colour} if isinstance(marker_colour, str) else set(marker_colour or ())
        if trace.type == "scatter" and trace.line.color is not None:
            colours.add(trace.line.color)
    assert colours
    assert colours <= COLOUR_BLIND_SAFE
    # Every trace shows the Dutch hover text prepared for it, not Plotly's default.
    assert all(
        t.hovertemplate == "%{hovertext}<extra></extra>" or t.hoverinfo == "skip" for t in fig.data
    )


@pytest.mark.parametrize(
    "function",
    [
        trend_chart,
        type_chart,
        partner_chart,
        survival_chart,
        spell_timeline,
        quadrant_chart,
        indicator_weights_chart,
    ],
)
def test_type_hints_and_one_line_docstring(function: Callable[..., go.Figure]) -> None:
    signature = inspect.signature(function)
    assert signature.return_annotation in ("go.Figure", go.Figure)
    assert all(p.annotation is not inspect.Parameter.empty for p in signature.parameters.values())
    assert function.__doc__ and "\n" not in function.__doc__.strip()


def test_charts_module_makes_no_streamlit_calls() -> None:
    source = inspect.getsource(charts)
    assert "import streamlit" not in source
    assert re.search(r"\bst\.", source) is None


# --- trend ------------------------------------------------------------------


def test_trend_one_line_per_area_with_display_names() -> None:
    fig = trend_chart(per_maand(), "deelnames", names={"WK000101": "Noord"})
    assert [t.type for t in fig.data] == ["scatter", "scatter"]
    # an area missing from names keeps its code
    assert [t.name for t in fig.data] == ["Noord", "WK000102"]
    noord = fig.data[0]
    assert list(noord.x) == list(pd.to_datetime(["2025-01-01", "2025-02-01", "2025-03-01"]))
    # 3 persons: below the threshold, not drawn; Noord's 1.277 in all minus January and
    # February would give March's 3 back, so February (the smallest other month) is hidden too
    assert list(noord.y) == [1234, None, None]
    assert noord.hovertext == (
        "<b>Noord</b><br>jan 2025<br>Deelnames: 1.234",
        "<b>Noord</b><br>feb 2025<br>Deelnames: verborgen (kleine aantallen)",
        "<b>Noord</b><br>mrt 2025<br>Deelnames: <5",
    )
    assert fig.layout.showlegend is True
    assert fig.layout.yaxis.title.text == "Deelnames"
    assert list(fig.layout.xaxis.ticktext) == ["jan 2025", "feb 2025", "mrt 2025"]


@pytest.mark.parametrize(
    ("measure", "label", "values", "third_hover"),
    [
        # counts of persons below 5 are not drawn (None: a gap) and read "<5"; deelnames add
        # up to the area's total, so the smallest other month (40) goes with the 3
        ("deelnames", "Deelnames", [1234, None, None], "Deelnames: <5"),
        # bijeenkomsten are sessions, not persons: no small-number rule
        ("bijeenkomsten", "Bijeenkomsten", [3, 4, 2], "Bijeenkomsten: 2"),
        ("unieke_deelnemers", "Unieke deelnemers", [300, 12, None], "Unieke deelnemers: <5"),
    ],
)
def test_trend_single_area_per_measure(
    measure: str, label: str, values: list[int], third_hover: str
) -> None:
    one = per_maand().query("gebiedscode == 'WK000101'")
    fig = trend_chart(one, measure)
    assert len(fig.data) == 1
    assert list(fig.data[0].y) == values
    assert fig.data[0].hovertext[2].endswith(third_hover)
    assert fig.layout.yaxis.title.text == label
    assert fig.layout.title.text == f"{label} per maand"
    assert fig.layout.showlegend is False


@pytest.mark.parametrize("measure", ["gebiedscode", "deelnames; drop table wijk", "", "Deelnames"])
def test_trend_refuses_measures_outside_the_allow_list(measure: str) -> None:
    with pytest.raises(ValueError, match="Onbekende maat .* Kies uit: deelnames, bijeenkomsten"):
        trend_chart(per_maand(), measure)


def test_trend_refuses_a_bad_measure_also_without_rows() -> None:
    with pytest.raises(ValueError, match="Onbekende maat"):
        trend_chart(per_maand().iloc[0:0], "inwoners")


def test_trend_missing_column_is_a_dutch_error() -> None:
    with pytest.raises(ValueError, match="ontbreken de kolommen: maand"):
        trend_chart(per_maand().drop(columns="maand"))


# --- type and partner -------------------------------------------------------


def test_type_chart_sums_areas_largest_on_top() -> None:
    fig = type_chart(per_type())
    assert len(fig.data) == 1
    bar = fig.data[0]
    assert bar.type == "bar"
    assert bar.orientation == "h"
    # Plotly draws the first category at the bottom, so the largest comes last.
    assert list(bar.y) == ["Wijksafari", "Buurtcafé", "Taalcafé"]
    # 3 deelnames: no bar, text "<5"; buurtcafé's 150, the smallest other type, is hidden with
    # it (1393 in all minus 1240 and 150 would give the 3 back); taalcafé stays
    assert list(bar.x) == [None, None, 1240]
    assert list(bar.text) == ["<5", "verborgen (kleine aantallen)", "1.240"]
    assert bar.hovertext[2] == "<b>Taalcafé</b><br>Deelnames: 1.240<br>Bijeenkomsten: 30"
    assert bar.hovertext[1] == (
        "<b>Buurtcafé</b><br>Deelnames: verborgen (kleine aantallen)<br>Bijeenkomsten: 12"
    )


def test_partner_chart_sums_areas_and_colours_by_soort() -> None:
    fig = partner_chart(partners())
    traces = by_name(fig)
    assert list(traces) == ["Woningcorporatie", "Buurtteam", "Bewonersgroep"]
    assert all(t.type == "bar" and t.orientation == "h" for t in fig.data)
    assert list(traces["Woningcorporatie"].y) == ["Woonstichting"]
    assert list(traces["Woningcorporatie"].x) == [10]
    assert list(traces["Buurtteam"].x) == [12]
    assert len({t.marker.color for t in fig.data}) == 3
    assert list(fig.layout.yaxis.categoryarray) == [
        "Bewonersgroep Park",
        "Woonstichting",
        "Buurtteam Oost",
    ]
    assert traces["Woningcorporatie"].hovertext == (
        "<b>Woonstichting</b><br>Soort: Woningcorporatie<br>Bijeenkomsten: 10",
    )
    assert fig.layout.legend.title.text == "Soort organisatie"


def test_partner_chart_keeps_namesakes_apart() -> None:
    df = pd.DataFrame(
        {
            "gebiedscode": ["WK1", "WK1"],
            "organisatie_id": ["O1", "O2"],
            "partner": ["Buurthuis", "Buurthuis"],
            "soort": ["welzijn", "welzijn"],
            "bijeenkomsten": [3, 5],
        }
    )
    fig = partner_chart(df)
    assert list(fig.data[0].y) == ["Buurthuis (O1)", "Buurthuis (O2)"]


# --- survival ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("rol", "label"),
    [
        ("opbouwwerker", "Opbouwwerker"),
        ("maatschappelijk_werker", "Maatschappelijk werker"),
        ("jongerenwerker", "Jongerenwerker"),
        ("wijkagent", "Wijkagent"),
        ("buurtteam", "Buurtteam"),
        ("other", "Overig"),
    ],
)
def test_rol_labels(rol: str, label: str) -> None:
    assert ROL_LABELS[rol] == label


def test_survival_step_lines_per_rol_in_years_from_one() -> None:
    fig = survival_chart(curve())
    traces = by_name(fig)
    assert list(traces) == ["Opbouwwerker", "Maatschappelijk werker"]
    opbouw = traces["Opbouwwerker"]
    assert opbouw.type == "scatter"
    assert opbouw.line.shape == "hv"
    assert list(opbouw.x) == pytest.approx([0.0, 365 / 365.25, 730 / 365.25, 1461 / 365.25])
    assert list(opbouw.y) == [1.0, 0.75, 0.5, 0.5]
    assert opbouw.hovertext[1] == (
        "<b>Opbouwwerker</b><br>Na 1,0 jaar: 75% nog in de wijk<br>"
        "Zo lang gevolgd: 4, van wie 1 toen vertrok en 0 er nog werkt"
    )
    # censored durations carry a tick mark, the others none
    assert list(opbouw.marker.size) == [0, 0, 12, 12]
    maatschappelijk = traces["Maatschappelijk werker"]
    assert list(maatschappelijk.x) == pytest.approx([0.0, 100 / 365.25])
    assert list(maatschappelijk.y) == [1.0, 0.5]


def test_survival_curve_with_very_many_censored_durations_has_no_tick_band() -> None:
    n = MAX_CENSOR_MARKS + 1  # one more censored duration than marks are drawn for
    pooled = pd.DataFrame(
        {
            "gebiedscode": ["NL"] * n,
            "rol": ["opbouwwerker"] * n,
            "dagen": list(range(10, 10 * n + 1, 10)),
            "at_risk": list(range(n, 0, -1)),
            "vertrekken": [0] * n,
            "gecensureerd": [1] * n,
            "overleving": [1.0] * n,
        }
    )
    [trace] = survival_chart(pooled).data
    assert set(trace.marker.size) == {0}
    few = survival_chart(pooled.head(MAX_CENSOR_MARKS)).data[0]
    assert list(few.marker.size) == [0] + [12] * MAX_CENSOR_MARKS


def test_survival_median_line_and_percent_axis() -> None:
    fig = survival_chart(curve())
    [median] = shapes_of(fig)
    assert (median.type, median.y0, median.y1, median.line.dash) == ("line", 0.5, 0.5, "dash")
    assert "mediaan" in annotation_texts(fig)
    assert fig.layout.yaxis.tickformat == ".0%"
    assert fig.layout.xaxis.title.text == "Verblijfsduur (jaren)"


def test_survival_several_areas_name_the_area() -> None:
    df = pd.concat([curve().assign(gebiedscode="WK1"), curve().assign(gebiedscode="WK2")])
    fig = survival_chart(df, names={"WK1": "Noord"})
    assert [t.name for t in fig.data] == [
        "Opbouwwerker – Noord",
        "Maatschappelijk werker – Noord",
        "Opbouwwerker – WK2",
        "Maatschappelijk werker – WK2",
    ]


# --- timeline ---------------------------------------------------------------


def test_timeline_bars_per_rol_from_start_to_end() -> None:
    fig = spell_timeline(spells(), PEILDATUM)
    traces = by_name(fig)
    # the bars per rol, then the gap between Opbouwwerker A and B (its line and its days)
    assert list(traces) == ["Opbouwwerker", "Jongerenwerker", "Rol onbezet", None]
    opbouw = traces["Opbouwwerker"]
    assert opbouw.type == "bar"
    assert opbouw.orientation == "h"
    assert list(opbouw.y) == ["Opbouwwerker A", "Opbouwwerker B"]
    assert list(opbouw.base) == list(pd.to_datetime(["2020-01-01", "2023-01-01"]))
    day_ms = 24 * 3600 * 1000
    # ended: 2020-01-01 → 2021-06-30 is 546 days; ongoing: drawn to the peildatum, 730 days
    assert list(opbouw.x) == [546 * day_ms, 730 * day_ms]
    # a planned end after the peildatum is drawn as planned: 2019-03-03 → 2025-06-30
    assert list(traces["Jongerenwerker"].x) == [2311 * day_ms]
    assert traces["Opbouwwerker"].marker.color != traces["Jongerenwerker"].marker.color


def test_timeline_hover_in_dutch_with_lopend_and_duration() -> None:
    opbouw, jongeren = spell_timeline(spells(), PEILDATUM).data[:2]
    assert opbouw.hovertext == (
        # 547 days, both ends included
        "<b>Opbouwwerker A</b><br>Opbouwwerker · Noord<br>1 jan 2020 – 30 jun 2021<br>"
        "Verblijfsduur: 1,5 jaar",
        # 731 days up to the peildatum
        "<b>Opbouwwerker B</b><br>Opbouwwerker · Noord<br>1 jan 2023 – lopend<br>"
        "Verblijfsduur: 2,0 jaar<br>Ervoor onbezet: 1 jul 2021 – 31 dec 2022 (549 dagen)",
    )
    # counted up to the peildatum: 2019-03-03 → 2024-12-31 is 2131 days = 5,8 years
    assert jongeren.hovertext == (
        "<b>Jongerenwerker A</b><br>Jongerenwerker · Noord<br>"
        "3 mrt 2019 – 30 jun 2025 (gepland)<br>Verblijfsduur: 5,8 jaar",
    )


def test_timeline_over_several_wijken_keeps_namesake_labels_apart() -> None:
    df = pd.concat([spells().iloc[:1], spells().iloc[:1].assign(wijknaam="Zuid")])
    fig = spell_timeline(df, PEILDATUM)
    assert list(fig.data[0].y) == ["Opbouwwerker A · Noord", "Opbouwwerker A · Zuid"]
    # within one wijk the label alone names the row, and one person's spells share it
    df = pd.concat(
        [
            spells().iloc[:1],
            spells().iloc[:1].assign(startdatum=pd.Timestamp("2022-01-01"), einddatum=pd.NaT),
        ]
    )
    assert list(spell_timeline(df, PEILDATUM).data[0].y) == ["Opbouwwerker A", "Opbouwwerker A"]
    assert list(spell_timeline(df, PEILDATUM).layout.yaxis.categoryarray) == ["Opbouwwerker A"]


def test_timeline_shows_a_name_from_data_as_text() -> None:
    # a team lead's timeline carries names: Plotly would read tags in them (a link, bold)
    df = spells().iloc[:1].assign(label='<a href="https://x.test">Jan</a> & <b>Els</b>')
    bar = spell_timeline(df, PEILDATUM).data[0]
    escaped = '&lt;a href="https://x.test"&gt;Jan&lt;/a&gt; &amp; &lt;b&gt;Els&lt;/b&gt;'
    assert list(bar.y) == [escaped]
    assert bar.hovertext[0].startswith(f"<b>{escaped}</b><br>Opbouwwerker · Noord<br>")


def test_timeline_peildatum_line_and_row_order() -> None:
    fig = spell_timeline(spells(), PEILDATUM)
    [line] = shapes_of(fig)
    assert line.type == "line"
    assert pd.Timestamp(line.x0) == pd.Timestamp(line.x1) == pd.Timestamp(PEILDATUM)
    assert (line.yref, line.y0, line.y1) == ("paper", 0, 1)
    assert annotation_texts(fig) == ["31 dec 2024"]  # PEILDATUM, not the word "peildatum"
    # earliest start on top (the last category is drawn at the top)
    assert list(fig.layout.yaxis.categoryarray) == [
        "Opbouwwerker B",
        "Opbouwwerker A",
        "Jongerenwerker A",
    ]
    assert fig.layout.xaxis.type == "date"
    assert "2020" in fig.layout.xaxis.ticktext


def _spells(*rows: tuple[str, str, str, str | None]) -> pd.DataFrame:
    """Timeline rows (label, rol, start, end), shaped as the chart reads them."""
    labels, rols, starts, ends = zip(*rows, strict=True)
    return pd.DataFrame(
        {
            "label": labels,
            "rij": labels,
            "rol": rols,
            "start": pd.to_datetime(list(starts)),
            "eind": pd.to_datetime(list(ends)),
        }
    )


def test_vacancies_counted_as_the_metrics_count_them() -> None:
    # worked by hand: Opbouwwerker A ends 30 jun 2021, B starts 1 jan 2023; the days strictly
    # between are 1 jul 2021 - 31 dec 2022: 184 in 2021 + 365 in 2022 = 549, on B's row
    gaps = vacancies(
        _spells(
            ("Opbouwwerker A", "opbouwwerker", "2020-01-01", "2021-06-30"),
            ("Opbouwwerker B", "opbouwwerker", "2023-01-01", None),
            # ends after the peildatum: filled on it, no gap
            ("Jongerenwerker A", "jongerenwerker", "2019-03-03", "2025-06-30"),
        ),
        pd.Timestamp(PEILDATUM),
    )
    assert gaps.to_dict("records") == [
        {
            "rol": "opbouwwerker",
            "rij": "Opbouwwerker B",
            "van": pd.Timestamp("2021-07-01"),
            "tot": pd.Timestamp("2022-12-31"),
            "dagen": 549,
            "open": False,
        }
    ]


def test_vacancies_overlaps_every_day_and_an_open_gap() -> None:
    gaps = vacancies(
        _spells(
            ("Wijkagent A", "wijkagent", "2020-01-01", "2020-12-31"),
            # overlaps A and covers up to 31 mar 2021
            ("Wijkagent B", "wijkagent", "2020-06-01", "2021-03-31"),
            # starts 10 apr: 1-9 apr is 9 days, counted as the table counts every day
            ("Wijkagent C", "wijkagent", "2021-04-10", "2022-01-31"),
            # inside C: changes nothing
            ("Wijkagent D", "wijkagent", "2021-05-01", "2021-06-01"),
            # 1-14 feb 2020 unfilled: 14 days
            ("Buurtteam A", "buurtteam", "2019-01-01", "2020-01-31"),
            ("Buurtteam B", "buurtteam", "2020-02-15", None),
            # a handover the next day: no gap
            ("Jongerenwerker A", "jongerenwerker", "2019-01-01", "2020-01-31"),
            ("Jongerenwerker B", "jongerenwerker", "2020-02-01", None),
        ),
        pd.Timestamp("2022-03-01"),
    )
    # per rol in order of its first start
    assert gaps.to_dict("records") == [
        {
            "rol": "buurtteam",
            "rij": "Buurtteam B",
            "van": pd.Timestamp("2020-02-01"),
            "tot": pd.Timestamp("2020-02-14"),
            "dagen": 14,
            "open": False,
        },
        {
            "rol": "wijkagent",
            "rij": "Wijkagent C",
            "van": pd.Timestamp("2021-04-01"),
            "tot": pd.Timestamp("2021-04-09"),
            "dagen": 9,
            "open": False,
        },
        {
            "rol": "wijkagent",
            "rij": "Wijkagent C",
            # open on the peildatum, as the signal rol_onbezet counts it: 1 feb up to and
            # including 1 mar 2022 is 28 + 1 = 29 days, drawn on the row that ended last
            "van": pd.Timestamp("2022-02-01"),
            "tot": pd.Timestamp("2022-03-01"),
            "dagen": 29,
            "open": True,
        },
    ]


def test_vacancies_count_only_the_days_of_the_period() -> None:
    spells = _spells(
        ("Opbouwwerker A", "opbouwwerker", "2020-01-01", "2021-06-30"),
        ("Opbouwwerker B", "opbouwwerker", "2023-01-01", "2023-06-30"),
        # no spell of this rol on the period's first day: unfilled from then
        ("Wijkagent A", "wijkagent", "2022-03-11", None),
    )
    gaps = vacancies(spells, pd.Timestamp("2023-12-31"), pd.Timestamp("2022-03-01"))
    assert gaps.to_dict("records") == [
        # only the part of the gap in the period: 1 mar - 31 dec 2022 = 31 + 30 + 31 + 30 + 31
        # + 31 + 30 + 31 + 30 + 31 = 306 days
        {
            "rol": "opbouwwerker",
            "rij": "Opbouwwerker B",
            "van": pd.Timestamp("2022-03-01"),
            "tot": pd.Timestamp("2022-12-31"),
            "dagen": 306,
            "open": False,
        },
        # 1 jul - 31 dec 2023: 184 days, open on the peildatum
        {
            "rol": "opbouwwerker",
            "rij": "Opbouwwerker B",
            "van": pd.Timestamp("2023-07-01"),
            "tot": pd.Timestamp("2023-12-31"),
            "dagen": 184,
            "open": True,
        },
        # 1-10 mar 2022: 10 days before the first wijkagent
        {
            "rol": "wijkagent",
            "rij": "Wijkagent A",
            "van": pd.Timestamp("2022-03-01"),
            "tot": pd.Timestamp("2022-03-10"),
            "dagen": 10,
            "open": False,
        },
    ]


def test_vacancies_a_successor_planned_after_the_peildatum_leaves_the_gap_open() -> None:
    gaps = vacancies(
        _spells(
            ("Opbouwwerker A", "opbouwwerker", "2020-01-01", "2024-11-30"),
            ("Opbouwwerker B", "opbouwwerker", "2025-02-01", None),
        ),
        pd.Timestamp(PEILDATUM),
    )
    # unfilled on 31 dec 2024 since 1 dec: 31 days, on the row of the one who left
    assert gaps[["rij", "dagen", "open"]].values.tolist() == [["Opbouwwerker A", 31, True]]


def test_timeline_marks_a_gap_with_a_dotted_line_and_its_days() -> None:
    fig = spell_timeline(spells(), PEILDATUM)
    opbouw, _jongeren, line, days = fig.data
    # from the end of A's bar (the start of 30 jun 2021) to the start of B's (1 jan 2023)
    assert list(line.x) == [pd.Timestamp("2021-06-30"), pd.Timestamp("2023-01-01"), None]
    assert list(line.y) == ["Opbouwwerker B", "Opbouwwerker B", None]
    assert (line.name, line.line.dash, line.hoverinfo) == ("Rol onbezet", "dot", "skip")
    # the days just left of the line, on the successor's row
    assert list(days.text) == ["549 dagen onbezet"]
    [x] = days.x
    assert pd.Timestamp("2021-06-01") < pd.Timestamp(x) < pd.Timestamp("2021-06-30")
    assert list(days.textposition) == ["middle left"]
    assert days.showlegend is False
    # the successor's hover (and so the table under the chart) tells the gap before it
    assert opbouw.hovertext[1].endswith("<br>Ervoor onbezet: 1 jul 2021 – 31 dec 2022 (549 dagen)")
    assert "onbezet" not in opbouw.hovertext[0]


def test_timeline_open_gap_runs_to_the_peildatum_its_days_right_of_it() -> None:
    # Opbouwwerker A alone: ended 30 jun 2021, unfilled on 31 dec 2024 (1.280 days since
    # 1 jul 2021: 184 + 365 + 365 + 366 = 1.280)
    fig = spell_timeline(spells().iloc[:1], PEILDATUM)
    bar, line, days = fig.data
    assert list(line.x) == [pd.Timestamp("2021-06-30"), pd.Timestamp(PEILDATUM), None]
    assert bar.hovertext[0].endswith("<br>Daarna onbezet: sinds 1 jul 2021 (1.280 dagen)")
    assert list(days.text) == ["1.280 dagen onbezet"]
    assert list(days.textposition) == ["middle right"]
    assert pd.Timestamp(days.x[0]) > pd.Timestamp(PEILDATUM)
    # the axis makes room for it right of the peildatum
    assert pd.Timestamp(fig.layout.xaxis.range[1]) > pd.Timestamp(days.x[0])


def test_timeline_of_a_period_shades_it_and_shows_four_years_before_it() -> None:
    fig = spell_timeline(spells(), PEILDATUM, date(2024, 1, 1))
    band, peildatum = shapes_of(fig)
    assert (band.type, pd.Timestamp(band.x0), pd.Timestamp(band.x1)) == (
        "rect",
        pd.Timestamp("2024-01-01"),
        pd.Timestamp(PEILDATUM),
    )
    assert band.layer == "below"
    assert peildatum.type == "line"
    # from 1 jan 2020 (four years before the period; the first start, 3 mrt 2019, is earlier)
    left = pd.Timestamp(fig.layout.xaxis.range[0])
    assert pd.Timestamp("2019-12-01") < left < pd.Timestamp("2020-01-01")
    # the gap of 2021-2022 lies before the period: the table does not count it, nor the chart
    assert [t.name for t in fig.data] == ["Opbouwwerker", "Jongerenwerker"]


def test_timeline_of_a_period_before_the_first_spell_starts_at_the_period() -> None:
    # the period starts 1 jan 2020, the first spell 1 jan 2023: the rol was unfilled from
    # the period's first day, and the axis shows that day (a reviewer's case)
    fig = spell_timeline(spells().iloc[1:2], PEILDATUM, date(2020, 1, 1))
    left = pd.Timestamp(fig.layout.xaxis.range[0])
    assert left < pd.Timestamp("2020-01-01")
    _bar, line, days = fig.data
    assert pd.Timestamp(line.x[0]) >= left and pd.Timestamp(days.x[0]) >= left
    # 2020-2022: 366 + 365 + 365 = 1.096 days; no room left of the line: above its start
    assert list(days.text) == ["1.096 dagen onbezet"]
    assert list(days.textposition) == ["top right"]


def test_timeline_table_shows_periods_and_names_its_rows() -> None:
    table = figure_table(spell_timeline(spells(), PEILDATUM))
    assert list(table.columns) == ["Rol", "Professional", "Periode", "Toelichting"]
    assert table["Periode"].tolist() == [
        "1 jan 2020 – 30 jun 2021",
        # ongoing, and planned to end after the peildatum: as the hover says them
        "1 jan 2023 – lopend",
        "3 mrt 2019 – 30 jun 2025 (gepland)",
    ]
    assert len(table) == 3  # one row per spell; the lines and their text add none
    assert table["Toelichting"].str.contains("Ervoor onbezet: 1 jul 2021").sum() == 1


# --- quadrant ---------------------------------------------------------------


def test_quadrant_four_kwadranten_in_the_legend() -> None:
    fig = quadrant_chart(dekking())
    assert [t.name for t in fig.data] == [
        "Hoge behoefte, lage dekking",
        "Hoge behoefte, hoge dekking",
        "Lage behoefte, lage dekking",
        "Lage behoefte, hoge dekking",
    ]
    assert all(t.type == "scatter" and t.mode == "markers+text" for t in fig.data)
    assert fig.layout.xaxis.title.text == "Behoefte-index (z-score)"
    assert fig.layout.yaxis.title.text == "Fte opbouwwerk per 10.000 inwoners"


def test_names_of_points_close_together_go_to_different_sides() -> None:
    # Hoogveld (1,36; 0) and Waterkant (1,33; 0) as in the demo: 0,03 apart on an x span of
    # 2,28 (-0,92 .. 1,36), under 20% (0,456), and on the same height. Placed from the left,
    # Waterkant takes the top and Hoogveld goes below; De Brink (-0,92; 0,79) is 0,79 higher,
    # over 8% of the y span, and keeps the top.
    assert label_positions([1.36, 1.33, -0.92], [0.0, 0.0, 0.79]) == [
        "bottom center",
        "top center",
        "top center",
    ]
    # three neighbours (within 2 of a span of 10): top, below, right; the far one: top
    assert label_positions([0.0, 0.01, 0.02, 10.0], [0.0] * 4) == [
        "top center",
        "bottom center",
        "middle right",
        "top center",
    ]
    assert label_positions([0.5], [0.5]) == ["top center"]  # one point: no span to divide by


def test_quadrant_keeps_an_empty_kwadrant_in_the_legend() -> None:
    # Noord and Zuid only: two kwadranten have no wijk, their legend entries stay
    traces = by_name(quadrant_chart(dekking().iloc[:2]))
    assert len(traces) == 4
    assert list(traces["Hoge behoefte, hoge dekking"].x) == [None]
    assert list(traces["Hoge behoefte, hoge dekking"].text) == []
    assert list(traces["Hoge behoefte, lage dekking"].text) == ["Noord"]


def test_quadrant_highlights_high_need_low_coverage() -> None:
    traces = by_name(quadrant_chart(dekking()))
    high = traces["Hoge behoefte, lage dekking"]
    assert list(high.text) == ["Noord"]
    assert (list(high.x), list(high.y)) == ([1.2], [0.45])
    assert high.marker.color == "#D55E00"
    others = [t for name, t in traces.items() if name != "Hoge behoefte, lage dekking"]
    assert all(t.marker.color != "#D55E00" for t in others)
    assert all(high.marker.size > t.marker.size for t in others)
    assert list(traces["Lage behoefte, hoge dekking"].text) == ["Zuid", "Haven"]


def test_quadrant_hover_in_dutch() -> None:
    high = by_name(quadrant_chart(dekking()))["Hoge behoefte, lage dekking"]
    assert high.hovertext == (
        "<b>Noord</b><br>Hoge behoefte, lage dekking<br>Behoefte-index: 1,20<br>"
        "Fte per 10.000 inwoners: 0,45<br>Inwoners: 12.345",
    )


def test_quadrant_leaves_out_and_counts_wijken_without_data() -> None:
    fig = quadrant_chart(dekking())
    shown = [name for t in fig.data for name in t.text]
    assert sorted(shown) == ["Haven", "Noord", "Oost", "West", "Zuid"]
    assert "2 wijken zonder gegevens" in annotation_texts(fig)
    one_missing = quadrant_chart(dekking().iloc[:6])
    assert "1 wijk zonder gegevens" in annotation_texts(one_missing)
    complete = quadrant_chart(dekking().iloc[:5])
    assert not any("zonder gegevens" in text for text in annotation_texts(complete))


def test_quadrant_dashed_lines_at_the_medians() -> None:
    fig = quadrant_chart(dekking())
    vertical, horizontal = shapes_of(fig)
    # behoefte_index known for 6 wijken: median of -0.8, -0.3, 0.0, 0.4, 0.9, 1.2 = 0.2
    assert vertical.x0 == vertical.x1 == pytest.approx(0.2)
    # fte_per_10000 known for 6 wijken: median of 0.3, 0.45, 0.7, 0.9, 1.4, 1.6 = 0.8
    assert horizontal.y0 == horizontal.y1 == pytest.approx(0.8)
    assert vertical.line.dash == horizontal.line.dash == "dash"
    assert annotation_texts(fig).count("mediaan") == 2


def test_quadrant_selected_wijk_gets_a_thick_outline() -> None:
    fig = quadrant_chart(dekking(), selected="WK3")
    assert len(fig.data) == 5
    outline = fig.data[-1]
    assert (list(outline.x), list(outline.y)) == ([0.9], [1.6])
    assert list(outline.customdata) == ["WK3"]
    assert outline.marker.line.width == 4
    assert outline.showlegend is False
    assert all(t.marker.line.width == 1 for t in fig.data[:4])
    assert len(quadrant_chart(dekking()).data) == 4
    # a wijk without data cannot be outlined
    assert len(quadrant_chart(dekking(), selected="WK6").data) == 4


def test_quadrant_with_only_missing_data() -> None:
    df = dekking().assign(behoefte_index=None)
    fig = quadrant_chart(df)
    assert len(fig.data) == 0
    assert annotation_texts(fig) == [f"{EMPTY_TEXT}<br>(7 wijken zonder gegevens)"]


# --- indicator weights ------------------------------------------------------


def test_indicator_weights_labelled_by_omschrijving() -> None:
    fig = indicator_weights_chart(indicatoren())
    assert len(fig.data) == 1
    bar = fig.data[0]
    assert (bar.type, bar.orientation) == ("bar", "h")
    assert list(bar.y) == [
        "Eenpersoonshuishoudens (%)",
        "Gemiddeld inkomen per inwoner (omgekeerd)",
        "Huishoudens met een laag inkomen (%)",
    ]
    assert list(bar.x) == [0.2, 0.3, 0.5]
    assert list(bar.text) == ["0,20", "0,30", "0,50"]
    assert bar.hovertext[1] == (
        "<b>Gemiddeld inkomen per inwoner (omgekeerd)</b><br>Gewicht: 0,30 (30% van het totaal)"
        "<br>Richting: lager = meer behoefte (omgekeerd)"
    )
    # the weights are printed on the bars, so the value axis shows no ticks to crowd
    assert fig.layout.xaxis.showticklabels is False


def test_indicator_long_labels_are_wrapped() -> None:
    df = indicatoren().assign(
        omschrijving=["Gemiddeld inkomen per inwoner (x 1.000 euro; lager = meer behoefte)"] * 3
    )
    labels = indicator_weights_chart(df).data[0].y
    assert labels[1] == (
        "Gemiddeld inkomen per inwoner (x 1.000 euro;<br>lager = meer behoefte) (omgekeerd)"
    )


def test_small_numbers_draw_no_point_or_bar():
    # 3 participants in February: below the threshold of 5, so no point is drawn (a gap)
    # and the hover says "<5"; 12 in March is drawn.
    per_maand = pd.DataFrame(
        {
            "gebiedscode": ["WK000101", "WK000101"],
            "maand": pd.to_datetime(["2025-02-01", "2025-03-01"]),
            "bijeenkomsten": [1, 2],
            "deelnames": [3, 12],
            "unieke_deelnemers": [3, 9],
        }
    )
    trace = charts.trend_chart(per_maand, measure="unieke_deelnemers").data[0]
    assert list(trace.y) == [None, 9.0]
    assert "<5" in trace.hovertext[0]
    # sessions are not persons: 1 session is drawn
    assert list(charts.trend_chart(per_maand, measure="bijeenkomsten").data[0].y) == [1.0, 2.0]
    per_type = pd.DataFrame(
        {"type": ["moestuin", "buurtcafé"], "bijeenkomsten": [1, 4], "deelnames": [2, 40]}
    )
    bar = charts.type_chart(per_type).data[0]
    # moestuin's 2 deelnames draw no bar, and neither does buurtcafé's 40: beside the total of
    # 42 it would give the 2 back
    assert list(bar.x) == [None, None]
    assert list(bar.text) == ["<5", "verborgen (kleine aantallen)"]
