"""Charts of the Dekking screen: need against coverage (quadrant) and the need indicators."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.display import formatting as fmt
from dashboard.display.charts.style import (
    _HOVER,
    BLACK,
    BLUE,
    GREEN,
    GREY,
    SELECTED_OUTLINE_WIDTH,
    SMALL_FONT_SIZE,
    VERMILLION,
    _bar_axes,
    _bar_height,
    _capitalise,
    _empty,
    _floats,
    _require,
    _style,
    _wrap,
)
from dashboard.display.labels import KWADRANT_LABELS
from dashboard.display.text import html
from dashboard.domain.codes import HIGH_NEED_LOW_COVERAGE, kwadrant
from dashboard.i18n import N_, _, ngettext

# The need indicators' descriptions as migration 0002 stores them, for the catalogue (an
# administrator may change them; a description not in the catalogue is shown as written).
DEFAULT_INDICATOR_TEXTS = (
    N_("Huishoudens met een laag inkomen (%)"),
    N_("Gemiddeld inkomen per inwoner (x 1.000 euro)"),
    N_("Eenpersoonshuishoudens (%)"),
    N_("Inwoners van 65 jaar en ouder (%)"),
)

# Legend order and style per kwadrant: (colour, marker symbol, marker size).
KWADRANT_STYLES: dict[str, tuple[str, str, int]] = {
    HIGH_NEED_LOW_COVERAGE: (VERMILLION, "diamond", 22),
    "hoge_behoefte_hoge_dekking": (BLUE, "circle", 14),
    "lage_behoefte_lage_dekking": (GREY, "circle", 14),
    "lage_behoefte_hoge_dekking": (GREEN, "circle", 14),
}

# Where a point's name goes, in order of preference, when a neighbour already took a place.
LABEL_PLACES = ("top center", "bottom center", "middle right", "middle left")
# Two points are neighbours when they are this close, as a share of each axis's span:
# wider across, because a name is much wider than it is high.
NEIGHBOUR_SHARE_X = 0.2
NEIGHBOUR_SHARE_Y = 0.08


def label_positions(xs: list[float], ys: list[float]) -> list[str]:
    """A text position per point so that the names of points close together do not overlap.

    Points are placed from left to right; each takes the first place in LABEL_PLACES that
    no neighbour has taken yet (two wijken with the same need and no opbouwwerk, for
    example, get their names above and below).
    """
    span_x = (max(xs) - min(xs)) or 1.0 if xs else 1.0
    span_y = (max(ys) - min(ys)) or 1.0 if ys else 1.0
    places = ["top center"] * len(xs)
    done: list[int] = []
    for i in sorted(range(len(xs)), key=lambda k: (xs[k], ys[k])):
        taken = {
            places[j]
            for j in done
            if abs(xs[j] - xs[i]) < NEIGHBOUR_SHARE_X * span_x
            and abs(ys[j] - ys[i]) < NEIGHBOUR_SHARE_Y * span_y
        }
        places[i] = next((p for p in LABEL_PLACES if p not in taken), LABEL_PLACES[0])
        done.append(i)
    return places


def quadrant_chart(dekking: pd.DataFrame, selected: str | None = None) -> go.Figure:
    """Scatter of need against opbouwwerk coverage per wijk, split at the medians."""
    title = N_("Behoefte en dekking van opbouwwerk per wijk")
    x_title = N_("Behoefte-index (z-score)")
    y_title = N_("Fte opbouwwerk per 10.000 inwoners")
    if dekking.empty:
        return _empty(title)
    _require(
        dekking,
        ("gebiedscode", "naam", "behoefte_index", "fte_per_10000", "kwadrant"),
        "het kwadrant",
    )
    missing = dekking["behoefte_index"].isna() | dekking["fte_per_10000"].isna()
    n_missing = int(missing.sum())
    missing_text = ngettext(
        "{n} wijk zonder gegevens", "{n} wijken zonder gegevens", n_missing
    ).format(n=n_missing)
    shown = dekking[~missing]
    if shown.empty:
        return _empty(title, missing_text)

    # Each median over the wijken that have that value, as the dekking model splits.
    median_x = float(dekking["behoefte_index"].dropna().astype(float).median())
    median_y = float(dekking["fte_per_10000"].dropna().astype(float).median())

    def code(row: pd.Series) -> str:
        if not fmt.is_missing(row["kwadrant"]):
            return str(row["kwadrant"])
        return kwadrant(row["behoefte_index"] > median_x, row["fte_per_10000"] > median_y)

    shown = shown.assign(
        _kwadrant=shown.apply(code, axis=1),
        _label=label_positions(
            shown["behoefte_index"].astype(float).tolist(),
            shown["fte_per_10000"].astype(float).tolist(),
        ),
    )
    fig = go.Figure()
    for name, (colour, symbol, size) in KWADRANT_STYLES.items():
        rows = shown[shown["_kwadrant"] == name]
        hover = []
        for row in rows.to_dict("records"):
            lines = [
                f"<b>{html(row['naam'])}</b>",
                _capitalise(KWADRANT_LABELS[name]),
                _("Behoefte-index: {value}").format(value=fmt.number(row["behoefte_index"], 2)),
                _("Fte per 10.000 inwoners: {value}").format(
                    value=fmt.number(row["fte_per_10000"], 2)
                ),
            ]
            if "inwoners" in row:
                lines.append(_("Inwoners: {n}").format(n=fmt.persons(row["inwoners"])))
            no_work = row.get("zonder_opbouwwerk")
            if not fmt.is_missing(no_work) and bool(no_work):
                lines.append(_("Geen opbouwwerk in deze periode"))
            hover.append("<br>".join(lines))
        fig.add_trace(
            go.Scatter(
                # Plotly drops a trace without points from the legend; one empty point keeps it.
                x=_floats(rows["behoefte_index"]) or [None],
                y=_floats(rows["fte_per_10000"]) or [None],
                mode="markers+text",
                name=_capitalise(KWADRANT_LABELS[name]),
                text=[html(n) for n in rows["naam"]],
                textposition=list(rows["_label"]) or "top center",
                textfont={"size": SMALL_FONT_SIZE},
                customdata=list(rows["gebiedscode"]),
                marker={
                    "color": colour,
                    "symbol": symbol,
                    "size": size,
                    "line": {"width": 1, "color": "#FFFFFF"},
                },
                hovertext=hover,
                hovertemplate=_HOVER,
            )
        )
    # The selected wijk's outline is its own trace, so the legend keeps the plain kwadrant markers.
    chosen = shown[shown["gebiedscode"] == selected] if selected is not None else shown.iloc[0:0]
    if not chosen.empty:
        picked = chosen.iloc[0]
        _colour, symbol, size = KWADRANT_STYLES.get(picked["_kwadrant"], (BLACK, "circle", 14))
        fig.add_trace(
            go.Scatter(
                x=[float(picked["behoefte_index"])],
                y=[float(picked["fte_per_10000"])],
                mode="markers",
                name=_("Gekozen: {area}").format(area=html(picked["naam"])),
                customdata=[picked["gebiedscode"]],
                marker={
                    "symbol": symbol,
                    "size": size + 8,
                    "color": "rgba(0, 0, 0, 0)",
                    "line": {"width": SELECTED_OUTLINE_WIDTH, "color": BLACK},
                },
                showlegend=False,
                hoverinfo="skip",
            )
        )
    median_line = {"dash": "dash", "color": "#555555", "width": 2}
    fig.add_vline(
        x=median_x,
        line=median_line,
        annotation_text=_("mediaan"),
        annotation_position="top",
        annotation_font_size=SMALL_FONT_SIZE,
    )
    fig.add_hline(
        y=median_y,
        line=median_line,
        annotation_text=_("mediaan"),
        # inside the plot: to the right of it the label was cut off at the figure's edge
        annotation_position="bottom right",
        annotation_font_size=SMALL_FONT_SIZE,
    )
    if n_missing:
        fig.add_annotation(
            text=missing_text,
            x=0,
            y=-0.18,
            xref="paper",
            yref="paper",
            xanchor="left",
            yanchor="top",
            showarrow=False,
            font={"size": SMALL_FONT_SIZE},
        )
    fig.update_layout(legend={"itemsizing": "constant"}, height=600)
    fig = _style(fig, title, x_title, y_title)
    fig.update_layout(margin={"b": 110 if n_missing else 60})
    return fig


def indicator_weights_chart(indicatoren: pd.DataFrame) -> go.Figure:
    """Horizontal bars of the need-index weights, labelled by the indicators' descriptions."""
    title = N_("Indicatoren in de behoefte-index")
    if indicatoren.empty:
        return _empty(title)
    _require(indicatoren, ("indicator", "gewicht", "richting", "omschrijving"), "de indicatoren")
    df = indicatoren.sort_values(["gewicht", "indicator"], ascending=[True, False])
    total = float(df["gewicht"].sum())
    labels: list[str] = []
    hover: list[str] = []
    for row in df.to_dict("records"):
        omgekeerd = int(row["richting"]) == -1
        # the default descriptions are in the catalogue; one an administrator wrote stays as written
        described = _(str(row["omschrijving"]))
        label = _("{indicator} (omgekeerd)").format(indicator=described) if omgekeerd else described
        labels.append(_wrap(label))  # escaped line by line
        direction = (
            _("lager = meer behoefte (omgekeerd)") if omgekeerd else _("hoger = meer behoefte")
        )
        hover.append(
            f"<b>{html(label)}</b><br>"
            + _("Gewicht: {weight} ({share} van het totaal)").format(
                weight=fmt.number(row["gewicht"], 2),
                share=fmt.percentage(100 * row["gewicht"] / total),
            )
            + "<br>"
            + _("Richting: {direction}").format(direction=direction)
        )
    fig = go.Figure(
        go.Bar(
            x=_floats(df["gewicht"]),
            y=labels,
            orientation="h",
            marker={"color": BLUE},
            text=[fmt.number(g, 2) for g in df["gewicht"]],
            textposition="outside",
            cliponaxis=False,
            hovertext=hover,
            hovertemplate=_HOVER,
            name=_("Gewicht"),
        )
    )
    fig.update_xaxes(rangemode="tozero")
    _bar_axes(fig, _floats(df["gewicht"]), [fmt.number(g, 2) for g in df["gewicht"]])
    fig.update_layout(showlegend=False)
    return _style(fig, title, N_("Gewicht"), None, _bar_height(len(df)))
