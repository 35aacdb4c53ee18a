"""Test helpers that drive real widgets the way a person would.

`QTest.keyClicks` aborts the process on any non-ASCII character (ë, é, €), and Dutch names are
full of them, so text is typed one character at a time as key events carrying the text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

_SPECIAL = {"\n": Qt.Key.Key_Return, "\t": Qt.Key.Key_Tab}


def type_text(widget: QWidget, text: str) -> None:
    """Type `text` into `widget` per character (non-ASCII safe), as if from a keyboard."""
    widget.setFocus()
    for ch in text:
        key = _SPECIAL.get(ch, Qt.Key.Key_unknown)
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, key, ch, Qt.KeyboardModifier.NoModifier)
    QApplication.processEvents()


def press(
    widget: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """One key press (arrows, Enter, shortcuts) on `widget`."""
    QTest.keyClick(widget, key, modifiers)
    QApplication.processEvents()
