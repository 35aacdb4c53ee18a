"""Errors the domain raises on purpose; each carries a Dutch sentence for the user."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.model import PlanStatus

if TYPE_CHECKING:
    from planner.reference import Reference


class PlannerError(Exception):
    """Base of the domain's own errors. `str(error)` is a Dutch message fit to show."""


class FrozenPlanError(PlannerError):
    """A decided or closed plan was changed; only closing a decided plan is allowed."""

    @classmethod
    def of(cls, status: PlanStatus) -> FrozenPlanError:
        return cls(frozen_plan_message(status))


def frozen_plan_message(status: PlanStatus, reference: Reference | None = None) -> str:
    """The one wording of "a decided plan can no longer be changed" (texts.toml messages.plan_frozen),
    for the error, the finding and the label on screen alike."""
    if reference is None:
        from planner.reference import load_reference  # here: the window's first frame needs no reference

        reference = load_reference()
    return reference.text("messages.plan_frozen", status=status.value)
