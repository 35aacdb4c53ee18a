"""A small hand-made region for the support-tab tests, saved through the real database.

The Jansen household of domain.md §8 in Zutphen: Marieke (41) and Daan (born 10 June 2009, so 18 on
10 June 2027). The plan runs from 1 February 2027 for 12 months. Daan's own provider, the coach
Ruben Hofstede, lost his contract for youth begeleiding at the end of 2026. De Brug holds contracts
for everything; Zorg Oost only for adult begeleiding.
"""

from __future__ import annotations

from datetime import date

from db.database import Database
from planner.catalogue import Catalogue
from planner.model import (
    Contract,
    Coordinator,
    CoordinatorKind,
    Distance,
    Goal,
    Household,
    LifeAreaResult,
    Member,
    Municipality,
    Plan,
    Provider,
    Role,
    Rung,
)
from planner.reference import Reference
from ui.session import HouseholdSession

TODAY = date(2027, 1, 18)
ZUTPHEN = "GM0301"
PLAN_START = date(2027, 2, 1)
DAAN_BIRTH = date(2009, 6, 10)
BRUG, HOFSTEDE, OOST = "p-brug", "p-hofstede", "p-oost"
YOUTH, ADULT, HOUSEHOLD_HELP = "45A01", "02A01", "01A01"
LADDER = {r: "Niets, omdat dit niet kan." for r in Rung if r is not Rung.PAID}


def catalogue(reference: Reference) -> Catalogue:
    providers = [
        Provider(
            BRUG,
            "De Brug Gezinsondersteuning",
            "98000001",
            ZUTPHEN,
            "groot",
            accepts_pgb=True,
            waiting_weeks={YOUTH: 2, ADULT: 2, HOUSEHOLD_HELP: 1},
        ),
        Provider(
            HOFSTEDE,
            "Jongerencoach Ruben Hofstede",
            "98000002",
            ZUTPHEN,
            "klein",
            self_employed=True,
            accepts_pgb=True,
            waiting_weeks={YOUTH: 0},
        ),
        Provider(OOST, "Zorg Oost", "98000005", "GM0200", "klein", waiting_weeks={ADULT: 4}),
    ]
    current = (date(2025, 1, 1), date(2028, 12, 31))
    contracts = [
        Contract(f"c-brug-{code}", BRUG, ZUTPHEN, *current, product_code=code)
        for code in (YOUTH, ADULT, HOUSEHOLD_HELP)
    ]
    contracts.append(
        Contract("c-hof-old", HOFSTEDE, ZUTPHEN, date(2024, 1, 1), date(2026, 12, 31), product_code=YOUTH)
    )
    contracts.append(Contract("c-oost", OOST, ZUTPHEN, *current, product_code=ADULT))
    return Catalogue(
        municipalities={m.code: Municipality(m.code, m.name) for m in reference.municipalities},
        segments={s.code: s for s in reference.segments},
        products={p.code: p for p in reference.products},
        providers={p.id: p for p in providers},
        contracts=contracts,
    )


def jansen() -> tuple[Household, Plan]:
    mother = Member(
        "Marieke",
        "Jansen",
        date(1985, 10, 5),
        Role.PARENT,
        bsn="999990007",
        salutation="Geachte mevrouw Jansen",
        receives_letters=True,
    )
    daan = Member(
        "Daan",
        "Jansen",
        DAAN_BIRTH,
        Role.CHILD,
        bsn="999990019",
        salutation="Beste Daan",
        own_provider_id=HOFSTEDE,
    )
    hh = Household(
        "2027-00001",
        ZUTPHEN,
        street="Berkelstraat",
        house_number="14",
        postcode="7201 KL",
        city="Zutphen",
        members=[mother, daan],
    )
    plan = Plan(
        hh.id,
        start=PLAN_START,
        months=12,
        report_date=date(2027, 1, 9),
        coordinator=Coordinator(CoordinatorKind.PROVIDER, BRUG),
    )
    plan.life_areas = [
        LifeAreaResult(
            "geestelijke_gezondheid",
            desired_result="Daan voelt zich beter",
            distance=Distance.MEDIUM,
            member_ids=[daan.id],
            ladder=dict(LADDER),
            goals=[Goal("Wekelijkse gesprekken met zijn begeleider", date(2027, 5, 1), "Daan")],
        ),
        LifeAreaResult(
            "huishouden_adl",
            desired_result="Het huis is schoon en leefbaar",
            distance=Distance.LIGHT,
            member_ids=[mother.id],
            ladder=dict(LADDER),
            goals=[Goal("Evaluatie hulp bij het huishouden", date(2027, 8, 1), "mevrouw Jansen")],
        ),
    ]
    return hh, plan


def open_session(db: Database, reference: Reference) -> HouseholdSession:
    """Save the region and the household, then open it the way the app does."""
    hh, plan = jansen()
    with db.unit_of_work() as uow:
        uow.catalogue.replace(catalogue(reference))
        uow.households.save(hh)
        uow.plans.save(plan)
    with db.unit_of_work() as uow:
        cat = uow.catalogue.load()
    return HouseholdSession.open(db, reference, cat, TODAY, hh.id)


def member(session: HouseholdSession, given: str) -> Member:
    return next(m for m in session.household.members if m.given_names == given)
