"""A → office → B: every field of every record arrives equal (dump comparison)."""

from __future__ import annotations

from pathlib import Path

from planner.deciding import decide_plan
from planner.reference import load_reference
from planner.services.deciding import store_decision
from tests.exchange.helpers import RECORD_TABLES, Side, dump
from tests.planner.showcase_documents import (
    PROFESSIONAL,
    SENT,
    TODAY,
    concept_of,
    demo_database,
    load_case,
    split_at_adulthood,
)


def decide_jansen(side: Side) -> None:
    ref = load_reference()
    household, plans, catalogue = load_case(side.db, "DEMO-0001")
    daan = next(m for m in household.members if m.given_names == "Daan")
    plan = split_at_adulthood(concept_of(plans), daan, catalogue, ref)
    warnings = decide_plan(household, plans, plan, catalogue, ref, SENT, PROFESSIONAL, TODAY).warnings
    outcome = decide_plan(household, plans, plan, catalogue, ref, SENT, PROFESSIONAL, TODAY, warnings)
    assert outcome.decided
    with side.db.unit_of_work() as uow:
        store_decision(uow, outcome)


def test_a_to_office_to_b_every_field_equal(tmp_path: Path, office_path: Path) -> None:
    a = Side(tmp_path / "a.db", "Laptop A", demo_database(tmp_path / "a.db"))
    office = Side(office_path, "Kantoor")
    b = Side(tmp_path / "b.db", "Laptop B")
    decide_jansen(a)
    with a.db.unit_of_work() as uow:  # an edit saved the normal way, with Dutch characters
        household = uow.households.by_case_number("DEMO-0002")
        assert household is not None
        household.members[0].given_names = "Zoë Anaïs"
        household.street = "Koningin Wilhelminalaan ‘t Hoen"
        uow.households.save(household)
    office.trust(a)
    b.trust(office)

    first = office.import_(a.export(to=office))
    assert first.summary.conflicts == 0 and first.summary.added > 0 and first.summary.updated == 0
    second = b.import_(office.export(to=b))
    assert second.summary.added == first.summary.added

    want = dump(a.path, (*RECORD_TABLES, "household_words"))
    assert dump(office.path, (*RECORD_TABLES, "household_words")) == want
    assert dump(b.path, (*RECORD_TABLES, "household_words")) == want
    assert any("Zoë Anaïs" in r for r in want["members"])  # Dutch characters came along
    assert want["decisions"]  # and the stored decision

    # The same file again changes nothing.
    again = a.export(to=office)
    before = dump(office.path)
    result = office.import_(again)
    assert result.summary.added == result.summary.updated == result.summary.conflicts == 0
    assert not result.changes
    assert dump(office.path) == before


def test_every_field_of_every_record_travels(tmp_path: Path, office_path: Path) -> None:
    """Fully filled-in records (tests/db/factories.py: every field set), a decided plan with its
    decision, saved the normal way: A → office → B, equal row for row."""
    from planner.model import PlanStatus
    from tests.db import factories

    a, office, b = (
        Side(tmp_path / "a.db", "A"),
        Side(office_path, "Kantoor"),
        Side(tmp_path / "b.db", "B"),
    )
    office.trust(a)
    b.trust(office)
    h = factories.household()
    decided = factories.plan(h, PlanStatus.DECIDED)
    concept = factories.plan(h)
    concept.previous_plan_id = decided.id
    with a.db.unit_of_work() as uow:
        uow.settings.set("professional.name", "Sanne de Wit")
        uow.households.save(h)
        uow.plans.save(decided)
        uow.plans.save(concept)
        uow.decisions.save(decided.id, '{"besluit": "toegekend", "brief": "Geachte mevrouw De Vries"}')
    office.import_(a.export(to=office))
    b.import_(office.export(to=b))
    want = dump(a.path, RECORD_TABLES)
    assert dump(b.path, RECORD_TABLES) == want
    assert {r[-1] for r in want["decisions"]}  # who decided, on which device
    with b.db.unit_of_work(write=False) as uow:
        stored = sorted(uow.plans.for_household(h.id), key=lambda p: p.id)
        assert stored == sorted([decided, concept], key=lambda p: p.id)
        assert uow.households.get(h.id) == h
