"""A plain in-memory implementation of planner's unit-of-work port, for planner-only tests.

The port is an interface, so a second implementation is a legitimate user of it, not a mock of
the database: each unit of work works on a copy and commits it only when the block ends without
an error, as a transaction would. tests/planner/test_services_storage.py runs the same tests
against this and against the real SQLite database.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from planner.caseload import CaseloadData, caseload_data
from planner.catalogue import Catalogue
from planner.documents.rendering import StoredDocument
from planner.documents.service import DecidedPlan
from planner.errors import FrozenPlanError
from planner.model import Household, Plan, PlanStatus
from planner.plans import active_plan
from planner.summaries import HouseholdSummary


@dataclass
class _State:
    households: dict[str, Household] = field(default_factory=dict)
    plans: dict[str, Plan] = field(default_factory=dict)
    decisions: dict[str, str] = field(default_factory=dict)
    documents: dict[str, list[StoredDocument]] = field(default_factory=dict)  # plan id -> files
    settings: dict[str, str] = field(default_factory=dict)
    catalogue: Catalogue = field(default_factory=Catalogue)
    archived: dict[str, date] = field(default_factory=dict)  # household id -> archived on


class _Households:
    def __init__(self, state: _State) -> None:
        self._s = state

    def get(self, household_id: str) -> Household | None:
        return copy.deepcopy(self._s.households.get(household_id))

    def by_case_number(self, case_number: str) -> Household | None:
        found = next((h for h in self._s.households.values() if h.case_number == case_number), None)
        return copy.deepcopy(found)

    def save(self, household: Household) -> None:
        stored = self._s.households.get(household.id)
        household.revision = (stored.revision if stored else household.revision) + 1
        self._s.households[household.id] = copy.deepcopy(household)

    def delete(self, household_id: str) -> bool:
        if self._s.households.pop(household_id, None) is None:
            return False
        for plan in [p for p in self._s.plans.values() if p.household_id == household_id]:
            del self._s.plans[plan.id]
            self._s.decisions.pop(plan.id, None)
            self._s.documents.pop(plan.id, None)
        self._s.archived.pop(household_id, None)
        return True

    def summaries(self, include_archived: bool = False) -> list[HouseholdSummary]:
        shown = [h for h in self._s.households.values() if include_archived or h.id not in self._s.archived]
        return sorted((self._summary(h) for h in shown), key=lambda s: s.case_number)

    def with_bsn(self, bsn: str, except_household_id: str) -> list[str]:
        return sorted(
            h.case_number
            for h in self._s.households.values()
            if h.id != except_household_id and any(m.bsn == bsn for m in h.members)
        )

    def any_id(self) -> str | None:
        first = min(self._s.households.values(), key=lambda h: h.case_number, default=None)
        return first.id if first is not None else None

    def archived_on(self, household_id: str) -> date | None:
        return self._s.archived.get(household_id)

    def set_archived(self, household_id: str, on: date | None) -> bool:
        if household_id not in self._s.households:
            return False
        if on is None:
            self._s.archived.pop(household_id, None)
        else:
            self._s.archived[household_id] = on
        return True

    def search(
        self,
        text: str,
        limit: int = 50,
        include_archived: bool = False,
        municipality_code: str | None = None,
        plan_status: PlanStatus | None = None,
    ) -> list[HouseholdSummary]:
        words = text.casefold().split()
        found = [
            s
            for s in self.summaries(include_archived)
            if municipality_code in (None, s.municipality_code)
            and plan_status in (None, s.plan_status)
            and all(
                any(w in part.casefold() for part in (s.name, s.case_number, *s.member_names)) for w in words
            )
        ]
        return found[:limit]

    def _summary(self, h: Household) -> HouseholdSummary:
        plan = active_plan([p for p in self._s.plans.values() if p.household_id == h.id])
        names = tuple(m.full_name for m in h.members)
        code = h.municipality_code
        return HouseholdSummary(
            h.id, h.case_number, h.name, code, code, h.postcode, plan.status if plan else None, names
        )


class _Plans:
    def __init__(self, state: _State) -> None:
        self._s = state

    def get(self, plan_id: str) -> Plan | None:
        return copy.deepcopy(self._s.plans.get(plan_id))

    def for_household(self, household_id: str) -> list[Plan]:
        plans = [p for p in self._s.plans.values() if p.household_id == household_id]
        return copy.deepcopy(sorted(plans, key=lambda p: p.version))

    def active(self, household_id: str) -> Plan | None:
        return active_plan(self.for_household(household_id))

    def save(self, plan: Plan) -> None:
        stored = self._s.plans.get(plan.id)
        plan.revision = (stored.revision if stored else plan.revision) + 1
        self._s.plans[plan.id] = copy.deepcopy(plan)

    def delete(self, plan_id: str) -> bool:
        return self._s.plans.pop(plan_id, None) is not None


class _Decisions:
    def __init__(self, state: _State) -> None:
        self._s = state

    def save(self, plan_id: str, snapshot_json: str) -> None:
        existing = self._s.decisions.get(plan_id)
        if existing is not None and existing != snapshot_json:
            raise FrozenPlanError("Over dit plan is al een besluit vastgelegd.")
        self._s.decisions[plan_id] = snapshot_json

    def get(self, plan_id: str) -> str | None:
        return self._s.decisions.get(plan_id)

    def decided_since(self, since: date) -> list[DecidedPlan]:
        found = []
        for plan_id in self._s.decisions:
            plan = self._s.plans.get(plan_id)
            if plan is None or plan.decided_on is None or plan.decided_on < since:
                continue
            case_number = self._s.households[plan.household_id].case_number
            found.append(DecidedPlan(case_number, plan.household_id, plan.id, plan.decided_on))
        return sorted(found, key=lambda d: (d.decided_on, d.case_number))

    def save_documents(self, plan_id: str, documents: Sequence[StoredDocument]) -> None:
        existing = self._s.documents.get(plan_id)
        if existing and existing != list(documents):
            raise FrozenPlanError("Bij dit besluit zijn de verzonden brieven al vastgelegd.")
        if documents:
            self._s.documents[plan_id] = list(documents)

    def documents(self, plan_id: str) -> list[StoredDocument]:
        return list(self._s.documents.get(plan_id, []))


class _Settings:
    def __init__(self, state: _State) -> None:
        self._s = state

    def get(self, key: str, default: str | None = None) -> str | None:
        return self._s.settings.get(key, default)

    def get_many(self, keys: Sequence[str]) -> dict[str, str]:
        return {k: self._s.settings[k] for k in keys if k in self._s.settings}

    def set(self, key: str, value: str) -> None:
        self._s.settings[key] = value


class _Catalogue:
    def __init__(self, state: _State) -> None:
        self._s = state

    def load(self) -> Catalogue:
        return copy.deepcopy(self._s.catalogue)

    def replace(self, catalogue: Catalogue) -> None:
        self._s.catalogue = copy.deepcopy(catalogue)


class _Caseload:
    def __init__(self, state: _State) -> None:
        self._s = state

    def load(self, born_from: date, born_to: date) -> CaseloadData:
        catalogue = self._s.catalogue
        return caseload_data(
            self._s.households.values(),
            self._s.plans.values(),
            {code: m.name for code, m in catalogue.municipalities.items()},
            {code: p.name for code, p in catalogue.products.items()},
            (born_from, born_to),
        )


class MemoryUnitOfWork:
    def __init__(self, state: _State) -> None:
        self.households = _Households(state)
        self.plans = _Plans(state)
        self.decisions = _Decisions(state)
        self.settings = _Settings(state)
        self.catalogue = _Catalogue(state)
        self.caseload = _Caseload(state)
        self._state = state

    def counts(self) -> dict[str, int]:
        return {"households": len(self._state.households), "plans": len(self._state.plans)}


class MemoryStorage:
    """`UnitOfWorkFactory` over dicts; `units` counts the units of work handed out."""

    def __init__(self) -> None:
        self._state = _State()
        self.units = 0

    @contextmanager
    def unit_of_work(
        self, *, write: bool = True, busy_timeout_s: float | None = None
    ) -> Iterator[MemoryUnitOfWork]:
        self.units += 1
        working = copy.deepcopy(self._state)
        yield MemoryUnitOfWork(working)
        if write:
            self._state = working  # commit; an exception above leaves the old state (rollback)
