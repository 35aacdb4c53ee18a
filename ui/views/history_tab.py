"""Plangeschiedenis: earlier plans read-only, and "Nieuw plan (herbeoordeling)" (domain.md §4.2)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from planner import plans
from planner.model import Plan, ResultReached
from planner.plans import ReassessmentBlock
from planner.services.changes import Changes, Kind
from planner.services.plans import add_plan
from ui.help import tip
from ui.labels import REACHED_WORDS
from ui.session import HouseholdSession
from ui.views.matrix_model import ROW_RESULT, MatrixModel
from ui.views.matrix_tab import MatrixView

PLAN_ROLE = Qt.ItemDataRole.UserRole + 1
WHY_NO_REASSESSMENT = {
    ReassessmentBlock.CONCEPT_EXISTS: (
        "Er is al een conceptplan. Een nieuw plan kan pas als dat plan is vastgesteld."
    ),
    ReassessmentBlock.NOTHING_DECIDED: "Er is nog geen vastgesteld plan om vanuit te beginnen.",
}


def plan_words(plan: Plan) -> str:
    period = ""
    if plan.start is not None:
        from planner.dutch import period_words
        from planner.periods import plan_end

        period = f", {period_words(plan.start, plan_end(plan.start, plan.months))}"
    return f"Plan {plan.version} – {plan.status.value}{period}"


class ReassessDialog(QDialog):
    """Asks per life area of the previous plan whether its result was reached, and why."""

    def __init__(self, session: HouseholdSession, previous: Plan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Nieuw plan (herbeoordeling)")
        self.previous = previous
        intro = QLabel(
            "Het nieuwe plan begint met de leefgebieden, doelen en de ladder van het vorige plan. "
            "Geef per leefgebied aan of het resultaat is bereikt, en waarom."
        )
        intro.setWordWrap(True)
        intro.setToolTip(tip("herbeoordeling", session.reference))
        grid = QGridLayout()
        grid.addWidget(QLabel("<b>Leefgebied en resultaat</b>"), 0, 0)
        grid.addWidget(QLabel("<b>Bereikt?</b>"), 0, 1)
        grid.addWidget(QLabel("<b>Waarom</b>"), 0, 2)
        self.answers: dict[str, tuple[QComboBox, QLineEdit]] = {}
        names = {a.code: a.name for a in session.reference.life_areas}
        for i, r in enumerate(previous.life_areas, start=1):
            label = QLabel(f"{names.get(r.life_area, r.life_area)}: {r.desired_result or '—'}")
            label.setWordWrap(True)
            combo = QComboBox()
            combo.addItem("— nog niet beoordeeld", None)
            for value, words in REACHED_WORDS.items():
                combo.addItem(words, value.value)
            combo.setAccessibleName(f"Bereikt: {names.get(r.life_area, r.life_area)}")
            reason = QLineEdit()
            reason.setAccessibleName(f"Waarom: {names.get(r.life_area, r.life_area)}")
            reason.setMinimumWidth(260)
            label.setBuddy(combo)
            grid.addWidget(label, i, 0)
            grid.addWidget(combo, i, 1)
            grid.addWidget(reason, i, 2)
            self.answers[r.life_area] = (combo, reason)
        inner = QWidget()
        inner.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Nieuw plan maken")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(820, 420)

    def set_answer(self, life_area: str, reached: ResultReached | None, reason: str) -> None:
        combo, line = self.answers[life_area]
        combo.setCurrentIndex(combo.findData(reached.value) if reached else 0)
        line.setText(reason)

    def build_plan(self, session: HouseholdSession) -> Plan:
        prev = self.previous
        plan = plans.reassessment_plan(prev, plans.reassessment_start(prev))
        for r in plan.life_areas:
            combo, line = self.answers[r.life_area]
            value = combo.currentData()
            r.reached = ResultReached(value) if value else None
            r.reached_reason = line.text().strip()
        return plan


class HistoryTab(QWidget):
    def __init__(self, session: HouseholdSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.plans = QListWidget()
        self.plans.setAccessibleName("Plannen van dit huishouden")
        self.plans.setMaximumWidth(300)
        self.plans.setWordWrap(True)
        self.plans.setToolTip(tip("plangeschiedenis", session.reference))
        self.plans.currentItemChanged.connect(lambda *_: self._show_selected())
        self.shown: Plan | None = None
        self.model = MatrixModel(session, lambda: self.shown)
        self.matrix = MatrixView(self.model)
        self.matrix.setAccessibleName("Matrix van het gekozen plan (alleen lezen)")
        self.matrix.setWordWrap(True)
        self.matrix.verticalHeader().resizeSection(ROW_RESULT, 80)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.new_plan = QPushButton("&Nieuw plan (herbeoordeling)…")
        self.new_plan.setAccessibleName("Nieuw plan (herbeoordeling)")
        self.new_plan.setToolTip(tip("herbeoordeling", session.reference))
        self.new_plan.clicked.connect(self.start_reassessment)
        self.why_not = QLabel()
        self.why_not.setWordWrap(True)
        self.why_not.setStyleSheet("color: #555;")

        left = QVBoxLayout()
        left.addWidget(QLabel("<b>Plannen</b> (vastgestelde plannen zijn alleen te lezen)"))
        left.addWidget(self.plans, 1)
        left.addWidget(self.new_plan)
        left.addWidget(self.why_not)
        right = QVBoxLayout()
        right.addWidget(self.details)
        right.addWidget(self.matrix, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 3)
        session.connect_changes(self._on_changes)
        self.refresh()

    DEPENDS_ON = Kind.PLANS | Kind.PLAN | Kind.LIFE_AREAS

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        if changes.touches(self.DEPENDS_ON):
            self.refresh()

    def refresh(self) -> None:
        s = self.session
        selected = self.shown.id if self.shown else None
        self.plans.blockSignals(True)
        self.plans.clear()
        for plan in reversed(s.plans):
            item = QListWidgetItem(plan_words(plan) + ("  (huidig)" if plan is s.plan else ""))
            item.setData(PLAN_ROLE, plan.id)
            self.plans.addItem(item)
            if plan.id == selected:
                self.plans.setCurrentItem(item)
        self.plans.blockSignals(False)
        if self.plans.currentItem() is None and self.plans.count():
            self.plans.setCurrentRow(0)
        self._show_selected()
        block = plans.reassessment_block(s.plans)
        self.new_plan.setEnabled(block is None)
        self.why_not.setText(WHY_NO_REASSESSMENT.get(block, "") if block else "")

    def previous_plan(self) -> Plan | None:
        return plans.previous_plan(self.session.plans)

    def _show_selected(self) -> None:
        item = self.plans.currentItem()
        plan_id = item.data(PLAN_ROLE) if item else None
        self.shown = next((p for p in self.session.plans if p.id == plan_id), None)
        self.model.refresh()
        if self.shown is None:
            self.details.setText("")
            return
        p = self.shown
        lines = [f"<b>{plan_words(p)}</b>"]
        if p.decided_on:
            from planner.dutch import date_words
            from planner.services.plans import decided_by

            who = decided_by(self.session.db, p.id)
            lines.append(f"Vastgesteld op {date_words(p.decided_on)}" + (f" door {who}." if who else "."))
        names = {a.code: a.name for a in self.session.reference.life_areas}
        for r in p.life_areas:
            if r.reached:
                why = f" – {r.reached_reason}" if r.reached_reason else ""
                lines.append(
                    f"Vorig resultaat {names.get(r.life_area, r.life_area)}: {REACHED_WORDS[r.reached]}{why}"
                )
        self.details.setText("<br>".join(lines))

    def start_reassessment(self) -> ReassessDialog | None:
        """Opens the dialog; returns it (tests drive it) after it closed."""
        previous = self.previous_plan()
        if previous is None:
            return None
        dialog = ReassessDialog(self.session, previous, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.create_from(dialog)
        return dialog

    def create_from(self, dialog: ReassessDialog) -> Plan:
        plan = dialog.build_plan(self.session)
        self.session.apply(add_plan(self.session.plans, plan))
        return plan
