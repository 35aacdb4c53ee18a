"""Reversible edits of the in-memory household: what an operation hands to the session's undo.

An `Edit` is a list of primitive steps (set attributes, insert into or remove from a list, set
a key of a dict), what they change (`Changes`) and the words of the undo step. Applying and
reverting it needs no Qt, so the operations and their undo are tested as plain Python; the Qt
session wraps one Edit in one QUndoCommand.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from planner import text_limits
from planner.services.changes import Changes

_MISSING: Any = object()


class Step(Protocol):
    def apply(self) -> None: ...
    def revert(self) -> None: ...


@dataclass(frozen=True, slots=True, eq=False)
class SetAttrs:
    """Set attributes of one object; `old` is read when the step is made."""

    target: object
    new: Mapping[str, Any]
    old: Mapping[str, Any]

    @classmethod
    def on(cls, target: object, values: Mapping[str, Any]) -> SetAttrs:
        for name in values:
            if not hasattr(target, name):  # a misspelt field fails here, not silently later
                raise AttributeError(f"{type(target).__name__} has no field {name!r}")
        return cls(target, dict(values), {name: getattr(target, name) for name in values})

    def apply(self) -> None:
        for name, value in self.new.items():
            setattr(self.target, name, value)

    def revert(self) -> None:
        for name, value in self.old.items():
            setattr(self.target, name, value)


@dataclass(frozen=True, slots=True, eq=False)
class Insert:
    items: list[Any]
    item: object
    index: int

    def apply(self) -> None:
        self.items.insert(self.index, self.item)

    def revert(self) -> None:
        self.items.remove(self.item)


@dataclass(frozen=True, slots=True, eq=False)
class Remove:
    items: list[Any]
    item: object
    index: int

    @classmethod
    def of(cls, items: list[Any], item: object) -> Remove:
        return cls(items, item, next(i for i, x in enumerate(items) if x is item))

    def apply(self) -> None:
        self.items.pop(self.index)

    def revert(self) -> None:
        self.items.insert(self.index, self.item)


@dataclass(frozen=True, slots=True, eq=False)
class SetKey:
    """Set one key of a dict; an empty value removes the key (an empty ladder rung)."""

    mapping: MutableMapping[Any, Any]
    key: Any
    new: Any
    old: Any

    @classmethod
    def on(cls, mapping: MutableMapping[Any, Any], key: Any, value: Any) -> SetKey:
        return cls(mapping, key, value, mapping.get(key, _MISSING))

    def _put(self, value: Any) -> None:
        if value is _MISSING or value in (None, ""):
            self.mapping.pop(self.key, None)
        else:
            self.mapping[self.key] = value

    def apply(self) -> None:
        self._put(self.new)

    def revert(self) -> None:
        self._put(self.old)


@dataclass(frozen=True, slots=True, eq=False)
class Edit:
    """One user intent as one undo step.

    `merge_key` is set for typing: a later edit with the same key (same object, same fields)
    merges into this one, so undo takes back the whole word instead of one keystroke.
    """

    text: str
    steps: Sequence[Step]
    changes: Changes
    merge_key: tuple[Any, ...] | None = None
    _merged: tuple[Edit, ...] = field(default=())

    def apply(self) -> Changes:
        for edit in (self, *self._merged):
            for step in edit.steps:
                step.apply()
        return self.changes

    def revert(self) -> Changes:
        for edit in reversed((self, *self._merged)):
            for step in reversed(edit.steps):
                step.revert()
        return self.changes

    def merged_with(self, later: Edit) -> Edit | None:
        """This edit followed by `later` as one step, or None when they do not merge."""
        if self.merge_key is None or later.merge_key != self.merge_key:
            return None
        return replace(self, _merged=(*self._merged, later), changes=self.changes | later.changes)

    def __bool__(self) -> bool:
        return bool(self.steps)


def set_fields(target: object, values: Mapping[str, Any], changes: Changes, text: str) -> Edit:
    """An edit setting the values that differ; empty (falsy) when nothing would change.

    A text longer than its field allows (planner.text_limits) raises `TextTooLong`."""
    differ = {k: v for k, v in values.items() if getattr(target, k) != v}
    text_limits.check(target, differ)
    if not differ:
        SetAttrs.on(target, values)  # still refuse a misspelt field
        return Edit(text, (), changes)
    return Edit(text, (SetAttrs.on(target, differ),), changes)
