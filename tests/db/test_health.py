"""`trajectplanner check` (db.health) on both engines: its bulk load finds exactly what the rules
find on every household loaded whole, one by one — including a finding about decided and closed
plans, which the bulk load only counts by status."""

from __future__ import annotations

import copy
from collections import Counter
from datetime import date
from pathlib import Path

from db import convert
from db import schema as s
from db.database import Database
from db.demo_loader import load_demo
from db.health import check_database, households_for_checking
from planner.model import Member, Plan, PlanStatus
from planner.reference import load_reference
from planner.rules import check_household
from planner.services.household_records import bsn_elsewhere
from tests.db import factories
from tests.db.raw import raw_connect, raw_rows

TODAY = date(2026, 12, 1)


def _one_by_one(db: Database) -> tuple[dict[str, int], list[dict[str, str]]]:
    """What `check` must report, the slow way: each household and every plan of it loaded whole
    through the repositories, its BSNs looked up elsewhere as the window does."""
    reference = load_reference()
    findings: Counter[str] = Counter({"fout": 0, "waarschuwing": 0})
    integrity = []
    with db.unit_of_work(write=False) as uow:
        catalogue = uow.catalogue.load()
        ids = [
            r[0] for r in uow.connection.execute(s.households.select().with_only_columns(s.households.c.id))
        ]
        loaded = [(uow.households.get(i), uow.plans.for_household(i)) for i in ids]
    for household, plans in loaded:
        assert household is not None
        elsewhere = bsn_elsewhere(db, household)
        for f in check_household(household, plans, catalogue, reference, TODAY, elsewhere):
            findings[f.severity.value] += 1
            if f.code in ("member.bsn_duplicate", "member.bsn_elsewhere"):
                integrity.append({"case_number": household.case_number, "message": f.message})
    return dict(findings), integrity


def _sorted(items: list[dict[str, str]]) -> list[tuple[str, str]]:
    return sorted((i["case_number"], i["message"]) for i in items)


def _allow_two_decided_plans(where: Path) -> None:
    """Take away the database's own guard (a partial unique index), as a damaged or hand-edited
    database may lack it, so that only the rule is left to find two decided plans."""
    con = raw_connect(where)
    try:
        con.execute("DROP INDEX uq_plans_one_decided")
        con.commit()
    finally:
        con.close()


def _decided_copy(plan: Plan, status: PlanStatus, version: int) -> Plan:
    other = copy.deepcopy(plan)
    other.id, other.status, other.version, other.base = f"{plan.id}-{version}", status, version, None
    other.decided_on = date(2026, 1, version)
    return other


def _store_history(db: Database, plans: list[Plan]) -> None:
    """Decided and closed plans stored as they are (what deciding and closing leave behind)."""
    with db.unit_of_work() as uow:
        uow.bulk_insert_households([], plans)


def test_check_finds_what_every_household_checked_whole_finds(db: Database, db_path: Path) -> None:
    load_demo(db, today=TODAY, households=12)
    # Two dossiers that hold the same two BSNs, one of them with only decided and closed plans.
    a, b = factories.household("CHK-1"), factories.household("CHK-2", surname="Bakker")
    with db.unit_of_work() as uow:
        uow.households.save(a)
        uow.households.save(b)
        uow.plans.save(factories.plan(a))
    concept_b = factories.plan(b)
    _store_history(
        db, [_decided_copy(concept_b, PlanStatus.DECIDED, 1), _decided_copy(concept_b, PlanStatus.CLOSED, 2)]
    )
    expected, integrity = _one_by_one(db)
    report = check_database(db, TODAY)
    assert report["findings"] == expected
    assert _sorted(report["integrity_findings"]) == _sorted(integrity)
    assert {i["case_number"] for i in integrity} >= {"CHK-1", "CHK-2"}
    assert report["counts"]["plans"] == len(raw_rows(db_path, "SELECT id FROM plans"))


def test_the_bulk_load_gives_what_the_repositories_give(db: Database) -> None:
    """Households with their members as the repository loads them, every concept plan whole, and
    the other plans counted by status."""
    load_demo(db, today=TODAY, households=12)
    h = factories.household("CHK-5")
    with db.unit_of_work() as uow:
        uow.households.save(h)
        uow.plans.save(factories.plan(h))
    with db.unit_of_work(write=False) as uow:
        loaded = households_for_checking(uow)
        assert len(loaded) == uow.counts()["households"] > 12
        for household, concepts, history in loaded:
            assert household == uow.households.get(household.id)
            stored = uow.plans.for_household(household.id)
            assert concepts == [p for p in stored if p.status is PlanStatus.CONCEPT]
            assert history == Counter(p.status for p in stored if p.status is not PlanStatus.CONCEPT)
        assert any(history for _h, _c, history in loaded) and any(c for _h, c, _s in loaded)


def test_two_decided_plans_are_found_though_decided_plans_are_only_counted(
    db: Database, db_path: Path
) -> None:
    """The one finding about decided and closed plans: more than one decided plan in force."""
    h = factories.household("CHK-3")
    h.members = h.members[:2]  # no newborn without a BSN: the household has no findings of its own
    with db.unit_of_work() as uow:
        uow.households.save(h)
    plan = factories.plan(h)
    _store_history(
        db, [_decided_copy(plan, PlanStatus.DECIDED, 1), _decided_copy(plan, PlanStatus.CLOSED, 2)]
    )
    before = check_database(db, TODAY)["findings"]
    assert before == _one_by_one(db)[0]
    _allow_two_decided_plans(db_path)
    _store_history(
        db, [_decided_copy(plan, PlanStatus.DECIDED, 3), _decided_copy(plan, PlanStatus.CLOSED, 4)]
    )

    with db.unit_of_work(write=False) as uow:
        [(household, concepts, history)] = households_for_checking(uow)
        catalogue = uow.catalogue.load()
    assert concepts == [] and history == {PlanStatus.DECIDED: 2, PlanStatus.CLOSED: 2}
    codes = [
        f.code for f in check_household(household, concepts, catalogue, load_reference(), TODAY, {}, history)
    ]
    assert codes.count("plan.one_active") == 1

    after = check_database(db, TODAY)["findings"]
    assert after == {**before, "fout": before["fout"] + 1}
    assert after == _one_by_one(db)[0]


def test_a_read_by_position_gives_the_same_household_and_members(db: Database) -> None:
    h = factories.household("CHK-4")
    with db.unit_of_work() as uow:
        uow.households.save(h)
    with db.unit_of_work(write=False) as uow:
        conn = uow.connection
        hc, mc = s.households.c, s.members.c
        [row] = conn.execute(
            s.households.select().with_only_columns(*(hc[n] for n in convert.HOUSEHOLD_COLUMNS))
        ).all()
        member_rows = conn.execute(
            s.members.select()
            .with_only_columns(*(mc[n] for n in convert.MEMBER_COLUMNS))
            .order_by(mc.position)
        ).all()
        members: list[Member] = [convert.member_from_values(r) for r in member_rows]
        assert convert.household_from_values(row, members) == uow.households.get(h.id)
    assert members == h.members


def test_check_on_an_empty_database(db: Database) -> None:
    report = check_database(db, TODAY)
    assert report["problem"] is None and report["findings"] == {"fout": 0, "waarschuwing": 0}
    assert report["counts"]["households"] == 0 and report["integrity_findings"] == []
