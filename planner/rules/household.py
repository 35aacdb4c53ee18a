"""Every rule for a household and its plans, and the public entry points with plain parameters."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from planner.catalogue import Catalogue
from planner.findings import Finding, Severity, sort_findings
from planner.model import Allocation, Household, Plan, PlanStatus
from planner.plausibility import check_dates
from planner.rules.allocations import check_allocation_in
from planner.rules.context import RuleContext
from planner.rules.members import check_member, duplicate_bsn_findings
from planner.rules.plan import plan_count_findings, plan_findings

if TYPE_CHECKING:
    from planner.reference import Reference


def household_findings(ctx: RuleContext) -> list[Finding]:
    """Every rule for `ctx.household` and `ctx.plans`, errors first.

    Concept plans are checked in full; decided and closed plans are frozen history and only
    count for "one active plan" (in `ctx.plans` or, by status only, in `ctx.history`).
    """
    household = ctx.household
    out: list[Finding] = []
    if not household.members:
        out.append(
            Finding(
                "household.no_members",
                Severity.ERROR,
                "Dit huishouden heeft nog geen gezinsleden. Voeg ten minste één gezinslid toe.",
                "household",
                household.id,
            )
        )
    today = ctx.today
    for member in household.members:
        out.extend(check_member(member, today))
    out.extend(duplicate_bsn_findings(household, ctx.bsn_elsewhere))
    out.extend(plan_count_findings(household, ctx.plans, ctx.history))
    for plan in ctx.plans:
        if plan.status is PlanStatus.CONCEPT:
            out.extend(plan_findings(ctx, plan))
    out.extend(check_dates(household, ctx.plans, today))
    return sort_findings(out) if out else out  # most households of a region have none


# --- the entry points with plain parameters (kept for their many callers) ------------------------


def check_household(
    household: Household,
    plans: Iterable[Plan],
    catalogue: Catalogue,
    reference: Reference,
    today: date,
    bsn_elsewhere: Mapping[str, tuple[str, ...]] | None = None,
    history: Mapping[PlanStatus, int] | None = None,
) -> list[Finding]:
    """`bsn_elsewhere` and `history`: see `RuleContext` (planner.services.integrity.bsn_elsewhere
    finds the first; `history` holds the statuses of stored plans not passed in `plans`)."""
    ctx = RuleContext(
        household, catalogue, reference, today, tuple(plans), bsn_elsewhere or {}, history or {}
    )
    return household_findings(ctx)


def check_plan(
    plan: Plan,
    household: Household,
    catalogue: Catalogue,
    reference: Reference,
    today: date,
) -> list[Finding]:
    return plan_findings(RuleContext(household, catalogue, reference, today), plan)


def check_allocation(
    allocation: Allocation,
    plan: Plan,
    household: Household,
    catalogue: Catalogue,
    reference: Reference,
    today: date,
) -> list[Finding]:
    return check_allocation_in(RuleContext(household, catalogue, reference, today), plan, allocation)
