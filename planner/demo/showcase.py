"""The showcase households of domain.md §8, built from `resources/demo/showcase.toml`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from planner import hours, periods
from planner.catalogue import Catalogue
from planner.demo.common import demo_data, generated, reference_product, resolve_date, stable_id
from planner.demo.region import build_catalogue
from planner.model import (
    Allocation,
    Continuity,
    ContinuityRoute,
    Coordinator,
    CoordinatorKind,
    Distance,
    Form,
    Goal,
    HoursLine,
    Household,
    LifeAreaResult,
    LineKind,
    Member,
    Outcome,
    Plan,
    PlanStatus,
    ResultReached,
    Role,
    Rung,
)
from planner.reference import Reference


@dataclass(slots=True)
class DemoRegion:
    catalogue: Catalogue
    showcase: list[tuple[Household, list[Plan]]]
    expected_findings: dict[str, list[str]] = field(default_factory=dict)  # case number -> codes
    professional: str = ""  # who signed the showcase's decided plans


def _provider_id(key: str, specs: dict[str, dict[str, Any]]) -> str:
    return stable_id("provider", specs[key]["agb"])


def _hours_lines(spec: dict[str, Any], reference: Reference, municipality: str) -> list[HoursLine]:
    table = reference.standard_table(municipality)
    by_code = {a.code: a for a in table.activities}
    lines = [hours.standard_line(by_code[code], factors) for code, factors in spec.get("standard", [])]
    labels = generated()["showcase"]
    for kind, key in ((LineKind.CUSTOMARY_HELP, "customary"), (LineKind.NETWORK, "network")):
        for minutes, reason in spec.get(key, []):
            label = labels["customary_label" if kind is LineKind.CUSTOMARY_HELP else "network_label"]
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
                    **_request_and_outcome(a, start),
                )
            )
        plans.append(plan)
    return household, plans


def _request_and_outcome(a: dict[str, Any], start: date) -> dict[str, Any]:
    """What was asked and the outcome (a partial grant, a refusal); absent: granted as asked."""
    asked = a.get("asked", {})
    return {
        "outcome": Outcome(a.get("outcome", Outcome.GRANTED.value)),
        "requested_volume": asked.get("volume"),
        "requested_end": periods.plan_end(start, asked["months"]) if "months" in asked else None,
        "request_text": asked.get("text", ""),
        "motivation": a.get("motivation", ""),
    }


def build_demo_region(reference: Reference, today: date, seed: int = 2026) -> DemoRegion:
    catalogue = build_catalogue(reference, today, seed)
    showcase = demo_data("showcase.toml")
    providers = {p["key"]: p for p in showcase["providers"]}
    households = [_showcase_household(h, providers, reference, today) for h in showcase["households"]]
    expected = {h["case_number"]: list(h.get("expected_findings", [])) for h in showcase["households"]}
    return DemoRegion(
        catalogue=catalogue,
        showcase=households,
        expected_findings=expected,
        professional=showcase["professional"],
    )
