"""Ondersteuning: per member the allocations, the editor of the chosen one, and the money.

The tab is added to the household view by `ui.views.household_view.EXTRA_TABS`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner import adulthood, allocations
from planner.model import Allocation, Member, Outcome
from planner.providers import ProviderIndex
from planner.services.changes import Changes, Kind
from planner.services.fields import MemberField, set_field
from ui.labels import LAW_WORDS
from ui.session import HouseholdSession
from ui.support.allocation_editor import AllocationEditor
from ui.support.commands import add_allocation, remove_allocation
from ui.support.money_panel import MoneyPanel

ALLOCATION_ROLE = Qt.ItemDataRole.UserRole + 1
MEMBER_ROLE = Qt.ItemDataRole.UserRole + 2


class SupportTab(QWidget):
    allocation_selected = Signal(str)

    def __init__(self, session: HouseholdSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.index = ProviderIndex.from_catalogue(session.catalogue)

        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Gezinsleden en toewijzingen")
        self.tree.setWordWrap(True)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.add_button = QPushButton("Toewijzing &toevoegen")
        self.add_button.setToolTip("Voegt een toewijzing toe voor het gekozen gezinslid.")
        self.add_button.clicked.connect(self.add_for_current_member)
        self.remove_button = QPushButton("Verwijderen")
        self.remove_button.clicked.connect(self.remove_current)
        self.own_provider = QComboBox()
        self.own_provider.setEditable(True)
        self.own_provider.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.own_provider.setAccessibleName("Eigen aanbieder van het gezinslid")
        self.own_provider.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.own_provider.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self._provider_ids: list[str | None] = [None]
        self.own_provider.addItem("— geen eigen aanbieder —")
        for p in sorted(session.catalogue.providers.values(), key=lambda p: p.name.casefold()):
            self.own_provider.addItem(p.name)
            self._provider_ids.append(p.id)
        self.own_provider.activated.connect(lambda i: self.set_own_provider(self._provider_ids[i]))
        self.own_label = QLabel("Eigen aanbieder:")
        self.own_label.setBuddy(self.own_provider)
        self.own_label.setToolTip(
            "De aanbieder die dit gezinslid nu al zorg geeft. Die staat bij het kiezen bovenaan."
        )

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(QLabel("<b>Toewijzingen per gezinslid</b>"))
        ll.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        ll.addLayout(buttons)
        ll.addWidget(self.own_label)
        ll.addWidget(self.own_provider)

        self.editor = AllocationEditor(session, self.index)
        self.editor.split_done.connect(lambda ids: self.select_allocation(ids[0]))
        self.editor.show_part.connect(self.select_allocation)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.editor)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.money = MoneyPanel(session)
        self.right = QTabWidget()
        self.right.addTab(scroll, "Toewijzing")
        self.right.addTab(self.money, "Kosten en eigen bijdrage")

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

        self._member_id: str | None = None
        session.connect_changes(self._on_changes)
        self.rebuild()
        first = self._first_allocation()
        if first is not None:
            self.select_allocation(first)
        elif session.household.members:
            self.select_member(session.household.members[0].id)

    # --- selection ----------------------------------------------------------------------------

    def _first_allocation(self) -> str | None:
        plan = self.session.plan
        return plan.allocations[0].id if plan and plan.allocations else None

    def current_member(self) -> Member | None:
        return next((m for m in self.session.household.members if m.id == self._member_id), None)

    def select_member(self, member_id: str) -> None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, MEMBER_ROLE) == member_id:
                self.tree.setCurrentItem(item)
                return

    def select_allocation(self, allocation_id: str) -> None:
        it = self._find(allocation_id)
        if it is not None:
            self.tree.setCurrentItem(it)
        self.editor.set_allocation(allocation_id)
        self.right.setCurrentIndex(0)

    def show_subject(self, _kind: str, allocation_id: str | None) -> None:
        """Navigation: the allocation a finding or a bar in the timeline is about."""
        if allocation_id:
            self.select_allocation(allocation_id)

    def _find(self, allocation_id: str) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                if top.child(j).data(0, ALLOCATION_ROLE) == allocation_id:
                    return top.child(j)
        return None

    def _current_changed(self, item: QTreeWidgetItem | None, _prev: QTreeWidgetItem | None) -> None:
        if item is None or self._rebuilding:
            return
        aid = item.data(0, ALLOCATION_ROLE)
        self._member_id = item.data(0, MEMBER_ROLE)
        if aid:
            self.editor.set_allocation(aid)
            self.allocation_selected.emit(aid)
        self._refresh_own_provider()

    # --- actions ------------------------------------------------------------------------------

    def add_for_current_member(self) -> Allocation | None:
        s = self.session
        m = self.current_member()
        plan = s.plan
        if m is None or plan is None or not s.editable:
            return None
        allocation = allocations.new_allocation(m, plan, s.catalogue, s.today, s.reference)
        if allocation is None:
            return None
        add_allocation(s, plan, allocation)
        self.select_allocation(allocation.id)
        self.editor.form.product.setFocus()
        return allocation

    def remove_current(self) -> None:
        a = self.editor.allocation()
        if a is not None and self.session.plan is not None and self.session.editable:
            remove_allocation(self.session, self.session.plan, a)

    def set_own_provider(self, provider_id: str | None) -> None:
        m = self.current_member()
        if m is not None and m.own_provider_id != provider_id:
            edit = set_field(m, MemberField.OWN_PROVIDER, provider_id, "Eigen aanbieder wijzigen")
            self.session.apply(edit, initiator=self.own_provider)

    def open_first_continuity(self) -> QWidget | None:
        """Open the continuity dialog of the first allocation of a member with an own provider
        (used by `trajectplanner shot`); None when there is none."""
        plan = self.session.plan
        members = {m.id: m for m in self.session.household.members}
        for a in plan.allocations if plan else []:
            m = members.get(a.member_id)
            if m is not None and m.own_provider_id:
                self.select_allocation(a.id)
                return self.editor.provider.open_continuity()
        return None

    # --- refresh ------------------------------------------------------------------------------

    _rebuilding = False

    DEPENDS_ON = Kind.ALLOCATIONS | Kind.MEMBERS | Kind.PLAN | Kind.PLANS | Kind.CATALOGUE

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        if changes.touches(Kind.CATALOGUE):
            self.index = ProviderIndex.from_catalogue(self.session.catalogue)
        if changes.touches(self.DEPENDS_ON):
            self.rebuild()

    def rebuild(self) -> None:
        s = self.session
        keep_alloc = self.editor.allocation_id
        self._rebuilding = True
        try:
            self.tree.clear()
            plan = s.plan
            adult_age = s.reference.terms.adult_age
            for m in s.household.members:
                law = adulthood.member_law(m, plan.start if plan and plan.start else s.today, adult_age)
                law_words = f" · {LAW_WORDS[law]}" if law else ""
                top = QTreeWidgetItem([f"{m.full_name or '(nog geen naam)'}{law_words}"])
                top.setData(0, MEMBER_ROLE, m.id)
                f = top.font(0)
                f.setBold(True)
                top.setFont(0, f)
                self.tree.addTopLevelItem(top)
                for a in plan.allocations if plan else []:
                    if a.member_id != m.id:
                        continue
                    p = s.catalogue.products.get(a.product_code)
                    alaw = adulthood.allocation_law(a, m, adult_age, p)
                    tag = f"[{LAW_WORDS[alaw]}] " if alaw else ""
                    outcome = f" · {a.outcome.value}" if a.outcome is not Outcome.GRANTED else ""
                    child = QTreeWidgetItem(
                        [
                            f"{tag}{p.name if p else a.product_code}\n"
                            f"{a.start:%d-%m-%Y} t/m {a.end:%d-%m-%Y}{outcome}"
                        ]
                    )
                    child.setData(0, ALLOCATION_ROLE, a.id)
                    child.setData(0, MEMBER_ROLE, m.id)
                    top.addChild(child)
                top.setExpanded(True)
        finally:
            self._rebuilding = False
        if keep_alloc and self._find(keep_alloc) is not None:
            self.tree.setCurrentItem(self._find(keep_alloc))
        elif keep_alloc:
            self.editor.set_allocation(self._first_allocation())
            if self.editor.allocation_id:
                self.tree.setCurrentItem(self._find(self.editor.allocation_id))
        elif self._member_id:
            self.select_member(self._member_id)
        editable = s.editable
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(editable)
        self._refresh_own_provider()

    def _refresh_own_provider(self) -> None:
        m = self.current_member()
        self.own_provider.setEnabled(m is not None)
        name = m.given_names if m and m.given_names else "gezinslid"
        self.own_label.setText(f"Eigen aanbieder van {name}:")
        pid = m.own_provider_id if m else None
        i = self._provider_ids.index(pid) if pid in self._provider_ids else 0
        self.own_provider.blockSignals(True)
        self.own_provider.setCurrentIndex(i)
        self.own_provider.blockSignals(False)
