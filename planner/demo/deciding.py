"""The decisions of the demo's decided plans, made the way the program makes them.

A demo plan marked decided (a showcase history plan, a generated plan that started months ago) gets
the decision the program would have stored: the plan as a concept, decided through
`planner.deciding.decide_plan` on its decision date, with every rule checked and the warnings
acknowledged as the professional would have. The loader stores the outcome with
`planner.services.deciding.store_decision`, so the letters reprint exactly as they were sent.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from planner.catalogue import Catalogue
from planner.deciding import DecisionOutcome, decide_plan
from planner.documents.common import Professional
from planner.model import Household, Plan, PlanStatus
from planner.reference import Reference

__all__ = ["DemoDecisionError", "demo_decision"]


class DemoDecisionError(ValueError):
    """A demo plan marked decided that the rules would not let anyone decide (a fault in the demo data)."""


def demo_decision(
    household: Household,
    plans: Iterable[Plan],
    plan: Plan,
    catalogue: Catalogue,
    reference: Reference,
    signer: Professional,
    *,
    render: bool = True,
) -> DecisionOutcome:
    """The outcome of deciding `plan` (status vastgesteld, `decided_on` set) on its decision date,
    among the plans that existed then (its earlier versions); sent on the day it was decided."""
    day = plan.decided_on
    if plan.status is not PlanStatus.DECIDED or day is None:
        raise DemoDecisionError(f"{household.case_number}: plan {plan.version} is not a decided plan")
    concept = dataclasses.replace(plan, status=PlanStatus.CONCEPT, decided_on=None)
    then = [*(p for p in plans if p.version < plan.version), concept]
    outcome = decide_plan(household, then, concept, catalogue, reference, day, signer, day, render=render)
    if not outcome.decided and not outcome.errors:
        outcome = decide_plan(
            household, then, concept, catalogue, reference, day, signer, day, outcome.warnings, render=render
        )
    if not outcome.decided:
        codes = ", ".join(f.code for f in outcome.errors)
        raise DemoDecisionError(f"{household.case_number}: plan {plan.version} cannot be decided ({codes})")
    return outcome
