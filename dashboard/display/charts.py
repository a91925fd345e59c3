"""Pure chart functions: query DataFrames in, Dutch Plotly figures out (no Streamlit calls)."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from dashboard.display import formatting as fmt
from dashboard.display.labels import ROL_LABELS

EMPTY_TEXT = "Geen gegevens voor deze selectie"

# Readable on a projector at the back of a room: nothing below 14 px.
FONT_SIZE = 16
SMALL_FONT_SIZE = 14
TITLE_FONT_SIZE = 20

# Okabe–Ito: distinguishable with the common forms of colour blindness.
BLUE = "#0072B2"
ORANGE = "#E69F00"
GREEN = "#009E73"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
SKY_BLUE = "#56B4E9"
YELLOW = "#F0E442"
BLACK = "#000000"
GREY = "#999999"
# Yellow is left out for lines: too little contrast with a white background.
LINE_COLOURS: tuple[str, ...] = (BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY_BLUE, BLACK)
LINE_DASHES: tuple[str, ...] = ("solid", "dash", "dot", "dashdot")


# One colour per rol, the same in every chart.
ROL_COLOURS: dict[str, str] = {
    "opbouwwerker": BLUE,
    "maatschappelijk_werker": ORANGE,
    "jongerenwerker": GREEN,
    "wijkagent": PURPLE,
    "buurtteam": VERMILLION,
    "other": GREY,
}

SOORT_LABELS: dict[str, str] = {
    "welzijn": "Welzijn",
    "woningcorporatie": "Woningcorporatie",
    "buurtteam": "Buurtteam",
    "gemeente": "Gemeente",
    "politie": "Politie",
    "zorg": "Zorg",
    "onderwijs": "Onderwijs",
    "cultuur": "Cultuur",
    "bewonersgroep": "Bewonersgroep",
    "overig": "Overig",
}

# Ten soorten and eight Okabe–Ito colours: two soorten share a colour and differ by hatching.
SOORT_STYLES: dict[str, tuple[str, str]] = {
    "welzijn": (BLUE, ""),
    "woningcorporatie": (ORANGE, ""),
    "buurtteam": (GREEN, ""),
    "gemeente": (PURPLE, ""),
    "bewonersgroep": (VERMILLION, ""),
    "politie": (SKY_BLUE, ""),
    "zorg": (YELLOW, ""),
    "onderwijs": (BLACK, ""),
    "cultuur": (GREY, "/"),
    "overig": (GREY, ""),
}

TREND_MEASURES: dict[str, str] = {
    "deelnames": "Deelnames",
    "bijeenkomsten": "Bijeenkomsten",
    "unieke_deelnemers": "Unieke deelnemers",
}

CONTINUITY_MEASURES: dict[str, str] = {
    "mediane_verblijfsduur_dagen": "Mediane verblijfsduur (jaren)",
    "verloop_pct": "Verloop per jaar (%)",
    "gezichten": "Gezichten",
    "onbezet_dagen": "Onbezette dagen",
    "continuiteitsindex": "Continuïteitsindex (%)",
}

HIGH_NEED_LOW_COVERAGE = "hoge behoefte, lage dekking"
# Legend order and style per kwadrant: (colour, marker symbol, marker size).
KWADRANT_STYLES: dict[str, tuple[str, str, int]] = {
    HIGH_NEED_LOW_COVERAGE: (VERMILLION, "diamond", 22),
    "hoge behoefte, hoge dekking": (BLUE, "circle", 14),
    "lage behoefte, lage dekking": (GREY, "circle", 14),
    "lage behoefte, hoge dekking": (GREEN, "circle", 14),
}

SELECTED_OUTLINE_WIDTH = 4

DAYS_PER_YEAR = 365.25
_HOVER = "%{hovertext}<extra></extra>"


# --- shared helpers ---------------------------------------------------------


def _allowed(value: str, allowed: dict[str, str]) -> None:
    if value not in allowed:
        raise ValueError(f"Onbekende maat '{value}'. Kies uit: {', '.join(allowed)}.")


def _require(df: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"Voor {what} ontbreken de kolommen: {', '.join(missing)}.")


def _floats(values: pd.Series) -> list[float | None]:
    """Numbers as plain floats, NULL (NA/NaN) as None, so Plotly leaves a gap."""
    return [None if fmt.is_missing(v) else float(v) for v in values]


def _person_floats(values: pd.Series) -> list[float | None]:
    """Counts of persons as floats, with small numbers (1 to 4) left out so no bar or point shows them."""
    return [None if v is None or 0 < v < fmt.SMALL_NUMBER_THRESHOLD else v for v in _floats(values)]


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def rol_label(rol: str) -> str:
    """The Dutch display label of a rol ('maatschappelijk_werker' -> 'Maatschappelijk werker')."""
    return ROL_LABELS.get(rol, _capitalise(str(rol).replace("_", " ")))


def _rol_order(rollen: Iterable[str]) -> list[str]:
    known = list(ROL_LABELS)
    return sorted(set(rollen), key=lambda r: (known.index(r) if r in known else len(known), r))


def _month_text(value: pd.Timestamp) -> str:
    return f"{fmt.MONTHS[value.month - 1]} {value.year}"


def _month_ticks(
    first: pd.Timestamp, last: pd.Timestamp, max_ticks: int = 12
) -> tuple[list[pd.Timestamp], list[str]]:
    """Ticks at month starts with Dutch labels ('mrt 2025'; '2025' when ticks are a year or more apart)."""
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = next((s for s in (1, 2, 3, 6, 12, 24, 60, 120) if months / s <= max_ticks), 240)
    start = pd.Timestamp(first.year, first.month, 1)
    ticks = [
        t for t in pd.date_range(start, last, freq="MS") if (t.year * 12 + t.month - 1) % step == 0
    ]
    labels = [str(t.year) if step >= 12 else _month_text(t) for t in ticks]
    return ticks, labels


def _wrap(text: str, width: int = 45) -> str:
    return "<br>".join(textwrap.wrap(text, width)) or text


def _style(
    fig: go.Figure,
    title: str,
    x_title: str | None = None,
    y_title: str | None = None,
    height: int | None = None,
    legend_title: str = "",
) -> go.Figure:
    fig.update_layout(
        template="plotly_white",
        separators=",.",
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": TITLE_FONT_SIZE}},
        font={"size": FONT_SIZE},
        hoverlabel={"font": {"size": FONT_SIZE}},
        # below the plot, so a chart in a half-width column keeps its full width
        legend={
            "font": {"size": FONT_SIZE},
            "title": {"text": legend_title},
            "orientation": "h",
            "yanchor": "top",
            "y": -0.22,
            "x": 0,
        },
        margin={"l": 20, "r": 30, "t": 70, "b": 120},
    )
    if height is not None:
        fig.update_layout(height=height)
    fig.update_xaxes(title={"text": x_title}, automargin=True)
    fig.update_yaxes(title={"text": y_title}, automargin=True)
    return fig


def _empty(title: str, note: str | None = None) -> go.Figure:
    fig = go.Figure()
    text = EMPTY_TEXT if note is None else f"{EMPTY_TEXT}<br>({note})"
    fig.add_annotation(
        text=text,
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        font={"size": TITLE_FONT_SIZE},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _style(fig, title)


def _bar_height(bars: int) -> int:
    return max(360, 150 + 44 * bars)


def _bar_axes(fig: go.Figure, values: Iterable[float | None], texts: Iterable[str]) -> None:
    """Room for the value printed after the longest bar, a gap between labels and bars, no ticks."""
    largest = max((v for v in values if v is not None), default=0.0)
    longest = max((len(t) for t in texts), default=0)
    if largest > 0:
        fig.update_xaxes(range=[0, largest * (1 + 0.02 * longest + 0.05)])
    fig.update_yaxes(ticklabelstandoff=8)
    # every bar carries its value: tick labels would only crowd a plot that long names narrow
    # (plotly then stands them on end)
    fig.update_xaxes(showticklabels=False)


# --- reach ------------------------------------------------------------------


def trend_chart(
    per_maand: pd.DataFrame,
    measure: str = "deelnames",
    names: dict[str, str] | None = None,
) -> go.Figure:
    """Line chart of one reach measure per month, one line per gebied."""
    _allowed(measure, TREND_MEASURES)
    label = TREND_MEASURES[measure]
    title = f"{label} per maand"
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
        name = names.get(code, code)
        hover = [
            f"<b>{name}</b><br>{_month_text(m)}<br>{label}: {as_text(v)}"
            for m, v in zip(months, rows[measure], strict=True)
        ]
        colour = LINE_COLOURS[i % len(LINE_COLOURS)]
        dash = LINE_DASHES[(i // len(LINE_COLOURS)) % len(LINE_DASHES)]
        fig.add_trace(
            go.Scatter(
                x=list(months),
                y=_floats(rows[measure])
                if measure == "bijeenkomsten"
                else _person_floats(rows[measure]),
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
    return _style(fig, title, "Maand", label)


def type_chart(per_type: pd.DataFrame) -> go.Figure:
    """Horizontal bars of deelnames per activity type, largest on top."""
    title = "Deelnames per type activiteit"
    if per_type.empty:
        return _empty(title)
    _require(per_type, ("type", "bijeenkomsten", "deelnames"), "de activiteitstypen")
    totals = per_type.groupby("type", as_index=False)[["bijeenkomsten", "deelnames"]].sum()
    # Plotly draws the first category at the bottom: ascending puts the largest on top.
    totals = totals.sort_values(["deelnames", "type"], ascending=[True, False])
    hover = [
        f"<b>{_capitalise(t)}</b><br>Deelnames: {fmt.persons(d)}<br>Bijeenkomsten: {fmt.number(b)}"
        for t, d, b in zip(
            totals["type"], totals["deelnames"], totals["bijeenkomsten"], strict=True
        )
    ]
    fig = go.Figure(
        go.Bar(
            x=_person_floats(totals["deelnames"]),
            y=[_capitalise(t) for t in totals["type"]],
            orientation="h",
            marker={"color": BLUE},
            text=[fmt.persons(d) for d in totals["deelnames"]],
            textposition="outside",
            cliponaxis=False,
            hovertext=hover,
            hovertemplate=_HOVER,
            name="Deelnames",
        )
    )
    fig.update_xaxes(tickformat=",d", rangemode="tozero")
    _bar_axes(fig, _floats(totals["deelnames"]), [fmt.persons(d) for d in totals["deelnames"]])
    fig.update_layout(showlegend=False)
    return _style(fig, title, "Deelnames", None, _bar_height(len(totals)))


def partner_chart(partners: pd.DataFrame) -> go.Figure:
    """Horizontal bars of bijeenkomsten per partner organisation, coloured by soort."""
    title = "Bijeenkomsten per partnerorganisatie"
    if partners.empty:
        return _empty(title)
    _require(partners, ("partner", "soort", "bijeenkomsten"), "de partners")
    keys = (
        ["organisatie_id", "partner", "soort"]
        if "organisatie_id" in partners
        else ["partner", "soort"]
    )
    totals = partners.groupby(keys, as_index=False)["bijeenkomsten"].sum()
    # Two organisations may share a name; their bars must not merge into one category.
    doubles = totals["partner"].duplicated(keep=False)
    if "organisatie_id" in totals:
        totals["label"] = [
            f"{p} ({o})" if d else p
            for p, o, d in zip(totals["partner"], totals["organisatie_id"], doubles, strict=True)
        ]
    else:
        totals["label"] = totals["partner"]
    totals = totals.sort_values(["bijeenkomsten", "label"], ascending=[True, False])

    fig = go.Figure()
    soorten = sorted(
        set(totals["soort"]),
        key=lambda s: (list(SOORT_STYLES).index(s) if s in SOORT_STYLES else len(SOORT_STYLES), s),
    )
    for soort in soorten:
        rows = totals[totals["soort"] == soort]
        colour, pattern = SOORT_STYLES.get(soort, (GREY, "x"))
        soort_label = SOORT_LABELS.get(soort, _capitalise(soort))
        fig.add_trace(
            go.Bar(
                x=_floats(rows["bijeenkomsten"]),
                y=list(rows["label"]),
                orientation="h",
                name=soort_label,
                marker={
                    "color": colour,
                    "pattern": {"shape": pattern, "fgcolor": "#333333"},
                    "line": {"color": "#333333", "width": 1},
                },
                text=[fmt.number(b) for b in rows["bijeenkomsten"]],
                textposition="outside",
                cliponaxis=False,
                hovertext=[
                    f"<b>{p}</b><br>Soort: {soort_label}<br>Bijeenkomsten: {fmt.number(b)}"
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
    return _style(fig, title, "Bijeenkomsten", None, _bar_height(len(totals)), "Soort organisatie")


# --- continuity -------------------------------------------------------------


# Above this many censored durations on one curve, no tick marks (see survival_chart).
MAX_CENSOR_MARKS = 60


def survival_chart(curve: pd.DataFrame, names: dict[str, str] | None = None) -> go.Figure:
    """Kaplan–Meier step curves of tenure, one per rol (and per gebied when there are several)."""
    title = "Hoe lang blijven professionals? (Kaplan–Meier)"
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
                name = f"{name} – {names.get(code, code)}"
            years = [d / DAYS_PER_YEAR for d in _floats(rows["dagen"])]
            survival = _floats(rows["overleving"])
            hover = [f"<b>{name}</b><br>Bij de start: 100% in de wijk"] + [
                f"<b>{name}</b><br>Na {fmt.number(y, 1)} jaar: "
                f"{fmt.percentage(100 * s)} nog in de wijk<br>"
                f"Gevolgd: {fmt.number(n)} · vertrokken: {fmt.number(v)}"
                f" · nog aanwezig: {fmt.number(c)}"
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
        annotation_text="mediaan",
        # under the line at the left: the curves start at 100% there, so nothing covers it
        annotation_position="bottom left",
        annotation_font_size=SMALL_FONT_SIZE,
    )
    fig.update_yaxes(range=[0, 1.05], tickformat=".0%")
    fig.update_xaxes(rangemode="tozero")
    return _style(fig, title, "Verblijfsduur (jaren)", "Nog in de wijk")


def spell_timeline(spells: pd.DataFrame, reference_date: date) -> go.Figure:
    """Timeline of spells, one row per anonymous label, coloured by rol, with the peildatum."""
    title = "Wie was wanneer in de wijk"
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
    # verblijfsduur as in DESIGN §5: start to the earlier of end and peildatum, both included.
    counted_end = df["eind"].fillna(reference).clip(upper=reference)
    df["verblijf_dagen"] = ((counted_end - df["start"]).dt.days + 1).clip(lower=0)
    # Labels are letters per wijk and rol: with several wijken, "Opbouwwerker A" of one wijk
    # is not the same person as in the next, so the row also names the wijk.
    df["rij"] = df["label"].astype(str)
    if "wijknaam" in df and df["wijknaam"].nunique(dropna=True) > 1:
        df["rij"] = [
            label if fmt.is_missing(w) else f"{label} · {w}"
            for label, w in zip(df["label"], df["wijknaam"], strict=True)
        ]
    df = df.sort_values(["start", "rij"])

    fig = go.Figure()
    for rol in _rol_order(df["rol"]):
        rows = df[df["rol"] == rol]
        hover = []
        for row in rows.itertuples(index=False):
            if row.lopend:
                end_text = "lopend"
            elif row.eind > reference:
                end_text = f"{fmt.dutch_date(row.eind.date())} (na de peildatum)"
            else:
                end_text = fmt.dutch_date(row.eind.date())
            wijknaam = getattr(row, "wijknaam", None)
            where = "" if fmt.is_missing(wijknaam) else f" · {wijknaam}"
            hover.append(
                f"<b>{row.label}</b><br>{rol_label(rol)}{where}<br>"
                f"{fmt.dutch_date(row.start.date())} – {end_text}<br>"
                f"Verblijfsduur: {fmt.days_as_years(row.verblijf_dagen)}"
            )
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
                hovertext=hover,
                hovertemplate=_HOVER,
            )
        )
    # Earliest start on top: Plotly puts the first category at the bottom.
    labels = list(dict.fromkeys(df["rij"]))
    fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1], ticklabelstandoff=8)
    first = df["start"].min()
    last = max(df["getekend_eind"].max(), reference)
    tickvals, ticktext = _month_ticks(first, last)
    fig.update_xaxes(type="date", tickvals=tickvals, ticktext=ticktext)
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
        text="peildatum",
        showarrow=False,
        yanchor="bottom",
        font={"size": SMALL_FONT_SIZE},
    )
    fig.update_layout(barmode="overlay")
    return _style(fig, title, None, None, _bar_height(len(labels)))


def continuity_bar(cont: pd.DataFrame, measure: str, rol: str | None = None) -> go.Figure:
    """Horizontal bars of one continuity measure per wijk, for one rol."""
    _allowed(measure, CONTINUITY_MEASURES)
    label = CONTINUITY_MEASURES[measure]
    if rol is not None and not cont.empty and "rol" in cont:
        cont = cont[cont["rol"] == rol]
    rollen = list(dict.fromkeys(cont["rol"])) if "rol" in cont else []
    if len(rollen) > 1:
        raise ValueError(
            f"De gegevens bevatten meerdere rollen ({', '.join(rollen)}); kies er één."
        )
    shown_rol = rol if rol is not None else (rollen[0] if rollen else None)
    what = label.split(" (")[0]
    title = f"{what} per wijk"
    if shown_rol is not None:
        title = f"{rol_label(shown_rol)} – {what.lower()} per wijk"
    if cont.empty:
        return _empty(title)
    needed = ["naam", measure]
    if measure == "mediane_verblijfsduur_dagen":
        needed.append("langste_verblijfsduur_dagen")
    _require(cont, needed, "de continuïteit")

    rows = []
    for record in cont.to_dict("records"):
        name = (
            record["naam"] if not fmt.is_missing(record["naam"]) else record.get("gebiedscode", "")
        )
        value = record[measure]
        kind = "waarde"
        if measure == "mediane_verblijfsduur_dagen":
            longest = record["langste_verblijfsduur_dagen"]
            if fmt.is_missing(value) and not fmt.is_missing(longest):
                kind, x = "langer", float(longest) / DAYS_PER_YEAR
                text = f"langer dan {fmt.days_as_years(longest)}"
            elif fmt.is_missing(value):
                kind, x, text = "leeg", 0.0, fmt.MISSING
            else:
                x, text = float(value) / DAYS_PER_YEAR, fmt.days_as_years(value)
        elif fmt.is_missing(value):
            kind, x, text = "leeg", 0.0, fmt.MISSING
        else:
            x = float(value)
            text = {
                "verloop_pct": fmt.percentage(value),
                "continuiteitsindex": fmt.percentage(value),
                "gezichten": fmt.number(value),
                "onbezet_dagen": f"{fmt.number(value)} dagen",
            }[measure]
        rows.append({"naam": name, "x": x, "text": text, "kind": kind})
    bars = pd.DataFrame(rows)
    # Largest on top, wijken without a value at the bottom.
    bars["order"] = [
        x if k != "leeg" else float("-inf") for x, k in zip(bars["x"], bars["kind"], strict=True)
    ]
    bars = bars.sort_values(["order", "naam"], ascending=[True, False])

    fig = go.Figure()
    solid = bars[bars["kind"] != "langer"]
    longer = bars[bars["kind"] == "langer"]
    solid_name = "Mediaan (Kaplan–Meier)" if measure == "mediane_verblijfsduur_dagen" else label
    fig.add_trace(
        go.Bar(
            x=list(solid["x"]),
            y=list(solid["naam"]),
            orientation="h",
            name=solid_name,
            marker={"color": BLUE, "line": {"color": BLUE, "width": 1}},
            text=list(solid["text"]),
            textposition="outside",
            cliponaxis=False,
            hovertext=[
                f"<b>{n}</b><br>{label}: {t}"
                for n, t in zip(solid["naam"], solid["text"], strict=True)
            ],
            hovertemplate=_HOVER,
        )
    )
    if not longer.empty:
        fig.add_trace(
            go.Bar(
                x=list(longer["x"]),
                y=list(longer["naam"]),
                orientation="h",
                name="Mediaan nog niet bereikt (langste verblijf)",
                marker={
                    "color": "rgba(0, 114, 178, 0.35)",
                    "line": {"color": BLUE, "width": 2},
                    "pattern": {"shape": "/", "fgcolor": BLUE},
                },
                text=list(longer["text"]),
                textposition="outside",
                cliponaxis=False,
                hovertext=[
                    f"<b>{n}</b><br>{label}: {t}<br>(minder dan de helft is vertrokken)"
                    for n, t in zip(longer["naam"], longer["text"], strict=True)
                ],
                hovertemplate=_HOVER,
            )
        )
    fig.update_yaxes(categoryorder="array", categoryarray=list(bars["naam"]))
    fig.update_xaxes(rangemode="tozero")
    _bar_axes(fig, list(bars["x"]), list(bars["text"]))
    if measure in ("gezichten", "onbezet_dagen"):
        fig.update_xaxes(tickformat=",d")
    fig.update_layout(showlegend=not longer.empty, barmode="overlay")
    return _style(fig, title, label, None, _bar_height(len(bars)))


# --- coverage and need ------------------------------------------------------


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
    title = "Behoefte en dekking van opbouwwerk per wijk"
    x_title = "Behoefte-index (z-score)"
    y_title = "Fte opbouwwerk per 10.000 inwoners"
    if dekking.empty:
        return _empty(title)
    _require(
        dekking,
        ("gebiedscode", "naam", "behoefte_index", "fte_per_10000", "kwadrant"),
        "het kwadrant",
    )
    missing = dekking["behoefte_index"].isna() | dekking["fte_per_10000"].isna()
    n_missing = int(missing.sum())
    missing_text = f"{n_missing} {'wijk' if n_missing == 1 else 'wijken'} zonder gegevens"
    shown = dekking[~missing]
    if shown.empty:
        return _empty(title, missing_text)

    # Each median over the wijken that have that value, as the dekking model splits.
    median_x = float(dekking["behoefte_index"].dropna().astype(float).median())
    median_y = float(dekking["fte_per_10000"].dropna().astype(float).median())

    def kwadrant(row: pd.Series) -> str:
        if not fmt.is_missing(row["kwadrant"]):
            return str(row["kwadrant"])
        need = "hoge behoefte" if row["behoefte_index"] > median_x else "lage behoefte"
        cover = "hoge dekking" if row["fte_per_10000"] > median_y else "lage dekking"
        return f"{need}, {cover}"

    shown = shown.assign(
        _kwadrant=shown.apply(kwadrant, axis=1),
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
                f"<b>{row['naam']}</b>",
                _capitalise(name),
                f"Behoefte-index: {fmt.number(row['behoefte_index'], 2)}",
                f"Fte per 10.000 inwoners: {fmt.number(row['fte_per_10000'], 2)}",
            ]
            if "inwoners" in row:
                lines.append(f"Inwoners: {fmt.persons(row['inwoners'])}")
            no_work = row.get("zonder_opbouwwerk")
            if not fmt.is_missing(no_work) and bool(no_work):
                lines.append("Geen opbouwwerk in deze periode")
            hover.append("<br>".join(lines))
        fig.add_trace(
            go.Scatter(
                # Plotly drops a trace without points from the legend; one empty point keeps it.
                x=_floats(rows["behoefte_index"]) or [None],
                y=_floats(rows["fte_per_10000"]) or [None],
                mode="markers+text",
                name=_capitalise(name),
                text=list(rows["naam"]),
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
        row = chosen.iloc[0]
        _, symbol, size = KWADRANT_STYLES.get(row["_kwadrant"], (BLACK, "circle", 14))
        fig.add_trace(
            go.Scatter(
                x=[float(row["behoefte_index"])],
                y=[float(row["fte_per_10000"])],
                mode="markers",
                name=f"Gekozen: {row['naam']}",
                customdata=[row["gebiedscode"]],
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
        annotation_text="mediaan",
        annotation_position="top",
        annotation_font_size=SMALL_FONT_SIZE,
    )
    fig.add_hline(
        y=median_y,
        line=median_line,
        annotation_text="mediaan",
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
    title = "Indicatoren in de behoefte-index"
    if indicatoren.empty:
        return _empty(title)
    _require(indicatoren, ("indicator", "gewicht", "richting", "omschrijving"), "de indicatoren")
    df = indicatoren.sort_values(["gewicht", "indicator"], ascending=[True, False])
    total = float(df["gewicht"].sum())
    labels: list[str] = []
    hover: list[str] = []
    for row in df.to_dict("records"):
        omgekeerd = int(row["richting"]) == -1
        label = f"{row['omschrijving']} (omgekeerd)" if omgekeerd else str(row["omschrijving"])
        labels.append(_wrap(label))
        direction = "lager = meer behoefte (omgekeerd)" if omgekeerd else "hoger = meer behoefte"
        hover.append(
            f"<b>{label}</b><br>Gewicht: {fmt.number(row['gewicht'], 2)}"
            f" ({fmt.percentage(100 * row['gewicht'] / total)} van het totaal)<br>"
            f"Richting: {direction}"
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
            name="Gewicht",
        )
    )
    fig.update_xaxes(rangemode="tozero")
    _bar_axes(fig, _floats(df["gewicht"]), [fmt.number(g, 2) for g in df["gewicht"]])
    fig.update_layout(showlegend=False)
    return _style(fig, title, "Gewicht", None, _bar_height(len(df)))
