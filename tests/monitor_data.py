"""Households whose plans exercise every monitor figure: allocations starting, running and ending
in and around a year, closed plans, re-assessments with results, members turning 18 (extended
youth care, on to the Wmo, stopped), own providers kept, kept through a route, or substituted.

Built on the demo region's catalogue (the caller loads it), seeded, fast enough for 100,000
households in the benchmark (tests/benchmarks/bench_monitor.py)."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from planner.catalogue import Catalogue
from planner.continuity import ContinuityRoute
from planner.model import (
    Allocation,
    Continuity,
    Distance,
    Form,
    Frequency,
    Household,
    Law,
    LifeAreaResult,
    Member,
    Plan,
    PlanStatus,
    Product,
    ResultReached,
    Role,
    Unit,
)
from planner.periods import plan_end

YEAR = (date(2026, 1, 1), date(2026, 12, 31))


def _allocation(
    rng: random.Random, member: Member, product: Product, start: date, end: date, providers: list[str]
) -> Allocation:
    return Allocation(
        member_id=member.id,
        product_code=product.code,
        start=start,
        end=end,
        volume=rng.choice((60, 120, 180)),
        unit=product.unit,
        frequency=Frequency.PER_WEEK,
        form=Form.IN_KIND,
        provider_id=rng.choice(providers),
    )


def monitor_households(
    n: int, catalogue: Catalogue, areas: Sequence[str], seed: int = 13, prefix: str = "MON"
) -> Iterator[tuple[Household, list[Plan]]]:
    """`n` households with one to three plans each (decided, closed, re-assessed); `areas` are
    the life-area codes of the reference data."""
    rng = random.Random(seed)
    towns = sorted(catalogue.municipalities)
    weekly = [
        p
        for p in catalogue.products.values()
        if Frequency.PER_WEEK in p.frequencies and p.unit in (Unit.MINUTE, Unit.HOUR)
    ]
    youth = [p for p in weekly if Law.JEUGDWET in p.laws] or weekly
    adult = [p for p in weekly if Law.WMO in p.laws] or weekly
    providers = sorted(catalogue.providers)
    for i in range(n):
        town = towns[i % len(towns)]
        parent = Member(
            "Ouder", f"Monitor{i}", date(1980, 1, 1) + timedelta(days=rng.randrange(7000)), Role.PARENT
        )
        if rng.random() < 0.4:
            parent.own_provider_id = rng.choice(providers)
        # a child who turns 18 in or near the year, in a fifth of the households
        turning = rng.random() < 0.2
        birth = date(2008, 1, 1) + timedelta(days=rng.randrange(730)) if turning else date(2015, 5, 5)
        child = Member("Kind", f"Monitor{i}", birth, Role.CHILD)
        h = Household(f"{prefix}-{i:06d}", town, members=[parent, child], revision=1)
        plans: list[Plan] = []
        start = date(2024, 6, 1) + relativedelta(months=rng.randrange(36))
        months = rng.choice((6, 12, 12, 18))
        previous: Plan | None = None
        for version in range(1, rng.choice((2, 2, 3, 4))):
            end = plan_end(start, months)
            plan = Plan(
                h.id,
                version=version,
                status=PlanStatus.CLOSED,
                previous_plan_id=previous.id if previous else None,
                start=start,
                months=months,
                decided_on=start - timedelta(days=rng.randrange(5, 30)),
                revision=1,
            )
            plan.life_areas = [
                LifeAreaResult(
                    a,
                    distance=rng.choice(list(Distance)),
                    reached=rng.choice([*ResultReached, None]),
                    revision=1,
                )
                for a in rng.sample(areas, 2)
            ]
            a_end = end if rng.random() < 0.8 else end - timedelta(days=rng.randrange(1, 60))
            main = _allocation(rng, parent, rng.choice(adult), start, a_end, providers)
            if parent.own_provider_id:
                roll = rng.random()
                if roll < 0.4:
                    main.provider_id = parent.own_provider_id
                elif roll < 0.7:
                    main.continuity = Continuity(
                        rng.choice((ContinuityRoute.BRIDGING, ContinuityRoute.SUBCONTRACTING)),
                        parent.own_provider_id,
                        until=start + timedelta(days=90),
                    )
                else:
                    main.continuity = Continuity(ContinuityRoute.OTHER_PROVIDER, parent.own_provider_id)
            main.revision = 1
            plan.allocations = [main]
            if turning:
                adult_day = birth + relativedelta(years=18)
                if start < adult_day <= end:
                    plan.allocations.append(
                        _allocation(
                            rng, child, rng.choice(youth), start, adult_day - timedelta(days=1), providers
                        )
                    )
                    roll = rng.random()
                    if roll < 0.3:
                        later = _allocation(rng, child, rng.choice(youth), adult_day, end, providers)
                        later.extended_youth_care = True
                        plan.allocations.append(later)
                    elif roll < 0.7:
                        plan.allocations.append(
                            _allocation(rng, child, rng.choice(adult), adult_day, end, providers)
                        )
            for a in plan.allocations:
                a.revision = 1
            plans.append(plan)
            previous = plan
            start = end + timedelta(days=1)
        plans[-1].status = PlanStatus.DECIDED if rng.random() < 0.7 else PlanStatus.CLOSED
        yield h, plans
