"""Undo and redo for the toolbar with a fixed caption: what would be undone goes in the tooltip.

QUndoGroup's own actions put the command's words into their text ("Ongedaan maken Voornamen
wijzigen"), so the button grows and shrinks with every edit and pushes the toolbar around under
the mouse. These keep one caption; the status tip and tooltip name the change.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QWidget


def fixed_undo_action(group: QUndoGroup, parent: QWidget, *, redo: bool = False) -> QAction:
    """An action that undoes (or redoes) on `group`'s active stack, enabled when it can."""
    caption, shortcuts = (
        ("Opnieuw", [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        if redo
        else ("Ongedaan maken", [QKeySequence("Ctrl+Z")])
    )
    action = QAction(caption, parent)
    action.setShortcuts(shortcuts)
    action.setEnabled(group.canRedo() if redo else group.canUndo())
    keys = QKeySequence(shortcuts[0]).toString(QKeySequence.SequenceFormat.NativeText)

    def describe(words: str) -> None:
        tip = f"{caption}: {words} ({keys})" if words else f"{caption} ({keys})"
        action.setToolTip(tip)
        action.setStatusTip(tip)

    describe("")
    if redo:
        action.triggered.connect(group.redo)
        group.canRedoChanged.connect(action.setEnabled)
        group.redoTextChanged.connect(describe)
    else:
        action.triggered.connect(group.undo)
        group.canUndoChanged.connect(action.setEnabled)
        group.undoTextChanged.connect(describe)
    return action
