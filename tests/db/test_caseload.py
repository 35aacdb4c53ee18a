"""db's bulk caseload read gives exactly the rows the model gives, on a real SQLite file."""

from __future__ import annotations

import dataclasses
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
    """The same rows; except when each plan was last saved, which only the database knows
    (plans.changed_on, never read into the model)."""
    a = dataclasses.replace(a, plans=[p._replace(changed_on=None) for p in a.plans])
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


def test_a_saved_concept_counts_as_touched_from_its_save(db: Database) -> None:
    """plans.changed_on (migration 0009) is set by every save, and "Concept ligt stil" counts
    from it — not from the newest date written in the plan."""
    from planner.caseload import DueKind

    load_demo(db, today=TODAY)
    with db.unit_of_work(write=False) as uow:
        concepts = uow.plans.with_status(PlanStatus.CONCEPT)
    plan = concepts[0]
    plan.safety_assessment = "Besproken aan de keukentafel."
    with db.unit_of_work() as uow:
        uow.plans.save(plan)
    today = date.today()
    with db.unit_of_work(write=False) as uow:
        stored = uow.caseload.load(*birth_window(today, REF.terms))
    assert next(p for p in stored.plans if p.id == plan.id).changed_on == today
    stale = REF.terms.stale_concept_days

    def stale_items(on: date) -> list[str]:
        items = caseload(db, REF.terms, on)
        return [
            i.description
            for i in items
            if i.kind is DueKind.STALE_CONCEPT and i.household_id == plan.household_id
        ]

    assert stale_items(today + timedelta(days=stale - 1)) == []
    (text,) = stale_items(today + timedelta(days=stale))
    assert f"{stale} dagen niets gewijzigd" in text
