"""Charts of the Bereik screen: reach per month, per type of activity, partners."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.display import formatting as fmt
from dashboard.display.charts.style import (
    _HOVER,
    BLUE,
    GREY,
    LINE_COLOURS,
    LINE_DASHES,
    PATTERN_COLOUR,
    SOORT_STYLES,
    TREND_MEASURES,
    _allowed,
    _bar_axes,
    _bar_height,
    _capitalise,
    _empty,
    _floats,
    _month_text,
    _month_ticks,
    _person_floats,
    _require,
    _style,
)
from dashboard.display.labels import SOORT_LABELS
from dashboard.display.text import html
from dashboard.i18n import N_, _


def trend_chart(
    per_maand: pd.DataFrame,
    measure: str = "deelnames",
    names: dict[str, str] | None = None,
) -> go.Figure:
    """Line chart of one reach measure per month, one line per gebied."""
    _allowed(measure, TREND_MEASURES)
    label = TREND_MEASURES[measure]
    title = _("{measure} per maand").format(measure=label)
    if per_maand.empty:
        return _empty(title)
    _require(per_maand, ("gebiedscode", "maand", measure), "de trend")
    names = names or {}
    # Counts of people follow the small-number rule; bijeenkomsten are sessions, not people.
    as_text = fmt.number if measure == "bijeenkomsten" else fmt.persons

    fig = go.Figure()
    codes = list(dict.fromkeys(per_maand["gebiedscode"]))
    for i, code in enumerate(codes):
        rows = per_maand[per_maand["gebiedscode"] == code].sort_values("maand")
        months = pd.to_datetime(rows["maand"])
        # an area's name is text from data: escaped, so Plotly reads no tags in it
        name = html(names.get(code, code))
        values = rows[measure].tolist()
        # an area's deelnames per month add up to its total shown beside the chart: a month
        # hidden beside a small one (fmt.hidden_parts) has no point and says so
        if measure == "deelnames":
            marked = rows[HIDDEN_COLUMN].astype(bool).tolist() if HIDDEN_COLUMN in rows else None
            keys = [m.isoformat() for m in months.dt.date]
            texts = fmt.part_texts(values, marked, keys=keys)
            hidden = fmt.hidden_parts(values, already=marked, keys=keys)
        else:
            texts, hidden = [as_text(v) for v in values], [False] * len(values)
        hover = [
            f"<b>{name}</b><br>{_month_text(m)}<br>{label}: {t}"
            for m, t in zip(months, texts, strict=True)
        ]
        points = (
            _floats(rows[measure]) if measure == "bijeenkomsten" else _person_floats(rows[measure])
        )
        colour = LINE_COLOURS[i % len(LINE_COLOURS)]
        dash = LINE_DASHES[(i // len(LINE_COLOURS)) % len(LINE_DASHES)]
        fig.add_trace(
            go.Scatter(
                x=list(months),
                y=[None if h else v for v, h in zip(points, hidden, strict=True)],
                mode="lines+markers",
                name=name,
                line={"color": colour, "width": 3, "dash": dash},
                marker={"size": 8, "color": colour},
                hovertext=hover,
                hovertemplate=_HOVER,
            )
        )
    months = pd.to_datetime(per_maand["maand"])
    tickvals, ticktext = _month_ticks(months.min(), months.max())
    fig.update_xaxes(tickvals=tickvals, ticktext=ticktext)
    fig.update_yaxes(rangemode="tozero", tickformat=",d")
    fig.update_layout(showlegend=len(codes) > 1)
    return _style(fig, title, N_("Maand"), label)


# a bool column of per_type: the type's count is hidden for a reason outside the chart
HIDDEN_COLUMN = "verborgen"


def type_chart(per_type: pd.DataFrame) -> go.Figure:
    """Horizontal bars of deelnames per activity type, largest on top."""
    title = N_("Deelnames per type activiteit")
    if per_type.empty:
        return _empty(title)
    _require(per_type, ("type", "bijeenkomsten", "deelnames"), "de activiteitstypen")
    totals = per_type.groupby("type", as_index=False)[["bijeenkomsten", "deelnames"]].sum()
    # a type hidden for another reason (the Wijkprofiel's, when the area's own total is hidden)
    marked = per_type.groupby("type")[HIDDEN_COLUMN].any() if HIDDEN_COLUMN in per_type else None
    # Plotly draws the first category at the bottom: ascending puts the largest on top.
    totals = totals.sort_values(["deelnames", "type"], ascending=[True, False])
    already = None if marked is None else [bool(marked[t]) for t in totals["type"]]
    # the types add up to the deelnames shown beside the chart: a small count is hidden
    # together with the smallest other one (formatting.hidden_parts)
    names = totals["type"].astype(str).tolist()
    texts = fmt.part_texts(totals["deelnames"].tolist(), already, keys=names)
    hidden = fmt.hidden_parts(totals["deelnames"].tolist(), already=already, keys=names)
    lengths = [
        None if h else v for v, h in zip(_person_floats(totals["deelnames"]), hidden, strict=True)
    ]
    hover = [
        f"<b>{html(_capitalise(t))}</b><br>"
        + _("Deelnames: {n}").format(n=n)
        + "<br>"
        + _("Bijeenkomsten: {n}").format(n=fmt.number(b))
        for t, n, b in zip(totals["type"], texts, totals["bijeenkomsten"], strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=lengths,
            y=[html(_capitalise(t)) for t in totals["type"]],
            orientation="h",
            marker={"color": BLUE},
            text=texts,
            textposition="outside",
            cliponaxis=False,
            hovertext=hover,
            hovertemplate=_HOVER,
            name=_("Deelnames"),
        )
    )
    fig.update_xaxes(tickformat=",d", rangemode="tozero")
    # the axis range from the shown values only: a range from a suppressed count gives it back
    _bar_axes(fig, lengths, [t for t, v in zip(texts, lengths, strict=True) if v is not None])
    fig.update_layout(showlegend=False)
    return _style(fig, title, N_("Deelnames"), None, _bar_height(len(totals)))


def partner_chart(partners: pd.DataFrame) -> go.Figure:
    """Horizontal bars of bijeenkomsten per partner organisation, coloured by soort."""
    title = N_("Bijeenkomsten per partnerorganisatie")
    if partners.empty:
        return _empty(title)
    _require(partners, ("partner", "soort", "bijeenkomsten"), "de partners")
    keys = (
        ["organisatie_id", "partner", "soort"]
        if "organisatie_id" in partners
        else ["partner", "soort"]
    )
    totals = partners.groupby(keys, as_index=False)[["bijeenkomsten"]].sum()
    # Two organisations may share a name; their bars must not merge into one category.
    doubles = totals["partner"].duplicated(keep=False)
    if "organisatie_id" in totals:
        totals["label"] = [
            html(f"{p} ({o})" if d else p)
            for p, o, d in zip(totals["partner"], totals["organisatie_id"], doubles, strict=True)
        ]
    else:
        totals["label"] = [html(p) for p in totals["partner"]]
    totals = totals.sort_values(["bijeenkomsten", "label"], ascending=[True, False])

    fig = go.Figure()
    soorten = sorted(
        set(totals["soort"]),
        key=lambda s: (list(SOORT_STYLES).index(s) if s in SOORT_STYLES else len(SOORT_STYLES), s),
    )
    for soort in soorten:
        rows = totals[totals["soort"] == soort]
        colour, pattern = SOORT_STYLES.get(soort, (GREY, "x"))
        soort_label = SOORT_LABELS.get(soort, html(_capitalise(soort)))
        fig.add_trace(
            go.Bar(
                x=_floats(rows["bijeenkomsten"]),
                y=list(rows["label"]),
                orientation="h",
                name=soort_label,
                marker={
                    "color": colour,
                    "pattern": {"shape": pattern, "fgcolor": PATTERN_COLOUR},
                    "line": {"color": "#333333", "width": 1},
                },
                text=[fmt.number(b) for b in rows["bijeenkomsten"]],
                textposition="outside",
                cliponaxis=False,
                hovertext=[
                    f"<b>{html(p)}</b><br>"
                    + _("Soort: {kind}").format(kind=soort_label)
                    + "<br>"
                    + _("Bijeenkomsten: {n}").format(n=fmt.number(b))
                    for p, b in zip(rows["partner"], rows["bijeenkomsten"], strict=True)
                ],
                hovertemplate=_HOVER,
            )
        )
    fig.update_yaxes(categoryorder="array", categoryarray=list(totals["label"]))
    fig.update_xaxes(tickformat=",d", rangemode="tozero")
    _bar_axes(
        fig, _floats(totals["bijeenkomsten"]), [fmt.number(b) for b in totals["bijeenkomsten"]]
    )
    return _style(
        fig, title, N_("Bijeenkomsten"), None, _bar_height(len(totals)), N_("Soort organisatie")
    )
