"""The smaller points of issue 11 (item 10), each through the real widgets."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QLabel

from db.database import Database
from planner.model import PlanStatus
from tests.ui.support_setup import ADULT, HOUSEHOLD_HELP, TODAY, member, open_session
from ui.app import MainWindow, use_dutch_locale
from ui.settings import WindowSettings
from ui.support.support_tab import SupportTab


def test_march_is_mrt_on_the_time_axis() -> None:
    from ui.support.timeline import month_label

    assert month_label(date(2027, 3, 1), with_year=False) == "mrt"
    assert month_label(date(2027, 1, 1), with_year=True) == "jan 27"
    assert [month_label(date(2027, m, 1), with_year=False) for m in (5, 10)] == ["mei", "okt"]


def test_the_header_of_a_new_household_says_it_once(qtbot, db: Database, reference, tmp_path: Path) -> None:
    window = MainWindow(db, reference, TODAY, WindowSettings(tmp_path / "w.ini"))
    qtbot.addWidget(window)
    window.new_household()
    header = window.view.header.text()
    assert header.startswith("Nieuw huishouden (nog zonder gezinsleden) · dossier ")
    assert "Huishouden Nieuw" not in header


def test_the_save_dialog_is_dutch_and_opens_in_the_documents_folder(qapp, tmp_path: Path) -> None:
    from ui import file_dialogs

    use_dutch_locale(qapp)  # as run_app: Qt's own words from qtbase_nl
    dialog = file_dialogs.save_dialog(None, "Tijdlijn opslaan als PNG", "tijdlijn", "t.png", "PNG (*.png)")
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    assert Path(dialog.directory().absolutePath()) != Path.cwd()
    assert dialog.findChild(QLabel, "lookInLabel").text() == "&Zoeken in:"
    assert dialog.findChild(QLabel, "fileTypeLabel").text() == "Bestands&type:"
    file_dialogs.remember("tijdlijn", tmp_path / "t.png")  # the last folder used, next time
    assert file_dialogs.start_folder("tijdlijn") == tmp_path
    dialog.deleteLater()


def test_search_count_is_singular_for_one(qtbot, db: Database, reference, tmp_path: Path) -> None:
    window = MainWindow(db, reference, TODAY, WindowSettings(tmp_path / "w.ini"))
    qtbot.addWidget(window)
    session = open_session(db, reference)
    window._show_results("jansen", [], 1.0)
    assert window.start.status.text().startswith("Niemand gevonden")
    from planner.services.lookup import search_households

    window._show_results(
        session.household.case_number, search_households(db, session.household.case_number), 1.0
    )
    assert window.start.status.text().startswith("1 huishouden gevonden.")


def _support(qtbot, db: Database, reference) -> SupportTab:
    tab = SupportTab(open_session(db, reference))
    qtbot.addWidget(tab)
    return tab


def _add(tab: SupportTab, given: str, product: str) -> str:
    tab.select_member(member(tab.session, given).id)
    tab.add_button.click()
    i = tab.editor.form._product_codes.index(product)
    tab.editor.form.product.setCurrentIndex(i)
    tab.editor.form.product.activated.emit(i)
    allocation = tab.editor.allocation()
    assert allocation is not None
    return allocation.id


def test_the_provider_search_starts_empty_for_another_allocation(qtbot, db: Database, reference) -> None:
    tab = _support(qtbot, db, reference)
    first = _add(tab, "Marieke", HOUSEHOLD_HELP)
    tab.editor.provider.picker.filter.setText("brug")
    second = _add(tab, "Marieke", ADULT)
    assert second != first and tab.editor.provider.picker.filter.text() == ""
    tab.editor.provider.picker.filter.setText("oost")
    tab.select_allocation(second)  # the same one again: what was typed stays
    assert tab.editor.provider.picker.filter.text() == "oost"


def test_a_decided_plan_takes_no_typing_in_the_product(qtbot, db: Database, reference) -> None:
    from ui.session import HouseholdSession

    tab = _support(qtbot, db, reference)
    allocation_id = _add(tab, "Marieke", HOUSEHOLD_HELP)
    session = tab.session
    session.save_now()
    with db.unit_of_work() as uow:
        uow.plans.save(dataclasses.replace(session.plans[0], status=PlanStatus.DECIDED, decided_on=TODAY))
    decided = HouseholdSession.open(db, reference, session.catalogue, TODAY, session.household.id)
    frozen = SupportTab(decided)
    qtbot.addWidget(frozen)
    frozen.select_allocation(allocation_id)
    assert frozen.editor.allocation() is not None and not frozen.editor.form.product.isEnabled()
    assert tab.editor.form.product.isEnabled()  # the concept's own is


def test_the_money_panel_speaks_about_the_client(qtbot, db: Database, reference) -> None:
    tab = _support(qtbot, db, reference)
    _add(tab, "Marieke", HOUSEHOLD_HELP)
    tab.money.refresh()
    words = tab.money.summary_text()
    assert "Eigen bijdrage: waarschijnlijk wel, het abonnementstarief" in words  # 2027: not yet verified
    assert "betaalt u" not in words and "stuurt u" not in words


def test_the_plan_history_says_who_decided(qtbot, tmp_path: Path, reference) -> None:
    from planner.services.plans import decided_by
    from tests.planner.showcase_documents import demo_database
    from ui.views.history_tab import PLAN_ROLE, HistoryTab

    db = demo_database(tmp_path / "demo.sqlite")
    with db.unit_of_work(write=False) as uow:
        (decided, *_) = uow.decisions.decided_since(date(2000, 1, 1))
        catalogue = uow.catalogue.load()
    who = decided_by(db, decided.plan_id)
    assert who  # the signer of the stored decision: "name, role"
    from ui.session import HouseholdSession

    session = HouseholdSession.open(db, reference, catalogue, TODAY, decided.household_id)
    tab = HistoryTab(session)
    qtbot.addWidget(tab)
    row = next(i for i in range(tab.plans.count()) if tab.plans.item(i).data(PLAN_ROLE) == decided.plan_id)
    tab.plans.setCurrentRow(row)
    assert f"door {who}." in tab.details.text()
    db.close()
