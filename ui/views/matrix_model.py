"""The life-area matrix as a table model: one column per life area of a plan (domain.md §4.3).

Rows: desired result, distance (coloured, and always in words too), members concerned, cell price.
The model holds no copy of the data: it reads the plan each time and refreshes when the session
says life areas, members or the plan changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from planner.model import Distance, LifeAreaResult, Plan
from planner.services.changes import Changes, Kind
from ui.help import tip
from ui.session import HouseholdSession

ROW_RESULT, ROW_DISTANCE, ROW_MEMBERS, ROW_PRICE = range(4)
ROW_LABELS = ("Gewenst resultaat", "Afstand tot resultaat", "Betrokken gezinsleden", "Celprijs")
ROW_TIPS = ("gewenst_resultaat", "afstand", "betrokken_gezinsleden", "celprijs")

# Calm colours with enough contrast for black text; the distance is always written out as well.
DISTANCE_COLOURS = {
    Distance.LIGHT: QColor("#d8efd3"),
    Distance.MEDIUM: QColor("#fbe3a6"),
    Distance.HEAVY: QColor("#f4bfb8"),
}
EMPTY_COLOUR = QColor("#eeeeee")
LIFE_AREA_ROLE = Qt.ItemDataRole.UserRole + 1  # the LifeAreaResult of the column

AnyIndex = QModelIndex | QPersistentModelIndex


def price_words(session: HouseholdSession, result: LifeAreaResult) -> str:
    if result.distance is None:
        return "—"
    from planner.dutch import euro

    prices = session.reference.cell_prices
    amount = prices.price(result.life_area, result.distance)
    return f"{euro(amount)} per {prices.period}"


class MatrixModel(QAbstractTableModel):
    def __init__(self, session: HouseholdSession, plan: Callable[[], Plan | None] | None = None) -> None:
        super().__init__(session)
        self.session = session
        self._plan = plan or (lambda: session.plan)
        self._columns = self._column_ids()
        session.connect_changes(self._on_changes)

    # --- structure ----------------------------------------------------------------------------

    def plan(self) -> Plan | None:
        return self._plan()

    def results(self) -> list[LifeAreaResult]:
        plan = self._plan()
        return [] if plan is None else list(plan.life_areas)

    def _column_ids(self) -> list[str]:
        return [r.id for r in self.results()]

    def column_of(self, result_id_or_code: str) -> int:
        for i, r in enumerate(self.results()):
            if result_id_or_code in (r.id, r.life_area):
                return i
        return -1

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ROW_LABELS)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    DEPENDS_ON = Kind.LIFE_AREAS | Kind.PLAN | Kind.PLANS | Kind.MEMBERS

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        if changes.touches(self.DEPENDS_ON):
            self.refresh()

    def refresh(self) -> None:
        ids = self._column_ids()
        if ids != self._columns:
            self.beginResetModel()
            self._columns = ids
            self.endResetModel()
        elif ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(ROW_LABELS) - 1, len(ids) - 1))
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(ids) - 1)

    # --- data ---------------------------------------------------------------------------------

    def _result(self, column: int) -> LifeAreaResult | None:
        results = self.results()
        return results[column] if 0 <= column < len(results) else None

    def _area_name(self, result: LifeAreaResult) -> str:
        try:
            return self.session.reference.life_area(result.life_area).name
        except KeyError:
            return result.life_area

    def _members_words(self, result: LifeAreaResult) -> str:
        names = []
        for member_id in result.member_ids:
            try:
                names.append(self.session.household.member(member_id).given_names or "?")
            except KeyError:
                continue
        return ", ".join(names) if names else "—"

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        result = self._result(index.column())
        if result is None:
            return None
        row = index.row()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if row == ROW_RESULT:
                return result.desired_result or "— nog invullen"
            if row == ROW_DISTANCE:
                return result.distance.value if result.distance else "— kies afstand"
            if row == ROW_MEMBERS:
                return self._members_words(result)
            if row == ROW_PRICE:
                return price_words(self.session, result)
        if role == Qt.ItemDataRole.ToolTipRole:
            name = self._area_name(result)
            if row == ROW_RESULT and result.desired_result:
                return f"{name}: {result.desired_result}"
            return f"{name} – {ROW_LABELS[row].lower()}. {tip(ROW_TIPS[row], self.session.reference)}"
        if role == Qt.ItemDataRole.BackgroundRole and row == ROW_DISTANCE:
            return QBrush(DISTANCE_COLOURS.get(result.distance, EMPTY_COLOUR))  # type: ignore[arg-type]
        if role == Qt.ItemDataRole.ForegroundRole and (
            (row == ROW_RESULT and not result.desired_result) or (row == ROW_DISTANCE and not result.distance)
        ):
            return QBrush(QColor("#666666"))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if row in (ROW_DISTANCE, ROW_PRICE):
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if role == LIFE_AREA_ROLE:
            return result
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if not 0 <= section < len(ROW_LABELS):
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                return ROW_LABELS[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return tip(ROW_TIPS[section], self.session.reference)
            return None
        result = self._result(section)
        if result is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._area_name(result)
        if role == Qt.ItemDataRole.ToolTipRole:
            try:
                return self.session.reference.life_area(result.life_area).description
            except KeyError:
                return None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
