"""Where the database lives, and other settings that come from the environment."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "data" / "wijkdashboard.duckdb"

# Environment variable that points the app and the CLI at another database.
DB_ENV_VAR = "WIJKDASHBOARD_DB"


def database_location() -> str:
    """The configured DuckDB path or connection string."""
    return os.environ.get(DB_ENV_VAR) or str(DEFAULT_DB)
