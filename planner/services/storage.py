"""Opening, creating and saving a household with its plans through the port.

The Qt session holds the open household in memory; these are the only ways it reaches storage
(autosave calls `save_household`, in one unit of work).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from planner.model import Household, Plan
from planner.services.port import UnitOfWorkFactory, UnitOfWorkPort


def open_household(storage: UnitOfWorkFactory, household_id: str) -> tuple[Household, list[Plan]]:
    """The household and all its plans, oldest version first; KeyError when it is not there."""
    with storage.unit_of_work(write=False) as uow:
        household = uow.households.get(household_id)
        plans = list(uow.plans.for_household(household_id))
    if household is None:
        raise KeyError(household_id)
    return household, plans


def create_household(
    storage: UnitOfWorkFactory, municipality_code: str, today: date
) -> tuple[Household, Plan]:
    """A new household with the next free case number and an empty concept plan, stored at once."""
    with storage.unit_of_work() as uow:
        household = Household(case_number=next_case_number(uow, today), municipality_code=municipality_code)
        plan = Plan(household_id=household.id, start=None)
        uow.households.save(household)
        uow.plans.save(plan)
    return household, plan


def next_case_number(uow: UnitOfWorkPort, today: date) -> str:
    """ "2027-00042": the year and the first free number from the number of households on."""
    n = int(uow.counts().get("households", 0)) + 1
    while True:
        number = f"{today.year}-{n:05d}"
        if uow.households.by_case_number(number) is None:
            return number
        n += 1


def save_household(
    storage: UnitOfWorkFactory,
    household: Household | None,
    plans: Iterable[Plan],
    deleted_plan_ids: Iterable[str] = (),
    *,
    busy_timeout_s: float | None = None,
) -> None:
    """Save what changed of an open household in one unit of work: the household (None: not
    changed), the plans given, and delete the plans taken away. All or nothing."""
    with storage.unit_of_work(busy_timeout_s=busy_timeout_s) as uow:
        if household is not None:
            uow.households.save(household)
        for plan in plans:
            uow.plans.save(plan)
        for plan_id in deleted_plan_ids:
            uow.plans.delete(plan_id)
