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
    assert _last_line(CHECK, tmp_path / "t.db") == "[] []"


def _last_line(code: str, db: Path, **env: str) -> str:
    """The last line printed by `code`, run on `db` in a fresh process (it must succeed)."""
    done = subprocess.run(
        [sys.executable, "-c", code, str(db)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", **env},
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


FIRST_FRAME = """
import sys
from datetime import date
from pathlib import Path
from ui.pyside_imports import skip_feature_scan
assert skip_feature_scan(), "PySide6's feature hook has changed: every import after Qt is slower"
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
seen = {}
class Probe(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not seen:
            for w in app.topLevelWidgets():
                if w.isVisible() and getattr(w, "db_label", None) is not None:
                    seen["label"] = w.db_label.text()
                    seen["loaded"] = sorted(
                        m for m in ("sqlalchemy", "planner.reference", "db.database") if m in sys.modules
                    )
                    seen["attached"] = w.db is not None
                    QTimer.singleShot(0, lambda w=w: search(w))
                    break
        return False
def search(w):
    w.start.search.setText("2027-000001")
    def done():
        if w.start.results.count():
            print(seen["label"].startswith("Database:"), seen["loaded"], seen["attached"], w.db is not None)
            w.close()
        else:
            QTimer.singleShot(20, done)
    done()
probe = Probe()
app.installEventFilter(probe)
from ui.app import run_app
sys.exit(run_app(Path(sys.argv[1]), today=date(2027, 1, 18)))
"""


def test_the_first_frame_shows_the_checked_file_before_the_data_layer_loads(tmp_path: Path) -> None:
    """The window is painted once its file is locked and checked (db/opening.py), without
    SQLAlchemy or the reference data; they load right after, and a search typed at once is
    answered from the database."""
    from tests.db import factories
    from ui.shell import root

    db = root.open_database(tmp_path / "t.db")
    with db.unit_of_work() as uow:
        uow.households.save(factories.household("2027-000001"))
    db.close()
    state = {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_STATE_HOME": str(tmp_path / "state")}
    assert _last_line(FIRST_FRAME, tmp_path / "t.db", **state) == "True [] False True"
