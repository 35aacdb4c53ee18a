"""Benchmark: what encryption at rest (SQLCipher, db/cipher.py) costs, plain vs encrypted.

Not part of the test run. Generates the large region twice — a plain and an encrypted file —
and measures, on each, opening the database, one keyed connection, a household's letters from
the database (load + bundle + PDF, what `trajectplanner letter` does in-process), a search and a
backup. Run bench_ui with `--db` on each file for the window's budgets.

    .venv/bin/python tests/benchmarks/bench_cipher.py [--households 20000] [--folder DIR]

The key is kept in a key file in --folder (TRAJECTPLANNER_KEY_FILE), never the user's key store.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
TODAY = date(2027, 1, 18)


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def ensure(path: Path, households: int, encrypt: bool) -> None:
    from db.database import Database
    from db.demo_loader import load_demo

    if path.exists():
        return
    t0 = time.perf_counter()
    with Database.open(path, encrypt=encrypt) as db:
        load_demo(db, today=TODAY, households=households)
    print(f"(generated {path.name}: {households} households in {time.perf_counter() - t0:.1f} s)")


def measure(path: Path, runs: int, folder: Path) -> dict[str, float]:
    from db import cipher
    from db.backup import backup
    from db.database import Database
    from planner.documents.service import letter_documents
    from planner.reference import load_reference
    from planner.services.documents import load_case, printable_bundle, signer

    key = cipher.stored_key() if cipher.is_encrypted(path) else None
    out: dict[str, float] = {}

    def connect_and_read() -> None:
        con = cipher.connect(str(path), key)
        con.execute("SELECT count(*) FROM alembic_version").fetchone()
        con.close()

    out["connect + first query"] = median_ms(connect_and_read, runs * 4)
    out["Database.open + close"] = median_ms(lambda: Database.open(path).close(), runs)
    db = Database.open(path)
    reference = load_reference()
    professional = signer(db)

    def letters() -> None:
        household, plan = load_case(db, "DEMO-0001")
        bundle = printable_bundle(db, household, plan, reference, professional, TODAY)
        assert letter_documents(bundle)

    out["letters of DEMO-0001 from the db"] = median_ms(letters, runs)

    def load_only() -> None:
        load_case(db, "DEMO-0001")

    out["  of which load_case"] = median_ms(load_only, runs)

    with db.unit_of_work(write=False) as uow:
        summaries = uow.households.summaries()
    sample = random.Random(1).sample(summaries, 30)
    queries = ["Jans", "de V", "Bakker", "Mo", *(s.case_number[:6] for s in sample[:3])]
    queries += [s.postcode[:4] for s in sample[3:6] if s.postcode]

    def search() -> None:
        with db.unit_of_work(write=False) as uow:
            for q in queries:
                uow.households.search(q)

    with contextlib.suppress(TypeError):  # the repository's signature moved: bench_ui has search too
        out[f"search: {len(queries)} queries (repository)"] = median_ms(search, runs)

    def open_households() -> None:
        for s in sample:
            with db.unit_of_work(write=False) as uow:
                uow.households.get(s.id)
                uow.plans.for_household(s.id)

    with contextlib.suppress(AttributeError):  # a repository method moved: bench_ui has it too
        out["open 30 households with plans (repository)"] = median_ms(open_households, runs)
    target = folder / f"{path.stem}-backup.db"
    out["backup (online backup API)"] = median_ms(lambda: backup(db, target), 3)
    out["file size MB"] = path.stat().st_size / 1e6
    db.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=20000)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/trajectplanner-bench-cipher"))
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("TRAJECTPLANNER_KEY_FILE", str(args.folder / "database.key"))
    plain, encrypted = args.folder / "plain.sqlite", args.folder / "encrypted.sqlite"
    ensure(plain, args.households, encrypt=False)
    ensure(encrypted, args.households, encrypt=True)
    # Interleaved twice, so the machine's drift hits both alike.
    results = [measure(p, args.runs, args.folder) for p in (plain, encrypted, plain, encrypted)]
    from tests.benchmarks.results import Result, report

    rows: list[Result] = []
    print(f"\n{'measure':40} {'plain':>10} {'encrypted':>10} {'ratio':>7}")
    for name in results[0]:
        a = statistics.median([results[0][name], results[2][name]])
        b = statistics.median([results[1][name], results[3][name]])
        unit = "" if "MB" in name else " ms"
        print(f"{name:40} {a:8.2f}{unit:3} {b:8.2f}{unit:3} {b / a:6.2f}×")
        if unit:
            rows.append(Result(f"encrypted database: {name}", b, "ms", None, a, "the same, not encrypted"))
    report(*rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
