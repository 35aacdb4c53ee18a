"""Structural operations on the allocations of a plan: add, remove, replace by parts, hours lines.

The domain rules of an allocation (what follows a product change, the continuity routes, the
split at 18, its law) live in planner's domain modules; an operation asks them for the new
values and returns them as one Edit with `Kind.ALLOCATIONS`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from planner import text_limits
from planner.model import Allocation, HoursLine, Plan
from planner.services.changes import Changes, Kind
from planner.services.edits import Edit, Insert, Remove, SetAttrs, Step


def _changed(*ids: str) -> Changes:
    return Changes.of(Kind.ALLOCATIONS, *ids)


def set_allocation(allocation: Allocation, values: Mapping[str, Any], text: str) -> Edit:
    """Fields of one allocation as one step; empty when nothing changes."""
    differ = {k: v for k, v in values.items() if getattr(allocation, k) != v}
    text_limits.check(allocation, differ)
    steps: tuple[Step, ...] = (SetAttrs.on(allocation, differ),) if differ else ()
    return Edit(text, steps, _changed(allocation.id))


def add_allocation(plan: Plan, allocation: Allocation, text: str = "Toewijzing toevoegen") -> Edit:
    text_limits.check_record(allocation)
    return Edit(text, (Insert(plan.allocations, allocation, len(plan.allocations)),), _changed(allocation.id))


def remove_allocation(plan: Plan, allocation: Allocation, text: str = "Toewijzing verwijderen") -> Edit:
    return Edit(text, (Remove.of(plan.allocations, allocation),), _changed(allocation.id))


def replace_allocation(plan: Plan, allocation: Allocation, parts: Sequence[Allocation], text: str) -> Edit:
    """One allocation replaced by its parts in its place (the 18th-birthday split)."""
    remove = Remove.of(plan.allocations, allocation)
    steps: list[Step] = [remove]
    steps += [Insert(plan.allocations, part, remove.index + i) for i, part in enumerate(parts)]
    return Edit(text, tuple(steps), _changed(allocation.id, *(p.id for p in parts)))


def change_lines(
    allocation: Allocation,
    *,
    add: Sequence[HoursLine] = (),
    remove: Sequence[HoursLine] = (),
    amount: Mapping[str, Any] | None,
    text: str,
) -> Edit:
    """Hours lines added/removed and the amount that follows them, as one step."""
    for line in add:
        text_limits.check_record(line)
    lines = allocation.hours_lines
    steps: list[Step] = []
    remaining = list(lines)
    for line in remove:
        steps.append(Remove(lines, line, next(i for i, x in enumerate(remaining) if x is line)))
        remaining = [x for x in remaining if x is not line]
    for i, line in enumerate(add):
        steps.append(Insert(lines, line, len(remaining) + i))
    differ = {k: v for k, v in (amount or {}).items() if getattr(allocation, k) != v}
    if differ:
        steps.append(SetAttrs.on(allocation, differ))
    return Edit(text, tuple(steps), _changed(allocation.id))
