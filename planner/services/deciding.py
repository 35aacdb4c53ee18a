"""Deciding a plan: ask the domain, store everything in one unit of work, say what changed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from planner.catalogue import Catalogue
from planner.deciding import DecisionOutcome, decide_plan
from planner.documents.common import Professional
from planner.findings import Finding
from planner.model import Household, Plan
from planner.reference import Reference
from planner.services.changes import NOTHING, Changes, Kind
from planner.services.household_records import bsn_elsewhere
from planner.services.port import UnitOfWorkFactory, UnitOfWorkPort


@dataclass(frozen=True, slots=True)
class Decided:
    outcome: DecisionOutcome  # `outcome.decided` False: nothing was stored, see its findings
    changes: Changes


def decide(
    storage: UnitOfWorkFactory,
    household: Household,
    plans: Iterable[Plan],
    plan: Plan,
    catalogue: Catalogue,
    reference: Reference,
    sent_on: date,
    signer: Professional,
    today: date,
    acknowledged: Iterable[Finding] = (),
) -> Decided:
    """Decide `plan` and store the decided plan, the plans it closes, the frozen letters and
    their PDF files (rendered before anything is stored: a plan that cannot print is not decided).

    A storage error propagates and nothing is kept; the objects passed in are never changed
    (the session copies the stored state onto its own objects afterwards).
    """
    elsewhere = bsn_elsewhere(storage, household)
    outcome = decide_plan(
        household, plans, plan, catalogue, reference, sent_on, signer, today, acknowledged, elsewhere
    )
    if not outcome.decided:
        return Decided(outcome, NOTHING)
    with storage.unit_of_work() as uow:
        store_decision(uow, outcome)
    assert outcome.plan is not None
    touched = (outcome.plan.id, *(p.id for p in outcome.closed))
    return Decided(outcome, Changes.of(Kind.PLAN | Kind.PLANS | Kind.DECISION, *touched))


def store_decision(uow: UnitOfWorkPort, outcome: DecisionOutcome) -> None:
    """The writes of a decision inside a unit of work the caller holds."""
    assert outcome.bundle is not None and outcome.plan is not None
    for earlier in outcome.closed:  # first: only one decided plan per household at a time
        uow.plans.save(earlier)
    uow.plans.save(outcome.plan)
    uow.decisions.save(outcome.plan.id, outcome.bundle.to_json())
    if outcome.documents:
        from planner.documents.rendering import to_store  # the renderers load with the first document

        uow.decisions.save_documents(outcome.plan.id, to_store(outcome.documents))
