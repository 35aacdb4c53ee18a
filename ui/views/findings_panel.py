"""Bevindingen: the live list of rule findings for the open household (domain.md §5).

Recomputed shortly after every change; activating a finding asks the session to go to the place
it concerns (`session.navigate(subject_kind, subject_id)`).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ui.help import tip
from ui.session import HouseholdSession

log = logging.getLogger(__name__)
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
CODE_ROLE = Qt.ItemDataRole.UserRole + 3
RECOMPUTE_MS = 150


class FindingsPanel(QWidget):
    count_changed = Signal(int, int)  # errors, warnings

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: HouseholdSession | None = None
        self.summary = QLabel("Geen huishouden geopend.")
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAccessibleName("Bevindingen")
        self.list.setToolTip(tip("bevindingen"))
        self.list.itemActivated.connect(self._activated)
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
        self.list.clear()
        if self.session is None:
            self.summary.setText("Geen huishouden geopend.")
            self.count_changed.emit(0, 0)
            return
        try:
            findings = self.session.findings()
        except Exception:  # a rule bug must not take the conversation down
            log.exception("rule check failed")
            self.summary.setText("De controle kon niet worden uitgevoerd. Uw werk is wel opgeslagen.")
            return
        errors = sum(1 for f in findings if f.is_error)
        warnings = len(findings) - errors
        for f in findings:
            prefix = "Fout" if f.is_error else "Let op"
            item = QListWidgetItem(f"{'✖' if f.is_error else '⚠'} {prefix}: {f.message}")
            item.setData(KIND_ROLE, f.subject_kind)
            item.setData(ID_ROLE, f.subject_id)
            item.setData(CODE_ROLE, f.code)
            item.setToolTip(f"{f.message}\n\nDubbelklik of druk Enter om erheen te gaan.")
            item.setForeground(QBrush(QColor("#a4000f" if f.is_error else "#6a4500")))
            self.list.addItem(item)
        if not findings:
            self.summary.setText("✓ Geen bevindingen: alles wat gecontroleerd kan worden, klopt.")
        else:
            self.summary.setText(
                f"{errors} fout(en), {warnings} aandachtspunt(en). Fouten moeten weg vóór het vaststellen."
            )
        self.count_changed.emit(errors, warnings)

    def codes(self) -> list[str]:
        return [self.list.item(i).data(CODE_ROLE) for i in range(self.list.count())]

    def _activated(self, item: QListWidgetItem) -> None:
        if self.session is not None:
            self.session.navigate.emit(item.data(KIND_ROLE), item.data(ID_ROLE))
