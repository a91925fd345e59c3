"""The presentation mode's pure parts: the slide a link asks for, and a chart for a projector."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from dashboard.display import slides

NOT_A_SLIDE = (
    "Dia {n} bestaat niet (deze presentatie heeft 5 dia's); de presentatie begint bij dia 1."
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, (0, None)),
        ("1", (0, None)),
        ("3", (2, None)),
        (" 5 ", (4, None)),
        ("0", (0, NOT_A_SLIDE.format(n=0))),
        ("6", (0, NOT_A_SLIDE.format(n=6))),
        ("0006", (0, NOT_A_SLIDE.format(n=6))),
        ("", (0, "'' is geen dianummer; de presentatie begint bij dia 1.")),
        ("-2", (0, "'-2' is geen dianummer; de presentatie begint bij dia 1.")),
        ("2.0", (0, "'2.0' is geen dianummer; de presentatie begint bij dia 1.")),
        ("٣", (0, "'٣' is geen dianummer; de presentatie begint bij dia 1.")),  # Arabic 3
        ("drie", (0, "'drie' is geen dianummer; de presentatie begint bij dia 1.")),
    ],
)
def test_slide_index(raw: str | None, expected: tuple[int, str | None]):
    assert slides.slide_index(raw, 5) == expected


def test_slide_index_of_a_story_without_slides():
    assert slides.slide_index("3", 0) == (0, None)


def test_counter():
    assert slides.counter(0, 7) == "dia 1 van 7"


def figure() -> go.Figure:
    fig = go.Figure(
        [
            go.Bar(x=["A", "B"], y=[3, 4], text=["3", "4"], textfont={"size": 12}),
            go.Scatter(x=["A", "B"], y=[1, 2]),
        ]
    )
    fig.update_layout(
        title={"text": "Titel", "font": {"size": 30}},
        height=420,
        font={"size": 14},
        legend={"font": {"size": 12}},
        annotations=[{"text": "Bron", "font": {"size": 11}, "showarrow": False}],
    )
    return fig


def test_projector_figure_has_large_fonts_and_no_fixed_height():
    original = figure()
    fig = slides.projector_figure(original)
    layout = fig.layout
    assert layout.height is None
    assert layout.font.size == 22
    assert layout.title.font.size == 30  # already larger: kept
    assert layout.legend.font.size == 20
    assert layout.xaxis.tickfont.size == 20 and layout.yaxis.tickfont.size == 20
    assert layout.xaxis.automargin is True
    assert fig.data[0].textfont.size == 20
    assert fig.data[1].textfont.size == 20
    assert layout.annotations[0].font.size == 20
    # the story's own figure is left as it was (the exports use it)
    assert original.layout.height == 420
    assert original.layout.font.size == 14
    assert original.data[0].textfont.size == 12
    assert original.layout.xaxis.tickfont.size is None


def test_projector_figure_keeps_a_bars_value_at_its_size():
    # Plotly shrinks a bar's text to the bar's thickness unless told not to: on a slide of
    # nine areas "56,5" was 11 px on a 1024-pixel projector; drawn outside the axes too
    fig = slides.projector_figure(figure())
    bar, line = fig.data
    assert (bar.constraintext, bar.cliponaxis) == ("none", False)
    assert line.cliponaxis is None  # a line is left as it was
    assert figure().data[0].constraintext is None  # and so is the story's own figure


def test_projector_figure_for_a_large_screen():
    fig = slides.projector_figure(figure(), 1.4)
    assert fig.layout.font.size == 31
    assert fig.layout.xaxis.tickfont.size == 28
    assert fig.layout.title.font.size == 36


def test_projector_figure_of_a_map():
    fig = go.Figure(
        go.Choropleth(
            locations=["WK1"], z=[1.0], geojson={"type": "FeatureCollection", "features": []}
        )
    )
    out = slides.projector_figure(fig)
    assert out.data[0].colorbar.tickfont.size == 20


def test_projector_figure_makes_the_places_on_a_map_big_enough_for_a_room():
    # a walk found the places of slide 10 (11 px) too small to see on a projector
    places = go.Scattergeo(lon=[5.1], lat=[52.1], mode="markers", marker={"size": 11})
    big = go.Scattergeo(lon=[5.1], lat=[52.1], mode="markers", marker={"size": 24})
    out = slides.projector_figure(go.Figure([places, big]))
    assert [t.marker.size for t in out.data] == [18, 24]  # never smaller than it was
    assert slides.projector_figure(go.Figure([places]), 1.4).data[0].marker.size == 18 * 1.4
    # sizes per point (a slide's unnamed plekken at 7 beside named ones at 11) grow by one
    # factor for the whole map, so the unnamed stay smaller in every trace, also in one of
    # unnamed only: 11 → 18 is ×18/11, 7 → 7 × 18/11 = 126/11
    mixed = go.Scattergeo(lon=[5.1, 5.2], lat=[52.1, 52.2], marker={"size": [11, 7]})
    unnamed = go.Scattergeo(lon=[5.3, 5.4], lat=[52.3, 52.4], marker={"size": [7, 7]})
    out = slides.projector_figure(go.Figure([mixed, unnamed]))
    assert list(out.data[0].marker.size) == pytest.approx([18, 126 / 11])
    assert list(out.data[1].marker.size) == pytest.approx([126 / 11, 126 / 11])


def test_projector_figure_stacks_the_lists_hung_under_a_map():
    """The route map hangs its list of stops and its source under the plot area in pixels
    (y=0, shifted down); with projector fonts they are stacked again, in the same order."""
    below = {"xref": "paper", "yref": "paper", "x": 0, "y": 0, "yanchor": "top"}
    fig = go.Figure(go.Scatter(x=[1], y=[1]))
    fig.update_layout(
        annotations=[
            {**below, "text": "bron", "yshift": -30, "font": {"size": 11}},
            {**below, "text": "1 Buurthuis<br>2 Park", "yshift": -6, "font": {"size": 13}},
            {"xref": "paper", "yref": "paper", "x": 0, "y": 1, "text": "boven"},
        ]
    )
    out = slides.projector_figure(fig)
    shifts = {a.text: a.yshift for a in out.layout.annotations}
    # the list first: 6 px gap; two lines of 20 px type at 1.3 = 52 px, and 6 px more: the
    # source at -64 px; it is one line (26 px) and a gap: the bottom margin 6 + 58 + 32 = 96
    assert shifts == {"1 Buurthuis<br>2 Park": -6, "bron": -64, "boven": None}
    assert out.layout.margin.b == 96


def test_projector_figure_widens_the_margin_for_the_names_beside_a_map():
    """The slide's names of plekken stand beside the map (x=1, left-anchored); on a larger
    screen (scale 1.5) their type grows to 30 px, and the right margin with it."""
    fig = go.Figure(go.Scattergeo(lon=[5.1], lat=[52.1]))
    names = '<span style="color:#0072B2">●</span> 1 De Linde &amp; Co<br>en 3 andere'
    fig.add_annotation(
        text=names, xref="paper", yref="paper", x=1, y=1, xanchor="left", showarrow=False,
        font={"size": 20},
    )  # fmt: skip
    fig.update_layout(margin_r=250)
    assert slides.projector_figure(fig).layout.margin.r == 250  # already wide enough
    # the longest line as text, "● 1 De Linde & Co" (17 characters), at 30 px and 0.56 of
    # it each: 286 px, and two gaps of 6
    assert slides.projector_figure(fig, 1.5).layout.margin.r == 286 + 12


def test_projector_figure_gives_a_chart_without_legend_the_room_kept_for_one():
    # the web charts keep 120 px under the plot for a legend; on a slide a ranking of nine
    # areas without one overlapped its names in the PowerPoint (once a note took a line)
    bars = go.Figure(go.Bar(x=[3, 4], y=["A", "B"], orientation="h"))
    bars.update_layout(showlegend=False, margin={"l": 20, "r": 30, "t": 70, "b": 120})
    assert slides.projector_figure(bars).layout.margin.b == slides.LEGENDLESS_MARGIN
    assert bars.layout.margin.b == 120  # the web's figure is left as it was
    # a chart with a legend, or with a note under it, keeps the room
    legend = go.Figure(bars).update_layout(showlegend=True)
    assert slides.projector_figure(legend).layout.margin.b == 120
    noted = go.Figure(bars).add_annotation(text="Bron", showarrow=False)
    assert slides.projector_figure(noted).layout.margin.b == 120
