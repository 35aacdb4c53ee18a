"""The demo region: catalogue, showcase households and a generator of further households.

Everything is built from data in `resources/demo/` and the reference data; dates are relative to
`today`, so each showcase situation stays true whenever the demo is loaded (domain.md §8: Daan
turns 18 four months after his plan starts). Generation is deterministic for a given seed.
"""

from __future__ import annotations

import random
import re
import tomllib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from importlib import resources as importlib_resources
from typing import Any

from dateutil.relativedelta import relativedelta

from planner import hours, periods
from planner.bsn import is_valid_bsn
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
    Plan,
    PlanStatus,
    Product,
    Provider,
    ResultReached,
    Role,
    Rung,
)
from planner.reference import Reference, load_provider_names

_NAMESPACE = uuid.UUID("6f1c7f0e-4a55-4c1e-9a1e-2d1f0b7c9a10")
_OFFSET = re.compile(r"([+-])(\d+)([ymwd])")
_EXPR = re.compile(r"^(today|start)((?:[+-]\d+[ymwd])*)$")
TEST_BSN_FIRST, TEST_BSN_LAST = 999900006, 999999990  # facts.md §6


def stable_id(*parts: str) -> str:
    """Ids that are the same on every load, so a reloaded demo matches exported files."""
    return str(uuid.uuid5(_NAMESPACE, "/".join(parts)))


def plan_start(today: date) -> date:
    """New demo plans start on the first day of next month."""
    return (today + relativedelta(months=1)).replace(day=1)


def resolve_date(expr: str, today: date) -> date:
    """'today-41y-3m', 'start+4m-18y': an anchor followed by offsets (see showcase.toml)."""
    match = _EXPR.match(expr.replace(" ", ""))
    if not match:
        raise ValueError(f"showcase.toml: cannot read date expression {expr!r}")
    result = today if match.group(1) == "today" else plan_start(today)
    for sign, amount, unit in _OFFSET.findall(match.group(2)):
        n = int(amount) * (1 if sign == "+" else -1)
        result += {
            "y": relativedelta(years=n),
            "m": relativedelta(months=n),
            "w": relativedelta(weeks=n),
            "d": relativedelta(days=n),
        }[unit]
    return result


def _load_showcase() -> dict[str, Any]:
    text = importlib_resources.files("resources.demo").joinpath("showcase.toml").read_text("utf-8")
    return tomllib.loads(text)


@dataclass(slots=True)
class DemoRegion:
    catalogue: Catalogue
    showcase: list[tuple[Household, list[Plan]]]
    expected_findings: dict[str, list[str]] = field(default_factory=dict)  # case number -> codes
    professional: str = ""  # who signed the showcase's decided plans


# --- catalogue --------------------------------------------------------------------------------


def _contract_years(today: date) -> tuple[date, date, date]:
    """Current contracts run from two years ago to two years ahead; ended ones stopped last year."""
    return date(today.year - 2, 1, 1), date(today.year + 2, 12, 31), date(today.year - 1, 12, 31)


def build_catalogue(reference: Reference, today: date, seed: int = 2026) -> Catalogue:
    rng = random.Random(seed)
    start, end, ended = _contract_years(today)
    municipalities = [m.code for m in reference.municipalities]
    products = list(reference.products)
    cells = [(a.code, d) for a in reference.life_areas for d in Distance]
    providers: dict[str, Provider] = {}
    contracts: list[Contract] = []
    own_work = set(_names()["self_employed_segments"])  # what a self-employed carer offers

    def add_contract(
        provider_id: str,
        municipality: str,
        *,
        product: str | None = None,
        cell: tuple[str, Distance] | None = None,
        until: date | None = end,
    ) -> None:
        key = f"{product}{cell}{municipality}{until}"
        contracts.append(
            Contract(
                id=stable_id("contract", provider_id, key),
                provider_id=provider_id,
                municipality_code=municipality,
                start=start,
                end=until,
                product_code=product,
                cell=cell,
            )
        )

    for row in load_provider_names():
        pid = stable_id("provider", row.agb)
        large = row.size == "groot"
        if row.self_employed:
            offered = rng.sample([p for p in products if p.segment in own_work], k=rng.randint(1, 2))
            places = [row.municipality, *rng.sample(municipalities, k=rng.randint(0, 1))]
        elif large:
            offered = rng.sample(products, k=rng.randint(5, 10))
            places = rng.sample(municipalities, k=rng.randint(4, len(municipalities)))
        else:
            offered = rng.sample(products, k=rng.randint(2, 4))
            places = [row.municipality, *rng.sample(municipalities, k=rng.randint(0, 2))]
        places = list(dict.fromkeys(places))
        waiting = {p.code: rng.choice((0, 0, 1, 2, 3, 4, 6, 8, 12)) for p in offered}
        providers[pid] = Provider(
            id=pid,
            name=row.name,
            agb=row.agb,
            municipality_code=row.municipality,
            size=row.size,
            self_employed=row.self_employed,
            expertise=tuple(row.expertise),
            waiting_weeks=waiting,
            accepts_pgb=row.accepts_pgb,
        )
        for product in offered:
            for place in places:
                # About one contract in sixteen ended last year: clients may still be in care.
                add_contract(pid, place, product=product.code, until=ended if rng.random() < 1 / 16 else end)
        if large and rng.random() < 0.2:
            for cell in cells:
                add_contract(pid, row.municipality, cell=cell)

    showcase = _load_showcase()
    for spec in showcase["providers"]:
        pid = stable_id("provider", spec["agb"])
        products_here = spec.get("products", []) + spec.get("ended_products", [])
        providers[pid] = Provider(
            id=pid,
            name=spec["name"],
            agb=spec["agb"],
            municipality_code=spec["municipality"],
            size=spec["size"],
            self_employed=spec.get("self_employed", False),
            expertise=tuple(spec.get("expertise", ())),
            accepts_pgb=spec.get("accepts_pgb", False),
            waiting_weeks={code: 1 for code, _ in products_here},
        )
        for code, place in spec.get("products", []):
            add_contract(pid, place, product=code)
        for code, place in spec.get("ended_products", []):
            add_contract(pid, place, product=code, until=ended)
        skip = {(a, Distance(d), m) for a, d, m in spec.get("coordinates_except", [])}
        for place in spec.get("coordinates", []):
            for cell in cells:
                if (cell[0], cell[1], place) not in skip:
                    add_contract(pid, place, cell=cell)

    return Catalogue(
        municipalities={m.code: m for m in reference.municipalities},
        segments={s.code: s for s in reference.segments},
        products={p.code: p for p in reference.products},
        providers=providers,
        contracts=contracts,
        closed_groups={ClosedGroup(g["municipality"], g["segment"]) for g in showcase["closed_groups"]},
    )


# --- showcase households ------------------------------------------------------------------------


def _provider_id(key: str, specs: dict[str, dict[str, Any]]) -> str:
    return stable_id("provider", specs[key]["agb"])


def _hours_lines(spec: dict[str, Any], reference: Reference, municipality: str) -> list[HoursLine]:
    table = reference.standard_table(municipality)
    by_code = {a.code: a for a in table.activities}
    lines = [hours.standard_line(by_code[code], factors) for code, factors in spec.get("standard", [])]
    for kind, key in ((LineKind.CUSTOMARY_HELP, "customary"), (LineKind.NETWORK, "network")):
        for minutes, reason in spec.get(key, []):
            label = "Gebruikelijke hulp" if kind is LineKind.CUSTOMARY_HELP else "Hulp uit het netwerk"
            lines.append(HoursLine(kind=kind, label=label, minutes_per_week=minutes, reason=reason))
    return lines


def _showcase_household(
    spec: dict[str, Any], providers: dict[str, dict[str, Any]], reference: Reference, today: date
) -> tuple[Household, list[Plan]]:
    case = spec["case_number"]
    hid = stable_id("household", case)
    members: dict[str, Member] = {}
    for m in spec["members"]:
        members[m["key"]] = Member(
            id=stable_id("member", case, m["key"]),
            given_names=m["given_names"],
            surname=m["surname"],
            surname_prefix=m.get("surname_prefix", ""),
            initials=m.get("initials", ""),
            birth_date=resolve_date(m["birth"], today),
            role=Role(m["role"]),
            bsn=m.get("bsn"),
            salutation=m.get("salutation", ""),
            receives_letters=m.get("receives_letters", False),
            own_provider_id=_provider_id(m["own_provider"], providers) if "own_provider" in m else None,
        )
    household = Household(
        id=hid,
        case_number=case,
        municipality_code=spec["municipality"],
        street=spec["street"],
        house_number=spec["house_number"],
        postcode=spec["postcode"],
        city=spec["city"],
        members=list(members.values()),
        safety_signal=spec.get("safety_signal", False),
        safety_note=spec.get("safety_note", ""),
    )
    plans: list[Plan] = []
    for p in spec["plans"]:
        version = p.get("version", 1)
        coordinator = p["coordinator"]
        if coordinator in ("huishouden", "toegangsteam"):
            coord = Coordinator(CoordinatorKind(coordinator))
        else:
            coord = Coordinator(CoordinatorKind.PROVIDER, _provider_id(coordinator, providers))
        plan = Plan(
            id=stable_id("plan", case, str(version)),
            household_id=hid,
            version=version,
            status=PlanStatus(p["status"]),
            previous_plan_id=stable_id("plan", case, str(p["previous"])) if "previous" in p else None,
            report_date=resolve_date(p["report"], today),
            conversation_date=resolve_date(p["conversation"], today),
            application_date=resolve_date(p["application"], today) if "application" in p else None,
            participants=p.get("participants", ""),
            client_support_offered=p.get("client_support_offered", False),
            client_support_present=p.get("client_support_present", False),
            start=resolve_date(p["start"], today),
            months=p.get("months", 12),
            coordinator=coord,
            decided_on=resolve_date(p["decided"], today) if "decided" in p else None,
        )
        for a in p.get("life_areas", []):
            plan.life_areas.append(
                LifeAreaResult(
                    id=stable_id("area", plan.id, a["code"]),
                    life_area=a["code"],
                    current_situation=a.get("current", ""),
                    desired_result=a.get("result", ""),
                    distance=Distance(a["distance"]),
                    member_ids=[members[k].id for k in a.get("members", [])],
                    goals=[
                        Goal(
                            id=stable_id("goal", plan.id, a["code"], str(i)),
                            text=text,
                            target_date=resolve_date(when, today),
                            who=who,
                        )
                        for i, (text, when, who) in enumerate(a.get("goals", []))
                    ],
                    ladder={Rung(k): v for k, v in a.get("ladder", {}).items()},
                    reached=ResultReached(a["reached"]) if "reached" in a else None,
                    reached_reason=a.get("reached_reason", ""),
                )
            )
        for i, a in enumerate(p.get("allocations", [])):
            product = reference_product(reference, a["product"])
            member = members[a["member"]]
            start = resolve_date(a["start"], today)
            continuity = None
            if "continuity" in a:
                c = a["continuity"]
                continuity = Continuity(
                    route=ContinuityRoute(c["route"]),
                    own_provider_id=member.own_provider_id or "",
                    until=resolve_date(c["until"], today) if "until" in c else None,
                    reason=c.get("reason", ""),
                    client_consent=c.get("client_consent", False),
                )
            plan.allocations.append(
                Allocation(
                    id=stable_id("allocation", plan.id, str(i)),
                    member_id=member.id,
                    product_code=product.code,
                    start=start,
                    end=periods.plan_end(start, a["months"]),
                    volume=a["volume"],
                    unit=product.unit,
                    frequency=product.frequencies[0],
                    form=Form(a.get("form", "zin")),
                    provider_id=_provider_id(a["provider"], providers) if "provider" in a else None,
                    life_area=a.get("life_area"),
                    hours_lines=_hours_lines(a, reference, household.municipality_code),
                    continuity=continuity,
                    pgb_budget=Decimal(a["pgb_budget"]) if "pgb_budget" in a else None,
                )
            )
        plans.append(plan)
    return household, plans


def reference_product(reference: Reference, code: str) -> Product:
    return next(p for p in reference.products if p.code == code)


def build_demo_region(reference: Reference, today: date, seed: int = 2026) -> DemoRegion:
    catalogue = build_catalogue(reference, today, seed)
    showcase = _load_showcase()
    providers = {p["key"]: p for p in showcase["providers"]}
    households = [_showcase_household(h, providers, reference, today) for h in showcase["households"]]
    expected = {h["case_number"]: list(h.get("expected_findings", [])) for h in showcase["households"]}
    return DemoRegion(
        catalogue=catalogue,
        showcase=households,
        expected_findings=expected,
        professional=showcase["professional"],
    )


# --- generated households -----------------------------------------------------------------------


def _names() -> dict[str, Any]:
    text = importlib_resources.files("resources.demo").joinpath("names.toml").read_text("utf-8")
    return tomllib.loads(text)


def generate_households(
    n: int, catalogue: Catalogue, reference: Reference, today: date, seed: int = 7, first_number: int = 1
) -> Iterator[tuple[Household, list[Plan]]]:
    """`n` further plausible households, each with one plan; cheap enough for 20,000 at once."""
    rng = random.Random(seed)
    names = _names()
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
    bsns = _test_bsns()
    rungs = [r for r in Rung if r is not Rung.PAID]
    for i in range(n):
        number = first_number + i
        town = rng.choice(towns)
        municipality = town["municipality"]
        case = f"G{today.year}-{number:06d}"
        hid = stable_id("household", case)
        surname = rng.choice(names["surnames"])
        prefix, _, last = surname.rpartition(" ")
        adults = rng.choice((1, 1, 2, 2, 2))
        children = rng.choice((0, 0, 1, 2, 3))
        members: list[Member] = []
        for k in range(adults + children):
            child = k >= adults
            female = rng.random() < 0.5
            given = rng.choice(
                names["girls" if female else "boys"] if child else names["women" if female else "men"]
            )
            age_days = rng.randint(1, 17 * 365) if child else rng.randint(19 * 365, 85 * 365)
            bsn = next(bsns)
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
                    salutation=f"Geachte {'mevrouw' if female else 'heer'} {(prefix + ' ' + last).strip()}"
                    if not child
                    else f"Beste {given}",
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
            f"{rng.choice('ABCDEGHJKLMNPRSTVWXZ')}{rng.choice('ABCDEGHJKLMNPRSTVWXZ')}",
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
            decided_on=start - timedelta(days=14) if decided else None,
        )
        for code in rng.sample(areas, k=rng.randint(1, 4)):
            plan.life_areas.append(
                LifeAreaResult(
                    id=stable_id("area", plan.id, code),
                    life_area=code,
                    current_situation="Situatie besproken aan de keukentafel.",
                    desired_result="Het huishouden redt zich op dit leefgebied weer zelf.",
                    distance=rng.choice(list(Distance)),
                    member_ids=[members[0].id],
                    ladder={r: "Besproken; niets extra mogelijk." for r in rungs},
                )
            )
        offers = by_place.get(municipality, [])
        if offers and rng.random() < 0.6:
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


def _test_bsns(first: int = 999910000) -> Iterator[str]:
    """Test-range BSNs that pass the elfproef, endlessly. The range holds only about 9,000 such
    numbers, so a large generated region reuses them; real numbers are never made up."""
    while True:
        for n in range(first, TEST_BSN_LAST + 1):
            if is_valid_bsn(str(n)):
                yield str(n)
        first = TEST_BSN_FIRST
