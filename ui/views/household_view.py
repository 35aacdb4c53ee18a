"""The open household as tabs; knows how to go to the place a finding concerns.

The support helper's tabs (ui/support: "Ondersteuning", "Tijdlijn") are added when that package is
present, between Coördinator and Plangeschiedenis.
"""

from __future__ import annotations

import importlib
import logging

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from ui.help import tip
from ui.session import HouseholdSession
from ui.views.conversation_tab import ConversationTab
from ui.views.coordinator_tab import CoordinatorTab
from ui.views.history_tab import HistoryTab
from ui.views.household_tab import HouseholdTab
from ui.views.matrix_tab import MatrixTab

log = logging.getLogger(__name__)

# (module, class, tab title) of optional tabs from other packages.
EXTRA_TABS = (
    ("ui.support.support_tab", "SupportTab", "Ondersteuning"),
    ("ui.support.timeline", "TimelineWidget", "Tijdlijn"),
)


class HouseholdView(QWidget):
    def __init__(self, session: HouseholdSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.header = QLabel()
        self.header.setStyleSheet("font-size: 14pt; font-weight: 600; padding: 2px 4px;")
        self.header.setAccessibleName("Geopend huishouden")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.household_tab = HouseholdTab(session)
        self.conversation_tab = ConversationTab(session)
        self.matrix_tab = MatrixTab(session)
        self.coordinator_tab = CoordinatorTab(session)
        self.history_tab = HistoryTab(session)
        ref = session.reference
        self.tabs.addTab(self.household_tab, "Huishouden")
        self.tabs.addTab(self.conversation_tab, "Gesprek")
        self.tabs.addTab(self.matrix_tab, "Leefgebieden")
        self.tabs.addTab(self.coordinator_tab, "Coördinator")
        self.tabs.setTabToolTip(0, tip("huishouden", ref))
        self.tabs.setTabToolTip(1, tip("keukentafelgesprek", ref))
        self.tabs.setTabToolTip(2, tip("leefgebied", ref))
        self.tabs.setTabToolTip(3, tip("coordinator", ref))
        self.extra: dict[str, QWidget] = {}
        for module_name, class_name, title in EXTRA_TABS:
            widget = self._optional_tab(module_name, class_name)
            if widget is not None:
                self.extra[title] = widget
                self.tabs.addTab(widget, title)
        self.tabs.addTab(self.history_tab, "Plangeschiedenis")
        self.tabs.setTabToolTip(self.tabs.count() - 1, tip("plangeschiedenis", ref))
        for i in range(min(self.tabs.count(), 9)):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self)
            shortcut.activated.connect(lambda i=i: self.tabs.setCurrentIndex(i))
            self.tabs.setTabToolTip(i, f"{self.tabs.tabToolTip(i)}\nSneltoets: Ctrl+{i + 1}".strip())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        session.changed.connect(self._on_changed)
        self.refresh_header()

    def _optional_tab(self, module_name: str, class_name: str) -> QWidget | None:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:
            return None
        try:
            return getattr(module, class_name)(self.session)
        except Exception:  # another package's bug must not keep the household closed
            log.exception("optional tab %s failed", class_name)
            return None

    def _on_changed(self, kinds: set[str]) -> None:
        if kinds & {"household", "members", "plan", "plans"}:
            self.refresh_header()

    def refresh_header(self) -> None:
        s = self.session
        hh = s.household
        municipality = next(
            (m.name for m in s.reference.municipalities if m.code == hh.municipality_code),
            hh.municipality_code,
        )
        name = hh.name or "Nieuw huishouden"
        status = f" · plan {s.plan.version} ({s.plan.status.value})" if s.plan else ""
        self.header.setText(f"Huishouden {name} · dossier {hh.case_number} · {municipality}{status}")

    # --- navigation from findings --------------------------------------------------------------

    def navigate(self, kind: str, subject_id: str | None) -> None:
        if kind == "member":
            self.tabs.setCurrentWidget(self.household_tab)
            if subject_id:
                self.household_tab.select_member(subject_id)
            self.household_tab.given_names.setFocus()
        elif kind == "life_area":
            self.tabs.setCurrentWidget(self.matrix_tab)
            if subject_id:
                self.matrix_tab.select_life_area(subject_id)
            self.matrix_tab.view.setFocus()
        elif kind == "coordinator":
            self.tabs.setCurrentWidget(self.coordinator_tab)
        elif kind == "plan":
            self.tabs.setCurrentWidget(self.conversation_tab)
        elif kind == "allocation" and "Ondersteuning" in self.extra:
            tab = self.extra["Ondersteuning"]
            self.tabs.setCurrentWidget(tab)
            select = getattr(tab, "select_allocation", None)
            if callable(select) and subject_id:
                select(subject_id)
        else:
            self.tabs.setCurrentWidget(self.household_tab)
