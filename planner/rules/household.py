"""Every rule for a household and its plans, and the public entry points with plain parameters."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from planner.catalogue import Catalogue
from planner.findings import Finding, error_if, sort_findings
from planner.model import Allocation, Household, Plan, PlanStatus
from planner.plausibility import check_dates
from planner.rules.allocations import check_allocation_in
from planner.rules.context import RuleContext
from planner.rules.members import check_member
from planner.rules.plan import plan_count_findings, plan_findings

if TYPE_CHECKING:
    from planner.reference import Reference


def household_findings(ctx: RuleContext) -> list[Finding]:
    """Every rule for `ctx.household` and `ctx.plans`, errors first.

    Concept plans are checked in full; decided and closed plans are frozen history and only
    count for "one active plan".
    """
    household = ctx.household
    out: list[Finding] = []
    if not household.members:
        out.append(
            Finding(
                "household.no_members",
                error_if(ctx.for_decision),
                "Dit huishouden heeft nog geen gezinsleden. Voeg ten minste één gezinslid toe.",
                "household",
                household.id,
            )
        )
    for member in household.members:
        out.extend(check_member(member, ctx.today))
    out.extend(plan_count_findings(household, ctx.plans))
    for plan in ctx.plans:
        if plan.status is PlanStatus.CONCEPT:
            out.extend(plan_findings(ctx, plan))
    out.extend(check_dates(household, ctx.plans, ctx.today))
    return sort_findings(out)


# --- the entry points with plain parameters (kept for their many callers) ------------------------


def check_household(
    household: Household,
    plans: Iterable[Plan],
    catalogue: Catalogue,
    reference: Reference,
    today: date,
    for_decision: bool = False,
) -> list[Finding]:
    ctx = RuleContext(household, catalogue, reference, today, for_decision, tuple(plans))
    return household_findings(ctx)


def check_plan(
    plan: Plan,
    household: Household,
    catalogue: Catalogue,
    reference: Reference,
    today: date,
    for_decision: bool = False,
) -> list[Finding]:
    return plan_findings(RuleContext(household, catalogue, reference, today, for_decision), plan)


def check_allocation(
    allocation: Allocation,
    plan: Plan,
    household: Household,
    catalogue: Catalogue,
    reference: Reference,
    today: date,
    for_decision: bool = False,
) -> list[Finding]:
    return check_allocation_in(
        RuleContext(household, catalogue, reference, today, for_decision), plan, allocation
    )
