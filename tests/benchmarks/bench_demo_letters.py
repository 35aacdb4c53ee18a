"""Benchmark: the demo with generated households, decided plans included, and their letters in batch.

Not part of the test run. Loads `demo --households N` in-process (timed), then runs
`trajectplanner letters --decided-since 2000-01-01` as a real subprocess and reports letters per
second against reportlab's own minimal 2-page document rendered in the same run (the floor, from
bench_letters). The subprocess time includes its start-up.

    .venv/bin/python tests/benchmarks/bench_demo_letters.py [N]   (default 2000)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from db.database import Database  # noqa: E402
from db.demo_loader import load_demo  # noqa: E402
from planner.documents.base import register_fonts  # noqa: E402
from planner.model import PlanStatus  # noqa: E402
from tests.benchmarks.bench_letters import floor_once, medians_ms  # noqa: E402
from tests.benchmarks.results import Result, report  # noqa: E402

TODAY = date(2027, 1, 20)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        env = {
            **os.environ,
            "TRAJECTPLANNER_KEY_FILE": str(home / "key"),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_STATE_HOME": str(home / "state"),
            "HOME": str(home),
        }
        os.environ["TRAJECTPLANNER_KEY_FILE"] = env["TRAJECTPLANNER_KEY_FILE"]
        path = home / "demo.sqlite"
        db = Database.open(path)
        t0 = time.perf_counter()
        load_demo(db, today=TODAY, households=n)
        load_s = time.perf_counter() - t0
        with db.unit_of_work(write=False) as uow:
            decided = len(uow.plans.with_status(PlanStatus.DECIDED))
        db.close()
        out = home / "brieven"
        args = ["letters", "--decided-since", "2000-01-01", "--out", str(out), "--db", str(path)]
        t0 = time.perf_counter()
        done = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), *args, "--today", TODAY.isoformat()],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        batch_s = time.perf_counter() - t0
        letters = len(done.stdout.split())
    floors = medians_ms({"plain": floor_once, "ttf": lambda: floor_once(register_fonts()[0])})
    floor, floor_ttf = floors["plain"][0], floors["ttf"][0]
    per_letter = batch_s * 1000 / letters
    rows = [
        (f"demo --households {n}: load ({decided} decided plans)", f"{load_s:.2f} s", ""),
        ("reportlab: minimal 2-page document (floor)", f"{floor:.1f} ms", "1.0×"),
        ("  the same with embedded DejaVu Sans (TTF)", f"{floor_ttf:.1f} ms", f"{floor_ttf / floor:.1f}×"),
        (f"letters --decided-since: {letters} letters in {batch_s:.1f} s", f"{per_letter:.1f} ms", ""),
    ]
    print(f"{'measure':<60}{'value':>12}{'ratio':>8}")
    for name, value, ratio in rows:
        print(f"{name:<60}{value:>12}{ratio:>8}")
    print(
        f"  per letter against the TTF floor: {per_letter / floor_ttf:.1f}×, "
        f"against the floor: {per_letter / floor:.1f}×"
    )
    print(
        f"letters per second: {letters / batch_s:.1f} "
        f"(TTF floor: {1000 / floor_ttf:.0f} documents per second)"
    )
    # No budget of its own (the batch includes the subprocess's start-up): shown against the floor.
    report(
        Result(
            f"letters --decided-since, per letter ({letters} letters)",
            per_letter,
            "ms",
            None,
            floor_ttf,
            "minimal 2-page reportlab document, DejaVu Sans",
        ),
        Result(f"demo --households {n}: load", load_s, "s", None),
    )


if __name__ == "__main__":
    main()
