"""The undo step of an operation: one QUndoCommand around one `planner.services.edits.Edit`.

The command mutates planner objects, never widgets (orange-canvas-core style), and tells the
session what changed (`Changes`) on redo and undo; views refresh from that. Typing in one field
merges into one command, so undo takes back the whole word or sentence, not one keystroke.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from planner.services.edits import Edit

if TYPE_CHECKING:
    from ui.session import HouseholdSession

TYPING_ID = 1  # QUndoCommand.id() of mergeable typing commands


class EditCommand(QUndoCommand):
    """Applies `edit` on redo, reverts it on undo. The first redo (the push) reports
    `initiator`, the widget that made the edit; undo and redo come from the stack (None)."""

    def __init__(self, session: HouseholdSession, edit: Edit, initiator: object = None) -> None:
        super().__init__(edit.text)
        self.session = session
        self.edit = edit
        self._initiator = initiator

    def id(self) -> int:
        return TYPING_ID if self.edit.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand):
            return False
        merged = self.edit.merged_with(other.edit)
        if merged is None:
            return False
        self.edit = merged
        return True

    def redo(self) -> None:
        changes = self.edit.apply()
        initiator, self._initiator = self._initiator, None
        self.session.notify(changes, initiator)

    def undo(self) -> None:
        self.session.notify(self.edit.revert(), None)


@contextmanager
def macro(session: HouseholdSession, text: str) -> Iterator[None]:
    """Group the edits applied inside the block into one undo step."""
    session.undo_stack.beginMacro(text)
    try:
        yield
    finally:
        session.undo_stack.endMacro()
