"""The 18th-birthday banner at the top of the allocation editor: it cannot be missed.

It shows the proposal of `planner.adulthood.birthday_proposal` (split into a Jeugdwet part and a
Wmo part) or the choice of extended youth care with its reason. Accepting the split replaces the
allocation by its two parts in one undo step and emits `split_done` with the parts' ids.

Who delivers the Wmo part is `planner.providers.wmo_part_provider`: the youth provider is kept only
with the adult product's contract here; otherwise the banner lists the providers holding both
contracts (ranked as the picker ranks) and, after the split, emits `route_needed` so the editor asks
the continuity route for the Wmo part. Nothing is substituted silently.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from planner import adulthood, allocations
from planner.dutch import date_words
from planner.model import Allocation, Member
from planner.providers import ContractKind, WmoPartProvider, provider_name, wmo_part_provider
from planner.services.fields import AllocationField
from ui.fields import Binding, TextField
from ui.session import HouseholdSession
from ui.support.commands import replace_allocation, set_allocation

BANNER_STYLE = (
    "QFrame#birthday { background: #fff4ce; border: 2px solid #b07d00; border-radius: 4px; }"
    "QFrame#birthday QLabel { color: #3d2b00; }"
)


class BirthdayBanner(QFrame):
    """The banner of the allocation `allocation()` of `member()`; hidden when there is nothing to say."""

    split_done = Signal(list)  # ids of the parts after a split
    # After a split whose Wmo part the youth provider cannot deliver: (Wmo part id, youth provider
    # id, the provider chosen in the list or None).
    route_needed = Signal(str, str, object)

    def __init__(
        self,
        session: HouseholdSession,
        allocation: Callable[[], Allocation | None],
        member: Callable[[], Member | None],
    ) -> None:
        super().__init__()
        self.session = session
        self.allocation = allocation
        self.member = member
        ref = session.reference
        self.setObjectName("birthday")
        self.setStyleSheet(BANNER_STYLE)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(ref.text("scherm.birthday_name"))
        self.split_button = QPushButton("&Splitsen")
        self.split_button.setToolTip(
            "Maakt twee toewijzingen: Jeugdwet tot de verjaardag, Wmo vanaf de verjaardag."
        )
        self.split_button.clicked.connect(self.accept_split)
        self.extend_button = QPushButton()
        self.extend_button.clicked.connect(self.choose_extended_youth_care)
        self.extended_reason = TextField(
            session,
            Binding(
                allocation, AllocationField.EXTENDED_YOUTH_CARE_REASON, "Reden verlengde jeugdhulp wijzigen"
            ),
            plan_field=True,
            accessible_name="Waarom verlengde jeugdhulp",
        )
        self.extended_reason.setPlaceholderText("Waarom verlengde jeugdhulp? Dit komt in de beschikking.")
        self.wmo_provider = QLabel()
        self.wmo_provider.setWordWrap(True)
        self.wmo_provider.setTextFormat(Qt.TextFormat.PlainText)
        self.wmo_provider.setAccessibleName("Aanbieder van het Wmo-deel")
        self.both_list = QListWidget()
        self.both_list.setAccessibleName("Aanbieders met een contract voor jeugdhulp én Wmo")
        self.both_list.setMaximumHeight(self.both_list.fontMetrics().lineSpacing() * 6 + 8)
        row = QHBoxLayout()
        self.mark = QLabel(ref.text("scherm.birthday_mark"))
        self.mark.setStyleSheet("font-weight: 600;")
        row.addWidget(self.mark)
        row.addWidget(self.message, 1)
        row.addWidget(self.split_button)
        row.addWidget(self.extend_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.wmo_provider)
        layout.addWidget(self.both_list)
        layout.addWidget(self.extended_reason)

    # --- actions ------------------------------------------------------------------------------

    def accept_split(self) -> None:
        a, m = self.allocation(), self.member()
        s = self.session
        plan = s.plan
        if a is None or m is None or plan is None or not s.editable:
            return
        proposal = adulthood.birthday_proposal(a, m, s.catalogue, s.reference)
        if proposal is None:
            return
        parts = list(proposal.parts)
        advice = self._advice(proposal.parts, m)
        preferred = self.chosen_alternative()
        replace_allocation(s, plan, a, parts, s.reference.text("scherm.birthday_split"))
        self.split_done.emit([p.id for p in parts])
        if advice is not None and not advice.keep:
            self.route_needed.emit(parts[1].id, advice.provider_id, preferred)

    def chosen_alternative(self) -> str | None:
        """The provider selected in the list of providers with both contracts, if any."""
        item = self.both_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None and item.isSelected() else None

    def _advice(self, parts: tuple[Allocation, ...], m: Member) -> WmoPartProvider | None:
        s = self.session
        return wmo_part_provider(parts[0], parts[1], m, s.household, s.catalogue, s.plans)

    def choose_extended_youth_care(self) -> None:
        a = self.allocation()
        if a is not None:
            set_allocation(
                self.session, a, dict(allocations.extended_youth_care_toggle(a)), "Verlengde jeugdhulp"
            )

    # --- refresh ------------------------------------------------------------------------------

    def refresh(self, a: Allocation | None, m: Member | None) -> None:
        self.extended_reason.refresh()
        if a is None or m is None:
            self.hide()
            return
        ref = self.session.reference
        extended_age = ref.terms.extended_youth_care_age
        self.extend_button.setText(f"&Verlengde jeugdhulp tot {extended_age}")
        proposal = adulthood.birthday_proposal(a, m, self.session.catalogue, ref)
        if proposal is not None:
            text = (
                f"{proposal.member_name} wordt {proposal.adult_age} op {date_words(proposal.birthday)}. "
                f"Splits in een Jeugdwet-deel tot en met {date_words(proposal.last_youth_day)} en een "
                f"Wmo-deel vanaf {date_words(proposal.birthday)}."
            )
            adult_p = proposal.adult_product
            if adult_p is not None:
                text += f" Het Wmo-deel wordt {adult_p.name} ({adult_p.code})."
            self.message.setText(text)
            self.split_button.show()
            self.show()
        elif a.extended_youth_care:
            self.message.setText(
                "Gekozen: verlengde jeugdhulp. De Jeugdwet blijft gelden, uiterlijk tot "
                f"{m.given_names or 'de cliënt'} "
                f"{extended_age} wordt."
            )
            self.split_button.hide()
            self.extend_button.setText("&Verlengde jeugdhulp intrekken")
            self.show()
        else:
            self.hide()
        self.extended_reason.setVisible(a.extended_youth_care)
        advice = self._advice(proposal.parts, m) if proposal is not None else None
        self._show_wmo_provider(advice, proposal.parts if proposal is not None else (), m)
        self.both_list.setEnabled(self.session.editable)
        self.split_button.setEnabled(self.session.editable)
        self.extend_button.setEnabled(self.session.editable)

    def _show_wmo_provider(
        self, advice: WmoPartProvider | None, parts: tuple[Allocation, ...], m: Member
    ) -> None:
        """Who delivers the Wmo part: kept, or the providers with both contracts to choose from."""
        chosen = self.chosen_alternative()
        self.both_list.clear()
        if advice is None or len(parts) < 2:
            self.wmo_provider.hide()
            self.both_list.hide()
            return
        cat = self.session.catalogue
        own = provider_name(advice.provider_id, cat)
        youth, wmo = parts[0], parts[1]
        adult = cat.products.get(wmo.product_code)
        adult_name = adult.name if adult is not None else wmo.product_code
        self.wmo_provider.show()
        if advice.keep:
            self.wmo_provider.setText(
                f"{own} heeft ook een contract voor {adult_name} (Wmo) en blijft de aanbieder van het "
                "Wmo-deel."
            )
            self.both_list.hide()
            return
        muni = cat.municipalities.get(self.session.household.municipality_code)
        place = muni.name if muni is not None else self.session.household.municipality_code
        youth_p = cat.products.get(youth.product_code)
        youth_name = youth_p.name if youth_p is not None else youth.product_code
        who = m.given_names or m.full_name or "de cliënt"
        detail = "" if advice.status.kind is ContractKind.NONE else f" ({advice.status.label.lower()})"
        text = (
            f"{own} heeft geen contract voor {adult_name} (Wmo) in {place} voor het Wmo-deel{detail}. "
            "Het programma kiest niet zelf een andere aanbieder: na het "
            f"splitsen legt u samen met {who} vast hoe de zorg vanaf {date_words(wmo.start)} verder gaat."
        )
        if advice.both:
            text += (
                f" Deze aanbieders hebben in {place} een contract voor zowel {youth_name} als {adult_name}, "
                "de beste bovenaan (kies er een om die in de route voor te stellen):"
            )
        else:
            text += f" Geen aanbieder in {place} heeft een contract voor zowel {youth_name} als {adult_name}."
        self.wmo_provider.setText(text)
        for choice in advice.both:
            item = QListWidgetItem(f"{choice.provider.name} — {'; '.join(choice.reasons)}")
            item.setData(Qt.ItemDataRole.UserRole, choice.provider.id)
            self.both_list.addItem(item)
            if choice.provider.id == chosen:
                self.both_list.setCurrentItem(item)
        self.both_list.setVisible(bool(advice.both))
