"""What follows from an edit of an allocation, as plain values (domain.md §4.7 and §4.8).

Each function answers one question and returns the fields that change (a `Changes` mapping of
field name to new value) or a new object; nothing here mutates, so the UI (today) and a service
layer (later) apply the result as one undoable step.

- a new allocation for a member (the first product under the member's law on the start date);
- changing the product: unit and frequency follow the product, the amount follows the hours lines;
- the hours lines: the amount in the product's unit, customary help of housemates;
- choosing a provider: keep the own provider, or a continuity route is needed, or replace;
- applying a continuity route: the provider and form the route implies (`planner.continuity`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Protocol

from planner import adulthood, hours, periods
from planner.catalogue import Catalogue
from planner.continuity import ContinuityRoute, Deliverer, Need, RouteRegistry
from planner.model import (
    Allocation,
    Continuity,
    Form,
    Frequency,
    HoursLine,
    Household,
    Law,
    LineKind,
    Member,
    Plan,
    Product,
    Unit,
)
from planner.providers.contracts import contract_status, offers_product

__all__ = [
    "Changes",
    "CustomaryHelpProposal",
    "ProviderChoice",
    "ProviderOutcome",
    "RouteInput",
    "activity_minutes",
    "amount_for_lines",
    "amount_from_minutes",
    "customary_help_proposals",
    "customary_lines",
    "extended_youth_care_toggle",
    "is_time_based",
    "new_allocation",
    "product_change",
    "products_for",
    "provider_choice",
    "route_changes",
    "start_change",
]

Changes = Mapping[str, Any]  # field name -> new value
TIME_UNITS = (Unit.MINUTE, Unit.HOUR)


# --- products and amounts --------------------------------------------------------------------


def products_for(catalogue: Catalogue, law: Law | None) -> list[Product]:
    """Products of the catalogue under `law` (all when the law is unknown), by segment then name."""
    out = [p for p in catalogue.products.values() if law is None or law in p.laws]
    return sorted(out, key=lambda p: (p.segment, p.name.casefold(), p.code))


def is_time_based(product: Product) -> bool:
    return product.unit in TIME_UNITS


def amount_from_minutes(minutes: int, product: Product) -> tuple[int, Unit, Frequency]:
    """The allocation amount for weekly minutes, in the product's unit.

    Products priced per minute get minutes; products per hour get whole hours, or minutes when the
    total is not a whole number of hours (iWmo/iJw: `hours.to_iwmo`). Never rounded down.
    """
    if product.unit is Unit.MINUTE:
        return minutes, Unit.MINUTE, Frequency.PER_WEEK
    if product.unit is Unit.HOUR:
        return hours.to_iwmo(minutes)
    raise ValueError("not a time-based product")


def amount_for_lines(lines: Sequence[HoursLine], product: Product | None) -> Changes:
    """The amount that follows the hours lines (nothing for a product not counted in time)."""
    total = hours.minutes_per_week(lines)
    if product is None or not is_time_based(product) or total <= 0:
        return {}
    volume, unit, frequency = amount_from_minutes(total, product)
    return {"volume": volume, "unit": unit, "frequency": frequency}


def new_allocation(
    member: Member, plan: Plan, catalogue: Catalogue, today: date, reference: Any
) -> Allocation | None:
    """A new allocation for `member` over the plan period, under the member's law on the start
    date; None when the catalogue has no such product. The product is one the member's own
    provider is contracted for, where there is one (the care that is to continue), else the
    first of the list — the professional chooses it next (the editor puts the focus there)."""
    terms = reference.terms
    start = plan.start or today
    end = periods.plan_end(start, plan.months or terms.default_plan_months)
    products = products_for(catalogue, adulthood.member_law(member, start, terms.adult_age))
    if not products:
        return None
    own = (
        {c.product_code for c in catalogue.contracts_of(member.own_provider_id)}
        if member.own_provider_id
        else set()
    )
    p = next((p for p in products if p.code in own), products[0])
    return Allocation(
        member_id=member.id,
        product_code=p.code,
        start=start,
        end=end,
        volume=p.volume_min,
        unit=p.unit,
        frequency=p.frequencies[0],
        form=Form.IN_KIND,
        provider_id=None,
    )


def product_change(allocation: Allocation, product: Product) -> Changes:
    """Changing the product: unit and frequency follow it, the amount follows the hours lines."""
    values: dict[str, Any] = {"product_code": product.code, "unit": product.unit}
    if allocation.frequency not in product.frequencies and product.frequencies:
        values["frequency"] = product.frequencies[0]
    if not product.bandwidth:
        values["volume_max"] = None
    if is_time_based(product) and allocation.hours_lines:
        values.update(amount_for_lines(allocation.hours_lines, product))
    elif allocation.unit is not product.unit and allocation.volume < product.volume_min:
        values["volume"] = product.volume_min
    return values


def start_change(allocation: Allocation, start: date) -> Changes:
    """Moving the start keeps a length of whole months (the end follows)."""
    values: dict[str, Any] = {"start": start}
    if allocation.end >= allocation.start:
        span = periods.length(allocation.start, allocation.end)
        months = periods.total_months(span)
        if months >= 1 and span.days == 0:
            values["end"] = periods.plan_end(start, months)
    return values


# --- customary help --------------------------------------------------------------------------


class _CustomaryRule(Protocol):
    name: str
    note: str
    minutes_per_week: int | None

    def applies_to_age(self, age: int) -> bool: ...


class _StandardTable(Protocol):
    @property
    def customary_help(self) -> Iterable[_CustomaryRule]: ...


@dataclass(frozen=True, slots=True)
class CustomaryHelpProposal:
    member_id: str
    label: str  # "Gebruikelijke hulp van Daan (17 jaar)"
    minutes_per_week: int | None  # None: takes over the household as a whole
    reason: str


def _present(member: Member, on: date) -> bool:
    return member.moved_out_on is None or member.moved_out_on > on


def customary_help_proposals(
    household: Household, member: Member, table: _StandardTable, on: date
) -> list[CustomaryHelpProposal]:
    """Housemates of an age to help, per the standard table's customary-help rules, on `on`.

    Rules with 0 minutes are left out (nothing to deduct). A rule without minutes means the
    housemate is expected to take over the household as a whole (the professional records why not).
    """
    rules = list(table.customary_help or ())
    out: list[CustomaryHelpProposal] = []
    for other in household.members:
        if other.id == member.id or other.birth_date is None or not _present(other, on):
            continue
        age = periods.age_on(other.birth_date, on)
        rule = next((r for r in rules if r.applies_to_age(age)), None)
        if rule is None or rule.minutes_per_week == 0:
            continue
        name = other.given_names or other.full_name or "huisgenoot"
        reason = f"{rule.name}: {rule.note or ''}".strip(": ")
        out.append(
            CustomaryHelpProposal(
                other.id, f"Gebruikelijke hulp van {name} ({age} jaar)", rule.minutes_per_week, reason
            )
        )
    return out


def customary_lines(proposals: Iterable[CustomaryHelpProposal], activity_minutes: int) -> list[HoursLine]:
    """Hours lines for the proposals; a whole-household rule deducts all activity minutes."""
    lines = []
    for p in proposals:
        minutes = p.minutes_per_week if p.minutes_per_week is not None else activity_minutes
        reason = p.reason
        if p.minutes_per_week is None:
            reason += " Pas dit aan als overbelasting, afwezigheid of een beperking dat verhindert."
        lines.append(
            HoursLine(kind=LineKind.CUSTOMARY_HELP, label=p.label, minutes_per_week=minutes, reason=reason)
        )
    return lines


def activity_minutes(lines: Iterable[HoursLine]) -> int:
    """The minutes of the activities, before deductions."""
    return sum(ln.minutes_per_week for ln in lines if not ln.kind.deducts)


# --- provider and continuity route ------------------------------------------------------------


class ProviderOutcome(StrEnum):
    KEEP = "houden"  # the own provider, with a valid contract: kept
    NEEDS_ROUTE = "route"  # the own provider cannot simply be kept or is being left: record a route
    REPLACE = "vervangen"  # no own provider at stake: take the chosen one


@dataclass(frozen=True, slots=True)
class ProviderChoice:
    outcome: ProviderOutcome
    changes: Changes  # what to set (empty for NEEDS_ROUTE)
    preferred_provider_id: str | None = None  # NEEDS_ROUTE: the other provider the user picked


def provider_choice(
    allocation: Allocation, member: Member, provider_id: str, household: Household, catalogue: Catalogue
) -> ProviderChoice:
    """The professional picks a provider; the own provider is never dropped silently (domain.md §4.7)."""
    own = member.own_provider_id
    in_kind = {"provider_id": provider_id, "continuity": None, "form": Form.IN_KIND}
    if own:
        status = contract_status(
            own,
            allocation.product_code,
            household.municipality_code,
            allocation.start,
            allocation.end,
            catalogue,
        )
        if provider_id == own and status.is_valid:
            return ProviderChoice(ProviderOutcome.KEEP, in_kind)
        if provider_id == own or offers_product(own, allocation.product_code, catalogue):
            preferred = None if provider_id == own else provider_id
            return ProviderChoice(ProviderOutcome.NEEDS_ROUTE, {}, preferred)
    return ProviderChoice(ProviderOutcome.REPLACE, in_kind)


@dataclass(frozen=True, slots=True)
class RouteInput:
    """What the professional filled in for a route (fields a route does not need are ignored)."""

    route: ContinuityRoute
    until: date | None = None
    main_provider_id: str | None = None
    other_provider_id: str | None = None
    reason: str = ""
    consent: bool = False


def route_changes(
    allocation: Allocation, own_provider_id: str, given: RouteInput, routes: RouteRegistry
) -> Changes:
    """The allocation fields a continuity route implies: the route itself, who delivers, the form."""
    spec = routes[given.route]
    prior = allocation.continuity
    reason = given.reason.strip() if Need.REASON in spec.needs else ""
    if not reason and spec.keeps_reason and prior is not None and prior.route is given.route:
        reason = prior.reason
    continuity = Continuity(
        given.route,
        own_provider_id,
        until=given.until if Need.UNTIL in spec.needs else None,
        main_provider_id=given.main_provider_id if Need.MAIN_PROVIDER in spec.needs else None,
        reason=reason,
        client_consent=given.consent if Need.CONSENT in spec.needs else False,
    )
    provider = {
        Deliverer.OWN: own_provider_id,
        Deliverer.OWN_OR_MAIN: own_provider_id,
        Deliverer.CLIENT: None,
        Deliverer.OTHER: given.other_provider_id,
    }[spec.deliverer]
    return {"continuity": continuity, "provider_id": provider, "form": Form.PGB if spec.pgb else Form.IN_KIND}


def extended_youth_care_toggle(allocation: Allocation) -> Changes:
    """Choosing (or withdrawing) extended youth care instead of the split: the law follows again."""
    return {"extended_youth_care": not allocation.extended_youth_care, "law": None}
