"""Toewijzing bewerken: one allocation of the current plan, put together from its parts.

- `BirthdayBanner` (birthday_banner.py): the 18th-birthday proposal at the top, not to be missed;
- the findings of this allocation, in the shared `ui.findings_view.FindingsView`;
- `AllocationForm` (allocation_form.py): product, form, amount, period, life area, goal, cost;
- `ProviderBox` (provider_box.py): the provider, the own provider and the continuity route;
- `HoursWidget` (hours_widget.py): the hours explanation.

The editor knows which allocation is edited and refreshes its parts after every change that can
alter what they show, its own edits included (unit, end date, cost and findings follow them).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from planner import adulthood
from planner.model import Allocation, Member
from planner.providers import ProviderIndex
from planner.rules import check_allocation
from planner.services.changes import Changes, Kind
from ui.findings_view import FindingsView
from ui.labels import law_words
from ui.session import HouseholdSession
from ui.support.allocation_form import UNKNOWN_LAW, AllocationForm
from ui.support.birthday_banner import BirthdayBanner
from ui.support.hours_widget import HoursWidget
from ui.support.provider_box import ProviderBox

FINDINGS_TITLE = "Bevindingen bij deze toewijzing"
FINDINGS_LINES = 5  # the height of the findings block, in lines of text


class AllocationEditor(QWidget):
    """Edits the allocation with id `allocation_id` of the session's current plan."""

    split_done = Signal(list)  # ids of the parts after a split
    show_part = Signal(str)  # the editor moved to this allocation by itself (the list follows)

    SIDE_BY_SIDE_MIN_WIDTH = 1000
    DEPENDS_ON = (
        Kind.ALLOCATIONS
        | Kind.MEMBERS
        | Kind.HOUSEHOLD
        | Kind.LIFE_AREAS
        | Kind.PLAN
        | Kind.PLANS
        | Kind.CATALOGUE
    )

    def __init__(
        self, session: HouseholdSession, index: ProviderIndex | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.allocation_id: str | None = None

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 12pt; font-weight: 600;")
        self.title.setWordWrap(True)
        self.banner = BirthdayBanner(session, self.allocation, self.member)
        self.banner.split_done.connect(self._split_done)
        self.banner.route_needed.connect(self._ask_route)
        # A place of its own, always as tall: a finding that comes or goes while typing never
        # moves the fields below it (more rows than fit: it scrolls; the dock lists them all).
        self.findings = FindingsView(FINDINGS_TITLE, none_text="✓ Geen bevindingen bij deze toewijzing.")
        self.findings.setFixedHeight(self.findings.fontMetrics().lineSpacing() * FINDINGS_LINES + 8)
        self.findings.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.form = AllocationForm(session, self.allocation)
        self.provider = ProviderBox(session, self.allocation, self.member, index)
        self.hours = HoursWidget(session, self.allocation)

        checks = QGroupBox(FINDINGS_TITLE)
        QVBoxLayout(checks).addWidget(self.findings)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.banner)
        layout.addWidget(checks)
        # What and who side by side when there is room, else stacked (see resizeEvent).
        self.side = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.side.addWidget(self.form, 3)
        self.side.addWidget(self.provider, 2)
        layout.addLayout(self.side)
        layout.addWidget(self.hours)
        layout.addStretch(1)
        self._shrinkable()
        session.connect_changes(self._on_changes)
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = event.size().width() >= self.SIDE_BY_SIDE_MIN_WIDTH
        self.side.setDirection(QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom)
        super().resizeEvent(event)

    def _shrinkable(self) -> None:
        """Combos size to a few characters, not to their longest item, so narrow windows still fit."""
        for combo in self.findChildren(QComboBox):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)

    # --- what is edited -----------------------------------------------------------------------

    def allocation(self) -> Allocation | None:
        plan = self.session.plan
        if plan is None or self.allocation_id is None:
            return None
        return next((x for x in plan.allocations if x.id == self.allocation_id), None)

    def member(self) -> Member | None:
        a = self.allocation()
        if a is None:
            return None
        return next((m for m in self.session.household.members if m.id == a.member_id), None)

    def set_allocation(self, allocation_id: str | None) -> None:
        if allocation_id != self.allocation_id:
            self.session.flush_pending()
            self.allocation_id = allocation_id
            self.provider.continuity_dialog = None
            self.refresh()

    def _split_done(self, ids: list[str]) -> None:
        """After the 18th-birthday split the editor shows the first part (the Jeugdwet part)."""
        self.allocation_id = ids[0]
        self.refresh()
        self.split_done.emit(ids)

    def _ask_route(self, wmo_id: str, youth_provider_id: str, preferred: object) -> None:
        """The youth provider cannot deliver the Wmo part: show that part and ask the route."""
        self.set_allocation(wmo_id)
        self.show_part.emit(wmo_id)
        self.provider.open_continuity(
            preferred=preferred if isinstance(preferred, str) else None, own_provider_id=youth_provider_id
        )

    # --- refresh ------------------------------------------------------------------------------

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        # Also after its own edits: unit, frequency, end date, cost and findings follow them.
        if changes.touches(self.DEPENDS_ON):
            self.refresh()

    def refresh(self) -> None:
        a, m = self.allocation(), self.member()
        s = self.session
        self.setEnabled(a is not None)
        self.banner.refresh(a, m)
        self.form.refresh(a, m)
        if a is None or m is None:
            self.title.setText("Kies links een toewijzing, of voeg er een toe.")
            self.hours.refresh()
            self.findings.show_nothing()
            return
        product = s.catalogue.products.get(a.product_code)
        law = adulthood.allocation_law(a, m, s.reference.terms.adult_age, product)
        law_name = law_words(law, UNKNOWN_LAW)
        pname = product.name if product else f"onbekend product {a.product_code}"
        self.title.setText(f"{pname} voor {m.full_name or 'dit gezinslid'} · {law_name}")
        self.provider.refresh(a, m)
        self.hours.refresh()
        plan = s.plan
        if plan is not None:
            self.findings.show_check(
                lambda: check_allocation(a, plan, s.household, s.catalogue, s.reference, s.today)
            )
