"""A dry run of opening a household while the search page waits for the professional, so the first
household of a session opens as fast as the next ones (issue 11.8: within 50 ms).

The first open paid for what a process does once: SQLAlchemy compiling the household's statements,
PySide6 creating the Python enums of the widgets used, Qt polishing and laying out, and painting
glyphs, icons and the calendar button for the first time — about 15 ms more than a later open.
The dry run loads a household on the background worker (the most recent one, else any), then
builds its view and the findings for it, paints both into a pixmap and throws them away. Each step
on the GUI thread waits for a quiet moment (typing in the search field postpones it) and one event
loop turn of its own, so the search page stays responsive; once a household is opened for real,
the dry run stops. Nothing is saved: the dry run's session is never edited.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QStackedWidget, QWidget

if TYPE_CHECKING:
    from planner.model import Household, Plan
    from ui.settings import WindowSettings

log = logging.getLogger(__name__)

QUIET_MS = 120  # no typing for this long before a step on the GUI thread
FIRST_PAINT_WAIT_MS = 1000
WAIT_MS = 40  # the household modules are still being imported (ui/app.py preloads them)


class _StartPage(Protocol):
    search: QLineEdit


class Window(Protocol):
    """What the dry run reads of the main window (ui/app.py)."""

    db: Any
    reference: Any
    catalogue: Any
    today: date
    session: Any
    settings: WindowSettings
    start: _StartPage
    stack: QStackedWidget


def warm_up_when_idle(window: Window, ready: Callable[[], bool] = lambda: True) -> None:
    """Start the dry run for `window`, whose database is attached and whose search page is shown.
    `ready()`: the household modules are imported (the dry run waits for it, never imports them
    itself on the GUI thread while a thread is importing them)."""
    if not isinstance(window, QWidget) or window.db is None:
        return
    _WarmUp(window, ready).start()


class _WarmUp(QObject):
    def __init__(self, window: Window, ready: Callable[[], bool]) -> None:
        assert isinstance(window, QWidget)
        super().__init__(window)
        self.setObjectName("household-warm-up")
        self._window = window
        self._ready = ready
        self._loaded: tuple[Household, list[Plan]] | None = None
        self._built: list[QObject] = []
        # Each step runs after a quiet moment; the load returns through `_have`, which goes on.
        self._steps: list[Callable[[], None]] = [self._load, self._build, self._paint]
        self._timer = QTimer(self, singleShot=True, interval=QUIET_MS)
        self._timer.timeout.connect(self._step)
        window.start.search.textChanged.connect(self._postpone)

    def start(self) -> None:
        """After the window's next paint (the first frame with the database attached): never in
        its way. A paint that does not come (a window not shown) is not waited for long."""
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._timer.start(FIRST_PAINT_WAIT_MS)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        painted = event.type() == QEvent.Type.Paint and isinstance(watched, QWidget)
        if painted and watched.window() is self._window:  # type: ignore[attr-defined]
            self._painted()
        return False

    def _painted(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if self._steps and self._steps[0] == self._load:
            self._timer.start(QUIET_MS)

    def _load(self) -> None:
        from ui.worker import shared_worker

        self._painted()
        db = self._window.db
        recent = self._window.settings.recent()[:1]
        work = lambda: _read(db, recent)  # noqa: E731 - on the worker
        shared_worker().submit(work, self._have, self._failed, owner=self, name="warm-up")

    def _have(self, loaded: tuple[Household, list[Plan]] | None) -> None:
        if not self._steps:
            return  # stopped meanwhile
        if loaded is None:
            self._stop()  # an empty database: nothing to open, nothing to warm
            return
        self._loaded = loaded
        self._timer.start()

    def _failed(self, exc: BaseException) -> None:
        log.info("warm-up skipped: %s", type(exc).__name__)  # the real open says what is wrong
        self._stop()

    def _postpone(self, _text: str = "") -> None:
        if self._timer.isActive():
            self._timer.start()  # typing: wait for the next quiet moment

    def _step(self) -> None:
        w = self._window
        if w.session is not None or w.db is None or not (isinstance(w, QWidget) and w.isVisible()):
            self._stop()  # a household was opened for real: that one paid, the dry run is moot
            return
        if self._steps[0] != self._load and not self._ready():
            self._timer.start(WAIT_MS)
            return
        self._timer.setInterval(QUIET_MS)
        try:
            self._steps.pop(0)()
        except Exception:  # a dry run must never stop the program; the real open reports
            log.exception("warm-up failed")
            self._stop()
            return
        if self._loaded is None:
            return  # the load is on the worker; `_have` goes on
        if self._steps:
            self._timer.start()
        else:
            self._stop()

    def _build(self) -> None:
        from ui.session import HouseholdSession
        from ui.views.findings_panel import FindingsPanel
        from ui.views.household_view import HouseholdView

        assert self._loaded is not None
        household, plans = self._loaded
        w = self._window
        session = HouseholdSession(w.db, w.reference, w.catalogue, w.today, household, plans, self)
        # Windows of their own, never shown: a hidden child of the main window would take its
        # focus chain (the new household's first field asks for the focus) away from the search.
        view = HouseholdView(session)
        view.resize(w.stack.size())
        panel = FindingsPanel()
        panel.set_session(session)
        self._built = [view, panel, session]

    def _paint(self) -> None:
        for widget in self._built:
            if isinstance(widget, QWidget):
                widget.grab()  # polish, lay out and paint offscreen, as showing it would

    def _stop(self) -> None:
        self._timer.stop()
        self._steps.clear()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._loaded = None
        with contextlib.suppress(RuntimeError, TypeError):  # already gone with the window
            self._window.start.search.textChanged.disconnect(self._postpone)
        for obj in self._built:
            obj.deleteLater()
        self._built = []
        self.deleteLater()


def _read(db: Any, recent: list[str]) -> tuple[Household, list[Plan]] | None:
    """On the worker: the household most likely opened next, the most recent one, else any."""
    from planner.services.lookup import any_household_id
    from planner.services.storage import open_household

    for household_id in [*recent, any_household_id(db)]:
        if household_id is None:
            continue
        try:
            return open_household(db, household_id)
        except KeyError:  # a recent household deleted meanwhile
            continue
    return None
