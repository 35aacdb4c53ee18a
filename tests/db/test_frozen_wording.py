"""A decided plan is frozen: the error, the finding and the database say it in one wording
(texts.toml messages.plan_frozen)."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from db.database import Database
from planner.catalogue import Catalogue
from planner.deciding import decision_findings
from planner.errors import FrozenPlanError, frozen_plan_message
from planner.model import PlanStatus
from planner.reference import load_reference
from planner.rules import assert_editable
from tests.db import factories

REF = load_reference()
FROZEN = REF.text("messages.plan_frozen", status="vastgesteld")


def test_the_wording_says_what_happened_and_what_to_do() -> None:
    assert FROZEN.startswith("Dit plan is vastgesteld en kan niet meer worden gewijzigd.")
    assert "Nieuw plan (herbeoordeling)" in FROZEN
    assert frozen_plan_message(PlanStatus.CLOSED).startswith("Dit plan is afgesloten en kan niet meer")


def test_rules_deciding_and_database_use_the_one_wording(db: Database) -> None:
    h = factories.household()
    plan = factories.plan(h, PlanStatus.DECIDED)
    with pytest.raises(FrozenPlanError) as raised:
        assert_editable(plan)
    assert str(raised.value) == FROZEN

    (finding,) = decision_findings(h, [plan], plan, Catalogue(), REF, date(2027, 1, 20))
    assert (finding.code, finding.message) == ("plan.already_decided", FROZEN)

    with db.unit_of_work() as uow:
        uow.households.save(h)
        uow.plans.save(plan)
    changed = copy.deepcopy(plan)
    changed.months = plan.months + 1
    with pytest.raises(FrozenPlanError) as stored, db.unit_of_work() as uow:
        uow.plans.save(changed)
    assert str(stored.value) == FROZEN
