"""Form fields bound to one value of a planner object, editing it only through undo commands.

Typing is committed to the model on a short idle timer and on focus-out, and consecutive typing in
one field merges into one undo command. A field with uncommitted text registers itself with the
session so that closing (or `save_now`) never loses it. `refresh()` pulls the value from the model;
views call it when the session reports a change. A field never refreshes another widget; it
reports itself as the initiator of its edits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QFocusEvent, QResizeEvent, QTextCursor
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from planner.date_input import format_date
from planner.model import LifeAreaResult, Rung
from planner.services.edits import Edit
from planner.services.fields import Field, set_field, text_limit
from planner.services.life_areas import set_ladder_rung
from planner.text_limits import TextLimit, limit_of
from ui.date_input import DateInput
from ui.keys import is_undo_key
from ui.session import HouseholdSession

TYPING_IDLE_MS = 350


class Binding:
    """Where a field's value lives: one typed field of a record (found anew on every use).

    `edit(value, typing)` asks the operation `planner.services.fields.set_field` for the edit;
    subclasses bind values that need another operation (a ladder rung, a period).
    """

    def __init__(
        self,
        target: Callable[[], object | None],
        field: Field,
        text: str,
        *,
        to_model: Callable[[Any], Any] = lambda v: v,
        from_model: Callable[[Any], Any] = lambda v: v,
    ) -> None:
        self.target = target
        self.field = field
        self.text = text
        self.to_model = to_model
        self.from_model = from_model

    def available(self) -> bool:
        return self.target() is not None

    def get(self) -> Any:
        t = self.target()
        return None if t is None else getattr(t, self.field.value)

    def edit(self, value: Any, typing: bool) -> Edit | None:
        t = self.target()
        return None if t is None else set_field(t, self.field, value, self.text, typing=typing)

    def limit(self) -> TextLimit | None:
        """The field's length limit (planner.text_limits), None when it is not free text."""
        return text_limit(self.field)


class LadderBinding(Binding):
    """One rung of a life area's ladder."""

    def __init__(self, result: Callable[[], LifeAreaResult | None], rung: Rung, text: str) -> None:
        self.target = result
        self.text = text
        self.to_model = self.from_model = lambda v: v
        self.result = result
        self.rung = rung

    def get(self) -> Any:
        r = self.result()
        return None if r is None else r.ladder.get(self.rung, "")

    def edit(self, value: Any, typing: bool) -> Edit | None:
        r = self.result()
        return None if r is None else set_ladder_rung(r, self.rung, value, self.text, typing=typing)

    def limit(self) -> TextLimit | None:
        return limit_of(LifeAreaResult, "ladder")


class _Bound:
    """Mixin: the commit/refresh logic shared by all bound fields."""

    session: HouseholdSession
    binding: Binding
    read_only_when_frozen: bool

    def _setup(
        self, session: HouseholdSession, binding: Binding, plan_field: bool, accessible_name: str
    ) -> None:
        self.session = session
        self.binding = binding
        self.read_only_when_frozen = plan_field
        self.setAccessibleName(accessible_name)  # the mixin always sits on a QWidget

    def _editable(self) -> bool:
        if not self.binding.available():
            return False
        return self.session.editable if self.read_only_when_frozen else True

    def commit_value(self, widget_value: Any, typing: bool = False) -> None:
        if not self.binding.available():
            return
        value = self.binding.to_model(widget_value)
        if value == self.binding.get():
            return
        self.session.apply(self.binding.edit(value, typing), initiator=self)


class TextField(QLineEdit, _Bound):
    """One line of text; typing is captured while typed."""

    def __init__(
        self,
        session: HouseholdSession,
        binding: Binding,
        *,
        plan_field: bool = False,
        accessible_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._setup(session, binding, plan_field, accessible_name)
        if (limit := binding.limit()) is not None:
            self.setMaxLength(limit.maximum)  # Qt refuses typing or pasting past it
        self._idle = QTimer(self, singleShot=True, interval=TYPING_IDLE_MS)
        self._idle.timeout.connect(self._commit_typing)
        self.textEdited.connect(self._typed)
        self.editingFinished.connect(self._commit_typing)

    def _typed(self, _text: str) -> None:
        self.session.set_pending(self, self._commit_typing)
        self._idle.start()

    def event(self, event: QEvent) -> bool:
        if is_undo_key(event):
            self._commit_typing()  # what was typed becomes a step first, then the stack undoes it
            event.ignore()
            return False
        return super().event(event)

    def _commit_typing(self) -> None:
        self._idle.stop()
        self.session.set_pending(self, None)
        self.commit_value(self.text(), typing=True)

    def refresh(self) -> None:
        self.setEnabled(self.binding.available())
        self.setReadOnly(not self._editable())
        if self._idle.isActive():  # the user is typing here; their text wins
            return
        value = self.binding.get()
        if self.binding.to_model(self.text()) != value:
            with QSignalBlocker(self):
                self.setText(self.binding.from_model(value) or "")


class MultiLineField(QPlainTextEdit, _Bound):
    """Several lines of free text (situation, result, note); typing captured while typed.

    A counter in the bottom right corner ("123/4000") shows the length against the field's limit
    (planner.text_limits); what is typed or pasted past the limit is not taken in."""

    def __init__(
        self,
        session: HouseholdSession,
        binding: Binding,
        *,
        plan_field: bool = False,
        accessible_name: str = "",
        lines: int = 3,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._setup(session, binding, plan_field, accessible_name)
        self.setTabChangesFocus(True)
        self._refreshing = False
        self.limit = binding.limit()
        self.counter = QLabel(self)
        self.counter.setAccessibleName(f"{accessible_name}: aantal tekens")
        self.counter.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        counter_height = self.counter.fontMetrics().height() if self.limit else 0
        self.setViewportMargins(0, 0, 0, counter_height)  # the counter never covers the text
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 14 + counter_height)
        self.counter.setVisible(self.limit is not None)
        self._last_insert = (0, 0)  # (position, characters) of the last insertion
        self.document().contentsChange.connect(self._note_change)
        self.verticalScrollBar().rangeChanged.connect(lambda _lo, _hi: self._place_counter())
        self._show_count()
        self._idle = QTimer(self, singleShot=True, interval=TYPING_IDLE_MS)
        self._idle.timeout.connect(self._commit_typing)
        self.textChanged.connect(self._typed)

    def _typed(self) -> None:
        if self._refreshing:
            return
        self._keep_within_limit()
        self._show_count()
        self.session.set_pending(self, self._commit_typing)
        self._idle.start()

    def _note_change(self, position: int, _removed: int, added: int) -> None:
        self._last_insert = (position, added)

    def _keep_within_limit(self) -> None:
        """Take back what was just typed or pasted past the limit: the end of the inserted text
        only (an older text that is already longer is left as it is until it is shortened)."""
        position, added = self._last_insert
        self._last_insert = (0, 0)
        maximum = self.limit.maximum if self.limit else None
        if maximum is None or added <= 0 or len(self.toPlainText()) <= maximum:
            return
        cursor = self.textCursor()
        cursor.setPosition(position + added)
        self._refreshing = True
        # Python counts code points, Qt positions in UTF-16: cut the bulk, then one by one.
        bulk = min(len(self.toPlainText()) - maximum, added)
        cursor.setPosition(position + added - bulk, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        while len(self.toPlainText()) > maximum and cursor.position() > position:
            cursor.deletePreviousChar()
        self._refreshing = False
        self.setTextCursor(cursor)

    def _show_count(self) -> None:
        if self.limit is None:
            return
        length = len(self.toPlainText())
        self.counter.setText(f"{length}/{self.limit.maximum}")
        self.counter.setStyleSheet("color: #b00020;" if length >= self.limit.maximum else "color: gray;")
        self.counter.adjustSize()
        self._place_counter()

    def _place_counter(self) -> None:
        """Bottom right, left of the scroll bar when there is one, under the text (viewport margin)."""
        frame = self.frameWidth()
        size = self.counter.sizeHint()
        bar = self.verticalScrollBar()
        right = self.width() - frame - (bar.width() if bar.isVisible() else 0) - 4
        self.counter.move(right - size.width(), self.height() - size.height() - frame)
        self.counter.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_counter()

    def _commit_typing(self) -> None:
        self._idle.stop()
        self.session.set_pending(self, None)
        self.commit_value(self.toPlainText(), typing=True)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if self._idle.isActive():
            self._commit_typing()
        super().focusOutEvent(event)

    def event(self, event: QEvent) -> bool:
        if is_undo_key(event):
            if self._idle.isActive():
                self._commit_typing()
            event.ignore()
            return False
        return super().event(event)

    def refresh(self) -> None:
        self.setEnabled(self.binding.available())
        self.setReadOnly(not self._editable())
        if self._idle.isActive():
            return
        value = self.binding.get() or ""
        if self.toPlainText() != value:
            self._refreshing = True
            self.setPlainText(value)
            self._refreshing = False
        self._show_count()


class DateField(DateInput, _Bound):
    """A date of the model, typed or picked (ui/date_input.py); committed when it is read.

    What is typed is read when the professional leaves the field or presses Enter; an unreadable
    text stays, says why and changes nothing in the model. `past=True` for dates that cannot lie
    ahead (a birth, a report): a two-digit year then never means a future year.
    """

    def __init__(
        self,
        session: HouseholdSession,
        binding: Binding,
        *,
        plan_field: bool = False,
        accessible_name: str = "",
        past: bool = False,
        required: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(lambda: session.today, past=past, required=required, parent=parent)
        self._setup(session, binding, plan_field, accessible_name)
        self.valueChanged.connect(self.commit_value)
        self.edit.textEdited.connect(lambda _t: session.set_pending(self, self._flush))
        self.edit.editingFinished.connect(lambda: session.set_pending(self, None))

    def _flush(self) -> None:
        """Closing or saving while a date is being typed: read it now (an unreadable one stays)."""
        self.session.set_pending(self, None)
        self.finish()

    def refresh(self) -> None:
        self.setEnabled(self.binding.available())
        self.setReadOnly(not self._editable())
        if self.is_editing() and self.edit.hasFocus():
            return  # the professional is typing here; their text wins
        if self.error() and self.binding.get() == self.value():
            return  # an unreadable text stays until it is corrected
        value = self.binding.get()
        if value != self.value() or self.text() != ("" if value is None else format_date(value)):
            self.show_value(value)


class CheckField(QCheckBox, _Bound):
    def __init__(
        self,
        session: HouseholdSession,
        binding: Binding,
        label: str,
        *,
        plan_field: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(label, parent)
        self._setup(session, binding, plan_field, label)
        self.clicked.connect(lambda checked: self.commit_value(bool(checked)))

    def refresh(self) -> None:
        self.setEnabled(self._editable())
        with QSignalBlocker(self):
            self.setChecked(bool(self.binding.get()))


class ComboField(QComboBox, _Bound):
    """A choice from (label, value) pairs; `None` may be one of the values."""

    def __init__(
        self,
        session: HouseholdSession,
        binding: Binding,
        choices: Iterable[tuple[str, Any]],
        *,
        plan_field: bool = False,
        accessible_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._setup(session, binding, plan_field, accessible_name)
        # Narrow screens: the combo may shrink below its longest item (the popup still shows it whole).
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(10)
        self.set_choices(choices)
        self.activated.connect(lambda i: self.commit_value(self._values[i]))

    def set_choices(self, choices: Iterable[tuple[str, Any]]) -> None:
        # Values stay Python objects here: Qt would turn a StrEnum item data into a plain str.
        self._values: list[Any] = []
        with QSignalBlocker(self):
            self.clear()
            for label, value in choices:
                self.addItem(label)
                self._values.append(value)

    def value(self) -> Any:
        i = self.currentIndex()
        return self._values[i] if 0 <= i < len(self._values) else None

    def choose(self, value: Any) -> None:
        """Select `value` as if the user picked it (tests, shortcuts)."""
        self.setCurrentIndex(self._values.index(value))
        self.commit_value(value)

    def refresh(self) -> None:
        self.setEnabled(self._editable())
        value = self.binding.get()
        index = next((i for i, v in enumerate(self._values) if v == value), -1)
        with QSignalBlocker(self):
            self.setCurrentIndex(index)


class SpinField(QSpinBox, _Bound):
    def __init__(
        self,
        session: HouseholdSession,
        binding: Binding,
        minimum: int,
        maximum: int,
        *,
        plan_field: bool = False,
        accessible_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._setup(session, binding, plan_field, accessible_name)
        self.setRange(minimum, maximum)
        self.setKeyboardTracking(False)
        self.valueChanged.connect(lambda v: self.commit_value(int(v)))

    def refresh(self) -> None:
        self.setEnabled(self._editable())
        with QSignalBlocker(self):
            self.setValue(int(self.binding.get() or self.minimum()))
