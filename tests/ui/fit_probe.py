"""Run in a subprocess under a real X server (QT_QPA_PLATFORM=xcb) by test_real_window.py.

Opens the main window maximised on a demo database, shows the search page and every tab of the
showcase household, and prints one JSON object: the screen, the window's frame, and every
widget that is cut off (outside its parents, or the window outside the screen). Screenshots go to
the folder given. Usage: python -m tests.ui.fit_probe DB OUT_DIR TODAY
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any


def _wait(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def cut_off(window: Any) -> list[str]:
    """Visible widgets not wholly inside every ancestor up to the window; a scroll area's
    contents are allowed past its viewport (that is what the scroll bars are for)."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QAbstractScrollArea, QWidget

    found = []
    for w in window.findChildren(QWidget):
        if not w.isVisible() or w.isWindow() or w.width() <= 0 or w.height() <= 0:
            continue
        rect = QRect(w.mapTo(window, QPoint(0, 0)), w.size())
        parent = w.parentWidget()
        while parent is not None:
            area = parent.parentWidget()
            if isinstance(area, QAbstractScrollArea) and parent is area.viewport():
                break  # inside a scroll area's viewport: it scrolls into view
            clip = (
                QRect(parent.mapTo(window, QPoint(0, 0)), parent.size())
                if parent is not window
                else window.rect()
            )
            if not clip.contains(rect):
                name = w.accessibleName() or w.objectName() or getattr(w, "text", lambda: "")() or ""
                found.append(f"{type(w).__name__} '{name}' {rect.getRect()} outside {type(parent).__name__}")
                break
            if parent is window:
                break
            parent = parent.parentWidget()
    return found


def main(db_path: str, out: str, today: str) -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from planner.services.lookup import household_id_for_case
    from ui.app import MainWindow, use_dutch_locale
    from ui.settings import WindowSettings
    from ui.shell import root
    from ui.shots import SEARCH_TEXT, SHOWCASE_CASE, _slug, png_bytes

    use_dutch_locale(app)
    workspace = root.open_workspace(root.open_database(Path(db_path)))
    out_dir = Path(out)
    window = MainWindow(None, None, date.fromisoformat(today), WindowSettings(out_dir / "venster.ini"))
    window.attach(workspace.db, workspace.reference, workspace.catalogue)
    window.showMaximized()
    _wait(600)  # the window manager maps and maximises it
    screen = window.screen().availableGeometry()
    report: dict[str, Any] = {"screen": screen.getRect(), "pages": {}}

    def check(name: str) -> None:
        _wait(250)
        frame = window.frameGeometry()
        problems = cut_off(window)
        if not screen.contains(frame):
            problems.insert(0, f"window frame {frame.getRect()} outside the screen {screen.getRect()}")
        report["pages"][name] = {"frame": frame.getRect(), "problems": problems}
        (out_dir / f"{screen.width()}x{screen.height()}-{name}.png").write_bytes(png_bytes(window.grab()))

    window.start.search.setText(SEARCH_TEXT)
    window.run_search()
    window.worker.finish()
    check("zoeken")
    window.open_household(household_id_for_case(workspace.db, SHOWCASE_CASE))
    view = window.view
    assert view is not None
    for i in range(view.tabs.count()):
        view.tabs.setCurrentIndex(i)
        check(_slug(view.tabs.tabText(i).replace("&", "")))
    matrix = view.matrix_tab.view
    report["matrix"] = {
        "columns": matrix.model().columnCount(),
        "hidden": [
            c
            for c in range(matrix.model().columnCount())
            if matrix.columnViewportPosition(c) < 0
            or matrix.columnViewportPosition(c) + matrix.columnWidth(c) > matrix.viewport().width()
        ],
    }
    window.close()  # saves, like Ctrl+Q
    window.worker.finish()
    workspace.db.close()
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
