"""Main window chrome: settings, remembered layout, findings navigation, plan history."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from db.database import Database
from planner.model import Distance, LifeAreaResult, PlanStatus, ResultReached
from tests.ui.conftest import TODAY, ZUTPHEN
from ui.app import MainWindow
from ui.findings_view import KIND_ROLE
from ui.settings import Professional, WindowSettings, load_professional
from ui.settings_dialog import SettingsDialog


def _window(qtbot, db: Database, reference, ini: Path) -> MainWindow:
    window = MainWindow(db, reference, TODAY, WindowSettings(ini))
    qtbot.addWidget(window)
    window.show()
    return window


def test_settings_and_layout_are_remembered(qtbot, db: Database, reference, tmp_path: Path) -> None:
    ini = tmp_path / "s.ini"
    window = _window(qtbot, db, reference, ini)
    dialog = SettingsDialog(window.professional, reference, window)
    dialog.name.setText("A. de Vries")
    dialog.role.setText("toegangsprofessional")
    dialog.team.setText("Sociaal team Zutphen")
    dialog.municipality.setCurrentIndex(dialog.municipality.findData(ZUTPHEN))
    from ui.settings import save_professional

    save_professional(db, dialog.professional())
    assert load_professional(db) == Professional(
        "A. de Vries", "toegangsprofessional", "Sociaal team Zutphen", ZUTPHEN
    )
    window.resize(700, 500)  # the offscreen screen is 800 × 600
    size = (window.width(), window.height())
    window.close()
    again = _window(qtbot, db, reference, ini)
    assert (again.width(), again.height()) == size

    again.new_action.trigger()
    household = again.session.household
    again.view.household_tab.street.setText("Dorpsstraat")  # typed: kept (an untouched one is not)
    again.view.household_tab.street.editingFinished.emit()
    again.close()
    again = _window(qtbot, db, reference, ini)
    assert again.professional.default_municipality == ZUTPHEN
    assert household.case_number in again.start.recent.item(0).text()
    session = again.new_household()
    assert session.household.municipality_code == ZUTPHEN  # the default from the settings


def test_finding_takes_you_to_its_place(qtbot, db: Database, reference, tmp_path: Path) -> None:
    window = _window(qtbot, db, reference, tmp_path / "s.ini")
    session = window.new_household()
    window.view.household_tab.add_member.click()  # a member without name or birth date
    window.findings.recompute()
    assert window.findings.list.count() > 0
    member_rows = [
        i
        for i in range(window.findings.list.count())
        if window.findings.list.item(i).data(KIND_ROLE) == "member"
    ]
    window.view.tabs.setCurrentWidget(window.view.matrix_tab)
    if member_rows:
        window.findings.list.itemActivated.emit(window.findings.list.item(member_rows[0]))
        assert window.view.tabs.currentWidget() is window.view.household_tab
    plan_rows = [
        i
        for i in range(window.findings.list.count())
        if window.findings.list.item(i).data(KIND_ROLE) == "plan"
    ]
    assert plan_rows, "a new plan without a start date gives a plan finding"
    window.findings.list.itemActivated.emit(window.findings.list.item(plan_rows[0]))
    assert window.view.tabs.currentWidget() is window.view.conversation_tab
    assert session.household.members


def test_reassessment_from_plan_history(qtbot, db: Database, reference, tmp_path: Path) -> None:
    window = _window(qtbot, db, reference, tmp_path / "s.ini")
    session = window.new_household()
    plan = session.plan
    plan.start = date(2026, 2, 1)
    plan.life_areas.append(
        LifeAreaResult(life_area="financien", desired_result="Schulden geregeld", distance=Distance.MEDIUM)
    )
    plan.status = PlanStatus.DECIDED
    plan.decided_on = date(2026, 1, 30)
    with db.unit_of_work() as uow:
        uow.plans.save(plan)
    window.open_household(session.household.id)  # reload: the plan is now history
    history = window.view.history_tab
    assert history.new_plan.isEnabled()
    assert not window.session.editable
    from ui.views.history_tab import ReassessDialog

    dialog = ReassessDialog(window.session, history.previous_plan(), history)
    dialog.set_answer("financien", ResultReached.PARTLY, "Regeling loopt nog")
    new = history.create_from(dialog)
    assert window.session.plan is new and window.session.editable
    assert new.start == date(2027, 2, 1) and new.version == 2
    assert new.life_areas[0].reached is ResultReached.PARTLY
    assert not history.new_plan.isEnabled()  # one concept at a time
    assert window.view.matrix_tab.model.columnCount() == 1
    assert window.session.save_now()
    with db.unit_of_work(write=False) as uow:
        stored = uow.plans.for_household(session.household.id)
    assert sorted(p.version for p in stored) == [1, 2]


def test_the_findings_stay_with_the_household_not_over_the_search_page(
    qtbot, db, reference, tmp_path
) -> None:
    window = MainWindow(db, reference, TODAY, WindowSettings(tmp_path / "f.ini"))
    qtbot.addWidget(window)
    window.show()
    window.new_household()
    assert window.findings_dock.isVisible()
    window.show_search()
    assert not window.findings_dock.isVisible() and not window.findings_action.isEnabled()
    window.show_household()
    assert window.findings_dock.isVisible()
    window.findings_dock.hide()  # closed by the professional: stays closed on the way back
    window.show_search()
    window.show_household()
    assert not window.findings_dock.isVisible()
