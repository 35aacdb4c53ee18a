"""`trajectplanner check`: schema version, SQLite integrity, counts and rule findings."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from typing import Any

from sqlalchemy import select

from db import convert
from db import schema as s
from db.database import Database
from planner.findings import Severity
from planner.model import Household, Member, Plan, PlanStatus
from planner.reference import load_reference
from planner.rules import check_household

# The kinds `check` counts, with the table each is counted in.
COUNTED = {
    "municipalities": "municipalities",
    "providers": "providers",
    "contracts": "contracts",
    "products": "products",
    "households": "households",
    "members": "members",
    "plans": "plans",
    "allocations": "allocations",
}


def households_for_checking(uow: Any) -> list[tuple[Household, list[Plan]]]:
    """Every household with what the rules need of its plans, in a few bulk queries."""
    conn = uow.connection
    members: dict[str, list[Member]] = defaultdict(list)
    for r in conn.execute(select(s.members).order_by(s.members.c.household_id, s.members.c.position)):
        members[r.household_id].append(convert.member_from(r._mapping))
    plans: dict[str, list[Plan]] = defaultdict(list)
    for plan in uow.plans.with_status(PlanStatus.CONCEPT):
        plans[plan.household_id].append(plan)
    # The rules read only the status of decided and closed plans (rules.check_household), so
    # their life areas and allocations are not loaded here.
    for r in conn.execute(select(s.plans).where(s.plans.c.status != PlanStatus.CONCEPT.value)):
        plans[r.household_id].append(convert.plan_from(r._mapping, [], []))
    return [
        (convert.household_from(r._mapping, members[r.id]), plans[r.id])
        for r in conn.execute(select(s.households))
    ]


def check_database(db: Database, today: date) -> dict[str, Any]:
    reference = load_reference()
    with db.unit_of_work(write=False) as uow:
        counts = uow.counts()
        catalogue = uow.catalogue.load()
        households = households_for_checking(uow)
    findings: Counter[str] = Counter({sev.value: 0 for sev in Severity})
    for household, plans in households:
        for finding in check_household(household, plans, catalogue, reference, today):
            findings[finding.severity.value] += 1
    return {
        "schema_version": db.schema_version,
        "integrity": db.integrity_check(),
        "encrypted": db.encrypted,
        "counts": {kind: counts.get(table, 0) for kind, table in COUNTED.items()},
        "findings": dict(findings),
    }
