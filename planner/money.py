"""Money: cost of an allocation, budgets per member and household, own contribution, matrix budget.

Rounding: costs are computed exactly (`Fraction`) from the total units over the period (see
`planner.hours`, which rounds units up) times the tariff, and only the final amount is rounded to
whole cents, half up (0.005 → 0.01). Totals add the rounded per-allocation amounts, so a member's
total equals the sum of the amounts printed in the letters.

The tariff used is the product's current tariff (`Product.tariff`, for `tariff_year`); indexing a
period that runs into a later year is left to the office's catalogue.

Reference data (own-contribution table, state-pension age, cell prices) comes in as parameters
typed by small Protocols, so this module does not depend on how `planner.reference` stores it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Protocol

from planner.adulthood import allocation_law
from planner.dutch import euro
from planner.hours import DAYS_PER_WEEK, total_units
from planner.model import (
    Allocation,
    Distance,
    Form,
    Household,
    Law,
    Member,
    Outcome,
    Plan,
    Product,
    Role,
    Unit,
)
from planner.periods import days_inclusive, plan_end

__all__ = [
    "PRICE_PERIODS",
    "CellPricesLike",
    "OwnContributionOutcome",
    "OwnContributionYearLike",
    "PlanCosts",
    "allocation_cost",
    "cost_or_none",
    "matrix_budget",
    "own_contribution",
    "own_contribution_outcome",
    "plan_costs",
    "to_cents",
    "unit_fits",
]

_MINUTES: dict[Unit, int] = {Unit.MINUTE: 1, Unit.HOUR: 60}


def to_cents(value: Fraction | Decimal | int) -> Decimal:
    """Round an exact amount to whole cents, half up (away from zero for negative amounts)."""
    cents = Fraction(value) * 100
    rounded = math.floor(abs(cents) + Fraction(1, 2))
    return (Decimal(rounded if cents >= 0 else -rounded)).scaleb(-2)


def _unit_factor(allocation_unit: Unit, product_unit: Unit) -> Fraction:
    """How many product units one allocation unit is: minutes of an hourly product count 1/60."""
    if allocation_unit == product_unit:
        return Fraction(1)
    if allocation_unit in _MINUTES and product_unit in _MINUTES:
        return Fraction(_MINUTES[allocation_unit], _MINUTES[product_unit])
    raise ValueError(f"allocation unit {allocation_unit} does not match product unit {product_unit}")


def allocation_cost(allocation: Allocation, product: Product) -> Decimal:
    """Cost over the allocation's whole period, in euros.

    pgb with a budget: the budget. Otherwise total units over the period × tariff; an amount in
    minutes of a product priced per hour (a non-whole number of hours, facts.md §3) costs
    minutes × tariff ÷ 60.
    """
    if allocation.form == Form.PGB and allocation.pgb_budget is not None:
        return to_cents(allocation.pgb_budget)
    units = total_units(
        allocation.volume, allocation.unit, allocation.frequency, allocation.start, allocation.end
    )
    factor = _unit_factor(allocation.unit, product.unit)
    return to_cents(units * factor * Fraction(product.tariff))


def unit_fits(allocation_unit: Unit, product_unit: Unit) -> bool:
    """Whether an amount in `allocation_unit` can be priced at the product's tariff."""
    return allocation_unit == product_unit or (allocation_unit in _MINUTES and product_unit in _MINUTES)


def cost_or_none(allocation: Allocation, product: Product) -> Decimal | None:
    """The cost as `allocation_cost`, or None while it cannot be computed: a unit that does not
    fit the product or a period that ends before it starts. The rules report both
    (allocation.unit_not_allowed, the period rules), so a concept can print with the line marked
    and a decision cannot be taken."""
    if allocation.form == Form.PGB and allocation.pgb_budget is not None:
        return to_cents(allocation.pgb_budget)
    if not unit_fits(allocation.unit, product.unit) or allocation.end < allocation.start:
        return None
    return allocation_cost(allocation, product)


@dataclass(frozen=True, slots=True)
class PlanCosts:
    by_member: dict[str, Decimal]  # member id -> euros over the allocations' periods
    total: Decimal  # the household's total
    unpriced: tuple[str, ...] = field(default=())  # allocation ids whose product is not in the catalogue


def plan_costs(plan: Plan, products: Mapping[str, Product]) -> PlanCosts:
    """Budget per member and for the household. An allocation whose product is missing from the
    catalogue (e.g. after a catalogue update) is listed in `unpriced` instead of failing."""
    by_member: dict[str, Decimal] = {}
    unpriced: list[str] = []
    for allocation in plan.allocations:
        if allocation.outcome is Outcome.REFUSED:
            continue  # a refusal grants nothing and costs nothing
        product = products.get(allocation.product_code)
        if product is None:
            unpriced.append(allocation.id)
            continue
        cost = allocation_cost(allocation, product)
        by_member[allocation.member_id] = by_member.get(allocation.member_id, Decimal("0.00")) + cost
    return PlanCosts(by_member, sum(by_member.values(), Decimal("0.00")), tuple(unpriced))


# --- own contribution ------------------------------------------------------------------------


class OwnContributionYearLike(Protocol):
    """One year of the own-contribution table (reference data)."""

    @property
    def max_per_month(self) -> Decimal | None: ...
    @property
    def verified(self) -> bool: ...
    @property
    def note(self) -> str: ...


@dataclass(frozen=True, slots=True)
class OwnContributionOutcome:
    applies: bool
    max_per_month: Decimal | None  # the year's maximum when it applies; 0 when exempt; None if unknown
    reason: str  # Dutch, for the letter
    verified: bool = True  # False: the year's figure (or a fact it rests on) still needs checking
    year: int | None = None


def _present(member: Member, on: date) -> bool:
    return member.moved_out_on is None or member.moved_out_on > on


def own_contribution_outcome(
    household: Household,
    plan: Plan,
    on: date,
    *,
    table: Mapping[int, OwnContributionYearLike],
    pension_date: Callable[[date], date],
    adult_age: int,
    exempt_products: Collection[str] = (),
    products: Mapping[str, Product] | None = None,
) -> OwnContributionOutcome:
    """Whether the Wmo own contribution (abonnementstarief) applies, per facts.md §5.

    - Only Wmo allocations count (the law from `planner.adulthood`, with the product from
      `products` where given); Jeugdwet support (minors, extended youth care, a Jeugdwet-only
      product) never has one, nor do products in `exempt_products` (wheelchairs, reference data).
    - €0 for a multi-person household where the Wmo client lives with a partner and one of the
      couple is below state-pension age on `on`. The couple are the present members with role
      parent or partner; a Wmo client with another role (e.g. an adult child) has no known
      partner in the household, so the exemption is not applied for them.
    - Otherwise it applies, with the maximum per month of `on`'s year from the table; a year
      missing from the table, without an amount, or marked unverified gives verified=False.
    - `pension_date(birth)` gives the date someone born on `birth` reaches state-pension age.
    """
    members = {m.id: m for m in household.members}
    wmo_clients = {
        a.member_id
        for a in plan.allocations
        if a.product_code not in exempt_products
        and a.outcome is not Outcome.REFUSED
        and allocation_law(a, members.get(a.member_id), adult_age, (products or {}).get(a.product_code))
        == Law.WMO
    }
    year = on.year
    if not wmo_clients:
        return OwnContributionOutcome(
            applies=False,
            max_per_month=None,
            reason="U betaalt geen eigen bijdrage: er is geen Wmo-ondersteuning in dit plan. "
            "Voor jeugdhulp (Jeugdwet) is er geen eigen bijdrage.",
            year=year,
        )

    present = [m for m in household.members if _present(m, on)]
    couple = [m for m in present if m.role in (Role.PARENT, Role.PARTNER)]
    client_in_couple = any(m.id in wmo_clients for m in couple)
    if len(present) >= 2 and len(couple) >= 2 and client_in_couple:
        if any(m.birth_date is None for m in couple):
            entry = table.get(year)
            return OwnContributionOutcome(
                applies=True,
                max_per_month=entry.max_per_month if entry else None,
                reason="Of u een eigen bijdrage betaalt, hangt af van de leeftijd van u en uw partner. "
                "Het CAK stelt dit vast.",
                verified=False,
                year=year,
            )
        if any(on < pension_date(m.birth_date) for m in couple if m.birth_date is not None):
            return OwnContributionOutcome(
                applies=False,
                max_per_month=Decimal("0.00"),
                reason=f"U betaalt geen eigen bijdrage ({euro(0)} per maand): u woont samen met uw partner "
                "en een van u heeft de AOW-leeftijd nog niet bereikt.",
                year=year,
            )

    entry = table.get(year)
    amount = entry.max_per_month if entry else None
    base = (
        "Voor Wmo-ondersteuning betaalt u een eigen bijdrage per maand (het abonnementstarief). "
        "Het CAK stelt het bedrag vast en stuurt u de rekening."
    )
    if amount is None:
        reason = f"{base} Het bedrag voor {year} is nog niet bekend; het CAK laat het u weten."
    elif getattr(entry, "income_dependent", False):
        reason = (
            f"{base} Het bedrag hangt af van uw inkomen; "
            f"in {year} is het ten hoogste {euro(amount)} per maand."
        )
    else:
        reason = f"{base} In {year} is dat ten hoogste {euro(amount)} per maand."
    return OwnContributionOutcome(
        applies=True,
        max_per_month=amount,
        reason=reason,
        verified=bool(entry and entry.verified and amount is not None),
        year=year,
    )


def own_contribution(household: Household, plan: Plan, reference: object, on: date) -> OwnContributionOutcome:
    """`own_contribution_outcome` with the data taken from a `planner.reference.Reference`.

    Uses `reference.own_contribution` (year -> entry), `reference.terms.adult_age`,
    `reference.state_pension_age`, which must be callable as `(birth) -> date` or offer
    `pension_date(birth) -> date`, and `reference.own_contribution_exempt_products` when present.
    """
    spa = reference.state_pension_age  # type: ignore[attr-defined]
    pension_date = spa if callable(spa) else spa.pension_date
    exempt = getattr(reference, "own_contribution_exempt_products", ())
    products = {p.code: p for p in getattr(reference, "products", ())}
    return own_contribution_outcome(
        household,
        plan,
        on,
        table=reference.own_contribution,  # type: ignore[attr-defined]
        pension_date=pension_date,
        adult_age=reference.terms.adult_age,  # type: ignore[attr-defined]
        exempt_products=exempt,
        products=products,
    )


# --- matrix budget ---------------------------------------------------------------------------


PRICE_PERIODS = ("week", "maand")


class CellPricesLike(Protocol):
    """The region's price per (life area, distance) cell, per week or per month."""

    @property
    def period(self) -> str: ...  # "week" | "maand"

    def price(self, life_area: str, distance: Distance) -> Decimal: ...


CellPrice = Callable[[str, Distance], Decimal | int]


def matrix_budget(
    plan: Plan, prices: CellPricesLike | CellPrice, period: str | None = None
) -> Decimal | None:
    """The coordinator's budget: the plan's priced (life area, distance) cells over the plan period.

    `prices` is the region's cell prices (`reference.cell_prices`: `price(life_area, distance)`
    and `period`), or a bare price function together with `period` ("week" or "maand").
    Per week: sum of cells × days of the period ÷ 7; per month: sum × the plan's months (the plan
    period is whole months by construction). Rounded to cents half up. None when the plan has no
    start date yet. Life areas without a distance are not priced.
    """
    if period is None:
        if not hasattr(prices, "period"):
            raise ValueError("a bare price function needs the price period")
        period = prices.period
    price = prices.price if hasattr(prices, "price") else prices
    if period not in PRICE_PERIODS:
        raise ValueError(f"unknown price period {period!r}")
    if plan.start is None:
        return None
    per_period = sum(
        (Fraction(price(r.life_area, r.distance)) for r in plan.life_areas if r.distance is not None),
        Fraction(0),
    )
    if period == "week":
        days = days_inclusive(plan.start, plan_end(plan.start, plan.months))
        return to_cents(per_period * days / DAYS_PER_WEEK)
    return to_cents(per_period * plan.months)
