"""Finding households without opening them: the search, the recent list, a case number."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planner.model import Household, PlanStatus
    from planner.services.port import UnitOfWorkFactory
    from planner.summaries import HouseholdSummary

SEARCH_LIMIT = 50  # results shown at once


def search_households(
    storage: UnitOfWorkFactory,
    text: str,
    limit: int = SEARCH_LIMIT,
    municipality_code: str | None = None,
    plan_status: PlanStatus | None = None,
    include_archived: bool = False,
) -> list[HouseholdSummary]:
    """Households matching a name, BSN or case number, the first `limit` (exact spellings first);
    optionally only of one municipality or plan status, archived ones only when asked. Nothing
    for empty text."""
    if not text.strip():
        return []
    with storage.unit_of_work(write=False) as uow:
        return uow.households.search(
            text,
            limit=limit,
            municipality_code=municipality_code,
            plan_status=plan_status,
            include_archived=include_archived,
        )


def households_by_id(storage: UnitOfWorkFactory, ids: Iterable[str]) -> list[tuple[str, Household | None]]:
    """Each id with its household, None where it no longer exists (the recent list)."""
    with storage.unit_of_work(write=False) as uow:
        return [(i, uow.households.get(i)) for i in ids]


def any_household_id(storage: UnitOfWorkFactory) -> str | None:
    """One stored household's id (for a dry run of opening one), None when there are none."""
    with storage.unit_of_work(write=False) as uow:
        return uow.households.any_id()


def household_id_for_case(storage: UnitOfWorkFactory, case_number: str) -> str | None:
    """The household with this case number, else the first in the list; None when there are none."""
    with storage.unit_of_work(write=False) as uow:
        household = uow.households.by_case_number(case_number)
        if household is not None:
            return household.id
        summaries = uow.households.summaries()
    return summaries[0].id if summaries else None
