"""Every way the window's start can fail ends in a Dutch message, never on "wordt geopend…".

Through the real window (pytest-qt): a permission error, a dangling link, a read-only file (opens
read-only: searching works, creating does not), a second window on the same file, and a household
on a damaged page (named by its case number).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from db import cipher
from db.connection import Mode, connect
from db.database import Database
from db.demo_loader import load_demo
from planner.services.fields import HouseholdField, PlanField, set_field
from tests.other_user import as_nobody
from ui.app import ID_ROLE, MainWindow, _open_database, run_app
from ui.settings import WindowSettings
from ui.shell import root  # noqa: F401 - imported as root: `nobody` may not read the stdlib here

TODAY = date(2026, 11, 23)
STUCK = "wordt geopend"


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """The texts of the message boxes the window showed, by kind."""
    seen: dict[str, list[str]] = {"critical": [], "warning": []}
    for kind in seen:

        def record(parent, title, text, *args, _kind=kind, **kwargs):
            seen[_kind].append(text)
            return QMessageBox.StandardButton.Ok

        monkeypatch.setattr(QMessageBox, kind, record)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    return seen


def _window(qtbot, tmp_path: Path) -> MainWindow:
    window = MainWindow(None, None, TODAY, WindowSettings(tmp_path / "venster.ini"))
    qtbot.addWidget(window)
    window.show()
    return window


def _demo(path: Path, *, encrypt: bool = True) -> Path:
    with Database.open(path, encrypt=encrypt) as db:
        load_demo(db, today=TODAY)
    return path


def test_a_file_without_read_permission_gives_a_message(qtbot, tmp_path, shown) -> None:
    base = "/var/tmp" if os.stat("/var/tmp").st_mode & 0o001 else None
    if os.geteuid() == 0 and base is None:
        pytest.skip("no folder that `nobody` can reach")
    folder = Path(tempfile.mkdtemp(prefix="tp-test-", dir=base))  # reachable for `nobody`
    try:
        os.chmod(folder, 0o755)
        path = _demo(folder / "trajectplanner.db")
        os.chmod(path, 0o000)
        window = _window(qtbot, tmp_path)
        with as_nobody():
            _open_database(window, path, demo=False)
        assert shown["critical"] and "geen toegang" in shown["critical"][0]
        assert STUCK not in window.db_label.text() and window.db is None and not window.isVisible()
    finally:
        shutil.rmtree(folder)


def test_a_dangling_link_gives_a_message_through_run_app(qtbot, tmp_path, shown) -> None:
    link = tmp_path / "trajectplanner.db"
    link.symlink_to(tmp_path / "netwerkschijf" / "weg.db")
    QTimer.singleShot(10_000, QApplication.quit)  # a hang fails the test instead of the run
    assert run_app(link, today=TODAY) == 0
    assert shown["critical"] and "snelkoppeling" in shown["critical"][0]
    assert not (tmp_path / "netwerkschijf").exists() and link.is_symlink()
    assert not (tmp_path / "trajectplanner.db.lock").exists()  # nothing left beside a refused file


def test_a_read_only_file_opens_for_viewing(qtbot, tmp_path, shown) -> None:
    path = _demo(tmp_path / "trajectplanner.db")
    os.chmod(path, 0o400)
    window = _window(qtbot, tmp_path)
    _open_database(window, path, demo=False)
    try:
        assert shown["warning"] and "alleen-lezen" in shown["warning"][0]
        assert "alleen lezen" in window.db_label.text()
        assert not window.new_action.isEnabled()
        window.start.search.setText("DEMO-0001")
        window.run_search()
        qtbot.waitUntil(lambda: window.start.results.count() == 1, timeout=3000)  # on the worker
        session = window.open_household(window.start.results.item(0).data(ID_ROLE))
        assert session is not None and session.household.case_number == "DEMO-0001"
    finally:
        window.db.close()
    assert oct(os.stat(path).st_mode & 0o777) == "0o400"


def test_a_second_window_on_the_same_file_is_told_it_is_open_elsewhere(qtbot, tmp_path, shown) -> None:
    path = _demo(tmp_path / "trajectplanner.db")
    first = _window(qtbot, tmp_path)
    _open_database(first, path, demo=False)
    second = _window(qtbot, tmp_path)
    _open_database(second, path, demo=False)
    assert shown["critical"] and "al geopend in een ander venster" in shown["critical"][0]
    assert second.db is None and first.db is not None
    first.close()  # closing the first lets the next one in
    third = _window(qtbot, tmp_path)
    _open_database(third, path, demo=False)
    assert third.db is not None and len(shown["critical"]) == 1
    first.db.close()
    third.db.close()


def test_a_household_on_a_damaged_page_is_named(qtbot, tmp_path, shown) -> None:
    path = _demo(tmp_path / "trajectplanner.db", encrypt=False)  # plain: dbstat finds the pages
    con = sqlite3.connect(path)
    row = con.execute(
        "SELECT h.id, h.case_number, d.pageno FROM households h JOIN members m ON m.household_id = h.id"
        " JOIN dbstat d ON d.name = 'members' AND d.pagetype = 'leaf' ORDER BY h.case_number LIMIT 1"
    ).fetchone()
    pages = [
        r[0] for r in con.execute("SELECT pageno FROM dbstat WHERE name = 'members' AND pagetype = 'leaf'")
    ]
    size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    with path.open("r+b") as f:  # garble the cells of every members page, keep the page headers
        for page in pages:
            f.seek((page - 1) * size + 8)
            f.write(b"\xff" * (size - 8))
    window = _window(qtbot, tmp_path)
    _open_database(window, path, demo=False)
    try:
        assert window.open_household(row[0]) is None
        assert shown["warning"] and f"dossiernummer {row[1]}" in shown["warning"][-1]
        assert window.db.read_only  # nothing more is saved into a file known to be damaged
    finally:
        window.db.close()


def test_an_autosave_into_a_read_only_file_says_why_and_does_not_retry(qtbot, tmp_path, shown) -> None:
    path = _demo(tmp_path / "trajectplanner.db")
    os.chmod(path, 0o400)
    window = _window(qtbot, tmp_path)
    _open_database(window, path, demo=False)
    try:
        session = window.open_household(_household_id(path, "DEMO-0001"))
        assert session is not None
        failures: list[str] = []
        session.save_failed.connect(failures.append)
        session.apply(set_field(session.household, HouseholdField.STREET, "Andere straat", "Straat"))
        assert not session.save_now()
        assert failures and "alleen worden gelezen" in failures[0] and "over een minuut" not in failures[0]
        # it will never succeed: no retry loop
        assert not session._timer.isActive() and not session._retry_timer.isActive()
        assert "Niet opgeslagen" in window.save_label.text()
    finally:
        window.db.close()


def _raw(path: Path, mode: Mode = "write") -> Any:
    """A connection from outside the program, keyed when the file is encrypted."""
    return connect(path, mode, key=cipher.stored_key() if cipher.is_encrypted(path) else None)


def _household_id(path: Path, case_number: str) -> str:
    con = _raw(path, "immutable")
    try:
        return con.execute("SELECT id FROM households WHERE case_number = ?", (case_number,)).fetchone()[0]
    finally:
        con.close()


def test_a_plan_decided_elsewhere_is_said_once_not_retried_for_ever(
    qtbot, tmp_path, shown, monkeypatch
) -> None:
    import ui.conflict_dialog

    told: list[object] = []
    monkeypatch.setattr(ui.conflict_dialog, "tell_decided_elsewhere", lambda _w, notice: told.append(notice))
    path = _demo(tmp_path / "trajectplanner.db")
    window = _window(qtbot, tmp_path)
    _open_database(window, path, demo=False)
    try:
        session = window.open_household(_household_id(path, "DEMO-0001"))
        assert session is not None and session.plan is not None and not session.plan.is_frozen
        other = _raw(path)  # another window, another laptop's import: decided there
        other.execute(
            "UPDATE plans SET status = 'vastgesteld', decided_on = '2026-11-20',"
            " revision = revision + 1 WHERE id = ?",
            (session.plan.id,),
        )
        other.close()
        failures: list[str] = []
        session.save_failed.connect(failures.append)
        plan = session.plan
        session.apply(set_field(plan, PlanField.MONTHS, (plan.months or 12) + 1, "Duur"))
        session.save_now()  # the plan is taken as decided there; the rest of the save goes on
        assert session.plan is not None and session.plan.is_frozen
        assert failures and "vastgesteld" in failures[0] and "over een minuut" not in failures[0]
        assert "beschadigd" not in failures[0]
        assert len(told) == 1  # the window tells the professional (ui/conflict_dialog.py)
        assert not session._timer.isActive() and not session._retry_timer.isActive()
    finally:
        window.db.close()


def test_a_full_disk_opens_for_viewing_and_is_not_called_damaged(qtbot, tmp_path, shown) -> None:
    import subprocess

    disk = tmp_path / "klein"
    disk.mkdir()
    if (
        os.geteuid() != 0
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=1M", "tmpfs", str(disk)], capture_output=True
        ).returncode
    ):
        pytest.skip("a small tmpfs needs root")
    try:
        path = disk / "trajectplanner.db"
        with Database.open(path) as db, db.unit_of_work() as uow:
            uow.settings.set("regio", "Noord-Veluwe")
        fd = os.open(disk / "vulling", os.O_CREAT | os.O_WRONLY, 0o600)
        with contextlib.suppress(OSError):
            while os.write(fd, b"\0" * 4096):
                pass
        os.close(fd)
        before = path.read_bytes()
        window = _window(qtbot, tmp_path)
        _open_database(window, path, demo=False)
        message = (shown["warning"] + shown["critical"])[0]
        assert "vol" in message and "ruimte vrij" in message
        assert "beschadigd" not in message and "reservekopie" not in message
        if window.db is not None:
            assert "alleen lezen" in window.db_label.text()
            window.db.close()
        assert path.read_bytes() == before
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_the_file_is_locked_and_checked_before_the_first_frame(qtbot, tmp_path, shown) -> None:
    """`run_app` paints the window once `_prepare_file` has locked and checked the file; the data
    layer comes after (`_open_database` with what was found): a second window is refused at once."""
    from ui.app import _prepare_file

    path = _demo(tmp_path / "trajectplanner.db")
    first = _window(qtbot, tmp_path)
    prepared = _prepare_file(first, path)
    assert prepared is not None and prepared.notice is None
    assert first.db_label.text() == f"Database: {path}" and first.db is None
    second = _window(qtbot, tmp_path)
    assert _prepare_file(second, path) is None  # its refusal is said once, by _open_database
    _open_database(second, path, demo=False)
    assert shown["critical"] and "al geopend in een ander venster" in shown["critical"][0]
    _open_database(first, path, demo=False, prepared=prepared)
    try:
        assert first.db is not None and len(shown["critical"]) == 1
        first.start.search.setText("DEMO-0001")
        qtbot.waitUntil(lambda: first.start.results.count() == 1, timeout=3000)
        # Then the reference data and the catalogue, which a household needs, without being asked.
        qtbot.waitUntil(lambda: first.catalogue is not None, timeout=3000)
        assert first.reference is not None and first.start.municipality_filter.count() > 1
    finally:
        first.db.close()


def test_a_read_only_or_refused_file_is_said_before_the_first_frame_or_once_after(
    qtbot, tmp_path, shown
) -> None:
    from ui.app import _prepare_file

    path = _demo(tmp_path / "trajectplanner.db")
    os.chmod(path, 0o400)
    window = _window(qtbot, tmp_path)
    prepared = _prepare_file(window, path)
    assert prepared is not None and "alleen lezen" in window.db_label.text()
    window.instance_lock.release()
    link = tmp_path / "weg.db"
    link.symlink_to(tmp_path / "netwerkschijf" / "weg.db")
    other = _window(qtbot, tmp_path)
    assert _prepare_file(other, link) is None and other.instance_lock is None
    assert not (tmp_path / "weg.db.lock").exists() and not shown["critical"]
    _open_database(other, link, demo=False)
    assert len(shown["critical"]) == 1 and "snelkoppeling" in shown["critical"][0]
