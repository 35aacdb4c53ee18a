"""Undo steps of the support tab: the allocation operations (`planner.services.allocations`)
handed to the session.

Each user action is exactly one undo step, also when it changes several things at once (a line of
the hours explanation and the volume that follows it; the 18th-birthday split).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from planner.model import Allocation, HoursLine, Plan
from planner.services import allocations as ops
from ui.session import HouseholdSession


def set_allocation(
    session: HouseholdSession,
    allocation: Allocation,
    values: dict[str, Any],
    text: str,
    initiator: object = None,
) -> None:
    """Change fields of one allocation (one undo step); nothing happens when nothing changes."""
    session.apply(ops.set_allocation(allocation, values, text), initiator)


def add_allocation(session: HouseholdSession, plan: Plan, allocation: Allocation) -> None:
    session.apply(ops.add_allocation(plan, allocation))


def remove_allocation(session: HouseholdSession, plan: Plan, allocation: Allocation) -> None:
    session.apply(ops.remove_allocation(plan, allocation))


def replace_allocation(
    session: HouseholdSession, plan: Plan, allocation: Allocation, parts: Sequence[Allocation], text: str
) -> None:
    """Replace one allocation by its parts in its place, as one undo step (the 18th-birthday split)."""
    session.apply(ops.replace_allocation(plan, allocation, parts, text))


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
    session.apply(ops.change_lines(allocation, add=add, remove=remove, amount=amount, text=text))
