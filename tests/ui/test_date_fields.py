"""Dates typed into every form the way a professional types them, in real widgets.

Each date is typed per character (tests/ui/typing_helper.py: non-ASCII safe) after tabbing into the
field, which selects what it shows, and left with Tab.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import Qt

from db.database import Database
from planner.services.documents import signer
from planner.services.storage import open_household
from tests.ui.support_setup import HOFSTEDE, TODAY, YOUTH, member, open_session
from tests.ui.typing_helper import press, type_text
from ui.date_input import DateInput
from ui.decide_dialog import DecideDialog
from ui.session import HouseholdSession
from ui.views.household_view import HouseholdView


@pytest.fixture
def view(qtbot, db: Database, reference) -> HouseholdView:
    session = open_session(db, reference)
    view = HouseholdView(session)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow, timeout=2000)
    return view


def enter(field: DateInput, text: str) -> None:
    """Tab into the field (which selects its text), type `text`, Tab out."""
    field.edit.setFocus(Qt.FocusReason.TabFocusReason)
    field.edit.selectAll()  # as Tab does (setFocus on a field that has the focus already does not)
    assert field.edit.hasFocus()  # so that "Tab leaves" below means something
    type_text(field.edit, text)
    press(field.edit, Qt.Key.Key_Tab)


def _birth(view: HouseholdView) -> DateInput:
    tab = view.household_tab
    view.tabs.setCurrentWidget(tab)
    tab.select_member(member(view.session, "Marieke").id)
    return tab.birth


def _conversation(name: str) -> Callable[[HouseholdView], DateInput]:
    def get(view: HouseholdView) -> DateInput:
        tab = view.conversation_tab
        view.tabs.setCurrentWidget(tab)
        return getattr(tab, name)  # type: ignore[no-any-return]

    return get


def _goal_target(view: HouseholdView) -> DateInput:
    matrix = view.matrix_tab
    view.tabs.setCurrentWidget(matrix)
    matrix.select_life_area("huishouden_adl")
    return matrix.editor.goal_rows[0].target


def _allocation(name: str) -> Callable[[HouseholdView], DateInput]:
    def get(view: HouseholdView) -> DateInput:
        tab = view.tab("Ondersteuning")
        view.tabs.setCurrentWidget(tab)
        tab.select_member(member(view.session, "Marieke").id)
        tab.add_button.click()
        return getattr(tab.editor, name)  # type: ignore[no-any-return]

    return get


def _plan_value(name: str) -> Callable[[HouseholdSession], object]:
    return lambda s: getattr(s.plan, name)


FORMS = [
    ("geboortedatum", _birth, "15031985", date(1985, 3, 15), lambda s: member(s, "Marieke").birth_date),
    (
        "geboortedatum, kort jaar",
        _birth,
        "15-3-85",
        date(1985, 3, 15),
        lambda s: member(s, "Marieke").birth_date,
    ),
    (
        "geboortedatum, gedachtestreepjes",
        _birth,
        "15–3–1985",
        date(1985, 3, 15),
        lambda s: member(s, "Marieke").birth_date,
    ),
    ("melding", _conversation("report"), "15/01/2027", date(2027, 1, 15), _plan_value("report_date")),
    (
        "aanvraag",
        _conversation("application"),
        "16.1.2027",
        date(2027, 1, 16),
        _plan_value("application_date"),
    ),
    ("gesprek", _conversation("conversation"), "Vandaag", TODAY, _plan_value("conversation_date")),
    ("start plan", _conversation("start"), "1-3-27", date(2027, 3, 1), _plan_value("start")),
    (
        "streefdatum",
        _goal_target,
        "1 juni 2027",
        date(2027, 6, 1),
        lambda s: s.plan.life_areas[1].goals[0].target_date,
    ),
    (
        "start toewijzing",
        _allocation("start"),
        "01032027",
        date(2027, 3, 1),
        lambda s: s.plan.allocations[-1].start,
    ),
    (
        "einde toewijzing",
        _allocation("end"),
        "31-12-27",
        date(2027, 12, 31),
        lambda s: s.plan.allocations[-1].end,
    ),
]


@pytest.mark.parametrize(("form", "field", "typed", "expected", "model"), FORMS, ids=[f[0] for f in FORMS])
def test_a_typed_date_lands_in_the_model_and_tab_leaves(view, form, field, typed, expected, model) -> None:
    widget = field(view)
    steps = view.session.undo_stack.count()
    enter(widget, typed)
    assert not widget.edit.hasFocus(), "Tab leaves the date field"
    assert widget.error() == "" and not widget.message.isVisible()
    assert widget.text() == expected.strftime("%d-%m-%Y")
    assert model(view.session) == expected
    assert view.session.undo_stack.count() == steps + 1  # one operation, one undo step


def test_a_typed_date_is_undoable_and_autosaved(qtbot, view, db: Database) -> None:
    session = view.session
    report = _conversation("report")(view)
    before = session.plan.report_date
    enter(report, "12012027")
    assert session.plan.report_date == date(2027, 1, 12)
    qtbot.waitUntil(lambda: session.is_saved, timeout=2000)
    _household, plans = open_household(db, session.household.id)
    assert next(p for p in plans if p.id == session.plan.id).report_date == date(2027, 1, 12)
    session.undo_stack.undo()
    assert session.plan.report_date == before
    assert report.text() == before.strftime("%d-%m-%Y")


def test_an_unreadable_date_keeps_the_text_and_says_why(view) -> None:
    birth = _birth(view)
    enter(birth, "15-13-1985")
    assert not birth.edit.hasFocus()
    assert birth.text() == "15-13-1985"
    assert "Maand 13 bestaat niet" in birth.error() and birth.message.isVisible()
    assert member(view.session, "Marieke").birth_date == date(1985, 10, 5)  # unchanged
    view.session.save_now()  # saving (closing) does not throw the text away either
    assert birth.text() == "15-13-1985"
    enter(birth, "15-3-1985")
    assert birth.error() == "" and not birth.message.isVisible()
    assert member(view.session, "Marieke").birth_date == date(1985, 3, 15)


def test_an_emptied_date_is_none_and_arrow_up_gives_no_1900(view) -> None:
    birth = _birth(view)
    birth.edit.setFocus(Qt.FocusReason.TabFocusReason)
    press(birth.edit, Qt.Key.Key_Delete)
    press(birth.edit, Qt.Key.Key_Tab)
    assert member(view.session, "Marieke").birth_date is None and birth.text() == ""
    birth.edit.setFocus()
    press(birth.edit, Qt.Key.Key_Up)
    assert birth.text() == "" and member(view.session, "Marieke").birth_date is None
    enter(birth, "5-10-1985")
    press(birth.edit, Qt.Key.Key_Up)  # focus stays: press() sends to the line
    assert member(view.session, "Marieke").birth_date == date(1985, 10, 6)


def test_a_required_date_refuses_to_be_emptied(view) -> None:
    start = _allocation("start")(view)
    before = view.session.plan.allocations[-1].start
    start.edit.setFocus(Qt.FocusReason.TabFocusReason)
    press(start.edit, Qt.Key.Key_Delete)
    press(start.edit, Qt.Key.Key_Tab)
    assert "Vul een datum in" in start.error()
    assert view.session.plan.allocations[-1].start == before


def test_the_calendar_opens_by_keyboard_at_the_date_or_today(qtbot, view) -> None:
    birth = _birth(view)
    birth.edit.setFocus(Qt.FocusReason.TabFocusReason)
    press(birth.edit, Qt.Key.Key_Delete)
    press(birth.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = birth.calendar()
    assert popup is not None and popup.isVisible()
    cal = popup.calendar
    assert (cal.yearShown(), cal.monthShown()) == (TODAY.year, TODAY.month)  # never januari 1900
    press(cal, Qt.Key.Key_Escape)
    assert not popup.isVisible()

    report = _conversation("report")(view)
    report.edit.setFocus()
    press(report.edit, Qt.Key.Key_F4)
    popup = report.calendar()
    assert popup is not None and popup.isVisible()
    assert popup.selected() == date(2027, 1, 9)  # at the value
    grid = popup.calendar.focusWidget() or popup.calendar
    press(grid, Qt.Key.Key_PageDown)  # a month later, as the help says
    assert popup.selected() == date(2027, 2, 9)
    press(grid, Qt.Key.Key_PageUp)
    press(grid, Qt.Key.Key_Right)
    press(grid, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert view.session.plan.report_date == date(2027, 1, 10)
    qtbot.waitUntil(report.edit.hasFocus, timeout=1000)


def test_the_sending_date_of_the_decision_is_typed(qtbot, view, db: Database) -> None:
    dialog = DecideDialog(view.session, signer(db), view)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    assert dialog.sending_date() == TODAY
    enter(dialog.sent_on, "morgen")
    assert dialog.sending_date() == date(2027, 1, 19)
    enter(dialog.sent_on, "31-02-2027")
    assert "februari 2027 heeft 28 dagen" in dialog.sent_on.error()
    dialog.decide()  # refused: the reason stands next to the date, nothing is decided
    assert dialog.outcome is None and dialog.isVisible()


def test_the_bridging_date_typed_over_the_old_one(qtbot, view) -> None:
    tab = view.tab("Ondersteuning")
    view.tabs.setCurrentWidget(tab)
    tab.select_member(member(view.session, "Daan").id)
    tab.add_button.click()
    editor = tab.editor
    i = editor._product_codes.index(YOUTH)
    editor.product.setCurrentIndex(i)
    editor.product.activated.emit(i)
    editor.choose_provider(HOFSTEDE)
    dialog = editor.open_continuity()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    dialog.radios[next(iter(dialog.radios))].setChecked(True)  # bridging comes first
    enter(dialog.until, "31032027")
    assert dialog.until_date() == date(2027, 3, 31)
    assert not dialog.until.edit.hasFocus()
    enter(dialog.until, "31-3")
    assert dialog.until_date() == date(2027, 3, 31)
    dialog.until.edit.setFocus(Qt.FocusReason.TabFocusReason)
    press(dialog.until.edit, Qt.Key.Key_Delete)
    press(dialog.until.edit, Qt.Key.Key_Tab)
    assert "Vul een datum in" in dialog.until.error()
    assert dialog.until_date() == date(2027, 3, 31)  # the last readable date stays the value


def test_an_implausible_date_typed_is_a_finding(view) -> None:
    birth = _birth(view)
    enter(birth, "02-01-1900")  # what an arrow-up on an empty QDateEdit used to make
    found = [f for f in view.session.findings() if f.code == "member.birth_implausible"]
    assert len(found) == 1 and "Marieke Jansen" in found[0].message
    report = _conversation("report")(view)
    enter(report, "morgen")
    assert view.session.plan.report_date == date(2027, 1, 19)
    assert "plan.report_in_future" in {f.code for f in view.session.findings()}


def test_ctrl_z_in_a_date_field_undoes_in_the_window(qtbot, view) -> None:
    from PySide6.QtGui import QKeySequence, QShortcut

    session = view.session
    undo = QShortcut(QKeySequence("Ctrl+Z"), view)  # as the main window's undo action
    undo.activated.connect(session.undo_stack.undo)
    report = _conversation("report")(view)
    before = session.plan.report_date
    report.edit.setFocus(Qt.FocusReason.TabFocusReason)
    report.edit.selectAll()
    type_text(report.edit, "12012027")  # not yet left: still being typed
    press(report.edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.plan.report_date == before  # typed, committed, undone
    assert session.undo_stack.canRedo()
    assert report.text() == before.strftime("%d-%m-%Y")
