"""Every kind of object comes back from the database equal to what went in."""

from __future__ import annotations

import copy
import dataclasses
import json
from datetime import date

from db.database import Database
from planner.catalogue import Catalogue
from planner.model import Allocation, Contract, Distance, Member, PlanStatus
from tests.db import factories


def test_household_with_members_round_trips(db: Database) -> None:
    h = factories.household()
    with db.unit_of_work() as uow:
        uow.households.save(h)
    with db.unit_of_work(write=False) as uow:
        assert uow.households.get(h.id) == h
        assert uow.households.by_case_number("2027-000123") == h
        assert uow.households.get("onbekend") is None
    assert [m.given_names for m in h.members] == ["Anneke", "Jeroen Élie", "Zoë"]  # order kept


def test_plan_with_everything_round_trips(db: Database) -> None:
    h = factories.household()
    plan = factories.plan(h)
    with db.unit_of_work() as uow:
        uow.households.save(h)
        uow.plans.save(plan)
    with db.unit_of_work(write=False) as uow:
        loaded = uow.plans.get(plan.id)
        assert loaded == plan
        assert uow.plans.for_household(h.id) == [plan]
        assert uow.plans.active(h.id) == plan
    # the parts most easily lost, checked by name as well
    assert loaded is not None
    alloc = loaded.allocations[0]
    assert alloc.hours_lines[0].factors == {"extra_kamer": 2, "allergie": 1}
    assert alloc.continuity is not None and alloc.continuity.client_consent
    assert str(loaded.allocations[1].pgb_budget) == "1234.50"
    assert list(loaded.life_areas[0].ladder) == list(plan.life_areas[0].ladder)


def test_plan_without_coordinator_round_trips(db: Database) -> None:
    h = factories.household()
    plan = factories.plan(h)
    plan.coordinator = None
    plan.life_areas = []
    plan.allocations = []
    with db.unit_of_work() as uow:
        uow.households.save(h)
        uow.plans.save(plan)
    with db.unit_of_work(write=False) as uow:
        assert uow.plans.get(plan.id) == plan


def test_catalogue_round_trips_and_is_replaced_whole(db: Database) -> None:
    cat = factories.catalogue()
    with db.unit_of_work() as uow:
        uow.catalogue.replace(cat)
    with db.unit_of_work(write=False) as uow:
        loaded = uow.catalogue.load()
    assert loaded == cat
    assert [c.id for c in loaded.contracts] == ["c-1", "c-2", "c-0"]  # file order kept
    cell = ("opvoeden", Distance.HEAVY)
    assert loaded.coordination_contract("prov-1", cell, "GM0200", date(2027, 1, 1), date(2027, 6, 30))

    smaller = Catalogue(municipalities=dict(list(cat.municipalities.items())[:1]))
    with db.unit_of_work() as uow:
        uow.catalogue.replace(smaller)
        assert uow.catalogue.load() == smaller
        assert uow.counts()["contracts"] == 0


def test_decision_snapshot_and_settings_round_trip(db: Database) -> None:
    h = factories.household()
    plan = factories.plan(h)
    snapshot = json.dumps({"plan": plan.id, "tekst": "U krijgt begeleiding, € 1.234,50"}, ensure_ascii=False)
    with db.unit_of_work() as uow:
        uow.households.save(h)
        uow.plans.save(plan)
        uow.decisions.save(plan.id, snapshot)
        uow.settings.set("laatste_export", "2027-02-01")
        uow.settings.set("laatste_export", "2027-03-01")
    with db.unit_of_work(write=False) as uow:
        assert uow.decisions.get(plan.id) == snapshot
        assert uow.decisions.created(plan.id) is not None
        assert uow.decisions.get("geen-plan") is None
        assert uow.settings.get("laatste_export") == "2027-03-01"
        assert uow.settings.get("onbekend") is None
        assert uow.settings.get("onbekend", "standaard") == "standaard"


def test_bulk_insert_round_trips_and_keeps_revisions(db: Database) -> None:
    households = [factories.household(f"2027-{i:06d}") for i in range(3)]
    for h in households:
        h.revision = 7
    plans = [factories.plan(h) for h in households]
    plans[1].status = PlanStatus.DECIDED
    with db.unit_of_work() as uow:
        uow.bulk_insert_households(households, plans)
    with db.unit_of_work(write=False) as uow:
        for h, p in zip(households, plans, strict=True):
            assert uow.households.get(h.id) == h
            assert uow.plans.for_household(h.id) == [p]
        counts = uow.counts()
    assert counts["households"] == 3
    assert counts["members"] == 9
    assert counts["plans"] == 3
    assert counts["life_area_results"] == 6
    assert counts["allocations"] == 6


def test_plan_children_may_reuse_ids_of_an_earlier_plan(db: Database) -> None:
    """A re-assessment copies the plan; copied life areas and allocations keep their ids."""
    h = factories.household()
    first = factories.plan(h, PlanStatus.DECIDED)
    second = copy.deepcopy(first)
    second.id = "tweede-plan"
    second.status = PlanStatus.CONCEPT
    second.previous_plan_id = first.id
    with db.unit_of_work() as uow:
        uow.households.save(h)
        uow.plans.save(first)
        uow.plans.save(second)
    with db.unit_of_work(write=False) as uow:
        assert [p.id for p in uow.plans.for_household(h.id)] == [first.id, second.id]
        assert uow.plans.get(second.id) == second
        assert uow.plans.active(h.id) == second


def _non_default_fields(obj: object) -> set[str]:
    """Names of fields whose value differs from the field's default (or that have none)."""
    names = set()
    for f in dataclasses.fields(obj):  # type: ignore[arg-type]
        if f.default is not dataclasses.MISSING:
            default = f.default
        elif f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
        else:
            names.add(f.name)
            continue
        if getattr(obj, f.name) != default and f.name != "id":
            names.add(f.name)
    return names


def test_factories_fill_every_model_field() -> None:
    """Guards the round-trips above: a field added to the model later must be set in the
    factories (and so be persisted), or this test fails."""
    h = factories.household()
    p = factories.plan(h, PlanStatus.DECIDED)
    cat = factories.catalogue()
    objects = [
        h,
        p,
        p.coordinator,
        p.life_areas[0],
        p.life_areas[0].goals[0],
        p.allocations[0].hours_lines[0],
        p.allocations[0].continuity,
        cat.products["07A03"],
        cat.providers["prov-1"],
        next(iter(cat.closed_groups)),
        next(iter(cat.municipalities.values())),
        next(iter(cat.segments.values())),
    ]
    unset: dict[str, set[str]] = {}
    for obj in objects:
        # `base` is what the store gave the object, not a field of its own
        fields = {f.name for f in dataclasses.fields(obj)} - {"id", "base"}  # type: ignore[arg-type]
        missing = fields - _non_default_fields(obj)
        unset[type(obj).__name__] = missing
    # members and allocations are spread over several objects in the factory
    members, allocations = h.members, p.allocations
    unset["Member"] = set.intersection(
        *({f.name for f in dataclasses.fields(Member)} - _non_default_fields(m) for m in members)
    ) - {"id"}
    unset["Allocation"] = set.intersection(
        *({f.name for f in dataclasses.fields(Allocation)} - _non_default_fields(a) for a in allocations)
    ) - {"id"}
    # A contract covers either a product or a cell: each is set in one of the contracts.
    unset["Contract"] = set.intersection(
        *({f.name for f in dataclasses.fields(Contract)} - _non_default_fields(c) for c in cat.contracts)
    ) - {"id"}
    assert {k: v for k, v in unset.items() if v} == {}
