"""Deciding a plan: rules block or ask for acknowledgement; the decision is stored in one
transaction and reprints byte-for-byte whatever changes in the catalogue afterwards."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from db.database import Database
from planner.catalogue import Catalogue
from planner.deciding import BundleFormatError, DecisionBundle, decide_plan
from planner.documents.letter import render_letter
from planner.documents.plan_document import render_plan_document
from planner.documents.service import printable_bundle, stored_bundle
from planner.errors import FrozenPlanError
from planner.model import PlanStatus
from planner.reference import Reference, load_reference
from planner.services.deciding import store_decision
from tests.planner.showcase_documents import (
    PROFESSIONAL,
    SENT,
    TODAY,
    concept_of,
    demo_database,
    load_case,
    split_at_adulthood,
    text_of,
)


@pytest.fixture(scope="module")
def ref() -> Reference:
    return load_reference()


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return demo_database(tmp_path / "demo.sqlite")


def jansen(db: Database, ref: Reference):
    household, plans, catalogue = load_case(db, "DEMO-0001")
    daan = next(m for m in household.members if m.given_names == "Daan")
    return household, plans, split_at_adulthood(concept_of(plans), daan, catalogue, ref), catalogue


def test_errors_block_and_nothing_changes(db: Database, ref: Reference) -> None:
    household, plans, catalogue = load_case(db, "DEMO-0001")
    plan = concept_of(plans)  # Daan turns 18 during the allocation and it is not split yet
    outcome = decide_plan(household, plans, plan, catalogue, ref, SENT, PROFESSIONAL, TODAY)
    assert not outcome.decided and outcome.plan is None
    assert "allocation.past_18" in {f.code for f in outcome.errors}
    assert plan.status is PlanStatus.CONCEPT and plan.decided_on is None


def test_warnings_need_acknowledgement(db: Database, ref: Reference) -> None:
    household, plans, plan, catalogue = jansen(db, ref)
    first = decide_plan(household, plans, plan, catalogue, ref, SENT, PROFESSIONAL, TODAY)
    assert not first.decided and not first.errors
    assert [f.code for f in first.warnings] == ["allocation.bridging_ends"]
    second = decide_plan(household, plans, plan, catalogue, ref, SENT, PROFESSIONAL, TODAY, first.warnings)
    assert second.decided and second.plan is not None
    assert (second.plan.status, second.plan.decided_on) == (PlanStatus.DECIDED, TODAY)
    assert plan.status is PlanStatus.CONCEPT  # the caller's object is untouched


def test_no_signer_no_decision(db: Database, ref: Reference) -> None:
    household, plans, catalogue = load_case(db, "DEMO-0003")
    nobody = dataclasses.replace(PROFESSIONAL, name=" ")
    outcome = decide_plan(household, plans, concept_of(plans), catalogue, ref, SENT, nobody, TODAY)
    assert [f.code for f in outcome.errors] == ["decision.no_professional"]


def test_decide_store_and_reprint_byte_for_byte_after_catalogue_changes(db: Database, ref: Reference) -> None:
    household, plans, plan, catalogue = jansen(db, ref)
    warnings = decide_plan(household, plans, plan, catalogue, ref, SENT, PROFESSIONAL, TODAY).warnings
    outcome = decide_plan(household, plans, plan, catalogue, ref, SENT, PROFESSIONAL, TODAY, warnings)
    with db.unit_of_work() as uow:
        store_decision(uow, outcome)
    before = [render_letter(x, invariant=True) for x in outcome.bundle.letters]
    before_plan = render_plan_document(outcome.bundle.plan_document, invariant=True)

    # The office renames the provider and drops its products from the catalogue.
    provider_id = next(a.provider_id for a in plan.allocations if a.provider_id)
    old_name = catalogue.providers[provider_id].name
    renamed = dataclasses.replace(catalogue.providers[provider_id], name="Heel Andere Naam BV")
    changed = Catalogue(
        municipalities=catalogue.municipalities,
        providers={**catalogue.providers, provider_id: renamed},
        contracts=catalogue.contracts,
        products={},
        segments=catalogue.segments,
        closed_groups=catalogue.closed_groups,
    )
    with db.unit_of_work() as uow:
        uow.catalogue.replace(changed)

    with db.unit_of_work(write=False) as uow:
        stored = uow.plans.get(plan.id)
        assert stored is not None and stored.status is PlanStatus.DECIDED
        bundle = printable_bundle(
            uow.decisions, household, stored, uow.catalogue.load(), ref, PROFESSIONAL, TODAY
        )
    assert [render_letter(x, invariant=True) for x in bundle.letters] == before
    assert render_plan_document(bundle.plan_document, invariant=True) == before_plan
    assert old_name in text_of(before[0]) or old_name in text_of(before[1])

    # The decided plan is read-only in the database; the decision cannot be overwritten.
    with pytest.raises(FrozenPlanError), db.unit_of_work() as uow:
        uow.plans.save(dataclasses.replace(stored, months=6))
    with pytest.raises(FrozenPlanError), db.unit_of_work() as uow:
        uow.decisions.save(plan.id, "{}")


def test_decision_is_all_or_nothing(db: Database, ref: Reference) -> None:
    household, plans, plan, catalogue = jansen(db, ref)
    warnings = decide_plan(household, plans, plan, catalogue, ref, SENT, PROFESSIONAL, TODAY).warnings
    outcome = decide_plan(household, plans, plan, catalogue, ref, SENT, PROFESSIONAL, TODAY, warnings)
    with db.unit_of_work() as uow:  # a decision is already stored for this plan id (but not the plan)
        uow.decisions.save(plan.id, '{"format": 1}')
    with pytest.raises(FrozenPlanError), db.unit_of_work() as uow:
        store_decision(uow, outcome)
    with db.unit_of_work(write=False) as uow:
        assert uow.plans.get(plan.id).status is PlanStatus.CONCEPT  # rolled back with the failure


def test_new_version_closes_the_earlier_decided_plan(db: Database, ref: Reference) -> None:
    household, plans, catalogue = load_case(db, "DEMO-0005")
    earlier = next(p for p in plans if p.status is PlanStatus.DECIDED)
    outcome = decide_plan(household, plans, concept_of(plans), catalogue, ref, SENT, PROFESSIONAL, TODAY)
    outcome = decide_plan(
        household, plans, concept_of(plans), catalogue, ref, SENT, PROFESSIONAL, TODAY, outcome.warnings
    )
    assert [p.id for p in outcome.closed] == [earlier.id]
    with db.unit_of_work() as uow:
        store_decision(uow, outcome)
    with db.unit_of_work(write=False) as uow:
        statuses = {p.id: p.status for p in uow.plans.for_household(household.id)}
        assert statuses[earlier.id] is PlanStatus.CLOSED
        assert statuses[outcome.plan.id] is PlanStatus.DECIDED
        assert [d.case_number for d in uow.decisions.decided_since(TODAY)] == ["DEMO-0005"]
        assert uow.decisions.decided_since(TODAY.replace(day=21)) == []
        assert stored_bundle(uow.decisions, outcome.plan.id) == outcome.bundle


def test_newer_bundle_format_is_refused() -> None:
    with pytest.raises(BundleFormatError, match="nieuwere versie"):
        DecisionBundle.from_json('{"format": 99}')
