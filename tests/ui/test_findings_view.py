"""One findings view: the dock, the allocation editor and the decide dialog show a finding in the same
row (mark, severity, message, colour); only the dock takes the user to its subject."""

from __future__ import annotations

from PySide6.QtCore import Qt

from db.database import Database
from planner.findings import Finding, Severity
from planner.services.documents import signer
from tests.ui.support_setup import YOUTH, member, open_session
from ui.decide_dialog import DecideDialog
from ui.findings_view import CHECK_FAILED, KIND_ROLE, FindingsView, finding_text
from ui.support.support_tab import SupportTab
from ui.views.findings_panel import FindingsPanel


def _rows(view: FindingsView) -> list[tuple[str, str]]:
    return [(view.item(i).text(), view.item(i).foreground().color().name()) for i in range(view.count())]


def test_dock_editor_and_decide_dialog_show_a_finding_alike(qtbot, db: Database, reference) -> None:
    session = open_session(db, reference)
    tab = SupportTab(session)
    qtbot.addWidget(tab)
    tab.select_member(member(session, "Daan").id)
    tab.add_button.click()
    editor = tab.editor
    i = editor.form._product_codes.index(YOUTH)
    editor.form.product.activated.emit(i)  # Jeugdwet past the 18th birthday: an error
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.set_session(session)
    dialog = DecideDialog(session, signer(db))
    qtbot.addWidget(dialog)

    (past_18,) = [f for f in editor.findings.findings() if f.code == "allocation.past_18"]
    row = finding_text(past_18)
    assert row.startswith("✖ Fout: Daan Jansen wordt 18 op 10 juni 2027.")
    in_editor = dict(_rows(editor.findings))
    in_dock = dict(_rows(panel.list))
    in_dialog = dict(_rows(dialog.error_list))
    assert in_editor[row] == in_dock[row] == in_dialog[row] == "#a4000f"
    assert all(isinstance(v, FindingsView) for v in (editor.findings, panel.list, dialog.error_list))


def test_only_the_dock_goes_to_the_subject(qtbot, db: Database, reference) -> None:
    session = open_session(db, reference)
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.set_session(session)
    assert panel.list.count() > 0
    item = panel.list.item(0)
    assert "Dubbelklik of druk Enter" in item.toolTip()
    with qtbot.waitSignal(session.navigate) as went:
        panel.list.itemActivated.emit(item)
    assert went.args[0] == item.data(KIND_ROLE)

    shown = FindingsView("Bevindingen bij deze toewijzing", fit_rows=True)
    qtbot.addWidget(shown)
    shown.show_findings(panel.list.findings())
    assert shown.focusPolicy() is Qt.FocusPolicy.NoFocus and not shown.item(0).toolTip()
    with qtbot.assertNotEmitted(shown.subject_activated):
        shown.itemActivated.emit(shown.item(0))


def test_nothing_found_and_a_failing_check(qtbot) -> None:
    view = FindingsView("Bevindingen", fit_rows=True, none_text="✓ Geen bevindingen bij deze toewijzing.")
    qtbot.addWidget(view)
    view.show_findings([])
    assert _rows(view) == [("✓ Geen bevindingen bij deze toewijzing.", "#1d6b1d")] and view.codes() == []

    def broken_rule() -> list[Finding]:
        raise ZeroDivisionError

    assert view.show_check(broken_rule) is None
    assert [text for text, _ in _rows(view)] == [CHECK_FAILED] and view.codes() == []


def test_a_fitted_view_is_as_tall_as_its_rows(qtbot) -> None:
    long = "Een bevinding die bij deze breedte over meer dan één regel loopt, " * 3
    rows = [Finding(f"code.{i}", Severity.WARNING, long, "plan") for i in range(2)]
    view = FindingsView("Bevindingen", fit_rows=True)
    qtbot.addWidget(view)
    view.resize(400, 10)
    view.show()
    view.show_findings(rows[:1])
    one = view.height()
    line = view.fontMetrics().lineSpacing()
    assert one >= 2 * line  # the wrapped row is shown whole
    view.show_findings(rows)
    assert view.height() >= 2 * one - 2
    assert view.height() >= view.visualItemRect(view.item(1)).bottom()  # the last row is not cut off
    view.resize(1200, view.height())
    assert view.height() < one * 2  # wider: fewer lines, and the view shrinks with them
