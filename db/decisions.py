"""Storing a decision and reading stored decisions back (no documents are built here).

A decision is several writes that belong together: the earlier decided plan closed, the plan
itself marked decided, and the frozen bundle of letters. `record_decision` does them in one unit
of work, so either all of it is in the database or none of it. `StoredDecisions` is the read side
the document service (planner.documents.service) asks: the stored JSON and the decided-since list.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from db import schema as s
from db.database import Database
from db.repositories import UnitOfWork
from planner.deciding import DecisionOutcome
from planner.documents.service import DecidedPlan


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


def decided_since(uow: UnitOfWork, since: date) -> list[DecidedPlan]:
    """Plans with a stored decision, decided on or after `since`, oldest first."""
    stmt = (
        select(s.households.c.case_number, s.plans.c.household_id, s.plans.c.id, s.plans.c.decided_on)
        .join(s.plans, s.plans.c.household_id == s.households.c.id)
        .join(s.decisions, s.decisions.c.plan_id == s.plans.c.id)
        .where(s.plans.c.decided_on >= since)
        .order_by(s.plans.c.decided_on, s.households.c.case_number)
    )
    return [DecidedPlan(r[0], r[1], r[2], r[3]) for r in uow.connection.execute(stmt)]


class StoredDecisions:
    """planner.documents.service.DecisionSource over a unit of work the caller holds."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def decision_json(self, plan_id: str) -> str | None:
        return self._uow.decisions.get(plan_id)

    def decided_since(self, since: date) -> list[DecidedPlan]:
        return decided_since(self._uow, since)
