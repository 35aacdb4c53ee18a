"""A fresh database per test, on each engine: a SQLite file and a real PostgreSQL server.

Every test in tests/db that opens a database through `db_path` (or `db`) runs twice, `[sqlite]`
and `[postgresql]` (the `engine` parameter); one that makes its own files runs once. `db_path`
is where the database is: a file path on SQLite, a URL on PostgreSQL (tests/pg.py); a test about
the file itself (encryption, WAL, damage, the backup API, permissions) is marked
`@pytest.mark.sqlite_only("why")` and skipped on PostgreSQL with that reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from db.database import Database
from tests.pg import server_or_skip


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db_path" in metafunc.fixturenames:
        metafunc.parametrize("engine", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> str:
    name = str(getattr(request, "param", "sqlite"))
    marker = request.node.get_closest_marker("sqlite_only")
    if name == "postgresql" and marker is not None:
        pytest.skip("alleen SQLite: " + (marker.args[0] if marker.args else "gaat over het bestand"))
    return name


@pytest.fixture
def db_path(engine: str, tmp_path: Path) -> Iterator[Path]:
    if engine == "sqlite":
        yield tmp_path / "trajectplanner.db"
        return
    server = server_or_skip()
    url = server.fresh_database()
    yield url  # type: ignore[misc]  # a URL where a file path stands on SQLite: Database.open takes both
    server.drop(url)


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = Database.open(db_path)
    yield database
    database.close()
