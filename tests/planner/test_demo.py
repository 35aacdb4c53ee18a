"""The demo region: showcase households show exactly the findings they were built to show."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner import periods
from planner.bsn import is_valid_bsn
from planner.demo import (
    DemoDecisionError,
    build_demo_region,
    demo_decision,
    generate_households,
    plan_start,
    resolve_date,
)
from planner.demo.bsns import demo_bsn, member_slot
from planner.demo.common import generated as generated_data
from planner.documents.common import Professional
from planner.model import PlanStatus
from planner.reference import load_reference
from planner.rules import check_household


@pytest.fixture(scope="module")
def reference():
    return load_reference()


def _findings_per_case(reference, today: date) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    region = build_demo_region(reference, today)
    found = {
        h.case_number: sorted(f.code for f in check_household(h, plans, region.catalogue, reference, today))
        for h, plans in region.showcase
    }
    return found, {case: sorted(codes) for case, codes in region.expected_findings.items()}


@pytest.mark.parametrize(
    "today", [date(2026, 11, 23), date(2027, 1, 31), date(2027, 2, 28), date(2028, 12, 31)]
)
def test_each_showcase_household_shows_exactly_its_findings(reference, today):
    found, expected = _findings_per_case(reference, today)
    assert found == expected


@settings(max_examples=15, deadline=None)
@given(st.dates(min_value=date(2026, 1, 1), max_value=date(2031, 12, 31)))
def test_showcase_stays_true_whenever_it_is_loaded(today):
    found, expected = _findings_per_case(load_reference(), today)
    assert found == expected


def test_region_size_and_variety(reference):
    region = build_demo_region(reference, date(2026, 11, 23))
    cat = region.catalogue
    assert len(cat.municipalities) == 8
    assert len(cat.providers) >= 250
    assert len(cat.contracts) >= 3000
    assert any(c.cell for c in cat.contracts), "coordination contracts per cell"
    assert any(c.end and c.end.year == 2025 for c in cat.contracts), "contracts that ended last year"
    assert cat.closed_groups
    assert any(p.waiting_weeks for p in cat.providers.values())
    sizes = {p.size for p in cat.providers.values()}
    assert sizes == {"klein", "groot"} and any(p.self_employed for p in cat.providers.values())
    assert len(region.showcase) >= 6


def test_daan_turns_18_four_months_after_his_plan_starts(reference):
    today = date(2026, 11, 23)
    region = build_demo_region(reference, today)
    household, plans = next((h, p) for h, p in region.showcase if h.case_number == "DEMO-0001")
    daan = next(m for m in household.members if m.given_names == "Daan")
    start = plans[0].start
    assert start == plan_start(today) == date(2026, 12, 1)
    assert periods.eighteenth_birthday(daan.birth_date, reference.terms.adult_age) == date(2027, 4, 1)
    assert all(m.bsn and m.bsn.startswith("9999") for h, _ in region.showcase for m in h.members)


def test_generated_households_are_valid_and_deterministic(reference):
    today = date(2026, 11, 23)
    region = build_demo_region(reference, today)
    first = list(generate_households(200, region.catalogue, reference, today, seed=3))
    again = list(generate_households(200, region.catalogue, reference, today, seed=3))
    assert [h.case_number for h, _ in first] == [h.case_number for h, _ in again]
    assert len({h.case_number for h, _ in first}) == 200
    for household, plans in first:
        assert check_household(household, plans, region.catalogue, reference, today) == []


def test_generated_bsns_are_unique_and_valid_at_100000_households():
    """Every slot a member of 100,000 generated households can take has its own valid BSN, outside
    the showcase's numbers; the first ones are the reserved test numbers (facts.md §6)."""
    fixed = generated_data()["households"]
    members_max = max(fixed["adults"]) + max(fixed["children"])
    bsns = [demo_bsn(member_slot(n, k, members_max)) for n in range(1, 100_001) for k in range(members_max)]
    assert len(set(bsns)) == len(bsns) == 100_000 * members_max
    assert all(map(is_valid_bsn, bsns))
    assert all(999900006 <= int(b) <= 999999990 for b in bsns[:8_000])
    with pytest.raises(ValueError):
        member_slot(1, members_max, members_max)


def test_generated_regions_share_no_bsn(reference):
    """Households generated in two runs (the loader numbers on) or with another seed, and the
    showcase, never share a BSN; the numbers are the same for the same seed."""
    today = date(2026, 11, 23)
    region = build_demo_region(reference, today)
    first = list(generate_households(150, region.catalogue, reference, today, seed=3))
    later = list(generate_households(150, region.catalogue, reference, today, seed=4, first_number=151))
    far = list(generate_households(150, region.catalogue, reference, today, seed=3, first_number=99_851))
    again = list(generate_households(150, region.catalogue, reference, today, seed=3))
    members = [m for h, _ in [*region.showcase, *first, *later, *far] for m in h.members if m.bsn]
    bsns = [m.bsn for m in members]
    assert len(members) > 1_000 and len(set(bsns)) == len(bsns)
    assert all(is_valid_bsn(b) for b in bsns if b)
    assert [m.bsn for h, _ in first for m in h.members] == [m.bsn for h, _ in again for m in h.members]


def test_date_expressions():
    today = date(2026, 11, 23)
    assert resolve_date("today", today) == today
    assert resolve_date("start+4m-18y", today) == date(2009, 4, 1)
    assert resolve_date("today-1w+2d", today) == date(2026, 11, 18)
    with pytest.raises(ValueError):
        resolve_date("tomorrow", today)


def test_decided_demo_plans_are_decided_by_the_rules(reference):
    """Every plan the demo marks decided passes every rule on its decision date, so the loader can
    store the decision the program would have made; a plan the rules block is refused."""
    today = date(2026, 11, 23)
    region = build_demo_region(reference, today)
    signer = Professional(region.professional)
    generated = list(generate_households(200, region.catalogue, reference, today, seed=3))
    decided = 0
    for household, plans in [*region.showcase, *generated]:
        for plan in plans:
            if plan.status is PlanStatus.DECIDED:
                outcome = demo_decision(household, plans, plan, region.catalogue, reference, signer)
                assert outcome.plan is not None and outcome.plan.decided_on == plan.decided_on
                assert outcome.bundle is not None and outcome.bundle.letters, household.case_number
                assert outcome.bundle.sent_on == plan.decided_on
                decided += 1
    assert decided > 150
    household, plans = next((h, ps) for h, ps in region.showcase if h.safety_signal)
    unsafe = dataclasses.replace(plans[0], status=PlanStatus.DECIDED, decided_on=today)
    with pytest.raises(DemoDecisionError, match=r"plan\.safety_assessment_missing"):
        demo_decision(household, [unsafe], unsafe, region.catalogue, reference, signer)


@settings(max_examples=8, deadline=None)
@given(st.dates(min_value=date(2026, 1, 1), max_value=date(2031, 12, 31)))
def test_decided_demo_plans_can_be_decided_whenever_the_demo_is_loaded(today):
    reference = load_reference()
    region = build_demo_region(reference, today)
    signer = Professional(region.professional)
    for household, plans in [*region.showcase, *generate_households(40, region.catalogue, reference, today)]:
        for plan in plans:
            if plan.status is PlanStatus.DECIDED:
                assert demo_decision(household, plans, plan, region.catalogue, reference, signer).decided
