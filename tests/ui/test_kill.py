"""A killed process loses nothing but the keystroke being typed (engineering.md, reliability)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from db.database import Database
from tests.ui.conftest import TODAY, ZUTPHEN
from ui.session import HouseholdSession

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import sys, time
    from datetime import date
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from db.database import Database
    from planner.reference import load_reference
    from ui.app import MainWindow
    from ui.settings import WindowSettings
    from tests.ui.typing_helper import type_text

    db_path, household_id, ini = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    window = MainWindow(Database.open(db_path), load_reference(), date(2027, 1, 18), WindowSettings(ini))
    window.show()
    session = window.open_household(household_id)
    type_text(window.view.household_tab.street, "Kerkstraat")  # no focus change, no Enter
    t0 = time.perf_counter()
    while not session.is_saved:
        app.processEvents()
        time.sleep(0.005)
    print(f"EDITED {time.perf_counter() - t0:.3f}", flush=True)
    while True:  # keep running until killed
        app.processEvents()
        time.sleep(0.01)
    """
)


def test_edit_survives_sigkill(db: Database, db_path: Path, reference, tmp_path: Path) -> None:
    session = HouseholdSession.create(db, reference, _catalogue(db), TODAY, ZUTPHEN)
    household_id = session.household.id
    db.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db_path), household_id, str(tmp_path / "s.ini")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        line = child.stdout.readline()
        assert line.startswith("EDITED"), child.stderr.read() if child.poll() is not None else line
        assert float(line.split()[1]) < 1.0  # from the last keystroke to on disk
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(10)
    again = Database.open(db_path)
    try:
        with again.unit_of_work(write=False) as uow:
            assert uow.households.get(household_id).street == "Kerkstraat"
    finally:
        again.close()


def _catalogue(db: Database):
    with db.unit_of_work(write=False) as uow:
        return uow.catalogue.load()
