"""A walk in name order whose first matches lie far into it (db/name_search.py): past the first
1,000 households, where the PostgreSQL search once stopped probing and started again. On both
engines the page must be exactly the one sorting every match gives; on PostgreSQL the walk must
also stop at its LIMIT rather than probe and sort every household it could reach."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Connection, event

from db.database import Database
from db.dialect import POSTGRESQL
from db.name_search import NARROW
from planner.model import Household, Member, Plan, PlanStatus, Role
from tests.db.search_oracle import expected_page
from tests.pg import server_or_skip

# Households in name order (surname Smit0000 …): "Piet" in the first 2,200, "Jan" from the 1,200th
# on, so "jan piet" walks the "pie" households (the rarer) and meets its first match at 1,200.
N = 3600
PIET = range(0, 2200)
JAN = range(1200, N)
FIRST_MATCH = 1200
CONCEPT = range(0, 1500)  # a status walk over these meets "jan piet" at 1,200 too
DECIDED = range(1500, 3000)
RARE_MUNICIPALITY = "GM0201"  # every 40th household: fewer than a page, the walk goes to its end


def _household(i: int) -> Household:
    surname = f"Smit{i:04d}"
    members = [
        Member(given, surname, None, Role.PARENT) for given, r in (("Piet", PIET), ("Jan", JAN)) if i in r
    ]
    municipality = RARE_MUNICIPALITY if i % 40 == 7 else "GM0200"
    return Household(
        case_number=f"2027-{i:06d}", municipality_code=municipality, postcode="", members=members
    )


Filled = tuple[Database, list[Household], dict[str, PlanStatus | None]]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def far(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Filled]:
    server = server_or_skip() if request.param == "postgresql" else None
    target: Any = server.fresh_database() if server else tmp_path_factory.mktemp("walk") / "t.db"
    households = [_household(i) for i in range(N)]
    plans = [Plan(household_id=households[i].id) for i in CONCEPT]
    plans += [
        Plan(household_id=households[i].id, status=PlanStatus.DECIDED, decided_on=date(2027, 1, 5))
        for i in DECIDED
    ]
    listed: dict[str, PlanStatus | None] = {h.id: None for h in households}
    listed.update({p.household_id: p.status for p in plans})
    db = Database.open(target)
    try:
        with db.unit_of_work() as uow:
            uow.bulk_insert_households(households, plans)
        yield db, households, listed
    finally:
        db.close()
        if server:
            server.drop(target)


def _expected(
    households: list[Household],
    listed: dict[str, PlanStatus | None],
    text: str,
    municipality: str | None,
    status: PlanStatus | None,
) -> list[str]:
    """Brute force: every household read, the exact matches sorted, then the tolerant ones."""
    kept = sorted(
        (
            h
            for h in households
            if (municipality is None or h.municipality_code == municipality)
            and (status is None or listed[h.id] is status)
        ),
        key=lambda h: (h.name, h.case_number),
    )
    return expected_page(kept, text)


@pytest.mark.parametrize("text", ["jan piet", "piet jan", "p j", "pi ja smit"])
@pytest.mark.parametrize(
    ("municipality", "status"),
    [
        (None, None),
        (None, PlanStatus.CONCEPT),
        (None, PlanStatus.DECIDED),
        (RARE_MUNICIPALITY, None),
        (RARE_MUNICIPALITY, PlanStatus.CONCEPT),
        ("GM0200", PlanStatus.CONCEPT),
    ],
)
def test_matches_past_the_first_thousand_are_the_sorted_page(
    far: Filled, text: str, municipality: str | None, status: PlanStatus | None
) -> None:
    db, households, listed = far
    assert len(PIET) > NARROW and len(JAN) > NARROW  # both words common: walked, not sorted
    expected = _expected(households, listed, text, municipality, status)
    assert expected, (text, municipality, status)
    with db.unit_of_work(write=False) as uow:
        found = uow.households.search(text, municipality_code=municipality, plan_status=status)
    assert [f.case_number for f in found] == expected


def _rows_read(conn: Connection, sql: str, params: Any, index: str) -> int:
    """Rows a walk read through `index` running the statement (EXPLAIN ANALYZE): the rows of its
    filtered scans, kept or not."""
    (plan,) = conn.exec_driver_sql("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params).scalar_one()
    total, nodes = 0, [plan["Plan"]]
    while nodes:
        node = nodes.pop()
        nodes += node.get("Plans", [])
        if node.get("Index Name") == index and "Filter" in node:
            total += (node["Actual Rows"] + node.get("Rows Removed by Filter", 0)) * node["Actual Loops"]
    return total


def _page_statement(db: Database, text: str, **narrowing: Any) -> tuple[str, Any]:
    """The search's last statement (the one that reads the page) with its parameters."""
    statements: list[tuple[str, Any]] = []

    def seen(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        with db.unit_of_work(write=False) as uow:
            assert len(uow.households.search(text, **narrowing)) == 50
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    return statements[-1]


def test_postgresql_walk_stops_at_its_limit(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """The word probes and the filters run per household in name order (dialect.per_row_exists,
    dialect.equals_as_filter): the walk reads the households up to its 50th match (the 550th or
    the 750th), where PostgreSQL, taking the two words for independent, expects fewer than a page
    among all it could reach, and would otherwise read and sort them all."""
    import db.name_search as name_search

    N = 8000

    def household(i: int) -> Household:
        given = [
            g
            for g, r in (("Piet", range(800)), ("Jan", range(500, 1400)), ("Kees", range(1400, N)))
            if i in r
        ]
        members = [Member(g, f"Smit{i:04d}", None, Role.PARENT) for g in given]
        return Household(
            case_number=f"2027-{i:06d}", municipality_code="GM0200", postcode="", members=members
        )

    households = [household(i) for i in range(N)]
    with db.unit_of_work() as uow:
        if uow.connection.dialect.name != POSTGRESQL:
            pytest.skip("SQLite runs every EXISTS per row: its planner has no other way")
        # Decided: 700, fewer than "piet" (800), so walked; concept: 1,100, the "pie" words walked.
        plans = [
            Plan(household_id=h.id, status=PlanStatus.DECIDED, decided_on=date(2027, 1, 5))
            for h in households[:700]
        ]
        plans += [Plan(household_id=h.id) for h in households[700:1800]]
        uow.bulk_insert_households(households, plans)
    monkeypatch.setattr(name_search, "NARROW", 100)  # "jan" (900) and "piet" (800): walked
    status_index = "ix_households_plan_status_display_name_case_number"
    walks = [  # the search's filters; the walk's index; the row of its 50th match ("jan piet": 500-799)
        ({}, "pk_household_prefixes", 550),
        ({"municipality_code": "GM0200"}, "pk_household_prefixes", 550),
        ({"plan_status": PlanStatus.DECIDED}, status_index, 550),
        ({"plan_status": PlanStatus.CONCEPT}, "pk_household_prefixes", 750),
    ]
    with db.unit_of_work(write=False) as uow:
        for narrowing, index, fiftieth in walks:
            sql, params = _page_statement(db, "jan piet", **narrowing)
            assert _rows_read(uow.connection, sql, params, index) == fiftieth, narrowing
