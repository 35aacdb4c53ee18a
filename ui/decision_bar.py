"""Two buttons above the household's tabs: "Brieven en plan bekijken…" and "Besluit vaststellen…"."""

from __future__ import annotations

import copy
import logging
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QMessageBox, QPushButton, QWidget

from planner.services.changes import Changes, Kind
from ui.session import HouseholdSession
from ui.worker import failure_text, shared_worker

if TYPE_CHECKING:
    from db.database import Database
    from planner.documents.service import Document
    from planner.model import Household, Plan
    from planner.reference import Reference

log = logging.getLogger(__name__)
DECIDE_KEYS = "Ctrl+Shift+D"
PREVIEW_KEYS = "Ctrl+P"
PREVIEW_TEXT = "Brieven en plan bekijken…"


def build_documents(
    db: Database, household: Household, plan: Plan, reference: Reference, today: date
) -> list[Document]:
    """Every letter and the plan document; plain work, run on the worker (opens its own unit of work)."""
    # Here, not at the top: the renderers (reportlab) cost 150 ms and a household opens without them.
    from planner.documents.service import all_documents
    from planner.services.documents import printable_bundle, signer

    bundle = printable_bundle(db, household, plan, reference, signer(db), today)
    return all_documents(bundle)


class DecisionBar(QWidget):
    def __init__(self, session: HouseholdSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.building = False  # documents are being made on the worker
        self.dialog: QDialog | None = None  # the last preview shown
        self.preview_button = QPushButton(PREVIEW_TEXT)
        self.preview_button.setToolTip(f"Voorbeeld, afdrukken en opslaan als PDF ({PREVIEW_KEYS})")
        self.decide_button = QPushButton("Besluit vaststellen…")
        self.decide_button.setToolTip(f"Het plan vaststellen en de brieven maken ({DECIDE_KEYS})")
        self.preview_button.clicked.connect(self.preview)
        self.decide_button.clicked.connect(self.decide)
        # Window-wide within the household view, like the tab shortcuts.
        for keys, slot, what in (
            (PREVIEW_KEYS, self.preview, "Brieven en plan bekijken"),
            (DECIDE_KEYS, self.decide, "Besluit vaststellen"),
        ):
            shortcut = QShortcut(QKeySequence(keys), parent or self)
            shortcut.setWhatsThis(what)  # the shortcut overview (ui/help_dialog.py) says it
            shortcut.activated.connect(slot)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview_button)
        layout.addWidget(self.decide_button)
        session.connect_changes(self._on_changes)
        self.refresh()

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        if changes.touches(Kind.PLAN | Kind.PLANS):
            self.refresh()

    def refresh(self) -> None:
        plan = self.session.plan
        self.preview_button.setEnabled(plan is not None and not self.building)
        self.decide_button.setEnabled(plan is not None and not plan.is_frozen)

    def documents(self) -> list[Document]:
        """The documents, built here and now (the preview button builds them on the worker)."""
        s = self.session
        assert s.plan is not None
        s.save_now()
        return build_documents(s.db, s.household, s.plan, s.reference, s.today)

    def preview(self) -> None:
        """Build the letters and the plan on the worker, then show them; the window stays usable."""
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
            self._show_preview,
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

    def _build_failed(self, exc: BaseException) -> None:
        # A half-filled concept must never crash the window.
        log.error("building documents failed: %s", failure_text(exc))
        self._built()
        QMessageBox.warning(
            self,
            "Documenten maken lukt niet",
            "De brieven konden niet worden gemaakt. Kijk bij Bevindingen wat er nog ontbreekt.",
        )

    def decide(self) -> None:
        from ui.decide_dialog import DecideDialog

        plan = self.session.plan
        if plan is None or plan.is_frozen:
            return
        from planner.services.documents import signer

        dialog = DecideDialog(self.session, signer(self.session.db), self)
        if dialog.exec():
            self.preview()
