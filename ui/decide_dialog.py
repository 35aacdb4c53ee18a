"""Besluit vaststellen…: the findings, the sending date and who signs; then the plan is frozen.

Errors block (the list says what to do); warnings must be read and ticked off. Deciding is the
session's `decide` (the operation `planner.services.deciding.decide`): it stores the decided
plan, the closed earlier plan and the frozen letters in one transaction; the session's plan
objects then become read-only, the undo history is cleared (a decision cannot be undone by
Ctrl+Z) and the session announces the change.
"""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from planner.deciding import DecisionOutcome, decision_findings
from planner.documents.common import Professional
from planner.findings import Finding, Severity
from planner.services.household_records import bsn_elsewhere
from ui.date_input import DateInput
from ui.findings_view import FindingsView
from ui.help import tip
from ui.help_dialog import add_dialog_help
from ui.session import HouseholdSession

log = logging.getLogger(__name__)


class DecideDialog(QDialog):
    def __init__(
        self, session: HouseholdSession, professional: Professional, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Besluit vaststellen")
        self.session = session
        self.outcome: DecisionOutcome | None = None
        session.save_now()
        assert session.plan is not None
        self.findings: list[Finding] = decision_findings(
            session.household,
            session.plans,
            session.plan,
            session.catalogue,
            session.reference,
            session.today,
            bsn_elsewhere(session.db, session.household),
        )
        self.errors = [f for f in self.findings if f.severity is Severity.ERROR]
        self.warnings = [f for f in self.findings if f.severity is Severity.WARNING]

        self.intro = QLabel(session.reference.text("messages.plan_will_freeze"))
        self.intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        self.error_list = self._list("Dit moet eerst worden opgelost:", self.errors, layout)
        self.warning_list = self._list("Waarschuwingen:", self.warnings, layout)
        self.acknowledge = QCheckBox("Ik heb de waarschuwingen gelezen")
        self.acknowledge.setVisible(bool(self.warnings))
        layout.addWidget(self.acknowledge)

        self.sent_on = DateInput(lambda: session.today, required=True, accessible_name="Verzenddatum")
        self.sent_on.show_value(session.today)
        self.sent_on.edit.setToolTip(tip("verzenddatum", session.reference))
        self.name = QLineEdit(professional.name)
        self.name.setAccessibleName("Ondertekend door")
        self.role = QLineEdit(professional.role)
        self.role.setAccessibleName("Functie")
        form = QFormLayout()
        form.addRow("&Verzenddatum:", self.sent_on)
        form.addRow("Ondertekend &door:", self.name)
        form.addRow("&Functie:", self.role)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a00;")
        layout.addWidget(self.message)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.decide_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.decide_button.setText("Besluit vaststellen")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        self.buttons.accepted.connect(self.decide)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.acknowledge.toggled.connect(self._update)
        self.name.textChanged.connect(self._update)
        self.sent_on.valueChanged.connect(self._update)
        self._update()
        add_dialog_help(self, session.reference, "besluit")  # F1
        self.resize(620, 460)

    def _list(self, title: str, findings: list[Finding], layout: QVBoxLayout) -> FindingsView:
        widget = FindingsView(title.rstrip(":"))
        widget.show_findings(findings)
        label = QLabel(f"<b>{title}</b>")
        label.setBuddy(widget)
        for w in (label, widget):
            w.setVisible(bool(findings))
            layout.addWidget(w)
        return widget

    def _update(self) -> None:
        if self.errors:
            reason = "Los eerst de fouten hierboven op; daarna kunt u het besluit vaststellen."
        elif self.warnings and not self.acknowledge.isChecked():
            reason = "Lees de waarschuwingen en zet een vinkje."
        elif not self.name.text().strip():
            reason = "Vul in wie de brieven ondertekent."
        else:
            reason = ""
        self.message.setText(reason)
        self.decide_button.setEnabled(not reason)

    def sending_date(self) -> date | None:
        return self.sent_on.value()

    def decide(self) -> None:
        s = self.session
        sent_on = self.sending_date() if self.sent_on.finish() else None
        if sent_on is None:  # the reason stands next to the date
            return
        signer = Professional(self.name.text().strip(), self.role.text().strip())
        acknowledged = self.warnings if self.acknowledge.isChecked() else []
        try:
            outcome = s.decide(sent_on, signer, acknowledged)
        except Exception:
            log.exception("recording a decision failed")
            self.message.setText(
                "Het besluit kon niet worden opgeslagen. Er is niets veranderd; probeer het opnieuw."
            )
            return
        if not outcome.decided:
            problems = outcome.errors or outcome.unacknowledged(acknowledged)
            self.message.setText(" ".join(f.message for f in problems))
            return
        self.outcome = outcome
        self.accept()
