"""The page *Mijn werkvoorraad*: what is due in every household, sortable, filterable, by keyboard.

The list comes from one operation call (`planner.services.caseload.caseload`), run on the serial
background worker (it reads 20,000 households); `show_items` is its callback on the GUI thread.
Being serial, the worker runs it after any save submitted before, so the list shows what is stored.
"""

from __future__ import annotations

import functools
import logging
import time
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.caseload import DueItem, DueKind, Urgency, horizon
from planner.dutch import count_words, date_words
from ui.views.caseload_model import COL_URGENCY, COLUMNS, CaseloadModel
from ui.worker import Worker, shared_worker

log = logging.getLogger(__name__)


class CaseloadTable(QTableView):
    """Enter opens the row's household (QTableView's own Enter is not reliable on every platform)."""

    open_row = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_row.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class CaseloadPage(QWidget):
    HELP_TOPIC = "werkvoorraad"  # F1 (ui/help_dialog.py)
    open_requested = Signal(str, str, str)  # household id, subject kind, subject id
    loaded = Signal()  # a new list is shown

    def __init__(
        self, db: Any, terms: Any, today: date, parent: QWidget | None = None, worker: Worker | None = None
    ) -> None:
        super().__init__(parent)
        self.db, self.terms, self.today = db, terms, today
        self.worker = worker or shared_worker()
        self.last_build_ms = 0.0  # from asking to the list shown, the worker's queue included
        self.loading = False  # a list is being built on the worker

        title = QLabel("Mijn werkvoorraad")
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.summary = QLabel()
        self.summary.setAccessibleName("Samenvatting van de werkvoorraad")
        self.filter_text = QLineEdit()
        self.filter_text.setPlaceholderText("Zoek op naam, dossiernummer of omschrijving…")
        self.filter_text.setAccessibleName("Zoek in de werkvoorraad")
        self.filter_text.setClearButtonEnabled(True)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Soort")
        self.kind.addItem("Alle soorten", None)
        for kind in DueKind:
            self.kind.addItem(kind.label, kind.value)  # Qt keeps a StrEnum as a plain str
        self.municipality = QComboBox()
        self.municipality.setAccessibleName("Gemeente")
        self.municipality.addItem("Alle gemeenten", None)
        self.refresh_button = QPushButton("Vernieuwen (F5)")
        self.refresh_button.setAccessibleName("Werkvoorraad vernieuwen")

        self.model = CaseloadModel(self)
        self.table = CaseloadTable()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Werkvoorraad")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        self.table.verticalHeader().hide()
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(COL_URGENCY, Qt.SortOrder.AscendingOrder)
        header = self.table.horizontalHeader()
        # Widths from the longest texts (`_fit_columns`), not ResizeToContents: that asks the
        # model for a thousand rows' data after every sort and filter.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.hint = QLabel(
            "Pijltjes kiezen, Enter opent het huishouden. Klik op een kolomkop om te sorteren."
        )

        filters = QHBoxLayout()
        filters.addWidget(self.filter_text, 3)
        filters.addWidget(self._label("&Soort:", self.kind))
        filters.addWidget(self.kind, 1)
        filters.addWidget(self._label("&Gemeente:", self.municipality))
        filters.addWidget(self.municipality, 1)
        filters.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addWidget(self.summary)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        QWidget.setTabOrder(self.table, self.filter_text)
        QWidget.setTabOrder(self.filter_text, self.kind)
        QWidget.setTabOrder(self.kind, self.municipality)
        QWidget.setTabOrder(self.municipality, self.refresh_button)

        self.filter_text.textChanged.connect(self._apply_filter)
        self.kind.currentIndexChanged.connect(self._apply_filter)
        self.municipality.currentIndexChanged.connect(self._apply_filter)
        self.refresh_button.clicked.connect(self.refresh)
        refresh = QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        refresh.setWhatsThis("De werkvoorraad opnieuw ophalen")
        self.table.open_row.connect(self._open_row)
        self.table.doubleClicked.connect(lambda index: self._open_row(index.row()))

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    # --- loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Build the list afresh on the worker; the current list stays usable meanwhile."""
        from planner.services.caseload import caseload

        started = time.perf_counter()
        self.loading = True
        self.summary.setText("De werkvoorraad wordt bijgewerkt…")

        def show(items: list[DueItem]) -> None:
            self.loading = False
            self.show_items(items)
            self.last_build_ms = (time.perf_counter() - started) * 1000

        load = functools.partial(caseload, self.db, self.terms, self.today)
        self.worker.submit(load, show, self._failed, key="caseload", owner=self, name="caseload")

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        log.error("caseload failed: %s", type(exc).__name__)
        self.summary.setText(
            "De werkvoorraad kon niet worden opgehaald. Probeer het zo nog eens met F5; blijft het "
            "misgaan, sluit het programma dan en start het opnieuw."
        )

    def show_items(self, items: list[DueItem]) -> None:
        current = self.current_item()
        self.model.set_items(items)
        self._fit_columns()
        chosen = self.municipality.currentData()
        self.municipality.blockSignals(True)
        self.municipality.clear()
        self.municipality.addItem("Alle gemeenten", None)
        for code, name in self.model.municipalities():
            self.municipality.addItem(name, code)
        self.municipality.setCurrentIndex(max(0, self.municipality.findData(chosen)))
        self.municipality.blockSignals(False)
        self._apply_filter()
        row = self.model.row_of(current) if current is not None else -1
        self._select(max(row, 0))
        self.loaded.emit()

    def _fit_columns(self) -> None:
        metrics, pad = self.table.fontMetrics(), 24
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount() - 1):  # the last column stretches
            texts = [COLUMNS[column], *self.model.column_texts(column, longest=True)]
            header.resizeSection(column, max(metrics.horizontalAdvance(t) for t in texts) + pad)

    def _apply_filter(self) -> None:
        kind = self.kind.currentData()
        self.model.set_filter(
            DueKind(kind) if kind else None, self.municipality.currentData(), self.filter_text.text()
        )
        self._select(0)
        self._summarise()

    def _summarise(self) -> None:
        every = self.model.all_items()
        shown = self.model.rowCount()
        until = date_words(horizon(self.today, self.terms))
        if not every:
            self.summary.setText(
                "Er is niets te doen tot en met "
                f"{until}: geen termijnen, aflopende plannen of overbruggingen in uw huishoudens."
            )
            return
        overdue = sum(1 for i in every if i.urgency is Urgency.OVERDUE)
        week = sum(1 for i in every if i.urgency is Urgency.THIS_WEEK)
        text = (
            f"{count_words(len(every), 'punt', 'punten')}: {overdue} verlopen, {week} deze week. "
            f"Vandaag is het {date_words(self.today)}; de lijst kijkt vooruit tot en met {until}."
        )
        if shown != len(every):
            text += f" Na het filter: {count_words(shown, 'punt', 'punten')}."
            if not shown:
                text += " Maak het filter ruimer om meer te zien."
        self.summary.setText(text)

    def _select(self, row: int) -> None:
        if self.model.rowCount() == 0:
            return
        row = min(row, self.model.rowCount() - 1)
        self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.scrollTo(self.model.index(row, 0))

    # --- keyboard and opening -----------------------------------------------------------------

    def current_item(self) -> DueItem | None:
        index = self.table.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def focus_table(self) -> None:
        self.table.setFocus()
        if not self.table.currentIndex().isValid():
            self._select(0)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Down from the search field goes into the list, as on the search page.
        if event.key() == Qt.Key.Key_Down and self.filter_text.hasFocus() and self.model.rowCount():
            self.focus_table()
            return
        super().keyPressEvent(event)

    def _open_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            item = self.model.item(row)
            self.open_requested.emit(item.household_id, item.subject_kind, item.subject_id)
