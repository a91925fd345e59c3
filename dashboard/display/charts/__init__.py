"""Pure chart functions, one module per screen: query DataFrames in, Dutch Plotly figures out.

No Streamlit here. `style` holds what every chart shares (palette, fonts, layout).
"""

from dashboard.display.charts.bereik import partner_chart, trend_chart, type_chart
from dashboard.display.charts.continuiteit import MAX_CENSOR_MARKS, spell_timeline, survival_chart
from dashboard.display.charts.dekking import (
    indicator_weights_chart,
    label_positions,
    quadrant_chart,
)
from dashboard.display.charts.opbrengst import (
    association_chart,
    events_chart,
    history_chart,
    paths_chart,
)
from dashboard.display.charts.style import EMPTY_TEXT, rol_label
from dashboard.display.charts.wijk import (
    add_asset_layer,
    add_compact_layer,
    asset_map,
    numbered,
    overview_chart,
    route_map,
    slide_asset_map,
    slide_named,
    stop_labels,
    stop_name,
    with_place_names,
    with_place_names_beside,
)

__all__ = [
    "add_asset_layer",
    "add_compact_layer",
    "asset_map",
    "numbered",
    "overview_chart",
    "route_map",
    "slide_asset_map",
    "slide_named",
    "stop_labels",
    "stop_name",
    "with_place_names",
    "with_place_names_beside",
    "EMPTY_TEXT",
    "MAX_CENSOR_MARKS",
    "association_chart",
    "events_chart",
    "history_chart",
    "paths_chart",
    "indicator_weights_chart",
    "label_positions",
    "partner_chart",
    "quadrant_chart",
    "rol_label",
    "spell_timeline",
    "survival_chart",
    "trend_chart",
    "type_chart",
]
