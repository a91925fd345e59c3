"""The one Plotly template of every chart and map, set on each figure.

A figure without a template of its own takes the global default when it is made, and
importing streamlit changes that default to Streamlit's: in the app an exported picture
would then look other than the same one made on the command line (seen on the key-figures
table, whose fills and lines changed).
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio


def _light_template() -> go.layout.Template:
    """plotly_white's layout and its styles of the trace types these charts draw.

    Setting the whole template on a figure validates its 24 trace types each time (about
    10 ms; the Wijkprofiel's story styles six charts): this one costs a third of that and
    draws the same (benchmarks: docs/performance.md).
    """
    white = pio.templates["plotly_white"]
    used = ("bar", "scatter", "choropleth", "scattergeo", "table")
    return go.layout.Template(layout=white.layout, data={kind: white.data[kind] for kind in used})


TEMPLATE = _light_template()
