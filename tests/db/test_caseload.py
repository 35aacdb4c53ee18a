"""db's bulk caseload read gives exactly the rows the model gives, on a real SQLite file."""

from __future__ import annotations

from datetime import date, timedelta

from db.database import Database
from db.demo_loader import load_demo
from planner.caseload import CaseloadData, birth_window, caseload_data
from planner.demo.common import demo_data
from planner.model import Continuity, ContinuityRoute, Member, PlanStatus, Role
from planner.reference import load_reference
from planner.services.caseload import caseload

REF = load_reference()
TODAY = date(2026, 11, 23)


def _from_model(db: Database, born: tuple[date, date]) -> CaseloadData:
    with db.unit_of_work(write=False) as uow:
        households = [uow.households.get(s.id) for s in uow.households.summaries()]
        plans = [p for h in households if h for p in uow.plans.for_household(h.id)]
        catalogue = uow.catalogue.load()
    return caseload_data(
        [h for h in households if h],
        plans,
        {c: m.name for c, m in catalogue.municipalities.items()},
        {c: p.name for c, p in catalogue.products.items()},
        born,
    )


def _same(a: CaseloadData, b: CaseloadData) -> None:
    for field in ("households", "plans", "members", "bridgings"):
        assert sorted(getattr(a, field)) == sorted(getattr(b, field)), field


def test_the_bulk_read_matches_the_model_on_the_demo_region(db: Database) -> None:
    load_demo(db, today=TODAY, households=40)
    born = birth_window(TODAY, REF.terms)
    with db.unit_of_work(write=False) as uow:
        stored = uow.caseload.load(*born)
    _same(stored, _from_model(db, born))
    assert len(stored.households) == 40 + len(demo_data("showcase.toml")["households"])
    assert {p.status for p in stored.plans} == {PlanStatus.CONCEPT, PlanStatus.DECIDED}
    assert [m.name for m in stored.members] == ["Daan Jansen"]  # the one showcase member near 18
    (bridging,) = stored.bridgings
    assert bridging.member_name == "Daan Jansen" and bridging.product_name == "Begeleiding individueel basis"


def test_moved_out_members_other_routes_and_closed_plans_are_not_read(db: Database) -> None:
    load_demo(db, today=TODAY)
    born = birth_window(TODAY, REF.terms)
    with db.unit_of_work() as uow:
        jansen = uow.households.by_case_number("DEMO-0001")
        assert jansen is not None
        sibling = Member("Sem", "Jansen", TODAY + timedelta(days=30) - timedelta(days=365 * 18), Role.CHILD)
        sibling.moved_out_on = TODAY
        jansen.members.append(sibling)
        uow.households.save(jansen)
        (plan,) = uow.plans.for_household(jansen.id)
        for a in plan.allocations:
            if a.continuity is not None:
                a.continuity = Continuity(ContinuityRoute.PGB, a.continuity.own_provider_id)
        uow.plans.save(plan)
    with db.unit_of_work(write=False) as uow:
        stored = uow.caseload.load(*born)
    assert "Sem Jansen" not in [m.name for m in stored.members] and stored.bridgings == []
    _same(stored, _from_model(db, born))


def test_the_operation_on_the_database_lists_the_showcase(db: Database) -> None:
    load_demo(db, today=TODAY)
    items = caseload(db, REF.terms, TODAY)
    cases = {i.case_number for i in items}
    assert {"DEMO-0001", "DEMO-0005"} <= cases
    assert items == sorted(items, key=lambda i: i.sort_key)
