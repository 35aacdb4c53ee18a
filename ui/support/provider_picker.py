"""Aanbieder kiezen: the member's own provider pinned on top, the others ranked, type-to-filter.

The ranking (`planner.providers.rank_providers`) is computed once per product, period and member;
each keystroke only narrows that ranked list through the precomputed `ProviderIndex` and refilters
the model in place, well inside one frame over 300 providers.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QListView, QPushButton, QVBoxLayout, QWidget

from planner.catalogue import Catalogue
from planner.model import Household, Member, Plan
from planner.providers import ContractKind, ProviderChoice, ProviderIndex, rank_providers

AnyIndex = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2

_STATUS_MARK = {
    ContractKind.VALID: "✓",
    ContractKind.ENDS_EARLY: "⚠",
    ContractKind.NONE: "✖",
    ContractKind.CLOSED: "✖",
}


def choice_text(choice: ProviderChoice) -> str:
    """Two lines: name (and 'eigen aanbieder'), then contract, waiting time and place."""
    p = choice.provider
    head = f"★ {p.name} — eigen aanbieder" if choice.is_own_provider else p.name
    details = [f"{_STATUS_MARK[choice.status.kind]} {choice.status.label}"]
    details.extend(
        r for r in choice.reasons if r != choice.status.label and r != "Eigen aanbieder van de cliënt"
    )
    return f"{head}\n    " + " · ".join(details)


class ProviderListModel(QAbstractListModel):
    """The ranked choices, filtered in place by a typed query; the own provider stays pinned."""

    def __init__(self, index: ProviderIndex, parent: Any = None) -> None:
        super().__init__(parent)
        self.index_ = index
        self._ranked: list[ProviderChoice] = []
        self._by_id: dict[str, ProviderChoice] = {}
        self._ranked_ids: list[str] = []
        self._rows: list[ProviderChoice] = []
        self.query = ""

    def set_choices(self, choices: list[ProviderChoice]) -> None:
        self._ranked = choices
        self._by_id = {c.provider.id: c for c in choices}
        self._ranked_ids = [c.provider.id for c in choices if not c.is_own_provider]
        self.set_query(self.query, force=True)

    def set_query(self, query: str, force: bool = False) -> None:
        if query == self.query and not force:
            return
        self.query = query
        pinned = [c for c in self._ranked if c.is_own_provider]
        ids = self.index_.filter(query, among=self._ranked_ids) if query.strip() else self._ranked_ids
        self.beginResetModel()
        self._rows = pinned + [self._by_id[i] for i in ids]
        self.endResetModel()

    def choice(self, row: int) -> ProviderChoice | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def ids(self) -> list[str]:
        return [c.provider.id for c in self._rows]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        c = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return choice_text(c)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join((c.provider.name, *c.reasons))
        if role == ID_ROLE:
            return c.provider.id
        if role == STATUS_ROLE:
            return c.status.kind.value
        if role == Qt.ItemDataRole.ForegroundRole and not c.status.is_valid:
            from PySide6.QtGui import QColor

            return QColor("#8a1c00")
        return None


class ProviderPicker(QWidget):
    """Filter field + ranked list + "Kies deze aanbieder"; emits `chosen(provider_id)`."""

    chosen = Signal(str)

    def __init__(
        self, catalogue: Catalogue, index: ProviderIndex | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.model = ProviderListModel(index or ProviderIndex.from_catalogue(catalogue), self)
        self.filter = QLineEdit()
        self.filter.setAccessibleName("Zoek aanbieder")
        self.filter.setPlaceholderText("Typ om te zoeken op naam, AGB-code of expertise…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.model.set_query)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Aanbieders")
        self.view.setWordWrap(False)  # two fixed lines per row; wrapping costs a text layout per row
        self.view.setAlternatingRowColors(True)
        self.view.setUniformItemSizes(True)
        self.view.activated.connect(lambda idx: self._choose_row(idx.row()))
        self.choose_button = QPushButton("&Kies deze aanbieder")
        self.choose_button.clicked.connect(lambda: self._choose_row(self.view.currentIndex().row()))
        self.count = QLabel()
        self.count.setStyleSheet("color: #555;")
        self.model.modelReset.connect(self._update_count)
        self.filter.returnPressed.connect(self._enter_in_filter)
        row = QHBoxLayout()
        row.addWidget(self.count, 1)
        row.addWidget(self.choose_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self._key: tuple[Any, ...] | None = None

    def set_context(
        self,
        product_code: str,
        start: date,
        end: date,
        household: Household,
        member: Member | None,
        plans: list[Plan],
    ) -> None:
        """Rank anew only when what the ranking depends on changed (not per keystroke)."""
        serving = tuple(sorted(a.provider_id or "" for p in plans for a in p.allocations))
        key = (
            product_code,
            start,
            end,
            household.municipality_code,
            member.id if member else None,
            member.own_provider_id if member else None,
            serving,
        )
        if key == self._key:
            return
        self._key = key
        if end < start:
            self.model.set_choices([])
            return
        choices = rank_providers(
            product_code, start, end, household, self.catalogue, member=member, plans=plans
        )
        self.model.set_choices(choices)

    def _update_count(self) -> None:
        n = self.model.rowCount()
        self.count.setText(
            f"{n} aanbieder{'s' if n != 1 else ''}" + (" gevonden" if self.model.query else "")
        )

    def _enter_in_filter(self) -> None:
        if self.model.rowCount() == 1:
            self._choose_row(0)
        else:
            self.view.setFocus()
            if self.model.rowCount():
                self.view.setCurrentIndex(self.model.index(0))

    def _choose_row(self, row: int) -> None:
        c = self.model.choice(row)
        if c is not None:
            self.chosen.emit(c.provider.id)

    def choose(self, provider_id: str) -> None:
        """Pick a provider as if the user did (tests, keyboard)."""
        self.chosen.emit(provider_id)
