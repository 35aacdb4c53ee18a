"""Benchmark (not a test): export and import of 1,000 plans (engineering.md: each ≤ 1 s, import
≤ 3 × a raw `sqlite3` executemany of the same rows, in the same run).

Builds the demo region with 1,000 generated households (one plan each) in a temporary file, then
times, as medians: the export (read, document, sign, encrypt), the import into an empty database
(decrypt, verify, schema, three-way decision, write, in one transaction), the import's write step
alone, and the floor: the same rows inserted with raw `sqlite3` executemany in one transaction.
The import and the floor run on plain (unencrypted) files, so they compare like with like; the
import into an encrypted file is shown too.

    .venv/bin/python tests/benchmarks/bench_exchange.py
"""

from __future__ import annotations

import gc
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

TODAY = date(2026, 12, 1)
HOUSEHOLDS = 1000
RUNS = 7
TABLES = (
    "households",
    "members",
    "household_words",
    "plans",
    "life_area_results",
    "allocations",
    "decisions",
)


def _median(fn: Callable[[int], object]) -> float:
    times = []
    for i in range(RUNS):
        gc.collect()  # each run starts without the garbage of the one before
        t = time.perf_counter()
        fn(i)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    import pyrage
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from db.database import Database
    from db.demo_loader import load_demo
    from planner.exchange.document import dumps
    from planner.exchange.envelope import encrypt, sign, signing_public_text
    from planner.services import exchange

    signing = Ed25519PrivateKey.generate()
    identity = pyrage.x25519.Identity.generate()
    trusted = {signing_public_text(signing.public_key()): "Laptop"}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = Database.open(folder / "bron.db", encrypt=False)
        load_demo(source, today=TODAY, households=HOUSEHOLDS)
        with source.unit_of_work(write=False) as uow:
            counts = uow.counts()
        plans = counts["plans"]
        rows = sum(counts[t] for t in TABLES)

        files: list[bytes] = []

        def export(_i: int) -> None:
            made = exchange.export_households(source)
            files.append(encrypt(sign(dumps(made.document), signing), [str(identity.to_public())]))

        export_s = _median(export)
        data = files[-1]

        def target(name: str, i: int, encrypted: bool = False) -> Database:
            return Database.open(folder / f"{name}-{i}.db", encrypt=encrypted)

        empties = {
            (n, i): target(n, i, n == "versleuteld")
            for n in ("import", "stap", "versleuteld")
            for i in range(RUNS)
        }

        def full(i: int) -> None:
            incoming = exchange.read_households(data, trusted, [str(identity)])
            exchange.import_households(empties[("import", i)], incoming)

        import_s = _median(full)
        incoming = exchange.read_households(data, trusted, [str(identity)])
        step_s = _median(lambda i: exchange.import_households(empties[("stap", i)], incoming))
        encrypted_s = _median(
            full_encrypted := (
                lambda i: exchange.import_households(
                    empties[("versleuteld", i)], exchange.read_households(data, trusted, [str(identity)])
                )
            )
        )
        del full_encrypted
        read_s = _median(lambda _i: exchange.read_households(data, trusted, [str(identity)]))

        # The floor: the rows the import wrote, inserted raw in one transaction into an empty copy.
        done = sqlite3.connect(folder / "import-0.db")
        tables = {t: done.execute(f'SELECT * FROM "{t}"').fetchall() for t in TABLES}
        done.close()

        def floor(i: int) -> None:
            path = folder / f"vloer-{i}.db"
            Database.open(path, encrypt=False).close()
            conn = sqlite3.connect(path, isolation_level=None)
            conn.execute("PRAGMA foreign_keys = ON")
            t = time.perf_counter()
            conn.execute("BEGIN")
            for name, found in tables.items():
                if found:
                    marks = ",".join("?" * len(found[0]))
                    conn.executemany(f'INSERT INTO "{name}" VALUES ({marks})', found)
            conn.execute("COMMIT")
            floors.append(time.perf_counter() - t)
            conn.close()

        floors: list[float] = []
        for i in range(RUNS):
            floor(i)
        floor_s = statistics.median(floors)
        for db in [source, *empties.values()]:
            db.close()

    print(f"{plans} plans, {rows} rows, file {len(data) / 1e6:.1f} MB (encrypted, signed)")
    print(f"{'what':52} {'median':>9} {'budget':>9} {'ratio':>7}")
    line = "{:52} {:>8.3f}s {:>9} {:>7}"
    print(line.format("export 1,000 plans (read, sign, encrypt)", export_s, "1 s", ""))
    print(line.format("import: decrypt, verify, schema, parse", read_s, "", ""))
    print(line.format("import: decide + write (one transaction)", step_s, "", f"{step_s / floor_s:.1f}x"))
    print(line.format("import, whole (plain file)", import_s, "1 s", f"{import_s / floor_s:.1f}x"))
    print(line.format("import, whole (encrypted database)", encrypted_s, "1 s", ""))
    print(line.format("floor: raw sqlite3 executemany, same rows", floor_s, "", "1.0x"))
    checks = {
        "export ≤ 1 s": export_s <= 1,
        "whole import ≤ 1 s": import_s <= 1,
        "decide + write ≤ 3 × floor": step_s <= 3 * floor_s,
        "whole import ≤ 3 × floor (verifying and parsing included)": import_s <= 3 * floor_s,
    }
    for name, passed in checks.items():
        print(f"{'ok  ' if passed else 'OVER'} {name}")
    from tests.benchmarks.results import Result, report

    floor_name = "raw sqlite3 executemany of the same rows"
    report(
        Result(f"export {plans:,} plans (read, sign, encrypt)", export_s, "s", 1.0),
        Result(f"import {plans:,} plans: decide + write", step_s, "s", None, floor_s, floor_name, 3.0),
        Result(f"import {plans:,} plans, whole (plain file)", import_s, "s", 1.0, floor_s, floor_name, 3.0),
        Result(f"import {plans:,} plans, whole (encrypted database)", encrypted_s, "s", 1.0),
    )
    ok = all(list(checks.values())[:3])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
