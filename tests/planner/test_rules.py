"""Every rule of domain.md §5 broken on purpose: code, severity and a Dutch message naming the thing."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from planner.adulthood import split_allocation
from planner.errors import FrozenPlanError
from planner.findings import Finding, Severity
from planner.model import (
    Allocation,
    Continuity,
    ContinuityRoute,
    Coordinator,
    CoordinatorKind,
    Distance,
    Form,
    Frequency,
    Household,
    Law,
    Member,
    PlanStatus,
    Rung,
    Unit,
)
from planner.rules import (
    assert_editable,
    changed_since_decision,
    check_household,
    check_member,
)
from tests.planner import factories as f

ERROR, WARNING = Severity.ERROR, Severity.WARNING


@pytest.fixture(scope="module")
def ref():
    return f.reference()


def check(ref, hh=None, plans=None, *, today=f.TODAY, cat=None) -> list[Finding]:
    hh = hh or f.household()
    plans = [f.plan()] if plans is None else plans
    return check_household(hh, plans, cat or f.catalogue(), ref, today)


def one(findings: list[Finding], code: str) -> Finding:
    hits = [x for x in findings if x.code == code]
    assert len(hits) == 1, [(x.code, x.message) for x in findings]
    return hits[0]


def codes(findings: list[Finding]) -> list[str]:
    return sorted(x.code for x in findings)


def with_allocations(*allocs: Allocation, **plan_kw):
    return [f.plan(allocations=list(allocs), **plan_kw)]


# --- clean ------------------------------------------------------------------------------------


def test_clean_plan_has_no_findings(ref):
    assert check(ref) == []
    assert check(ref) == []


def test_findings_are_errors_first(ref):
    plan = f.plan(coordinator=None, allocations=[f.allocation(volume=0)])
    hh = f.household()
    newborn = hh.members[-1]  # a newborn without a BSN yet: a warning, not an error
    newborn.bsn, newborn.birth_date = None, f.TODAY - timedelta(days=30)
    found = check(ref, hh, plans=[plan])
    assert [x.severity for x in found] == sorted((x.severity for x in found), key=lambda s: s is not ERROR)
    assert {x.severity for x in found} == {ERROR, WARNING}


# --- rule 1: one plan, one coordinator ---------------------------------------------------------


def test_two_concept_plans(ref):
    x = one(check(ref, plans=[f.plan(), f.plan(id="plan-2")]), "plan.one_active")
    assert x.severity is ERROR and x.subject_kind == "household" and "2 conceptplannen" in x.message


def test_two_decided_plans(ref):
    decided = [f.plan(id=f"d{i}", status=PlanStatus.DECIDED) for i in range(2)]
    x = one(check(ref, plans=[f.plan(), *decided]), "plan.one_active")
    assert "vastgestelde plannen" in x.message


def test_decided_and_closed_plans_are_not_checked_in_detail(ref):
    old = f.plan(id="old", status=PlanStatus.CLOSED, coordinator=None, allocations=[f.allocation(volume=0)])
    assert check(ref, plans=[f.plan(), old]) == []


def test_missing_coordinator_is_an_error_while_drafting_too(ref):
    # One severity: what blocks deciding is shown as blocking while drafting.
    plans = [f.plan(coordinator=None)]
    x = one(check(ref, plans=plans), "plan.no_coordinator")
    assert x.severity is ERROR and "coördinator" in x.message


def test_provider_coordinator_without_provider_or_unknown(ref):
    plans = [f.plan(coordinator=Coordinator(CoordinatorKind.PROVIDER))]
    assert one(check(ref, plans=plans), "coordinator.no_provider").severity is ERROR
    plans = [f.plan(coordinator=Coordinator(CoordinatorKind.PROVIDER, "gone"))]
    assert one(check(ref, plans=plans), "coordinator.unknown_provider").severity is ERROR


def test_household_or_team_coordinate_without_contract(ref):
    for kind in (CoordinatorKind.HOUSEHOLD, CoordinatorKind.ACCESS_TEAM):
        assert check(ref, plans=[f.plan(coordinator=Coordinator(kind))]) == []


def test_ineligible_coordinator_names_the_missing_cell(ref):
    x = one(
        check(ref, plans=[f.plan(coordinator=Coordinator(CoordinatorKind.PROVIDER, f.ELAN))]),
        "coordinator.not_eligible",
    )
    assert x.severity is ERROR and x.subject_kind == "coordinator" and x.subject_id == "plan-1"
    assert "Zorggroep Ëlan" in x.message and "Financiën – midden" in x.message and "Noordstad" in x.message
    assert "Wonen" not in x.message


# --- rule 2: the 18th birthday ----------------------------------------------------------------


def daan(**kw) -> Allocation:
    base = f.daan_allocations()[0]
    values = {k: getattr(base, k) for k in base.__slots__}
    values.update(kw)
    return Allocation(**values)


def test_youth_care_past_the_18th_birthday_proposes_the_split(ref):
    alloc = daan(end=f.PLAN_END, law=None, id="a-long")
    x = one(check(ref, plans=with_allocations(alloc)), "allocation.past_18")
    assert x.severity is ERROR and x.subject_id == "a-long"
    assert "10 juni 2027" in x.message and "9 juni 2027" in x.message
    assert "Splits" in x.message and "verlengde jeugdhulp" in x.message


def test_the_proposed_split_is_clean(ref):
    hh = f.household()
    alloc = daan(end=f.PLAN_END, law=None, id="a-long")
    jw, wmo = split_allocation(alloc, hh.member("m-daan"), ref.terms.adult_age)
    assert (jw.law, jw.start, jw.end) == (Law.JEUGDWET, f.PLAN_START, date(2027, 6, 9))
    assert (wmo.law, wmo.start, wmo.end) == (Law.WMO, date(2027, 6, 10), f.PLAN_END)
    assert len({jw.id, wmo.id, alloc.id}) == 3
    assert check(ref, hh, with_allocations(jw, wmo)) == []
    assert split_allocation(jw, hh.member("m-daan"), 18) == [jw]


def test_extended_youth_care_is_an_explicit_choice_with_a_reason(ref):
    alloc = daan(end=f.PLAN_END, law=Law.JEUGDWET, extended_youth_care=True)
    x = one(check(ref, plans=with_allocations(alloc)), "allocation.extended_no_reason")
    assert x.severity is ERROR and "waarom" in x.message
    alloc.extended_youth_care_reason = "Daan zit midden in zijn behandeling; wisselen zou die onderbreken."
    assert check(ref, plans=with_allocations(alloc)) == []


def test_extended_youth_care_ends_before_23(ref):
    hh = f.household()
    hh.member("m-daan").birth_date = date(2004, 6, 10)  # 23 on 10 June 2027
    alloc = daan(end=f.PLAN_END, law=Law.JEUGDWET, extended_youth_care=True)
    x = one(check(ref, hh, with_allocations(alloc)), "allocation.past_extended_youth_care")
    assert "9 juni 2027" in x.message


def test_wmo_for_a_minor(ref):
    x = one(check(ref, plans=with_allocations(daan(law=Law.WMO))), "allocation.wmo_minor")
    assert x.severity is ERROR and "Daan Jansen" in x.message and "10 juni 2027" in x.message


def test_youth_care_for_an_adult_without_extension(ref):
    alloc = daan(start=date(2027, 6, 10), end=f.PLAN_END, law=Law.JEUGDWET)
    x = one(check(ref, plans=with_allocations(alloc)), "allocation.youth_care_adult")
    assert "Wmo" in x.message


def test_product_law_does_not_match_the_members_law(ref):
    alloc = f.allocation(member_id="m-daan", end=date(2027, 6, 9), id="a-x")  # household help: Wmo only
    x = one(check(ref, plans=with_allocations(alloc)), "allocation.law_mismatch")
    assert x.severity is ERROR and "Jeugdwet" in x.message and "Hulp bij het huishouden" in x.message


# --- rule 3: own provider first -----------------------------------------------------------------


def household_with_own_provider() -> Household:
    hh = f.household()
    hh.member("m-daan").own_provider_id = f.OUDE_HOEVE
    return hh


def test_replacing_the_own_provider_without_a_route(ref):
    jw, wmo = f.daan_allocations()
    wmo.provider_id = f.OUDE_HOEVE
    wmo.continuity = Continuity(ContinuityRoute.BRIDGING, f.OUDE_HOEVE, until=f.PLAN_END)
    x = one(
        check(ref, household_with_own_provider(), with_allocations(jw, wmo)),
        "allocation.own_provider_replaced",
    )
    assert x.severity is ERROR and x.subject_id == jw.id
    assert "Oude Hoeve" in x.message and "De Brug" in x.message


def test_own_provider_that_does_not_offer_the_product_needs_no_route(ref):
    hh = f.household()
    hh.member("m-petra").own_provider_id = f.OUDE_HOEVE  # Oude Hoeve gives no household help
    assert check(ref, hh) == []


def test_incomplete_route_is_an_error(ref):
    jw, wmo = f.daan_allocations()
    for a in (jw, wmo):
        a.continuity = Continuity(ContinuityRoute.OTHER_PROVIDER, f.OUDE_HOEVE)
    found = check(ref, household_with_own_provider(), with_allocations(jw, wmo))
    assert codes(found) == ["continuity.no_consent"] * 2 + ["continuity.no_reason"] * 2
    assert all(x.severity is ERROR and x.subject_kind == "allocation" for x in found)
    assert "Oude Hoeve" in one([x for x in found if x.subject_id == jw.id], "continuity.no_reason").message


def test_route_for_another_own_provider_is_questioned(ref):
    jw, wmo = f.daan_allocations()
    for a in (jw, wmo):
        a.continuity = Continuity(
            ContinuityRoute.OTHER_PROVIDER, f.ELAN, reason="Plek vrij", client_consent=True
        )
    found = check(ref, household_with_own_provider(), with_allocations(jw, wmo))
    assert codes(found) == ["continuity.other_own_provider"] * 2
    assert all(x.severity is WARNING for x in found)


# --- rule 4: contracts ---------------------------------------------------------------------------


def own_provider_wmo_part(**cont) -> list:
    jw, wmo = f.daan_allocations()
    jw.provider_id = wmo.provider_id = f.OUDE_HOEVE
    if cont:
        wmo.continuity = Continuity(own_provider_id=f.OUDE_HOEVE, **cont)
    return with_allocations(jw, wmo)


def test_contract_ending_before_the_allocation_ends(ref):
    x = one(check(ref, household_with_own_provider(), own_provider_wmo_part()), "allocation.no_contract")
    assert x.severity is ERROR and x.subject_id == "a-daan-wmo"
    assert "Oude Hoeve" in x.message and "30 juni 2027" in x.message and "31 januari 2028" in x.message


def test_bridging_shorter_than_the_allocation_warns_with_its_date(ref):
    plans = own_provider_wmo_part(route=ContinuityRoute.BRIDGING, until=date(2027, 12, 31))
    x = one(check(ref, household_with_own_provider(), plans), "allocation.bridging_ends")
    assert x.severity is WARNING and "31 december 2027" in x.message
    assert codes(check(ref, household_with_own_provider(), plans)) == ["allocation.bridging_ends"]


def test_bridging_covering_the_allocation_is_fine(ref):
    plans = own_provider_wmo_part(route=ContinuityRoute.BRIDGING, until=f.PLAN_END)
    assert check(ref, household_with_own_provider(), plans) == []


def test_subcontracting_under_a_contracted_main_provider_is_fine(ref):
    plans = own_provider_wmo_part(route=ContinuityRoute.SUBCONTRACTING, main_provider_id=f.BRUG)
    assert check(ref, household_with_own_provider(), plans) == []
    plans = own_provider_wmo_part(route=ContinuityRoute.SUBCONTRACTING, main_provider_id=f.THUIS)
    assert codes(check(ref, household_with_own_provider(), plans)) == ["continuity.main_not_contracted"]


def test_pgb_needs_no_contract_but_a_budget(ref):
    alloc = f.allocation(form=Form.PGB, provider_id=f.ZZP)
    x = one(check(ref, plans=with_allocations(alloc)), "allocation.pgb_budget_missing")
    assert x.severity is ERROR
    alloc.pgb_budget = Decimal("4000.00")
    assert check(ref, plans=with_allocations(alloc)) == []


def test_no_contract_and_closed_segment(ref):
    x = one(check(ref, plans=with_allocations(f.allocation(provider_id=f.NIEUW))), "allocation.no_contract")
    assert "Nieuwkomer Hulp" in x.message and "geen nieuwe aanbieders" in x.message
    x = one(
        check(ref, plans=with_allocations(f.allocation(provider_id=f.OUDE_HOEVE))), "allocation.no_contract"
    )
    assert "Oude Hoeve" in x.message and "Noordstad" in x.message


def test_in_kind_without_or_with_unknown_provider(ref):
    plans = with_allocations(f.allocation(provider_id=None))
    assert one(check(ref, plans=plans), "allocation.no_provider").severity is ERROR
    assert one(
        check(ref, plans=with_allocations(f.allocation(provider_id="gone"))), "allocation.unknown_provider"
    )


# --- rule 5: dates -------------------------------------------------------------------------------


def test_end_before_start(ref):
    alloc = f.allocation(end=date(2027, 1, 31))
    x = one(check(ref, plans=with_allocations(alloc)), "allocation.end_before_start")
    assert x.severity is ERROR and "31 januari 2027" in x.message and "1 februari 2027" in x.message


def test_birth_date_in_the_future_or_missing(ref):
    hh = f.household()
    hh.member("m-petra").birth_date = date(2030, 1, 1)
    x = one(check(ref, hh, []), "member.birth_in_future")
    assert x.severity is ERROR and x.subject_id == "m-petra" and "1 januari 2030" in x.message
    hh.member("m-petra").birth_date = None
    assert one(check(ref, hh, []), "member.no_birth_date").severity is ERROR


def test_allocation_longer_than_the_product_allows(ref):
    alloc = daan(start=date(2027, 6, 10), end=date(2028, 6, 10), law=Law.WMO)
    x = one(check(ref, plans=with_allocations(alloc)), "allocation.too_long")
    assert "12 maanden en 1 dag" in x.message and "ten hoogste 12 maanden" in x.message


def test_allocation_outside_the_plan_period(ref):
    alloc = f.allocation(start=date(2027, 1, 15))
    x = one(check(ref, plans=with_allocations(alloc)), "allocation.outside_plan")
    assert x.severity is WARNING and "15 januari 2027" in x.message


def test_plan_period_start_and_length(ref):
    assert one(check(ref, plans=[f.plan(start=None)]), "plan.no_start").severity is ERROR
    x = one(check(ref, plans=[f.plan(months=61)]), "plan.too_long")
    assert "61 maanden" in x.message and "60" in x.message
    assert one(check(ref, plans=[f.plan(months=0)]), "plan.too_short").severity is ERROR


def test_procedure_deadlines_near_and_past(ref):
    x = one(check(ref, today=date(2027, 1, 7)), "plan.deadline_near")
    assert x.severity is WARNING and "9 januari 2027" in x.message and "persoonlijk plan" in x.message
    found = check(ref, today=date(2027, 1, 20))
    # The decision term is past; the client's own-plan window has simply closed (no finding).
    assert codes(found) == ["plan.deadline_past"]
    assert "18 januari 2027" in found[0].message and "besluit" in found[0].message
    submitted = [f.plan(own_plan_submitted=True)]
    assert codes(check(ref, plans=submitted, today=date(2027, 1, 8))) == []


# --- rule 6: BSN and amounts ----------------------------------------------------------------------


def test_bsn_elfproef(ref):
    hh = f.household()
    hh.member("m-daan").bsn = "999990018"
    x = one(check(ref, hh, []), "member.bsn_invalid")
    assert x.severity is ERROR and "elfproef" in x.message and "Daan Jansen" in x.message
    assert "999990018" not in x.message


def test_missing_bsn_only_for_a_newborn(ref):
    baby = Member("Noor", "Jansen", date(2026, 11, 1), bsn=None, id="m-noor")
    x = one(check_member(baby, f.TODAY), "member.bsn_missing")
    assert x.severity is WARNING and "Noor Jansen" in x.message
    adult = Member("Petra", "Jansen", date(1985, 3, 2), bsn="", id="m-p")
    assert one(check_member(adult, f.TODAY), "member.bsn_missing").severity is ERROR


@pytest.mark.parametrize(
    ("changes", "code", "words"),
    [
        (dict(volume=0), "allocation.volume_not_positive", "groter dan 0"),
        (dict(volume=20), "allocation.volume_out_of_bounds", "tussen 30 en 600 minuten"),
        (dict(volume=700), "allocation.volume_out_of_bounds", "tussen 30 en 600 minuten"),
        (dict(volume_max=240), "allocation.bandwidth_not_allowed", "bandbreedte"),
        (dict(unit=Unit.HOUR, volume=3), "allocation.unit_not_allowed", "minuten"),
        (dict(frequency=Frequency.PER_MONTH), "allocation.frequency_not_allowed", "per maand"),
    ],
)
def test_amount_must_fit_the_product(ref, changes, code, words):
    x = one(check(ref, plans=with_allocations(f.allocation(**changes))), code)
    assert x.severity is ERROR and words in x.message and "Hulp bij het huishouden" in x.message


def test_bandwidth_upper_bound_below_lower(ref):
    jw, wmo = f.daan_allocations()
    wmo.volume_max = 120
    assert one(check(ref, plans=with_allocations(jw, wmo)), "allocation.bandwidth_invalid").severity is ERROR
    wmo.volume_max = 240
    assert check(ref, plans=with_allocations(jw, wmo)) == []


def test_etmaal_per_day_breaks_the_iwmo_combination(ref):
    alloc = f.allocation(
        product_code=f.LOGEREN, unit=Unit.ETMAAL, frequency=Frequency.PER_DAY, volume=1, provider_id=f.BRUG
    )
    x = one(check(ref, plans=with_allocations(alloc)), "allocation.unit_frequency")
    assert "etmalen" in x.message and "per week" in x.message
    alloc.frequency = Frequency.PER_MONTH
    alloc.volume = 4
    assert check(ref, plans=with_allocations(alloc)) == []


def test_unknown_product_and_member(ref):
    assert one(
        check(ref, plans=with_allocations(f.allocation(product_code="99Z99"))), "allocation.unknown_product"
    )
    assert one(
        check(ref, plans=with_allocations(f.allocation(member_id="nobody"))), "allocation.unknown_member"
    )


# --- rule 7: the ladder ---------------------------------------------------------------------------


def test_paid_support_needs_the_ladder(ref):
    plan = f.plan()
    plan.life_area("huishouden_adl").ladder[Rung.VOLUNTEERS] = "  "
    del plan.life_area("huishouden_adl").ladder[Rung.COLLECTIVE]
    x = one(check(ref, plans=[plan]), "life_area.ladder_incomplete")
    assert x.severity is ERROR and x.subject_kind == "life_area" and x.subject_id == "la-huishouden_adl"
    assert "Huishouden en zelfzorg (ADL)" in x.message
    assert "Vrijwilligers en Collectieve voorzieningen" in x.message


def test_life_area_without_paid_support_needs_no_ladder(ref):
    plan = f.plan()
    plan.life_area("financien").ladder.clear()
    assert check(ref, plans=[plan]) == []


def test_allocation_must_serve_a_life_area_of_the_plan(ref):
    x = one(
        check(ref, plans=with_allocations(f.allocation(life_area=None))),
        "allocation.no_life_area",
    )
    assert x.severity is ERROR
    x = one(
        check(ref, plans=with_allocations(f.allocation(life_area="wonen"))),
        "allocation.life_area_not_in_plan",
    )
    assert "Wonen" in x.message


def test_plan_without_life_areas(ref):
    plan = f.plan(life_areas=[], allocations=[], coordinator=Coordinator(CoordinatorKind.ACCESS_TEAM))
    assert one(check(ref, plans=[plan]), "plan.no_life_areas").severity is ERROR


def test_household_without_members(ref):
    hh = Household("2027-0002", f.NOORD, id="h-empty")
    assert one(check(ref, hh, []), "household.no_members").severity is ERROR


# --- rule 8: safety -------------------------------------------------------------------------------


def test_safety_signal_needs_an_assessment_before_deciding(ref):
    hh = f.household()
    hh.safety_signal = True
    assert one(check(ref, hh), "plan.safety_assessment_missing").severity is ERROR
    x = one(check(ref, hh), "plan.safety_assessment_missing")
    assert x.severity is ERROR and "veiligheid" in x.message
    assert check(ref, hh, [f.plan(safety_assessment="Besproken met Veilig Thuis; geen direct gevaar.")]) == []


# --- rule 9: a decided plan is frozen -------------------------------------------------------------


def test_decided_plan_cannot_be_edited():
    assert_editable(f.plan())
    with pytest.raises(FrozenPlanError, match="nieuwe versie"):
        assert_editable(f.plan(status=PlanStatus.DECIDED))


def test_decided_plan_that_differs_from_what_was_decided():
    decided = f.plan(status=PlanStatus.DECIDED)
    assert changed_since_decision(f.plan(status=PlanStatus.DECIDED), decided) == []
    changed = f.plan(status=PlanStatus.DECIDED)
    changed.allocations[0].volume = 240
    x = one(changed_since_decision(changed, decided), "plan.frozen_changed")
    assert x.severity is ERROR and x.subject_id == decided.id


def test_coordinator_distance_change_shows_up(ref):
    plan = f.plan(coordinator=Coordinator(CoordinatorKind.PROVIDER, f.ELAN))
    plan.life_area("financien").distance = Distance.HEAVY
    assert check(ref, plans=[plan]) == []
