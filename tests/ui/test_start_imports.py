"""What the window's start imports (issue 11.8): no PDF renderers before the first frame, nor when
a household opens; they come with the first letter or preview."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHECK = """
import sys
from datetime import date
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
import db.database
from ui.app import MainWindow
from ui.shell import root
from tests.db import factories
db = root.open_database(Path(sys.argv[1]))
with db.unit_of_work() as uow:
    household = factories.household("2027-000001")
    uow.households.save(household)
workspace = root.open_workspace(db)
window = MainWindow(None, None, date(2027, 1, 18))
window.show()
window.attach(workspace.db, workspace.reference, workspace.catalogue)
app.processEvents()
started = {m for m in sys.modules if m.split(".")[0] == "reportlab" or m == "planner.documents.letter"}
window.open_household(household.id)
app.processEvents()
opened = {m for m in sys.modules if m.split(".")[0] == "reportlab" or m == "planner.documents.letter"}
print(sorted(started), sorted(opened))
window.close()
db.close()
"""


def test_no_pdf_renderer_at_start_or_when_a_household_opens(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", CHECK, str(tmp_path / "t.db")],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[] []"
