"""Benchmark (not a test): `trajectplanner check` against its floor (issue 14.1), both engines.

Times `db.health.check_database` — the integrity check, the counts, loading every household and
running the rules on each — as a median, against the floor measured in the same run:

* SQLite: a bare `PRAGMA integrity_check` plus the raw `SELECT count(*)` of the counted tables
  with `sqlite3` (SQLCipher for an encrypted file; the integrity check reads every page);
* PostgreSQL: what the server says of itself (the query `check` asks, db/postgres.py), the raw
  counts, and a raw psycopg read of the rows `check` loads (households, members, plans) — a
  server has no page-by-page check, so the floor is the read `check` cannot do without.

Budget: ≤ 4 × the floor (the issue measured 4 × before the fixes in bsn.py, health.py and
rules/members.py). The floor is unchanged since `check` loaded every plan: it still reads the
plans whole, while `check` now reads decided and closed plans only as counts per status
(db/health.py).

    .venv/bin/python tests/benchmarks/bench_check.py [FILE|postgresql+psycopg://… ...]
    .venv/bin/python tests/benchmarks/bench_check.py --engine postgresql [--source FILE]

Without a database it makes (once) and uses a plain 20,000-household demo database in /tmp, and
the 100,000-household demo of bench_search (or `--source FILE`) copied into a throw-away
PostgreSQL server (tests/pg.py, tests/benchmarks/postgres.py) when PostgreSQL is installed;
`--engine` picks one of the two.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.results import Result, report

TODAY = date(2026, 12, 1)
RUNS = 3
RATIO_BUDGET = 4.0
DEFAULT = Path("/tmp/trajectplanner-bench-check-20k.sqlite")  # made once, then reused
_SERVER_STATE = (
    "SELECT pg_database_size(current_database()), pg_is_in_recovery(), "
    "(SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()), "
    "(SELECT checksum_failures FROM pg_stat_database WHERE datname = current_database())"
)


def _median(fn: Callable[[], object]) -> float:
    fn()  # warm the page cache
    times = []
    for _ in range(RUNS):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _floor(target: str | Path) -> tuple[Callable[[], None], str]:
    from db.dialect import is_url
    from db.health import COUNTED
    from tests.db.raw import raw_connect

    if not is_url(target):
        path = Path(target)

        def sqlite_floor() -> None:
            conn = raw_connect(path)  # sqlite3, or SQLCipher with the key for an encrypted file
            try:
                assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                for table in COUNTED.values():
                    conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()
            finally:
                conn.close()

        return sqlite_floor, "PRAGMA integrity_check + raw counts"

    def server_floor() -> None:
        conn = raw_connect(target)  # type: ignore[arg-type]  # a URL
        try:
            conn.execute(_SERVER_STATE).fetchone()
            for table in COUNTED.values():
                conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()
            for table in ("households", "members", "plans"):
                conn.execute(f'SELECT * FROM "{table}"').fetchall()
        finally:
            conn.close()

    return server_floor, "server state + raw counts + raw read of the checked rows"


def bench(target: str | Path) -> bool:
    from db.database import Database
    from db.dialect import is_url
    from db.health import check_database

    with Database.open(target) as db:
        with db.unit_of_work(write=False) as uow:
            households = uow.counts()["households"]
        check_s = _median(lambda: check_database(db, TODAY))
        size = db.server_state()
    floor, floor_name = _floor(target)
    floor_s = _median(floor)
    engine = "PostgreSQL" if is_url(target) else "SQLite"
    size_mb = float(size["size_mb"]) if size else Path(target).stat().st_size / 1e6  # type: ignore[arg-type]
    print(
        f"{engine}: {households:,} households, {size_mb:.0f} MB; check {check_s:.2f} s, floor {floor_s:.2f} s"
    )
    result = Result(
        f"check (integrity, counts, every household's rules), {households:,} households, {engine}",
        check_s,
        "s",
        None,
        floor_s,
        floor_name,
        RATIO_BUDGET,
    )
    report(result)
    return result.passed


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("databases", nargs="*", help="SQLite files or PostgreSQL URLs")
    parser.add_argument("--engine", choices=("sqlite", "postgresql"), action="append")
    parser.add_argument(
        "--source", type=Path, help="the SQLite database PostgreSQL's is copied from (default: the demo)"
    )
    args = parser.parse_args(argv)
    targets: list[str | Path] = list(args.databases)
    engines = args.engine or ([] if targets else ["sqlite", "postgresql"])  # the suite: both
    if "sqlite" in engines:
        if not DEFAULT.exists():
            from db.database import Database
            from db.demo_loader import load_demo

            with Database.open(DEFAULT, encrypt=False) as db:
                load_demo(db, today=TODAY, households=20_000)
        targets.append(DEFAULT)
    ok = all([bench(t) for t in targets])
    if "postgresql" in engines:
        from tests.benchmarks.postgres import demo_database, demo_sqlite

        with demo_database(args.source or demo_sqlite()) as url:
            if url is not None:
                ok = bench(url) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
