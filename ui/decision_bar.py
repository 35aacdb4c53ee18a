"""Buttons above the household's tabs: "Brieven en plan bekijken…", "Alles afdrukken…" and
"Besluit vaststellen…"."""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QMainWindow, QMessageBox, QPushButton, QWidget

from planner.services.changes import Changes, Kind
from ui.session import HouseholdSession
from ui.worker import failure_text, shared_worker

if TYPE_CHECKING:
    from db.database import Database
    from planner.documents.service import Document
    from planner.model import Household, Plan
    from planner.reference import Reference
    from ui.print_jobs import Printed

log = logging.getLogger(__name__)
DECIDE_KEYS = "Ctrl+Shift+D"
PREVIEW_KEYS = "Ctrl+P"
PRINT_ALL_KEYS = "Ctrl+Shift+P"
PREVIEW_TEXT = "Brieven en plan bekijken…"
PRINT_ALL_TEXT = "Alles afdrukken…"


def build_documents(
    db: Database, household: Household, plan: Plan, reference: Reference, today: date
) -> list[Document]:
    """Every letter and the plan document (as sent when decided); plain work, run on the worker
    (opens its own unit of work)."""
    # Here, not at the top: the renderers (reportlab) cost 150 ms and a household opens without them.
    from planner.services.documents import printable_documents, signer

    return printable_documents(db, household, plan, reference, signer(db), today)


class DecisionBar(QWidget):
    def __init__(self, session: HouseholdSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.building = False  # documents are being made on the worker
        self.dialog: QDialog | None = None  # the last preview shown
        self.preview_button = QPushButton(PREVIEW_TEXT)
        self.preview_button.setToolTip(f"Voorbeeld, afdrukken en opslaan als PDF ({PREVIEW_KEYS})")
        self.print_all_button = QPushButton(PRINT_ALL_TEXT)
        self.print_all_button.setToolTip(
            f"Alle brieven en het plan in één keer, elk voor zijn geadresseerde ({PRINT_ALL_KEYS})"
        )
        self.print_all_button.clicked.connect(self.print_all)
        self.printing = False  # an "Alles afdrukken" job is on the worker
        self.print_message = ""  # what the last one did
        self.decide_button = QPushButton("Besluit vaststellen…")
        self.decide_button.setToolTip(f"Het plan vaststellen en de brieven maken ({DECIDE_KEYS})")
        self.preview_button.clicked.connect(self.preview)
        self.decide_button.clicked.connect(self.decide)
        # Window-wide within the household view, like the tab shortcuts.
        for keys, slot, what in (
            (PREVIEW_KEYS, self.preview, "Brieven en plan bekijken"),
            (DECIDE_KEYS, self.decide, "Besluit vaststellen"),
            (PRINT_ALL_KEYS, self.print_all, "Alle brieven en het plan afdrukken"),
        ):
            shortcut = QShortcut(QKeySequence(keys), parent or self)
            shortcut.setWhatsThis(what)  # the shortcut overview (ui/help_dialog.py) says it
            shortcut.activated.connect(slot)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview_button)
        layout.addWidget(self.print_all_button)
        layout.addWidget(self.decide_button)
        session.connect_changes(self._on_changes)
        self.refresh()

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        if changes.touches(Kind.PLAN | Kind.PLANS):
            self.refresh()

    def refresh(self) -> None:
        plan = self.session.plan
        self.preview_button.setEnabled(plan is not None and not self.building)
        self.print_all_button.setEnabled(plan is not None and not self.building and not self.printing)
        self.decide_button.setEnabled(plan is not None and not plan.is_frozen)

    def documents(self) -> list[Document]:
        """The documents, built here and now (the preview button builds them on the worker)."""
        s = self.session
        assert s.plan is not None
        s.save_now()
        return build_documents(s.db, s.household, s.plan, s.reference, s.today)

    def preview(self) -> None:
        """Build the letters and the plan on the worker, then show them; the window stays usable."""
        self._build(self._show_preview)

    def print_all(self) -> None:
        """Build every letter and the plan on the worker, ask for the printer, print them all."""
        self._build(self._print_all)

    def _build(self, then: Callable[[list[Document]], None]) -> None:
        s = self.session
        if s.plan is None or self.building:
            return
        s.save_soon()  # queued before the build: the stored state follows what is printed
        # Copies: the professional may go on editing while the worker reads them.
        household, plan = copy.deepcopy(s.household), copy.deepcopy(s.plan)
        db, reference, today = s.db, s.reference, s.today
        self.building = True
        self.preview_button.setText("Documenten worden gemaakt…")
        self.refresh()
        shared_worker().submit(
            lambda: build_documents(db, household, plan, reference, today),
            then,
            self._build_failed,
            key="documents",
            owner=self,
            name="documents",
        )

    def _built(self) -> None:
        self.building = False
        self.preview_button.setText(PREVIEW_TEXT)
        self.refresh()

    def _show_preview(self, docs: list[Document]) -> None:
        from ui.preview_dialog import PreviewDialog

        self._built()
        dialog = PreviewDialog(docs, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()  # modal, without a nested event loop inside the worker's callback

    def _print_all(self, docs: list[Document]) -> None:
        from ui.print_jobs import choose_printer, start_print

        self._built()
        printer = choose_printer(self, docs, "Alles afdrukken")
        if printer is None:
            return
        self.printing = True
        self.print_all_button.setText("Bezig met afdrukken…")
        self.refresh()

        def done(printed: Printed) -> None:
            self._printed(
                f"Naar de printer gestuurd: {printed.documents} documenten, {printed.pages} pagina's."
            )

        def failed(reason: str) -> None:
            self._printed("Niet afgedrukt.")
            QMessageBox.warning(self, "Afdrukken mislukt", reason)

        start_print(self, docs, printer, done, failed)

    def _printed(self, message: str) -> None:
        self.printing = False
        self.print_message = message
        self.print_all_button.setText(PRINT_ALL_TEXT)
        self.refresh()
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(message, 15000)

    def _build_failed(self, exc: BaseException) -> None:
        # A half-filled concept must never crash the window.
        log.error("building documents failed: %s", failure_text(exc))
        self._built()
        from planner.services.documents import DocumentError

        # A stored letter that no longer matches its hash says so itself (DocumentError, Dutch).
        text = (
            str(exc)
            if isinstance(exc, DocumentError)
            else "De brieven konden niet worden gemaakt. Kijk bij Bevindingen wat er nog ontbreekt."
        )
        QMessageBox.warning(self, "Documenten maken lukt niet", text)

    def decide(self) -> None:
        from ui.decide_dialog import DecideDialog

        plan = self.session.plan
        if plan is None or plan.is_frozen:
            return
        from planner.services.documents import signer

        dialog = DecideDialog(self.session, signer(self.session.db), self)
        if dialog.exec():
            self.preview()
