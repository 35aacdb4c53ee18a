"""Benchmark (not a test): the regional monitor over a year at 100,000 households, both engines.

Builds the demo region plus N generated households (tests/monitor_data.py: one to three plans
each, every monitor figure reached) in a SQLite file and in a database on a throw-away PostgreSQL
server (tests/pg.py), then times, as medians: the floor (a direct SQL count of the running
allocations per municipality — the one query every figure needs), db's reads, planner's
computation, and the whole operation; and the CSV and PDF from the figures.

    .venv/bin/python tests/benchmarks/bench_monitor.py [--households N] [--engine sqlite|postgresql]
    .venv/bin/python tests/benchmarks/bench_monitor.py --db FILE|postgresql+psycopg://…  (kept)

Budget (shared/engineering.md): the monitor over a year ≤ 5 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

BUDGET_S = 5.0
RUNS = 3
BATCH = 5000


def _median_s(fn: Callable[[], object], clock: Callable[[], float] = time.perf_counter) -> float:
    times = []
    for _ in range(RUNS):
        t = clock()
        fn()
        times.append(clock() - t)
    return statistics.median(times)


def _fill(db: object, n: int) -> float:
    from db.database import Database
    from db.demo_loader import load_demo
    from planner.reference import load_reference
    from tests.monitor_data import monitor_households

    assert isinstance(db, Database)
    started = time.perf_counter()
    load_demo(db, today=date(2026, 1, 15))
    with db.unit_of_work(write=False) as uow:
        catalogue = uow.catalogue.load()
    areas = [a.code for a in load_reference().life_areas]
    batch: list = []  # type: ignore[type-arg]
    for item in monitor_households(n, catalogue, areas):
        batch.append(item)
        if len(batch) == BATCH:
            with db.unit_of_work() as uow:
                uow.bulk_insert_households([h for h, _ in batch], [p for _, ps in batch for p in ps])
            batch = []
    if batch:
        with db.unit_of_work() as uow:
            uow.bulk_insert_households([h for h, _ in batch], [p for _, ps in batch for p in ps])
    return time.perf_counter() - started


def _size_mb(db: object, target: str | Path) -> float:
    from db.database import Database

    assert isinstance(db, Database)
    state = db.server_state()
    if state is not None:
        return float(state["size_mb"])  # type: ignore[arg-type]
    path = Path(target)
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists()) / 1e6


def _run(engine: str, target: str | Path, n: int) -> dict[str, float]:
    from sqlalchemy import text

    from db.database import Database
    from planner.monitor.compute import birth_window, compute
    from planner.monitor.pdf import monitor_pdf
    from planner.monitor.rows import Period
    from planner.monitor.table import csv_bytes
    from planner.reference import load_reference
    from planner.services.monitor import monitor
    from tests.monitor_data import YEAR

    db = Database.open(target)
    with db.unit_of_work(write=False) as uow:
        filled = uow.counts()["households"] > 0
    fill = 0.0 if filled else _fill(db, n)  # a kept database (--db) is measured as it is
    reference = load_reference()
    with db.unit_of_work(write=False) as uow:
        catalogue = uow.catalogue.load()
        counts = uow.counts()
    period = Period(*YEAR)
    born = birth_window(period, reference.terms.adult_age)
    floor_sql = text(
        "SELECT h.municipality_code, count(*) FROM allocations a JOIN plans p ON p.id = a.plan_id "
        "JOIN households h ON h.id = p.household_id WHERE p.status IN ('vastgesteld', 'afgesloten') "
        'AND a.start <= :end AND a."end" >= :start GROUP BY h.municipality_code'
    )

    def floor() -> object:
        with db.engine.connect() as conn:
            return conn.execute(floor_sql, {"start": period.start, "end": period.end}).all()

    def reads() -> object:
        with db.unit_of_work(write=False) as uow:
            return uow.monitor.load(period, None, born)

    with db.unit_of_work(write=False) as uow:
        data = uow.monitor.load(period, None, born)
    report = monitor(db, catalogue, reference, period)
    result = {
        "households": counts["households"],
        "allocations": counts["allocations"],
        "running": report.region.flow.running,
        "fill_s": fill,
        "size_mb": _size_mb(db, target),
        "floor_s": _median_s(floor),
        "reads_s": _median_s(reads),
        "compute_s": _median_s(
            lambda: compute(data, period, catalogue, reference.cell_prices, reference.terms.adult_age)
        ),
        "monitor_s": _median_s(lambda: monitor(db, catalogue, reference, period)),
        # On a shared machine the wall clock waits for the others; this process's own CPU time
        # does not (on SQLite it is all the work, on PostgreSQL the server's is not in it).
        "monitor_cpu_s": _median_s(lambda: monitor(db, catalogue, reference, period), time.process_time),
        "csv_s": _median_s(lambda: csv_bytes(report)),
        "pdf_s": _median_s(lambda: monitor_pdf(report)),
    }
    db.close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--engine", choices=("sqlite", "postgresql"), action="append")
    parser.add_argument(
        "--db", help="the SQLite file or PostgreSQL URL to measure (filled first when empty; kept)"
    )
    args = parser.parse_args()
    from db.dialect import is_url

    engines = args.engine or ["sqlite", "postgresql"]
    if args.db:
        engines = ["postgresql" if is_url(args.db) else "sqlite"]
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for engine in engines:
            if args.db:
                results[engine] = _run(engine, args.db if is_url(args.db) else Path(args.db), args.households)
            elif engine == "sqlite":
                results[engine] = _run(engine, Path(tmp) / "regio.db", args.households)
            else:
                from tests.pg import PostgresServer, _bindir

                bindir = _bindir()
                if bindir is None:
                    print("PostgreSQL is niet geïnstalleerd: alleen SQLite gemeten.")
                    continue
                server = PostgresServer(bindir)
                try:
                    results[engine] = _run(engine, server.fresh_database(), args.households)
                finally:
                    server.stop()
    print(f"\nRegional monitor over a year (medians of {RUNS}); budget ≤ {BUDGET_S:.0f} s")
    print(f"{'':<28}" + "".join(f"{e:>14}" for e in results))
    rows = [
        ("households", "households", "{:>14,.0f}"),
        ("allocations stored", "allocations", "{:>14,.0f}"),
        ("allocations running in year", "running", "{:>14,.0f}"),
        ("filling the database (s)", "fill_s", "{:>14.1f}"),
        ("database size (MB)", "size_mb", "{:>14.0f}"),
        ("floor: SQL count (s)", "floor_s", "{:>14.3f}"),
        ("db reads (s)", "reads_s", "{:>14.3f}"),
        ("planner compute (s)", "compute_s", "{:>14.3f}"),
        ("whole monitor (s)", "monitor_s", "{:>14.3f}"),
        ("… its CPU, this process (s)", "monitor_cpu_s", "{:>14.3f}"),
        ("CSV from the figures (s)", "csv_s", "{:>14.3f}"),
        ("PDF from the figures (s)", "pdf_s", "{:>14.3f}"),
    ]
    for label, key, fmt in rows:
        print(f"{label:<28}" + "".join(fmt.format(r[key]) for r in results.values()))
    print(
        f"{'monitor / floor':<28}"
        + "".join(f"{r['monitor_s'] / r['floor_s']:>13.0f}×" for r in results.values())
    )
    from tests.benchmarks.results import Result, report

    report(
        *(
            Result(
                f"monitor over a year, {r['households']:,.0f} households, {engine}",
                r["monitor_s"],
                "s",
                BUDGET_S,
                r["floor_s"],
                "a direct SQL count",
            )
            for engine, r in results.items()
        )
    )
    worst = max(r["monitor_s"] for r in results.values())
    print(f"\nworst whole monitor: {worst:.2f} s — {'within' if worst <= BUDGET_S else 'OVER'} the budget")
    return 0 if worst <= BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
