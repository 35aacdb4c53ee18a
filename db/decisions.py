"""Storing a decision and finding stored decisions again.

A decision is several writes that belong together: the earlier decided plan closed, the plan
itself marked decided, and the frozen bundle of letters. `record_decision` does them in one unit
of work, so either all of it is in the database or none of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from db import schema as s
from db.database import Database
from db.repositories import UnitOfWork
from planner.catalogue import Catalogue
from planner.deciding import DecisionBundle, DecisionOutcome, concept_bundle
from planner.documents.common import Professional
from planner.model import Household, Plan
from planner.reference import Reference


def record_decision(db: Database, outcome: DecisionOutcome) -> None:
    """Persist a successful `decide_plan` outcome in one transaction."""
    if outcome.bundle is None or outcome.plan is None:
        raise ValueError("record_decision needs a decided outcome")
    with db.unit_of_work() as uow:
        save_decision(uow, outcome)


def save_decision(uow: UnitOfWork, outcome: DecisionOutcome) -> None:
    """The writes of `record_decision` inside a unit of work the caller holds."""
    assert outcome.bundle is not None and outcome.plan is not None
    for earlier in outcome.closed:  # first: only one decided plan per household at a time
        uow.plans.save(earlier)
    uow.plans.save(outcome.plan)
    uow.decisions.save(outcome.plan.id, outcome.bundle.to_json())


def stored_bundle(uow: UnitOfWork, plan_id: str) -> DecisionBundle | None:
    """The bundle stored when the plan was decided, or None (not decided here)."""
    text = uow.decisions.get(plan_id)
    return DecisionBundle.from_json(text) if text is not None else None


@dataclass(frozen=True, slots=True)
class DecidedPlan:
    case_number: str
    household_id: str
    plan_id: str
    decided_on: date


def decided_since(uow: UnitOfWork, since: date) -> list[DecidedPlan]:
    """Plans with a stored decision, decided on or after `since`, oldest first."""
    stmt = (
        select(s.households.c.case_number, s.plans.c.household_id, s.plans.c.id, s.plans.c.decided_on)
        .join(s.plans, s.plans.c.household_id == s.households.c.id)
        .join(s.decisions, s.decisions.c.plan_id == s.plans.c.id)
        .where(s.plans.c.decided_on >= since)
        .order_by(s.plans.c.decided_on, s.households.c.case_number)
    )
    return [DecidedPlan(*row) for row in uow.connection.execute(stmt)]


def printable_bundle(
    uow: UnitOfWork,
    household: Household,
    plan: Plan,
    catalogue: Catalogue,
    reference: Reference,
    professional: Professional,
    today: date,
) -> DecisionBundle:
    """What to print for `plan`: the stored decision if it has one, else a concept dated today."""
    stored = stored_bundle(uow, plan.id)
    if stored is not None:
        return stored
    return concept_bundle(household, plan, catalogue, reference, today, professional, today)
