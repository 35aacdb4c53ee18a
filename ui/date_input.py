"""The one date widget: a line that reads dates as typed, with a calendar by mouse or keyboard.

A QDateEdit edits sections, so `15031985` typed into an empty one becomes nonsense and an empty
value needs a fake date (1900). This widget is a plain line edit read by
`planner.date_input.parse_date` when the professional leaves it (Tab, Enter, a click elsewhere):

- a readable date is shown as `15-03-1985` and announced by `valueChanged(date | None)`;
- an empty line is no date (None), unless the field is `required`;
- an unreadable line keeps what was typed and says why next to it, in Dutch (no dialog);
- Up/Down move a readable date by a day; on an empty line they do nothing;
- Alt+Down or F4 (or the calendar mark in the line) open the calendar at the date, or at
  today's month when there is none; arrows, PageUp/PageDown and Enter choose, Escape closes.

Tab always leaves: nothing here holds the focus.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QAction, QColor, QGuiApplication, QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from planner.date_input import FIRST_YEAR, LAST_YEAR, DateInputError, format_date, parse_date
from ui.keys import is_undo_key

PLACEHOLDER = "dd-mm-jjjj"
REQUIRED_MESSAGE = "Vul een datum in, bijvoorbeeld 15-03-2027 of 'vandaag'."
ERROR_COLOUR = "#a4000f"
# The keys `_key` below handles, for the shortcut overview (ui/help_dialog.py).
DATE_KEYS = (
    ("Alt+Pijl omlaag of F4", "De kalender openen"),
    ("Pijl omhoog / omlaag", "Een dag later / eerder"),
    ("Tab of Enter", "De datum afmaken"),
)


@functools.cache
def _calendar_icon() -> QIcon:
    """A small calendar sheet, drawn: the standard icon themes have none on every platform."""
    pix = QPixmap(16, 16)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setPen(QColor("#555"))
    p.drawRect(QRect(1, 2, 13, 12))
    p.fillRect(QRect(2, 3, 12, 3), QColor("#555"))
    for x in (4, 7, 10):
        for y in (8, 11):
            p.fillRect(QRect(x, y, 2, 2), QColor("#555"))
    p.end()
    return QIcon(pix)


class CalendarPopup(QFrame):
    """The month calendar under a date line; `picked(date)` on Enter, a click or a double-click."""

    picked = Signal(object)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget(self)
        self.calendar.setAccessibleName("Kalender")
        self.calendar.setDateRange(QDate(FIRST_YEAR, 1, 1), QDate(LAST_YEAR, 12, 31))
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.activated.connect(self._pick)
        self.calendar.clicked.connect(self._pick)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.calendar)

    def open_at(self, anchor: QWidget, d: date) -> None:
        self.calendar.setSelectedDate(QDate(d.year, d.month, d.day))
        self.calendar.setCurrentPage(d.year, d.month)
        self.adjustSize()
        pos = anchor.mapToGlobal(QPoint(0, anchor.height()))
        screen = anchor.screen() or QGuiApplication.primaryScreen()
        if screen is not None:  # stay on the screen: above the line when there is no room below
            room = screen.availableGeometry()
            if pos.y() + self.height() > room.bottom():
                pos.setY(anchor.mapToGlobal(QPoint(0, 0)).y() - self.height())
            pos.setX(max(room.left(), min(pos.x(), room.right() - self.width())))
        self.move(pos)
        self.show()
        self.calendar.setFocus()

    def selected(self) -> date:
        d = self.calendar.selectedDate()
        return date(d.year(), d.month(), d.day())

    def _pick(self, d: QDate) -> None:
        self.close()
        self.picked.emit(date(d.year(), d.month(), d.day()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)


class DateInput(QWidget):
    """A date typed as professionals type it (see the module text); `value()` is a date or None."""

    valueChanged = Signal(object)  # date | None: a new readable value was entered or picked

    def __init__(
        self,
        today: Callable[[], date],
        *,
        past: bool = False,
        required: bool = False,
        accessible_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._today = today
        self.past = past  # two-digit years never lie ahead (birth dates)
        self.required = required
        self._value: date | None = None
        self._edited = False  # typed since the line was last read or shown
        self._popup: CalendarPopup | None = None  # made on first use: a calendar is costly

        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(PLACEHOLDER)
        self.edit.setFixedWidth(self.edit.fontMetrics().horizontalAdvance("00-00-000000") + 40)
        self.calendar_action = QAction(_calendar_icon(), "Kalender openen (Alt+Pijl omlaag of F4)", self)
        self.calendar_action.triggered.connect(self.open_calendar)
        self.edit.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.edit.setToolTip(
            "Typ de datum, bijvoorbeeld 15031985, 15-3-85 of 'vandaag'. Alt+Pijl omlaag opent de kalender."
        )
        self.message = QLabel(self)
        self.message.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.message.setAccessibleName("Melding bij de datum")
        # Wrapped in a narrow column: in a crowded row (a goal, an allocation's period) the reason
        # must not push the other fields out of sight.
        self.message.setWordWrap(True)
        chars = self.message.fontMetrics().averageCharWidth()
        self.message.setMinimumWidth(chars * 22)
        self.message.setMaximumWidth(chars * 42)
        self.message.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.message, 1)
        # As wide as the line (and the reason, when there is one): a form must not stretch it.
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.setFocusProxy(self.edit)
        # A label's Alt letter focuses its buddy only when the buddy takes focus; Tab skips a widget
        # with a focus proxy, so the line is still one stop.
        self.setFocusPolicy(self.edit.focusPolicy())
        self.setAccessibleName(accessible_name)

        self.edit.textEdited.connect(self._typed)
        self.edit.returnPressed.connect(self.finish)
        self.edit.installEventFilter(self)

    # --- what it holds -------------------------------------------------------------------------

    def value(self) -> date | None:
        """The last readable date entered (None: empty); what is typed counts once it is read."""
        return self._value

    def text(self) -> str:
        return self.edit.text()

    def error(self) -> str:
        """Why the typed text is not (yet) a date; "" when it is fine."""
        return self.message.text()

    def is_editing(self) -> bool:
        """Typed but not yet read, or unreadable: what the professional typed must not be replaced."""
        return self._edited or bool(self.error())

    def show_value(self, value: date | None) -> None:
        """Show `value` (from the model); no signal."""
        self._value = value
        self._edited = False
        self.edit.setText("" if value is None else format_date(value))
        self._set_error("")

    def set_value(self, value: date | None) -> None:
        """Enter `value` as if the professional picked it: shown and announced when it changed."""
        changed = value != self._value
        self.show_value(value)
        if changed:
            self.valueChanged.emit(value)

    def finish(self) -> bool:
        """Read what is typed. True when it is a date (or allowed empty); else the reason is shown."""
        try:
            value = parse_date(self.edit.text(), self._today(), past=self.past)
        except DateInputError as e:
            self._edited = False
            self._set_error(e.message)
            return False
        if value is None and self.required:
            self._edited = False
            self._set_error(REQUIRED_MESSAGE)
            return False
        self.set_value(value)
        return True

    # --- Qt --------------------------------------------------------------------------------------

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    def setReadOnly(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.calendar_action.setEnabled(not read_only)

    def isReadOnly(self) -> bool:
        return self.edit.isReadOnly()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit:
            if is_undo_key(event):  # what was typed becomes a step first, then the window undoes
                if self._edited:
                    self.finish()
                event.ignore()
                return True
            if event.type() == QEvent.Type.FocusOut and self._edited:
                self.finish()
            elif event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                return self._key(event)
        return False

    def _key(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier):
            self.open_calendar()
            return True
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not mods:
            if self.edit.isReadOnly():
                return True
            try:
                current = parse_date(self.edit.text(), self._today(), past=self.past)
            except DateInputError:
                current = None
            if current is not None:  # an empty or unreadable line has no day to move from
                step = timedelta(days=1 if key == Qt.Key.Key_Up else -1)
                moved = current + step
                if FIRST_YEAR <= moved.year <= LAST_YEAR:
                    self.set_value(moved)
            return True
        return False

    def open_calendar(self) -> None:
        if self.edit.isReadOnly() or not self.isEnabled():
            return
        if self._popup is None:
            self._popup = CalendarPopup(self)
            self._popup.picked.connect(self._picked)
        try:
            shown = parse_date(self.edit.text(), self._today(), past=self.past)
        except DateInputError:
            shown = self._value
        self._popup.open_at(self.edit, shown or self._today())

    def calendar(self) -> CalendarPopup | None:
        """The calendar once it has been opened (tests look at it)."""
        return self._popup

    def _picked(self, d: date) -> None:
        self.set_value(d)
        self.edit.setFocus()

    def _typed(self, _text: str) -> None:
        self._edited = True

    def _set_error(self, message: str) -> None:
        self.message.setText(message)
        self.message.setToolTip(message)
        self.message.setVisible(bool(message))
        self.edit.setAccessibleDescription(message)
        self.edit.setStyleSheet(f"QLineEdit {{ border: 1px solid {ERROR_COLOUR}; }}" if message else "")
