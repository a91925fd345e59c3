"""Whether the configured base map's tiles can be reached (issue 16), asked at most once a
few minutes per process: a map never waits long, and never fails, for a tile server."""

from __future__ import annotations

import logging
import urllib.error
import urllib.request

import streamlit as st

from dashboard import config
from dashboard.display import basemap

LOG = logging.getLogger(__name__)
PROBE_TIMEOUT_S = 1.5
# a tile source that answered stays in use this long; one that did not is asked again then
CHECK_EVERY_S = 300


def probe(template: str, timeout: float = PROBE_TIMEOUT_S) -> bool:
    """True when one tile of the template answers with an image."""
    lon, lat, zoom = basemap.PROBE
    x, y = basemap.tile_of(lon, lat, zoom)
    url = basemap.tile_url(template, zoom, x, y)
    request = urllib.request.Request(url, headers={"User-Agent": "wijkdashboard"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            kind = response.headers.get("Content-Type", "")
            return response.status == 200 and kind.startswith("image/")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        LOG.warning("Achtergrondkaart niet bereikbaar (%s): %s", url, exc)
        return False


@st.cache_data(ttl=CHECK_EVERY_S, show_spinner=False)
def _reachable(template: str) -> bool:
    return probe(template)


def available() -> tuple[str, str] | None:
    """(URL template, attribution) when a base map is configured and its tiles answer; else None
    (also for a malformed setting, which goes to the log: the map then draws as before)."""
    try:
        source = config.tile_source()
    except config.TileConfigError as exc:
        LOG.warning("%s", exc)
        return None
    if source is None or not _reachable(source[0]):
        return None
    return source
