"""A resolved import conflict can be reversed: the version here before the first resolution stays
in the conflict record, so `trajectplanner conflicts --resolve ID --take here|file` (a real
subprocess) can be run again, either way, as often as needed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from db.database import Database
from planner.services import exchange
from tests.cli.test_cli import ROOT, TODAY
from tests.exchange.helpers import edit_plan, three_sides


def _conflicts(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "conflicts", "--db", str(db), *args, "--today", TODAY],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def _desired(db_path: Path) -> str:
    db = Database.open(db_path)
    try:
        with db.unit_of_work(write=False) as uow:
            h = uow.households.by_case_number("DEMO-0001")
            assert h is not None
            plan = next(p for p in uow.plans.for_household(h.id) if p.status.value == "concept")
            return plan.life_areas[0].desired_result
    finally:
        db.close()


def test_a_resolution_is_reversed_by_running_it_again(tmp_path: Path) -> None:
    a, office, b = three_sides(tmp_path)
    edit_plan(a, "DEMO-0001", lambda p: setattr(p.life_areas[0], "desired_result", "Op A getypt"))
    edit_plan(b, "DEMO-0001", lambda p: setattr(p.life_areas[0], "desired_result", "Op B getypt"))
    office.import_(a.export(to=office))
    office.import_(b.export(to=office))
    (conflict,) = exchange.open_conflicts(office.db)
    for side in (a, office, b):
        side.db.close()

    for take, want in (("file", "Op B getypt"), ("here", "Op A getypt"), ("file", "Op B getypt")):
        done = _conflicts(office.path, "--resolve", conflict.id, "--take", take)
        assert done.returncode == 0, done.stderr
        assert "opgelost" in done.stderr
        assert _desired(office.path) == want, take
    listed = _conflicts(office.path, "--json")
    assert listed.returncode == 0 and listed.stdout.strip() == "[]"  # resolved: no longer open

    unknown = _conflicts(office.path, "--resolve", "geen-conflict", "--take", "here")
    assert unknown.returncode == 1 and "bestaat niet" in unknown.stderr
