"""The plan status a household is listed with is stored on its row (db/plan_status.py) and a
filtered search walks the rarer side (db/name_search.py): results must be exactly those a
brute-force reading of every household and plan gives, after saves, decisions, closes and deletes."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select, text

from db import schema as s
from db.database import Database
from db.name_search import NARROW
from planner.model import Household, Member, Plan, PlanStatus, Role
from tests.db.search_oracle import expected_page

GIVEN = ["Jan", "Johan", "Jet", "Sara", "Sem", "Daan", "Demi", "Vera"]
SURNAMES = [("", "Jansen"), ("de", "Jong"), ("van der", "Linden"), ("", "Smit"), ("de", "Vries")]
QUERIES = ["j", "de j", "s", "jansen", "van der", "vries"]
RANK = {PlanStatus.CONCEPT: 0, PlanStatus.DECIDED: 1, PlanStatus.CLOSED: 2}


def _households(n: int) -> list[Household]:
    rng = random.Random(12)
    found = []
    for i in range(n):
        prefix, surname = rng.choice(SURNAMES)
        members = [Member(rng.choice(GIVEN), surname, None, Role.PARENT, surname_prefix=prefix)]
        found.append(
            Household(case_number=f"2027-{i:06d}", municipality_code="GM0200", postcode="", members=members)
        )
    return found


def _listed(db: Database) -> dict[str, PlanStatus | None]:
    """Brute force: every household's listed status from all its stored plans."""
    with db.unit_of_work(write=False) as uow:
        statuses: dict[str, PlanStatus | None] = {
            hid: None for hid in uow.connection.execute(select(s.households.c.id)).scalars()
        }
        for hid, status in uow.connection.execute(select(s.plans.c.household_id, s.plans.c.status)):
            now, new = statuses[hid], PlanStatus(status)
            if now is None or RANK[new] < RANK[now]:
                statuses[hid] = new
    return statuses


def _expected(
    households: dict[str, Household], listed: dict[str, PlanStatus | None], text: str, status: PlanStatus
) -> list[str]:
    kept = sorted(
        (h for hid, h in households.items() if listed[hid] is status), key=lambda h: (h.name, h.case_number)
    )
    return expected_page(kept, text)


def _check(db: Database, households: dict[str, Household]) -> None:
    listed = _listed(db)
    with db.unit_of_work(write=False) as uow:
        stored = {x.id: x.plan_status for x in uow.households.summaries()}
        assert stored == listed  # the stored column is what the plans say
        for status in PlanStatus:
            for text in QUERIES:
                found = [x.case_number for x in uow.households.search(text, plan_status=status)]
                assert found == _expected(households, listed, text, status), (text, status)


def test_filtered_search_equals_brute_force_through_saves_decides_and_deletes(db_path: Path) -> None:
    db = Database.open(db_path)
    try:
        households = {h.id: h for h in _households(2 * NARROW)}
        ids = list(households)
        rng = random.Random(3)
        plans = [Plan(household_id=hid) for hid in ids[:NARROW]]  # concepts
        plans += [
            Plan(household_id=hid, status=PlanStatus.CLOSED, decided_on=date(2026, 1, 5))
            for hid in ids[NARROW : NARROW + 30]
        ]
        with db.unit_of_work() as uow:
            uow.bulk_insert_households(list(households.values()), plans)
        _check(db, households)  # bulk insert: concepts common, closed rare

        with db.unit_of_work() as uow:  # decide some concepts, close some of those, drop others
            for plan in rng.sample(plans[:NARROW], 60):
                stored = uow.plans.get(plan.id)
                assert stored is not None
                stored.status, stored.decided_on = PlanStatus.DECIDED, date(2027, 1, 20)
                uow.plans.save(stored)
                if rng.random() < 0.5:
                    stored.status = PlanStatus.CLOSED
                    uow.plans.save(stored)
            for plan in rng.sample(plans[NARROW // 2 : NARROW], 40):
                if uow.plans.get(plan.id).status is PlanStatus.CONCEPT:  # type: ignore[union-attr]
                    uow.plans.delete(plan.id)
            for hid in rng.sample(ids[NARROW + 30 :], 20):  # new concepts, saved one by one
                uow.plans.save(Plan(household_id=hid))
        _check(db, households)

        with db.unit_of_work() as uow:  # a re-assessment beside a closed plan; households deleted
            for plan in plans[NARROW : NARROW + 5]:
                uow.plans.save(Plan(household_id=plan.household_id, version=2))
            for hid in [*ids[NARROW + 5 : NARROW + 10], *ids[:5]]:
                assert uow.households.delete(hid)
                del households[hid]
        _check(db, households)
    finally:
        db.close()


@pytest.mark.sqlite_only("the migration's fill, checked on one file")
def test_migration_fills_the_stored_status(db_path: Path) -> None:
    households = {h.id: h for h in _households(40)}
    ids = list(households)
    plans = [Plan(household_id=hid) for hid in ids[:10]]
    plans += [Plan(household_id=hid, status=PlanStatus.CLOSED) for hid in ids[5:20]]
    with Database.open(db_path) as db, db.unit_of_work() as uow:
        uow.bulk_insert_households(list(households.values()), plans)
        # Back to 0010, as a file made before the column would be upgraded (0014's indexes, 0015's digests).
        uow.connection.execute(text("DROP INDEX ix_life_area_results_plan_id_life_area_distance_reached"))
        uow.connection.execute(text("DROP INDEX ix_household_words_household_id_word"))
        uow.connection.execute(
            text("CREATE INDEX ix_household_words_household_id ON household_words (household_id)")
        )
        uow.connection.execute(text("DROP INDEX ix_households_plan_status_display_name_case_number"))
        uow.connection.execute(text("ALTER TABLE households DROP COLUMN plan_status"))
        for table in ("households", "members", "plans", "life_area_results", "allocations"):  # 0015
            uow.connection.execute(text(f"ALTER TABLE {table} DROP COLUMN digest"))
        uow.connection.execute(text("ALTER TABLE plans DROP COLUMN children_digest"))  # 0016
        uow.connection.execute(text("UPDATE alembic_version SET version_num = '0010'"))
    with Database.open(db_path) as db:
        with db.unit_of_work(write=False) as uow:
            stored = {x.id: x.plan_status for x in uow.households.summaries()}
        assert stored == _listed(db)
        assert list(stored.values()).count(PlanStatus.CONCEPT) == 10
        assert list(stored.values()).count(PlanStatus.CLOSED) == 10
