"""A benchmark's PostgreSQL database: on a throw-away server of tests/pg.py, stopped afterwards.

    with demo_database(demo_sqlite()) as url:
        ...  # Database.open(url), raw_connect(url)

The rows are those of a SQLite database made the usual way (a demo from `load_demo`, cached in
/tmp by the benchmark), copied table by table with PostgreSQL's COPY into a database migrated to
the same schema. Generating 100,000 demo households straight into PostgreSQL stores every decided
plan with its own statements (services.deciding.store_decision): a round trip each, over 25
minutes on this machine; the copy takes well under a minute.
None when the PostgreSQL binaries are not installed (the caller says so and measures SQLite only).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from db.cipher import ENV_KEY_FILE


def copy_to_postgresql(source: Path, url: str) -> dict[str, int]:
    """Every row of the SQLite database `source` (at the current schema: open it first) into the
    empty database at `url`, with COPY; rows per table."""
    import psycopg

    from db import schema as s
    from db.dialect import engine_url
    from tests.db.raw import raw_connect

    copied: dict[str, int] = {}
    lite = raw_connect(source)
    try:
        dsn = engine_url(url).replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(dsn) as pg, pg.cursor() as cur:
            for table in reversed(s.metadata.sorted_tables):  # what opening it wrote (settings)
                cur.execute(f'DELETE FROM "{table.name}"')
            for table in s.metadata.sorted_tables:  # parents before children (foreign keys)
                names = [c.name for c in table.columns]
                columns = ", ".join(f'"{n}"' for n in names)
                rows = lite.execute(f'SELECT {columns} FROM "{table.name}"')
                n = 0
                # Text in, as PostgreSQL reads it: ISO dates, 0/1 for booleans, NULL as NULL.
                with cur.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy:
                    for row in rows:
                        copy.write_row(row)
                        n += 1
                copied[table.name] = n
            pg.commit()
            # As autovacuum leaves a settled database: statistics, and the visibility map that
            # lets an index-only scan skip the table.
            pg.autocommit = True
            cur.execute("VACUUM ANALYZE")
    finally:
        lite.close()
    return copied


DEMO_100K = Path("/tmp/trajectplanner-bench-search-100k.sqlite")  # made once, then reused
DEMO_TODAY = date(2027, 1, 20)


def demo_sqlite(path: Path = DEMO_100K, households: int = 100_000) -> Path:
    """The benchmarks' 100,000-household demo region in SQLite (encrypted with its own key file
    beside it), made on first use."""
    os.environ.setdefault(ENV_KEY_FILE, str(path.with_suffix(".key")))
    if not path.exists():
        from db.database import Database
        from db.demo_loader import load_demo

        with Database.open(path) as db:
            load_demo(db, today=DEMO_TODAY, households=households)
    return path


@contextmanager
def demo_database(source: Path) -> Iterator[str | None]:
    """A PostgreSQL database with the rows of the SQLite database `source`, on its own server."""
    from db.database import Database
    from tests.pg import PostgresServer, _bindir

    bindir = _bindir()
    if bindir is None:
        print("PostgreSQL is niet geïnstalleerd (bash scripts/system-packages.sh --test): overgeslagen.")
        yield None
        return
    Database.open(source).close()  # at the current schema, as the server's database is
    server = PostgresServer(bindir)
    try:
        url = server.fresh_database()
        started = time.perf_counter()
        copied = copy_to_postgresql(source, url)
        took = time.perf_counter() - started
        print(f"PostgreSQL: {sum(copied.values()):,} rows copied from {source.name} in {took:.0f} s")
        yield url
    finally:
        server.stop()
