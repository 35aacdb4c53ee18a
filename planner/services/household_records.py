"""A household as a record of the office: duplicate BSNs, deleting, archiving, and discarding an
untouched new household.

A household whose plans were never decided may be deleted (nothing was sent to anyone); one with
a decision is kept for the retention period and can only be archived: left out of search and
lists by default, and taken out of the archive again when the family returns.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from planner.errors import PlannerError
from planner.model import Household, Plan, PlanStatus
from planner.services.changes import Changes, Kind
from planner.services.port import UnitOfWorkFactory, UnitOfWorkPort


class HouseholdKeptError(PlannerError):
    """A household with a decided plan was to be deleted: it must be kept (archive it instead)."""


def bsn_elsewhere(storage: UnitOfWorkFactory, household: Household) -> dict[str, tuple[str, ...]]:
    """Per BSN of a member: the case numbers of the other households holding it (one indexed
    query per distinct BSN), for `RuleContext.bsn_elsewhere`."""
    bsns = {m.bsn.strip() for m in household.members if m.bsn and m.bsn.strip()}
    if not bsns:
        return {}
    found: dict[str, tuple[str, ...]] = {}
    with storage.unit_of_work(write=False) as uow:
        for bsn in sorted(bsns):
            cases = uow.households.with_bsn(bsn, household.id)
            if cases:
                found[bsn] = tuple(cases)
    return found


def was_decided(plans: Iterable[Plan]) -> bool:
    return any(p.status is not PlanStatus.CONCEPT or p.decided_on is not None for p in plans)


def _ever_decided(uow: UnitOfWorkPort, household_id: str) -> bool:
    plans = uow.plans.for_household(household_id)
    return was_decided(plans) or any(uow.decisions.get(p.id) is not None for p in plans)


def can_delete(storage: UnitOfWorkFactory, household_id: str) -> bool:
    """True when no plan of the household was ever decided: then it may be deleted."""
    with storage.unit_of_work(write=False) as uow:
        return not _ever_decided(uow, household_id)


def delete_household(storage: UnitOfWorkFactory, household_id: str) -> Changes:
    """Delete a household that was never decided, with its members and plans, in one unit of work.

    Raises HouseholdKeptError (Dutch) when a plan of it was decided: such a household is archived."""
    with storage.unit_of_work() as uow:
        household = uow.households.get(household_id)
        if household is None:
            return Changes.of(Kind.PLANS)  # already gone (another window): nothing to do
        if _ever_decided(uow, household_id):
            raise HouseholdKeptError(
                f"Dossier {household.case_number} heeft een vastgesteld besluit en moet bewaard blijven. "
                "Archiveer het in plaats van het te verwijderen."
            )
        uow.households.delete(household_id)
    return Changes.of(Kind.HOUSEHOLD | Kind.PLANS, household_id)


def is_archived(storage: UnitOfWorkFactory, household_id: str) -> bool:
    with storage.unit_of_work(write=False) as uow:
        return uow.households.archived_on(household_id) is not None


def archive_household(storage: UnitOfWorkFactory, household_id: str, today: date) -> Changes:
    """Keep the household but leave it out of search and lists (the retention period runs on)."""
    with storage.unit_of_work() as uow:
        if uow.households.archived_on(household_id) is None:
            uow.households.set_archived(household_id, today)
    return Changes.of(Kind.HOUSEHOLD, household_id)


def unarchive_household(storage: UnitOfWorkFactory, household_id: str) -> Changes:
    with storage.unit_of_work() as uow:
        uow.households.set_archived(household_id, None)
    return Changes.of(Kind.HOUSEHOLD, household_id)


def discard_new_household(storage: UnitOfWorkFactory, household: Household, plans: Iterable[Plan]) -> bool:
    """Delete a household just made with Ctrl+N that the professional left without typing
    anything (the window decides that). False, and nothing deleted, once it holds anything."""
    plans = list(plans)
    if household.members or was_decided(plans) or len(plans) > 1:
        return False
    if any((household.street, household.house_number, household.postcode, household.city)):
        return False
    if any(p.life_areas or p.allocations for p in plans):
        return False
    delete_household(storage, household.id)
    return True
