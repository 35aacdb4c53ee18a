"""What the regional monitor reads, as plain rows: no name, no BSN, no free text ever enters.

`db/monitor.py` fills these from the database (both engines); `planner.monitor.compute` turns them
into the figures. Ids are only there to count distinct households and to link rows; no report
shows one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date  # inclusive

    def overlaps(self, start: date, end: date) -> bool:
        return start <= self.end and end >= self.start

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(slots=True)  # not frozen: a frozen init costs a call per field, 100,000 times
class MonitorAllocation:
    """An allocation of a decided or closed plan that runs at some time in the period."""

    plan_status: str  # vastgesteld / afgesloten
    household_id: str
    municipality_code: str
    member_id: str
    product_code: str
    start: date
    end: date  # inclusive
    form: str
    volume: int
    unit: str
    frequency: str
    pgb_budget: Decimal | None
    provider_id: str | None
    extended_youth_care: bool
    route: str | None  # the continuity route, when one was recorded
    own_provider_id: str | None  # the member's own provider (already giving care), if any
    birth_date: date | None  # when in the window asked for (`MonitorStore.load`'s born), else None


@dataclass(frozen=True, slots=True)
class PlanGroup:
    """Decided or closed plans of one municipality with one start and length, counted."""

    municipality_code: str
    start: date
    months: int
    plans: int


@dataclass(frozen=True, slots=True)
class CellGroup:
    """Life areas with a distance (a priced matrix cell) of such plans, counted."""

    municipality_code: str
    start: date
    months: int
    life_area: str
    distance: str
    count: int


@dataclass(frozen=True, slots=True)
class MonitorData:
    allocations: list[MonitorAllocation]
    plans: list[PlanGroup]  # that may run in the period (planner.monitor filters exactly)
    cells: list[CellGroup]
    # Plans decided in the period as the successor of an earlier plan, by municipality code, and
    # the results (volledig / gedeeltelijk / niet, None: not recorded) of the earlier plans' life areas.
    reassessed: dict[str, int]
    results: dict[tuple[str, str | None], int]
    # Households whose first decided plan starts in the period, by municipality code.
    new_households: dict[str, int]


class MonitorStore(Protocol):
    """The monitor's rows for one period, in a few bulk reads (db/monitor.py)."""

    def load(
        self,
        period: Period,
        municipalities: frozenset[str] | None = None,
        born: tuple[date, date] | None = None,
    ) -> MonitorData:
        """`born`: the members' birth dates the figures need (None: every one)."""
        ...
