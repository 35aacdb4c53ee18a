"""UI benchmarks (not part of the test run): start-up, open a household, search.

    .venv/bin/python tests/benchmarks/bench_ui.py [--households 20000] [--db PATH]

Start-up is measured as a fresh process from launch to a shown, painted window, against a bare
QApplication + QMainWindow in the same run (the machine drifts; compare ratios). The large
database is generated once with the demo loader and kept at --db.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
TODAY = date(2027, 1, 18)

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1366, 768); w.show(); app.processEvents()
print("READY", flush=True)
"""

# What run_app does: the window first (search field focused, typing accepted), then the database.
FULL = """
import sys
from datetime import date
from pathlib import Path
from PySide6.QtWidgets import QApplication, QMessageBox
app = QApplication([])
# A plain (older) file would ask whether to encrypt it: answer No, measure the file as it is.
QMessageBox.question = lambda *a, **k: QMessageBox.StandardButton.No
from ui.app import MainWindow, _open_database
from ui.settings import WindowSettings
w = MainWindow(None, None, date(2027, 1, 18), WindowSettings(Path(sys.argv[2])))
w.resize(1366, 768); w.show(); app.processEvents()
print("READY", flush=True)
_open_database(w, Path(sys.argv[1]), False)
w.start.search.setText("Jans"); w.run_search(); w.worker.finish(); app.processEvents()
assert w.start.results.count() > 0
print("READY", flush=True)
"""


def _launch(code: str, *args: str) -> list[float]:
    """Seconds from launch to each READY line the process prints."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env)
    marks = [time.perf_counter() - t0 for line in proc.stdout if line.startswith("READY")]  # type: ignore[union-attr]
    assert proc.wait() == 0 and marks
    return marks


def _ensure_db(path: Path, households: int) -> None:
    from db.database import Database
    from db.demo_loader import load_demo

    if path.exists():
        return
    t0 = time.perf_counter()
    db = Database.open(path)
    load_demo(db, today=TODAY, households=households)
    db.close()
    print(f"(generated {path} with {households} households in {time.perf_counter() - t0:.1f} s)")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=20000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/trajectplanner-bench-ui.sqlite"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    _ensure_db(args.db, args.households)
    ini = args.db.with_suffix(".ini")

    rows: list[tuple[str, float, str, str]] = []
    bare, shown, searchable = [], [], []
    for _ in range(args.runs):  # interleaved, so drift hits both alike
        bare.append(_launch(BARE)[0])
        window_at, search_at = _launch(FULL, str(args.db), str(ini))
        shown.append(window_at)
        searchable.append(search_at)
    floor = statistics.median(bare)
    start, ready = statistics.median(shown), statistics.median(searchable)
    rows.append(("bare QApplication + QMainWindow (floor)", floor * 1000, "—", ""))
    rows.append(
        ("start to usable main window", start * 1000, "≤ 500 ms, ≤ 2 × floor", f"{start / floor:.2f} × floor")
    )
    rows.append(
        ("start to first search results (db opened)", ready * 1000, "", f"{ready / floor:.2f} × floor")
    )

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from db.database import Database
    from planner.reference import load_reference
    from ui.app import MainWindow
    from ui.session import HouseholdSession
    from ui.settings import WindowSettings

    db = Database.open(args.db)
    reference = load_reference()
    window = MainWindow(db, reference, TODAY, WindowSettings(ini))
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    with db.unit_of_work(write=False) as uow:
        summaries = uow.households.summaries()
    ids = random.Random(1).sample([s.id for s in summaries], min(30, len(summaries)))

    load, open_ms = [], []
    for household_id in ids:
        t0 = time.perf_counter()
        HouseholdSession.open(db, reference, window.catalogue, TODAY, household_id)
        load.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        window.open_household(household_id)
        app.processEvents()
        open_ms.append((time.perf_counter() - t0) * 1000)
    rows.append(("open a household: load from db", statistics.median(load), "", ""))
    rows.append(("open a household: load + all tabs shown", statistics.median(open_ms), "≤ 50 ms", ""))

    sample = random.Random(2).sample(summaries, 10)
    queries = ["Jans", "de V", "Bakker", "Mo"]
    queries += [s.case_number[:6] for s in sample[:3]] + [s.postcode[:4] for s in sample[3:6] if s.postcode]
    with db.unit_of_work(write=False) as uow:
        hh = uow.households.get(sample[6].id)
    bsn = next((m.bsn for m in hh.members if m.bsn), None) if hh else None
    if bsn:
        queries.append(bsn)
    window.show_search()
    search = []
    for q in queries * 3:
        window.start.search.setText(q)
        t0 = time.perf_counter()
        window.run_search()
        window.worker.finish()  # on the worker: submit, query, results back and shown
        app.processEvents()
        search.append((time.perf_counter() - t0) * 1000)
    rows.append(
        (
            f"search {len(summaries)} households ({len(queries)} queries, list shown)",
            statistics.median(search),
            "≤ 30 ms",
            f"max {max(search):.1f} ms",
        )
    )
    window.close()
    db.close()

    print(f"\n{'measure':58} {'median ms':>10}  {'budget':22} note")
    for name, ms, budget, note in rows:
        print(f"{name:58} {ms:10.1f}  {budget:22} {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
