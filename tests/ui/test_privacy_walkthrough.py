"""Privacy after a whole day's work (issue 14.4): the real program, run in processes of its own
with a home folder of this test, leaves no BSN and no client text in any file it keeps for
itself (logs, settings, temporary folders, screenshots, the key file; the database and its
backups are encrypted), and every file it creates there is 0600 and every folder 0700.

The letters are written to a folder the professional chose and are meant to hold names; they are
checked for their mode only.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.db.factories import test_bsn

ROOT = Path(__file__).resolve().parents[2]
BSN = test_bsn(11)
STREET = "Vlasakkerweg"
SURNAME = "Ćosić-Bakker"
SAFETY = "schulden bij de woningcorporatie sinds het ontslag bij de vlasfabriek"
SECRETS = (BSN, STREET, SURNAME, "Ćosić", "woningcorporatie", "vlasfabriek")
TODAY = "2027-01-18"

# The window as `trajectplanner --demo` starts it, driven by a timer once the database is attached:
# the household of the walk-through gets a street, a new member and a safety note, all autosaved.
WALK = textwrap.dedent(
    f"""
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    app = QApplication(sys.argv)
    from planner.services.lookup import household_id_for_case
    from tests.ui.typing_helper import type_text
    from ui.app import MainWindow

    def step():
        window = next((w for w in app.topLevelWidgets() if isinstance(w, MainWindow)), None)
        if window is None or window.db is None:
            QTimer.singleShot(50, step)
            return
        session = window.open_household(household_id_for_case(window.db, "DEMO-0001"))
        tab = window.view.household_tab
        tab.street.selectAll()  # typing replaces the demo's street
        type_text(tab.street, {STREET!r})
        tab.add_member.click()
        type_text(tab.surname, {SURNAME!r})
        type_text(tab.bsn, {BSN!r})
        tab.given_names.setFocus()
        type_text(tab.safety_note, {SAFETY!r})
        tab.street.setFocus()
        def wait():
            if session.is_saved:
                with window.db.unit_of_work(write=False) as uow:
                    stored = uow.households.get(session.household.id)
                print("SAVED", stored.street, stored.members[-1].surname, flush=True)
                window.close()
            else:
                QTimer.singleShot(20, wait)
        wait()

    QTimer.singleShot(0, step)
    import main
    sys.exit(main.main(["--demo", "--today", "{TODAY}"]))
    """
)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    return home


def _env(home: Path) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "PYTHONPYCACHEPREFIX")}
    return {
        **keep,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_STATE_HOME": str(home / ".local/state"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "TMPDIR": str(home / "tmp"),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
        "PYTHONDONTWRITEBYTECODE": "1",
    }


def _run(home: Path, *args: str, code: str | None = None) -> str:
    command = [sys.executable, "-c", code] if code else [sys.executable, str(ROOT / "main.py"), *args]
    done = subprocess.run(command, env=_env(home), cwd=home, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, f"{args or 'walk'}: {done.stdout}\n{done.stderr}"
    return done.stdout


def test_a_day_of_work_leaves_nothing_readable_and_nothing_open(home: Path) -> None:
    (home / "tmp").mkdir(mode=0o700)
    letters = home / "Documenten" / "brieven"
    assert _run(home, code=WALK).split("\n")[-2] == f"SAVED {STREET} {SURNAME}"
    demo = ["--db", str(home / ".local/share/Trajectplanner/demo.db")]  # where --demo opened it
    _run(home, "letter", "DEMO-0001", "--out", str(letters), *demo, "--today", TODAY)
    _run(home, "backup", *demo)
    _run(home, "due", *demo, "--today", TODAY)
    _run(home, "shot", "--out", str(home / ".cache" / "shots"), *demo, "--today", TODAY)

    kept = [p for p in home.rglob("*") if letters not in p.parents and p != letters]
    files = [p for p in kept if p.is_file()]
    assert any(p.suffix == ".log" for p in files), "the walk wrote no log: nothing was checked"
    assert any(p.suffix == ".ini" for p in files), "the window kept no settings: nothing was checked"
    assert any(p.name.endswith(".db") for p in files)
    for path in files:
        data = path.read_bytes()
        for secret in SECRETS:
            assert secret.encode() not in data, f"{secret!r} readable in {path.relative_to(home)}"
    ours = [p for p in kept if _created_by_program(home, p)]
    wrong = [
        f"{p.relative_to(home)} {oct(stat.S_IMODE(p.stat().st_mode))}"
        for p in ours
        if stat.S_IMODE(p.stat().st_mode) != (0o700 if p.is_dir() else 0o600)
    ]
    assert not wrong, "not private:\n" + "\n".join(wrong)
    written = list(letters.glob("*.pdf"))
    assert written and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in written)


def _created_by_program(home: Path, path: Path) -> bool:
    """Everything under the program's own folders; the XDG roots themselves and the test's
    temporary folder are made by the test or shared with other programs."""
    relative = path.relative_to(home)
    roots = {Path(".local"), Path(".local/share"), Path(".local/state"), Path(".config"), Path(".cache")}
    roots |= {Path("tmp"), Path("Documenten")}
    return relative not in roots and relative.parts[0] in (".local", ".config", ".cache", "tmp")
