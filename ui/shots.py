"""Screenshots of every view of a showcase household, rendered offscreen (`trajectplanner shot`)."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from planner.services.lookup import household_id_for_case
from ui.shell.atomic import make_private_dirs, write_atomic

SHOWCASE_CASE = "DEMO-0001"  # the Jansen household of domain.md §8 in the demo region
SEARCH_TEXT = "Jansen"


def _slug(title: str) -> str:
    table = str.maketrans({"ö": "o", "ë": "e", "é": "e", " ": "-"})
    return title.lower().translate(table)


def png_bytes(pixmap: Any) -> bytes:
    """A QPixmap as PNG file contents."""
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not pixmap.save(buffer, "PNG"):
        raise OSError("Qt could not encode the screenshot as PNG")
    return bytes(buffer.data().data())


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

    make_private_dirs(out_dir)
    household_id = household_id_for_case(db, SHOWCASE_CASE)
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
                # Screens show names and a BSN: written whole or not at all, 0600 (an OSError on a
                # full disk or a read-only folder reaches the caller instead of an empty file).
                written.append(write_atomic(out_dir / f"{w}x{h}-{name}.png", png_bytes(win.grab())))

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
            # The letters and the plan as the preview shows them (rendered by PDFium on the worker).
            view.decision_bar.preview()
            window.worker.finish()  # the documents are built
            preview = view.decision_bar.dialog
            if preview is not None:
                window.worker.finish()  # and their pages rendered
                shoot("voorbeeld", win=preview)
                preview.close()
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
