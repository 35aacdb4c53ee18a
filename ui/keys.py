"""Keys that belong to the window, not to the field that has the focus."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QKeyEvent, QKeySequence


def is_undo_key(event: QEvent) -> bool:
    """Ctrl+Z / Ctrl+Shift+Z belong to the window's undo stack, not to the field's own undo."""
    return (
        event.type() == QEvent.Type.ShortcutOverride
        and isinstance(event, QKeyEvent)
        and (event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo))
    )
