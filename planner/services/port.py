"""The unit-of-work port: what operations need from storage, as Protocols.

`planner` defines the port; `db` implements it (`db.database.Database` is a `UnitOfWorkFactory`,
`db.repositories.UnitOfWork` a `UnitOfWorkPort`; tests/db/test_port.py checks both statically
with mypy and at run time). An operation opens one unit of work, and everything it saves in it
commits or rolls back together.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import date
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:  # annotations only: the window's first frame imports none of them (issue 11)
    from planner.caseload import CaseloadData
    from planner.catalogue import Catalogue
    from planner.documents.rendering import StoredDocument
    from planner.documents.service import DecidedPlan
    from planner.exchange.merge import ImportPlan
    from planner.exchange.records import HouseholdTree, Record, RecordKind, StoredConflict
    from planner.model import Household, Plan, PlanStatus
    from planner.summaries import HouseholdSummary


@runtime_checkable
class HouseholdStore(Protocol):
    def get(self, household_id: str) -> Household | None: ...
    def by_case_number(self, case_number: str) -> Household | None: ...
    def save(self, household: Household) -> None: ...
    def delete(self, household_id: str) -> bool:
        """The household with its members, plans and decisions; False if it was not stored."""
        ...

    def summaries(self, include_archived: bool = False) -> list[HouseholdSummary]: ...
    def search(
        self,
        text: str,
        limit: int = 50,
        include_archived: bool = False,
        municipality_code: str | None = None,
        plan_status: PlanStatus | None = None,
    ) -> list[HouseholdSummary]: ...
    def with_bsn(self, bsn: str, except_household_id: str) -> list[str]:
        """Case numbers of the other households with a member holding `bsn` (an indexed look-up)."""
        ...

    def archived_on(self, household_id: str) -> date | None: ...
    def set_archived(self, household_id: str, on: date | None) -> bool:
        """Archive on a date, or un-archive (None); False if the household is not stored."""
        ...

    def any_id(self) -> str | None:
        """One household's id (the first by case number), None when there are none."""
        ...


@runtime_checkable
class PlanStore(Protocol):
    def get(self, plan_id: str) -> Plan | None: ...
    def for_household(self, household_id: str) -> list[Plan]: ...
    def active(self, household_id: str) -> Plan | None:
        """The plan being worked on (planner.plans.active_plan)."""
        ...

    def save(self, plan: Plan) -> None: ...
    def delete(self, plan_id: str) -> bool: ...


@runtime_checkable
class DecisionStore(Protocol):
    """The decision snapshot (JSON) per plan: written once, never changed."""

    def save(self, plan_id: str, snapshot_json: str) -> None: ...
    def get(self, plan_id: str) -> str | None: ...
    def decided_since(self, since: date) -> list[DecidedPlan]:
        """Plans with a stored decision, decided on or after `since`, oldest first."""
        ...

    def save_documents(self, plan_id: str, documents: Sequence[StoredDocument]) -> None:
        """The PDF files of the decision as sent: written once with it, never changed."""
        ...

    def documents(self, plan_id: str) -> list[StoredDocument]:
        """The files stored with the plan's decision, in order; empty when none were stored."""
        ...


@runtime_checkable
class SettingsStore(Protocol):
    def get(self, key: str, default: str | None = None) -> str | None: ...
    def get_many(self, keys: Sequence[str]) -> dict[str, str]: ...
    def set(self, key: str, value: str) -> None: ...


@runtime_checkable
class CatalogueStore(Protocol):
    def load(self) -> Catalogue: ...
    def replace(self, catalogue: Catalogue) -> None: ...


@runtime_checkable
class CaseloadStore(Protocol):
    """The caseload's rows of every household in a few bulk reads (planner/caseload.py)."""

    def load(self, born_from: date, born_to: date) -> CaseloadData:
        """Households, their concept and decided plans, the bridging agreements in those plans,
        and the members who have not moved out, born between the dates (inclusive)."""
        ...


@runtime_checkable
class UnitOfWorkPort(Protocol):
    """One transaction's stores (read-only properties: an implementation may narrow them)."""

    @property
    def households(self) -> HouseholdStore: ...
    @property
    def plans(self) -> PlanStore: ...
    @property
    def decisions(self) -> DecisionStore: ...
    @property
    def settings(self) -> SettingsStore: ...
    @property
    def catalogue(self) -> CatalogueStore: ...
    @property
    def caseload(self) -> CaseloadStore: ...
    def counts(self) -> dict[str, int]: ...


@runtime_checkable
class UnitOfWorkFactory(Protocol):
    """Hands out units of work: committed when the block ends, rolled back when it raises.

    `busy_timeout_s`: how long this unit waits for another program's write lock (None: the
    storage's default) — the autosave waits briefly and retries instead of freezing the window."""

    def unit_of_work(
        self, *, write: bool = True, busy_timeout_s: float | None = None
    ) -> AbstractContextManager[UnitOfWorkPort]: ...


# --- sync by exported files (planner.services.exchange) --------------------------------------


@runtime_checkable
class ExchangeStore(Protocol):
    """Exchange records read and written in bulk (db/exchange.py)."""

    def author(self) -> tuple[str, str]:
        """(professional, device) of this database."""
        ...

    def household_ids(self, case_numbers: Sequence[str] | None = None) -> list[str]: ...
    def case_numbers(self, case_numbers: Sequence[str]) -> set[str]:
        """Those of the case numbers that are stored."""
        ...

    def trees(
        self, household_ids: Sequence[str], incoming: Sequence[HouseholdTree] = ()
    ) -> dict[str, HouseholdTree]:
        """The stored households; a record stored exactly as in `incoming` is given as that one."""
        ...

    def sent(self, recipient: str) -> dict[str, str]:
        """Household id → fingerprint, as last exported to `recipient`."""
        ...

    def mark_sent(self, recipient: str, fingerprints: dict[str, str]) -> None: ...
    def apply(self, plan: ImportPlan, sender: str) -> int:
        """Write an import's records and conflicts; the number of conflicts new here."""
        ...

    def open_conflicts(self) -> list[StoredConflict]: ...
    def current(self, kind: RecordKind, record_id: str, parent_id: str) -> Record | None: ...
    def mark_resolved(self, conflict_id: str) -> bool: ...
    def conflict(self, conflict_id: str) -> StoredConflict | None:
        """The conflict, open or already resolved (None: no such conflict)."""
        ...

    def keep_here(self, conflict_id: str, record: Record | None) -> None:
        """Store the version here as it was just before the conflict was first resolved."""
        ...


@runtime_checkable
class ExchangeUnitOfWork(UnitOfWorkPort, Protocol):
    @property
    def exchange(self) -> ExchangeStore: ...


@runtime_checkable
class ExchangeStorage(Protocol):
    def unit_of_work(
        self, *, write: bool = True, busy_timeout_s: float | None = None
    ) -> AbstractContextManager[ExchangeUnitOfWork]: ...
