"""What the database guards: revisions, one concept and one decided plan, frozen plans,
foreign keys, cascades, and all-or-nothing transactions."""

from __future__ import annotations

import copy

import pytest

from db.database import ConstraintError, Database
from planner.errors import FrozenPlanError
from planner.model import Member, PlanStatus, Role
from tests.db import factories
from tests.db.raw import raw_rows


def test_save_bumps_revision_each_time(db: Database) -> None:
    h = factories.household()
    h.revision = 0
    plan = factories.plan(h)
    plan.revision = 0
    with db.unit_of_work() as uow:
        uow.households.save(h)
        uow.plans.save(plan)
    assert (h.revision, plan.revision) == (1, 1)
    h.city = "Epe"
    plan.participants = "Moeder en consulent"
    with db.unit_of_work() as uow:
        uow.households.save(h)
        uow.plans.save(plan)
    assert (h.revision, plan.revision) == (2, 2)
    with db.unit_of_work(write=False) as uow:
        assert uow.households.get(h.id).revision == 2  # type: ignore[union-attr]
        assert uow.plans.get(plan.id).revision == 2  # type: ignore[union-attr]


def test_save_without_bump_keeps_revision(db: Database) -> None:
    h = factories.household()
    h.revision = 5
    with db.unit_of_work() as uow:
        uow.households.save(h, bump_revision=False)
    with db.unit_of_work(write=False) as uow:
        assert uow.households.get(h.id).revision == 5  # type: ignore[union-attr]


def test_removed_member_is_deleted_and_order_follows_the_list(db: Database) -> None:
    h = factories.household()
    with db.unit_of_work() as uow:
        uow.households.save(h)
    h.members = [h.members[2], h.members[0], Member("Kees", "Bakker", None, Role.PARTNER)]
    with db.unit_of_work() as uow:
        uow.households.save(h)
        assert uow.households.get(h.id) == h
        assert uow.counts()["members"] == 3


def test_duplicate_case_number_is_refused_in_dutch(db: Database) -> None:
    with db.unit_of_work() as uow:
        uow.households.save(factories.household("2027-1"))
    duplicate = "Dossiernummer 2027-1 is al in gebruik"
    with pytest.raises(ConstraintError, match=duplicate), db.unit_of_work() as uow:
        uow.households.save(factories.household("2027-1"))


def test_one_concept_and_one_decided_plan_per_household(db: Database) -> None:
    h = factories.household()
    decided = factories.plan(h, PlanStatus.DECIDED)
    concept = factories.plan(h)
    with db.unit_of_work() as uow:
        uow.households.save(h)
        uow.plans.save(decided)
        uow.plans.save(concept)  # a re-assessment next to the decided plan is fine
    with pytest.raises(ConstraintError, match="al een plan in concept"), db.unit_of_work() as uow:
        uow.plans.save(factories.plan(h))
    with pytest.raises(ConstraintError, match="al een vastgesteld plan"), db.unit_of_work() as uow:
        uow.plans.save(factories.plan(h, PlanStatus.DECIDED))
    # closing the old plan makes room to decide the new one
    decided.status = PlanStatus.CLOSED
    concept.status = PlanStatus.DECIDED
    with db.unit_of_work() as uow:
        uow.plans.save(decided)
        uow.plans.save(concept)
        assert uow.plans.active(h.id) == concept


def test_frozen_plan_refuses_changes_but_may_be_closed(db: Database) -> None:
    h = factories.household()
    plan = factories.plan(h)
    with db.unit_of_work() as uow:
        uow.households.save(h)
        uow.plans.save(plan)
    plan.status = PlanStatus.DECIDED
    with db.unit_of_work() as uow:
        uow.plans.save(plan)  # deciding a concept is a normal save
    decided_revision = plan.revision

    changed = copy.deepcopy(plan)
    changed.allocations[0].volume = 999
    frozen = "vastgesteld en kan niet meer worden gewijzigd"
    with pytest.raises(FrozenPlanError, match=frozen), db.unit_of_work() as uow:
        uow.plans.save(changed)
    reopened = copy.deepcopy(plan)
    reopened.status = PlanStatus.CONCEPT
    with pytest.raises(FrozenPlanError), db.unit_of_work() as uow:
        uow.plans.save(reopened)
    with pytest.raises(FrozenPlanError), db.unit_of_work() as uow:
        uow.plans.delete(plan.id)

    with db.unit_of_work() as uow:
        uow.plans.save(plan)  # unchanged: nothing happens
    assert plan.revision == decided_revision

    plan.status = PlanStatus.CLOSED
    with db.unit_of_work() as uow:
        uow.plans.save(plan)
    assert plan.revision == decided_revision + 1
    with db.unit_of_work(write=False) as uow:
        assert uow.plans.get(plan.id) == plan
        assert uow.plans.active(h.id) is None
    plan.status = PlanStatus.DECIDED
    with pytest.raises(FrozenPlanError, match="afgesloten"), db.unit_of_work() as uow:
        uow.plans.save(plan)


def test_decision_snapshot_is_written_once(db: Database) -> None:
    h = factories.household()
    plan = factories.plan(h, PlanStatus.DECIDED)
    with db.unit_of_work() as uow:
        uow.households.save(h)
        uow.plans.save(plan)
        uow.decisions.save(plan.id, '{"a": 1}')
        uow.decisions.save(plan.id, '{"a": 1}')  # the same again is harmless
    with pytest.raises(FrozenPlanError, match="al een besluit"), db.unit_of_work() as uow:
        uow.decisions.save(plan.id, '{"a": 2}')
    with pytest.raises(ConstraintError), db.unit_of_work() as uow:
        uow.decisions.save("geen-plan", "{}")


def test_plan_of_unknown_household_is_refused(db: Database) -> None:
    orphan = factories.plan(factories.household())
    with pytest.raises(ConstraintError, match="huishouden dat niet"), db.unit_of_work() as uow:
        uow.plans.save(orphan)


def test_concept_plan_can_be_deleted(db: Database) -> None:
    h = factories.household()
    plan = factories.plan(h)
    with db.unit_of_work() as uow:
        uow.households.save(h)
        uow.plans.save(plan)
        assert uow.plans.delete(plan.id)
        assert not uow.plans.delete(plan.id)
        assert uow.counts()["allocations"] == 0


def test_deleting_a_household_removes_everything_of_it(db: Database) -> None:
    h = factories.household()
    plan = factories.plan(h, PlanStatus.DECIDED)
    with db.unit_of_work() as uow:
        uow.households.save(h)
        uow.plans.save(plan)
        uow.decisions.save(plan.id, "{}")
    with db.unit_of_work() as uow:
        assert uow.households.delete(h.id)
        assert not uow.households.delete(h.id)
    with db.unit_of_work(write=False) as uow:
        counts = uow.counts()
    for table in ("households", "members", "plans", "life_area_results", "allocations", "decisions"):
        assert counts[table] == 0, table


def test_failed_unit_of_work_leaves_nothing_behind(db: Database) -> None:
    h = factories.household()
    plan = factories.plan(h)
    with pytest.raises(RuntimeError), db.unit_of_work() as uow:
        uow.households.save(h)
        uow.plans.save(plan)
        uow.settings.set("k", "v")
        raise RuntimeError("stroom uitgevallen")
    with db.unit_of_work(write=False) as uow:
        assert all(n == 0 for n in uow.counts().values())


def test_failed_bulk_insert_leaves_nothing_behind(db: Database) -> None:
    households = [factories.household(f"2027-{i}") for i in range(5)]
    households[4].case_number = households[1].case_number  # the last one collides
    plans = [factories.plan(h) for h in households]
    with pytest.raises(ConstraintError, match="Er is niets opgeslagen"), db.unit_of_work() as uow:
        uow.bulk_insert_households(households, plans)
    with db.unit_of_work(write=False) as uow:
        assert all(n == 0 for n in uow.counts().values())


def test_data_is_on_disk_after_commit(db: Database, db_path) -> None:  # type: ignore[no-untyped-def]
    h = factories.household()
    with db.unit_of_work() as uow:
        uow.households.save(h)
    # a separate connection sees the committed row
    assert raw_rows(db_path, "SELECT case_number FROM households") == [(h.case_number,)]
