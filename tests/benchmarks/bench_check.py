"""Benchmark (not a test): `trajectplanner check` against its floor (issue 14.1).

Times `db.health.check_database` — the integrity check, the counts, loading every household and
running the rules on each — as a median, against the floor measured in the same run: a bare
`PRAGMA integrity_check` plus the raw `SELECT count(*)` of the counted tables with `sqlite3`.
Budget: ≤ 4 × the floor (the issue measured 4 × before the fixes in bsn.py, health.py and
rules/members.py).

    .venv/bin/python tests/benchmarks/bench_check.py [FILE ...]

Without a file it makes (once) and uses a plain 20,000-household demo database in /tmp.
"""

from __future__ import annotations

import gc
import sqlite3
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


def _median(fn: Callable[[], object]) -> float:
    fn()  # warm the page cache
    times = []
    for _ in range(RUNS):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench(path: Path) -> bool:
    from db.database import Database
    from db.health import COUNTED, check_database

    def floor() -> None:
        conn = sqlite3.connect(path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            for table in COUNTED.values():
                conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()
        finally:
            conn.close()

    with Database.open(path) as db:
        with db.unit_of_work(write=False) as uow:
            households = uow.counts()["households"]
        check_s = _median(lambda: check_database(db, TODAY))
    floor_s = _median(floor)
    result = Result(
        f"check (integrity, counts, every household's rules), {households:,} households",
        check_s,
        "s",
        None,
        floor_s,
        "PRAGMA integrity_check + raw counts",
        RATIO_BUDGET,
    )
    report(result)
    return result.passed


def main(paths: list[str]) -> int:
    if not paths:
        if not DEFAULT.exists():
            from db.database import Database
            from db.demo_loader import load_demo

            with Database.open(DEFAULT, encrypt=False) as db:
                load_demo(db, today=TODAY, households=20_000)
        paths = [str(DEFAULT)]
    ok = all([bench(Path(p)) for p in paths])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
