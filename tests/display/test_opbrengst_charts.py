"""The Opbrengst charts: the connected scatter (paths_chart), where the year labels go, so they
never print over each other; the before-and-after bars (history_chart)."""

from __future__ import annotations

import pandas as pd

from dashboard.display.charts import opbrengst as opbrengst_charts
from dashboard.display.charts.opbrengst import paths_chart


def _labels(points: list[tuple[str, int, float, float]]) -> dict[str, list[str]]:
    fig = paths_chart(pd.DataFrame(points, columns=["naam", "jaar", "x", "y"]), "x", "y")
    return {trace.name: list(trace.text) for trace in fig.data}


def test_paths_ending_in_the_last_year_carry_no_label() -> None:
    # three wijken end in 2025 at the same point (0, 20): three "2025" would print there
    # on top of each other; the arrowhead says "last year" and the caption names it
    labels = _labels(
        [
            ("A", 2024, 100, 10),
            ("A", 2025, 0, 20),
            ("B", 2024, 100, 30),
            ("B", 2025, 0, 20),
            ("C", 2024, 0, 40),
            ("C", 2025, 0, 20),
        ]
    )
    assert labels == {"A": ["", ""], "B": ["", ""], "C": ["", ""]}


def test_a_path_ending_early_names_its_year_once_per_spot() -> None:
    # D and E end in 2022 at (0, 20) and (1, 20.5): within 6% of both spans (x 0..100, y
    # 10..40: 6 and 1.8) of each other, so only the first (D, by name) is labelled; F ends in
    # 2023 far away (100, 40) and is labelled too; G reaches 2025, the last year: no label
    labels = _labels(
        [
            ("D", 2021, 100, 10),
            ("D", 2022, 0, 20),
            ("E", 2021, 50, 30),
            ("E", 2022, 1, 20.5),
            ("F", 2022, 50, 20),
            ("F", 2023, 100, 40),
            ("G", 2024, 50, 25),
            ("G", 2025, 60, 26),
        ]
    )
    assert labels == {"D": ["", "2022"], "E": ["", ""], "F": ["", "2023"], "G": ["", ""]}


def test_each_path_ends_in_an_arrowhead_along_its_last_step() -> None:
    fig = paths_chart(
        pd.DataFrame(
            [("A", 2021, 0, 1), ("A", 2022, 1, 2), ("A", 2023, 2, 1), ("B", 2023, 5, 5)],
            columns=["naam", "jaar", "x", "y"],
        ),
        "x",
        "y",
    )
    a, b = fig.data
    assert list(a.marker.symbol) == ["circle", "circle", "arrow"]
    assert a.marker.angleref == "previous"
    # a single point has no direction: a plain dot
    assert list(b.marker.symbol) == ["circle"]


def test_the_before_and_after_bars_name_their_months_on_a_line_of_their_own():
    """Stood at 45°, the long period labels took half a slide and ran off the PowerPoint's
    picture ("12 maanden ervoor (oktober 2022 – s…")."""
    fig = opbrengst_charts.history_chart(
        "Bereik per 1.000 inwoners",
        12.1,
        8.6,
        ("12 maanden ervoor (oktober 2022 – september 2023)", "12 maanden erna (nov – okt)"),
        ("12,1", "8,6"),
    )
    assert list(fig.data[0].x) == [
        "12 maanden ervoor<br>(oktober 2022 – september 2023)",
        "12 maanden erna<br>(nov – okt)",
    ]
    assert fig.layout.xaxis.tickangle == 0
