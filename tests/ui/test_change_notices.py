"""One edit, one notice: exactly the views that show what changed refresh, the editor that made
the edit does not, and navigation is one signal every tab is reached through."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from db.database import Database
from planner.services.changes import Changes, Kind
from tests.ui.support_setup import TODAY, member, open_session
from tests.ui.typing_helper import type_text
from ui.app import MainWindow
from ui.session import HouseholdSession
from ui.settings import Professional, WindowSettings
from ui.support.support_tab import SupportTab
from ui.support.timeline import TimelineWidget
from ui.views.findings_panel import FindingsPanel
from ui.views.household_view import HouseholdView

ROOT = Path(__file__).resolve().parents[2]


class Views:
    """Every tab of an open household built, with a count of each view's refreshes."""

    def __init__(self, qtbot, session: HouseholdSession) -> None:
        self.view = view = HouseholdView(session)
        qtbot.addWidget(view)
        view.resize(1400, 900)
        view.show()
        for title in list(view._factories):
            view.tab(title)
        self.support: SupportTab = view.tab("Ondersteuning")  # type: ignore[assignment]
        self.timeline: TimelineWidget = view.tab("Tijdlijn")  # type: ignore[assignment]
        self.findings = FindingsPanel()
        qtbot.addWidget(self.findings)
        self.findings.set_session(session)
        self.support.select_member(member(session, "Daan").id)
        self.allocation = self.support.add_for_current_member()
        matrix = view.matrix_tab
        watched: dict[str, tuple[object, str]] = {
            "header": (view, "refresh_header"),
            "decision bar": (view.decision_bar, "refresh"),
            "household tab": (view.household_tab, "refresh"),
            "members table": (view.household_tab.members_model, "refresh"),
            "conversation tab": (view.conversation_tab, "refresh"),
            "matrix tab": (matrix, "refresh"),
            "matrix": (matrix.model, "refresh"),
            "life-area editor": (matrix.editor, "refresh"),
            "coordinator tab": (view.coordinator_tab, "refresh"),
            "history tab": (view.history_tab, "refresh"),
            "support tree": (self.support, "rebuild"),
            "allocation editor": (self.support.editor, "refresh"),
            "costs": (self.support.money, "refresh"),
            "timeline": (self.timeline.canvas, "rebuild"),
        }
        self.count: Counter[str] = Counter()
        for name, (obj, method) in watched.items():
            setattr(obj, method, self._counting(name, getattr(obj, method)))

    def _counting(self, name: str, real: Callable[[], None]) -> Callable[[], None]:
        def call() -> None:
            self.count[name] += 1
            real()

        return call

    def refreshed(self) -> set[str]:
        return {name for name, n in self.count.items() if n}

    def reset(self) -> None:
        self.count.clear()
        self.findings._timer.stop()


@pytest.fixture
def views(qtbot, db: Database, reference) -> Views:
    return Views(qtbot, open_session(db, reference))


def test_typing_a_desired_result_refreshes_only_what_shows_life_areas(qtbot, views: Views) -> None:
    editor = views.view.matrix_tab.editor
    views.view.matrix_tab.select_life_area("geestelijke_gezondheid")
    editor.desired.moveCursor(QTextCursor.MoveOperation.End)
    views.reset()
    type_text(editor.desired, " en slaapt goed")
    qtbot.waitUntil(lambda: views.count["matrix"] > 0, timeout=2000)  # the typing commit
    assert views.refreshed() == {
        "matrix",  # shows the desired result
        "matrix tab",  # which life areas can still be added
        "history tab",  # the current plan's matrix
        "coordinator tab",  # who may coordinate depends on the cells
        "allocation editor",  # its life area and goal choices
        "costs",  # the matrix budget
        "timeline",  # goals' evaluation dates are marks
    }
    assert all(n == 1 for n in views.count.values()), views.count
    assert views.findings._timer.isActive()  # the rules run again shortly
    assert "life-area editor" not in views.refreshed()  # it made the edit and shows it already
    assert editor.result().desired_result == "Daan voelt zich beter en slaapt goed"

    views.reset()
    views.view.session.undo_stack.undo()  # undo comes from the stack: the editor follows too
    assert "life-area editor" in views.refreshed()
    assert editor.desired.toPlainText() == "Daan voelt zich beter"


def test_an_address_edit_leaves_the_plan_views_alone(qtbot, views: Views) -> None:
    tab = views.view.household_tab
    views.reset()
    type_text(tab.street, "laan")
    qtbot.waitUntil(lambda: views.count["header"] > 0, timeout=2000)
    assert views.refreshed() == {
        "header",  # the household's name and municipality
        "household tab",  # its own derived labels; the field itself keeps what was typed
        "coordinator tab",  # candidates are per municipality
        "allocation editor",  # contract status per municipality
        "costs",  # the own contribution follows the household
        "timeline",  # contract ends per municipality
    }
    assert views.view.session.household.street == "Berkelstraatlaan"


def test_a_new_catalogue_reaches_every_view_that_shows_providers_or_products(views: Views) -> None:
    views.reset()
    views.view.session.reload_catalogue()
    assert views.refreshed() == {"coordinator tab", "support tree", "allocation editor", "costs", "timeline"}


def test_clicking_a_bar_in_the_timeline_opens_the_allocation(qtbot, views: Views) -> None:
    view, allocation = views.view, views.allocation
    assert allocation is not None
    view.tabs.setCurrentWidget(views.timeline)
    views.support.editor.set_allocation(None)
    canvas = views.timeline.canvas
    rect = canvas.bar_rect(allocation.id)
    assert rect is not None
    with qtbot.waitSignal(view.session.navigate) as signal:
        QTest.mouseClick(
            canvas, Qt.MouseButton.LeftButton, pos=QPoint(int(rect.center().x()), int(rect.center().y()))
        )
    assert signal.args == ["allocation", allocation.id]
    assert view.tabs.currentWidget() is views.support
    assert views.support.editor.allocation_id == allocation.id


def test_settings_are_announced_to_the_open_household(qtbot, db: Database, reference, tmp_path: Path) -> None:
    window = MainWindow(db, reference, TODAY, WindowSettings(tmp_path / "w.ini"))
    qtbot.addWidget(window)
    session = window.new_household()
    heard: list[tuple[Changes, object]] = []
    session.connect_changes(lambda changes, initiator: heard.append((changes, initiator)))
    window.change_settings(
        Professional("A. de Vries", "consulent", "Noord", session.household.municipality_code)
    )
    assert heard == [(Changes.of(Kind.SETTINGS), window)]
    assert window.professional.name == "A. de Vries"


def test_only_the_session_emits_the_change_signal() -> None:
    """The signal is private; every emit in the product is the one in `notify`."""
    emits = [
        (path.relative_to(ROOT).as_posix(), line)
        for path in (ROOT / "ui").rglob("*.py")
        for line in path.read_text("utf-8").splitlines()
        if "_changes.emit(" in line
    ]
    assert emits == [("ui/session.py", "        self._changes.emit(changes, initiator)")]
