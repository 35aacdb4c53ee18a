"""Fully filled-in domain objects for persistence tests: every field set to a non-default value."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from planner.catalogue import Catalogue
from planner.model import (
    Allocation,
    ClosedGroup,
    Continuity,
    ContinuityRoute,
    Contract,
    Coordinator,
    CoordinatorKind,
    Distance,
    Form,
    Frequency,
    Goal,
    HoursLine,
    Household,
    Law,
    LifeAreaResult,
    LineKind,
    Member,
    Municipality,
    Outcome,
    Plan,
    PlanStatus,
    Product,
    Provider,
    ResultReached,
    Role,
    Rung,
    Segment,
    Unit,
)


def test_bsn(n: int) -> str:
    """The n-th number of the test range 9999xxxxx that passes the elfproef."""
    found = 0
    for i in range(100_000):
        candidate = f"9999{i:05d}"
        total = sum(int(candidate[k]) * (9 - k) for k in range(8)) - int(candidate[8])
        if total % 11 == 0 and candidate != "999900000":
            if found == n:
                return candidate
            found += 1
    raise ValueError(n)


test_bsn.__test__ = False  # type: ignore[attr-defined]  # not a pytest test


def household(case_number: str = "2027-000123", surname: str = "Vries", given: str = "Anneke") -> Household:
    parent = Member(
        given_names=given,
        surname=surname,
        surname_prefix="de",
        initials="A.",
        birth_date=date(1988, 3, 14),
        role=Role.PARENT,
        bsn=test_bsn(0),
        salutation="Geachte mevrouw De Vries",
        receives_letters=True,
        own_provider_id="prov-2",
        revision=2,
    )
    child = Member(
        given_names="Jeroen Élie",
        surname=surname,
        surname_prefix="de",
        initials="J.É.",
        birth_date=date(2009, 6, 10),
        role=Role.CHILD,
        bsn=test_bsn(1),
        moved_out_on=date(2028, 1, 1),
    )
    newborn = Member(given_names="Zoë", surname=surname, birth_date=None, role=Role.CHILD)
    return Household(
        case_number=case_number,
        municipality_code="GM0200",
        street="Dorpsstraat",
        house_number="12a",
        postcode="1234 AB",
        city="Apeldoorn",
        members=[parent, child, newborn],
        safety_signal=True,
        safety_note="Let op: melding Veilig Thuis in 2026.",
        revision=3,
    )


def plan(h: Household, status: PlanStatus = PlanStatus.CONCEPT) -> Plan:
    parent, child = h.members[0], h.members[-1 if len(h.members) < 2 else 1]
    goal = Goal(text="Jeroen gaat vier dagen per week naar school.", target_date=date(2027, 9, 1), who="J")
    area = LifeAreaResult(
        life_area="opvoeden",
        current_situation="Veel ruzie thuis.",
        desired_result="Rust in huis.",
        distance=Distance.MEDIUM,
        member_ids=[parent.id, child.id],
        goals=[goal, Goal(text="Zonder datum")],
        ladder={
            Rung.CLIENT: "Moeder houdt een weekplanning bij.",
            Rung.NETWORK: "Niets, omdat opa ver weg woont.",
        },
        score_before=2,
        score_after=3,
        reached=ResultReached.PARTLY,
        reached_reason="Meer rust, school nog niet.",
        revision=2,
    )
    bare_area = LifeAreaResult(life_area="wonen")
    lines = [
        HoursLine(
            kind=LineKind.STANDARD,
            label="Schoonmaken",
            minutes_per_week=150,
            activity_code="HH01",
            factors={"extra_kamer": 2, "allergie": 1},
            reason="Normtijd schoonmaken, twee extra kamers",
        ),
        HoursLine(kind=LineKind.FREE, label="Was", minutes_per_week=60, reason="Bedlegerig"),
        HoursLine(kind=LineKind.CUSTOMARY_HELP, label="Partner", minutes_per_week=15),
    ]
    in_kind = Allocation(
        member_id=parent.id,
        product_code="07A03",
        start=date(2027, 2, 1),
        end=date(2028, 1, 31),
        volume=195,
        unit=Unit.MINUTE,
        frequency=Frequency.PER_WEEK,
        form=Form.IN_KIND,
        provider_id="prov-1",
        law=Law.WMO,
        life_area="opvoeden",
        goal_id=goal.id,
        hours_lines=lines,
        continuity=Continuity(
            route=ContinuityRoute.SUBCONTRACTING,
            own_provider_id="prov-2",
            until=date(2027, 6, 30),
            main_provider_id="prov-1",
            reason="Eigen aanbieder heeft geen contract meer.",
            client_consent=True,
        ),
        volume_max=240,
        revision=2,
    )
    pgb = Allocation(
        member_id=child.id,
        product_code="45A12",
        start=date(2027, 2, 1),
        end=date(2027, 6, 9),
        volume=4,
        unit=Unit.HOUR,
        frequency=Frequency.PER_MONTH,
        form=Form.PGB,
        law=Law.JEUGDWET,
        pgb_budget=Decimal("1234.50"),
        extended_youth_care=True,
        extended_youth_care_reason="De begeleiding loopt goed; een nieuwe aanbieder zou haar terugwerpen.",
        outcome=Outcome.PARTLY,
        requested_volume=6,
        requested_start=date(2027, 1, 15),
        requested_end=date(2027, 6, 9),
        request_text="begeleiding bij het plannen van de week",
        motivation="Twee uur per maand doet haar tante; dat hoeft de gemeente niet te betalen.",
    )
    return Plan(
        household_id=h.id,
        version=2,
        status=status,
        previous_plan_id="plan-earlier",
        report_date=date(2027, 1, 4),
        application_date=date(2027, 1, 11),
        conversation_date=date(2027, 1, 15),
        participants="Moeder, Jeroen, consulent",
        client_support_offered=True,
        client_support_present=True,
        own_plan_submitted=True,
        start=date(2027, 2, 1),
        months=18,
        life_areas=[area, bare_area],
        coordinator=Coordinator(CoordinatorKind.PROVIDER, "prov-1"),
        allocations=[in_kind, pgb],
        safety_assessment="Geen directe zorgen.",
        decided_on=date(2027, 1, 25) if status is not PlanStatus.CONCEPT else None,
        revision=4,
    )


def catalogue() -> Catalogue:
    product = Product(
        code="07A03",
        category="07",
        name="Begeleiding individueel",
        segment="BEG",
        laws=frozenset({Law.WMO, Law.JEUGDWET}),
        unit=Unit.MINUTE,
        frequencies=(Frequency.PER_WEEK, Frequency.PER_MONTH),
        tariff=Decimal("1.0850"),
        tariff_year=2027,
        max_months=60,
        volume_min=30,
        volume_max=600,
        bandwidth=True,
        adult_product="07A04",
    )
    plain = Product(
        code="45A12",
        category="45",
        name="Jeugdhulp ambulant",
        segment="JH",
        laws=frozenset({Law.JEUGDWET}),
        unit=Unit.HOUR,
        frequencies=(Frequency.TOTAL,),
        tariff=Decimal("75.00"),
        tariff_year=2027,
        max_months=12,
    )
    providers = [
        Provider(
            id="prov-1",
            name="Zorg & Co",
            agb="12345678",
            municipality_code="GM0200",
            size="groot",
            self_employed=True,
            expertise=("autisme", "lvb"),
            waiting_weeks={"07A03": 3, "45A12": 0},
            accepts_pgb=True,
        ),
        Provider(id="prov-2", name="Hulp aan huis", agb="87654321", municipality_code="GM0301", size="klein"),
    ]
    contracts = [
        Contract(
            id="c-1",
            provider_id="prov-1",
            municipality_code="GM0200",
            start=date(2025, 1, 1),
            end=None,
            product_code="07A03",
        ),
        Contract(
            id="c-2",
            provider_id="prov-1",
            municipality_code="GM0200",
            start=date(2025, 1, 1),
            end=date(2027, 12, 31),
            cell=("opvoeden", Distance.HEAVY),
        ),
        Contract(
            id="c-0",
            provider_id="prov-2",
            municipality_code="GM0301",
            start=date(2024, 1, 1),
            end=date(2026, 12, 31),
            product_code="45A12",
        ),
    ]
    return Catalogue(
        municipalities={
            m.code: m for m in (Municipality("GM0200", "Apeldoorn"), Municipality("GM0301", "Zutphen"))
        },
        segments={x.code: x for x in (Segment("BEG", "Begeleiding"), Segment("JH", "Jeugdhulp"))},
        products={p.code: p for p in (product, plain)},
        providers={p.id: p for p in providers},
        contracts=contracts,
        closed_groups={ClosedGroup("GM0200", "BEG"), ClosedGroup("GM0301", "JH")},
    )
