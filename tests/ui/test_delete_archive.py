"""Verwijderen of archiveren through the window: never decided is deleted, decided is archived
(out of search) and can be taken out of the archive; each asks first, naming the case number."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from db.database import Database
from planner.model import PlanStatus
from planner.services import household_records as records
from planner.services.lookup import search_households
from tests.planner.showcase_documents import TODAY
from ui.app import MainWindow
from ui.settings import WindowSettings


def _answers(monkeypatch, *answers: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []
    queue = list(answers)

    def answer(box: QMessageBox) -> int:  # the box is made and asked; the professional's click
        asked.append(f"{box.windowTitle()}: {box.text()}")
        return queue.pop(0).value

    monkeypatch.setattr(QMessageBox, "exec", answer)
    return asked


def test_delete_then_archive(qtbot, db: Database, reference, tmp_path: Path, monkeypatch) -> None:
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    window = MainWindow(db, reference, TODAY, WindowSettings(tmp_path / "w.ini"))
    qtbot.addWidget(window)
    session = window.new_household()
    window.view.household_tab.street.setText("Dorpsstraat")
    window.view.household_tab.street.editingFinished.emit()
    case, household_id = session.household.case_number, session.household.id
    asked = _answers(monkeypatch, no, yes)
    window.records_action.trigger()  # "no": nothing happens
    assert window.session is session and "verwijderen" in asked[0] and case in asked[0]
    window.records_action.trigger()
    assert window.session is None
    with db.unit_of_work(write=False) as uow:
        assert uow.households.get(household_id) is None

    session = window.new_household()
    window.view.household_tab.street.setText("Kerkstraat")
    window.view.household_tab.street.editingFinished.emit()
    session.save_now()
    household_id, case = session.household.id, session.household.case_number
    with db.unit_of_work() as uow:  # a decided plan: the household must be kept
        uow.plans.save(dataclasses.replace(session.plans[0], status=PlanStatus.DECIDED, decided_on=TODAY))
    window.close_household()
    window.open_household(household_id)
    asked = _answers(monkeypatch, yes)
    window.records_action.trigger()
    assert "archiveren" in asked[0] and case in asked[0]
    assert records.is_archived(db, household_id) and window.session is None
    assert search_households(db, case) == []
    window.open_household(household_id)
    asked = _answers(monkeypatch, yes)
    window.records_action.trigger()
    assert "archief" in asked[0] and not records.is_archived(db, household_id)
    assert [s.id for s in search_households(db, case)] == [household_id]


def test_archived_households_are_found_when_asked(qtbot, db: Database, reference, tmp_path: Path) -> None:
    window = MainWindow(db, reference, TODAY, WindowSettings(tmp_path / "w.ini"))
    qtbot.addWidget(window)
    session = window.new_household()
    window.view.household_tab.street.setText("Kerkstraat")
    window.view.household_tab.street.editingFinished.emit()
    session.save_now()
    household_id, case = session.household.id, session.household.case_number
    records.archive_household(db, household_id, TODAY)
    window.show_search()
    window.start.search.setText(case)
    window.run_search()
    qtbot.waitUntil(lambda: "Niemand gevonden" in window.start.status.text(), timeout=3000)
    window.start.archived_filter.setChecked(True)  # "Ook gearchiveerde"
    qtbot.waitUntil(lambda: window.start.results.count() == 1, timeout=3000)
    assert "gearchiveerd" in window.start.results.item(0).text()
    assert window.start.status.text().startswith("1 huishouden gevonden")


def test_f1_in_the_delete_or_archive_question_explains_it(
    qtbot, db: Database, reference, tmp_path: Path
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from ui.help_dialog import HelpDialog
    from ui.household_actions import question_box

    window = MainWindow(db, reference, TODAY, WindowSettings(tmp_path / "w.ini"))
    qtbot.addWidget(window)
    window.show()
    box = question_box(window, "Huishouden archiveren", "Dossier X archiveren?")
    qtbot.addWidget(box)
    box.show()
    box.activateWindow()
    qtbot.waitUntil(box.isActiveWindow, timeout=2000)
    QTest.keyClick(box, Qt.Key.Key_F1)
    help_dialog = box.findChild(HelpDialog)
    assert help_dialog is not None and help_dialog.isVisible()
    assert help_dialog.topic() == "verwijderen" and "Ook gearchiveerde" in help_dialog.browser.toPlainText()
