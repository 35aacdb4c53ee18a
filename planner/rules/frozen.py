"""Rule 9: a decided plan is frozen; changes make a new version."""

from __future__ import annotations

from planner.errors import FrozenPlanError
from planner.findings import Finding, Severity
from planner.model import Plan


def assert_editable(plan: Plan) -> None:
    """Raise FrozenPlanError (with a Dutch message) when the plan may no longer be changed."""
    if plan.is_frozen:
        raise FrozenPlanError.of(plan.status)


def changed_since_decision(plan: Plan, decided: Plan) -> list[Finding]:
    """A decided plan that differs from the version that was decided (e.g. read back from the snapshot)."""
    if not plan.is_frozen or plan == decided:
        return []
    return [
        Finding(
            "plan.frozen_changed",
            Severity.ERROR,
            "Dit plan is vastgesteld, maar wijkt af van de vastgestelde versie. Wijzigingen horen in een "
            "nieuwe versie van het plan; de vastgestelde versie blijft zoals hij was.",
            "plan",
            plan.id,
        )
    ]
