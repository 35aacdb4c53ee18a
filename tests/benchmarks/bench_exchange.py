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

from tests.benchmarks.results import Result, report

TODAY = date(2026, 12, 1)
HOUSEHOLDS = 1000
RUNS = 7
# Every table the import writes (parents before children), so the floor inserts the same rows.
TABLES = (
    "households",
    "members",
    "household_words",
    "household_prefixes",
    "plans",
    "life_area_results",
    "allocations",
    "decisions",
    "decision_documents",
)


def _timed(fn: Callable[[], object]) -> float:
    gc.collect()  # each run starts without the garbage of the one before
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def _median(fn: Callable[[int], object]) -> float:
    return statistics.median(_timed(lambda i=i: fn(i)) for i in range(RUNS))


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

        files: list[bytes] = []

        def export(_i: int) -> None:
            made = exchange.export_households(source)
            files.append(encrypt(sign(dumps(made.document), signing), [str(identity.to_public())]))

        export_s = _median(export)
        data = files[-1]

        def target(name: str, i: int, encrypted: bool = False) -> Database:
            return Database.open(folder / f"{name}-{i}.db", encrypt=encrypted)

        def read() -> exchange.Incoming:
            return exchange.read_households(data, trusted, [str(identity)])

        # A first import (not timed) warms the caches and gives the rows the floor inserts.
        first = target("eerste", 0)
        exchange.import_households(first, read())
        first.close()
        done = sqlite3.connect(folder / "eerste-0.db")
        tables = {t: done.execute(f'SELECT * FROM "{t}"').fetchall() for t in TABLES}
        done.close()
        rows = sum(len(found) for found in tables.values())

        def floor(i: int) -> float:
            """The rows the import wrote, inserted raw in one transaction into an empty database."""
            path = folder / f"vloer-{i}.db"
            Database.open(path, encrypt=False).close()
            conn = sqlite3.connect(path, isolation_level=None)
            conn.execute("PRAGMA foreign_keys = ON")
            gc.collect()
            t = time.perf_counter()
            conn.execute("BEGIN")
            for name, found in tables.items():
                if found:
                    marks = ",".join("?" * len(found[0]))
                    conn.executemany(f'INSERT INTO "{name}" VALUES ({marks})', found)
            conn.execute("COMMIT")
            spent = time.perf_counter() - t
            conn.close()
            return spent

        empties = {
            (n, i): target(n, i, n == "versleuteld")
            for n in ("import", "stap", "versleuteld")
            for i in range(RUNS)
        }
        # The floor and the whole import alternate, so a busy moment of the machine hits both.
        floors: list[float] = []
        imports: list[float] = []
        for i in range(RUNS):
            floors.append(floor(i))
            imports.append(_timed(lambda i=i: exchange.import_households(empties[("import", i)], read())))
        floor_s = statistics.median(floors)
        import_s = statistics.median(imports)
        incoming = read()
        step_s = _median(lambda i: exchange.import_households(empties[("stap", i)], incoming))
        encrypted_s = _median(lambda i: exchange.import_households(empties[("versleuteld", i)], read()))
        read_s = _median(lambda _i: read())
        for db in [source, *empties.values()]:
            db.close()

    print(f"{plans} plans, {rows} rows, file {len(data) / 1e6:.1f} MB (encrypted, signed)")
    floor_name = "raw sqlite3 executemany of the same rows"
    report(
        Result("uitwisseling: export 1,000 plans (read, sign, encrypt)", export_s, "s", 1.0),
        Result("uitwisseling: import, decrypt + verify + schema + parse", read_s, "s", None),
        Result(
            "uitwisseling: import, decide + write (one transaction)", step_s, "s", None, floor_s, floor_name
        ),
        Result(
            "uitwisseling: import 1,000 plans, whole",
            import_s,
            "s",
            1.0,
            floor_s,
            floor_name,
            ratio_budget=3.0,
        ),
        Result("uitwisseling: import into an encrypted database", encrypted_s, "s", None),
        Result("uitwisseling: floor, " + floor_name, floor_s, "s", None, floor_s, floor_name),
    )
    print("floors:", " ".join(f"{f:.3f}" for f in floors), " imports:", " ".join(f"{t:.3f}" for t in imports))
    return 0 if export_s <= 1 and import_s <= 1 and import_s <= 3 * floor_s else 1


if __name__ == "__main__":
    sys.exit(main())
