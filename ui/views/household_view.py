"""The open household as tabs; knows how to go to the place a finding concerns.

The support helper's tabs (ui/support: "Ondersteuning", "Tijdlijn") are added when that package is
present, between Coördinator and Plangeschiedenis.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from planner.services.changes import Changes, Kind
from ui.decision_bar import DecisionBar
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

# The tab that shows each kind of subject (the findings' subject kinds).
SUBJECT_TABS = {
    "member": "Huishouden",
    "life_area": "Leefgebieden",
    "coordinator": "Coördinator",
    "plan": "Gesprek",
    "allocation": "Ondersteuning",
}


class HouseholdView(QWidget):
    def __init__(self, session: HouseholdSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.header = QLabel()
        self.header.setStyleSheet("font-size: 14pt; font-weight: 600; padding: 2px 4px;")
        self.header.setAccessibleName("Geopend huishouden")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        ref = session.reference
        # Tabs are built when first shown (or asked for): opening a household stays fast.
        specs: list[tuple[str, Callable[[], QWidget], str]] = [
            ("Huishouden", lambda: HouseholdTab(session), tip("huishouden", ref)),
            ("Gesprek", lambda: ConversationTab(session), tip("keukentafelgesprek", ref)),
            ("Leefgebieden", lambda: MatrixTab(session), tip("leefgebied", ref)),
            ("Coördinator", lambda: CoordinatorTab(session), tip("coordinator", ref)),
        ]
        for module_name, class_name, title in EXTRA_TABS:
            factory = self._optional_tab(module_name, class_name)
            if factory is not None:
                specs.append((title, factory, ""))
        specs.append(("Plangeschiedenis", lambda: HistoryTab(session), tip("plangeschiedenis", ref)))
        self._factories = {title: factory for title, factory, _tip in specs}
        self._built: dict[str, QWidget] = {}
        self.extra = [title for _m, _c, title in EXTRA_TABS if title in self._factories]
        for i, (title, _factory, text) in enumerate(specs):
            self.tabs.addTab(QWidget(), title)
            hint = f"Sneltoets: Ctrl+{i + 1}" if i < 9 else ""
            self.tabs.setTabToolTip(i, f"{text}\n{hint}".strip())
            if i < 9:
                shortcut = QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self)
                shortcut.setWhatsThis(f"Naar het tabblad {title}")
                shortcut.activated.connect(lambda i=i: self.tabs.setCurrentIndex(i))
        self.tabs.currentChanged.connect(lambda i: self.tab(self.tabs.tabText(i)))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        header_row = QHBoxLayout()
        header_row.addWidget(self.header, 1)
        self.decision_bar = DecisionBar(session, self)  # "Brieven en plan bekijken…", "Besluit vaststellen…"
        header_row.addWidget(self.decision_bar)
        layout.addLayout(header_row)
        layout.addWidget(self.tabs, 1)
        session.connect_changes(self._on_changes)
        session.navigate.connect(self.navigate)
        self.refresh_header()
        self.tab("Huishouden")

    def tab(self, title: str) -> QWidget:
        """The tab with this title, built on first use (replacing its placeholder)."""
        widget = self._built.get(title)
        if widget is not None:
            return widget
        widget = self._factories[title]()
        self._built[title] = widget
        index = next(i for i in range(self.tabs.count()) if self.tabs.tabText(i) == title)
        placeholder, tooltip, current = (
            self.tabs.widget(index),
            self.tabs.tabToolTip(index),
            self.tabs.currentIndex(),
        )
        self.tabs.blockSignals(True)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, widget, title)
        self.tabs.setTabToolTip(index, tooltip)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        placeholder.deleteLater()
        return widget

    @property
    def household_tab(self) -> HouseholdTab:
        return self.tab("Huishouden")  # type: ignore[return-value]

    @property
    def conversation_tab(self) -> ConversationTab:
        return self.tab("Gesprek")  # type: ignore[return-value]

    @property
    def matrix_tab(self) -> MatrixTab:
        return self.tab("Leefgebieden")  # type: ignore[return-value]

    @property
    def coordinator_tab(self) -> CoordinatorTab:
        return self.tab("Coördinator")  # type: ignore[return-value]

    @property
    def history_tab(self) -> HistoryTab:
        return self.tab("Plangeschiedenis")  # type: ignore[return-value]

    def _optional_tab(self, module_name: str, class_name: str) -> Callable[[], QWidget] | None:
        try:
            cls = getattr(importlib.import_module(module_name), class_name)
        except (ModuleNotFoundError, AttributeError):
            return None

        def build() -> QWidget:
            try:
                return cls(self.session)
            except Exception:  # another package's bug must not keep the household closed
                log.exception("optional tab %s failed", class_name)
                return QLabel(
                    "Dit onderdeel kon niet worden geopend. Uw werk in de andere tabbladen is veilig."
                )

        return build

    DEPENDS_ON = Kind.HOUSEHOLD | Kind.MEMBERS | Kind.PLAN | Kind.PLANS

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        if changes.touches(self.DEPENDS_ON):
            self.refresh_header()

    def refresh_header(self) -> None:
        s = self.session
        hh = s.household
        municipality = next(
            (m.name for m in s.reference.municipalities if m.code == hh.municipality_code),
            hh.municipality_code,
        )
        name = f"Huishouden {hh.name}" if hh.name else "Nieuw huishouden (nog zonder gezinsleden)"
        status = f" · plan {s.plan.version} ({s.plan.status.value})" if s.plan else ""
        self.header.setText(f"{name} · dossier {hh.case_number} · {municipality}{status}")

    # --- navigation -----------------------------------------------------------------------------

    def navigate(self, kind: str, subject_id: str | None) -> None:
        """Answer `session.navigate` (from the findings, the timeline, anything that points at a
        subject): show the tab the subject lives on; that tab's `show_subject` selects it."""
        title = SUBJECT_TABS.get(kind, "Huishouden")
        tab = self.tab(title if title in self._factories else "Huishouden")
        self.tabs.setCurrentWidget(tab)
        show = getattr(tab, "show_subject", None)  # absent on a tab that failed to build
        if callable(show):
            show(kind, subject_id)
