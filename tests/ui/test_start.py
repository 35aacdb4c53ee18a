"""run_app's start: the window first, then the database; an empty database offers the demo."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from tests.ui.typing_helper import type_text
from ui.app import MainWindow, _open_database
from ui.settings import WindowSettings

TODAY = date(2026, 11, 23)


def _window(qtbot, tmp_path: Path) -> MainWindow:
    window = MainWindow(None, None, TODAY, WindowSettings(tmp_path / "window.ini"))
    qtbot.addWidget(window)
    window.show()
    return window


def test_typing_before_the_database_is_open_is_searched_once_it_is(qtbot, tmp_path, monkeypatch):
    window = _window(qtbot, tmp_path)
    assert not window.new_action.isEnabled()
    type_text(window.start.search, "Jansen")
    window.run_search()
    assert "database wordt geopend" in window.start.status.text()

    asked: list[str] = []

    def yes(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    _open_database(window, tmp_path / "leeg.db", demo=False)
    assert asked and "demoregio" in asked[0]
    assert window.new_action.isEnabled()
    assert str(tmp_path / "leeg.db") in window.db_label.text()
    qtbot.waitUntil(lambda: window.start.results.count() > 0, timeout=3000)  # searched on the worker
    found = [window.start.results.item(i).text() for i in range(window.start.results.count())]
    assert any("Jansen" in text and "DEMO-0001" in text for text in found)
    window.db.close()


def test_declining_the_demo_leaves_the_database_empty(qtbot, tmp_path, monkeypatch):
    window = _window(qtbot, tmp_path)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    _open_database(window, tmp_path / "leeg.db", demo=False)
    with window.db.unit_of_work(write=False) as uow:
        assert uow.counts()["providers"] == 0
    window.db.close()


def test_a_damaged_database_is_refused_in_dutch_and_left_alone(qtbot, tmp_path, monkeypatch):
    junk = tmp_path / "kapot.db"
    junk.write_bytes(b"geen database" * 50)
    before = junk.read_bytes()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a, **k: shown.append(text))
    window = _window(qtbot, tmp_path)
    _open_database(window, junk, demo=False)
    assert shown and "niet gewijzigd" in shown[0]
    assert window.db is None and not window.isVisible()
    assert junk.read_bytes() == before


def test_dates_are_shown_in_dutch(qtbot):
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QDateEdit

    edit = QDateEdit(QDate(2026, 11, 23))
    qtbot.addWidget(edit)
    edit.setDisplayFormat("d MMMM yyyy")
    assert edit.text() == "23 november 2026"


def test_qt_standard_buttons_speak_dutch(qapp):
    from PySide6.QtWidgets import QDialogButtonBox

    from ui.app import use_dutch_locale

    use_dutch_locale(qapp)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Yes | QDialogButtonBox.StandardButton.No)
    texts = {box.button(b).text().replace("&", "") for b in (box.StandardButton.Yes, box.StandardButton.No)}
    assert texts == {"Ja", "Nee"}
