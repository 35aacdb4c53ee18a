"""The plan status a household is listed with, stored on its row (households.plan_status).

Listed status: its concept's, else its decided plan's, else any (a closed one); NULL without a
plan. Worked out per household at search time it had no index, so "j" filtered on a rare status
walked every "j" household (1.2 s at 100,000). Stored and indexed (plan_status, display_name,
case_number), a filtered search walks the rarer side in name order (db.name_search). Every write
to plans refreshes it: PlanRepository.save/delete, bulk inserts, the exchange import (migration 0012).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Dialect, case, select, update

from db import dialect
from db import schema as s
from planner.model import PlanStatus

_CHUNK = 500


def listed_status() -> Any:
    """The listed status of the outer households row, worked out from its plans (a scalar subquery)."""
    h, p = s.households, s.plans
    rank = case(
        (p.c.status == PlanStatus.CONCEPT.value, 0),
        (p.c.status == PlanStatus.DECIDED.value, 1),
        else_=2,
    )
    return select(p.c.status).where(p.c.household_id == h.c.id).order_by(rank).limit(1).scalar_subquery()


_RANK = {PlanStatus.CONCEPT.value: 0, PlanStatus.DECIDED.value: 1}


def listed_status_of(statuses: Iterable[str]) -> str | None:
    """`listed_status` worked out in Python, for a household written whole with its plans."""
    return min(statuses, key=lambda status: _RANK.get(status, 2), default=None)


def refresh(conn: Connection, household_ids: Iterable[str]) -> None:
    """Store the listed status of these households, worked out from their plans as stored now."""
    ids = sorted(set(household_ids))
    sql = _refresh_sql(conn.dialect)
    for i in range(0, len(ids), _CHUNK):
        where, params = dialect.in_ids_sql(conn, "id", ids[i : i + _CHUNK])
        conn.exec_driver_sql(sql + where, params)


@lru_cache(maxsize=2)
def _refresh_sql(engine: Dialect) -> str:
    """`refresh`'s statement up to its WHERE, compiled once per engine: building and compiling it
    per call cost more than the update itself (a ninth of an ingest of re-assessments)."""
    h = s.households
    compiled = (
        update(h)
        .values(plan_status=listed_status())
        .compile(dialect=engine, compile_kwargs={"literal_binds": True})
    )
    return f"{compiled} WHERE "
