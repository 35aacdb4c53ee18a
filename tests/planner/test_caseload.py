"""Mijn werkvoorraad without storage: model objects in, due items out (planner/caseload.py)."""

from __future__ import annotations

import copy
from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta

from planner import caseload, rules
from planner.caseload import DueItem, DueKind, Urgency, due_items
from planner.demo import build_demo_region
from planner.model import (
    Allocation,
    Continuity,
    ContinuityRoute,
    Frequency,
    Household,
    Member,
    Plan,
    PlanStatus,
    Role,
    Unit,
)
from planner.periods import plan_end
from planner.reference import load_reference
from planner.services.caseload import caseload as caseload_operation
from tests.planner.memory_storage import MemoryStorage

REF = load_reference()
TERMS = REF.terms
TODAY = date(2027, 1, 5)  # a Tuesday
MUNICIPALITIES = {"GM0301": "Zutphen"}
PRODUCTS = {"10A01": "Begeleiding individueel"}


def household(case: str = "2027-00001", *members: Member) -> Household:
    return Household(
        case_number=case,
        municipality_code="GM0301",
        members=list(members) or [Member("Petra", "Jansen", date(1985, 3, 2), Role.PARENT)],
    )


def concept(h: Household, **kw: object) -> Plan:
    return Plan(household_id=h.id, status=PlanStatus.CONCEPT, start=date(2027, 2, 1), **kw)  # type: ignore[arg-type]


def items_of(households: list[Household], plans: list[Plan], today: date = TODAY) -> list[DueItem]:
    data = caseload.caseload_data(
        households, plans, MUNICIPALITIES, PRODUCTS, caseload.birth_window(today, TERMS)
    )
    return due_items(data, TERMS, today)


def kinds(items: list[DueItem]) -> list[DueKind]:
    return [i.kind for i in items]


# --- procedure deadlines: the same list the rules start from ---------------------------------------


def test_a_new_concept_lists_its_three_procedure_deadlines_with_the_household() -> None:
    h = household()
    plan = concept(h, report_date=TODAY - timedelta(days=2), application_date=TODAY)
    items = items_of([h], [plan])
    assert kinds(items) == [DueKind.OWN_PLAN, DueKind.DECISION, DueKind.INVESTIGATION]
    own, decision, investigation = items
    assert own.due == TODAY - timedelta(days=2) + timedelta(days=TERMS.own_plan_days)
    assert investigation.due == TODAY - timedelta(days=2) + timedelta(days=TERMS.investigation_days)
    assert decision.due == TODAY + timedelta(days=TERMS.decision_days)
    assert (own.household_id, own.case_number, own.name, own.municipality_name) == (
        h.id,
        "2027-00001",
        "Jansen",
        "Zutphen",
    )
    assert (own.subject_kind, own.subject_id) == ("plan", plan.id)
    assert own.description.startswith("Uiterste datum persoonlijk plan: 10 januari 2027 (over 5 dagen)")
    assert own.urgency is Urgency.THIS_WEEK and decision.urgency is Urgency.LATER


def test_an_own_plan_handed_in_or_closed_asks_nothing_but_a_missed_decision_stays_overdue() -> None:
    h1, h2 = household("2027-00001"), household("2027-00002")
    handed_in = concept(h1, report_date=TODAY, own_plan_submitted=True)
    late = concept(h2, report_date=TODAY - timedelta(days=60), application_date=TODAY - timedelta(days=30))
    items = items_of([h1, h2], [handed_in, late])
    assert [(i.case_number, i.kind) for i in items] == [
        ("2027-00002", DueKind.INVESTIGATION),  # overdue first, the oldest first
        ("2027-00002", DueKind.DECISION),
        ("2027-00002", DueKind.STALE_CONCEPT),  # and nothing recorded for 30 days
        ("2027-00001", DueKind.INVESTIGATION),
    ]
    assert [i.urgency for i in items] == [Urgency.OVERDUE] * 3 + [Urgency.LATER]
    assert "geleden verlopen" in items[0].description


def test_a_decided_plan_has_no_procedure_deadlines() -> None:
    h = household()
    plan = concept(h, report_date=TODAY, application_date=TODAY)
    plan.status = PlanStatus.DECIDED
    plan.start = TODAY
    assert items_of([h], [plan]) == []


def test_every_deadline_the_rules_warn_about_is_on_the_caseload_on_the_same_day() -> None:
    """The showcase on a range of days: a deadline finding without its caseload line would mean
    the two compute deadlines differently."""
    region = build_demo_region(REF, TODAY)
    households = [h for h, _ in region.showcase]
    plans = [p for _, ps in region.showcase for p in ps]
    checked = 0
    for days in range(0, 60, 3):
        today = TODAY + timedelta(days=days)
        items = items_of(households, plans, today)
        lines = {(i.subject_id, i.description) for i in items}
        for h, ps in region.showcase:
            for plan in ps:
                for f in rules.check_plan(plan, h, region.catalogue, REF, today):
                    if f.code in ("plan.deadline_near", "plan.deadline_past"):
                        deadline_words = f.message.split(". ")[0]
                        assert (plan.id, deadline_words) in lines, (h.case_number, today, f.message)
                        checked += 1
    assert checked > 0


# --- plan end, bridging, adulthood, stale concepts ------------------------------------------------


def test_a_decided_plan_ending_within_the_horizon_needs_a_reassessment() -> None:
    h, later = household("2027-00001"), household("2027-00002")
    start = TODAY - relativedelta(months=10)
    ending = Plan(household_id=h.id, status=PlanStatus.DECIDED, start=start, months=12)
    far = Plan(household_id=later.id, status=PlanStatus.DECIDED, start=TODAY, months=12)
    (item,) = items_of([h, later], [ending, far])
    assert item.kind is DueKind.PLAN_END and item.due == plan_end(start, 12)
    assert item.description.endswith("een herbeoordeling is nodig")
    assert item.subject_id == ending.id

    successor = Plan(household_id=h.id, version=2, status=PlanStatus.CONCEPT, start=None)
    (item,) = items_of([h, later], [ending, far, successor])
    assert item.description.endswith("de herbeoordeling is begonnen (concept versie 2)")


def test_a_closed_plan_asks_nothing() -> None:
    h = household()
    closed = Plan(household_id=h.id, status=PlanStatus.CLOSED, start=TODAY - relativedelta(months=11))
    closed.report_date = TODAY
    assert items_of([h], [closed]) == []


def _bridged(member: Member, start: date, until: date, months: int = 12) -> Allocation:
    return Allocation(
        member_id=member.id,
        product_code="10A01",
        start=start,
        end=plan_end(start, months),
        volume=180,
        unit=Unit.MINUTE,
        frequency=Frequency.PER_WEEK,
        continuity=Continuity(ContinuityRoute.BRIDGING, own_provider_id="p-oud", until=until),
    )


def test_a_bridging_agreement_that_ends_before_the_support_is_listed() -> None:
    daan = Member("Daan", "Jansen", date(2009, 6, 10), Role.CHILD)
    h = household("2027-00001", daan)
    plan = Plan(household_id=h.id, status=PlanStatus.DECIDED, start=date(2027, 2, 1), months=12)
    ends = _bridged(daan, date(2027, 2, 1), date(2027, 6, 30))
    whole = _bridged(daan, date(2027, 2, 1), date(2028, 1, 31))  # covers all of the support
    other = _bridged(daan, date(2027, 2, 1), date(2027, 6, 30))
    other.continuity = Continuity(ContinuityRoute.PGB, own_provider_id="p-oud")
    plan.allocations = [ends, whole, other]
    (item,) = [i for i in items_of([h], [plan]) if i.kind is DueKind.BRIDGING_END]
    assert item.due == date(2027, 6, 30) and (item.subject_kind, item.subject_id) == ("allocation", ends.id)
    assert item.description == (
        "Overbrugging Begeleiding individueel voor Daan Jansen loopt af op 30 juni 2027; "
        "de ondersteuning loopt tot en met 31 januari 2028"
    )


def test_a_bridging_agreement_copied_into_the_reassessment_is_listed_once() -> None:
    daan = Member("Daan", "Jansen", date(2009, 6, 10), Role.CHILD)
    h = household("2027-00001", daan)
    decided = Plan(household_id=h.id, status=PlanStatus.DECIDED, start=date(2026, 8, 1), months=12)
    decided.allocations = [_bridged(daan, date(2026, 8, 1), date(2027, 3, 31))]
    successor = Plan(household_id=h.id, version=2, status=PlanStatus.CONCEPT, start=None)
    successor.allocations = [copy.deepcopy(decided.allocations[0])]  # same id, as a re-assessment copies
    items = [i for i in items_of([h], [decided, successor]) if i.kind is DueKind.BRIDGING_END]
    assert len(items) == 1 and items[0].due == date(2027, 3, 31)


def test_members_turning_adult_within_the_horizon_and_only_those() -> None:
    def child(name: str, birth: date) -> Member:
        return Member(name, "Jansen", birth, Role.CHILD)

    adult_age = TERMS.adult_age
    soon_born = TODAY + relativedelta(months=4) - relativedelta(years=adult_age)
    last_born = TODAY + relativedelta(months=TERMS.caseload_months) - relativedelta(years=adult_age)
    soon, last_day = child("Daan", soon_born), child("Eva", last_born)
    too_late = child("Fien", last_born + timedelta(days=1))
    already = child("Gijs", TODAY - timedelta(days=1) - relativedelta(years=adult_age))
    moved = child("Hans", soon_born)
    moved.moved_out_on = TODAY
    h = household("2027-00001", soon, last_day, too_late, already, moved)
    items = items_of([h], [])
    assert [(i.kind, i.subject_id) for i in items] == [
        (DueKind.ADULTHOOD, soon.id),
        (DueKind.ADULTHOOD, last_day.id),
    ]
    assert items[0].description == f"Daan Jansen wordt {adult_age} op 5 mei 2027; regel de zorg daarna"


def test_a_29_february_birthday_turns_adult_on_1_march() -> None:
    leap = Member("Lotte", "Jansen", date(2008, 2, 29), Role.CHILD)
    h = household("2027-00001", leap)
    (item,) = items_of([h], [], today=date(2026, 1, 10))
    assert item.due == date(2026, 3, 1)


def test_a_concept_without_news_for_two_weeks_is_stale() -> None:
    h1, h2 = household("2027-00001"), household("2027-00002")
    quiet = concept(h1, conversation_date=TODAY - timedelta(days=TERMS.stale_concept_days))
    busy = concept(h2, conversation_date=TODAY - timedelta(days=TERMS.stale_concept_days - 1))
    items = [i for i in items_of([h1, h2], [quiet, busy]) if i.kind is DueKind.STALE_CONCEPT]
    assert [i.subject_id for i in items] == [quiet.id]
    assert items[0].due == TODAY and items[0].urgency is Urgency.THIS_WEEK
    assert "14 dagen niets vastgelegd" in items[0].description


@pytest.mark.parametrize(
    ("days", "urgency"),
    [(-1, Urgency.OVERDUE), (0, Urgency.THIS_WEEK), (6, Urgency.THIS_WEEK), (7, Urgency.LATER)],
)
def test_urgency(days: int, urgency: Urgency) -> None:
    assert Urgency.of(TODAY + timedelta(days=days), TODAY) is urgency


def test_the_showcase_lists_daans_birthday_and_his_bridging_agreement() -> None:
    region = build_demo_region(REF, TODAY)
    items = items_of([h for h, _ in region.showcase], [p for _, ps in region.showcase for p in ps])
    daan = [i for i in items if i.case_number == "DEMO-0001"]
    assert {DueKind.ADULTHOOD, DueKind.BRIDGING_END} <= set(kinds(daan))
    assert any("Daan" in i.description for i in daan if i.kind is DueKind.ADULTHOOD)
    reassessed = [i for i in items if i.case_number == "DEMO-0005" and i.kind is DueKind.PLAN_END]
    assert reassessed and "herbeoordeling is begonnen" in reassessed[0].description


# --- the operation over the port ------------------------------------------------------------------


def test_the_operation_reads_one_unit_and_narrows_to_within_days() -> None:
    storage = MemoryStorage()
    h = household()
    late = concept(h, report_date=TODAY - timedelta(days=60), application_date=TODAY)
    with storage.unit_of_work() as uow:
        uow.households.save(h)
        uow.plans.save(late)
    before = storage.units
    every = caseload_operation(storage, TERMS, TODAY)
    assert storage.units == before + 1
    assert kinds(every) == [DueKind.INVESTIGATION, DueKind.DECISION]
    assert kinds(caseload_operation(storage, TERMS, TODAY, within_days=7)) == [DueKind.INVESTIGATION]
