"""Every exchanged record's content digest is stored beside it (db/exchange.py), by every write:
a save, a decision, a bulk load, an import; and every plan's children digest beside the plan.
A database from before the digests gets them from its migrations (0015, 0016)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from db.database import Database
from planner.model import Household, Member, Plan, PlanStatus, Role
from tests.exchange.helpers import stale_digests, unknown_children_digests
from tests.planner import factories


def _households(n: int) -> list[Household]:
    return [
        Household(f"2027-{i:04d}", "GM0200", members=[Member("Sam", f"Visser{i}", None, Role.PARENT)])
        for i in range(n)
    ]


def test_every_write_stores_the_digest_of_what_it_wrote(db_path: Path) -> None:
    households = _households(4)
    with Database.open(db_path) as db:
        with db.unit_of_work() as uow:  # a bulk load, then saves of every kind
            uow.bulk_insert_households(households[:2], [Plan(household_id=households[0].id)])
            uow.households.save(households[2])
            uow.plans.save(factories.plan(household_id=households[2].id))
        with db.unit_of_work() as uow:
            household = uow.households.by_case_number("2027-0002")
            assert household is not None
            household.street = "Kerkstraat"
            household.members[0].given_names = "Anaïs"
            uow.households.save(household)
            (plan,) = uow.plans.for_household(household.id)
            plan.life_areas[0].desired_result = "Rust in huis"
            uow.plans.save(plan)
        for status in (PlanStatus.DECIDED, PlanStatus.CLOSED):  # the one change a decided plan takes
            with db.unit_of_work() as uow:
                (plan,) = uow.plans.for_household(household.id)
                plan.status = status
                uow.plans.save(plan)
    assert stale_digests(db_path) == [] and unknown_children_digests(db_path) == []


@pytest.mark.sqlite_only("the migration's fill, checked on one file")
def test_the_migration_works_out_the_digests_of_the_records_stored(db_path: Path) -> None:
    households = _households(30)
    plans = [
        factories.plan(household_id=households[0].id),
        *(Plan(household_id=h.id) for h in households[1:9]),
    ]
    with Database.open(db_path) as db, db.unit_of_work() as uow:
        uow.bulk_insert_households(households, [])
        for plan in plans:
            uow.plans.save(plan)
        # Back to 0014, as a file made before the digests would be upgraded.
        for table in ("households", "members", "plans", "life_area_results", "allocations"):
            uow.connection.execute(text(f"ALTER TABLE {table} DROP COLUMN digest"))
        uow.connection.execute(text("ALTER TABLE plans DROP COLUMN children_digest"))  # 0016
        uow.connection.execute(text("UPDATE alembic_version SET version_num = '0014'"))
    with Database.open(db_path) as db:
        assert db.schema_version == "0016"
    assert stale_digests(db_path) == [] and unknown_children_digests(db_path) == []
