"""Household search runs on the worker: the newest query wins, Enter opens its first result."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt

from planner.reference import load_reference
from tests.planner.showcase_documents import TODAY, demo_database
from tests.ui.typing_helper import press
from ui.app import MainWindow
from ui.settings import WindowSettings
from ui.worker import shared_worker


def test_enter_opens_the_first_result_of_the_newest_search(qtbot, tmp_path: Path) -> None:
    db = demo_database(tmp_path / "demo.sqlite")
    window = MainWindow(db, load_reference(), TODAY, WindowSettings(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    window.show()
    gate = threading.Event()
    shared_worker().submit(gate.wait)  # the worker is busy, as behind a slow save
    window.start.search.setText("Jansen")
    window.run_search()  # overtaken by the next query before it runs
    window.start.search.setText("DEMO-0003")
    press(window.start.search, Qt.Key.Key_Return)
    assert window.session is None  # nothing opens before the results are in
    gate.set()
    qtbot.waitUntil(lambda: window.session is not None, timeout=5000)
    assert window.session.household.case_number == "DEMO-0003"
    assert window.start.results.count() == 1  # the newest query's results, not the older ones
    assert window.last_search_ms > 0
    window.close()
    db.close()
