"""Mijn werkvoorraad in the window: the table model, filters, sorting, and Enter opens the household."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from db.database import Database
from db.demo_loader import load_demo
from planner.caseload import DueKind, Urgency
from planner.services.caseload import caseload
from tests.ui.typing_helper import press, type_text
from ui.app import MainWindow
from ui.settings import WindowSettings
from ui.views.caseload_model import COL_CASE, COL_DUE, COL_KIND, COL_NAME, ITEM_ROLE, CaseloadModel
from ui.views.caseload_page import CaseloadPage

TODAY = date(2026, 11, 23)


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "demo.sqlite")
    load_demo(database, today=TODAY, households=30)
    yield database
    database.close()


def test_the_model_passes_qts_model_checks_while_filtered_and_sorted(
    qtmodeltester, demo: Database, reference
) -> None:
    model = CaseloadModel()
    model.set_items(caseload(demo, reference.terms, TODAY))
    assert model.rowCount() > 10
    qtmodeltester.check(model)
    model.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    model.set_filter(DueKind.DECISION, None, "")
    qtmodeltester.check(model)
    model.set_filter(None, None, "niets dat ergens staat")
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def _loaded(qtbot, page: CaseloadPage | None) -> CaseloadPage:
    """The list is built on the background worker: wait until it is shown."""
    assert page is not None
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    return page


def _page(qtbot, demo: Database, reference) -> CaseloadPage:
    page = CaseloadPage(demo, reference.terms, TODAY)
    qtbot.addWidget(page)
    page.resize(1200, 600)
    page.show()
    page.refresh()
    assert page.loading and page.summary.text() == "De werkvoorraad wordt bijgewerkt…"
    return _loaded(qtbot, page)


def _rows(page: CaseloadPage) -> list:
    return [page.model.index(r, 0).data(ITEM_ROLE) for r in range(page.model.rowCount())]


def test_filters_by_kind_municipality_and_text_and_says_what_it_shows(
    qtbot, demo: Database, reference
) -> None:
    page = _page(qtbot, demo, reference)
    every = _rows(page)
    assert [i.sort_key for i in every] == sorted(i.sort_key for i in every)  # overdue first, then by date
    assert page.summary.text().startswith(f"{len(every)} punten: ")

    page.kind.setCurrentIndex(page.kind.findData(DueKind.ADULTHOOD.value))
    (daan,) = _rows(page)
    assert daan.case_number == "DEMO-0001" and "Daan" in daan.description
    assert "Na het filter: 1 punt." in page.summary.text()

    page.kind.setCurrentIndex(0)
    zutphen = page.municipality.findText("Zutphen")
    assert zutphen > 0 and page.municipality.findText("Alle gemeenten") == 0
    page.municipality.setCurrentIndex(zutphen)
    assert _rows(page) and {i.municipality_name for i in _rows(page)} == {"Zutphen"}

    page.municipality.setCurrentIndex(0)
    type_text(page.filter_text, "jansen overbrugging")  # every word, case ignored
    (bridging,) = _rows(page)
    assert bridging.kind is DueKind.BRIDGING_END
    page.filter_text.clear()
    type_text(page.filter_text, "ë-niets")
    assert page.model.rowCount() == 0 and "Maak het filter ruimer" in page.summary.text()


def test_sorting_by_a_column_header_keeps_the_current_row(qtbot, demo: Database, reference) -> None:
    page = _page(qtbot, demo, reference)
    page.kind.setCurrentIndex(page.kind.findData(DueKind.BRIDGING_END.value))
    page.kind.setCurrentIndex(0)
    page.filter_text.setText("Daan")
    page.filter_text.clear()
    target = next(i for i in _rows(page) if i.kind is DueKind.ADULTHOOD)
    page.table.setCurrentIndex(page.model.index(page.model.row_of(target), 0))
    page.table.horizontalHeader().setSortIndicator(COL_CASE, Qt.SortOrder.DescendingOrder)
    rows = _rows(page)
    assert [i.case_number for i in rows] == sorted((i.case_number for i in rows), reverse=True)
    assert page.current_item() == target
    page.table.horizontalHeader().setSortIndicator(COL_DUE, Qt.SortOrder.AscendingOrder)
    assert [i.due for i in _rows(page)] == sorted(i.due for i in rows)
    page.table.horizontalHeader().setSortIndicator(COL_KIND, Qt.SortOrder.AscendingOrder)
    assert [i.kind.label for i in _rows(page)] == sorted(i.kind.label for i in rows)


def test_from_the_toolbar_to_the_household_by_keyboard(
    qtbot, demo: Database, reference, tmp_path: Path
) -> None:
    window = MainWindow(demo, reference, TODAY, WindowSettings(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.caseload_action.shortcut().toString() == "Ctrl+Shift+W"
    with qtbot.waitActive(window):
        window.activateWindow()  # shortcuts go to the active window
    press(
        window.start.search,
        Qt.Key.Key_W,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    page = _loaded(qtbot, window.caseload)
    assert window.stack.currentWidget() is page
    assert QApplication.focusWidget() is page.table and page.table.currentIndex().row() == 0

    # Type to filter, arrow down into the list, Enter opens the household on the member.
    type_text(page.filter_text, "wordt 18")
    press(page.filter_text, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is page.table
    item = page.current_item()
    assert item is not None and item.kind is DueKind.ADULTHOOD
    press(page.table, Qt.Key.Key_Return)
    session = window.session
    view = window.view
    assert session is not None and session.household.case_number == "DEMO-0001"
    assert view is not None and window.stack.currentWidget() is view
    assert view.tabs.tabText(view.tabs.currentIndex()).replace("&", "") == "Huishouden"
    daan = next(m for m in session.household.members if m.given_names == "Daan")
    assert view.household_tab.member_id == daan.id

    # Back to the list: it is built afresh, and the filter is still there.
    window.caseload_action.trigger()
    _loaded(qtbot, page)
    assert window.stack.currentWidget() is page and page.filter_text.text() == "wordt 18"
    again = page.current_item()
    assert page.model.rowCount() == 1 and again is not None and again.urgency is Urgency.LATER


def test_the_list_fits_a_laptop_screen_without_cutting_a_column(qtbot, demo: Database, reference) -> None:
    page = _page(qtbot, demo, reference)
    page.resize(1366, 700)
    qtbot.waitExposed(page)
    QApplication.processEvents()
    table, header = page.table, page.table.horizontalHeader()
    assert not table.horizontalScrollBar().isVisible()
    assert header.length() <= table.viewport().width()
    metrics = table.fontMetrics()
    for column in range(page.model.columnCount() - 1):  # the description stretches (tooltip: all)
        widest = max(metrics.horizontalAdvance(t) for t in page.model.column_texts(column))
        assert header.sectionSize(column) > widest, page.model.headerData(column, Qt.Orientation.Horizontal)


@pytest.mark.parametrize(
    ("kind", "tab"), [(DueKind.BRIDGING_END, "Ondersteuning"), (DueKind.DECISION, "Gesprek")]
)
def test_each_kind_opens_where_it_is_dealt_with(
    qtbot, demo: Database, reference, tmp_path: Path, kind, tab
) -> None:
    window = MainWindow(demo, reference, TODAY, WindowSettings(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    window.show()
    window.caseload_action.trigger()
    page = _loaded(qtbot, window.caseload)
    page.kind.setCurrentIndex(page.kind.findData(kind.value))
    page.filter_text.setText("DEMO-0001")
    item = page.current_item()
    assert item is not None and item.kind is kind
    press(page.table, Qt.Key.Key_Enter)
    view, session = window.view, window.session
    assert view is not None and session is not None and session.household.case_number == "DEMO-0001"
    assert view.tabs.tabText(view.tabs.currentIndex()).replace("&", "") == tab
    if kind is DueKind.BRIDGING_END:
        from ui.support.support_tab import ALLOCATION_ROLE, SupportTab

        support = view.tab("Ondersteuning")
        assert isinstance(support, SupportTab)
        current = support.tree.currentItem()
        assert current is not None and current.data(0, ALLOCATION_ROLE) == item.subject_id


def test_an_edit_just_typed_is_in_the_list_at_once(qtbot, demo: Database, reference, tmp_path: Path) -> None:
    """The pending autosave goes on the worker before the list, so the list shows what was typed."""
    from datetime import timedelta

    from planner.services.fields import PlanField, set_field

    window = MainWindow(demo, reference, TODAY, WindowSettings(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    window.show()
    with demo.unit_of_work(write=False) as uow:
        jansen = uow.households.by_case_number("DEMO-0001")
    assert jansen is not None
    session = window.open_household(jansen.id)
    assert session is not None and session.plan is not None
    applied = TODAY - timedelta(days=1)
    session.apply(set_field(session.plan, PlanField.APPLICATION_DATE, applied, "Aanvraag"))
    window.caseload_action.trigger()  # before the autosave timer ran
    page = _loaded(qtbot, window.caseload)
    (decision,) = [i for i in _rows(page) if i.case_number == "DEMO-0001" and i.kind is DueKind.DECISION]
    assert decision.due == applied + timedelta(days=reference.terms.decision_days)


def test_f1_explains_the_caseload_and_its_alt_letters_are_unique(
    qtbot, demo: Database, reference, tmp_path: Path
) -> None:
    from tests.ui.test_keyboard_and_help import mnemonics

    window = MainWindow(demo, reference, TODAY, WindowSettings(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    window.show()
    with demo.unit_of_work(write=False) as uow:
        jansen = uow.households.by_case_number("DEMO-0001")
    assert jansen is not None
    window.open_household(jansen.id)  # the findings dock is shown beside the list too
    window.caseload_action.trigger()
    page = _loaded(qtbot, window.caseload)
    assert "de lijst kijkt vooruit tot en met 23 mei 2027" in page.summary.text()
    assert {k: v for k, v in mnemonics(window).items() if len(v) > 1} == {}
    press(page.table, Qt.Key.Key_F1)
    dialog = window.help.dialog()
    qtbot.waitUntil(dialog.isVisible, timeout=1000)
    assert dialog.topic() == "werkvoorraad"
    text = dialog.browser.toPlainText()
    assert text.startswith("Mijn werkvoorraad") and "{" not in text
    assert f"wordt {reference.terms.adult_age}" in text and "2 weken niets vastgelegd" in text
