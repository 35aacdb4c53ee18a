"""Screenshots of every view of a showcase household, rendered offscreen (`trajectplanner shot`)."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

SHOWCASE_CASE = "DEMO-0001"  # the Jansen household of domain.md §8 in the demo region
SEARCH_TEXT = "Jansen"


def _slug(title: str) -> str:
    table = str.maketrans({"ö": "o", "ë": "e", "é": "e", " ": "-"})
    return title.lower().translate(table)


def _showcase_id(db: Any) -> str | None:
    with db.unit_of_work(write=False) as uow:
        household = uow.households.by_case_number(SHOWCASE_CASE)
        if household is not None:
            return household.id
        summaries = uow.households.summaries()
    return summaries[0].id if summaries else None


def render_shots(
    db: Any, out_dir: Path, today: date, sizes: Iterable[tuple[int, int]] = ((1366, 768), (1920, 1080))
) -> list[Path]:
    """Render the search page and each tab of the showcase household at each size; returns the PNGs."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.app import use_dutch_locale

    app = QApplication.instance() or QApplication(sys.argv[:1])
    use_dutch_locale(app)
    from ui.app import MainWindow
    from ui.settings import WindowSettings
    from ui.shell import root

    out_dir.mkdir(parents=True, exist_ok=True)
    household_id = _showcase_id(db)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        settings = WindowSettings(Path(tmp) / "shots.ini")  # never touch the user's own settings
        for width, height in sizes:
            window = MainWindow(db, root.reference(), today, settings)
            window.resize(width, height)
            window.show()
            app.processEvents()

            def shoot(name: str, w: int = width, h: int = height, win: Any = window) -> None:
                for _ in range(3):
                    app.processEvents()
                path = out_dir / f"{w}x{h}-{name}.png"
                win.grab().save(str(path))
                written.append(path)

            window.start.search.setText(SEARCH_TEXT)
            window.run_search()
            window.worker.finish()  # the results are shown when the worker is done
            shoot("zoeken")
            window.show_caseload()
            window.worker.finish()  # the list is built on the worker
            shoot("werkvoorraad")
            if household_id is None:
                window.close()
                continue
            window.open_household(household_id)
            view = window.view
            assert view is not None
            for i in range(view.tabs.count()):
                view.tabs.setCurrentIndex(i)
                shoot(_slug(view.tabs.tabText(i).replace("&", "")))
            # ui/support: its continuity dialog
            support = view.tab("Ondersteuning") if "Ondersteuning" in view.extra else None
            opener = getattr(support, "open_first_continuity", None)
            dialog = opener() if callable(opener) else None
            if dialog is not None:
                shoot("continuiteit", win=dialog)
                dialog.reject()
            # F1 on the conversation tab: the help beside the work.
            view.tabs.setCurrentWidget(view.conversation_tab)
            window.help.show_current()
            shoot("help", win=window.help.dialog())
            window.help.dialog().close()
            # Findings: go where the first one points, with the panel in view.
            view.tabs.setCurrentWidget(view.matrix_tab)
            window.findings.recompute()
            if window.findings.list.count():
                window.findings.list.setCurrentRow(0)
                window.findings.list.setFocus()
            shoot("bevindingen")
            window.close()
            window.deleteLater()
            app.processEvents()
    return written
