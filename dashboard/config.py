"""Where the database lives, and other settings that come from the environment."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "data" / "wijkdashboard.duckdb"

# Environment variable that points the app and the CLI at another database.
DB_ENV_VAR = "WIJKDASHBOARD_DB"

# Set to 1 where app instances share one database file they must never write to (several
# instances behind a load balancer): readers then never upgrade the file themselves.
READ_ONLY_ENV_VAR = "WIJKDASHBOARD_READ_ONLY"


def database_location() -> str:
    """The configured DuckDB path or connection string."""
    return os.environ.get(DB_ENV_VAR) or str(DEFAULT_DB)


def read_only() -> bool:
    """True when this process must only read the database (WIJKDASHBOARD_READ_ONLY=1)."""
    return os.environ.get(READ_ONLY_ENV_VAR, "").strip().lower() in ("1", "true", "yes", "ja")
