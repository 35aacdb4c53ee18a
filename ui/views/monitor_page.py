"""The page *Monitor*: the regional monitor over a period, per municipality, saved as PDF or CSV.

One operation call (`planner.services.monitor.monitor`) on the serial background worker; the
figures are shown through `planner.monitor.privacy` (a count below five is "< 5"), exactly as the
reports print them. The page holds no name or BSN: the report has none.
"""

from __future__ import annotations

import functools
import logging
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.monitor.compute import Figures, MonitorReport
from planner.monitor.privacy import shown
from planner.monitor.rows import Period
from planner.monitor.table import money_text, months_text
from ui.worker import Worker, shared_worker

log = logging.getLogger(__name__)

COLUMNS = (
    "Gemeente",
    "Instroom",
    "Nieuwe huishoudens",
    "Lopend",
    "Gem. duur (mnd)",
    "Mediaan (mnd)",
    "Uitstroom",
    "Herbeoordeeld",
    "Werd 18",
    "Eigen aanbieder behouden",
    "Kosten (€)",
    "Budget matrix (€)",
)


def row_texts(f: Figures) -> list[str]:
    """One municipality's row, as the page shows it (and as the PDF prints it)."""
    return [
        f.name,
        shown(f.flow.started),
        shown(f.flow.new_households),
        shown(f.flow.running),
        months_text(f.flow.mean_months, f.flow.running),
        months_text(f.flow.median_months, f.flow.running),
        shown(f.flow.ended),
        shown(f.reassessments.plans),
        shown(f.transitions.turning_adult),
        shown(f.own_providers.kept),
        money_text(f.costs.allocations, f.flow.households),
        money_text(f.costs.budget, f.costs.plans),
    ]


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _date(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class MonitorPage(QWidget):
    HELP_TOPIC = "monitor"
    loaded = Signal()  # new figures are shown

    def __init__(
        self,
        db: Any,
        catalogue: Any,
        reference: Any,
        today: date,
        parent: QWidget | None = None,
        worker: Worker | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.catalogue, self.reference = db, catalogue, reference
        self.worker = worker or shared_worker()
        self.report: MonitorReport | None = None
        self.loading = False

        title = QLabel("Regionale monitor")
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.summary = QLabel("Kies een periode en klik op Berekenen.")
        self.summary.setAccessibleName("Samenvatting van de monitor")
        self.summary.setWordWrap(True)
        self.start = QDateEdit(_qdate(date(today.year - 1, 1, 1)))
        self.end = QDateEdit(_qdate(date(today.year - 1, 12, 31)))
        for edit, name in ((self.start, "Begin van de periode"), (self.end, "Einde van de periode")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd-MM-yyyy")
            edit.setAccessibleName(name)
        self.municipality = QComboBox()
        self.municipality.setAccessibleName("Gemeente")
        self.municipality.addItem("Alle gemeenten", None)
        for code, m in sorted(catalogue.municipalities.items(), key=lambda item: item[1].name):
            self.municipality.addItem(m.name, code)
        self.compute_button = QPushButton("&Berekenen")
        self.pdf_button = QPushButton("Opslaan als &PDF…")
        self.csv_button = QPushButton("Opslaan als &CSV…")
        for button in (self.pdf_button, self.csv_button):
            button.setEnabled(False)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setAccessibleName("Monitor per gemeente")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.notes = QLabel(
            "Aantallen onder de 5 staan er als ‘< 5’, zodat geen huishouden herkenbaar is. "
            "Er staan geen namen of BSN's in de monitor."
        )
        self.notes.setWordWrap(True)

        filters = QHBoxLayout()
        for label, widget in (
            ("&Van:", self.start),
            ("&Tot en met:", self.end),
            ("&Gemeente:", self.municipality),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            filters.addWidget(caption)
            filters.addWidget(widget)
        filters.addWidget(self.compute_button)
        filters.addStretch(1)
        filters.addWidget(self.pdf_button)
        filters.addWidget(self.csv_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notes)

        self.compute_button.clicked.connect(self.refresh)
        self.pdf_button.clicked.connect(lambda: self._save_as("pdf"))
        self.csv_button.clicked.connect(lambda: self._save_as("csv"))

    def period(self) -> Period:
        return Period(_date(self.start.date()), _date(self.end.date()))

    def refresh(self) -> None:
        """Compute the figures on the worker; the table shows the last ones meanwhile."""
        from planner.services.monitor import monitor

        period = self.period()
        if period.end < period.start:
            self.summary.setText("Het einde van de periode ligt vóór het begin; kies de datums opnieuw.")
            return
        code = self.municipality.currentData()
        self.loading = True
        self.summary.setText("De monitor wordt berekend…")
        run = functools.partial(
            monitor, self.db, self.catalogue, self.reference, period, [code] if code else None
        )
        self.worker.submit(run, self.show_report, self._failed, key="monitor", owner=self, name="monitor")

    def _failed(self, exc: BaseException) -> None:
        self.loading = False
        log.error("monitor failed: %s", type(exc).__name__)
        self.summary.setText(
            "De monitor kon niet worden berekend. Probeer het opnieuw; blijft het misgaan, sluit het "
            "programma dan en start het opnieuw."
        )

    def show_report(self, report: MonitorReport) -> None:
        self.loading = False
        self.report = report
        rows = [*report.municipalities, report.region]
        self.table.setRowCount(len(rows))
        for r, figures in enumerate(rows):
            for c, value in enumerate(row_texts(figures)):
                item = QTableWidgetItem(value)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        p = report.period
        self.summary.setText(
            f"Periode {p.start:%d-%m-%Y} tot en met {p.end:%d-%m-%Y}: "
            f"{shown(report.region.flow.running)} lopende toewijzingen, "
            f"{shown(report.region.flow.started)} gestart, {shown(report.region.flow.ended)} beëindigd."
        )
        for button in (self.pdf_button, self.csv_button):
            button.setEnabled(True)
        self.loaded.emit()

    def report_bytes(self, kind: str) -> bytes:
        assert self.report is not None
        if kind == "csv":
            from planner.monitor.table import csv_bytes

            return csv_bytes(self.report)
        from planner.monitor.pdf import monitor_pdf

        return monitor_pdf(self.report)

    def save_report(self, path: Path) -> None:
        """Write the shown figures to `path` (.pdf or .csv), atomically."""
        from ui.shell.atomic import write_atomic

        write_atomic(path, self.report_bytes("csv" if path.suffix.lower() == ".csv" else "pdf"))

    def _save_as(self, kind: str) -> None:
        if self.report is None:
            return
        name = f"monitor-{self.report.period.start:%Y%m%d}-{self.report.period.end:%Y%m%d}.{kind}"
        chosen, _ = QFileDialog.getSaveFileName(self, "Monitor opslaan", name, f"{kind.upper()} (*.{kind})")
        if not chosen:
            return
        try:
            self.save_report(Path(chosen))
        except OSError as exc:
            self.summary.setText(
                f"De monitor kon niet worden opgeslagen in {chosen}: {exc.strerror}. Kies een andere map."
            )
            return
        self.summary.setText(f"De monitor is opgeslagen in {chosen}.")
