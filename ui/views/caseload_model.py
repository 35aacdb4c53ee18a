"""Mijn werkvoorraad as a table model: one row per due item, filtered and sorted in Python.

No QSortFilterProxyModel: at 20,000 households the list has ten thousand rows or more, and a
proxy calls `data()` once per comparison (hundreds of thousands of Python calls per sort). Here a
sort is one `list.sort` on precomputed keys and a filter one pass over precomputed text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from planner.caseload import DueItem, DueKind, Urgency
from planner.dutch import date_words

AnyIndex = QModelIndex | QPersistentModelIndex
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1  # the DueItem of the row

COLUMNS = ("Wanneer", "Datum", "Dossier", "Huishouden", "Gemeente", "Soort", "Wat")
COL_URGENCY, COL_DUE, COL_CASE, COL_NAME, COL_MUNICIPALITY, COL_KIND, COL_TEXT = range(len(COLUMNS))

# The urgency is always written out; the colour only repeats it (calm, readable on white).
URGENCY_COLOURS = {Urgency.OVERDUE: QColor("#a4000f"), Urgency.THIS_WEEK: QColor("#6a4500")}

_SORT_KEYS: dict[int, Callable[[DueItem], Any]] = {
    COL_URGENCY: lambda i: i.sort_key,
    COL_DUE: lambda i: (i.due, i.urgency.rank, i.case_number),
    COL_CASE: lambda i: (i.case_number, i.due),
    COL_NAME: lambda i: (i.name.casefold(), i.case_number, i.due),
    COL_MUNICIPALITY: lambda i: (i.municipality_name, i.due),
    COL_KIND: lambda i: (i.kind.label, i.due),
    COL_TEXT: lambda i: (i.description.casefold(), i.due),
}


def _haystack(item: DueItem) -> str:
    return " ".join(
        (item.case_number, item.name, item.municipality_name, item.kind.label, item.description)
    ).casefold()


class CaseloadModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[DueItem] = []
        self._text: list[str] = []  # casefolded search text per item of _all
        self._rows: list[DueItem] = []
        self._kind: DueKind | None = None
        self._municipality: str | None = None
        self._needle = ""
        self._sort = (COL_URGENCY, Qt.SortOrder.AscendingOrder)
        self._bold = QFont()
        self._bold.setBold(True)

    # --- content ------------------------------------------------------------------------------

    def set_items(self, items: Sequence[DueItem]) -> None:
        self._all = list(items)
        self._text = [_haystack(i) for i in self._all]
        self._rebuild()

    def all_items(self) -> list[DueItem]:
        return list(self._all)

    def item(self, row: int) -> DueItem:
        return self._rows[row]

    def row_of(self, item: DueItem) -> int:
        try:
            return self._rows.index(item)
        except ValueError:
            return -1

    def column_texts(self, column: int, longest: bool = False) -> list[str]:
        """The texts of a column over all items; with `longest`, only the few longest (to size it)."""
        texts = {self._text_of(i, column) for i in self._all}
        if not longest:
            return sorted(texts)
        return sorted(texts, key=len, reverse=True)[:3]

    def municipalities(self) -> list[tuple[str, str]]:
        """(code, name) of the municipalities in the list, by name."""
        return sorted({(i.municipality_code, i.municipality_name) for i in self._all}, key=lambda m: m[1])

    def set_filter(self, kind: DueKind | None, municipality: str | None, text: str) -> None:
        """Only the rows of this kind, in this municipality (code), containing every typed word."""
        self._kind, self._municipality, self._needle = kind, municipality, text.casefold().strip()
        self._rebuild()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in _SORT_KEYS:
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        items = [(self._rows[p.row()], p.column()) for p in before]
        self._order()
        where = {id(item): row for row, item in enumerate(self._rows)}
        self.changePersistentIndexList(before, [self.index(where[id(i)], c) for i, c in items])
        self.layoutChanged.emit()

    def _order(self) -> None:
        column, order = self._sort
        self._rows.sort(key=_SORT_KEYS[column], reverse=order == Qt.SortOrder.DescendingOrder)

    def _rebuild(self) -> None:
        self.beginResetModel()
        words = self._needle.split()
        self._rows = [
            item
            for item, text in zip(self._all, self._text, strict=True)
            if (self._kind is None or item.kind is self._kind)
            and (self._municipality is None or item.municipality_code == self._municipality)
            and all(w in text for w in words)
        ]
        self._order()
        self.endResetModel()

    # --- the model ----------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
        return COLUMNS[section] if horizontal and 0 <= section < len(COLUMNS) else None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        item, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text_of(item, column)
        if role == ITEM_ROLE:
            return item
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole) and column == COL_TEXT:
            return item.description
        if role == Qt.ItemDataRole.ForegroundRole and column in (COL_URGENCY, COL_DUE):
            colour = URGENCY_COLOURS.get(item.urgency)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.FontRole and column == COL_URGENCY and item.urgency is Urgency.OVERDUE:
            return self._bold
        return None

    @staticmethod
    def _text_of(item: DueItem, column: int) -> str:
        if column == COL_URGENCY:
            return item.urgency.value.capitalize()
        if column == COL_DUE:
            return date_words(item.due)
        if column == COL_CASE:
            return item.case_number
        if column == COL_NAME:
            return item.name or "(nog geen naam)"
        if column == COL_MUNICIPALITY:
            return item.municipality_name
        if column == COL_KIND:
            return item.kind.label
        return item.description
