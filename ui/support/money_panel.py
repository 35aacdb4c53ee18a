"""Geld: the cost of each allocation over its period, totals per member and household, the
coordinator's budget from the matrix cells, and the own contribution that will apply."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.adulthood import allocation_law
from planner.dutch import euro
from planner.hours import total_words
from planner.model import Outcome
from planner.money import allocation_cost, matrix_budget, own_contribution, plan_costs
from planner.services.changes import Changes, Kind
from ui.labels import LAW_WORDS, own_contribution_words
from ui.session import HouseholdSession

COLUMNS = ("Gezinslid", "Product", "Periode", "Totaal", "Kosten")


class MoneyPanel(QGroupBox):
    def __init__(self, session: HouseholdSession, parent: QWidget | None = None) -> None:
        super().__init__("Kosten en eigen bijdrage", parent)
        self.session = session
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("Kosten per toewijzing")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        h = self.table.horizontalHeader()
        for col in range(len(COLUMNS)):
            h.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAccessibleName("Totalen en eigen bijdrage")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        session.connect_changes(self._on_changes)
        self.refresh()

    DEPENDS_ON = (
        Kind.ALLOCATIONS
        | Kind.MEMBERS
        | Kind.LIFE_AREAS
        | Kind.PLAN
        | Kind.PLANS
        | Kind.HOUSEHOLD
        | Kind.CATALOGUE
    )

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        if changes.touches(self.DEPENDS_ON):
            self.refresh()

    def refresh(self) -> None:
        s = self.session
        plan = s.plan
        self.table.setRowCount(0)
        if plan is None:
            self.summary.setText("Er is nog geen plan.")
            return
        members = {m.id: m for m in s.household.members}
        products = s.catalogue.products
        rows = []
        for a in plan.allocations:
            m = members.get(a.member_id)
            p = products.get(a.product_code)
            try:
                cost = euro(allocation_cost(a, p)) if p and a.end >= a.start else "—"
                total = (
                    total_words(a.volume, a.unit, a.frequency, a.start, a.end) if a.end >= a.start else "—"
                )
            except ValueError:
                cost, total = "—", "—"
            if a.outcome is Outcome.REFUSED:
                cost, total = "— (afgewezen)", "—"  # a refusal grants nothing and costs nothing
            law = allocation_law(a, m, s.reference.terms.adult_age, p)
            law_words = f" ({LAW_WORDS[law]})" if law else ""
            rows.append(
                (
                    m.full_name if m else "?",
                    (p.name if p else a.product_code) + law_words,
                    f"{a.start:%d-%m-%Y} t/m {a.end:%d-%m-%Y}",
                    total,
                    cost,
                )
            )
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if c == 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        try:
            costs = plan_costs(plan, products)
        except ValueError:
            self.summary.setText(
                "De kosten kunnen niet worden berekend: een eenheid past niet bij het product."
            )
            return
        parts = []
        for mid, amount in costs.by_member.items():
            name = members[mid].full_name if mid in members else "?"
            parts.append(f"{name}: <b>{euro(amount)}</b>")
        lines = []
        if parts:
            lines.append("Per gezinslid: " + " · ".join(parts))
        lines.append(f"Huishouden totaal: <b>{euro(costs.total)}</b>")
        if costs.unpriced:
            lines.append(
                f"{len(costs.unpriced)} toewijzing(en) zonder prijs: "
                "het product staat niet in de productenlijst."
            )
        budget = matrix_budget(plan, s.reference.cell_prices)
        if budget is not None:
            lines.append(
                "Budget van de coördinator uit de matrix (celprijzen over de planperiode): "
                f"<b>{euro(budget)}</b>"
            )
        on = plan.start or s.today
        outcome = own_contribution(s.household, plan, s.reference, on)
        lines.append(f"Eigen bijdrage: {own_contribution_words(outcome)}")
        self.summary.setText("<br>".join(lines))

    def summary_text(self) -> str:
        return self.summary.text()
