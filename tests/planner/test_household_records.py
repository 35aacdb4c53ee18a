"""Duplicate BSNs, delete, archive and discarding an untouched new household, through the port:
against the in-memory port and a real SQLite file."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from planner.model import Household, Member, PlanStatus
from planner.reference import load_reference
from planner.rules import check_household
from planner.services import household_records as records
from planner.services.lookup import search_households
from planner.services.port import UnitOfWorkFactory
from planner.services.storage import create_household
from tests.planner import factories as f
from tests.planner.memory_storage import MemoryStorage

TODAY = date(2027, 1, 10)


@pytest.fixture(params=["memory", "sqlite"])
def storage(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[UnitOfWorkFactory]:
    if request.param == "memory":
        yield MemoryStorage()
        return
    from db.database import Database

    db = Database.open(tmp_path / "records.sqlite")
    yield db
    db.close()


def _seed(storage: UnitOfWorkFactory):
    household, plan = f.household(), f.plan()
    with storage.unit_of_work() as uow:
        uow.catalogue.replace(f.catalogue())
        uow.households.save(household)
        uow.plans.save(plan)
    return household, plan


def test_a_bsn_in_another_dossier_is_an_error_naming_it(storage: UnitOfWorkFactory) -> None:
    household, plan = _seed(storage)
    bsn = household.members[0].bsn
    assert bsn and records.bsn_elsewhere(storage, household) == {}
    other = Household(case_number="2027-00999", municipality_code=household.municipality_code)
    other.members.append(Member(given_names="Ander", surname="Persoon", bsn=bsn, birth_date=date(1980, 1, 1)))
    with storage.unit_of_work() as uow:
        uow.households.save(other)
    elsewhere = records.bsn_elsewhere(storage, household)
    assert elsewhere == {bsn: ("2027-00999",)}
    found = check_household(household, [plan], f.catalogue(), load_reference(), TODAY, elsewhere)
    x = next(x for x in found if x.code == "member.bsn_elsewhere")
    assert x.is_error and "2027-00999" in x.message and bsn not in x.message
    assert x.subject_id == household.members[0].id


def test_the_same_bsn_twice_in_one_household_is_an_error() -> None:
    household, plan = f.household(), f.plan()
    twin = dataclasses.replace(household.members[0], id="twin", given_names="Tweeling")
    household.members.append(twin)
    found = check_household(household, [plan], f.catalogue(), load_reference(), TODAY)
    x = next(x for x in found if x.code == "member.bsn_duplicate")
    assert x.is_error and x.subject_id == "twin" and "Tweeling" in x.message


def test_a_never_decided_household_is_deleted(storage: UnitOfWorkFactory) -> None:
    household, plan = _seed(storage)
    assert records.can_delete(storage, household.id)
    records.delete_household(storage, household.id)
    with storage.unit_of_work(write=False) as uow:
        assert uow.households.get(household.id) is None and uow.plans.get(plan.id) is None


def test_a_decided_household_is_kept_and_archived_instead(storage: UnitOfWorkFactory) -> None:
    household, plan = _seed(storage)
    with storage.unit_of_work() as uow:
        uow.plans.save(dataclasses.replace(plan, status=PlanStatus.DECIDED, decided_on=TODAY))
    assert not records.can_delete(storage, household.id)
    with pytest.raises(records.HouseholdKeptError, match="Archiveer"):
        records.delete_household(storage, household.id)
    surname = household.members[0].surname
    assert [s.id for s in search_households(storage, surname)] == [household.id]
    records.archive_household(storage, household.id, TODAY)
    assert records.is_archived(storage, household.id)
    assert search_households(storage, surname) == []
    with storage.unit_of_work(write=False) as uow:
        assert uow.households.summaries() == []
        assert [s.id for s in uow.households.summaries(include_archived=True)] == [household.id]
        assert [s.id for s in uow.households.search(surname, include_archived=True)] == [household.id]
        assert uow.households.get(household.id) is not None  # kept
    records.unarchive_household(storage, household.id)
    assert [s.id for s in search_households(storage, surname)] == [household.id]


def test_an_untouched_new_household_is_discarded_and_a_typed_one_kept(storage: UnitOfWorkFactory) -> None:
    household, plan = create_household(storage, "GM0301", TODAY)
    assert records.discard_new_household(storage, household, [plan])
    with storage.unit_of_work(write=False) as uow:
        assert uow.households.get(household.id) is None
    household, plan = create_household(storage, "GM0301", TODAY)
    household.street = "Dorpsstraat"
    assert not records.discard_new_household(storage, household, [plan])
    with storage.unit_of_work(write=False) as uow:
        assert uow.households.get(household.id) is not None
