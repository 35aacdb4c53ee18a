"""run_app's start on a plain database asks to encrypt it; every start makes the day's backup."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from db import cipher
from db.database import Database
from db.demo_loader import load_demo
from ui.app import MainWindow, _open_database
from ui.settings import WindowSettings

TODAY = date(2026, 11, 23)


def _window(qtbot, tmp_path: Path) -> MainWindow:
    window = MainWindow(None, None, TODAY, WindowSettings(tmp_path / "window.ini"))
    qtbot.addWidget(window)
    window.show()
    return window


def _plain_region(path: Path) -> Path:
    with Database.open(path, encrypt=False) as db:
        load_demo(db, today=TODAY)
    assert not cipher.is_encrypted(path)
    return path


def _answer(monkeypatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_a_plain_database_is_encrypted_when_the_professional_agrees(qtbot, tmp_path, monkeypatch):
    path = _plain_region(tmp_path / "oud.db")
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    window = _window(qtbot, tmp_path)
    _open_database(window, path, demo=False)
    assert len(asked) == 1 and "niet versleuteld" in asked[0] and "sleutel" in asked[0]
    assert window.db is not None and window.db.encrypted and cipher.is_encrypted(path)
    window.start.search.setText("Jansen")
    window.run_search()
    window.worker.finish()  # the search runs on the background worker
    found = [window.start.results.item(i).text() for i in range(window.start.results.count())]
    assert any("DEMO-0001" in text for text in found)  # the same data, now encrypted
    window.db.close()


def test_declining_keeps_the_plain_database_and_asks_again_next_time(qtbot, tmp_path, monkeypatch):
    path = _plain_region(tmp_path / "oud.db")
    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    for _ in range(2):
        window = _window(qtbot, tmp_path)
        _open_database(window, path, demo=False)
        assert window.db is not None and not window.db.encrypted
        window.db.close()
    assert len(asked) == 2 and not cipher.is_encrypted(path)


def test_the_start_makes_the_days_backup_in_the_background(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "trajectplanner.db"
    with Database.open(path) as db:
        load_demo(db, today=TODAY)
    _answer(monkeypatch, QMessageBox.StandardButton.No)  # asked nothing: the file is encrypted
    window = _window(qtbot, tmp_path)
    backups = tmp_path / "gegevens" / "backups"
    _open_database(window, path, demo=False, backups=backups)
    assert window.backup_thread is not None
    window.backup_thread.join(timeout=30)
    made = backups / "trajectplanner-2026-11-23.db"
    assert made.is_file() and cipher.is_encrypted(made)
    assert (made.stat().st_mode & 0o777, backups.stat().st_mode & 0o777) == (0o600, 0o700)
    window.db.close()
