"""Bevindingen: the live list of rule findings for the open household (domain.md §5).

Recomputed shortly after every change; activating a finding asks the session to go to the place
it concerns (`session.navigate(subject_kind, subject_id)`). The rows are the shared
`ui.findings_view.FindingsView`, as in the allocation editor and the decide dialog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.findings_view import CHECK_FAILED, FindingsView

if TYPE_CHECKING:  # the session (and the storage it pulls in) is imported when a household opens
    from ui.session import HouseholdSession

RECOMPUTE_MS = 150


class FindingsPanel(QWidget):
    count_changed = Signal(int, int)  # errors, warnings

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: HouseholdSession | None = None
        self.summary = QLabel("Geen huishouden geopend.")
        self.summary.setWordWrap(True)
        self.list = FindingsView("Bevindingen", navigable=True)
        self.list.subject_activated.connect(self._go_to)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        self._timer = QTimer(self, singleShot=True, interval=RECOMPUTE_MS)
        self._timer.timeout.connect(self.recompute)

    def set_session(self, session: HouseholdSession | None) -> None:
        if self.session is not None:
            self.session.disconnect_changes(self._schedule)
        self.session = session
        if session is not None:
            session.connect_changes(self._schedule)
        self.recompute()

    def _schedule(self, _changes: object = None, _initiator: object = None) -> None:
        self._timer.start()

    def recompute(self) -> None:
        session = self.session
        if session is None:
            self.list.show_nothing()
            self.summary.setText("Geen huishouden geopend.")
            self.count_changed.emit(0, 0)
            return
        # A rule bug must not take the conversation down: the list says so and the rest goes on.
        findings = self.list.show_check(session.findings)
        if findings is None:
            self.list.show_nothing()
            self.summary.setText(CHECK_FAILED)
            return
        errors = sum(1 for f in findings if f.is_error)
        warnings = len(findings) - errors
        if not findings:
            self.summary.setText("✓ Geen bevindingen: alles wat gecontroleerd kan worden, klopt.")
        else:
            self.summary.setText(
                f"{errors} fout(en), {warnings} aandachtspunt(en). Fouten moeten weg vóór het vaststellen."
            )
        self.count_changed.emit(errors, warnings)

    def codes(self) -> list[str]:
        return self.list.codes()

    def _go_to(self, kind: str, subject_id: object) -> None:
        if self.session is not None:
            self.session.navigate.emit(kind, subject_id)
