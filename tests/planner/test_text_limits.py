"""Every free-text field has a length limit (planner.text_limits), and the edit operations refuse
a text past it with a Dutch sentence that names the field, its length and what to do."""

from __future__ import annotations

import dataclasses
import typing

import pytest

from planner import model
from planner.continuity import ContinuityRoute
from planner.model import Continuity, Goal, HoursLine, LifeAreaResult, LineKind, Member, Rung
from planner.services import allocations as allocation_ops
from planner.services import household as household_ops
from planner.services import life_areas as life_area_ops
from planner.services.fields import AllocationField, GoalField, LifeAreaField, set_field
from planner.text_limits import LIMITS, TextTooLong, limit_of
from tests.planner import factories

# Text fields that are not free text: identifiers, codes, a BSN (checked by its own rule).
NOT_FREE_TEXT = {"id", "household_id", "member_id", "plan_id", "product_code", "provider_id", "bsn"}
NOT_FREE_TEXT |= {"case_number", "municipality_code", "life_area", "goal_id", "activity_code"}
NOT_FREE_TEXT |= {"own_provider_id", "main_provider_id", "previous_plan_id"}
RECORDS = (
    model.Household,
    model.Member,
    model.Plan,
    LifeAreaResult,
    Goal,
    HoursLine,
    Continuity,
    model.Allocation,
)


def test_every_free_text_field_of_a_record_has_a_limit() -> None:
    missing = []
    for record in RECORDS:
        hints = typing.get_type_hints(record)
        for f in dataclasses.fields(record):
            free_text = hints[f.name] in (str, str | None) and f.name not in NOT_FREE_TEXT
            if free_text and limit_of(record, f.name) is None:
                missing.append(f"{record.__name__}.{f.name}")
    assert missing == []
    assert all(limit.maximum >= 10 and limit.label for limit in LIMITS.values())
    assert (
        limit_of(LifeAreaResult, "desired_result").maximum
        == limit_of(LifeAreaResult, "current_situation").maximum
        == 4000
    )


def test_a_too_long_desired_result_is_refused_in_dutch() -> None:
    area = factories.area("financien")
    set_field(area, LifeAreaField.DESIRED_RESULT, "é" * 4000, "Resultaat").apply()  # at the limit: fine
    with pytest.raises(TextTooLong) as refused:
        set_field(area, LifeAreaField.DESIRED_RESULT, "é" * 4001, "Resultaat")
    assert str(refused.value) == (
        "Wat wij willen bereiken is te lang: 4.001 tekens, er passen er ten hoogste 4.000. "
        "Maak de tekst korter; de rest kan in een ander veld of een doel."
    )
    assert area.desired_result == "é" * 4000  # nothing changed


def test_every_way_in_is_checked() -> None:
    area = factories.area("financien")
    area.goals.append(Goal("Schulden op een rij"))
    with pytest.raises(TextTooLong, match="Doel is te lang"):
        set_field(area.goals[0], GoalField.TEXT, "x" * 1001, "Doel")
    with pytest.raises(TextTooLong, match=r"Wie helpt \(ladder\) is te lang"):
        life_area_ops.set_ladder_rung(area, Rung.NETWORK, "x" * 2001, "Ladder")
    allocation = factories.allocation()
    with pytest.raises(TextTooLong, match="Reden bij de uren is te lang"):
        allocation_ops.change_lines(
            allocation,
            add=[HoursLine(LineKind.FREE, "Extra", 30, reason="x" * 1001)],
            amount=None,
            text="Uren",
        )
    continuity = Continuity(ContinuityRoute.BRIDGING, factories.BRUG, reason="x" * 2001)
    with pytest.raises(TextTooLong, match="Reden voor de zorgaanbieder is te lang"):
        allocation_ops.set_allocation(allocation, {"continuity": continuity}, "Zorgaanbieder")
    with pytest.raises(TextTooLong, match="Reden voor verlengde jeugdhulp"):
        set_field(allocation, AllocationField.EXTENDED_YOUTH_CARE_REASON, "x" * 2001, "Reden")
    household = factories.household()
    with pytest.raises(TextTooLong, match="Achternaam is te lang"):
        household_ops.add_member(household, Member("Eva", "x" * 121, None, model.Role.CHILD))
    assert allocation.continuity is None and allocation.hours_lines == [] and len(household.members) == 2


def test_a_text_stored_before_the_limits_may_be_shortened_but_not_lengthened() -> None:
    area = LifeAreaResult("financien", desired_result="x" * 5000)
    set_field(area, LifeAreaField.DESIRED_RESULT, "x" * 4500, "Resultaat").apply()
    assert len(area.desired_result) == 4500
    with pytest.raises(TextTooLong):
        set_field(area, LifeAreaField.DESIRED_RESULT, "x" * 4501, "Resultaat")
