"""Charts of the Continuïteit screen: the survival curve per rol and the timeline of spells."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.display import formatting as fmt
from dashboard.display.charts.style import (
    _HOVER,
    BLACK,
    DAYS_PER_YEAR,
    LINE_DASHES,
    ROL_COLOURS,
    SMALL_FONT_SIZE,
    _bar_height,
    _empty,
    _floats,
    _month_ticks,
    _require,
    _rol_order,
    _style,
    rol_label,
)
from dashboard.display.text import html
from dashboard.i18n import N_, _

# Above this many censored durations on one curve, no tick marks (see survival_chart).
MAX_CENSOR_MARKS = 60

# The timeline shows the period and this many years before it (or less, from the first
# start): a team lead's history of 13 years left the last year 30 pixels wide at 1024.
# A bar that started earlier enters from the left edge; its hover has its start.
CONTEXT_YEARS = 4
# Room right of the peildatum for the days of a rol unfilled on it, as a share of the axis.
OPEN_GAP_ROOM = 0.25
# Left of a gap's line, its days need about this share of the axis; with less room there
# (a rol unfilled from the axis' first day) they go above the line's start.
LABEL_ROOM = 0.2
# The period behind the bars: a grey light enough for black text and every rol's colour.
PERIOD_SHADE = "#EDEDED"


def survival_chart(curve: pd.DataFrame, names: dict[str, str] | None = None) -> go.Figure:
    """Kaplan–Meier step curves of tenure, one per rol (and per gebied when there are several)."""
    # the screen's heading asks "Hoe lang blijven professionals?"; the chart says what it draws
    title = N_("Aandeel dat na zoveel jaar nog in de wijk werkt")
    if curve.empty:
        return _empty(title)
    _require(
        curve,
        ("gebiedscode", "rol", "dagen", "at_risk", "vertrekken", "gecensureerd", "overleving"),
        "de verblijfsduurcurve",
    )
    names = names or {}
    codes = list(dict.fromkeys(curve["gebiedscode"]))
    fig = go.Figure()
    for area_number, code in enumerate(codes):
        area = curve[curve["gebiedscode"] == code]
        for rol in _rol_order(area["rol"]):
            rows = area[area["rol"] == rol].sort_values("dagen")
            name = rol_label(rol)
            if len(codes) > 1:
                name = f"{name} – {html(names.get(code, code))}"
            years = [float(d) / DAYS_PER_YEAR for d in rows["dagen"]]
            survival = _floats(rows["overleving"])
            hover = [f"<b>{name}</b><br>" + _("Bij de start: 100% in de wijk")] + [
                f"<b>{name}</b><br>"
                + _("Na {years} jaar: {share} nog in de wijk").format(
                    years=fmt.number(y, 1), share=fmt.percentage(None if s is None else 100 * s)
                )
                + "<br>"
                + _(
                    "Zo lang gevolgd: {n}, van wie {left} toen vertrok en {present} er nog werkt"
                ).format(n=fmt.number(n), left=fmt.number(v), present=fmt.number(c))
                for y, s, n, v, c in zip(
                    years,
                    survival,
                    rows["at_risk"],
                    rows["vertrekken"],
                    rows["gecensureerd"],
                    strict=True,
                )
            ]
            colour = ROL_COLOURS.get(rol, BLACK)
            # Censored spells get the usual tick mark on the curve; other points stay invisible.
            # Pooled over a country there are hundreds: the marks then merge into a band
            # that hides the line, so such a curve goes without them (the hover still counts).
            censored = [c > 0 for c in rows["gecensureerd"]]
            mark = 12 if sum(censored) <= MAX_CENSOR_MARKS else 0
            ticks = [0] + [mark if c else 0 for c in censored]
            fig.add_trace(
                go.Scatter(
                    x=[0.0, *years],
                    y=[1.0, *survival],
                    mode="lines+markers",
                    line={
                        "shape": "hv",
                        "color": colour,
                        "width": 3,
                        "dash": LINE_DASHES[area_number % len(LINE_DASHES)],
                    },
                    marker={
                        "symbol": "line-ns-open",
                        "size": ticks,
                        "color": colour,
                        "line": {"width": 2, "color": colour},
                    },
                    name=name,
                    hovertext=hover,
                    hovertemplate=_HOVER,
                )
            )
    fig.add_hline(
        y=0.5,
        line={"dash": "dash", "color": "#555555", "width": 2},
        annotation_text=_("mediaan"),
        # under the line at the left: the curves start at 100% there, so nothing covers it
        annotation_position="bottom left",
        annotation_font_size=SMALL_FONT_SIZE,
    )
    fig.update_yaxes(range=[0, 1.05], tickformat=".0%")
    fig.update_xaxes(rangemode="tozero")
    return _style(
        fig, title, N_("Verblijfsduur (jaren)"), N_("Nog in de wijk"), legend_title=N_("Rol")
    )


def spell_timeline(
    spells: pd.DataFrame, reference_date: date, period_start: date | None = None
) -> go.Figure:
    """Timeline of spells by label and rol, to the peildatum; the period shaded, gaps marked."""
    title = N_("Wie was wanneer in de wijk")
    if spells.empty:
        return _empty(title)
    _require(spells, ("label", "rol", "startdatum", "einddatum"), "de tijdlijn")
    reference = pd.Timestamp(reference_date)
    df = spells.copy()
    df["start"] = pd.to_datetime(df["startdatum"])
    df["eind"] = pd.to_datetime(df["einddatum"])
    df["lopend"] = df["eind"].isna()
    # An ongoing spell is drawn up to the peildatum; a planned end after it is drawn as planned.
    df["getekend_eind"] = df["eind"].fillna(reference)
    df["getekend_eind"] = df["getekend_eind"].where(df["getekend_eind"] >= df["start"], df["start"])
    # verblijfsduur as in docs/DESIGN.md §5: start to the earlier of end and peildatum, both included.
    counted_end = df["eind"].fillna(reference).clip(upper=reference)  # type: ignore[call-overload]  # pandas-stubs: no Timestamp bound
    df["verblijf_dagen"] = ((counted_end - df["start"]).dt.days + 1).clip(lower=0)
    # Labels are letters per wijk and rol: with several wijken, "Opbouwwerker A" of one wijk
    # is not the same person as in the next, so the row also names the wijk.
    # A label is "Opbouwwerker A" or, for a team lead, a professional's name: text from data,
    # so escaped (Plotly reads tags such as <a href> in tick and hover text).
    df["label"] = [html(label) for label in df["label"]]
    df["rij"] = df["label"]
    if "wijknaam" in df and df["wijknaam"].nunique(dropna=True) > 1:
        df["rij"] = [
            label if fmt.is_missing(w) else f"{label} · {html(w)}"
            for label, w in zip(df["label"], df["wijknaam"], strict=True)
        ]
    df = df.sort_values(["start", "rij"])

    start = None if period_start is None else pd.Timestamp(period_start)
    gaps = vacancies(df, reference, start)
    day = pd.Timedelta(days=1)
    # a gap is told in the hover (and so the table) of the spell it ends or follows
    listed: list[Any] = list(gaps.itertuples(index=False))  # itertuples has no column types
    # by rol too: a named professional in two rollen of one wijk has one row for both
    before = {(g.rol, g.rij, g.tot + day): g for g in listed if not g.open}
    after = {(g.rol, g.rij, g.van - day): g for g in listed if g.open}
    fig = go.Figure()
    for rol in _rol_order(df["rol"]):
        rows = df[df["rol"] == rol]
        hover = []
        periods: list[str] = []
        row: Any  # a row of `df` (itertuples gives no column types)
        for row in rows.itertuples(index=False):
            if row.lopend:
                end_text = _("lopend")
            elif row.eind > reference:
                end_text = _("{date} (gepland)").format(date=fmt.dutch_date(row.eind.date()))
            else:
                end_text = fmt.dutch_date(row.eind.date())
            # the bar's period: in the hover, and as the table under the chart shows it (not
            # drawn on the bar)
            span = f"{fmt.dutch_date(row.start.date())} – {end_text}"
            periods.append(span)
            wijknaam = getattr(row, "wijknaam", None)
            where = "" if fmt.is_missing(wijknaam) else f" · {html(wijknaam)}"
            text = f"<b>{row.label}</b><br>{rol_label(rol)}{where}<br>{span}<br>" + _(
                "Verblijfsduur: {years}"
            ).format(years=fmt.duration(row.verblijf_dagen))
            if (rol, row.rij, row.start) in before:
                text += "<br>" + _("Ervoor onbezet: {when}").format(
                    when=_when(before[(rol, row.rij, row.start)])
                )
            if not row.lopend and (rol, row.rij, row.eind) in after:
                text += "<br>" + _("Daarna onbezet: {when}").format(
                    when=_when(after[(rol, row.rij, row.eind)])
                )
            hover.append(text)
        fig.add_trace(
            go.Bar(
                base=list(rows["start"]),
                x=[
                    (e - s) / pd.Timedelta(milliseconds=1)
                    for s, e in zip(rows["start"], rows["getekend_eind"], strict=True)
                ],
                y=list(rows["rij"]),
                orientation="h",
                name=rol_label(rol),
                marker={"color": ROL_COLOURS.get(rol, BLACK)},
                text=periods,
                textposition="none",
                hovertext=hover,
                hovertemplate=_HOVER,
            )
        )
    # Earliest start on top: Plotly puts the first category at the bottom.
    labels = list(dict.fromkeys(df["rij"]))
    fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1], ticklabelstandoff=8)
    first = df["start"].min()
    if start is not None:
        # from the period's first day at least: a rol unfilled then is drawn from it
        first = min(max(first, start - pd.DateOffset(years=CONTEXT_YEARS)), start)
    last = max(df["getekend_eind"].max(), reference)
    tickvals, ticktext = _month_ticks(first, last)
    # room right of the peildatum for the days of a rol unfilled on it
    room = (last - first) * OPEN_GAP_ROOM if gaps["open"].any() else pd.Timedelta(0)
    # a little space left of the first start, as Plotly's own range has
    fig.update_xaxes(
        type="date",
        tickvals=tickvals,
        ticktext=ticktext,
        range=[first - (last - first) * 0.01, last + room + (last - first) * 0.01],
    )
    _add_vacancies(fig, gaps, first, last)
    if start is not None:
        # the period the screen is about, behind the bars
        fig.add_shape(
            type="rect",
            x0=start,
            x1=reference,
            y0=0,
            y1=1,
            xref="x",
            yref="paper",
            fillcolor=PERIOD_SHADE,
            line={"width": 0},
            layer="below",
        )
    # add_vline's own annotation does not accept dates, so line and label are added apart.
    fig.add_shape(
        type="line",
        x0=reference,
        x1=reference,
        y0=0,
        y1=1,
        xref="x",
        yref="paper",
        line={"dash": "dash", "color": "#333333", "width": 2},
    )
    fig.add_annotation(
        x=reference,
        y=1,
        xref="x",
        yref="paper",
        # the date itself: "peildatum" is not a word people use
        text=fmt.dutch_date(reference.date()),
        showarrow=False,
        yanchor="bottom",
        # ending at the line: centred on it, half the date fell off a 1024-pixel screen
        xanchor="right",
        font={"size": SMALL_FONT_SIZE},
    )
    # the table under the chart: its rows are professionals, its values periods
    fig.update_layout(barmode="overlay", meta={"table_category": _("Professional")})
    return _style(fig, title, None, None, _bar_height(len(labels)), legend_title=N_("Rol"))


def vacancies(
    spells: pd.DataFrame, reference: pd.Timestamp, start: pd.Timestamp | None = None
) -> pd.DataFrame:
    """The gaps in each rol of a timeline's spells (columns rol, start, eind, rij): one row
    per gap, with its first and last unfilled day (`van`, `tot`), its `dagen`, the timeline
    row it is drawn on (`rij`) and whether it is still `open` on the `reference` day.

    Counted as `onbezet_dagen` counts them (docs/DESIGN.md §5): the days of the period
    (`start` up to and including `reference`; without `start`, from the first start) on
    which no spell of the rol ran, overlapping spells covering a day once, so that a rol's
    gaps add up to its "Onbezette dagen". A gap before a spell is drawn on that spell's row
    (from the period's first day when the rol had nobody then); a gap still open on the
    reference day, as the signal `rol_onbezet` counts it, on the row of the spell that
    ended last.
    """
    found: list[dict[str, Any]] = []
    for rol, rows in spells.sort_values(["start", "rij"]).groupby("rol", sort=False):
        # the last day covered so far; before the first spell, the day before the period
        covered: pd.Timestamp | None = None if start is None else start - pd.Timedelta(days=1)
        ongoing = False  # a spell so far has no end: the rol stays filled
        last_row = None  # the row of the spell that covers `covered`
        row: Any  # a row of `spells` (itertuples gives no column types)
        for row in rows.itertuples(index=False):
            if row.start > reference:  # planned after the peildatum (and so every later one)
                break
            if covered is not None and not ongoing:
                days = (row.start - covered).days - 1
                if days > 0:
                    found.append(_gap(rol, row.rij, covered, row.start, days, False))
            if pd.isna(row.eind):
                ongoing = True
            elif covered is None or row.eind >= covered:
                covered, last_row = row.eind, row.rij
        if last_row is not None and not ongoing and covered is not None and covered < reference:
            found.append(_gap(rol, last_row, covered, reference, (reference - covered).days, True))
    columns = ["rol", "rij", "van", "tot", "dagen", "open"]
    return pd.DataFrame(found, columns=columns)


def _gap(
    rol: object, rij: object, end: pd.Timestamp, until: pd.Timestamp, days: int, still_open: bool
) -> dict[str, Any]:
    """One row of `vacancies`: unfilled from the day after `end`; up to the day before
    `until` (a successor's start) or, still open, up to and including `until`."""
    last = until if still_open else until - pd.Timedelta(days=1)
    return {
        "rol": rol,
        "rij": rij,
        "van": end + pd.Timedelta(days=1),
        "tot": last,
        "dagen": days,
        "open": still_open,
    }


def _when(gap: Any) -> str:
    """A gap of `vacancies` in words: "1 jul 2021 – 31 dec 2022 (549 dagen)", or still open
    "sinds 1 jul 2021 (1.280 dagen)"."""
    if gap.open:
        return _("sinds {date} ({days})").format(
            date=fmt.dutch_date(gap.van.date()), days=fmt.days(gap.dagen)
        )
    return _("{start} – {end} ({days})").format(
        start=fmt.dutch_date(gap.van.date()),
        end=fmt.dutch_date(gap.tot.date()),
        days=fmt.days(gap.dagen),
    )


def _add_vacancies(
    fig: go.Figure, gaps: pd.DataFrame, first: pd.Timestamp, last: pd.Timestamp
) -> None:
    """The gaps of `vacancies` as a dotted line from the end of one bar (or the period's
    first day) to the start of the next (or to the peildatum), one legend entry for all,
    and each gap's days beside its line: left of it, on the row of the spell after it, where
    that row has nothing yet; over the line's start where the axis (`first` to `last`)
    leaves no room left of it; right of the peildatum for a gap still open.

    The lines have no hover of their own: the bars' hovers tell each gap (and so the table
    under the chart, one row per spell, where a line would give a row per end)."""
    if gaps.empty:
        return
    day = pd.Timedelta(days=1)
    span = last - first
    apart = span * 0.006  # between a line and its text
    xs: list[Any] = []
    ys: list[Any] = []
    places: list[tuple[pd.Timestamp, str]] = []
    listed: list[Any] = list(gaps.itertuples(index=False))  # itertuples has no column types
    for gap in listed:
        # a bar ends at the start of its last day, the next starts at the start of its first
        begin = gap.van - day
        xs += [begin, gap.tot if gap.open else gap.tot + day, None]
        ys += [gap.rij, gap.rij, None]
        if gap.open:
            places.append((gap.tot + apart, "middle right"))
        elif begin - first < span * LABEL_ROOM:
            places.append((begin + apart, "top right"))
        else:
            places.append((begin - apart, "middle left"))
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            line={"color": BLACK, "width": 2, "dash": "dot"},
            name=_("Rol onbezet"),
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[x for x, _position in places],
            y=list(gaps["rij"]),
            mode="text",
            text=[_("{days} onbezet").format(days=fmt.days(d)) for d in gaps["dagen"]],
            textposition=[position for _x, position in places],
            textfont={"size": SMALL_FONT_SIZE, "color": BLACK},
            showlegend=False,
            hoverinfo="skip",
            cliponaxis=False,
        )
    )
