"""Operations on the plans of the open household: a new version, the coordinator."""

from __future__ import annotations

import json

from planner.model import Coordinator, Plan
from planner.services.changes import PLAN_DATA, Changes, Kind
from planner.services.edits import Edit, Insert, set_fields
from planner.services.port import UnitOfWorkFactory


def add_plan(plans: list[Plan], plan: Plan, text: str = "Nieuw plan (herbeoordeling)") -> Edit:
    """Add a new plan version (a re-assessment); it becomes the current plan. Building the new
    version from the previous one is the domain's job (`ui.session.reassessment_plan` today)."""
    if any(p.id == plan.id for p in plans):
        raise ValueError("plan already there")
    return Edit(text, (Insert(plans, plan, len(plans)),), Changes.of(PLAN_DATA, plan.id))


def set_coordinator(plan: Plan, coordinator: Coordinator | None, text: str) -> Edit:
    return set_fields(plan, {"coordinator": coordinator}, Changes.of(Kind.COORDINATOR, plan.id), text)


def decided_by(storage: UnitOfWorkFactory, plan_id: str) -> str | None:
    """Who decided the plan, as its stored decision was signed: "Sanne de Wit, consulent Wmo en
    Jeugd"; None without a stored decision (or one that names nobody)."""
    with storage.unit_of_work(write=False) as uow:
        stored = uow.decisions.get(plan_id)
    if not stored:
        return None
    snapshot = json.loads(stored)
    for letter in snapshot.get("letters") or []:
        signature = letter.get("signature") or {}
        if signature.get("name"):
            return ", ".join(p for p in (signature["name"], signature.get("role", "")) if p)
    signatories = (snapshot.get("plan_document") or {}).get("signatories") or []
    return signatories[-1] if signatories else None
