"""Undo commands that mutate planner objects, never widgets (orange-canvas-core style).

Every command tells the session what changed (a set of kinds, see `HouseholdSession.changed`); views
refresh from that notification. Consecutive typing in one field merges into one command, so undo
takes back the whole word or sentence instead of one keystroke.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, MutableMapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from ui.session import HouseholdSession

TYPING_ID = 1  # QUndoCommand.id() of mergeable typing commands

_MISSING = object()


class SessionCommand(QUndoCommand):
    """Base: remembers the session and which kinds of data it touches."""

    def __init__(self, session: HouseholdSession, kinds: Iterable[str], text: str) -> None:
        super().__init__(text)
        self.session = session
        self.kinds = frozenset(kinds)

    def _changed(self) -> None:
        self.session.notify(set(self.kinds))


class SetFields(SessionCommand):
    """Set attributes of one planner object: `SetFields(s, member, {"surname": "Jansen"}, {"members"})`.

    With `typing=True` a following SetFields on the same object and the same fields merges into it.
    """

    def __init__(
        self,
        session: HouseholdSession,
        target: object,
        values: dict[str, Any],
        kinds: Iterable[str],
        text: str = "Wijziging",
        *,
        typing: bool = False,
    ) -> None:
        super().__init__(session, kinds, text)
        self.target = target
        self.new = dict(values)
        self.old = {name: getattr(target, name) for name in values}
        self.typing = typing

    def id(self) -> int:
        return TYPING_ID if self.typing else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, SetFields) and other.typing and other.target is self.target):
            return False
        if other.new.keys() != self.new.keys():
            return False
        self.new = dict(other.new)
        return True

    def redo(self) -> None:
        for name, value in self.new.items():
            setattr(self.target, name, value)
        self._changed()

    def undo(self) -> None:
        for name, value in self.old.items():
            setattr(self.target, name, value)
        self._changed()


class SetItem(SessionCommand):
    """Set (or with `value=None` and `remove_empty`, remove) one key of a dict, e.g. a ladder rung."""

    def __init__(
        self,
        session: HouseholdSession,
        mapping: MutableMapping[Any, Any],
        key: Any,
        value: Any,
        kinds: Iterable[str],
        text: str = "Wijziging",
        *,
        typing: bool = False,
        remove_empty: bool = True,
    ) -> None:
        super().__init__(session, kinds, text)
        self.mapping = mapping
        self.key = key
        self.new = value
        self.old = mapping.get(key, _MISSING)
        self.typing = typing
        self.remove_empty = remove_empty

    def id(self) -> int:
        return TYPING_ID if self.typing else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (
            isinstance(other, SetItem)
            and other.typing
            and other.mapping is self.mapping
            and other.key == self.key
        ):
            self.new = other.new
            return True
        return False

    def _apply(self, value: Any) -> None:
        if value is _MISSING or (self.remove_empty and value in (None, "")):
            self.mapping.pop(self.key, None)
        else:
            self.mapping[self.key] = value
        self._changed()

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)


class AddToList(SessionCommand):
    """Insert `item` into `getattr(owner, list_attr)` (at `index`, default the end)."""

    def __init__(
        self,
        session: HouseholdSession,
        owner: object,
        list_attr: str,
        item: object,
        kinds: Iterable[str],
        text: str = "Toevoegen",
        index: int | None = None,
    ) -> None:
        super().__init__(session, kinds, text)
        self.items: list[Any] = getattr(owner, list_attr)
        self.item = item
        self.index = len(self.items) if index is None else index

    def redo(self) -> None:
        self.items.insert(self.index, self.item)
        self._changed()

    def undo(self) -> None:
        self.items.remove(self.item)
        self._changed()


class RemoveFromList(SessionCommand):
    """Remove `item` from `getattr(owner, list_attr)`; undo puts it back in its place."""

    def __init__(
        self,
        session: HouseholdSession,
        owner: object,
        list_attr: str,
        item: object,
        kinds: Iterable[str],
        text: str = "Verwijderen",
    ) -> None:
        super().__init__(session, kinds, text)
        self.items: list[Any] = getattr(owner, list_attr)
        self.item = item
        self.index = next(i for i, x in enumerate(self.items) if x is item)

    def redo(self) -> None:
        self.items.pop(self.index)
        self._changed()

    def undo(self) -> None:
        self.items.insert(self.index, self.item)
        self._changed()


@contextmanager
def macro(session: HouseholdSession, text: str) -> Iterator[None]:
    """Group the commands pushed inside the block into one undo step."""
    session.undo_stack.beginMacro(text)
    try:
        yield
    finally:
        session.undo_stack.endMacro()


class AddPlan(SessionCommand):
    """Start a new plan version (re-assessment); undo forgets it again."""

    def __init__(
        self, session: HouseholdSession, plan: Any, text: str = "Nieuw plan (herbeoordeling)"
    ) -> None:
        super().__init__(session, {"plans", "plan", "life_areas", "coordinator", "allocations"}, text)
        self.plan = plan

    def redo(self) -> None:
        self.session.add_plan(self.plan)
        self._changed()

    def undo(self) -> None:
        self.session.drop_plan(self.plan)
        self._changed()
