"""Gesprek: report, application and conversation dates, participants, client support, own plan,
the plan period, and the procedure deadlines with a near/overdue signal in colour AND words."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from planner.periods import DeadlineStatus, procedure_deadlines
from planner.services.changes import Changes, Kind
from planner.services.fields import PlanField
from ui.fields import Binding, CheckField, DateField, MultiLineField, SpinField
from ui.help import tip
from ui.session import HouseholdSession

STATUS_STYLE = {
    DeadlineStatus.OK: ("✓ op tijd", "#1d6b1d", "#eaf5e8"),
    DeadlineStatus.NEAR: ("⚠ bijna verlopen", "#7a4b00", "#fdf0cf"),
    DeadlineStatus.PAST: ("✖ verlopen", "#a4000f", "#fbe1de"),
}


class ConversationTab(QWidget):
    def __init__(self, session: HouseholdSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        ref = session.reference
        plan = lambda: session.plan  # noqa: E731

        def date_field(field: PlanField, label: str, past: bool = False) -> DateField:
            return DateField(
                session,
                Binding(plan, field, f"{label} wijzigen"),
                plan_field=True,
                accessible_name=label,
                past=past,
            )

        self.report = date_field(PlanField.REPORT_DATE, "Datum melding", past=True)
        self.application = date_field(PlanField.APPLICATION_DATE, "Datum aanvraag", past=True)
        self.conversation = date_field(PlanField.CONVERSATION_DATE, "Datum keukentafelgesprek")
        self.participants = MultiLineField(
            session,
            Binding(plan, PlanField.PARTICIPANTS, "Deelnemers wijzigen"),
            plan_field=True,
            accessible_name="Wie waren bij het gesprek",
            lines=2,
        )
        self.participants.setPlaceholderText("Bijvoorbeeld: mevrouw Jansen, Daan, zus van mevrouw Jansen")
        self.support_offered = CheckField(
            session,
            Binding(plan, PlanField.CLIENT_SUPPORT_OFFERED, "Cliëntondersteuning aangeboden wijzigen"),
            "Gratis cliëntondersteuning is aangeboden",
            plan_field=True,
        )
        self.support_present = CheckField(
            session,
            Binding(plan, PlanField.CLIENT_SUPPORT_PRESENT, "Cliëntondersteuning aanwezig wijzigen"),
            "Een cliëntondersteuner was bij het gesprek",
            plan_field=True,
        )
        for box in (self.support_offered, self.support_present):
            box.setToolTip(tip("clientondersteuning", ref))
        self.own_plan = CheckField(
            session,
            Binding(plan, PlanField.OWN_PLAN_SUBMITTED, "Persoonlijk plan wijzigen"),
            "Het huishouden heeft een persoonlijk plan ingeleverd",
            plan_field=True,
        )
        self.own_plan.setToolTip(tip("persoonlijk_plan", ref))
        self.start = date_field(PlanField.START, "Startdatum plan")
        self.months = SpinField(
            session,
            Binding(plan, PlanField.MONTHS, "Planperiode wijzigen"),
            1,
            ref.terms.max_plan_months,
            plan_field=True,
            accessible_name="Planperiode in maanden",
        )
        self.months.setSuffix(" maanden")
        self.period_words = QLabel()
        for w in (self.start, self.months):
            w.setToolTip(tip("planperiode", ref))

        dates = QGroupBox("Melding, aanvraag en gesprek")
        df = QFormLayout(dates)
        df.addRow(self._label("&Melding:", self.report, "melding"), self.report)
        df.addRow(self._label("A&anvraag:", self.application, "aanvraag"), self.application)
        df.addRow(
            self._label("&Keukentafelgesprek:", self.conversation, "keukentafelgesprek"), self.conversation
        )
        df.addRow(
            self._label("&Wie waren erbij:", self.participants, "keukentafelgesprek"), self.participants
        )
        df.addRow(self.support_offered)
        df.addRow(self.support_present)
        df.addRow(self.own_plan)

        period = QGroupBox("Planperiode")
        pf = QFormLayout(period)
        pf.addRow(self._label("&Start:", self.start, "planperiode"), self.start)
        row = QHBoxLayout()
        row.addWidget(self.months)
        row.addWidget(self.period_words, 1)
        pf.addRow(self._label("&Duur:", self.months, "planperiode"), row)

        self.deadlines_box = QGroupBox("Termijnen")
        self.deadlines_layout = QVBoxLayout(self.deadlines_box)
        self.deadline_labels: list[QLabel] = []

        left = QVBoxLayout()
        left.addWidget(dates)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.deadlines_box)
        right.addWidget(period)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)
        session.connect_changes(self._on_changes)
        self.refresh()

    def _label(self, text: str, buddy: QWidget, key: str) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        label.setToolTip(tip(key, self.session.reference))
        return label

    DEPENDS_ON = Kind.PLAN | Kind.PLANS

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        # Also after its own fields' edits: the period words and the deadlines follow the dates.
        if changes.touches(self.DEPENDS_ON):
            self.refresh()

    def refresh(self) -> None:
        for f in (
            self.report,
            self.application,
            self.conversation,
            self.participants,
            self.support_offered,
            self.support_present,
            self.own_plan,
            self.start,
            self.months,
        ):
            f.refresh()
        plan = self.session.plan
        if plan is not None and plan.start is not None:
            from planner.dutch import period_words
            from planner.periods import plan_end

            self.period_words.setText(period_words(plan.start, plan_end(plan.start, plan.months)))
        else:
            self.period_words.setText("Vul de startdatum in.")
        self._refresh_deadlines()

    def _refresh_deadlines(self) -> None:
        for label in self.deadline_labels:
            label.setParent(None)
            label.deleteLater()
        self.deadline_labels = []
        plan = self.session.plan
        terms = self.session.reference.terms
        deadlines = procedure_deadlines(plan.report_date, plan.application_date, terms) if plan else []
        if not deadlines:
            label = QLabel("Vul de datum van de melding en de aanvraag in; dan ziet u hier de termijnen.")
            label.setWordWrap(True)
            self.deadlines_layout.addWidget(label)
            self.deadline_labels.append(label)
            return
        today = self.session.today
        for d in deadlines:
            status = d.status(today, terms.deadline_warning_days)
            if plan is not None and plan.is_frozen:
                status = DeadlineStatus.OK
            words, fg, bg = STATUS_STYLE[status]
            if d.key == "own_plan" and plan is not None and plan.own_plan_submitted:
                words, fg, bg = "✓ ingeleverd", "#1d6b1d", "#eaf5e8"
            elif d.key == "own_plan" and status is DeadlineStatus.PAST:
                # The client's own option has lapsed; not an overdue task of the professional.
                words, fg, bg = "– voorbij", "#444444", "#ececec"
            label = QLabel(f"<b>{words}</b> — {d.words(today)}")
            label.setWordWrap(True)
            label.setStyleSheet(f"color: {fg}; background: {bg}; padding: 4px; border-radius: 3px;")
            label.setAccessibleName(f"{words}: {d.words(today)}")
            label.setProperty("deadline_status", status.value)
            label.setToolTip(
                tip(
                    {"own_plan": "persoonlijk_plan", "decision": "aanvraag"}.get(d.key, "melding"),
                    self.session.reference,
                )
            )
            self.deadlines_layout.addWidget(label)
            self.deadline_labels.append(label)
