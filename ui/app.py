"""The main window: find or create a household, work on it, and see that everything is saved."""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTimer, QTranslator
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from planner.dutch import count_words
from planner.model import PlanStatus
from planner.services.lookup import SEARCH_LIMIT, households_by_id, search_households
from ui.first_paint import after_first_paint
from ui.help import tip
from ui.help_dialog import WindowHelp
from ui.settings import Professional, WindowSettings, load_professional
from ui.undo_actions import fixed_undo_action
from ui.views.findings_panel import FindingsPanel
from ui.worker import shared_worker

if TYPE_CHECKING:
    from ui.session import HouseholdSession
    from ui.views.caseload_page import CaseloadPage
    from ui.views.household_view import HouseholdView

log = logging.getLogger(__name__)
SEARCH_DEBOUNCE_MS = 60
PRELOAD_AFTER_MS = 300
COMPLETE_ATTACH_MS = 200  # the reference data and the catalogue, at the latest this long after the search
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def summary_words(s: Any) -> str:
    """One line of a search result: name, members, case number, municipality, plan status."""
    members = ", ".join(s.member_names[:4])
    status = f" · plan {s.plan_status.value}" if s.plan_status else ""
    name = s.name or "(nog geen naam)"
    archived = " · gearchiveerd" if s.archived else ""
    where = (
        f"dossier {s.case_number} · {s.postcode or 'geen postcode'} · {s.municipality_name}{status}{archived}"
    )
    return f"{name} — {members or 'geen gezinsleden'}\n{where}"


class StartPage(QWidget):
    """Search households while typing, the recent ones, and "Nieuw huishouden"."""

    HELP_TOPIC = "zoeken"  # F1 (ui/help_dialog.py)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("Zoek een huishouden")
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Naam, BSN, dossiernummer of postcode…")
        self.search.setAccessibleName("Zoek een huishouden")
        self.search.setClearButtonEnabled(True)
        self.search.setStyleSheet("font-size: 13pt; padding: 4px;")
        self.results = QListWidget()
        self.results.setAccessibleName("Gevonden huishoudens")
        self.results.setAlternatingRowColors(True)
        self.status = QLabel("Typ om te zoeken. Enter of dubbelklik opent een huishouden.")
        self.status.setAccessibleName("Zoekresultaat")
        # --- search filters and "Meer tonen" (issue 11.7) ---
        self.municipality_filter = QComboBox()
        self.municipality_filter.setAccessibleName("Alleen gemeente")
        self.municipality_filter.addItem("Alle gemeenten", None)
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("Alleen planstatus")
        self.status_filter.addItem("Elke planstatus", None)
        for plan_status in PlanStatus:
            self.status_filter.addItem(f"Plan {plan_status.value}", plan_status.value)  # Qt keeps str
        self.more_button = QPushButton("Meer tonen")
        self.more_button.setAccessibleName("Meer zoekresultaten tonen")
        self.more_button.setVisible(False)
        filters = QHBoxLayout()
        filters.addWidget(self.municipality_filter)
        filters.addWidget(self.status_filter)
        self.archived_filter = QCheckBox("Ook gearchiveerde")
        self.archived_filter.setAccessibleName("Ook gearchiveerde huishoudens zoeken")
        self.archived_filter.setToolTip(
            "Gearchiveerde huishoudens worden bewaard maar niet gezocht; vink dit aan om ze te vinden."
        )
        filters.addWidget(self.archived_filter)
        filters.addStretch(1)
        # --- end of search filters ---
        self.new_button = QPushButton("Nieuw huishouden (Ctrl+N)")
        self.new_button.setAccessibleName("Nieuw huishouden")
        self.recent = QListWidget()
        self.recent.setAccessibleName("Recente huishoudens")
        self.recent.setMaximumWidth(420)

        left = QVBoxLayout()
        left.addWidget(title)
        left.addWidget(self.search)
        left.addLayout(filters)
        left.addWidget(self.status)
        left.addWidget(self.results, 1)
        left.addWidget(self.more_button)
        right = QVBoxLayout()
        right.addWidget(self.new_button)
        right.addSpacing(12)
        right.addWidget(QLabel("<b>Recent geopend</b>"))
        right.addWidget(self.recent, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(left, 3)
        layout.addSpacing(16)
        layout.addLayout(right, 2)
        QWidget.setTabOrder(self.search, self.municipality_filter)
        QWidget.setTabOrder(self.municipality_filter, self.status_filter)
        QWidget.setTabOrder(self.status_filter, self.archived_filter)
        QWidget.setTabOrder(self.archived_filter, self.results)
        QWidget.setTabOrder(self.results, self.more_button)
        QWidget.setTabOrder(self.more_button, self.new_button)
        QWidget.setTabOrder(self.new_button, self.recent)

    def keyPressEvent(self, event: Any) -> None:
        # Down from the search field goes into the results, as in any search box.
        if event.key() == Qt.Key.Key_Down and self.search.hasFocus() and self.results.count():
            self.results.setFocus()
            self.results.setCurrentRow(0)
            return
        super().keyPressEvent(event)


class MainWindow(QMainWindow):
    def __init__(
        self,
        db: Any | None,
        reference: Any | None,
        today: date,
        settings: WindowSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.reference = reference
        self.today = today
        self.backup_thread: threading.Thread | None = None  # today's backup (run_app)
        self.settings = settings or WindowSettings()
        self.setWindowTitle("Trajectplanner")
        self.setObjectName("MainWindow")
        self.catalogue: Any = None
        self.professional = Professional()
        self.session: HouseholdSession | None = None
        self._untyped_new: HouseholdSession | None = None  # made by Ctrl+N, nothing typed yet
        self.view: HouseholdView | None = None
        self.instance_lock: Any = None  # db.instance_lock.InstanceLock while the database is ours
        self.caseload: CaseloadPage | None = None
        self.monitor: Any = None  # ui.views.monitor_page.MonitorPage, made when first shown
        self.worker = shared_worker()
        self._waiting_message = ""  # shown in the status bar until the save gets through

        self.undo_group = QUndoGroup(self)
        self.start = StartPage()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start)
        self.setCentralWidget(self.stack)

        self.findings = FindingsPanel()
        self.findings.count_changed.connect(self._findings_counted)
        self.findings_dock = QDockWidget("Bevindingen", self)
        self.findings_dock.setObjectName("FindingsDock")
        self.findings_dock.setWidget(self.findings)
        self.findings_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.findings_dock)
        self.resizeDocks([self.findings_dock], [270], Qt.Orientation.Horizontal)
        self.findings_dock.hide()
        # The findings belong to the open household: shown with its view only, never over the
        # search page or the caseload; whether the professional closed them is kept.
        self._findings_shown, self._on_view = True, False
        self.stack.currentChanged.connect(self._page_changed)

        self._make_actions()
        self._make_status_bar()

        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.run_search)
        self.start.search.textChanged.connect(lambda _t: self._search_anew())
        # --- search filters and "Meer tonen" (issue 11.7) ---
        self.search_limit = SEARCH_LIMIT  # grows by SEARCH_LIMIT per "Meer tonen"
        self.start.municipality_filter.currentIndexChanged.connect(lambda _i: self._search_anew())
        self.start.status_filter.currentIndexChanged.connect(lambda _i: self._search_anew())
        self.start.archived_filter.toggled.connect(lambda _on: self._search_anew())
        self.start.more_button.clicked.connect(self._show_more)
        # --- end of search filters ---
        self.start.search.returnPressed.connect(self._open_first_result)
        self.start.results.itemActivated.connect(lambda item: self.open_household(item.data(ID_ROLE)))
        self.start.recent.itemActivated.connect(lambda item: self.open_household(item.data(ID_ROLE)))
        self.start.new_button.clicked.connect(self.new_household)
        self.last_search_ms = 0.0  # of the last search shown, measured on the worker

        self.resize(1280, 740)
        geometry = self.settings.bytes("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.show_search()
        if db is not None:
            self.attach(db, reference)

    def attach(self, db: Any, reference: Any, catalogue: Any = None) -> None:
        """Connect the window to its database, with the reference data and the catalogue
        (`catalogue`: as loaded by the composition root, `ui.shell.root`; without it, it is read
        here). `run_app` does this in two steps (`attach_database`, then `complete_attach`)."""
        self.attach_database(db)
        self._attach_reference(reference, catalogue)

    def attach_database(self, db: Any) -> None:
        """The search page on `db`: the recent households, and what was typed before the database
        was there is searched now. The reference data and the catalogue follow right after
        (`complete_attach`): a household needs them, a search does not."""
        self.db = db
        read_only = getattr(db, "read_only", False)
        self.db_label.setText(f"Database: {db.location}" + (" (alleen lezen)" if read_only else ""))
        for control in (self.new_action, self.start.new_button):  # new_household completes the attach
            control.setEnabled(not read_only)
        self.export_action.setEnabled(True)  # reading works on a read-only file too
        self.import_action.setEnabled(not read_only)
        self.refresh_recent()
        later = lambda: QTimer.singleShot(0, self._complete_attach_or_refuse)  # noqa: E731
        if self.start.search.text().strip():
            self.run_search(then=later)  # its results first
            QTimer.singleShot(COMPLETE_ATTACH_MS, self._complete_attach_or_refuse)  # if it was dropped
        else:
            later()

    def complete_attach(self) -> None:
        """Read the reference data and the catalogue, once (what opening a household, a new one,
        the caseload and the monitor need); raises `db.errors.DatabaseError`."""
        if self.db is None or self.catalogue is not None:
            return
        from ui.shell import root

        workspace = root.open_workspace(self.db)
        self._attach_reference(workspace.reference, workspace.catalogue)

    def _complete_attach_or_refuse(self) -> None:
        from db.errors import DatabaseError

        try:
            self.complete_attach()
        except DatabaseError as exc:
            _refuse(self, str(exc))

    def _attach_reference(self, reference: Any, catalogue: Any) -> None:
        if catalogue is None:
            from planner.services.catalogue import load_catalogue

            catalogue = load_catalogue(self.db)
        self.reference, self.catalogue = reference, catalogue
        self.professional = load_professional(self.db)
        # The explanations come from the reference data, read with the database, not for the first frame.
        self.findings_dock.setToolTip(tip("bevindingen", reference))
        self.findings.list.setToolTip(tip("bevindingen", reference))
        self.start.new_button.setToolTip(tip("huishouden", reference))
        self._fill_municipality_filter()
        # After a search typed at once has been answered: the preloading thread shares the GIL.
        QTimer.singleShot(PRELOAD_AFTER_MS, _preload_household_modules)
        # Then a dry run of opening a household, in idle moments: the first one opens as fast as the next.
        from ui.views.warm_up import warm_up_when_idle

        warm_up_when_idle(self, ready=_household_modules_preloaded)

    # --- chrome -------------------------------------------------------------------------------

    def _make_actions(self) -> None:
        bar = QToolBar("Hoofdtaken")
        bar.setObjectName("MainToolBar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(bar)
        self.search_action = QAction("Zoeken", self, shortcut=QKeySequence("Ctrl+F"))
        self.search_action.setToolTip("Zoek een ander huishouden (Ctrl+F)")
        self.search_action.triggered.connect(self.show_search)
        self.caseload_action = QAction("Werkvoorraad", self, shortcut=QKeySequence("Ctrl+Shift+W"))
        self.caseload_action.setToolTip(
            "Mijn werkvoorraad: wat er in uw huishoudens moet gebeuren (Ctrl+Shift+W)"
        )
        self.caseload_action.triggered.connect(self.show_caseload)
        # The regional monitor (ui/views/monitor_page.py): in-, through- and outflow over a period.
        self.monitor_action = QAction("Monitor", self, shortcut=QKeySequence("Ctrl+Shift+M"))
        self.monitor_action.setToolTip(
            "De regionale monitor: in-, door- en uitstroom per gemeente (Ctrl+Shift+M)"
        )
        self.monitor_action.triggered.connect(self.show_monitor)
        self.new_action = QAction("Nieuw huishouden", self, shortcut=QKeySequence("Ctrl+N"))
        self.new_action.setToolTip("Een nieuw huishouden aanmaken (Ctrl+N)")
        self.new_action.triggered.connect(self.new_household)
        self.back_action = QAction("Terug naar huishouden", self, shortcut=QKeySequence("Ctrl+H"))
        self.back_action.setToolTip("Terug naar het geopende huishouden (Ctrl+H)")
        self.back_action.triggered.connect(self.show_household)
        # Fixed captions: the change's words are in the tooltip, so the toolbar never moves.
        self.undo_action = fixed_undo_action(self.undo_group, self)
        self.undo_action.setWhatsThis("De laatste wijziging ongedaan maken")
        self.undo_action.triggered.connect(self._undo_new_household)
        self.redo_action = fixed_undo_action(self.undo_group, self, redo=True)
        self.redo_action.setWhatsThis("Een ongedaan gemaakte wijziging opnieuw doen")
        self.settings_action = QAction("Instellingen…", self, shortcut=QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.edit_settings)
        # Delete (never decided) or archive (decided) the open household: ui/household_actions.py
        self.records_action = QAction("Verwijderen of archiveren…", self)
        self.records_action.setToolTip("Dit huishouden verwijderen (nooit besloten) of archiveren")
        self.records_action.triggered.connect(self._delete_or_archive)
        self.findings_action = self.findings_dock.toggleViewAction()
        self.findings_action.setText("Bevindingen")
        self.findings_action.setShortcut(QKeySequence("Ctrl+B"))
        self.findings_action.setWhatsThis("De bevindingen tonen of verbergen")
        for a in (
            self.search_action,
            self.caseload_action,
            self.monitor_action,
            self.new_action,
            self.back_action,
        ):
            bar.addAction(a)
        bar.addSeparator()
        bar.addAction(self.undo_action)
        bar.addAction(self.redo_action)
        bar.addSeparator()
        bar.addAction(self.findings_action)
        bar.addAction(self.settings_action)
        bar.addAction(self.records_action)
        self.help = WindowHelp(self, bar, self.reference)  # F1, Ctrl+/ and the Help button
        self.quit_action = QAction("Afsluiten (alles wordt bewaard)", self, shortcut=QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)  # closeEvent saves first
        self.addAction(self.quit_action)
        for a in bar.actions():
            self.addAction(a)
        # Exporting for the office and reading a file in (ui/exchange_window.py), by key and menu-less.
        self.export_action = QAction(
            "Exporteren voor het kantoor…", self, shortcut=QKeySequence("Ctrl+Shift+E")
        )
        self.export_action.triggered.connect(self._export_file)
        self.import_action = QAction("Bestand inlezen…", self, shortcut=QKeySequence("Ctrl+Shift+I"))
        self.import_action.triggered.connect(self._import_file)
        self.addAction(self.export_action)
        self.addAction(self.import_action)
        for control in (self.new_action, self.start.new_button, self.export_action, self.import_action):
            control.setEnabled(self.db is not None)

    def _make_status_bar(self) -> None:
        self.db_label = QLabel("De database wordt geopend…")
        self.db_label.setAccessibleName("Geopende database")
        self.save_label = QLabel("Alles opgeslagen")
        self.save_label.setAccessibleName("Opslagstatus")
        self.statusBar().addWidget(self.db_label, 1)
        self.statusBar().addPermanentWidget(self.save_label)

    def _saved_changed(self, saved: bool) -> None:
        self.save_label.setText("✓ Alles opgeslagen" if saved else "Opslaan…")
        if saved and self._waiting_message:
            if self.statusBar().currentMessage() == self._waiting_message:
                self.statusBar().clearMessage()
            self._waiting_message = ""

    def _save_failed(self, message: str) -> None:
        self.save_label.setText("✖ Niet opgeslagen")
        self.statusBar().showMessage(message, 15000)

    def _save_waiting(self, message: str) -> None:
        # Shown until the save gets through: the professional keeps working meanwhile.
        self.save_label.setText("Wacht op de database…")
        self.statusBar().showMessage(message)
        self._waiting_message = message

    def _conflict_found(self, error: Any) -> None:
        from ui.conflict_dialog import POSTPONED, ask_about_conflict

        if self.session is None:
            return
        self.save_label.setText("✖ Niet opgeslagen")
        if not ask_about_conflict(self, self.session, error):
            self.statusBar().showMessage(POSTPONED)

    def _decided_elsewhere(self, notice: Any) -> None:
        from ui.conflict_dialog import tell_decided_elsewhere

        self.statusBar().showMessage(notice.message, 20000)
        tell_decided_elsewhere(self, notice)

    def _findings_counted(self, errors: int, warnings: int) -> None:
        total = errors + warnings
        self.findings_dock.setWindowTitle(f"Bevindingen ({total})" if total else "Bevindingen")

    # --- search -------------------------------------------------------------------------------

    def show_search(self) -> None:
        if self.session is not None:
            self.session.flush_pending()
        self.stack.setCurrentWidget(self.start)
        self.back_action.setEnabled(self.view is not None)
        self.refresh_recent()
        self.start.search.setFocus()
        self.start.search.selectAll()

    def show_caseload(self) -> None:
        """Mijn werkvoorraad, built afresh each time it is asked for; focus in the list."""
        self.complete_attach()
        if self.db is None or self.reference is None:
            self.statusBar().showMessage("Even geduld: de database wordt geopend…", 5000)
            return
        if self.session is not None:
            self.session.save_soon()  # on the serial worker before the list: it shows what is typed
        if self.caseload is None:
            from ui.views.caseload_page import CaseloadPage

            self.caseload = CaseloadPage(self.db, self.reference.terms, self.today)
            self.caseload.open_requested.connect(self._open_due)
            self.stack.addWidget(self.caseload)
        self.caseload.db = self.db
        self.caseload.refresh()
        self.stack.setCurrentWidget(self.caseload)
        self.back_action.setEnabled(self.view is not None)
        self.caseload.focus_table()

    def show_monitor(self) -> None:
        """The regional monitor page; the figures are computed when asked for (Berekenen)."""
        self.complete_attach()
        if self.db is None or self.reference is None:
            self.statusBar().showMessage("Even geduld: de database wordt geopend…", 5000)
            return
        if self.monitor is None:
            from ui.views.monitor_page import MonitorPage

            self.monitor = MonitorPage(self.db, self.catalogue, self.reference, self.today)
            self.stack.addWidget(self.monitor)
        self.monitor.db = self.db
        self.stack.setCurrentWidget(self.monitor)
        self.back_action.setEnabled(self.view is not None)

    def _open_due(self, household_id: str, subject_kind: str, subject_id: str) -> None:
        session = self.open_household(household_id)
        if session is not None and subject_kind:
            session.navigate.emit(subject_kind, subject_id)

    def _page_changed(self, _index: int) -> None:
        on_view = self.view is not None and self.stack.currentWidget() is self.view
        if on_view and not self._on_view:
            self.findings_dock.setVisible(self._findings_shown)
        elif self._on_view and not on_view:
            self._findings_shown = self.findings_dock.isVisible()
            self.findings_dock.hide()
        self._on_view = on_view
        self.findings_action.setEnabled(on_view)

    def show_household(self) -> None:
        if self.view is not None:
            self.stack.setCurrentWidget(self.view)
            self.view.tabs.currentWidget().setFocus()

    def run_search(self, then: Callable[[], None] | None = None) -> None:
        """Search on the worker; the newest search's results are shown, older ones are dropped.

        `then` runs after these results are shown (Enter opens the first one)."""
        text = self.start.search.text()
        if self.db is None:
            self.start.status.setText("Even geduld: de database wordt geopend…")
            return
        db = self.db

        limit = self.search_limit
        municipality = self.start.municipality_filter.currentData()
        chosen_status = self.start.status_filter.currentData()
        plan_status = PlanStatus(chosen_status) if chosen_status else None
        archived = self.start.archived_filter.isChecked()

        def search() -> tuple[list[Any], float]:
            t0 = time.perf_counter()
            found = search_households(db, text, limit, municipality, plan_status, archived)
            return found, (time.perf_counter() - t0) * 1000

        def show(result: tuple[list[Any], float]) -> None:
            self._show_results(text, *result)
            if then is not None:
                then()

        self.worker.submit(search, show, self._search_failed, key="search", owner=self, name="search")

    def _show_results(self, text: str, found: list[Any], ms: float) -> None:
        self.last_search_ms = ms
        results = self.start.results
        results.clear()
        for s in found:
            item = QListWidgetItem(summary_words(s))
            item.setData(ID_ROLE, s.id)
            results.addItem(item)
        if not text.strip():
            self.start.status.setText("Typ om te zoeken. Enter of dubbelklik opent een huishouden.")
        elif not found:
            self.start.status.setText(
                f"Niemand gevonden voor ‘{text.strip()}’. Maak zo nodig een nieuw huishouden (Ctrl+N)."
            )
        else:
            more = (
                f" (de eerste {len(found)}; ‘Meer tonen’ toont er meer)"
                if len(found) == self.search_limit
                else ""
            )
            found_words = count_words(len(found), "huishouden", "huishoudens")
            self.start.status.setText(f"{found_words} gevonden{more}. Pijl omlaag en Enter om te openen.")
        self.start.more_button.setVisible(bool(text.strip()) and len(found) == self.search_limit)

    # --- search filters and "Meer tonen" (issue 11.7) ---

    def _search_anew(self) -> None:
        """Another text or filter: the first SEARCH_LIMIT again, after the typing pause."""
        self.search_limit = SEARCH_LIMIT
        self._search_timer.start()

    def _show_more(self) -> None:
        self.search_limit += SEARCH_LIMIT
        self._search_timer.stop()
        self.run_search()

    def _fill_municipality_filter(self) -> None:
        combo = self.start.municipality_filter
        combo.blockSignals(True)
        while combo.count() > 1:  # keep "Alle gemeenten"
            combo.removeItem(1)
        municipalities = sorted(self.catalogue.municipalities.values(), key=lambda m: m.name)
        for m in municipalities:
            combo.addItem(m.name, m.code)
        combo.blockSignals(False)

    # --- end of search filters ---

    def _search_failed(self, exc: BaseException) -> None:
        log.error("search failed: %s", type(exc).__name__)  # the query may be a name: not logged
        self.start.status.setText(
            "Zoeken lukt op dit moment niet. Probeer het zo nog eens; blijft het misgaan, "
            "sluit het programma dan en start het opnieuw."
        )

    def _open_first_result(self) -> None:
        self._search_timer.stop()

        def open_first() -> None:
            if self.start.results.count():
                self.open_household(self.start.results.item(0).data(ID_ROLE))

        self.run_search(then=open_first)

    def refresh_recent(self) -> None:
        self.start.recent.clear()
        ids = self.settings.recent()
        if self.db is None:
            return
        if not ids:
            self.start.recent.addItem("Nog geen huishoudens geopend.")
            return
        for household_id, hh in households_by_id(self.db, ids):
            if hh is None:
                self.settings.remove_recent(household_id)
                continue
            names = ", ".join(m.given_names for m in hh.members if m.given_names)
            item = QListWidgetItem(f"{hh.name or '(nog geen naam)'} — dossier {hh.case_number}\n{names}")
            item.setData(ID_ROLE, household_id)
            self.start.recent.addItem(item)

    # --- households ---------------------------------------------------------------------------

    def open_household(self, household_id: str | None) -> HouseholdSession | None:
        if not household_id:
            return None
        from db.errors import DamagedError, HouseholdUnreadableError
        from ui.session import HouseholdSession

        self.complete_attach()
        try:
            session = HouseholdSession.open(self.db, self.reference, self.catalogue, self.today, household_id)
        except DamagedError:
            message = str(HouseholdUnreadableError(self.db.case_number_of(household_id)))
            QMessageBox.warning(self, "Huishouden kan niet worden geopend", message)
            self.statusBar().showMessage(message, 15000)
            return None
        self._show_session(session)
        return session

    def new_household(self) -> HouseholdSession:
        from ui.session import HouseholdSession

        self.complete_attach()
        code = self.professional.default_municipality or self.reference.municipalities[0].code
        session = HouseholdSession.create(self.db, self.reference, self.catalogue, self.today, code)
        self._show_session(session)
        self._untyped_new = session  # discarded again if left before anything is typed (issue 11)
        # Ctrl+Z right away takes the new household back (its own undo stack is still empty).
        self.undo_action.setEnabled(True)
        self.undo_action.setToolTip("Ongedaan maken: nieuw huishouden (Ctrl+Z)")
        assert self.view is not None
        self.view.tabs.setCurrentWidget(self.view.household_tab)
        self.view.household_tab.street.setFocus()
        self.statusBar().showMessage(
            f"Nieuw huishouden aangemaakt: dossier {session.household.case_number}. "
            "Verlaat u het zonder iets in te vullen, dan verdwijnt het weer.",
            8000,
        )
        return session

    def _show_session(self, session: HouseholdSession) -> None:
        self.close_household()
        self.session = session
        session.setParent(self)
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        session.saved_changed.connect(self._saved_changed)
        session.save_failed.connect(self._save_failed)
        session.navigate.connect(self._show_view)
        session.save_waiting.connect(self._save_waiting)
        # Another window saved the same household (ui/elsewhere.py, ui/conflict_dialog.py).
        session.conflict_found.connect(self._conflict_found)
        session.decided_elsewhere.connect(self._decided_elsewhere)
        session.came_in.connect(lambda words: self.statusBar().showMessage(words, 20000))
        from ui.views.household_view import HouseholdView

        self.view = HouseholdView(session)
        self.stack.addWidget(self.view)
        self.stack.setCurrentWidget(self.view)
        self.back_action.setEnabled(True)
        self.findings.set_session(session)
        self.findings_dock.show()
        self.settings.add_recent(session.household.id)
        self._saved_changed(True)
        state = self.settings.bytes("window/state")
        if state is not None:
            self.restoreState(state)

    def close_household(self) -> None:
        if self.session is None:
            return
        self._discard_if_untyped()
        self.session.save_now()
        self.findings.set_session(None)
        self.undo_group.removeStack(self.session.undo_stack)
        if self.view is not None:
            self.stack.removeWidget(self.view)
            self.view.deleteLater()
        self.session.deleteLater()
        self.session = None
        self.view = None

    def _export_file(self) -> None:
        from ui.exchange_window import export_file

        self.complete_attach()
        export_file(self)

    def _import_file(self) -> None:
        from ui.exchange_window import import_file

        self.complete_attach()
        import_file(self)

    def _delete_or_archive(self) -> None:
        from ui.household_actions import delete_or_archive

        delete_or_archive(self)

    def _undo_new_household(self) -> None:
        """Ctrl+Z with nothing typed yet in the household Ctrl+N made: it is not kept."""
        session = self.session
        if session is None or session is not self._untyped_new or session.undo_stack.count():
            return
        self.close_household()  # discards it (nothing was typed) and says so
        self.show_search()

    def _discard_if_untyped(self) -> None:
        """A household made with Ctrl+N and left before anything was typed is deleted again."""
        session, fresh = self.session, self._untyped_new
        self._untyped_new = None
        if session is None or fresh is not session:
            return
        from ui.new_household import discard_if_untyped

        if discard_if_untyped(session):
            self.statusBar().showMessage(
                f"Dossier {session.household.case_number} is niet bewaard: er was nog niets ingevuld.", 8000
            )

    def _show_view(self, _kind: str, _subject_id: str | None) -> None:
        """A subject was asked for (the household view selects it): bring the view forward."""
        if self.view is not None:
            self.stack.setCurrentWidget(self.view)

    # --- settings -----------------------------------------------------------------------------

    def edit_settings(self) -> None:
        from planner.services.exchange import catalogue_info, office_recipient, set_office_recipient
        from ui.settings_dialog import SettingsDialog
        from ui.shell.keys import KeyStore

        self.complete_attach()
        office = office_recipient(self.db) or ""
        info = catalogue_info(self.db)
        dialog = SettingsDialog(
            self.professional,
            self.reference,
            self,
            keys=KeyStore(),
            office_key=office,
            catalogue=(info.version, info.date) if info else (None, None),
        )
        if dialog.exec():
            if dialog.office_key() != office:
                set_office_recipient(self.db, dialog.office_key())
            self.change_settings(dialog.professional())

    def change_settings(self, professional: Professional) -> None:
        """Store the settings (an operation) and announce them to the open household."""
        from planner.services.settings import change_settings

        changes = change_settings(self.db, professional)
        self.professional = load_professional(self.db)
        if self.session is not None:
            self.session.notify(changes, initiator=self)
        self.statusBar().showMessage("Instellingen opgeslagen.", 5000)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._discard_if_untyped()
        if self.session is not None and not self.session.save_now():
            answer = QMessageBox.warning(
                self,
                "Niet opgeslagen",
                "De laatste wijzigingen konden niet worden opgeslagen. Toch afsluiten? "
                "Dan gaan die wijzigingen verloren.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.settings.set_bytes("window/geometry", self.saveGeometry())
        if self.session is not None:
            self.settings.set_bytes("window/state", self.saveState())
        self.settings.sync()
        if self.instance_lock is not None:
            self.instance_lock.release()
        event.accept()


class _QtWordsQt6Renamed(QTranslator):
    """Qt's own words that Qt 6 respelled and qtbase_nl has not caught up with (the file dialog
    showed "Look in" and "Files of type" in English)."""

    WORDS: ClassVar[dict[tuple[str, str], str]] = {
        ("QFileDialog", "&Look in:"): "&Zoeken in:",
        ("QFileDialog", "Files of &type:"): "Bestands&type:",
    }

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return self.WORDS.get((context, source))  # None: not ours, the next translator is asked

    def isEmpty(self) -> bool:
        return False


def use_dutch_locale(app: QApplication | None = None) -> None:
    """Dates, month names and calendar popups in Dutch, whatever the computer's own language;
    with `app`, also Qt's own words (standard buttons, context menus, file dialogs) from Qt's
    translations, and Qt's own file dialogs rather than the desktop's, which follow the computer's
    language."""
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    if app is not None and not app.findChild(_QtWordsQt6Renamed):
        translator = QTranslator(app)  # parented: lives as long as the application
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(QLocale(), "qtbase", "_", folder):
            app.installTranslator(translator)
        app.installTranslator(_QtWordsQt6Renamed(app))  # asked first: installed last
        app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)


def run_app(db_path: Path | str, today: date | None = None, *, demo: bool = False) -> int:
    """Show the window at once, then open the database at `db_path`; returns the exit code.

    An empty database gets the demo region: without asking when `demo` is set, else on request.
    """
    app = QApplication.instance() or QApplication(sys.argv)
    from ui.qt_logging import install_qt_message_handler

    install_qt_message_handler()  # Qt's messages to the private log, not the terminal
    use_dutch_locale(app)
    app.setOrganizationName("Trajectplanner")
    app.setApplicationName("Trajectplanner")
    from ui.shell.paths import backups_dir

    window = MainWindow(None, None, today or date.today())
    prepared = _prepare_file(window, db_path)
    window.show()
    # The data layer (SQLAlchemy, the catalogue: 0.2-0.3 s) once the first frame is painted:
    # what is typed meanwhile waits in Qt's queue and is searched as soon as it is there.
    backups = backups_dir()
    after_first_paint(window.start.search, lambda: _open_database(window, db_path, demo, backups, prepared))
    try:
        return app.exec()
    finally:
        if window.backup_thread is not None:
            window.backup_thread.join(timeout=10)  # let a nearly done backup finish
        if window.db is not None:
            window.db.close()
        if window.instance_lock is not None:
            window.instance_lock.release()


def _prepare_file(window: MainWindow, path: Path | str) -> Any:
    """Before the first frame: lock the file and find out whether and how it opens (db/opening.py,
    no data layer yet), and say so in the status bar. None when that is for `_open_database` to
    do: a server database, or a file that refuses (its message comes from there, once)."""
    if isinstance(path, str):
        return None
    from db.errors import DatabaseError
    from db.instance_lock import InstanceLock
    from ui.shell import root

    try:
        lock = InstanceLock.acquire(path)
    except DatabaseError:
        return None
    try:
        prepared = root.prepare_file(path)
        if not lock.held:  # the folder was only just made by preparing
            lock = InstanceLock.acquire(path)
    except DatabaseError:
        lock.release(remove=lock.created)
        return None
    except BaseException:
        lock.release(remove=lock.created)
        raise
    window.instance_lock = lock
    read_only = " (alleen lezen)" if prepared.notice is not None else ""
    window.db_label.setText(f"Database: {path}{read_only}")
    return prepared


def _open_database(
    window: MainWindow, path: Path | str, demo: bool, backups: Path | None = None, prepared: Any = None
) -> None:
    """Open the database for the window, offer to encrypt a plain file, offer the demo, attach;
    then the day's backup into `backups` on a background thread (None: no backup). Every way
    opening can fail ends in a Dutch message, never in a window left on "De database wordt
    geopend…"."""
    from db.errors import DatabaseError

    try:
        _attach_database(window, path, demo, backups, prepared)
    except DatabaseError as exc:
        _refuse(window, str(exc))
    except Exception:
        log.exception("opening the database failed")
        _refuse(
            window,
            f"De database {path} kan niet worden geopend door een onverwachte fout. Er is niets "
            "gewijzigd. Details staan in het logbestand; probeer het opnieuw of neem contact op "
            "met de beheerder.",
        )


def _refuse(window: MainWindow, message: str) -> None:
    window.db_label.setText("De database is niet geopend.")
    QMessageBox.critical(window, "Database kan niet worden geopend", message)
    window.close()


def _attach_database(
    window: MainWindow, path: Path | str, demo: bool, backups: Path | None, prepared: Any = None
) -> None:
    if isinstance(path, str):
        _attach_server_database(window, path, demo)
        return
    from db.instance_lock import InstanceLock
    from db.tempfiles import remove_stale_temp_files
    from ui.shell import root

    # The lock first: a second window must not even upgrade the file under the first one.
    lock = window.instance_lock or InstanceLock.acquire(path)
    try:
        db = root.open_database(path, prepared)
    except BaseException:
        lock.release(remove=lock.created)
        window.instance_lock = None
        raise
    if not lock.held:  # the folder was only just made by opening
        try:
            lock = InstanceLock.acquire(path)
        except BaseException:
            db.close()
            raise
    window.instance_lock = lock
    remove_stale_temp_files([path.parent])
    if db.notice is not None:
        QMessageBox.warning(window, "Database alleen te lezen", str(db.notice))
    else:
        if not db.encrypted and _offer_encryption(window, db.path):
            db = _encrypt(window, db)
        if root.is_empty(db) and (demo or _offer_demo(window)):
            window.statusBar().showMessage("De demoregio wordt geladen…")
            QApplication.processEvents()
            root.load_demo(db, today=window.today)
            window.statusBar().showMessage("De demoregio is geladen.", 8000)
    window.attach_database(db)  # the search page works; the reference data and catalogue follow
    if backups is not None:
        window.backup_thread = _start_daily_backup(db, backups, window.today)


def _attach_server_database(window: MainWindow, url: str, demo: bool) -> None:
    """A PostgreSQL database (db/postgres.py): the server keeps writers apart and is backed up and
    protected by its own means, so no instance lock, encryption offer or daily file backup."""
    from ui.shell import root

    db = root.open_database(url)
    if root.is_empty(db) and (demo or _offer_demo(window)):
        root.load_demo(db, today=window.today)
    workspace = root.open_workspace(db)
    window.attach(workspace.db, workspace.reference, workspace.catalogue)


def _offer_encryption(window: QWidget, path: Path) -> bool:
    from db.cipher import describe_key_location

    answer = QMessageBox.question(
        window,
        "Database versleutelen",
        f"De database {path.name} is niet versleuteld: wie het bestand in handen krijgt (een "
        "verloren laptop, een kopie op een USB-stick of een netwerkschijf), kan alle gegevens van "
        "de cliënten lezen.\n\nWilt u hem nu versleutelen? Dat duurt hooguit enkele seconden en "
        f"er gaat niets verloren. De sleutel wordt bewaard in {describe_key_location()}; alleen "
        "met die sleutel gaat de database nog open. Kiest u Nee, dan wordt dit de volgende keer "
        "opnieuw gevraagd.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes


def _encrypt(window: MainWindow, db: Any) -> Any:
    """The same database, encrypted; on failure the plain one, after saying so."""
    from db.cipher import database_key, encrypt_file
    from db.database import Database, DatabaseError

    path = db.path
    db.close()
    window.statusBar().showMessage("De database wordt versleuteld…")
    QApplication.processEvents()
    try:
        encrypt_file(path, database_key())
    except DatabaseError as exc:
        QMessageBox.warning(window, "Versleutelen is niet gelukt", str(exc))
    db = Database.open(path)
    if db.encrypted:
        window.statusBar().showMessage("De database is versleuteld.", 8000)
    return db


# What opening a household imports (its session, storage, rules and every tab): 200-400 ms the
# first time, imported once the search page is usable, so the first household opens as fast as
# the next (issue 11.8). A thread, because the GIL is handed back every few milliseconds and the
# search page stays responsive; the modules only define classes, no Qt object is made there.
_HOUSEHOLD_MODULES = (
    "ui.session",
    "ui.views.household_view",
    "ui.support.support_tab",  # the view's optional tabs (ui/views/household_view.py)
    "ui.support.timeline",
    "ui.household_actions",
)
_preloading: list[threading.Thread] = []


def _household_modules_preloaded() -> bool:
    return bool(_preloading) and not any(t.is_alive() for t in _preloading)


def _preload_household_modules() -> None:
    if _preloading:
        return

    def run() -> None:
        import importlib

        for name in _HOUSEHOLD_MODULES:
            try:
                importlib.import_module(name)
            except Exception:  # imported again, with its error, when a household opens
                log.exception("preloading %s failed", name)

    thread = threading.Thread(target=run, name="huishouden-voorladen", daemon=True)
    _preloading.append(thread)
    thread.start()


def _start_daily_backup(db: Any, folder: Path, today: date) -> threading.Thread:
    """Today's backup, off the GUI thread: the backup API reads a snapshot while the window
    keeps saving (WAL), and a failure only reaches the log (the next start tries again)."""
    from db.backup import daily_backup

    def run() -> None:
        try:
            daily_backup(db, folder, today)
        except Exception:
            log.exception("daily backup failed")

    thread = threading.Thread(target=run, name="dagelijkse-reservekopie", daemon=True)
    thread.start()
    return thread


def _offer_demo(window: QWidget) -> bool:
    answer = QMessageBox.question(
        window,
        "Lege database",
        "Deze database is nog leeg: er staan geen aanbieders, contracten of huishoudens in.\n\n"
        "Wilt u de demoregio laden? Dat zijn acht gemeenten met verzonnen aanbieders en "
        "voorbeeldhuishoudens, om het programma te leren kennen. U kunt ook leeg beginnen.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes
