"""The regional monitor's rows (planner.monitor.rows) in a few reads, on SQLite and PostgreSQL alike.

Portable SQL through the driver (`dialect.driver_sql`, dates by `dialect.as_date`): at 100,000
households SQLAlchemy's per-row result processing would cost more than the database itself (as in
db/caseload.py). No name, BSN or free text is selected. The plan end (start + months) is no SQL
any dialect shares, so the plans are narrowed per plan length and filtered exactly in
planner.monitor; the continuity route is read from its JSON text here.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlalchemy import Connection

from db.dialect import as_date, driver_date, driver_sql
from planner.model import PlanStatus
from planner.monitor.rows import CellGroup, MonitorAllocation, MonitorData, Period, PlanGroup

_IN_FORCE = (PlanStatus.DECIDED.value, PlanStatus.CLOSED.value)

_ALLOCATIONS = """
SELECT p.status, p.household_id, h.municipality_code, a.member_id, a.product_code, a.start, a."end",
       a.form, a.volume, a.unit, a.frequency, a.pgb_budget, a.provider_id,
       a.extended_youth_care, a.continuity, m.own_provider_id, m.birth_date
FROM allocations a
JOIN plans p ON p.id = a.plan_id
JOIN households h ON h.id = p.household_id
LEFT JOIN members m ON m.id = a.member_id
WHERE p.status IN (?, ?) AND a.start <= ? AND a."end" >= ?{towns}
"""
_LENGTHS = "SELECT DISTINCT months FROM plans WHERE status IN (?, ?)"
_PLANS = """
SELECT h.municipality_code, p.start, p.months, count(*)
FROM plans p JOIN households h ON h.id = p.household_id
WHERE {plans}
GROUP BY h.municipality_code, p.start, p.months
"""
_CELLS = """
SELECT h.municipality_code, p.start, p.months, la.life_area, la.distance, count(*)
FROM life_area_results la
JOIN plans p ON p.id = la.plan_id
JOIN households h ON h.id = p.household_id
WHERE {plans} AND la.distance IS NOT NULL
GROUP BY h.municipality_code, p.start, p.months, la.life_area, la.distance
"""
# A re-assessment: a plan decided in the period (or, without a decision date, starting in it)
# that follows an earlier plan; the earlier plan's life areas say whether results were reached.
_SUCCESSORS = """
FROM plans n JOIN households h ON h.id = n.household_id
WHERE n.status IN (?, ?) AND n.previous_plan_id IS NOT NULL
  AND COALESCE(n.decided_on, n.start) >= ? AND COALESCE(n.decided_on, n.start) <= ?{towns}
"""
_REASSESSED = "SELECT h.municipality_code, count(*)" + _SUCCESSORS + " GROUP BY h.municipality_code"
_RESULTS = (
    "SELECT h.municipality_code, la.reached, count(*)"
    + _SUCCESSORS.replace("WHERE", "JOIN life_area_results la ON la.plan_id = n.previous_plan_id WHERE")
    + " GROUP BY h.municipality_code, la.reached"
)
# A household is new in the period when its first plan in force starts in it: a plan starting in
# the period with no earlier one (through the index on plans.household_id, not a scan of them all).
_NEW_HOUSEHOLDS = """
SELECT h.municipality_code, count(*)
FROM plans p JOIN households h ON h.id = p.household_id
WHERE p.status IN (?, ?) AND p.start >= ? AND p.start <= ?{towns}
  AND NOT EXISTS (
    SELECT 1 FROM plans q
    WHERE q.household_id = p.household_id AND q.status IN (?, ?) AND q.start < p.start
  )
GROUP BY h.municipality_code
"""


def _route(continuity: str | None) -> str | None:
    if not continuity:
        return None
    route = json.loads(continuity).get("route")
    return str(route) if route else None


def _decimal(text: str | None) -> Decimal | None:
    return Decimal(text) if text else None


class MonitorQuery:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def _rows(self, sql: str, params: Sequence[Any]) -> Sequence[Any]:
        return self._conn.exec_driver_sql(driver_sql(self._conn, sql), tuple(params)).fetchall()

    def load(self, period: Period, municipalities: frozenset[str] | None = None) -> MonitorData:
        def day(d: date) -> Any:  # a date as this driver takes it
            return driver_date(self._conn, d)

        towns = sorted(municipalities or ())
        town_sql = f" AND h.municipality_code IN ({', '.join('?' * len(towns))})" if towns else ""
        start, end = day(period.start), day(period.end)

        # Positional, in the order of MonitorAllocation's fields (faster than keywords at 100,000 rows).
        allocations = [
            MonitorAllocation(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                as_date(r[5]),  # type: ignore[arg-type]  # NOT NULL columns
                as_date(r[6]),  # type: ignore[arg-type]
                r[7],
                r[8],
                r[9],
                r[10],
                _decimal(r[11]),
                r[12],
                bool(r[13]),
                _route(r[14]),
                r[15],
                as_date(r[16]),
            )
            for r in self._rows(_ALLOCATIONS.format(towns=town_sql), (*_IN_FORCE, end, start, *towns))
        ]

        # A plan of `months` months that starts before this bound has ended before the period
        # (a few days' slack for month ends; planner.monitor filters exactly).
        lengths = sorted(int(r[0]) for r in self._rows(_LENGTHS, _IN_FORCE) if r[0])
        bounds = [(m, day(period.start - relativedelta(months=m) - timedelta(days=4))) for m in lengths]
        running = " OR ".join("(p.months = ? AND p.start >= ?)" for _ in bounds) or "1 = 0"
        plan_sql = f"p.status IN (?, ?) AND p.start <= ? AND ({running}){town_sql}"
        plan_params = (*_IN_FORCE, end, *(v for b in bounds for v in b), *towns)
        plans = [
            PlanGroup(r[0], as_date(r[1]), int(r[2]), int(r[3]))  # type: ignore[arg-type]  # start <= end
            for r in self._rows(_PLANS.format(plans=plan_sql), plan_params)
        ]
        cells = [
            CellGroup(r[0], as_date(r[1]), int(r[2]), r[3], r[4], int(r[5]))  # type: ignore[arg-type]
            for r in self._rows(_CELLS.format(plans=plan_sql), plan_params)
        ]
        successors = (*_IN_FORCE, start, end, *towns)
        reassessed = {
            str(r[0]): int(r[1]) for r in self._rows(_REASSESSED.format(towns=town_sql), successors)
        }
        results = {
            (str(r[0]), r[1]): int(r[2]) for r in self._rows(_RESULTS.format(towns=town_sql), successors)
        }
        new_households = {
            str(r[0]): int(r[1])
            for r in self._rows(
                _NEW_HOUSEHOLDS.format(towns=town_sql), (*_IN_FORCE, start, end, *towns, *_IN_FORCE)
            )
        }
        return MonitorData(allocations, plans, cells, reassessed, results, new_households)


__all__ = ["MonitorQuery"]
