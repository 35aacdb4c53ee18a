"""Reading stored decisions back (no documents are built here; storing one is the operation
`planner.services.deciding.decide`). `StoredDecisions` is the read side the document service
(planner.documents.service) asks: the stored JSON and the decided-since list.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from db import schema as s
from db.repositories import UnitOfWork
from planner.documents.service import DecidedPlan


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
