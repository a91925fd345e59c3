"""A chart as a table: the text alternative of every chart and map ("Toon als tabel", WCAG 1.1.1).

Read from the finished Plotly figure, so every chart gets its table the same way and the
table shows exactly what the chart shows: the bars' printed values and the hover texts,
which the chart functions already wrote in Dutch with the small-number rule ("<5"). Counts
below 5 never reach a figure as numbers (they are left out, `style._person_floats`), so they
cannot reach the table either.

The strings in a figure are Plotly strings (`text.html`: escaped, with `<b>` and `<br>`);
here they become plain text again, which the UI shows as text.
"""

from __future__ import annotations

import numbers
from datetime import date, datetime
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.display import formatting as fmt
from dashboard.display.text import plain_lines
from dashboard.i18n import N_, _

# the table's own headers, in the page's language when the table is made (`_headers`)
SERIES = N_("Reeks")
NAME = N_("Naam")
CATEGORY = N_("Onderdeel")
VALUE = N_("Waarde")
PERIOD = N_("Periode")
NOTE = N_("Toelichting")
AREA = N_("Gebied")
NO_VALUE = "–"


def plain(text: object) -> str:
    """A Plotly string as plain text: line breaks become ' · ', tags go, entities are read."""
    if text is None:
        return ""
    parts = [p.strip() for p in plain_lines(text)]
    return " · ".join(p for p in parts if p)


def title(figure: go.Figure) -> str:
    """The chart's title as plain text ('' without one); a map's is the name of its measure."""
    text = plain(figure.layout.title.text)
    if not text and figure.data and figure.data[0].type == "choropleth":
        return plain(figure.data[0].name)
    return text


def _axis_title(axis: Any, default: str) -> str:
    text = plain(axis.title.text) if axis is not None and axis.title is not None else ""
    return text or default


def _cell(value: object) -> str:
    """A category or value as Dutch text."""
    if value is None or fmt.is_missing(value):
        return NO_VALUE
    if isinstance(value, pd.Timestamp | datetime):
        return fmt.dutch_date(value.date())
    if isinstance(value, date):
        return fmt.dutch_date(value)
    if isinstance(value, str):
        return plain(value)
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, numbers.Real):
        # single precision (a big map sends float32) read back at the digits it holds
        number = float(f"{float(value):.6g}")
        if number.is_integer():
            return fmt.number(number)
        return fmt.number(number, 1 if round(number, 1) == number else 2)
    return plain(value)


def _share(value: object) -> str:
    """A share (0.86) as the axis shows it: a whole percentage."""
    if value is None or fmt.is_missing(value) or not isinstance(value, numbers.Real):
        return _cell(value)
    return fmt.percentage(100 * float(value))


def _at(values: object, i: int) -> object:
    """Item `i` of a trace property that is either one value for all points or one per point."""
    if values is None or isinstance(values, str):
        return values
    seq = list(values)  # type: ignore[call-overload]
    return seq[i] if i < len(seq) else None


def _shown(trace: Any) -> bool:
    """Whether a trace carries data (not a connecting line, selection ring or name label)."""
    if trace.type == "scattergeo":  # names written on a map
        return False
    if trace.type == "scatter" and trace.mode == "text":
        return False
    return not (trace.hoverinfo == "skip" and trace.text is None)


def _table_trace(trace: Any) -> pd.DataFrame:
    header = [plain(h) for h in trace.header.values]
    columns = [[plain(v) for v in col] for col in trace.cells.values]
    return pd.DataFrame(dict(zip(header, columns, strict=False)))


def _map_rows(trace: Any) -> list[dict[str, str]]:
    rows = []
    uniform = trace.colorscale is not None and len({c[1] for c in trace.colorscale}) == 1
    for i in range(len(trace.locations if trace.locations is not None else [])):
        lines = [p.strip() for p in plain_lines(_at(trace.text, i) or "")]
        name = lines[0] if lines and lines[0] else str(_at(trace.locations, i))
        if len(lines) > 1:
            value = " · ".join(p for p in lines[1:] if p)
        elif uniform:  # the grey "geen gegevens" or "minder dan 5" areas
            value = plain(trace.name) or NO_VALUE
        else:
            value = _cell(_at(trace.z, i))
        rows.append({AREA: name, VALUE: value})
    return rows


def figure_table(figure: go.Figure) -> pd.DataFrame:
    """The data of a chart or map as a Dutch display table (all text), one row per point."""
    traces = [t for t in figure.data if _shown(t)]
    if not traces:
        return pd.DataFrame()
    if all(t.type == "table" for t in traces):
        return pd.concat([_table_trace(t) for t in traces], ignore_index=True)
    if all(t.type == "choropleth" for t in traces):
        rows = [row for t in traces for row in _map_rows(t)]
        table = pd.DataFrame(rows, columns=[AREA, VALUE]).sort_values(AREA, ignore_index=True)
        return _headers(table)

    layout = figure.layout
    named = [t for t in traces if plain(t.name)]
    series = len(named) > 1
    # the legend's title names what the lines are ("Rol"); else the generic "Reeks"
    legend = layout.legend.title.text if layout.legend and layout.legend.title else None
    series_name = plain(legend) or SERIES
    axes = {_axis_title(layout.xaxis, CATEGORY), _axis_title(layout.yaxis, VALUE)}
    if series_name in axes:  # a legend titled as an axis would overwrite that column
        series_name = SERIES
    # a chart whose category axis has no title of its own (a timeline's rows are people) may
    # name that column in its layout's meta
    meta = layout.meta if isinstance(layout.meta, dict) else {}
    rows = []
    for trace in traces:
        if trace.type not in ("bar", "scatter"):
            continue
        horizontal = trace.type == "bar" and trace.orientation == "h"
        categories, values = (trace.y, trace.x) if horizontal else (trace.x, trace.y)
        cat_axis, val_axis = (
            (layout.yaxis, layout.xaxis) if horizontal else (layout.xaxis, layout.yaxis)
        )
        cat_name = _axis_title(cat_axis, meta.get("table_category") or CATEGORY)
        val_name = _axis_title(val_axis, VALUE)
        # bars on a date axis are periods: their lengths (milliseconds) mean nothing to a
        # reader; such a chart says each bar's period in its text ("1 jan 2023 – lopend")
        periods = horizontal and val_axis.type == "date"
        if periods:
            val_name = _(PERIOD)
        if val_name == cat_name:
            val_name = VALUE
        # an axis that shows shares as percentages: the table too ("86%", not "0,86")
        percent = str(val_axis.tickformat or "").endswith("%") if val_axis else False
        for i in range(len(categories) if categories is not None else 0):
            row: dict[str, str] = {}
            if series:
                row[series_name] = plain(trace.name)
            text = _at(trace.text, i)
            if trace.type == "scatter" and text:
                row[NAME] = plain(text)
            row[cat_name] = _cell(_at(categories, i))
            if trace.type == "bar" and text:
                row[val_name] = plain(text)
            elif percent:
                row[val_name] = _share(_at(values, i))
            else:
                row[val_name] = _cell(_at(values, i))
            hover = _at(trace.hovertext, i)
            if hover:
                row[NOTE] = plain(hover)
            rows.append(row)
    return _headers(pd.DataFrame(rows).fillna(""))


def _headers(table: pd.DataFrame) -> pd.DataFrame:
    """The table's own headers in the page's language (the axis titles already are)."""
    own = {h: _(h) for h in (SERIES, NAME, CATEGORY, VALUE, NOTE, AREA) if h in table.columns}
    return table.rename(columns=own) if own else table
