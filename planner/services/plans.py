"""Operations on the plans of the open household: a new version, the coordinator."""

from __future__ import annotations

from planner.model import Coordinator, Plan
from planner.services.changes import PLAN_DATA, Changes, Kind
from planner.services.edits import Edit, Insert, set_fields


def add_plan(plans: list[Plan], plan: Plan, text: str = "Nieuw plan (herbeoordeling)") -> Edit:
    """Add a new plan version (a re-assessment); it becomes the current plan. Building the new
    version from the previous one is the domain's job (`ui.session.reassessment_plan` today)."""
    if any(p.id == plan.id for p in plans):
        raise ValueError("plan already there")
    return Edit(text, (Insert(plans, plan, len(plans)),), Changes.of(PLAN_DATA, plan.id))


def set_coordinator(plan: Plan, coordinator: Coordinator | None, text: str) -> Edit:
    return set_fields(plan, {"coordinator": coordinator}, Changes.of(Kind.COORDINATOR, plan.id), text)
