"""`trajectplanner check`: schema version, SQLite integrity (on PostgreSQL: the server's state),
counts and rule findings."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from typing import Any

from sqlalchemy import select

from db import convert
from db import schema as s
from db.database import Database
from db.errors import DatabaseError
from db.repositories import UnitOfWork
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


def households_for_checking(uow: UnitOfWork) -> list[tuple[Household, list[Plan]]]:
    """Every household with what the rules need of its plans, in a few bulk queries.

    Each read is fetched whole (`.all()`): iterating a result fetches row by row, which psycopg
    does in Python (a few seconds at 100,000 households on PostgreSQL; sqlite3 does it in C)."""
    conn = uow.connection
    members: dict[str, list[Member]] = defaultdict(list)
    for r in conn.execute(select(s.members).order_by(s.members.c.household_id, s.members.c.position)).all():
        members[r.household_id].append(convert.member_from(r._mapping))
    plans: dict[str, list[Plan]] = defaultdict(list)
    for plan in uow.plans.with_status(PlanStatus.CONCEPT):
        plans[plan.household_id].append(plan)
    # The rules read only the status of decided and closed plans (rules.check_household), so
    # their life areas and allocations are not loaded here.
    for r in conn.execute(select(s.plans).where(s.plans.c.status != PlanStatus.CONCEPT.value)).all():
        plans[r.household_id].append(convert.plan_from(r._mapping, [], []))
    return [
        (convert.household_from(r._mapping, members[r.id]), plans[r.id])
        for r in conn.execute(select(s.households)).all()
    ]


# Findings `check` names one by one (with the dossier), not only counts: one person, two dossiers.
INTEGRITY_CODES = frozenset({"member.bsn_duplicate", "member.bsn_elsewhere"})


def bsn_elsewhere_all(
    households: list[tuple[Household, list[Plan]]],
) -> dict[str, dict[str, tuple[str, ...]]]:
    """Per household: its members' BSNs held by other households, with their case numbers
    (`RuleContext.bsn_elsewhere`), from the members already loaded: no query per household."""
    holders: dict[str, set[tuple[str, str]]] = defaultdict(set)  # bsn -> (household id, case number)
    for household, _plans in households:
        for m in household.members:
            if m.bsn:
                holders[m.bsn].add((household.id, household.case_number))
    out: dict[str, dict[str, tuple[str, ...]]] = defaultdict(dict)
    for bsn, holding in holders.items():
        if len(holding) > 1:
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
            counts = uow.counts()
            catalogue = uow.catalogue.load()
            households = households_for_checking(uow)
    except DatabaseError as exc:
        report["problem"] = str(exc)
        return report
    findings: Counter[str] = Counter({sev.value: 0 for sev in Severity})
    elsewhere = bsn_elsewhere_all(households)
    integrity: list[dict[str, str]] = []  # findings a team lead must see by name (duplicate BSNs)
    for household, plans in households:
        for finding in check_household(
            household, plans, catalogue, reference, today, elsewhere[household.id]
        ):
            findings[finding.severity.value] += 1
            if finding.code in INTEGRITY_CODES:
                integrity.append({"case_number": household.case_number, "message": finding.message})
    report["counts"] = {kind: counts.get(table, 0) for kind, table in COUNTED.items()}
    report["findings"] = dict(findings)
    report["integrity_findings"] = integrity
    return report
