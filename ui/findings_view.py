"""One list of rule findings, worded and coloured the same wherever findings are shown: the findings
dock, the allocation editor and the decide dialog.

A row is "✖ Fout: …" or "⚠ Let op: …" and carries the finding's subject and code. A view that can
take the user to a finding's subject (the dock) connects `subject_activated` to
`session.navigate`; the others show the findings only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QListWidget, QListWidgetItem, QWidget

from planner.findings import Finding

log = logging.getLogger(__name__)
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
CODE_ROLE = Qt.ItemDataRole.UserRole + 3
ERROR_COLOR, WARNING_COLOR, NONE_COLOR = "#a4000f", "#6a4500", "#1d6b1d"
CHECK_FAILED = "De controle kon niet worden uitgevoerd. Uw werk is wel opgeslagen."
GO_THERE = "Dubbelklik of druk Enter om erheen te gaan."


def finding_text(finding: Finding) -> str:
    """The one wording of a finding in a list: its mark, its severity in words and its message."""
    return f"{'✖ Fout' if finding.is_error else '⚠ Let op'}: {finding.message}"


class FindingsView(QListWidget):
    """Findings as rows. `navigable`: activating a row emits `subject_activated(kind, id)`.
    `fit_rows`: as tall as its rows, frameless and not a tab stop (a block inside a form)."""

    subject_activated = Signal(str, object)  # subject kind, subject id (None: the household)

    def __init__(
        self,
        accessible_name: str,
        *,
        navigable: bool = False,
        fit_rows: bool = False,
        none_text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.navigable = navigable
        self.fit_rows = fit_rows
        self.none_text = none_text  # shown as one row when there are no findings ("" shows nothing)
        self._findings: list[Finding] = []
        self.setWordWrap(True)
        self.setAccessibleName(accessible_name)
        # Rows wrap at the view's width and re-wrap when it changes: never a row wider than the
        # view, cut off at the right behind a horizontal scroll bar.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        if fit_rows:
            self.setFrameShape(QFrame.Shape.NoFrame)
            self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setStyleSheet("QListWidget { background: transparent; }")
        if navigable:
            self.itemActivated.connect(self._activated)

    # --- what is shown ------------------------------------------------------------------------

    def show_findings(self, findings: Sequence[Finding]) -> None:
        self.clear()
        self._findings = list(findings)
        for f in self._findings:
            item = QListWidgetItem(finding_text(f))
            item.setData(KIND_ROLE, f.subject_kind)
            item.setData(ID_ROLE, f.subject_id)
            item.setData(CODE_ROLE, f.code)
            if self.navigable:
                item.setToolTip(f"{f.message}\n\n{GO_THERE}")
            item.setForeground(QBrush(QColor(ERROR_COLOR if f.is_error else WARNING_COLOR)))
            self.addItem(item)
        if not self._findings and self.none_text:
            self._note(self.none_text, NONE_COLOR)
        self._fit()

    def show_check(self, check: Callable[[], Sequence[Finding]]) -> list[Finding] | None:
        """Run the rules and show what they find; a rule bug shows one row saying so (and is
        logged) instead of taking the window down. Returns the findings, None when it failed."""
        try:
            found = list(check())
        except Exception:
            log.exception("rule check failed")
            self.show_failure()
            return None
        self.show_findings(found)
        return found

    def show_failure(self) -> None:
        self.clear()
        self._findings = []
        self._note(CHECK_FAILED, ERROR_COLOR)
        self._fit()

    def show_nothing(self) -> None:
        self.clear()
        self._findings = []
        self._fit()

    def findings(self) -> list[Finding]:
        return list(self._findings)

    def codes(self) -> list[str]:
        return [f.code for f in self._findings]

    def messages(self) -> list[str]:
        return [f.message for f in self._findings]

    def _note(self, text: str, color: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        item.setForeground(QBrush(QColor(color)))
        self.addItem(item)

    def _activated(self, item: QListWidgetItem) -> None:
        kind = item.data(KIND_ROLE)
        if kind:
            self.subject_activated.emit(kind, item.data(ID_ROLE))

    # --- fitting its rows ---------------------------------------------------------------------

    def _fit(self) -> None:
        if self.fit_rows:
            self.doItemsLayout()
            self.setFixedHeight(self._rows_height())

    def _rows_height(self) -> int:
        # Where the rows were laid out (wrapped at the viewport's width), not their unwrapped hints.
        bottom = max((self.visualItemRect(self.item(i)).bottom() + 1 for i in range(self.count())), default=0)
        return bottom + 2 * self.frameWidth()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fit_rows and event.size().width() != event.oldSize().width():
            self._fit()  # wrapped rows grow or shrink with the width

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()

    def sizeHint(self) -> QSize:
        if self.fit_rows:
            return QSize(super().sizeHint().width(), self._rows_height())
        return super().sizeHint()
