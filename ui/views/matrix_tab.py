"""Leefgebieden: the life-area matrix with its cell editor beside it, and the plan budget."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.errors import frozen_plan_message
from planner.services.changes import Changes, Kind
from planner.services.life_areas import add_life_area
from ui.help import tip
from ui.session import HouseholdSession
from ui.views.life_area_editor import LifeAreaEditor
from ui.views.matrix_model import ROW_RESULT, MatrixModel


class MatrixView(QTableView):
    """The matrix; Enter puts the cursor in the editor field of the current row."""

    def __init__(self, model: MatrixModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setWordWrap(True)
        self.setAccessibleName("Matrix van leefgebieden")
        self.setTabKeyNavigation(False)  # arrows move between cells; Tab goes on to the editor
        header = self.horizontalHeader()
        header.setDefaultSectionSize(140)
        # Long life-area names ("Werk en opleiding / Dagbesteding") wrap onto up to three lines.
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setMinimumHeight(self.fontMetrics().lineSpacing() * 3 + 8)
        # Every life area of the plan in view: the columns share the width (wrapping their text)
        # instead of 140 px each behind a scroll bar; below 90 px a column scrolls after all.
        header.setMinimumSectionSize(90)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(34)
        self.setStyleSheet("QTableView::item:selected { border: 2px solid #1b5fa8; color: black; }")
        self.editor_requested = None  # set by MatrixTab

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.editor_requested:
            self.editor_requested(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class MatrixTab(QWidget):
    def __init__(self, session: HouseholdSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        ref = session.reference
        self.model = MatrixModel(session)
        self.view = MatrixView(self.model)
        self.view.verticalHeader().resizeSection(ROW_RESULT, 112)  # six wrapped lines in a narrow column
        self.view.editor_requested = self._focus_editor
        self.editor = LifeAreaEditor(session)

        self.add_area = QComboBox()
        self.add_area.setAccessibleName("Leefgebied toevoegen")
        self.add_area.setToolTip(tip("leefgebied", ref))
        self.add_area.activated.connect(self._add_area)
        self.add_area.setMinimumContentsLength(28)
        self.budget = QLabel()
        self.budget.setToolTip(tip("budget", ref))
        self.budget.setAccessibleName("Budget van het plan")
        self.frozen = QLabel()
        # A line of its own above the matrix: the full sentence fits without squeezing the bar.
        self.frozen.setStyleSheet("color: #7a4b00; background: #fdf3e1; padding: 4px; border-radius: 3px;")
        self.frozen.setWordWrap(True)
        self.frozen.setVisible(False)

        bar = QHBoxLayout()
        bar.addWidget(QLabel("Leefgebied toevoegen:"))
        bar.addWidget(self.add_area)
        bar.addStretch(1)
        bar.addWidget(self.budget)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.view)
        split.addWidget(self.editor)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        split.setSizes([560, 520])  # four life areas side by side at 1366 × 768
        self.splitter = split

        layout = QVBoxLayout(self)
        layout.addWidget(self.frozen)
        layout.addLayout(bar)
        layout.addWidget(split, 1)

        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.model.modelReset.connect(self._reselect)
        self._selected_id: str | None = None
        session.connect_changes(self._on_changes)
        self.refresh()
        if self.model.columnCount():
            self.select_life_area(self.model.results()[0].id)

    # --- selection ----------------------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        results = self.model.results()
        if current.isValid() and current.column() < len(results):
            self._selected_id = results[current.column()].id
        self.editor.show_result(self._selected_id if current.isValid() else None)

    def _reselect(self) -> None:
        col = self.model.column_of(self._selected_id) if self._selected_id else -1
        if col < 0 and self.model.columnCount():
            col = min(self.model.columnCount() - 1, 0)
        if col >= 0:
            self.view.setCurrentIndex(self.model.index(ROW_RESULT, col))
        else:
            self._selected_id = None
            self.editor.show_result(None)

    def select_life_area(self, id_or_code: str, row: int = ROW_RESULT) -> None:
        col = self.model.column_of(id_or_code)
        if col >= 0:
            self._selected_id = self.model.results()[col].id
            self.view.selectionModel().setCurrentIndex(
                self.model.index(row, col), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.view.scrollTo(self.model.index(row, col))

    def show_subject(self, _kind: str, life_area: str | None) -> None:
        """Navigation: the life area (id or code) a finding is about."""
        if life_area:
            self.select_life_area(life_area)
        self.view.setFocus()

    def _focus_editor(self, row: int) -> None:
        self.editor.focus_row(row)

    # --- edits --------------------------------------------------------------------------------

    def _add_area(self, index: int) -> None:
        code = self.add_area.itemData(index)
        plan = self.session.plan
        if not code or plan is None or not self.session.editable:
            return
        edit = add_life_area(plan, str(code))
        self.session.apply(edit)
        self.select_life_area(str(code))
        self.editor.situation.setFocus()

    # --- refresh ------------------------------------------------------------------------------

    DEPENDS_ON = Kind.LIFE_AREAS | Kind.PLAN | Kind.PLANS

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        if changes.touches(self.DEPENDS_ON):
            self.refresh()

    def refresh(self) -> None:
        plan = self.session.plan
        present = {r.life_area for r in plan.life_areas} if plan else set()
        self.add_area.blockSignals(True)
        self.add_area.clear()
        self.add_area.addItem("— kies een leefgebied —", "")
        for area in self.session.reference.life_areas:
            if area.code not in present:
                self.add_area.addItem(area.name, area.code)
                self.add_area.setItemData(
                    self.add_area.count() - 1, area.description, Qt.ItemDataRole.ToolTipRole
                )
        self.add_area.blockSignals(False)
        self.add_area.setEnabled(self.session.editable and self.add_area.count() > 1)
        self.budget.setText(self._budget_words())
        if plan is not None and plan.is_frozen:
            self.frozen.setText(frozen_plan_message(plan.status, self.session.reference))
        else:
            self.frozen.setText("")
        self.frozen.setVisible(bool(self.frozen.text()))

    def _budget_words(self) -> str:
        from planner.dutch import euro
        from planner.money import matrix_budget

        plan = self.session.plan
        if plan is None:
            return ""
        budget = matrix_budget(plan, self.session.reference.cell_prices)
        if budget is None:
            return "Budget: vul eerst de startdatum van het plan in (tab Gesprek)"
        return f"<b>Budget van het plan: {euro(budget)}</b> over {plan.months} maanden"
