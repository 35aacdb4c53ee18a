"""Two buttons above the household's tabs: "Brieven en plan bekijken…" and "Besluit vaststellen…"."""

from __future__ import annotations

import logging

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QWidget

from planner.documents.service import all_documents
from planner.services.changes import Changes, Kind
from ui.documents import bundle_for, professional_from_settings
from ui.session import HouseholdSession

log = logging.getLogger(__name__)
DECIDE_KEYS = "Ctrl+Shift+D"
PREVIEW_KEYS = "Ctrl+P"


class DecisionBar(QWidget):
    def __init__(self, session: HouseholdSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.preview_button = QPushButton("Brieven en plan bekijken…")
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
        self.preview_button.setEnabled(plan is not None)
        self.decide_button.setEnabled(plan is not None and not plan.is_frozen)

    def documents(self) -> list:
        s = self.session
        assert s.plan is not None
        s.save_now()
        bundle = bundle_for(s.db, s.household, s.plan, s.reference, professional_from_settings(s.db), s.today)
        return all_documents(bundle)

    def preview(self) -> None:
        from ui.preview_dialog import PreviewDialog

        if self.session.plan is None:
            return
        try:
            docs = self.documents()
        except Exception:  # a half-filled concept must never crash the window
            log.exception("building documents failed")
            QMessageBox.warning(
                self,
                "Documenten maken lukt niet",
                "De brieven konden niet worden gemaakt. Kijk bij Bevindingen wat er nog ontbreekt.",
            )
            return
        PreviewDialog(docs, self).exec()

    def decide(self) -> None:
        from ui.decide_dialog import DecideDialog

        plan = self.session.plan
        if plan is None or plan.is_frozen:
            return
        dialog = DecideDialog(self.session, professional_from_settings(self.session.db), self)
        if dialog.exec():
            self.preview()
