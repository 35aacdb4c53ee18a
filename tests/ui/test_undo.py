"""Every kind of edit undoes to the previous state and redoes again; autosave follows both."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from db.database import Database
from planner.model import (
    Coordinator,
    CoordinatorKind,
    Distance,
    LifeAreaResult,
    Member,
    PlanStatus,
    ResultReached,
    Rung,
)
from planner.plans import reassessment_plan
from planner.services import household as household_ops
from planner.services import life_areas as life_area_ops
from planner.services.changes import Changes, Kind
from planner.services.edits import Edit
from planner.services.fields import (
    HouseholdField,
    LifeAreaField,
    MemberField,
    PlanField,
    set_field,
    set_values,
)
from planner.services.plans import add_plan, set_coordinator
from tests.ui.conftest import TODAY, ZUTPHEN
from ui.commands import macro
from ui.session import HouseholdSession


@pytest.fixture
def session(qtbot, db: Database, reference) -> HouseholdSession:
    s = HouseholdSession.create(db, reference, _catalogue(db), TODAY, ZUTPHEN)
    s.household.members.append(Member(given_names="Renée", surname="Jansen", birth_date=date(1985, 9, 3)))
    s.plan.life_areas.append(LifeAreaResult(life_area="financien"))
    s.notify(Changes.of(Kind.MEMBERS | Kind.LIFE_AREAS))
    assert s.save_now()
    return s


def _catalogue(db: Database):
    with db.unit_of_work(write=False) as uow:
        return uow.catalogue.load()


def _state(s: HouseholdSession) -> tuple:
    """What the user sees; revisions are the database's bookkeeping and move on every save."""
    return (*_without_revisions(s.household, s.plans), s.plan.id if s.plan else None)


def _stored(s: HouseholdSession) -> tuple:
    with s.db.unit_of_work(write=False) as uow:
        return uow.households.get(s.household.id), uow.plans.for_household(s.household.id)


def _check_undo_redo(s: HouseholdSession, edit: Edit) -> None:
    before = _state(s)
    s.apply(edit)
    after = _state(s)
    assert after != before
    s.undo_stack.undo()
    assert _state(s) == before
    s.save_now()
    household, plans = _stored(s)
    assert _without_revisions(household, plans) == before[:2]
    s.undo_stack.redo()
    assert _state(s) == after
    s.save_now()
    household, plans = _stored(s)
    assert _without_revisions(household, plans) == after[:2]


def _without_revisions(household, plans) -> tuple:
    h = copy.deepcopy(household)
    ps = copy.deepcopy(sorted(plans, key=lambda p: p.version))
    h.members = list(h.members)
    for record in (h, *h.members, *ps, *(r for p in ps for r in (*p.life_areas, *p.allocations))):
        record.revision = 0
    return h, ps


def test_set_household_field(session: HouseholdSession) -> None:
    _check_undo_redo(session, set_field(session.household, HouseholdField.STREET, "Bakkerstraat", "Straat"))


def test_set_member_field(session: HouseholdSession) -> None:
    member = session.household.members[0]
    _check_undo_redo(
        session,
        set_values(member, {MemberField.BSN: "999990007", MemberField.BIRTH_DATE: date(1985, 9, 4)}, "BSN"),
    )


def test_add_and_remove_member(session: HouseholdSession) -> None:
    daan = Member(given_names="Daan", surname="Jansen", birth_date=date(2009, 5, 20))
    _check_undo_redo(session, household_ops.add_member(session.household, daan))
    mother = session.household.members[0]
    _check_undo_redo(session, household_ops.remove_member(session.household, mother.id))
    assert [m.given_names for m in session.household.members] == ["Daan"]


def test_plan_fields_life_area_goal_ladder_and_coordinator(session: HouseholdSession) -> None:
    plan = session.plan
    area = plan.life_areas[0]
    _check_undo_redo(session, set_field(plan, PlanField.REPORT_DATE, date(2027, 1, 11), "Melding"))
    _check_undo_redo(session, set_field(area, LifeAreaField.DISTANCE, Distance.MEDIUM, "Afstand"))
    _check_undo_redo(session, life_area_ops.add_life_area(plan, "wonen"))
    _check_undo_redo(session, life_area_ops.add_goal(plan, area.id))
    _check_undo_redo(
        session, life_area_ops.set_ladder_rung(area, Rung.NETWORK, "Zus doet boodschappen", "Ladder")
    )
    _check_undo_redo(session, life_area_ops.set_ladder_rung(area, Rung.NETWORK, "", "Ladder"))
    coordinator = Coordinator(kind=CoordinatorKind.PROVIDER, provider_id="p-brug")
    _check_undo_redo(session, set_coordinator(plan, coordinator, "Coördinator"))
    _check_undo_redo(session, life_area_ops.remove_life_area(plan, plan.life_areas[0].id))


def test_typing_merges_into_one_step(session: HouseholdSession) -> None:
    area = session.plan.life_areas[0]
    for text in ("S", "Sc", "Sch", "Schuld"):
        session.apply(set_field(area, LifeAreaField.DESIRED_RESULT, text, "Resultaat", typing=True))
    for text in ("Z", "Zu"):
        session.apply(life_area_ops.set_ladder_rung(area, Rung.NETWORK, text, "Ladder", typing=True))
    assert session.undo_stack.count() == 2
    session.undo_stack.undo()
    assert Rung.NETWORK not in area.ladder
    session.undo_stack.undo()
    assert area.desired_result == ""
    session.undo_stack.redo()
    assert area.desired_result == "Schuld"


def test_macro_is_one_step(session: HouseholdSession) -> None:
    plan = session.plan
    with macro(session, "Twee dingen"):
        session.apply(set_field(plan, PlanField.MONTHS, 6, "Duur"))
        session.apply(set_field(plan, PlanField.PARTICIPANTS, "Renée", "Deelnemers"))
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert (plan.months, plan.participants) == (12, "")


def test_new_plan_by_reassessment_undo_removes_it(session: HouseholdSession) -> None:
    first = session.plan
    first.life_areas[0].distance = Distance.MEDIUM
    first.start = date(2026, 2, 1)
    first.status = PlanStatus.DECIDED
    first.decided_on = date(2026, 1, 30)
    with session.db.unit_of_work() as uow:
        uow.plans.save(first)
    new = reassessment_plan(first, date(2027, 2, 1))
    new.life_areas[0].reached = ResultReached.PARTLY
    new.life_areas[0].reached_reason = "Schulden in beeld, nog niet opgelost"
    session.apply(add_plan(session.plans, new))
    assert session.plan is new and new.version == 2 and new.previous_plan_id == first.id
    assert new.life_areas[0].id != first.life_areas[0].id
    assert session.save_now()
    assert len(_stored(session)[1]) == 2
    session.undo_stack.undo()
    assert session.plan is first and session.save_now()
    assert [p.version for p in _stored(session)[1]] == [1]
    assert not session.editable  # the decided plan is read-only
    session.undo_stack.redo()
    assert session.save_now()
    stored = {p.version: p for p in _stored(session)[1]}
    assert stored[2].life_areas[0].reached is ResultReached.PARTLY


def test_autosave_within_a_second(qtbot, session: HouseholdSession) -> None:
    session.apply(set_field(session.household, HouseholdField.CITY, "Zutphen", "Plaats"))
    assert not session.is_saved
    qtbot.waitUntil(lambda: session.is_saved, timeout=1000)
    assert _stored(session)[0].city == "Zutphen"
