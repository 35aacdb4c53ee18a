"""The Leefgebieden tab of a decided plan says it is frozen in the same words as the error."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from planner.deciding import decide_plan
from planner.documents.common import Professional
from planner.model import PlanStatus
from planner.reference import Reference
from planner.services.deciding import store_decision
from tests.planner.showcase_documents import TODAY, demo_database
from ui.session import HouseholdSession
from ui.views.matrix_tab import MatrixTab


def test_matrix_tab_of_a_decided_plan(qtbot, reference: Reference, tmp_path: Path) -> None:
    db = demo_database(tmp_path / "demo.sqlite")
    with db.unit_of_work(write=False) as uow:
        household = uow.households.by_case_number("DEMO-0003")
        plans = uow.plans.for_household(household.id)
        catalogue = uow.catalogue.load()
    concept = next(p for p in plans if p.status is PlanStatus.CONCEPT)
    signer = Professional("Sanne de Boer", "Wmo-consulent")
    outcome = decide_plan(household, plans, concept, catalogue, reference, date(2027, 2, 1), signer, TODAY)
    assert outcome.decided, [f.message for f in outcome.findings]
    with db.unit_of_work() as uow:
        store_decision(uow, outcome)

    session = HouseholdSession.open(db, reference, catalogue, TODAY, household.id)
    assert session.plan is not None and session.plan.status is PlanStatus.DECIDED
    tab = MatrixTab(session)
    qtbot.addWidget(tab)
    assert tab.frozen.text() == reference.text("messages.plan_frozen", status="vastgesteld")
    assert tab.frozen.isVisibleTo(tab) and not tab.add_area.isEnabled()

    with db.unit_of_work(write=False) as uow:
        other = uow.households.by_case_number("DEMO-0002")
    concept = MatrixTab(HouseholdSession.open(db, reference, catalogue, TODAY, other.id))
    qtbot.addWidget(concept)
    assert concept.frozen.text() == "" and not concept.frozen.isVisibleTo(concept)
