"""Which plan of a household is which: the active, the current and the previous plan, and starting a
re-assessment from the previous one (domain.md §4.2).

One definition each, used by the household session, the plan repository, the history tab and the
command line:

- the **active** plan: the concept if there is one, else the decided plan (None when every plan
  is closed); a household has at most one of each;
- the **current** plan (the one a household view opens on): the active plan, else the newest plan
  as read-only history;
- the **previous** plan (what a re-assessment starts from): the newest plan that is no longer a
  concept.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from datetime import date, timedelta
from enum import StrEnum

from planner.model import LifeAreaResult, Plan, PlanStatus, new_id
from planner.periods import plan_end

__all__ = [
    "ReassessmentBlock",
    "active_plan",
    "current_plan",
    "previous_plan",
    "reassessment_block",
    "reassessment_plan",
    "reassessment_start",
]


def _newest(plans: Iterable[Plan]) -> Plan | None:
    return max(plans, key=lambda p: p.version, default=None)


def active_plan(plans: Iterable[Plan]) -> Plan | None:
    """The concept if there is one, else the decided plan; None when there is neither."""
    plans = list(plans)
    for status in (PlanStatus.CONCEPT, PlanStatus.DECIDED):
        found = _newest(p for p in plans if p.status is status)
        if found is not None:
            return found
    return None


def current_plan(plans: Iterable[Plan]) -> Plan | None:
    """The plan a household is opened on: the active plan, else the newest (closed) plan."""
    plans = list(plans)
    return active_plan(plans) or _newest(plans)


def previous_plan(plans: Iterable[Plan]) -> Plan | None:
    """The newest plan that is decided or closed: where a re-assessment starts from."""
    return _newest(p for p in plans if p.status is not PlanStatus.CONCEPT)


class ReassessmentBlock(StrEnum):
    """Why no re-assessment can be started now."""

    CONCEPT_EXISTS = "concept"  # a concept plan is being worked on
    NOTHING_DECIDED = "niets_vastgesteld"  # no plan to start from


def reassessment_block(plans: Iterable[Plan]) -> ReassessmentBlock | None:
    """None when a new plan (re-assessment) may be started, else why not."""
    plans = list(plans)
    if any(p.status is PlanStatus.CONCEPT for p in plans):
        return ReassessmentBlock.CONCEPT_EXISTS
    if previous_plan(plans) is None:
        return ReassessmentBlock.NOTHING_DECIDED
    return None


def reassessment_start(previous: Plan) -> date | None:
    """The new plan starts the day after the previous one ends (None without a start date)."""
    if previous.start is None:
        return None
    return plan_end(previous.start, previous.months) + timedelta(days=1)


def reassessment_plan(previous: Plan, start: date | None) -> Plan:
    """A new concept version that starts from the previous plan (domain.md §4.2).

    Life areas, goals and the ladder are copied with fresh ids; whether each result was reached is
    asked afresh; the coordinator and the participants carry over as a starting point.
    """
    areas: list[LifeAreaResult] = []
    for old in previous.life_areas:
        new = copy.deepcopy(old)
        new.id = new_id()
        for goal in new.goals:
            goal.id = new_id()
        new.score_before = old.score_after if old.score_after is not None else old.score_before
        new.score_after = None
        new.reached = None
        new.reached_reason = ""
        areas.append(new)
    return Plan(
        household_id=previous.household_id,
        version=previous.version + 1,
        previous_plan_id=previous.id,
        start=start,
        months=previous.months,
        life_areas=areas,
        coordinator=copy.deepcopy(previous.coordinator),
        participants=previous.participants,
    )
