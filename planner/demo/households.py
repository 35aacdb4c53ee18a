"""Further plausible households for the demo region, each with one plan (`demo --households N`)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta

from planner import periods
from planner.catalogue import Catalogue
from planner.demo.bsns import demo_bsn, member_slot
from planner.demo.common import demo_data, generated, plan_start, stable_id
from planner.model import (
    Allocation,
    Coordinator,
    CoordinatorKind,
    Distance,
    Frequency,
    Household,
    Law,
    LifeAreaResult,
    Member,
    Plan,
    PlanStatus,
    Role,
    Rung,
)
from planner.reference import Reference


def generate_households(
    n: int, catalogue: Catalogue, reference: Reference, today: date, seed: int = 7, first_number: int = 1
) -> Iterator[tuple[Household, list[Plan]]]:
    """`n` further plausible households, each with one plan; cheap enough for 20,000 at once."""
    rng = random.Random(seed)
    names = demo_data("names.toml")
    fixed = generated()["households"]
    letters = fixed["postcode_letters"]
    texts = fixed["life_area"]
    towns = names["towns"]
    areas = [a.code for a in reference.life_areas]
    # municipality -> (provider, Wmo product) with a contract over the generated plans' periods
    by_place: dict[str, list[tuple[str, str]]] = {}
    start_default = plan_start(today)
    earliest, latest = start_default - relativedelta(months=10), periods.plan_end(start_default, 12)
    for c in catalogue.contracts:
        product = catalogue.products.get(c.product_code or "")
        if product and Law.WMO in product.laws and c.covers(earliest, latest):
            by_place.setdefault(c.municipality_code, []).append((c.provider_id, product.code))
    members_max = max(fixed["adults"]) + max(fixed["children"])
    rungs = [r for r in Rung if r is not Rung.PAID]
    for i in range(n):
        number = first_number + i
        town = rng.choice(towns)
        municipality = town["municipality"]
        case = f"G{today.year}-{number:06d}"
        hid = stable_id("household", case)
        surname = rng.choice(names["surnames"])
        prefix, _, last = surname.rpartition(" ")
        adults = rng.choice(fixed["adults"])
        children = rng.choice(fixed["children"])
        members: list[Member] = []
        for k in range(adults + children):
            child = k >= adults
            female = rng.random() < 0.5
            given = rng.choice(
                names["girls" if female else "boys"] if child else names["women" if female else "men"]
            )
            # Born more than a year ago: a decided plan was decided up to 11 months ago, after the birth.
            age_days = rng.randint(366, 17 * 365) if child else rng.randint(19 * 365, 85 * 365)
            # One number per (household, member): unique however many households, in however many runs.
            bsn = demo_bsn(member_slot(number, k, members_max))
            members.append(
                Member(
                    id=stable_id("member", case, str(k)),
                    given_names=given,
                    initials=f"{given[0]}.",
                    surname_prefix=prefix,
                    surname=last,
                    birth_date=today - timedelta(days=age_days),
                    role=Role.CHILD if child else (Role.PARENT if k == 0 else Role.PARTNER),
                    bsn=bsn,
                    salutation=_salutation(fixed, given, f"{prefix} {last}".strip(), female, child),
                    receives_letters=k == 0,
                )
            )
        household = Household(
            id=hid,
            case_number=case,
            municipality_code=municipality,
            street=rng.choice(names["streets"]),
            house_number=str(rng.randint(1, 240)),
            postcode=f"{rng.randint(town['postcode_from'], town['postcode_to'])} "
            f"{rng.choice(letters)}{rng.choice(letters)}",
            city=town["name"],
            members=members,
        )
        start = start_default - relativedelta(months=rng.randint(0, 10))
        decided = start < start_default
        # A concept is being worked on now: reported a week or two ago, within every term.
        report = start - timedelta(days=30) if decided else today - timedelta(days=rng.randint(8, 12))
        plan = Plan(
            id=stable_id("plan", case, "1"),
            household_id=hid,
            status=PlanStatus.DECIDED if decided else PlanStatus.CONCEPT,
            report_date=report,
            conversation_date=report + timedelta(days=3),
            application_date=report + timedelta(days=5),
            start=start,
            months=12,
            participants=members[0].full_name,
            client_support_offered=True,
            coordinator=Coordinator(CoordinatorKind.ACCESS_TEAM),
            # Decided three days after the application: well within the two weeks (no warning).
            decided_on=report + timedelta(days=8) if decided else None,
        )
        for code in rng.sample(areas, k=rng.randint(1, 4)):
            plan.life_areas.append(
                LifeAreaResult(
                    id=stable_id("area", plan.id, code),
                    life_area=code,
                    current_situation=texts["current_situation"],
                    desired_result=texts["desired_result"],
                    distance=rng.choice(list(Distance)),
                    member_ids=[members[0].id],
                    ladder={r: texts["ladder"] for r in rungs},
                )
            )
        offers = by_place.get(municipality, [])
        # A decided plan decided support (its letters print); a concept may not have any yet.
        if offers and (decided or rng.random() < fixed["allocation_share"]):
            for _ in range(rng.randint(1, 2)):
                provider_id, product_code = rng.choice(offers)
                product = catalogue.products[product_code]
                adult = next((m for m in members if m.role is not Role.CHILD), members[0])
                volume = max(product.volume_min, min(product.volume_max or 120, 120))
                plan.allocations.append(
                    Allocation(
                        id=stable_id("allocation", plan.id, str(len(plan.allocations))),
                        member_id=adult.id,
                        product_code=product_code,
                        start=start,
                        end=periods.plan_end(start, 12),
                        volume=volume,
                        unit=product.unit,
                        frequency=product.frequencies[0] if product.frequencies else Frequency.PER_WEEK,
                        provider_id=provider_id,
                        life_area=plan.life_areas[0].life_area,
                    )
                )
        yield household, [plan]


def _salutation(fixed: dict[str, Any], given: str, surname: str, female: bool, child: bool) -> str:
    if child:
        for_child: str = fixed["salutation_child"]
        return for_child.format(given=given)
    title = fixed["title_female" if female else "title_male"]
    for_adult: str = fixed["salutation_adult"]
    return for_adult.format(title=title, surname=surname)
