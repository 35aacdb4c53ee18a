"""A fresh database file per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from db.database import Database


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "trajectplanner.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = Database.open(db_path)
    yield database
    database.close()
