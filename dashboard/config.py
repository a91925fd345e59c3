"""Where the database lives, and other settings that come from the environment."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Environment variable that points the app and the CLI at another database.
DB_ENV_VAR = "WIJKDASHBOARD_DB"
# Environment variable for the folder of the database, the salt and the saved mappings.
DATA_ENV_VAR = "WIJKDASHBOARD_DATA"


def data_dir() -> Path:
    """The data folder: WIJKDASHBOARD_DATA, else `data/` of the checkout, else `./data`.

    Installed with pip the package lives in site-packages, where no data belongs: there
    the folder the command runs in holds `data/`, as a checkout's does.
    """
    configured = os.environ.get(DATA_ENV_VAR)
    if configured:
        return Path(configured)
    if (PROJECT_ROOT / "app.py").exists():  # running from a checkout
        return PROJECT_ROOT / "data"
    return Path.cwd() / "data"


# Environment variable for the audit log's own DuckDB file (dashboard.warehouse.audit);
# by default it lies beside the database file.
AUDIT_ENV_VAR = "WIJKDASHBOARD_AUDIT_DB"

# Set to 1 where app instances share one database file they must never write to (several
# instances behind a load balancer): readers then never upgrade the file themselves.
READ_ONLY_ENV_VAR = "WIJKDASHBOARD_READ_ONLY"


def default_database() -> Path:
    """The database file when none is configured."""
    return data_dir() / "wijkdashboard.duckdb"


def database_location() -> str:
    """The configured DuckDB path or connection string."""
    return os.environ.get(DB_ENV_VAR) or str(default_database())


def read_only() -> bool:
    """True when this process must only read the database (WIJKDASHBOARD_READ_ONLY=1)."""
    return os.environ.get(READ_ONLY_ENV_VAR, "").strip().lower() in ("1", "true", "yes", "ja")


# --- the base map (issue 16) -----------------------------------------------------------------

# A street map under the Wijkprofiel's map of what the wijk has, when tiles can be reached.
# Unset, empty or "uit": no base map (the maps draw offline, as always). "pdok": the Dutch
# default below. Any other value: an XYZ tile URL template with {z}, {x} and {y}.
TILES_ENV_VAR = "WIJKDASHBOARD_ACHTERGRONDKAART"
# The attribution the tile source requires; a default for PDOK, else the URL's host.
TILES_ATTRIBUTION_ENV_VAR = "WIJKDASHBOARD_ACHTERGRONDKAART_BRON"
PDOK_BRT_URL = (
    "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png"
)
PDOK_BRT_ATTRIBUTION = "Achtergrondkaart: Kadaster / PDOK, BRT-Achtergrondkaart (CC-BY 4.0)"


class TileConfigError(ValueError):
    """The configured tile URL is no XYZ template."""


def tile_source() -> tuple[str, str] | None:
    """(URL template, attribution) of the configured base map, or None when there is none."""
    raw = os.environ.get(TILES_ENV_VAR, "").strip()
    if raw.lower() in ("", "uit", "nee", "0"):
        return None
    url = PDOK_BRT_URL if raw.lower() in ("pdok", "aan", "ja", "1") else raw
    if not all(part in url for part in ("{z}", "{x}", "{y}")):
        raise TileConfigError(f"{TILES_ENV_VAR} is geen tegel-URL met {{z}}, {{x}} en {{y}}: {url}")
    configured = os.environ.get(TILES_ATTRIBUTION_ENV_VAR, "").strip()
    if configured:
        return url, configured
    if url == PDOK_BRT_URL:
        return url, PDOK_BRT_ATTRIBUTION
    host = url.split("//", 1)[-1].split("/", 1)[0]
    return url, f"Achtergrondkaart: {host}"
