"""The dry run of opening a household while the search page waits (ui/views/warm_up.py): it builds
and paints a household's view offscreen, leaves nothing behind, saves nothing and takes no focus;
a household opened for real stops it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from db.database import Database
from tests.db import factories
from tests.ui.conftest import TODAY
from ui.app import MainWindow
from ui.settings import WindowSettings
from ui.views.household_view import HouseholdView


def _stored(db: Database) -> tuple[object, ...]:
    with db.unit_of_work(write=False) as uow:
        return tuple((h.case_number, h.revision) for h in [uow.households.get(i) for i in _ids(uow)] if h)


def _ids(uow) -> list[str]:
    return [s.id for s in uow.households.summaries()]


def _dry_views() -> list[HouseholdView]:
    app = QApplication.instance()
    assert app is not None
    return [w for w in app.topLevelWidgets() if isinstance(w, HouseholdView)]


def _window(qtbot, db: Database, reference, tmp_path: Path) -> MainWindow:
    window = MainWindow(db, reference, TODAY, WindowSettings(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    window.show()
    window.start.search.setFocus()
    return window


def _warm_up(window: MainWindow) -> QObject | None:
    return window.findChild(QObject, "household-warm-up")


def test_the_dry_run_builds_a_view_offscreen_and_leaves_nothing(qtbot, db: Database, reference, tmp_path):
    household = factories.household("2027-000001")
    with db.unit_of_work() as uow:
        uow.households.save(household)
        uow.plans.save(factories.plan(household))
    before = _stored(db)
    window = _window(qtbot, db, reference, tmp_path)
    assert _warm_up(window) is not None
    seen: list[HouseholdView] = []

    def built() -> bool:
        seen.extend(v for v in _dry_views() if v not in seen)
        return bool(seen)

    qtbot.waitUntil(built, timeout=10_000)
    assert not any(v.isVisible() for v in seen)  # painted into a pixmap, never shown
    qtbot.waitUntil(lambda: _warm_up(window) is None and not _dry_views(), timeout=10_000)
    assert window.focusWidget() is window.start.search  # the search field kept the focus
    assert window.session is None and window.stack.currentWidget() is window.start
    assert _stored(db) == before  # nothing saved
    assert window.open_household(household.id) is not None  # and the real open works as before
    assert window.view is not None and window.view.isVisible()


def test_a_household_opened_first_stops_the_dry_run(qtbot, db: Database, reference, tmp_path):
    household = factories.household("2027-000002")
    with db.unit_of_work() as uow:
        uow.households.save(household)
    window = _window(qtbot, db, reference, tmp_path)
    window.open_household(household.id)  # before the first quiet moment
    qtbot.waitUntil(lambda: _warm_up(window) is None, timeout=10_000)
    qtbot.wait(50)
    assert not _dry_views()
    assert window.view is not None and window.view.isVisible()


def test_an_empty_database_has_nothing_to_warm_up(qtbot, db: Database, reference, tmp_path):
    window = _window(qtbot, db, reference, tmp_path)
    qtbot.waitUntil(lambda: _warm_up(window) is None, timeout=10_000)
    assert not _dry_views()
    assert window.focusWidget() is window.start.search
