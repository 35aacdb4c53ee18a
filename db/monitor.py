"""The regional monitor's rows (planner.monitor.rows) in a few reads, on SQLite and PostgreSQL alike.

Portable SQL through the driver (`dialect.driver_sql`, dates by `dialect.as_date`): at 100,000
households SQLAlchemy's per-row result processing would cost more than the database itself (as in
db/caseload.py). No name, BSN or free text is selected. The plan end (start + months) is no SQL
any dialect shares, so the plans are narrowed per plan length and filtered exactly in
planner.monitor; the continuity route is read from its JSON text in SQL (`dialect.json_field`).

What it costs at 100,000 households (tests/benchmarks/bench_monitor.py): SQLite joins by nested
loops on random text ids, so every join of a row is a few b-tree descents and every page read is
decrypted: the plans are joined with their households once per statement and counted in SQL,
the members are read apart (only those a figure needs), and the page cache is larger while the
monitor reads (`dialect.larger_cache`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlalchemy import Connection

from db.dialect import as_date, driver_date, driver_sql, json_field, larger_cache
from planner.model import PlanStatus
from planner.monitor.rows import CellGroup, MonitorAllocation, MonitorData, Period, PlanGroup

# Every statement below joins plans and households again: with this much cache (SQLite; about the
# size of those tables and the allocations at 100,000 households) each page is decrypted once;
# on PostgreSQL, memory for the sorts and hashes of the counts (`dialect.larger_cache`).
CACHE_MIB = 256
_IN_FORCE = (PlanStatus.DECIDED.value, PlanStatus.CLOSED.value)

_ALLOCATIONS = """
SELECT p.status, p.household_id, h.municipality_code, a.member_id, a.product_code, a.start, a."end",
       a.form, a.volume, a.unit, a.frequency, a.pgb_budget, a.provider_id,
       a.extended_youth_care, {route}
FROM allocations a
JOIN plans p ON p.id = a.plan_id
JOIN households h ON h.id = p.household_id
WHERE p.status IN (?, ?) AND a.start <= ? AND a."end" >= ?{towns}
"""
# Read apart and joined in Python: a join per allocation on the members' random ids costs more
# than one pass over the members a figure needs (an own provider; a birthday in the window).
_MEMBERS = "SELECT id, own_provider_id, birth_date FROM members WHERE own_provider_id IS NOT NULL{born}"
_LENGTHS = "SELECT DISTINCT months FROM plans WHERE status IN (?, ?)"
# The plans that may run in the period, materialized once, then counted twice in one statement:
# per start and length, and per priced cell (their areas through the covering index of migration
# 0014; one lookup per plan instead of three joins per life area). A cell row has a life area, a
# plan row none (life_area is NOT NULL in the table).
_PLANS_AND_CELLS = """
WITH r AS MATERIALIZED (
  SELECT p.id, h.municipality_code, p.start, p.months
  FROM plans p JOIN households h ON h.id = p.household_id
  WHERE {plans}
)
SELECT r.municipality_code, r.start, r.months, NULL, NULL, count(*)
FROM r GROUP BY r.municipality_code, r.start, r.months
UNION ALL
SELECT r.municipality_code, r.start, r.months, la.life_area, la.distance, count(*)
FROM r JOIN life_area_results la ON la.plan_id = r.id
WHERE la.distance IS NOT NULL
GROUP BY r.municipality_code, r.start, r.months, la.life_area, la.distance
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
    "WITH r AS MATERIALIZED (SELECT h.municipality_code, n.previous_plan_id"
    + _SUCCESSORS
    + ") SELECT r.municipality_code, la.reached, count(*)"
    " FROM r JOIN life_area_results la ON la.plan_id = r.previous_plan_id"
    " GROUP BY r.municipality_code, la.reached"
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

_NOBODY: tuple[Any, Any] = (None, None)


def _decimal(text: str | None) -> Decimal | None:
    return Decimal(text) if text else None


class MonitorQuery:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def _rows(self, sql: str, params: Sequence[Any]) -> Sequence[Any]:
        return self._conn.exec_driver_sql(driver_sql(self._conn, sql), tuple(params)).fetchall()

    def load(
        self,
        period: Period,
        municipalities: frozenset[str] | None = None,
        born: tuple[date, date] | None = None,
    ) -> MonitorData:
        with larger_cache(self._conn, CACHE_MIB):
            return self._load(period, municipalities, born)

    def _load(
        self, period: Period, municipalities: frozenset[str] | None, born: tuple[date, date] | None
    ) -> MonitorData:
        def day(d: date) -> Any:  # a date as this driver takes it
            return driver_date(self._conn, d)

        towns = sorted(municipalities or ())
        town_sql = f" AND h.municipality_code IN ({', '.join('?' * len(towns))})" if towns else ""
        start, end = day(period.start), day(period.end)

        if born is None:
            members_sql = _MEMBERS.format(born=" OR birth_date IS NOT NULL")
            members_params: tuple[str, ...] = ()
        else:
            members_sql = _MEMBERS.format(born=" OR (birth_date >= ? AND birth_date <= ?)")
            members_params = (day(born[0]), day(born[1]))
        members = {r[0]: (r[1], as_date(r[2])) for r in self._rows(members_sql, members_params)}
        route = json_field(self._conn, "a.continuity", "route")
        # Positional, in the order of MonitorAllocation's fields (faster than keywords at 100,000 rows).
        allocations: list[MonitorAllocation] = []
        add = allocations.append
        for r in self._rows(
            _ALLOCATIONS.format(route=route, towns=town_sql), (*_IN_FORCE, end, start, *towns)
        ):
            own, birth = members.get(r[3], _NOBODY)
            add(
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
                    r[14] or None,
                    own,
                    birth,
                )
            )

        # A plan of `months` months that starts before this bound has ended before the period
        # (a few days' slack for month ends; planner.monitor filters exactly).
        lengths = sorted(int(r[0]) for r in self._rows(_LENGTHS, _IN_FORCE) if r[0])
        bounds = [(m, day(period.start - relativedelta(months=m) - timedelta(days=4))) for m in lengths]
        running = " OR ".join("(p.months = ? AND p.start >= ?)" for _ in bounds) or "1 = 0"
        plan_sql = f"p.status IN (?, ?) AND p.start <= ? AND ({running}){town_sql}"
        plan_params = (*_IN_FORCE, end, *(v for b in bounds for v in b), *towns)
        plans: list[PlanGroup] = []
        cells: list[CellGroup] = []
        for r in self._rows(_PLANS_AND_CELLS.format(plans=plan_sql), plan_params):
            first = as_date(r[1])
            assert first is not None  # start <= end
            if r[3] is None:
                plans.append(PlanGroup(r[0], first, int(r[2]), int(r[5])))
            else:
                cells.append(CellGroup(r[0], first, int(r[2]), r[3], r[4], int(r[5])))
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
