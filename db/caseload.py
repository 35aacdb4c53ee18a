"""The caseload's rows of every household in four reads (planner's `CaseloadStore`).

The caseload looks at 20,000 households at once, so nothing here assembles a household or a
plan: each read takes only the columns `planner.caseload` needs, members only from the birth
window and allocations only where a bridging agreement is recorded. Rows go through the driver
(`exec_driver_sql`) and dates are parsed by `dialect.as_date`: at this size SQLAlchemy's
per-row result processing would cost more than SQLite itself.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection

from db.dialect import as_date, driver_sql
from planner.caseload import (
    CaseloadBridging,
    CaseloadData,
    CaseloadHousehold,
    CaseloadMember,
    CaseloadPlan,
)
from planner.model import ContinuityRoute, Member, PlanStatus

_OPEN = (PlanStatus.CONCEPT.value, PlanStatus.DECIDED.value)

_HOUSEHOLDS = """
SELECT h.id, h.case_number, h.display_name, h.municipality_code, COALESCE(m.name, h.municipality_code)
FROM households h LEFT JOIN municipalities m ON m.code = h.municipality_code
"""
_PLANS = """
SELECT id, household_id, version, status, report_date, application_date, conversation_date,
       own_plan_submitted, start, months, changed_on
FROM plans WHERE status IN (?, ?)
"""
_MEMBERS = """
SELECT id, household_id, given_names, surname_prefix, surname, birth_date
FROM members WHERE birth_date BETWEEN ? AND ? AND moved_out_on IS NULL
"""
# The route lives in the continuity JSON; LIKE narrows to the few candidates portably (no JSON
# functions needed), and the JSON itself decides.
_BRIDGINGS = """
SELECT a.id, a.plan_id, p.household_id, m.given_names, m.surname_prefix, m.surname,
       COALESCE(pr.name, a.product_code), a."end", a.continuity
FROM allocations a
JOIN plans p ON p.id = a.plan_id
LEFT JOIN members m ON m.id = a.member_id
LEFT JOIN products pr ON pr.code = a.product_code
WHERE a.continuity LIKE ? AND p.status IN (?, ?)
"""


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _local_date(utc: object) -> date | None:
    """The day (on this computer's clock) of a UTC timestamp: text on SQLite, a datetime from
    PostgreSQL."""
    if not utc:
        return None
    moment = utc if isinstance(utc, datetime) else datetime.fromisoformat(str(utc))
    return moment.replace(tzinfo=UTC).astimezone().date()


def _day(value: object) -> date:
    found = as_date(value)
    assert found is not None  # a NOT NULL column, or a row selected by its date
    return found


def _name(given: str | None, prefix: str | None, surname: str | None) -> str:
    member = Member(
        given_names=given or "", surname_prefix=prefix or "", surname=surname or "", birth_date=None, id=""
    )
    return member.full_name


class CaseloadQuery:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def load(self, born_from: date, born_to: date) -> CaseloadData:
        def run(sql: str, params: tuple[str, ...] = ()) -> Sequence[Any]:
            # one fetch, not row by row
            return self._conn.exec_driver_sql(driver_sql(self._conn, sql), params).fetchall()

        households = list(map(CaseloadHousehold._make, run(_HOUSEHOLDS)))
        iso = as_date
        status = {s.value: s for s in PlanStatus}
        plans = [
            CaseloadPlan(
                r[0],
                r[1],
                r[2],
                status[r[3]],
                iso(r[4]) if r[4] else None,
                iso(r[5]) if r[5] else None,
                iso(r[6]) if r[6] else None,
                bool(r[7]),
                iso(r[8]) if r[8] else None,
                r[9],
                _local_date(r[10]),
            )
            for r in run(_PLANS, _OPEN)
        ]
        members = [
            CaseloadMember(r[0], r[1], _name(r[2], r[3], r[4]), _day(r[5]))
            for r in run(_MEMBERS, (born_from.isoformat(), born_to.isoformat()))
        ]
        bridgings = []
        for r in run(_BRIDGINGS, (f"%{ContinuityRoute.BRIDGING.value}%", *_OPEN)):
            continuity = json.loads(r[8])
            until = _date(continuity.get("until"))
            if continuity.get("route") != ContinuityRoute.BRIDGING.value or until is None:
                continue
            bridgings.append(
                CaseloadBridging(
                    allocation_id=r[0],
                    plan_id=r[1],
                    household_id=r[2],
                    member_name=_name(r[3], r[4], r[5]),
                    product_name=r[6],
                    allocation_end=_day(r[7]),
                    until=until,
                )
            )
        return CaseloadData(households, plans, members, bridgings)


__all__ = ["CaseloadQuery"]
