"""Coördinator: one party carries out the whole plan (domain.md §4.4).

The household itself, the access team, or a provider whose coordination contracts cover every
(life area, distance) cell of the plan; an ineligible provider shows which cells it lacks.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from planner.coordinator import cell_words, eligible_coordinators, missing_cells
from planner.model import Coordinator, CoordinatorKind
from planner.services.changes import Changes, Kind
from planner.services.plans import set_coordinator
from ui.help import tip
from ui.labels import COORDINATOR_WORDS
from ui.session import HouseholdSession

PROVIDER_ROLE = Qt.ItemDataRole.UserRole + 1
ELIGIBLE_ROLE = Qt.ItemDataRole.UserRole + 2


class CoordinatorTab(QWidget):
    def __init__(self, session: HouseholdSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        ref = session.reference
        self.current = QLabel()
        self.current.setWordWrap(True)
        self.current.setStyleSheet("font-size: 11pt;")
        self.current.setAccessibleName("Huidige coördinator")

        kinds = QGroupBox("Wie coördineert het plan?")
        kinds.setToolTip(tip("coordinator", ref))
        kl = QVBoxLayout(kinds)
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[CoordinatorKind, QRadioButton] = {}
        for i, kind in enumerate(CoordinatorKind):
            button = QRadioButton(COORDINATOR_WORDS[kind])
            button.setAccessibleName(COORDINATOR_WORDS[kind])
            self.kind_group.addButton(button, i)
            self.kind_buttons[kind] = button
            kl.addWidget(button)
        self.kind_group.idClicked.connect(self._kind_clicked)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Zoek een zorgaanbieder op naam…")
        self.filter.setAccessibleName("Zoek zorgaanbieder")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.providers = QListWidget()
        self.providers.setAccessibleName("Zorgaanbieders met een coördinatiecontract")
        self.providers.setWordWrap(True)
        self.providers.setToolTip(tip("coordinator_aanbieder", ref))
        self.providers.itemActivated.connect(lambda _item: self._choose_selected())
        self.providers.currentItemChanged.connect(lambda *_: self._update_choose())
        self.choose = QPushButton("Deze zorgaanbieder &kiezen")
        self.choose.setAccessibleName("Deze zorgaanbieder kiezen als coördinator")
        self.choose.clicked.connect(self._choose_selected)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)

        provider_box = QGroupBox("Zorgaanbieders die kunnen coördineren")
        provider_box.setToolTip(tip("coordinator_aanbieder", ref))
        pl = QVBoxLayout(provider_box)
        pl.addWidget(self.summary)
        pl.addWidget(self.filter)
        pl.addWidget(self.providers, 1)
        row = QHBoxLayout()
        row.addWidget(self.explain, 1)
        row.addWidget(self.choose)
        pl.addLayout(row)

        left = QVBoxLayout()
        left.addWidget(self.current)
        left.addWidget(kinds)
        left.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addWidget(provider_box, 3)
        session.connect_changes(self._on_changes)
        self.refresh()

    # --- edits --------------------------------------------------------------------------------

    def _set(self, coordinator: Coordinator | None, text: str) -> None:
        plan = self.session.plan
        if plan is not None and self.session.editable:
            self.session.apply(set_coordinator(plan, coordinator, text))

    def _kind_clicked(self, button_id: int) -> None:
        kind = list(CoordinatorKind)[button_id]
        if kind is CoordinatorKind.PROVIDER:
            self.providers.setFocus()
            plan = self.session.plan
            if plan and plan.coordinator and plan.coordinator.kind is CoordinatorKind.PROVIDER:
                return
            self._set(Coordinator(kind=kind), "Coördinator: zorgaanbieder")
            return
        self._set(Coordinator(kind=kind), f"Coördinator: {COORDINATOR_WORDS[kind].lower()}")

    def choose_provider(self, provider_id: str) -> None:
        name = self.session.catalogue.providers[provider_id].name
        self._set(Coordinator(kind=CoordinatorKind.PROVIDER, provider_id=provider_id), f"Coördinator: {name}")

    def _choose_selected(self) -> None:
        item = self.providers.currentItem()
        if item is not None and item.data(ELIGIBLE_ROLE):
            self.choose_provider(item.data(PROVIDER_ROLE))

    def _update_choose(self) -> None:
        item = self.providers.currentItem()
        ok = item is not None and bool(item.data(ELIGIBLE_ROLE)) and self.session.editable
        self.choose.setEnabled(ok)
        if item is not None and not item.data(ELIGIBLE_ROLE):
            self.explain.setText("Deze zorgaanbieder mag dit plan niet coördineren: er ontbreken contracten.")
        else:
            self.explain.setText("")

    def _apply_filter(self, text: str) -> None:
        needle = text.casefold().strip()
        for i in range(self.providers.count()):
            item = self.providers.item(i)
            item.setHidden(
                bool(needle) and needle not in item.data(Qt.ItemDataRole.AccessibleTextRole).casefold()
            )

    # --- refresh ------------------------------------------------------------------------------

    DEPENDS_ON = Kind.COORDINATOR | Kind.LIFE_AREAS | Kind.PLAN | Kind.PLANS | Kind.HOUSEHOLD | Kind.CATALOGUE

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        if changes.touches(self.DEPENDS_ON):
            self.refresh()

    def _candidates(self) -> list[str]:
        """Providers with at least one coordination contract in the household's municipality."""
        code = self.session.household.municipality_code
        ids = {
            c.provider_id
            for c in self.session.catalogue.contracts
            if c.cell is not None and c.municipality_code == code
        }
        providers = [
            self.session.catalogue.providers[i] for i in ids if i in self.session.catalogue.providers
        ]
        return [p.id for p in sorted(providers, key=lambda p: p.name.casefold())]

    def refresh(self) -> None:
        s = self.session
        plan = s.plan
        editable = s.editable
        coord = plan.coordinator if plan else None
        for kind, button in self.kind_buttons.items():
            button.setChecked(coord is not None and coord.kind is kind)
            button.setEnabled(editable)
        if coord is None:
            self.current.setText("Nog geen coördinator gekozen.")
        elif coord.kind is CoordinatorKind.PROVIDER and coord.provider_id:
            p = s.catalogue.providers.get(coord.provider_id)
            self.current.setText(f"Coördinator: <b>{p.name if p else coord.provider_id}</b>")
        elif coord.kind is CoordinatorKind.PROVIDER:
            self.current.setText("Coördinator: een zorgaanbieder — kies hiernaast welke.")
        else:
            self.current.setText(f"Coördinator: <b>{COORDINATOR_WORDS[coord.kind]}</b>")

        selected = self.providers.currentItem().data(PROVIDER_ROLE) if self.providers.currentItem() else None
        self.providers.clear()
        if plan is None:
            return
        eligible = {p.id for p in eligible_coordinators(plan, s.household, s.catalogue)}
        names = {a.code: a.name for a in s.reference.life_areas}
        ordered = sorted(self._candidates(), key=lambda pid: pid not in eligible)
        for pid in ordered:
            p = s.catalogue.providers[pid]
            chosen = coord is not None and coord.provider_id == pid
            if pid in eligible:
                text = f"✓ {p.name} — mag dit plan coördineren"
            else:
                missing = missing_cells(pid, plan, s.household, s.catalogue)
                words = ", ".join(cell_words(c, names.get(c[0], c[0])) for c in missing)
                text = f"✖ {p.name} — ontbreekt: {words}" if missing else f"✖ {p.name}"
            if chosen:
                text += "   (gekozen)"
            item = QListWidgetItem(text)
            item.setData(PROVIDER_ROLE, pid)
            item.setData(ELIGIBLE_ROLE, pid in eligible)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
            if pid not in eligible:
                item.setForeground(QBrush(QColor("#6b6b6b")))
            if chosen:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.providers.addItem(item)
            if pid == selected:
                self.providers.setCurrentItem(item)
        if not plan.life_areas or not any(r.distance for r in plan.life_areas):
            self.summary.setText(
                "Kies eerst leefgebieden met een afstand; dan ziet u wie het plan mag coördineren."
            )
        else:
            self.summary.setText(
                f"{len(eligible)} van de {len(ordered)} zorgaanbieders met een coördinatiecontract "
                "in deze gemeente dekken alle leefgebieden en afstanden van dit plan."
            )
        self._apply_filter(self.filter.text())
        self._update_choose()
