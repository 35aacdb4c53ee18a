"""Ctrl+N stays undoable until something is typed: a new household left untouched is deleted again."""

from __future__ import annotations

from pathlib import Path

from db.database import Database
from tests.planner.showcase_documents import TODAY
from ui.app import MainWindow
from ui.settings import WindowSettings


def _stored(db: Database, household_id: str) -> bool:
    with db.unit_of_work(write=False) as uow:
        return uow.households.get(household_id) is not None


def test_an_untouched_new_household_is_gone_when_left(qtbot, db: Database, tmp_path: Path, reference) -> None:
    window = MainWindow(db, reference, TODAY, WindowSettings(tmp_path / "w.ini"))
    qtbot.addWidget(window)
    first = window.new_household()
    assert _stored(db, first.household.id)
    window.close_household()  # left without typing anything
    assert not _stored(db, first.household.id)
    assert "niet bewaard" in window.statusBar().currentMessage()
    second = window.new_household()
    window.new_household()  # opening another one leaves an untouched one: gone too
    assert not _stored(db, second.household.id)
    second = window.new_household()
    window.view.household_tab.street.setText("Dorpsstraat")
    window.view.household_tab.street.editingFinished.emit()
    assert second.undo_stack.count() == 1
    window.close_household()
    assert _stored(db, second.household.id)  # something was typed: it stays


def test_ctrl_z_right_after_ctrl_n_takes_the_new_household_back(
    qtbot, db: Database, tmp_path: Path, reference
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window = MainWindow(db, reference, TODAY, WindowSettings(tmp_path / "w.ini"))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    QTest.keyClick(window.start.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    session = window.session
    assert session is not None and _stored(db, session.household.id)
    assert window.undo_action.isEnabled() and "nieuw huishouden" in window.undo_action.toolTip()
    QTest.keyClick(window.view.household_tab.street, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session is None and window.stack.currentWidget() is window.start
    assert not _stored(db, session.household.id)
    assert "niet bewaard" in window.statusBar().currentMessage()
    # Once something is typed, Ctrl+Z undoes the typing and the household stays.
    kept = window.new_household()
    window.view.household_tab.street.setText("Dorpsstraat")
    window.view.household_tab.street.editingFinished.emit()
    QTest.keyClick(window.view.household_tab.street, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session is kept and kept.household.street == ""
