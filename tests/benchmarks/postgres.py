"""A benchmark's PostgreSQL database: on a throw-away server of tests/pg.py, stopped afterwards.

    with demo_database(households=100_000, today=TODAY) as url:
        ...  # Database.open(url), raw_connect(url)

The demo region is generated into it the way `trajectplanner demo` does (db/demo_loader.py).
None when the PostgreSQL binaries are not installed (the caller says so and measures SQLite only).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date


@contextmanager
def demo_database(households: int, today: date) -> Iterator[str | None]:
    from db.database import Database
    from db.demo_loader import load_demo
    from tests.pg import PostgresServer, _bindir

    bindir = _bindir()
    if bindir is None:
        print("PostgreSQL is niet geïnstalleerd (bash scripts/system-packages.sh --test): overgeslagen.")
        yield None
        return
    server = PostgresServer(bindir)
    try:
        url = server.fresh_database()
        started = time.perf_counter()
        with Database.open(url) as db:
            load_demo(db, today=today, households=households)
        took = time.perf_counter() - started
        print(f"PostgreSQL: {households:,} demo households generated in {took:.0f} s")
        yield url
    finally:
        server.stop()
