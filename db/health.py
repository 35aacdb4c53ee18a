"""`trajectplanner check`: schema version, SQLite integrity (on PostgreSQL: the server's state),
counts and rule findings."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Select, func, select

from db import convert
from db import schema as s
from db.database import Database
from db.errors import DatabaseError
from db.repositories import UnitOfWork
from planner.exchange.gc_pause import gc_paused
from planner.findings import Severity
from planner.model import Household, Member, Plan, PlanStatus
from planner.reference import load_reference
from planner.rules import check_household

# The kinds `check` counts, with the table each is counted in.
COUNTED = {
    "municipalities": "municipalities",
    "providers": "providers",
    "contracts": "contracts",
    "products": "products",
    "households": "households",
    "members": "members",
    "plans": "plans",
    "allocations": "allocations",
}


# What `check` runs the rules on per household: the household with its members, its concept plans
# in full, and its other plans (decided, closed) counted by status (RuleContext.history).
Checked = tuple[Household, list[Plan], dict[PlanStatus, int]]
_STATUSES = {status.value: status for status in PlanStatus}


def households_for_checking(uow: UnitOfWork) -> list[Checked]:
    """Every household with what the rules need of its plans, in a few bulk queries.

    The rules read only the status of decided and closed plans (rules.household_findings): those
    are counted per household and status by the database, not loaded. Members and households
    are read by position (convert.MEMBER_COLUMNS) and only in the columns the model has."""
    conn = uow.connection
    m = s.members.c
    members: dict[str, list[Member]] = defaultdict(list)
    member_columns = [m[name] for name in convert.MEMBER_COLUMNS]
    household_at, position_at = len(member_columns), len(member_columns) + 1
    rows = _values(conn, select(*member_columns, m.household_id, m.position))
    # Sorted here, not by the database: PostgreSQL sorts 280,000 members on disk (work_mem).
    rows.sort(key=itemgetter(position_at))
    for r in rows:  # in position order, so each household's list is too
        members[r[household_at]].append(convert.member_from_values(r))
    del rows
    plans = concept_plans(conn)
    history: dict[str, dict[PlanStatus, int]] = defaultdict(dict)
    p = s.plans.c
    counted = select(p.household_id, p.status, func.count()).where(p.status != PlanStatus.CONCEPT.value)
    for household_id, status, n in _values(conn, counted.group_by(p.household_id, p.status)):
        history[household_id][_STATUSES.get(status) or PlanStatus(status)] = n
    h = s.households.c
    household_columns = [h[name] for name in convert.HOUSEHOLD_COLUMNS]
    id_at = convert.HOUSEHOLD_COLUMNS.index("id")
    return [
        (convert.household_from_values(r, members[r[id_at]]), plans[r[id_at]], history[r[id_at]])
        for r in _values(conn, select(*household_columns))
    ]


def _values(conn: Connection, stmt: Select[Any]) -> list[Any]:
    """The rows of `stmt`, fetched whole: iterating a result fetches row by row, which psycopg
    does in Python (a few seconds at 100,000 households; sqlite3 does it in C).

    On PostgreSQL the driver's own tuples are taken: psycopg already gives Python's types (dates,
    booleans), so SQLAlchemy has nothing to convert, and its row objects cost half as much as
    the read itself. SQLite keeps dates as text, which SQLAlchemy's rows turn into dates."""
    result = conn.execute(stmt)
    if conn.dialect.name != "postgresql":
        return list(result.all())
    try:
        return list(result.cursor.fetchall())
    finally:
        result.close()


def concept_plans(conn: Connection) -> dict[str, list[Plan]]:
    """Every concept plan with its life areas and allocations, per household (as the plan
    repository loads them, in version order, children in position order), in three queries."""
    p = s.plans.c
    concept = p.status == PlanStatus.CONCEPT.value
    children: list[dict[str, list[Any]]] = []
    for table, make in (
        (s.life_area_results, convert.life_area_from),
        (s.allocations, convert.allocation_from),
    ):
        of_plan: dict[str, list[Any]] = defaultdict(list)
        c = table.c
        found = conn.execute(select(table).where(c.plan_id.in_(select(p.id).where(concept)))).all()
        rows = sorted(found, key=lambda r: (r.position, r.id))  # here: the database sorts on disk
        for r in rows:
            of_plan[r.plan_id].append(make(r._mapping))
        children.append(of_plan)
    areas, allocations = children
    plans: dict[str, list[Plan]] = defaultdict(list)
    for r in conn.execute(select(s.plans).where(concept).order_by(p.version)).all():
        plan_id = r.id
        plans[r.household_id].append(convert.plan_from(r._mapping, areas[plan_id], allocations[plan_id]))
    return plans


# Findings `check` names one by one (with the dossier), not only counts: one person, two dossiers.
INTEGRITY_CODES = frozenset({"member.bsn_duplicate", "member.bsn_elsewhere"})


def bsn_elsewhere_all(conn: Connection) -> dict[str, dict[str, tuple[str, ...]]]:
    """Per household: its members' BSNs held by other households, with their case numbers
    (`RuleContext.bsn_elsewhere`). The database finds the BSNs held by more than one household
    (one GROUP BY), so only their holders are read: no query per household."""
    m, h = s.members.c, s.households.c
    shared = (
        select(m.bsn)
        .where(m.bsn.is_not(None), m.bsn != "")
        .group_by(m.bsn)
        # More than one household: min <> max aggregates by hash, count(DISTINCT ...) by a sort.
        .having(func.min(m.household_id) != func.max(m.household_id))
    )
    stmt = select(m.bsn, m.household_id, h.case_number).join_from(
        s.members, s.households, m.household_id == h.id
    )
    holders: dict[str, set[tuple[str, str]]] = defaultdict(set)  # bsn -> (household id, case number)
    for bsn, household_id, case_number in _values(conn, stmt.where(m.bsn.in_(shared))):
        holders[bsn].add((household_id, case_number))
    out: dict[str, dict[str, tuple[str, ...]]] = defaultdict(dict)
    for bsn, holding in holders.items():
        # Sorted once per BSN; each holder gets the others by slicing out its own place (a BSN
        # shared by k dossiers costs k slices, not k sorts of k).
        ordered = sorted(holding, key=lambda held: (held[1], held[0]))
        cases = tuple(case for _hid, case in ordered)
        for i, (hid, _case) in enumerate(ordered):
            out[hid][bsn] = cases[:i] + cases[i + 1 :]
    return out


def check_database(db: Database, today: date) -> dict[str, Any]:
    """The report of `check`. The full integrity check comes first and is always in the report;
    when the file is too damaged to count or check the rules, `problem` says so instead of the
    command failing before it reported anything."""
    # The load makes about a million objects (100,000 households) that live until the report is
    # made; each collection their allocations set off walked them all again: a third of the load.
    with gc_paused():
        return _check_database(db, today)


def _check_database(db: Database, today: date) -> dict[str, Any]:
    report: dict[str, Any] = {
        "schema_version": db.schema_version,
        "integrity": db.integrity_check(),
        "encrypted": db.encrypted,
        "server": db.server_state(),  # PostgreSQL: what the server says of itself; None for a file
        "read_only": str(db.notice) if db.notice is not None else None,
        "counts": {},
        "findings": {},
        "integrity_findings": [],
        "problem": None,
    }
    reference = load_reference()
    try:
        with db.unit_of_work(write=False) as uow:
            # Only the tables the report names (the search's word tables are the largest).
            counts = {
                table: uow.connection.execute(
                    select(func.count()).select_from(s.metadata.tables[table])
                ).scalar_one()
                for table in COUNTED.values()
            }
            catalogue = uow.catalogue.load()
            households = households_for_checking(uow)
            elsewhere = bsn_elsewhere_all(uow.connection)
    except DatabaseError as exc:
        report["problem"] = str(exc)
        return report
    findings: Counter[str] = Counter({sev.value: 0 for sev in Severity})
    integrity: list[dict[str, str]] = []  # findings a team lead must see by name (duplicate BSNs)
    none: dict[str, tuple[str, ...]] = {}
    for household, plans, history in households:
        for finding in check_household(
            household, plans, catalogue, reference, today, elsewhere.get(household.id, none), history
        ):
            findings[finding.severity.value] += 1
            if finding.code in INTEGRITY_CODES:
                integrity.append({"case_number": household.case_number, "message": finding.message})
    report["counts"] = {kind: counts.get(table, 0) for kind, table in COUNTED.items()}
    report["findings"] = dict(findings)
    report["integrity_findings"] = integrity
    return report
