"""Which plan is which: one definition of the active, current and previous plan."""

from __future__ import annotations

from datetime import date

from planner.model import PlanStatus
from planner.plans import (
    ReassessmentBlock,
    active_plan,
    current_plan,
    previous_plan,
    reassessment_block,
    reassessment_plan,
    reassessment_start,
)
from tests.planner import factories as f


def _plans(*statuses: PlanStatus):
    return [f.plan(id=f"p{i}", version=i, status=s) for i, s in enumerate(statuses, start=1)]


def test_the_concept_comes_first_then_the_decided_plan_then_history() -> None:
    closed, decided, concept = _plans(PlanStatus.CLOSED, PlanStatus.DECIDED, PlanStatus.CONCEPT)
    plans = [closed, decided, concept]
    assert active_plan(plans) is concept and current_plan(plans) is concept
    assert previous_plan(plans) is decided
    assert reassessment_block(plans) is ReassessmentBlock.CONCEPT_EXISTS
    plans = [closed, decided]
    assert active_plan(plans) is decided and current_plan(plans) is decided
    assert reassessment_block(plans) is None
    # Only history left: nothing is active, the household still opens on its newest plan.
    assert active_plan([closed]) is None and current_plan([closed]) is closed
    assert previous_plan([closed]) is closed
    assert current_plan([]) is None and previous_plan([]) is None


def test_a_first_concept_cannot_be_reassessed() -> None:
    (concept,) = _plans(PlanStatus.CONCEPT)
    assert previous_plan([concept]) is None
    assert reassessment_block([concept]) is ReassessmentBlock.CONCEPT_EXISTS
    assert reassessment_block([]) is ReassessmentBlock.NOTHING_DECIDED


def test_a_reassessment_starts_the_day_after_the_previous_plan_from_its_life_areas() -> None:
    (decided,) = _plans(PlanStatus.DECIDED)
    start = reassessment_start(decided)
    assert start == date(2028, 2, 1)
    new = reassessment_plan(decided, start)
    assert (new.version, new.previous_plan_id, new.status, new.start) == (2, "p1", PlanStatus.CONCEPT, start)
    assert [r.life_area for r in new.life_areas] == [r.life_area for r in decided.life_areas]
    assert {r.id for r in new.life_areas}.isdisjoint(r.id for r in decided.life_areas)
    assert new.allocations == [] and new.coordinator == decided.coordinator
    decided.start = None
    assert reassessment_start(decided) is None
