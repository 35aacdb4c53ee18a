"""The regional monitor's rows (planner.monitor.rows) in four reads, on SQLite and PostgreSQL alike.

SQLAlchemy Core only, portable: dates compared as dates, the plan end (start + months) computed in
Python rather than by a dialect's date arithmetic, the continuity route read from its JSON text in
Python. No name, BSN or free text is selected. Rows go through the driver (`exec_driver_sql` of
the compiled statement would be faster still, but at 100,000 households these reads stay well
inside the budget: see tests/benchmarks/bench_monitor.py).
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from sqlalchemy import Connection, and_, func, select

from db import schema as s
from planner.model import PlanStatus
from planner.monitor.rows import MonitorAllocation, MonitorData, MonitorLifeArea, MonitorPlan, Period

_IN_FORCE = (PlanStatus.DECIDED.value, PlanStatus.CLOSED.value)
# A plan lasts at most this long (region.toml max_plan_months is 60): an older start cannot reach.
_LONGEST_PLAN = relativedelta(months=60)


def _route(continuity: str | None) -> str | None:
    if not continuity:
        return None
    route = json.loads(continuity).get("route")
    return str(route) if route else None


class MonitorQuery:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def load(self, period: Period, municipalities: frozenset[str] | None = None) -> MonitorData:
        h, p, a, m, la = s.households, s.plans, s.allocations, s.members, s.life_area_results
        where_town = [h.c.municipality_code.in_(sorted(municipalities))] if municipalities else []
        alloc_rows = self._conn.execute(
            select(
                a.c.plan_id,
                p.c.household_id,
                h.c.municipality_code,
                a.c.member_id,
                a.c.product_code,
                a.c.start,
                a.c.end,
                a.c.form,
                a.c.volume,
                a.c.unit,
                a.c.frequency,
                a.c.pgb_budget,
                a.c.provider_id,
                a.c.law,
                a.c.extended_youth_care,
                a.c.continuity,
                m.c.own_provider_id,
                m.c.birth_date,
            )
            .select_from(a.join(p, p.c.id == a.c.plan_id).join(h, h.c.id == p.c.household_id))
            .outerjoin(m, m.c.id == a.c.member_id)
            .where(p.c.status.in_(_IN_FORCE), a.c.start <= period.end, a.c.end >= period.start, *where_town)
        ).all()
        allocations = [
            MonitorAllocation(
                plan_id=r[0],
                household_id=r[1],
                municipality_code=r[2],
                member_id=r[3],
                product_code=r[4],
                start=r[5],
                end=r[6],
                form=r[7],
                volume=r[8],
                unit=r[9],
                frequency=r[10],
                pgb_budget=Decimal(r[11]) if r[11] else None,
                provider_id=r[12],
                law=r[13],
                extended_youth_care=bool(r[14]),
                route=_route(r[15]),
                own_provider_id=r[16],
                birth_date=r[17],
            )
            for r in alloc_rows
        ]
        earliest: date = period.start - _LONGEST_PLAN
        plan_where = and_(
            p.c.status.in_(_IN_FORCE), p.c.start <= period.end, p.c.start >= earliest, *where_town
        )
        plan_rows = self._conn.execute(
            select(
                p.c.id,
                p.c.household_id,
                h.c.municipality_code,
                p.c.status,
                p.c.start,
                p.c.months,
                p.c.decided_on,
                p.c.previous_plan_id,
            )
            .select_from(p.join(h, h.c.id == p.c.household_id))
            .where(plan_where)
        ).all()
        plans = [MonitorPlan(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]) for r in plan_rows]
        area_rows = self._conn.execute(
            select(la.c.plan_id, la.c.life_area, la.c.distance, la.c.reached)
            .select_from(la.join(p, p.c.id == la.c.plan_id).join(h, h.c.id == p.c.household_id))
            .where(plan_where)
        ).all()
        life_areas = [MonitorLifeArea(r[0], r[1], r[2], r[3]) for r in area_rows]
        first = func.min(p.c.start)
        new_rows = self._conn.execute(
            select(h.c.municipality_code, p.c.household_id, first)
            .select_from(p.join(h, h.c.id == p.c.household_id))
            .where(p.c.status.in_(_IN_FORCE), *where_town)
            .group_by(h.c.municipality_code, p.c.household_id)
            .having(and_(first >= period.start, first <= period.end))
        ).all()
        new_households: dict[str, int] = {}
        for row in new_rows:
            code = str(row[0])
            new_households[code] = new_households.get(code, 0) + 1
        return MonitorData(allocations, plans, life_areas, new_households)


__all__ = ["MonitorQuery"]
