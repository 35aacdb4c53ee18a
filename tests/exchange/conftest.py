"""The office's database on each engine: a SQLite file and a real PostgreSQL server (tests/pg.py).

A test that requests `office_path` (or the module's `module_office_path`) runs twice, `[sqlite]`
and `[postgresql]`; the laptops stay SQLite files, as they are in use. Like tests/db's `db_path`,
the value is a file path on SQLite and a URL on PostgreSQL (Database.open takes both).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pg import server_or_skip

ENGINES = ["sqlite", "postgresql"]


def _office(engine: str, folder: Path) -> Iterator[Path]:
    if engine == "sqlite":
        yield folder / "office.db"
        return
    server = server_or_skip()
    url = server.fresh_database()
    yield url  # type: ignore[misc]  # a URL where a file path stands on SQLite
    server.drop(url)


@pytest.fixture(params=ENGINES)
def office_path(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Path]:
    yield from _office(str(request.param), tmp_path)


@pytest.fixture(scope="module", params=ENGINES)
def module_office_path(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    yield from _office(str(request.param), tmp_path_factory.mktemp("kantoor"))
