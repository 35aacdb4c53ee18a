"""A concept prints whatever state the plan is in: what cannot be worded yet is a finding and a
marked line in the concept, never a crash (and never a decision)."""

from __future__ import annotations

import copy
import dataclasses
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.deciding import concept_bundle, decide_plan
from planner.demo import build_demo_region
from planner.documents.service import all_documents
from planner.model import Form, Frequency, Household, Plan, PlanStatus, Unit
from planner.reference import Reference, load_reference
from planner.rules import check_household
from tests.planner.showcase_documents import PROFESSIONAL, SENT, TODAY, text_of


@pytest.fixture(scope="module")
def ref() -> Reference:
    return load_reference()


@pytest.fixture(scope="module")
def jansen(ref: Reference):
    region = build_demo_region(ref, TODAY)
    household, plans = next((h, p) for h, p in region.showcase if h.case_number == "DEMO-0001")
    return household, plans, region.catalogue


def concept(jansen, change) -> tuple[Household, list[Plan], Plan]:
    """The Jansen concept with its first allocation changed; a clean copy of it stays, so the
    member still has a letter to carry the marked line."""
    household, plans, _ = copy.deepcopy(jansen)
    plan = next(p for p in plans if p.status is PlanStatus.CONCEPT)
    plan.allocations.append(dataclasses.replace(copy.deepcopy(plan.allocations[0]), id="a-clean-copy"))
    change(plan.allocations[0])
    return household, plans, plan


def printed(jansen, ref: Reference, household: Household, plan: Plan) -> list[str]:
    bundle = concept_bundle(household, plan, jansen[2], ref, TODAY, PROFESSIONAL, TODAY)
    return [text_of(d.pdf) for d in all_documents(bundle)]


def test_a_unit_that_does_not_fit_the_product_prints_marked(jansen, ref: Reference) -> None:
    """money._unit_factor raised ValueError here, and the concept failed with the generic message."""
    household, plans, plan = concept(jansen, lambda a: setattr(a, "unit", Unit.DAYPART))
    findings = check_household(household, plans, jansen[2], ref, TODAY)
    assert "allocation.unit_not_allowed" in {f.code for f in findings if f.is_error}
    member = household.member(plan.allocations[0].member_id)
    (letter,) = [t for t in printed(jansen, ref, household, plan)[:-1] if member.full_name in t]
    assert "CONCEPT" in letter
    assert "NOG NIET TE BEREKENEN: de eenheid past niet bij het product" in letter
    outcome = decide_plan(household, plans, plan, jansen[2], ref, SENT, PROFESSIONAL, TODAY)
    assert not outcome.decided


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda a: setattr(a, "end", date(2026, 12, 1)), "omdat de einddatum vóór de startdatum ligt"),
        (lambda a: setattr(a, "product_code", "99X99"), "omdat dit product niet in de catalogus staat"),
    ],
    ids=["period reversed", "product gone from the catalogue"],
)
def test_support_that_cannot_be_worded_yet_is_a_marked_line(jansen, ref: Reference, change, reason) -> None:
    household, plans, plan = concept(jansen, change)
    texts = printed(jansen, ref, household, plan)
    assert all("CONCEPT" in t for t in texts)
    assert "NOG NIET IN DIT CONCEPT:" in texts[-1] and reason in texts[-1]  # the plan document
    member = household.member(plan.allocations[0].member_id)
    own = [t for t in texts[:-1] if member.full_name in t]
    assert own and all(reason in t for t in own)
    findings = check_household(household, plans, jansen[2], ref, TODAY)
    assert any(f.is_error and f.subject_id == plan.allocations[0].id for f in findings)


REF = load_reference()
REGION = build_demo_region(REF, TODAY)
PRODUCTS = [*sorted(REGION.catalogue.products)[:12], "99X99"]
PROVIDERS = [*sorted(REGION.catalogue.providers)[:6], "onbekend"]


@st.composite
def half_filled_plans(draw: st.DrawFn) -> tuple[Household, Plan]:
    """A showcase concept with its allocations edited into any state the form lets one save."""
    case = draw(st.sampled_from(("DEMO-0001", "DEMO-0002", "DEMO-0003")))
    household, plans = copy.deepcopy(next((h, p) for h, p in REGION.showcase if h.case_number == case))
    plan = next(p for p in plans if p.status is PlanStatus.CONCEPT)
    days = st.integers(min_value=-400, max_value=800).map(lambda n: date(2027, 2, 1) + timedelta(days=n))
    for a in plan.allocations:
        a.product_code = draw(st.sampled_from([a.product_code, *PRODUCTS]))
        a.unit = draw(st.sampled_from(list(Unit)))
        a.frequency = draw(st.sampled_from(list(Frequency)))
        a.volume = draw(st.integers(min_value=0, max_value=10_000))
        a.form = draw(st.sampled_from(list(Form)))
        a.pgb_budget = draw(st.one_of(st.none(), st.decimals(0, 100_000, places=2)))
        a.provider_id = draw(st.sampled_from([None, *PROVIDERS]))
        a.start, a.end = draw(days), draw(days)
    return household, plan


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(half_filled_plans())
def test_a_concept_prints_in_any_state_the_editor_can_save(case: tuple[Household, Plan]) -> None:
    household, plan = case
    bundle = concept_bundle(household, plan, REGION.catalogue, REF, TODAY, PROFESSIONAL, TODAY)
    docs = all_documents(bundle)
    assert docs and all(d.concept for d in docs)
    assert "CONCEPT" in text_of(docs[-1].pdf)
