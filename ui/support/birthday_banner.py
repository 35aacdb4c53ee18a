"""The 18th-birthday banner at the top of the allocation editor: it cannot be missed.

It shows the proposal of `planner.adulthood.birthday_proposal` (split into a Jeugdwet part and a
Wmo part) or the choice of extended youth care with its reason. Accepting the split replaces the
allocation by its two parts in one undo step and emits `split_done` with the parts' ids.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from planner import adulthood, allocations
from planner.dutch import date_words
from planner.model import Allocation, Member
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
        row = QHBoxLayout()
        self.mark = QLabel(ref.text("scherm.birthday_mark"))
        self.mark.setStyleSheet("font-weight: 600;")
        row.addWidget(self.mark)
        row.addWidget(self.message, 1)
        row.addWidget(self.split_button)
        row.addWidget(self.extend_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
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
        replace_allocation(s, plan, a, parts, s.reference.text("scherm.birthday_split"))
        self.split_done.emit([p.id for p in parts])

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
        self.split_button.setEnabled(self.session.editable)
        self.extend_button.setEnabled(self.session.editable)
