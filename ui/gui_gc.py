"""Python's cyclic garbage collector, run only on the GUI thread.

The collector runs in whichever thread happens to allocate when a threshold is crossed. With a
background worker (ui/worker.py) that is often the worker, and a Qt object caught in a reference
cycle (a widget, a session with its timers) would then be destroyed on the wrong thread: its
timers stay registered on the GUI thread and the next one that fires crashes the program. So
automatic collection is switched off and a timer on the GUI thread collects instead, with the
same generation thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer
from shiboken6 import isValid

INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start(INTERVAL_MS)

    def collect_due(self) -> None:
        """Collect the oldest generation whose count has passed its threshold (as gc would)."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                gc.collect(generation)
                return


_installed: GuiThreadCollector | None = None


def collect_on_gui_thread(app: QObject | None) -> None:
    """Install once per application (on the GUI thread, before a worker thread starts)."""
    global _installed
    if app is not None and (_installed is None or not isValid(_installed)):
        _installed = GuiThreadCollector(app)
