"""The operations that write through the unit-of-work port: deciding, settings, the catalogue.

Each test runs twice: against the in-memory port of tests/planner/memory_storage.py (plain
Python, milliseconds) and against the real SQLite database (`db` implements the port).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from planner.documents.common import Professional
from planner.errors import FrozenPlanError
from planner.model import PlanStatus
from planner.reference import Reference, load_reference
from planner.services.catalogue import load_catalogue, replace_catalogue
from planner.services.changes import Changes, Kind
from planner.services.deciding import decide
from planner.services.port import UnitOfWorkFactory
from planner.services.settings import ProfessionalSettings, change_settings, load_settings
from planner.services.storage import create_household, open_household, save_household
from tests.planner import factories as f
from tests.planner.memory_storage import MemoryStorage

SENT = date(2027, 1, 25)
SIGNER = Professional("Sanne de Boer", role="Wmo-consulent")


@pytest.fixture(scope="module")
def reference() -> Reference:
    """The real reference data, with a letterhead for the factories' made-up municipality."""
    ref = load_reference()
    letterhead = next(iter(ref.letterheads.values()))
    return dataclasses.replace(ref, letterheads={**ref.letterheads, f.NOORD: letterhead})


@pytest.fixture(params=["memory", "sqlite"])
def storage(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[UnitOfWorkFactory]:
    if request.param == "memory":
        yield MemoryStorage()
        return
    from db.database import Database

    db = Database.open(tmp_path / "services.sqlite")
    yield db
    db.close()


def _seed(storage: UnitOfWorkFactory):
    """The factories' clean household with one concept plan, stored with the catalogue."""
    household, plan, catalogue = f.household(), f.plan(), f.catalogue()
    with storage.unit_of_work() as uow:
        uow.catalogue.replace(catalogue)
        uow.households.save(household)
        uow.plans.save(plan)
    return household, plan, catalogue


def test_settings_are_stored_trimmed_and_say_so(storage: UnitOfWorkFactory) -> None:
    assert load_settings(storage) == ProfessionalSettings()
    changes = change_settings(storage, ProfessionalSettings(" A. de Vries ", "consulent", "Noord", "GM0301"))
    assert changes == Changes.of(Kind.SETTINGS)
    assert load_settings(storage) == ProfessionalSettings("A. de Vries", "consulent", "Noord", "GM0301")


def test_the_catalogue_is_replaced_and_read_back(storage: UnitOfWorkFactory) -> None:
    catalogue = f.catalogue()
    assert replace_catalogue(storage, catalogue) == Changes.of(Kind.CATALOGUE)
    assert load_catalogue(storage) == catalogue


def test_deciding_stores_the_plan_and_the_letters_and_says_what_changed(
    storage: UnitOfWorkFactory, reference: Reference
) -> None:
    household, plan, catalogue = _seed(storage)
    with storage.unit_of_work(write=False) as uow:
        plans = uow.plans.for_household(household.id)
    concept = plans[0]
    done = decide(storage, household, plans, concept, catalogue, reference, SENT, SIGNER, f.TODAY)
    assert done.outcome.decided, [x.message for x in done.outcome.findings]
    assert done.changes == Changes.of(Kind.PLAN | Kind.PLANS | Kind.DECISION, plan.id)
    assert concept.status is PlanStatus.CONCEPT  # the caller's objects are never changed
    with storage.unit_of_work(write=False) as uow:
        stored = uow.plans.get(plan.id)
        assert stored is not None and (stored.status, stored.decided_on) == (PlanStatus.DECIDED, f.TODAY)
        assert uow.decisions.get(plan.id) == done.outcome.bundle.to_json()


def test_a_blocked_decision_stores_nothing(storage: UnitOfWorkFactory, reference: Reference) -> None:
    household, plan, catalogue = _seed(storage)
    incomplete = dataclasses.replace(plan, report_date=None, application_date=None, life_areas=[])
    done = decide(storage, household, [incomplete], incomplete, catalogue, reference, SENT, SIGNER, f.TODAY)
    assert not done.outcome.decided and done.outcome.errors and not done.changes
    with storage.unit_of_work(write=False) as uow:
        assert uow.plans.get(plan.id).status is PlanStatus.CONCEPT
        assert uow.decisions.get(plan.id) is None


def test_a_failing_write_keeps_nothing_of_the_decision(
    storage: UnitOfWorkFactory, reference: Reference
) -> None:
    household, plan, catalogue = _seed(storage)
    with storage.unit_of_work() as uow:
        uow.decisions.save(plan.id, '{"another": "decision"}')  # the last write of `decide` will refuse
    with pytest.raises(FrozenPlanError):
        decide(storage, household, [plan], plan, catalogue, reference, SENT, SIGNER, f.TODAY)
    with storage.unit_of_work(write=False) as uow:
        assert uow.plans.get(plan.id).status is PlanStatus.CONCEPT  # the plan's save was rolled back


def test_households_are_created_opened_and_saved_in_one_unit(storage: UnitOfWorkFactory) -> None:
    with storage.unit_of_work() as uow:
        uow.catalogue.replace(f.catalogue())
    first, plan = create_household(storage, f.NOORD, f.TODAY)
    second, _ = create_household(storage, f.NOORD, f.TODAY)
    assert (first.case_number, second.case_number) == ("2027-00001", "2027-00002")
    household, plans = open_household(storage, first.id)
    assert household == first and plans == [plan]
    with pytest.raises(KeyError):
        open_household(storage, "no-such-household")

    household.street = "Bakkerstraat"
    version_2 = dataclasses.replace(plan, id="plan-2", version=2, status=PlanStatus.CONCEPT)
    plan.status = PlanStatus.CLOSED  # only one concept per household
    save_household(storage, household, [plan, version_2])
    assert open_household(storage, first.id)[0].street == "Bakkerstraat"
    assert [p.id for p in open_household(storage, first.id)[1]] == [plan.id, "plan-2"]
    save_household(storage, None, [], ["plan-2"])
    assert [p.id for p in open_household(storage, first.id)[1]] == [plan.id]
