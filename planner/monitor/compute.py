"""The regional monitor's figures (domain.md §9), computed from plain rows: in-, through- and
outflow per municipality and segment, re-assessments with their results, the 18-/18+
transitions, own providers kept or not, waiting weeks per product, costs against the matrix
budgets, and the flow over the months. Counts here are exact; `privacy.shown` hides the small
ones when they are printed.

What the model does not record is said in `NOTES`, not guessed: an allocation has no reason it
ended, so the outflow is by the way the plan ended (a closed plan, or the period over).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from planner.catalogue import Catalogue
from planner.continuity import ContinuityRoute
from planner.model import (
    Allocation,
    Distance,
    Form,
    Frequency,
    PlanStatus,
    Product,
    ResultReached,
    Unit,
)
from planner.money import CellPricesLike, allocation_cost, to_cents
from planner.monitor.rows import MonitorAllocation, MonitorData, Period
from planner.periods import anniversary, plan_end

DAYS_PER_MONTH = 365.25 / 12
REGION = "regio"  # the key of the whole region's figures
UNKNOWN_SEGMENT = "onbekend"

NOTES = (
    "Uitstroom naar reden: een toewijzing kent geen vastgelegde reden van beëindigen; de uitstroom "
    "is daarom verdeeld naar de afloop van het plan (afgesloten plan, of de periode verstreken).",
    "Herbeoordelingen: een plan dat in de periode is vastgesteld als opvolger van een eerder plan; "
    "het resultaat per leefgebied komt uit het eerdere plan.",
)

# Frequencies whose total over a period depends on its number of days alone (planner.hours.total_units).
_BY_DAYS = frozenset({Frequency.PER_DAY.value, Frequency.PER_WEEK.value})

# Routes where the own provider keeps delivering (or is paid through the client).
_ROUTES_USED = (
    ContinuityRoute.BRIDGING.value,
    ContinuityRoute.SUBCONTRACTING.value,
    ContinuityRoute.PGB.value,
)


@dataclass(slots=True)
class Flow:
    started: int = 0  # allocations starting in the period
    new_households: int = 0  # households whose first plan starts in the period
    running: int = 0  # allocations running at some time in the period
    households: int = 0  # distinct households with a running allocation
    ended: int = 0  # allocations ending in the period
    ended_closed: int = 0  # … of a plan that was closed
    ended_period: int = 0  # … because their period was over (plan still in force)
    durations_days: list[int] = field(default_factory=list, repr=False)

    @property
    def mean_months(self) -> float | None:
        return statistics.fmean(self.durations_days) / DAYS_PER_MONTH if self.durations_days else None

    @property
    def median_months(self) -> float | None:
        return statistics.median(self.durations_days) / DAYS_PER_MONTH if self.durations_days else None


@dataclass(slots=True)
class Reassessments:
    plans: int = 0
    results: dict[str, int] = field(default_factory=lambda: {r.value: 0 for r in ResultReached})
    not_recorded: int = 0  # life areas of a re-assessed plan without a result


@dataclass(slots=True)
class Transitions:
    turning_adult: int = 0  # members with support who turned 18 in the period
    extended_youth_care: int = 0  # continued as youth care up to 23
    continued_wmo: int = 0  # continued under the Wmo
    stopped: int = 0  # no support after the birthday


@dataclass(slots=True)
class OwnProviders:
    with_own_provider: int = 0  # running allocations of members with an own provider
    kept: int = 0  # delivered by that provider, under contract
    route_used: int = 0  # a continuity route kept the own provider (bridging, subcontracting, pgb)
    substituted: int = 0  # another provider took over


@dataclass(slots=True)
class Costs:
    allocations: Decimal = Decimal("0.00")  # the allocations' costs, pro rata over the period
    budget: Decimal = Decimal("0.00")  # the plans' matrix-cell budgets, pro rata over the period
    plans: int = 0  # plans the budget is over
    unpriced: int = 0  # allocations whose product is not in the catalogue


@dataclass(slots=True)
class Figures:
    """Everything the monitor says of one municipality (or of the region)."""

    code: str
    name: str
    flow: Flow = field(default_factory=Flow)
    by_segment: dict[str, Flow] = field(default_factory=dict)
    reassessments: Reassessments = field(default_factory=Reassessments)
    transitions: Transitions = field(default_factory=Transitions)
    own_providers: OwnProviders = field(default_factory=OwnProviders)
    costs: Costs = field(default_factory=Costs)


@dataclass(frozen=True, slots=True)
class MonthFlow:
    month: date  # the first of the month
    started: int
    ended: int
    running: int


@dataclass(frozen=True, slots=True)
class Waiting:
    product_code: str
    product_name: str
    providers: int  # contracted providers that state a waiting time
    median_weeks: float | None
    max_weeks: int | None


@dataclass(frozen=True, slots=True)
class MonitorReport:
    period: Period
    municipalities: list[Figures]  # in the catalogue's order
    region: Figures
    segments: dict[str, str]  # segment code -> name, those that occur
    months: list[MonthFlow]
    waiting: list[Waiting]
    notes: tuple[str, ...] = NOTES


Targets = Callable[[str], tuple[Figures, ...]]


def birth_window(period: Period, adult_age: int) -> tuple[date, date]:
    """The birth dates of members who may turn `adult_age` in the period (whole years: the
    transitions check the day itself); other members' birth dates are not needed."""
    return date(period.start.year - adult_age, 1, 1), date(period.end.year - adult_age, 12, 31)


def _overlap_days(period: Period, start: date, end: date) -> int:
    return max(0, (min(end, period.end) - max(start, period.start)).days + 1)


def _pro_rata(amount: Decimal, period: Period, start: date, end: date) -> Decimal:
    """The part of an amount over start..end that falls in the period (rounded once, per total)."""
    whole = (end - start).days + 1
    return amount * _overlap_days(period, start, end) / whole if whole > 0 else Decimal(0)


def _months(period: Period) -> list[date]:
    first = period.start.replace(day=1)
    out = []
    while first <= period.end:
        out.append(first)
        first += relativedelta(months=1)
    return out


def _merged(flows: Iterable[Flow]) -> Flow:
    """The sum of flows (their households are counted apart: they may overlap)."""
    out = Flow()
    for f in flows:
        out.started += f.started
        out.running += f.running
        out.ended += f.ended
        out.ended_closed += f.ended_closed
        out.ended_period += f.ended_period
        out.durations_days += f.durations_days
    return out


def _month_index(period: Period, day: date) -> int:
    return (day.year - period.start.year) * 12 + day.month - period.start.month


def _cost(
    product: Product,
    form: str,
    pgb: Decimal | None,
    volume: int,
    unit: str,
    frequency: str,
    start: date,
    end: date,
) -> Decimal:
    """`money.allocation_cost` of an allocation with these values."""
    allocation = Allocation(
        member_id="",
        product_code=product.code,
        start=start,
        end=end,
        volume=volume,
        unit=Unit(unit),
        frequency=Frequency(frequency),
        form=Form(form),
        pgb_budget=pgb,
        id="",  # no fresh uuid per row
    )
    return allocation_cost(allocation, product)


def _allocation(row: MonitorAllocation) -> Allocation:
    return Allocation(
        member_id=row.member_id,
        product_code=row.product_code,
        start=row.start,
        end=row.end,
        volume=row.volume,
        unit=Unit(row.unit),
        frequency=Frequency(row.frequency),
        form=Form(row.form),
        pgb_budget=row.pgb_budget,
    )


def compute(
    data: MonitorData,
    period: Period,
    catalogue: Catalogue,
    prices: CellPricesLike,
    adult_age: int,
    municipalities: Iterable[str] | None = None,
) -> MonitorReport:
    """The figures over `period`, for the given municipality codes (None: all in the catalogue)."""
    chosen = list(municipalities) if municipalities is not None else list(catalogue.municipalities)
    wanted = set(chosen)
    figures = {
        code: Figures(code, catalogue.municipalities[code].name if code in catalogue.municipalities else code)
        for code in chosen
    }
    region = Figures(REGION, "Regio")
    segments: dict[str, str] = {}

    def targets(code: str) -> tuple[Figures, ...]:
        return (figures[code], region) if code in figures else ()

    def segment_of(product_code: str) -> str:
        product = catalogue.products.get(product_code)
        code = product.segment if product is not None else UNKNOWN_SEGMENT
        if code not in segments:
            seg = catalogue.segments.get(code)
            segments[code] = seg.name if seg is not None else code
        return code

    households: dict[str, set[str]] = defaultdict(set)
    segment_households: dict[tuple[str, str], set[str]] = defaultdict(set)
    month_list = _months(period)
    month_started = [0] * len(month_list)
    month_ended = [0] * len(month_list)
    month_running = [0] * len(month_list)
    by_member: dict[str, list[MonitorAllocation]] = defaultdict(list)
    costs: dict[tuple[str, str, Decimal | None, int, str, str, object], Decimal] = {}
    closed = PlanStatus.CLOSED.value
    adult_years = range(period.start.year - adult_age, period.end.year - adult_age + 1)

    # Each allocation counts once, in its municipality and segment; the municipality's and the
    # region's figures are the sums (below), which keeps this loop short at 100,000 households.
    for row in data.allocations:
        town = figures.get(row.municipality_code)
        if town is None or not period.overlaps(row.start, row.end):
            continue
        if row.birth_date is not None and row.birth_date.year in adult_years:
            by_member[row.member_id].append(row)
        segment = segment_of(row.product_code)
        flow = town.by_segment.get(segment)
        if flow is None:
            flow = town.by_segment[segment] = Flow()
        started = period.start <= row.start
        ended = row.end <= period.end
        flow.running += 1
        flow.started += started
        flow.durations_days.append((row.end - row.start).days + 1)
        if ended:
            flow.ended += 1
            if row.plan_status == closed:
                flow.ended_closed += 1
            else:
                flow.ended_period += 1
        households[town.code].add(row.household_id)
        segment_households[(town.code, segment)].add(row.household_id)
        if row.own_provider_id:
            own = town.own_providers
            own.with_own_provider += 1
            if row.route in _ROUTES_USED:
                own.route_used += 1
            elif row.route is None and row.provider_id == row.own_provider_id:
                own.kept += 1
            else:
                own.substituted += 1
        product = catalogue.products.get(row.product_code)
        if product is None:
            town.costs.unpriced += 1
        else:
            # Per day or week the cost depends on the number of days only: many allocations share
            # their values, and each cost is computed once.
            span: object = (row.end - row.start).days if row.frequency in _BY_DAYS else (row.start, row.end)
            key = (row.product_code, row.form, row.pgb_budget, row.volume, row.unit, row.frequency, span)
            whole = costs.get(key)
            if whole is None:
                whole = costs[key] = _cost(
                    product, row.form, row.pgb_budget, row.volume, row.unit, row.frequency, row.start, row.end
                )
            town.costs.allocations += _pro_rata(whole, period, row.start, row.end)
        first, last = _month_index(period, row.start), _month_index(period, row.end)
        for i in range(max(first, 0), min(last, len(month_list) - 1) + 1):
            month_running[i] += 1
        if started:
            month_started[first] += 1
        if ended:
            month_ended[last] += 1

    for town in figures.values():
        town.flow = _merged(town.by_segment.values())
        town.flow.households = len(households[town.code])
        for segment, flow in town.by_segment.items():
            flow.households = len(segment_households[(town.code, segment)])
            into = region.by_segment.setdefault(segment, Flow())
            region.by_segment[segment] = _merged((into, flow))
        own, mine = region.own_providers, town.own_providers
        own.with_own_provider += mine.with_own_provider
        own.kept += mine.kept
        own.route_used += mine.route_used
        own.substituted += mine.substituted
        region.costs.allocations += town.costs.allocations
        region.costs.unpriced += town.costs.unpriced
    region.flow = _merged(f.flow for f in figures.values())
    region.flow.households = len(set().union(*households.values())) if households else 0
    for segment, flow in region.by_segment.items():
        flow.households = len(set().union(*(segment_households[(code, segment)] for code in figures)))
    for code, n in data.new_households.items():
        for target in targets(code):
            target.flow.new_households += n

    _budgets(data, period, prices, targets)
    for target in (*figures.values(), region):  # rounded once, on the totals
        target.costs.allocations = to_cents(target.costs.allocations)
        target.costs.budget = to_cents(target.costs.budget)
    for code, n in data.reassessed.items():
        for target in targets(code):
            target.reassessments.plans += n
    for (code, reached), n in data.results.items():
        for target in targets(code):
            r = target.reassessments
            if reached in r.results:
                r.results[reached] += n
            else:
                r.not_recorded += n
    _transitions(by_member, period, adult_age, targets)
    months = [
        MonthFlow(m, month_started[i], month_ended[i], month_running[i]) for i, m in enumerate(month_list)
    ]
    return MonitorReport(
        period=period,
        municipalities=[figures[c] for c in chosen],
        region=region,
        segments=dict(sorted(segments.items())),
        months=months,
        waiting=_waiting(catalogue, period, wanted),
    )


def _budgets(data: MonitorData, period: Period, prices: CellPricesLike, targets: Targets) -> None:
    """The matrix-cell budget of the plans running in the period, pro rata — `money.matrix_budget`
    per plan (per month: cells × months; per week: cells × days ÷ 7), summed over counted groups."""
    price = _priced(prices)
    weekly = prices.period == "week"
    ends: dict[tuple[date, int], date] = {}

    def share(start: date, months: int) -> Decimal | None:
        """What one unit of cell price over this plan comes to in the period; None: not running."""
        key = (start, months)
        if key not in ends:
            ends[key] = plan_end(start, months)
        end = ends[key]
        if not period.overlaps(start, end):
            return None
        whole = Decimal((end - start).days + 1) / 7 if weekly else Decimal(months)
        return _pro_rata(whole, period, start, end)

    for g in data.plans:
        if share(g.start, g.months) is not None:
            for target in targets(g.municipality_code):
                target.costs.plans += g.plans
    for c in data.cells:
        part = share(c.start, c.months)
        if part is None:
            continue
        amount = Decimal(price(c.life_area, Distance(c.distance))) * part * c.count
        for target in targets(c.municipality_code):
            target.costs.budget += amount


def _priced(prices: CellPricesLike) -> Callable[[str, Distance], Decimal]:
    """The cell price, nothing for a life area the region's prices do not know (older data)."""

    def price(life_area: str, distance: Distance) -> Decimal:
        try:
            return prices.price(life_area, distance)
        except KeyError:
            return Decimal(0)

    return price


def _transitions(
    by_member: Mapping[str, list[MonitorAllocation]], period: Period, adult_age: int, targets: Targets
) -> None:
    for rows in by_member.values():
        birth = rows[0].birth_date
        if birth is None:
            continue
        adult = anniversary(birth, adult_age)
        if not period.contains(adult) or not any(r.start < adult for r in rows):
            continue
        after = [r for r in rows if r.end >= adult]
        for target in targets(rows[0].municipality_code):
            t = target.transitions
            t.turning_adult += 1
            if any(r.extended_youth_care for r in after):
                t.extended_youth_care += 1
            elif after:
                t.continued_wmo += 1
            else:
                t.stopped += 1


def _waiting(catalogue: Catalogue, period: Period, wanted: set[str]) -> list[Waiting]:
    providers: dict[str, set[str]] = defaultdict(set)
    for c in catalogue.contracts:
        if (
            c.product_code
            and c.municipality_code in wanted
            and c.start <= period.end
            and (c.end is None or c.end >= period.start)
        ):
            providers[c.product_code].add(c.provider_id)
    out = []
    for code, product in catalogue.products.items():
        weeks = [
            catalogue.providers[p].waiting_weeks[code]
            for p in sorted(providers.get(code, ()))
            if p in catalogue.providers and code in catalogue.providers[p].waiting_weeks
        ]
        if not providers.get(code):
            continue
        out.append(
            Waiting(
                code,
                product.name,
                len(weeks),
                float(statistics.median(weeks)) if weeks else None,
                max(weeks) if weeks else None,
            )
        )
    return out
