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
