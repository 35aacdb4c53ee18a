"""Headless verbs run without Qt: the command line loads PySide6 only for the verbs that show windows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import sys
from ui.cli import run
code = run(sys.argv[1:])
loaded = sorted({name.split(".")[0] for name in sys.modules} & {"PySide6", "shiboken6"})
print("EXIT", code, "QT", ",".join(loaded) or "-")
"""


def _run(tmp_path: Path, *args: str) -> str:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_STATE_HOME": str(tmp_path / "state")}
    result = subprocess.run(
        [sys.executable, "-c", CHILD, *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_list_and_check_load_no_qt(tmp_path: Path) -> None:
    db = str(tmp_path / "leeg.db")
    assert _run(tmp_path, "list", "--db", db) == "EXIT 0 QT -"
    assert _run(tmp_path, "check", "--db", db, "--today", "2026-11-23") == "EXIT 0 QT -"
    assert _run(tmp_path, "due", "--db", db, "--today", "2026-11-23") == "EXIT 0 QT -"
