"""Urenonderbouwing: the lines that add up to the weekly minutes of one allocation (domain.md §4.8).

Activities come from the municipality's standard times with their factors as spin boxes; free lines
need a reason; customary help is proposed from the household composition; network help is
deducted. The total updates live, in minutes and in words, never rounded down, and the allocation's
volume follows it (one undo step per change).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner import allocations, hours, text_limits
from planner.model import Allocation, HoursLine, LineKind
from ui.labels import LINE_KIND_WORDS
from ui.session import HouseholdSession
from ui.support.commands import change_lines

MAX_MINUTES = 5000


class HoursWidget(QGroupBox):
    """The hours explanation of the allocation returned by `allocation()`."""

    def __init__(
        self,
        session: HouseholdSession,
        allocation: Callable[[], Allocation | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Urenonderbouwing", parent)
        self.session = session
        self.allocation = allocation
        self._factor_spins: dict[str, QSpinBox] = {}
        self._activities: list[Any] = []

        # --- standard activity with factors ---
        self.activity = QComboBox()
        self.activity.setAccessibleName("Activiteit uit het normenkader")
        self.activity.currentIndexChanged.connect(self._activity_changed)
        self.factors_box = QWidget()
        self.factors_layout = QGridLayout(self.factors_box)
        self.factors_layout.setContentsMargins(0, 0, 0, 0)
        self.activity_preview = QLabel()
        self.add_activity = QPushButton("&Normtijd toevoegen")
        self.add_activity.clicked.connect(self.add_standard)
        self.table_note = QLabel()
        self.table_note.setWordWrap(True)
        self.table_note.setStyleSheet("color: #555;")

        # --- free line / deduction ---
        self.free_kind = QComboBox()
        self.free_kind.setAccessibleName("Soort regel")
        for kind in (LineKind.FREE, LineKind.CUSTOMARY_HELP, LineKind.NETWORK):
            self.free_kind.addItem(LINE_KIND_WORDS[kind], kind)
        self.free_label = QLineEdit()
        self.free_label.setAccessibleName("Omschrijving")
        self.free_label.setMaxLength(text_limits.LIMITS["HoursLine", "label"].maximum)
        self.free_label.setPlaceholderText("Omschrijving, bijvoorbeeld 'Extra begeleiding bij de post'")
        self.free_minutes = QSpinBox()
        self.free_minutes.setAccessibleName("Minuten per week")
        self.free_minutes.setRange(0, MAX_MINUTES)
        self.free_minutes.setSuffix(" min/week")
        self.free_reason = QLineEdit()
        self.free_reason.setAccessibleName("Reden")
        self.free_reason.setMaxLength(text_limits.LIMITS["HoursLine", "reason"].maximum)
        self.free_reason.setPlaceholderText("Reden (verplicht): waarom deze tijd erbij of eraf gaat")
        self.add_free = QPushButton("&Regel toevoegen")
        self.add_free.clicked.connect(self.add_free_line)
        self.free_problem = QLabel()
        self.free_problem.setStyleSheet("color: #a4000f;")
        self.customary = QPushButton("Gebruikelijke hulp van huisgenoten invullen")
        self.customary.setToolTip(
            "Vult de aftrek in voor huisgenoten die volgens het normenkader kunnen meehelpen, "
            "naar hun leeftijd op de startdatum."
        )
        self.customary.clicked.connect(self.add_customary_help)

        # --- lines and total ---
        self.lines = QTableWidget(0, 4)
        self.lines.setTabKeyNavigation(False)  # arrows move between cells; Tab goes on
        self.lines.setAccessibleName("Regels van de urenonderbouwing")
        self.lines.setHorizontalHeaderLabels(["Soort", "Omschrijving", "Min/week", "Toelichting"])
        self.lines.verticalHeader().hide()
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.lines.setMinimumHeight(110)
        self.remove_line = QPushButton("Regel verwijderen")
        self.remove_line.clicked.connect(self.remove_selected)
        self.total = QLabel()
        self.total.setAccessibleName("Totaal per week")
        self.total.setWordWrap(True)
        self.total.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        std = QFormLayout()
        act_row = QHBoxLayout()
        act_row.addWidget(self.activity, 1)
        act_row.addWidget(self.add_activity)
        std.addRow("Activiteit:", act_row)
        std.addRow("Extra tijd:", self.factors_box)
        std.addRow("", self.activity_preview)
        free_row = QHBoxLayout()
        free_row.addWidget(self.free_kind)
        free_row.addWidget(self.free_label, 2)
        free_row.addWidget(self.free_minutes)
        free_row2 = QHBoxLayout()
        free_row2.addWidget(self.free_reason, 1)
        free_row2.addWidget(self.add_free)
        std.addRow("Andere regel:", free_row)
        std.addRow("", free_row2)
        std.addRow("", self.free_problem)
        buttons = QHBoxLayout()
        buttons.addWidget(self.customary)
        buttons.addWidget(self.remove_line)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table_note)
        layout.addLayout(std)
        layout.addWidget(self.lines)
        layout.addLayout(buttons)
        layout.addWidget(self.total)
        self._product_code: str | None = None
        self.refresh()

    # --- data ---------------------------------------------------------------------------------

    def table(self) -> Any:
        return self.session.reference.standard_table(self.session.household.municipality_code)

    def _current_activity(self) -> Any | None:
        i = self.activity.currentIndex()
        return self._activities[i] if 0 <= i < len(self._activities) else None

    def _factor_counts(self) -> dict[str, int]:
        return {code: spin.value() for code, spin in self._factor_spins.items()}

    # --- actions ------------------------------------------------------------------------------

    def _apply(self, add: list[HoursLine], remove: list[HoursLine], text: str) -> None:
        a = self.allocation()
        if a is None or not self.session.editable:
            return
        kept = [ln for ln in a.hours_lines if not any(ln is r for r in remove)]
        product = self.session.catalogue.products.get(a.product_code)
        amount = dict(allocations.amount_for_lines([*kept, *add], product)) or None
        change_lines(self.session, a, add=add, remove=remove, amount=amount, text=text)

    def set_factor(self, code: str, count: int) -> None:
        self._factor_spins[code].setValue(count)

    def choose_activity(self, code: str) -> None:
        i = next(i for i, act in enumerate(self._activities) if act.code == code)
        self.activity.setCurrentIndex(i)

    def add_standard(self) -> None:
        act = self._current_activity()
        if act is None:
            return
        line = hours.standard_line(act, self._factor_counts())
        self._apply([line], [], f"Normtijd toevoegen: {act.name}")
        for spin in self._factor_spins.values():
            spin.setValue(0)

    def add_free_line(self) -> None:
        kind: LineKind = self.free_kind.currentData()
        label = self.free_label.text().strip() or LINE_KIND_WORDS[kind]
        reason = self.free_reason.text().strip()
        minutes = self.free_minutes.value()
        if not reason:
            self.free_problem.setText(
                "Vul de reden in: de brief moet uitleggen waarom deze tijd erbij of eraf gaat."
            )
            self.free_reason.setFocus()
            return
        if minutes <= 0:
            self.free_problem.setText("Vul het aantal minuten per week in (meer dan 0).")
            self.free_minutes.setFocus()
            return
        self.free_problem.setText("")
        line = HoursLine(kind=kind, label=label, minutes_per_week=minutes, reason=reason)
        self._apply([line], [], f"Regel toevoegen: {LINE_KIND_WORDS[kind].lower()}")
        self.free_label.clear()
        self.free_reason.clear()
        self.free_minutes.setValue(0)

    def add_customary_help(self) -> None:
        a = self.allocation()
        if a is None:
            return
        member = next((m for m in self.session.household.members if m.id == a.member_id), None)
        if member is None:
            return
        existing = {ln.label for ln in a.hours_lines if ln.kind is LineKind.CUSTOMARY_HELP}
        proposals = [
            p
            for p in allocations.customary_help_proposals(
                self.session.household, member, self.table(), a.start
            )
            if p.label not in existing
        ]
        if not proposals:
            self.free_problem.setText(
                "Er zijn geen huisgenoten die volgens het normenkader (nog meer) kunnen meehelpen."
            )
            return
        self.free_problem.setText("")
        lines = allocations.customary_lines(proposals, allocations.activity_minutes(a.hours_lines))
        self._apply(lines, [], "Gebruikelijke hulp invullen")

    def remove_selected(self) -> None:
        a = self.allocation()
        row = self.lines.currentRow()
        if a is None or not 0 <= row < len(a.hours_lines):
            return
        self._apply([], [a.hours_lines[row]], "Regel verwijderen")

    # --- refresh ------------------------------------------------------------------------------

    def _activity_changed(self, _i: int) -> None:
        while self.factors_layout.count():
            item = self.factors_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self._factor_spins = {}
        act = self._current_activity()
        if act is None:
            self.activity_preview.setText("")
            return
        for row, factor in enumerate(act.factors):
            spin = QSpinBox()
            spin.setRange(0, 20)
            spin.setAccessibleName(factor.name)
            spin.valueChanged.connect(self._preview)
            label = QLabel(f"{factor.name} (+{factor.minutes_per_week} min per keer)")
            label.setBuddy(spin)
            label.setWordWrap(True)
            self.factors_layout.addWidget(spin, row, 0)
            self.factors_layout.addWidget(label, row, 1)
            self._factor_spins[factor.code] = spin
        if not act.factors:
            self.factors_layout.addWidget(QLabel("Geen extra tijd mogelijk bij deze activiteit."), 0, 0, 1, 2)
        self._preview()

    def _preview(self) -> None:
        act = self._current_activity()
        if act is None:
            return
        line = hours.standard_line(act, self._factor_counts())
        self.activity_preview.setText(f"Deze regel: {hours.minutes_words(line.minutes_per_week)} per week")

    def refresh(self) -> None:
        a = self.allocation()
        editable = a is not None and self.session.editable
        for w in (
            self.activity,
            self.add_activity,
            self.add_free,
            self.customary,
            self.remove_line,
            self.free_kind,
            self.free_label,
            self.free_minutes,
            self.free_reason,
            self.factors_box,
        ):
            w.setEnabled(editable)
        if a is None:
            self.lines.setRowCount(0)
            self.total.setText("")
            return
        if a.product_code != self._product_code:
            self._product_code = a.product_code
            table = self.table()
            self._activities = list(table.activities_for(a.product_code))
            self.activity.blockSignals(True)
            self.activity.clear()
            for act in self._activities:
                self.activity.addItem(f"{act.name} ({act.minutes_per_week} min/week)")
            self.activity.blockSignals(False)
            self._activity_changed(0)
            demo = " (demowaarden)" if getattr(table, "demo", False) else ""
            if self._activities:
                self.table_note.setText(f"Normenkader: {table.name}, {table.year}{demo}.")
            else:
                self.table_note.setText(
                    f"Het normenkader ({table.name}) heeft geen activiteiten voor dit product. "
                    "Gebruik vrije regels met een reden."
                )
        self.lines.setRowCount(len(a.hours_lines))
        for row, line in enumerate(a.hours_lines):
            sign = "− " if line.kind.deducts else ""
            cells = (LINE_KIND_WORDS[line.kind], line.label, f"{sign}{line.minutes_per_week}", line.reason)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if col == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.lines.setItem(row, col, item)
        self.lines.resizeRowsToContents()
        if not a.hours_lines:
            self.total.setText(
                "Nog geen regels. Kies een activiteit uit het normenkader of voeg een vrije regel toe."
            )
            return
        total = hours.minutes_per_week(a.hours_lines)
        gross = allocations.activity_minutes(a.hours_lines)
        deducted = gross - total if gross >= total else gross
        text = f"<b>Totaal: {total} minuten per week</b>"
        if total >= hours.MINUTES_PER_HOUR:
            text += f" = {hours.minutes_words(total)} per week"
        text += f"<br>({gross} minuten activiteiten − {deducted} minuten aftrek; nooit naar beneden afgerond)"
        self.total.setText(text)

    def total_plain(self) -> str:
        """The total as plain text (what a screen reader says)."""
        import re

        return re.sub(r"<[^>]+>", " ", self.total.text()).replace("  ", " ").strip()

    def total_minutes(self) -> int:
        a = self.allocation()
        return 0 if a is None else hours.minutes_per_week(a.hours_lines)
