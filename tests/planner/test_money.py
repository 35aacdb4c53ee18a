from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from planner.model import (
    Allocation,
    Distance,
    Form,
    Frequency,
    Household,
    Law,
    LifeAreaResult,
    Member,
    Plan,
    Product,
    Role,
    Unit,
)
from planner.money import (
    OwnContributionOutcome,
    allocation_cost,
    matrix_budget,
    own_contribution_outcome,
    plan_costs,
    to_cents,
)

START, END = date(2027, 2, 1), date(2028, 1, 31)


def product(code: str = "02A01", unit: Unit = Unit.HOUR, tariff: str = "34.50") -> Product:
    return Product(
        code=code,
        category="02",
        name="Hulp bij het huishouden",
        segment="praktisch",
        laws=frozenset({Law.WMO}),
        unit=unit,
        frequencies=(Frequency.PER_WEEK,),
        tariff=Decimal(tariff),
        tariff_year=2027,
        max_months=60,
    )


def allocation(member_id: str, **kw: object) -> Allocation:
    values: dict[str, object] = {
        "product_code": "02A01",
        "start": START,
        "end": END,
        "volume": 195,
        "unit": Unit.MINUTE,
        "frequency": Frequency.PER_WEEK,
    }
    values.update(kw)
    return Allocation(member_id=member_id, **values)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Year:
    max_per_month: Decimal | None
    verified: bool = True
    note: str = ""
    income_dependent: bool = False


TABLE = {
    2025: Year(Decimal("21.00")),
    2026: Year(None, verified=False),
    2027: Year(Decimal("328.00"), verified=False, income_dependent=True),
}


def pension_date(birth: date) -> date:
    return birth + relativedelta(years=67)


def outcome_on(household: Household, plan: Plan, on: date) -> OwnContributionOutcome:
    return own_contribution_outcome(household, plan, on, table=TABLE, pension_date=pension_date, adult_age=18)


def jansen() -> tuple[Household, Member, Member]:
    mother = Member("Petra", "Jansen", date(1985, 9, 1), role=Role.PARENT)
    daan = Member("Daan", "Jansen", date(2009, 6, 10), role=Role.CHILD)
    return Household("Z-1", "GM0301", members=[mother, daan]), mother, daan


# --- cost ------------------------------------------------------------------------------------


def test_to_cents_rounds_half_up() -> None:
    assert to_cents(Fraction(1005, 1000)) == Decimal("1.01")
    assert to_cents(Fraction(1004999, 1000000)) == Decimal("1.00")
    assert to_cents(Decimal("-0.005")) == Decimal("-0.01")
    assert to_cents(7) == Decimal("7.00")


def test_minutes_of_an_hourly_product() -> None:
    # 195 min/week over 1 Feb 2027–31 Jan 2028 = 10,168 minutes; × € 34,50 per hour ÷ 60
    assert allocation_cost(allocation("m"), product()) == Decimal("5846.60")
    assert allocation_cost(allocation("m"), product(unit=Unit.MINUTE, tariff="0.58")) == Decimal("5897.44")


def test_cost_is_rounded_once_half_up() -> None:
    one_week = allocation("m", volume=3, unit=Unit.HOUR, end=date(2027, 2, 7))
    assert allocation_cost(one_week, product(tariff="0.335")) == Decimal("1.01")  # 1.005, not 1.00


def test_pgb_budget_and_unit_mismatch() -> None:
    pgb = allocation("m", form=Form.PGB, pgb_budget=Decimal("4200"))
    assert allocation_cost(pgb, product()) == Decimal("4200.00")
    pgb_without_budget = allocation("m", form=Form.PGB)
    assert allocation_cost(pgb_without_budget, product()) == Decimal("5846.60")
    with pytest.raises(ValueError):
        allocation_cost(allocation("m", unit=Unit.DAYPART), product())


def test_plan_costs_per_member_and_household() -> None:
    household, mother, daan = jansen()
    plan = Plan(
        household.id,
        allocations=[
            allocation(mother.id),
            allocation(daan.id, product_code="45A01", volume=3, unit=Unit.HOUR, end=date(2027, 6, 9)),
            allocation(daan.id, product_code="45A01", volume=3, unit=Unit.HOUR, start=date(2027, 6, 10)),
            allocation(daan.id, product_code="99X99"),
        ],
    )
    products = {"02A01": product(), "45A01": product("45A01", tariff="60.00")}
    costs = plan_costs(plan, products)
    # Daan: 3 h/week, 129 days -> ceil(55.29) = 56 h; 236 days -> ceil(101.14) = 102 h; × € 60
    assert costs.by_member == {mother.id: Decimal("5846.60"), daan.id: Decimal("9480.00")}
    assert costs.total == Decimal("15326.60")
    assert costs.unpriced == (plan.allocations[3].id,)


# --- own contribution ------------------------------------------------------------------------


def test_own_contribution_applies_for_a_single_parent_with_wmo_support() -> None:
    household, mother, _ = jansen()
    plan = Plan(household.id, allocations=[allocation(mother.id)])
    outcome = outcome_on(household, plan, date(2025, 3, 1))
    assert outcome.applies and outcome.verified
    assert outcome.max_per_month == Decimal("21.00")
    assert "CAK" in outcome.reason and "€\u00a021,00" in outcome.reason


def test_no_own_contribution_for_youth_care() -> None:
    household, _, daan = jansen()
    plan = Plan(household.id, allocations=[allocation(daan.id, end=date(2027, 6, 9))])
    outcome = outcome_on(household, plan, date(2027, 3, 1))
    assert not outcome.applies
    assert "Jeugdwet" in outcome.reason
    extended = Plan(household.id, allocations=[allocation(daan.id, extended_youth_care=True)])
    assert not outcome_on(household, extended, date(2027, 3, 1)).applies


def test_exempt_product_has_no_contribution() -> None:
    household, mother, _ = jansen()
    plan = Plan(household.id, allocations=[allocation(mother.id, product_code="08A01")])
    outcome = own_contribution_outcome(
        household,
        plan,
        date(2025, 3, 1),
        table=TABLE,
        pension_date=pension_date,
        adult_age=18,
        exempt_products={"08A01"},
    )
    assert not outcome.applies


def test_couple_below_pension_age_pays_nothing() -> None:
    a = Member("Jan", "de Vries", date(1970, 1, 1), role=Role.PARENT)
    b = Member("Els", "de Vries", date(1955, 1, 1), role=Role.PARTNER)
    household = Household("Z-2", "GM0200", members=[a, b])
    plan = Plan(household.id, allocations=[allocation(b.id)])
    outcome = outcome_on(household, plan, date(2025, 3, 1))
    assert not outcome.applies
    assert outcome.max_per_month == Decimal("0.00")
    assert "AOW-leeftijd" in outcome.reason
    # both above pension age: it applies
    a.birth_date = date(1950, 1, 1)
    assert outcome_on(household, plan, date(2025, 3, 1)).applies
    # the partner moved out: a one-person household, it applies too
    a.birth_date = date(1970, 1, 1)
    a.moved_out_on = date(2024, 1, 1)
    assert outcome_on(household, plan, date(2025, 3, 1)).applies


def test_unknown_or_unverified_year_is_flagged() -> None:
    household, mother, _ = jansen()
    plan = Plan(household.id, allocations=[allocation(mother.id)])
    unknown = outcome_on(household, plan, date(2026, 3, 1))
    assert unknown.applies and unknown.max_per_month is None and not unknown.verified
    assert "nog niet bekend" in unknown.reason
    missing = outcome_on(household, plan, date(2031, 3, 1))
    assert missing.applies and missing.max_per_month is None and not missing.verified
    income = outcome_on(household, plan, date(2027, 3, 1))
    assert income.max_per_month == Decimal("328.00") and not income.verified
    assert "inkomen" in income.reason


# --- matrix budget ---------------------------------------------------------------------------

PRICES = {
    ("financien", Distance.MEDIUM): Decimal("50"),
    ("werk", Distance.MEDIUM): Decimal("25"),
    ("ggz", Distance.MEDIUM): Decimal("40"),
    ("huishouden", Distance.LIGHT): Decimal("0"),
}


def price(life_area: str, distance: Distance) -> Decimal:
    return PRICES[(life_area, distance)]


def test_matrix_budget_per_month_and_per_week() -> None:
    areas = [LifeAreaResult(code, distance=d) for code, d in PRICES]
    areas.append(LifeAreaResult("wonen"))  # no distance yet: not priced
    plan = Plan("h", start=START, months=12, life_areas=areas)
    assert matrix_budget(plan, price, "maand") == Decimal("1380.00")  # 115 × 12
    assert matrix_budget(plan, price, "week") == Decimal("5996.43")  # 115 × 365 ÷ 7
    assert matrix_budget(Plan("h", life_areas=areas), price, "maand") is None
    with pytest.raises(ValueError):
        matrix_budget(plan, price, "jaar")


@given(st.fractions(min_value=-10_000, max_value=10_000))
def test_to_cents_is_within_half_a_cent(value: Fraction) -> None:
    cents = to_cents(value)
    assert abs(Fraction(cents) - value) <= Fraction(1, 200)
    assert cents == cents.quantize(Decimal("0.01"))


@dataclass(frozen=True)
class CellPrices:
    period: str

    def price(self, life_area: str, distance: Distance) -> Decimal:
        return PRICES[(life_area, distance)]


def test_matrix_budget_takes_the_regions_cell_prices_object() -> None:
    areas = [LifeAreaResult(code, distance=d) for code, d in PRICES]
    plan = Plan("h", start=START, months=12, life_areas=areas)
    assert matrix_budget(plan, CellPrices("maand")) == Decimal("1380.00")
    assert matrix_budget(plan, CellPrices("week")) == Decimal("5996.43")
    with pytest.raises(ValueError):
        matrix_budget(plan, price)  # a bare function needs its period
