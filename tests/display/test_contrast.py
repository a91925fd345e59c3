"""Contrast of every chart and map colour (WCAG 2.1 1.4.11: graphics at least 3:1 against the
figure background), and colours told apart by colour-blind readers (simulated).

Relative luminance and contrast ratio as defined by WCAG 2.1; colour vision deficiency as
simulated by Machado, Oliveira & Fernandes (2009, severity 1.0), distances in CIELAB (ΔE*76,
where about 2.3 is just noticeable and above 10 is clearly a different colour).
"""

from __future__ import annotations

import itertools
import tomllib
from pathlib import Path

import numpy as np
import plotly.colors as pc
import pytest

from dashboard.display import maps
from dashboard.display.charts import style
from dashboard.ui import a11y


def _rgb(colour: str) -> np.ndarray:
    digits = colour.lstrip("#")
    assert len(digits) == 6, colour
    return np.array([int(digits[i : i + 2], 16) for i in (0, 2, 4)], dtype=float)


def _linear(rgb: np.ndarray) -> np.ndarray:
    c = rgb / 255
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def luminance(colour: str) -> float:
    r, g, b = _linear(_rgb(colour))
    return float(0.2126 * r + 0.7152 * g + 0.0722 * b)


def contrast(a: str, b: str) -> float:
    dark, light = sorted((luminance(a), luminance(b)))
    return (light + 0.05) / (dark + 0.05)


# Machado et al. 2009, severity 1.0, on linear RGB
VISION = {
    "normaal": np.eye(3),
    "protanopie": np.array(
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ]
    ),
    "deuteranopie": np.array(
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ]
    ),
    "tritanopie": np.array(
        [
            [1.255528, -0.076749, -0.178779],
            [-0.078411, 0.930809, 0.147602],
            [0.004733, 0.691367, 0.303900],
        ]
    ),
}
_XYZ = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
_WHITE = np.array([0.95047, 1.0, 1.08883])


def _lab(colour: str, vision: str) -> np.ndarray:
    t = (_XYZ @ np.clip(VISION[vision] @ _linear(_rgb(colour)), 0, 1)) / _WHITE
    f = np.where(t > 0.008856, np.cbrt(t), 7.787 * t + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def distance(a: str, b: str, vision: str) -> float:
    return float(np.linalg.norm(_lab(a, vision) - _lab(b, vision)))


def _scale_colours(name: str, steps: int = 41) -> list[str]:
    """The colour scale sampled evenly, as #RRGGBB."""
    scale = pc.get_colorscale(name)
    out = []
    for sample in pc.sample_colorscale(scale, list(np.linspace(0, 1, steps))):
        r, g, b = (round(float(v)) for v in sample[sample.index("(") + 1 : -1].split(","))
        out.append(f"#{r:02X}{g:02X}{b:02X}")
    return out


# --- the formulas, checked against values WCAG and WebAIM publish ---------------------------


@pytest.mark.parametrize(
    ("a", "b", "ratio"),
    [("#000000", "#FFFFFF", 21.0), ("#767676", "#FFFFFF", 4.54), ("#828180", "#FFFFFF", 3.88)],
)
def test_contrast_ratio_matches_published_values(a: str, b: str, ratio: float) -> None:
    assert contrast(a, b) == pytest.approx(ratio, abs=0.01)


def test_simulation_confuses_red_and_green_only_for_red_green_blindness() -> None:
    # a pure red and a green of similar lightness: far apart normally, close for a deuteranope
    assert distance("#D00000", "#6B8E00", "normaal") > 50
    assert distance("#D00000", "#6B8E00", "deuteranopie") < 15


# --- charts --------------------------------------------------------------------------------


def _chart_colours() -> set[str]:
    return {
        *style.PALETTE,
        *style.LINE_COLOURS,
        *style.ROL_COLOURS.values(),
        *(colour for colour, _ in style.SOORT_STYLES.values()),
    }


@pytest.mark.parametrize("colour", sorted(_chart_colours()))
def test_every_chart_colour_has_3_to_1_against_the_background(colour: str) -> None:
    assert contrast(colour, style.BACKGROUND) >= 3.0


def test_every_chart_colour_is_in_the_palette() -> None:
    assert _chart_colours() == set(style.PALETTE)


@pytest.mark.parametrize("vision", list(VISION))
def test_palette_colours_stay_apart_for_colour_blind_readers(vision: str) -> None:
    closest = min(
        (distance(a, b, vision), a, b) for a, b in itertools.combinations(style.PALETTE, 2)
    )
    assert closest[0] > 10, f"{closest[1]} and {closest[2]} look alike ({vision})"


def test_soorten_that_share_a_colour_differ_by_hatching() -> None:
    styles = list(style.SOORT_STYLES.values())
    assert len(set(styles)) == len(styles)
    assert contrast(style.PATTERN_COLOUR, style.BACKGROUND) == 1.0  # white hatching ...
    for colour, _ in styles:  # ... shows on every fill
        assert contrast(style.PATTERN_COLOUR, colour) >= 3.0


# --- maps ----------------------------------------------------------------------------------


@pytest.mark.parametrize("colour", [maps.OUTLINE_COLOUR, maps.SELECTED_OUTLINE])
def test_map_outlines_have_3_to_1_against_the_background(colour: str) -> None:
    assert contrast(colour, style.BACKGROUND) >= 3.0


def test_the_outline_shows_against_every_fill_but_the_darkest() -> None:
    # an area's shape shows by its outline on the white background, on the empty and the
    # grey areas and on the lighter three quarters of the scale; on the dark end the fill
    # itself has more than 3:1 against white
    for colour in _scale_colours(maps.COLORSCALE):
        assert (
            contrast(maps.OUTLINE_COLOUR, colour) >= 3.0
            or contrast(colour, style.BACKGROUND) >= 3.0
        ), colour
    assert contrast(maps.OUTLINE_COLOUR, maps.MISSING_COLOUR) >= 3.0


def test_no_data_and_fewer_than_five_differ_by_3_to_1() -> None:
    assert contrast(maps.MISSING_COLOUR, maps.SUPPRESSED_COLOUR) >= 3.0
    assert contrast(maps.SUPPRESSED_COLOUR, style.BACKGROUND) >= 3.0


@pytest.mark.parametrize("vision", list(VISION))
@pytest.mark.parametrize("colour", [maps.MISSING_COLOUR, maps.SUPPRESSED_COLOUR])
def test_no_data_colours_are_not_on_the_scale(colour: str, vision: str) -> None:
    closest = min(distance(colour, c, vision) for c in _scale_colours(maps.COLORSCALE))
    assert closest > 5, f"{colour} looks like a colour of the scale ({vision})"


def test_the_selected_area_stands_out_from_the_scale() -> None:
    closest = min(
        distance(maps.SELECTED_OUTLINE, c, "normaal") for c in _scale_colours(maps.COLORSCALE)
    )
    assert closest > 10


def test_a_key_hint_on_a_primary_button_has_4_5_to_1() -> None:
    # the presentation's "Volgende →": the caption grey on the theme's red was all but invisible
    config = Path(__file__).parents[2] / ".streamlit" / "config.toml"
    primary = tomllib.loads(config.read_text())["theme"]["primaryColor"]
    assert contrast(a11y.ON_PRIMARY_COLOUR, primary) >= 4.5
    assert contrast(a11y.CAPTION_COLOUR, primary) < 3  # what it was
