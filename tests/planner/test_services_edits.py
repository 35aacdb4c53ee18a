"""The operations on the open household, without Qt: each returns one Edit whose apply and revert
leave exactly the state before and after, and whose Changes name what it touched."""

from __future__ import annotations

import copy
import dataclasses
from datetime import date

import pytest

from planner.model import Coordinator, CoordinatorKind, Distance, HoursLine, LineKind, Member, Rung
from planner.services import allocations, household, life_areas, plans
from planner.services.changes import HOUSEHOLD_DATA, NOTHING, PLAN_DATA, Changes, Kind
from planner.services.edits import Edit
from planner.services.fields import (
    AllocationField,
    HouseholdField,
    LifeAreaField,
    MemberField,
    PlanField,
    set_field,
    set_values,
)
from tests.planner import factories as f


def _round_trip(edit: Edit, *objects: object) -> None:
    """apply changes the objects, revert gives them back exactly, apply again gives the same."""
    before = copy.deepcopy(objects)
    assert edit.apply() == edit.changes
    after = copy.deepcopy(objects)
    assert after != before
    edit.revert()
    assert objects == before
    edit.apply()
    assert objects == after


def test_kinds_are_enum_members_so_a_typo_cannot_pass() -> None:
    with pytest.raises(AttributeError):
        _ = Kind.MEMBER  # type: ignore[attr-defined]  # MEMBERS
    with pytest.raises(AttributeError):
        _ = MemberField.SURNAM  # type: ignore[attr-defined]
    changes = Changes.of(Kind.MEMBERS, "m-1", None)
    assert changes.ids == frozenset({"m-1"})
    assert changes.touches(HOUSEHOLD_DATA) and not changes.touches(PLAN_DATA)
    with pytest.raises(dataclasses.FrozenInstanceError):
        changes.kinds = Kind.PLAN  # type: ignore[misc]
    both = changes | Changes.of(Kind.PLAN, "p-1")
    assert both.kinds == Kind.MEMBERS | Kind.PLAN and both.ids == {"m-1", "p-1"}
    assert not NOTHING and Changes.union([]) == NOTHING


def test_set_field_knows_the_record_and_the_kind() -> None:
    hh = f.household()
    edit = set_field(hh, HouseholdField.STREET, "Bakkerstraat", "Straat wijzigen")
    assert edit.changes == Changes.of(Kind.HOUSEHOLD, hh.id) and edit.text == "Straat wijzigen"
    _round_trip(edit, hh)
    petra = hh.members[0]
    edit = set_values(petra, {MemberField.SURNAME: "Bakker", MemberField.BIRTH_DATE: date(1985, 3, 3)}, "x")
    assert edit.changes == Changes.of(Kind.MEMBERS, "m-petra")
    _round_trip(edit, hh)
    plan = f.plan()
    _round_trip(set_field(plan, PlanField.MONTHS, 6, "Duur"), plan)
    _round_trip(set_field(plan.life_areas[0], LifeAreaField.DISTANCE, Distance.HEAVY, "Afstand"), plan)
    assert set_field(plan.allocations[0], AllocationField.VOLUME, 200, "x").changes.kinds == Kind.ALLOCATIONS


def test_a_field_of_the_wrong_record_is_refused_and_no_change_is_empty() -> None:
    with pytest.raises(TypeError):
        set_field(f.plan(), MemberField.SURNAME, "Bakker", "x")
    with pytest.raises(TypeError):
        set_values(f.household(), {HouseholdField.CITY: "Zutphen", MemberField.SURNAME: "x"}, "x")
    hh = f.household()
    assert not set_field(hh, HouseholdField.CITY, hh.city, "Plaats")  # nothing to undo


def test_typing_in_one_field_merges_into_one_step() -> None:
    area = f.plan().life_areas[0]
    first = set_field(area, LifeAreaField.DESIRED_RESULT, "S", "Resultaat", typing=True)
    first.apply()
    merged = first
    for text in ("Sc", "Schuld"):
        later = set_field(area, LifeAreaField.DESIRED_RESULT, text, "Resultaat", typing=True)
        later.apply()
        merged = merged.merged_with(later)
        assert merged is not None
    other = set_field(area, LifeAreaField.CURRENT_SITUATION, "x", "Situatie", typing=True)
    assert merged.merged_with(other) is None
    assert set_field(area, LifeAreaField.DESIRED_RESULT, "y", "Resultaat").merge_key is None
    merged.revert()
    assert area.desired_result == "Resultaat"
    merged.apply()
    assert area.desired_result == "Schuld"


def test_members_added_and_removed() -> None:
    hh = f.household()
    lisa = Member("Lisa", "Jansen", date(2012, 1, 1))
    add = household.add_member(hh, lisa)
    assert add.changes == Changes.of(Kind.MEMBERS, lisa.id)
    _round_trip(add, hh)
    remove = household.remove_member(hh, "m-petra")
    _round_trip(remove, hh)
    assert [m.given_names for m in hh.members] == ["Daan", "Lisa"]


def test_life_areas_goals_ladder_and_who_is_concerned() -> None:
    hh, plan = f.household(), f.plan()
    add = life_areas.add_life_area(plan, "wonen")
    _round_trip(add, plan)
    assert plan.life_areas[-1].life_area == "wonen" and add.changes.kinds == Kind.LIFE_AREAS
    with pytest.raises(ValueError):
        life_areas.add_life_area(plan, "wonen")  # once per plan
    area = plan.life_areas[0]
    _round_trip(life_areas.add_goal(plan, area.id), plan)
    _round_trip(life_areas.remove_goal(plan, area.id, area.goals[0].id), plan)
    _round_trip(life_areas.set_ladder_rung(area, Rung.NETWORK, "Buurman helpt", "Ladder"), plan)
    _round_trip(life_areas.set_ladder_rung(area, Rung.NETWORK, "", "Ladder"), plan)
    assert Rung.NETWORK not in area.ladder
    _round_trip(life_areas.set_member_concerned(hh, area, "m-daan", True), plan)
    _round_trip(life_areas.set_member_concerned(hh, area, "m-petra", True), plan)
    assert area.member_ids == ["m-petra", "m-daan"]  # in the household's order
    _round_trip(life_areas.remove_life_area(plan, area.id), plan)


def test_a_new_plan_version_and_the_coordinator() -> None:
    first = f.plan()
    versions = [first]
    second = dataclasses.replace(f.plan(), id="plan-2", version=2, previous_plan_id=first.id)
    add = plans.add_plan(versions, second)
    assert add.changes.touches(Kind.PLANS) and add.changes.ids == {"plan-2"}
    _round_trip(add, versions)
    with pytest.raises(ValueError):
        plans.add_plan(versions, second)
    edit = plans.set_coordinator(first, Coordinator(CoordinatorKind.ACCESS_TEAM), "Coördinator")
    assert edit.changes == Changes.of(Kind.COORDINATOR, first.id)
    _round_trip(edit, first)


def test_allocation_edits_are_single_steps() -> None:
    plan = f.plan()
    a = plan.allocations[0]
    _round_trip(allocations.set_allocation(a, {"volume": 200, "volume_max": 240}, "Omvang"), plan)
    parts = f.daan_allocations()
    split = allocations.replace_allocation(plan, a, parts, "Splitsen")
    assert split.changes.ids == {a.id, *(p.id for p in parts)}
    _round_trip(split, plan)
    assert plan.allocations[0] is parts[0]
    line = HoursLine(LineKind.STANDARD, "Schoonmaken", 120)
    other = HoursLine(LineKind.FREE, "Was", 30)
    target = plan.allocations[-1]
    _round_trip(
        allocations.change_lines(target, add=[line, other], amount={"volume": 150}, text="Uren"), plan
    )
    _round_trip(allocations.change_lines(target, remove=[line], amount={"volume": 30}, text="Uren"), plan)
    assert target.hours_lines == [other]
