"""Zorgaanbieder: who delivers the allocation, the member's own provider and the continuity route.

Choosing a provider asks `planner.allocations.provider_choice` what follows: keep the own
provider, replace it, or (when the own provider has no contract) open the continuity dialog so the
own provider is never dropped silently.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from planner import allocations
from planner.allocations import ProviderOutcome
from planner.dutch import date_words
from planner.model import Allocation, Form, Member
from planner.providers import ProviderIndex, contract_status, own_provider_status, provider_name
from ui.session import HouseholdSession
from ui.support.commands import set_allocation
from ui.support.continuity_dialog import ContinuityDialog
from ui.support.provider_picker import ProviderPicker


class ProviderBox(QGroupBox):
    """The provider of the allocation `allocation()` of `member()`: what is chosen, and the picker."""

    def __init__(
        self,
        session: HouseholdSession,
        allocation: Callable[[], Allocation | None],
        member: Callable[[], Member | None],
        index: ProviderIndex | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Zorgaanbieder", parent)
        self.session = session
        self.allocation = allocation
        self.member = member
        # Tests replace this to drive the dialog without a modal loop; the default opens it
        # window-modal with open(), which never blocks the caller.
        self.dialog_factory: Callable[..., ContinuityDialog] = ContinuityDialog
        self.continuity_dialog: ContinuityDialog | None = None

        self.provider_now = QLabel()
        self.provider_now.setWordWrap(True)
        self.provider_now.setTextFormat(Qt.TextFormat.RichText)
        self.provider_now.setAccessibleName("Gekozen aanbieder")
        self.route_button = QPushButton("Route eigen aanbieder…")
        self.route_button.clicked.connect(lambda: self.open_continuity())
        self.picker = ProviderPicker(session.catalogue, index)
        self._shown_id: str | None = None  # the allocation last shown
        self.picker.chosen.connect(self.choose_provider)
        self.picker.setMinimumHeight(190)

        layout = QVBoxLayout(self)
        layout.addWidget(self.provider_now)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.route_button)
        layout.addLayout(row)
        layout.addWidget(self.picker, 1)

    # --- actions ------------------------------------------------------------------------------

    def choose_provider(self, provider_id: str) -> None:
        """The professional picks a provider; the own provider is never dropped silently."""
        a, m = self.allocation(), self.member()
        if a is None or m is None or not self.session.editable:
            return
        cat = self.session.catalogue
        choice = allocations.provider_choice(a, m, provider_id, self.session.household, cat)
        if choice.outcome is ProviderOutcome.NEEDS_ROUTE:
            self.open_continuity(preferred=choice.preferred_provider_id)
            return
        text = (
            "Eigen aanbieder kiezen"
            if choice.outcome is ProviderOutcome.KEEP
            else f"Aanbieder kiezen: {provider_name(provider_id, cat)}"
        )
        set_allocation(self.session, a, dict(choice.changes), text)

    def open_continuity(
        self, preferred: str | None = None, own_provider_id: str | None = None
    ) -> ContinuityDialog | None:
        """The continuity dialog for the member's own provider (or `own_provider_id`: the youth
        provider of an 18th-birthday split's Wmo part)."""
        a, m = self.allocation(), self.member()
        own = own_provider_id or (m.own_provider_id if m is not None else None)
        if a is None or m is None or not own:
            return None
        dialog = self.dialog_factory(
            a,
            m,
            self.session.household,
            self.session.catalogue,
            own_provider_id=own,
            preferred_provider_id=preferred,
            routes=self.session.reference.continuity_routes,
            today=self.session.today,
            parent=self,
        )
        self.continuity_dialog = dialog
        dialog.accepted.connect(lambda: self.apply_continuity(dialog.result_choice(), dialog.undo_text()))
        dialog.open()
        return dialog

    def apply_continuity(self, changes: allocations.Changes | None, text: str) -> None:
        a = self.allocation()
        if a is None or changes is None:
            return
        set_allocation(self.session, a, dict(changes), text)

    # --- refresh ------------------------------------------------------------------------------

    def refresh(self, a: Allocation, m: Member) -> None:
        s = self.session
        cat, hh = s.catalogue, s.household
        lines = []
        if a.form is Form.PGB:
            lines.append("<b>Pgb</b>: de cliënt koopt de zorg zelf in.")
        elif a.provider_id:
            st = contract_status(a.provider_id, a.product_code, hh.municipality_code, a.start, a.end, cat)
            lines.append(f"<b>Gekozen: {provider_name(a.provider_id, cat)}</b> — {st.label}")
        else:
            lines.append(
                "<b>Nog geen aanbieder gekozen.</b> Kies hieronder; de eigen aanbieder staat bovenaan."
            )
        own = own_provider_status(m, a, cat, hh)
        if own is not None:
            lines.append(f"Eigen aanbieder: {provider_name(own.provider_id, cat)} — {own.status.label}")
        if a.continuity is not None:
            c = a.continuity
            route = s.reference.continuity_routes[c.route].label
            if c.until is not None:
                route += f" tot en met {date_words(c.until)}"
            if c.main_provider_id:
                route += f" (hoofdaannemer {provider_name(c.main_provider_id, cat)})"
            if c.reason:
                route += f"; reden: {c.reason}"
            lines.append(f"Vastgelegde route: {route}.")
        self.provider_now.setText("<br>".join(lines))
        self.route_button.setVisible(bool(m.own_provider_id))
        self.route_button.setEnabled(s.editable)
        self.picker.setEnabled(s.editable and a.form is Form.IN_KIND)
        if self._shown_id not in (None, a.id):
            self.picker.filter.clear()  # another allocation: the last one's provider search is not its
        self._shown_id = a.id
        if a.end >= a.start:
            self.picker.set_context(a.product_code, a.start, a.end, hh, m, s.plans)
