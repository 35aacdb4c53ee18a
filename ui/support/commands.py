"""Undo steps of the support tab, built from the generic commands in `ui.commands`.

Each user action is exactly one undo step, also when it changes several things at once (a line of
the hours explanation and the volume that follows it; the 18th-birthday split).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from planner.model import Allocation, HoursLine, Plan
from ui.commands import AddToList, RemoveFromList, SetFields, macro
from ui.session import HouseholdSession

KINDS = frozenset({"allocations"})


def set_allocation(
    session: HouseholdSession, allocation: Allocation, values: dict[str, Any], text: str
) -> None:
    """Change fields of one allocation (one undo step); nothing happens when nothing changes."""
    changed = {k: v for k, v in values.items() if getattr(allocation, k) != v}
    if changed:
        session.push(SetFields(session, allocation, changed, KINDS, text))


def add_allocation(session: HouseholdSession, plan: Plan, allocation: Allocation) -> None:
    session.push(AddToList(session, plan, "allocations", allocation, KINDS, "Toewijzing toevoegen"))


def remove_allocation(session: HouseholdSession, plan: Plan, allocation: Allocation) -> None:
    session.push(RemoveFromList(session, plan, "allocations", allocation, KINDS, "Toewijzing verwijderen"))


def replace_allocation(
    session: HouseholdSession, plan: Plan, allocation: Allocation, parts: Sequence[Allocation], text: str
) -> None:
    """Replace one allocation by its parts in its place, as one undo step (the 18th-birthday split)."""
    index = next(i for i, a in enumerate(plan.allocations) if a is allocation)
    with macro(session, text):
        session.push(RemoveFromList(session, plan, "allocations", allocation, KINDS, text))
        for offset, part in enumerate(parts):
            session.push(AddToList(session, plan, "allocations", part, KINDS, text, index=index + offset))


def change_lines(
    session: HouseholdSession,
    allocation: Allocation,
    *,
    add: Sequence[HoursLine] = (),
    remove: Sequence[HoursLine] = (),
    amount: dict[str, Any] | None,
    text: str,
) -> None:
    """Add/remove hours lines and let the amount follow, as one undo step."""
    with macro(session, text):
        for line in remove:
            session.push(RemoveFromList(session, allocation, "hours_lines", line, KINDS, text))
        for line in add:
            session.push(AddToList(session, allocation, "hours_lines", line, KINDS, text))
        if amount:
            changed = {k: v for k, v in amount.items() if getattr(allocation, k) != v}
            if changed:
                session.push(SetFields(session, allocation, changed, KINDS, text))
