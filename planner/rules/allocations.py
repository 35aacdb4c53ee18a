"""Rules 2–7 for one allocation: dates, amount, law, provider and the life area it serves."""

from __future__ import annotations

from planner import periods
from planner.dutch import date_words, join_and, period_words
from planner.findings import Finding, Severity
from planner.hours import frequency_words
from planner.model import Allocation, Frequency, Outcome, Plan, Product, Unit
from planner.rules.adulthood import law_findings
from planner.rules.context import RuleContext, unit_name, who
from planner.rules.outcome import outcome_findings
from planner.rules.providers import provider_findings

# iWmo/iJw 3.2 (facts.md §3): these units only go with per week, per month or in total.
UNITS_NOT_PER_DAY = frozenset({Unit.ETMAAL, Unit.DAYPART, Unit.EURO, Unit.PIECE_EFFORT})
FREQUENCIES_FOR_THOSE_UNITS = (Frequency.PER_WEEK, Frequency.PER_MONTH, Frequency.TOTAL)


def check_allocation_in(ctx: RuleContext, plan: Plan, allocation: Allocation) -> list[Finding]:
    """Rules 2–7 for one allocation of `plan`."""
    out: list[Finding] = []

    def add(code: str, severity: Severity, message: str) -> None:
        out.append(Finding(code, severity, message, "allocation", allocation.id))

    try:
        member = ctx.household.member(allocation.member_id)
    except KeyError:
        add(
            "allocation.unknown_member",
            Severity.ERROR,
            "Deze toewijzing hoort bij iemand die niet (meer) in het huishouden staat. Kies het gezinslid.",
        )
        return out
    name = who(member)
    product = ctx.catalogue.products.get(allocation.product_code)
    label = f"{product.name} voor {name}" if product else f"De toewijzing voor {name}"
    if product is None:
        add(
            "allocation.unknown_product",
            Severity.ERROR,
            f"Product {allocation.product_code} staat niet in de productenlijst. Kies een ander product.",
        )

    # Rule 5: dates.
    if allocation.end < allocation.start:
        add(
            "allocation.end_before_start",
            Severity.ERROR,
            f"{label}: de einddatum ({date_words(allocation.end)}) ligt vóór de startdatum "
            f"({date_words(allocation.start)}). Pas de datums aan.",
        )
        return out  # every rule below reasons about the period
    if product is not None:
        span = periods.length(allocation.start, allocation.end)
        months = periods.total_months(span)
        if months > product.max_months or (months == product.max_months and span.days > 0):
            add(
                "allocation.too_long",
                Severity.ERROR,
                f"{label} duurt {periods.length_words(allocation.start, allocation.end)}; voor dit product "
                f"is dat ten hoogste {product.max_months} maanden. Kort de periode in.",
            )
    if plan.start is not None and plan.months >= 1:
        plan_end = periods.plan_end(plan.start, plan.months)
        if allocation.start < plan.start or allocation.end > plan_end:
            add(
                "allocation.outside_plan",
                Severity.WARNING,
                f"{label} loopt {period_words(allocation.start, allocation.end)}, buiten de "
                f"planperiode ({period_words(plan.start, plan_end)}). Controleer de datums.",
            )

    if product is not None:
        out.extend(amount_findings(allocation, product, label))
        out.extend(law_findings(ctx, allocation, member, product, label))
    # A refusal grants nothing: no provider, contract or route to check.
    if allocation.outcome is not Outcome.REFUSED:
        out.extend(provider_findings(ctx, allocation, member, label))
    out.extend(outcome_findings(allocation, label))

    # Rule 7: the allocation serves a life area of the plan.
    if not allocation.life_area:
        add(
            "allocation.no_life_area",
            Severity.ERROR,
            f"{label}: kies het leefgebied waar deze ondersteuning bij hoort.",
        )
    elif plan.life_area(allocation.life_area) is None:
        add(
            "allocation.life_area_not_in_plan",
            Severity.ERROR,
            f"{label} hoort bij {ctx.life_area_name(allocation.life_area)}, maar dat leefgebied "
            "staat niet in het plan. Voeg het leefgebied toe of kies een ander.",
        )
    return out


def amount_findings(allocation: Allocation, product: Product, label: str) -> list[Finding]:
    """Rule 6: volume, unit and frequency fit the product and the iWmo/iJw code lists."""
    out = []

    def add(code: str, message: str) -> None:
        out.append(Finding(code, Severity.ERROR, message, "allocation", allocation.id))

    if allocation.volume <= 0:
        add("allocation.volume_not_positive", f"{label}: vul een omvang groter dan 0 in.")
    else:
        high = allocation.volume_max if allocation.volume_max is not None else allocation.volume
        too_low = allocation.volume < product.volume_min
        too_high = product.volume_max is not None and high > product.volume_max
        if too_low or too_high:
            bounds = f"minstens {product.volume_min}"
            if product.volume_max is not None:
                bounds = f"tussen {product.volume_min} en {product.volume_max}"
            add(
                "allocation.volume_out_of_bounds",
                f"{label}: de omvang moet {bounds} {unit_name(product.unit)} zijn. Pas de omvang aan.",
            )
    if allocation.volume_max is not None:
        if not product.bandwidth:
            add(
                "allocation.bandwidth_not_allowed",
                f"{label}: voor dit product mag geen bandbreedte (van–tot) worden gegeven. "
                "Vul één omvang in.",
            )
        elif allocation.volume_max < allocation.volume:
            add(
                "allocation.bandwidth_invalid",
                f"{label}: de bovengrens van de bandbreedte is lager dan de ondergrens. Pas de omvang aan.",
            )
    if allocation.unit is not product.unit:
        add(
            "allocation.unit_not_allowed",
            f"{label}: de eenheid moet {unit_name(product.unit)} zijn, niet {unit_name(allocation.unit)}.",
        )
    if allocation.frequency not in product.frequencies:
        allowed = join_and([frequency_words(f) for f in product.frequencies])
        add(
            "allocation.frequency_not_allowed",
            f"{label}: '{frequency_words(allocation.frequency)}' kan niet bij dit product. Kies {allowed}.",
        )
    if allocation.unit in UNITS_NOT_PER_DAY and allocation.frequency not in FREQUENCIES_FOR_THOSE_UNITS:
        allowed = join_and([frequency_words(f) for f in FREQUENCIES_FOR_THOSE_UNITS])
        add(
            "allocation.unit_frequency",
            f"{label}: een omvang in {unit_name(allocation.unit)} kan alleen {allowed} worden "
            "toegewezen (iWmo/iJw-standaard). Kies een andere frequentie.",
        )
    return out
