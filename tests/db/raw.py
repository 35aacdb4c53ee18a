"""A DB-API connection to a database file outside the program, with the test's key if encrypted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from db import cipher


def raw_connect(path: Path, **kwargs: Any) -> Any:
    key = cipher.stored_key() if cipher.is_encrypted(path) else None
    return cipher.connect(str(path), key, **kwargs)
