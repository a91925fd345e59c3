"""Pseudonymisation of participant identifiers with a salted hash (docs/DESIGN.md §7).

The salt is made once per installation and kept in a file outside the
database, so the database alone cannot be used to look up a known number.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Callable
from pathlib import Path

from dashboard.config import data_dir
from dashboard.warehouse.store import is_file_location

SALT_ENV_VAR = "WIJKDASHBOARD_SALT_FILE"
SALT_FILE_NAME = "pseudonimisering.salt"


def salt_path(location: str) -> Path:
    """Where the salt lives: $WIJKDASHBOARD_SALT_FILE, else beside the database file (or in data/)."""
    configured = os.environ.get(SALT_ENV_VAR)
    if configured:
        return Path(configured)
    if is_file_location(location):
        # beside the configured path itself: following a link to a version file must not move it
        return Path(location).absolute().parent / SALT_FILE_NAME
    return data_dir() / SALT_FILE_NAME


def load_or_create_salt(path: Path) -> bytes:
    """Read the installation's salt, creating it (32 random bytes, owner-only) the first time."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first
            pass
        else:
            with os.fdopen(fd, "wb") as handle:
                handle.write(secrets.token_hex(32).encode())
    salt = path.read_bytes().strip()
    if len(salt) < 32:
        raise ValueError(f"Het zoutbestand {path} is te kort of leeg; herstel het uit een back-up.")
    return salt


def pseudonymiser(salt: bytes) -> Callable[[str], str]:
    """A function from a raw participant id to its pseudonym (HMAC-SHA256, 32 hex characters)."""

    keyed = hmac.new(salt, digestmod=hashlib.sha256)  # copying skips deriving the key pads per id

    def pseudonymise(raw: str) -> str:
        mac = keyed.copy()
        mac.update(raw.strip().encode("utf-8"))
        return f"p{mac.hexdigest()[:32]}"

    return pseudonymise
