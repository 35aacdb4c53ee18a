"""The rules of domain.md §5, as checks that return findings in plain Dutch.

A check never raises on incomplete or odd data: it says what is wrong and what to do. Incomplete
work (no coordinator yet, ladder not filled in, ...) is a warning while drafting and an error when
the plan is to be decided (`for_decision=True`); data that is simply wrong is always an error.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from planner import periods
from planner.bsn import bsn_problem
from planner.catalogue import Catalogue
from planner.coordinator import cell_words, missing_cells, plan_cells
from planner.coverage import covered_until
from planner.dutch import date_words, join_and, period_words
from planner.errors import FrozenPlanError
from planner.findings import Finding, Severity, error_if, sort_findings
from planner.hours import frequency_words, unit_words
from planner.model import (
    Allocation,
    ContinuityRoute,
    CoordinatorKind,
    Form,
    Frequency,
    Household,
    Law,
    Member,
    Plan,
    PlanStatus,
    Product,
    Rung,
    Unit,
    new_id,
)
from planner.periods import DeadlineStatus
from planner.providers import (
    ContractKind,
    continuity_findings,
    contract_status,
    offers_product,
    provider_name,
)

if TYPE_CHECKING:
    from planner.reference import Reference

__all__ = [
    "LADDER_RUNGS_BEFORE_PAID",
    "assert_editable",
    "changed_since_decision",
    "check_allocation",
    "check_coordinator",
    "check_household",
    "check_ladder",
    "check_member",
    "check_plan",
    "check_plan_count",
    "propose_adulthood_split",
]

ONE_DAY = timedelta(days=1)

# A member without a BSN is accepted only as a newborn who has not been given one yet: a policy
# choice of this app (domain.md §4.1), not a legal term.
NEWBORN_MAX_AGE_YEARS = 1

# iWmo/iJw 3.2 (facts.md §3): these units only go with per week, per month or in total.
UNITS_NOT_PER_DAY = frozenset({Unit.ETMAAL, Unit.DAYPART, Unit.EURO, Unit.PIECE_EFFORT})
FREQUENCIES_FOR_THOSE_UNITS = (Frequency.PER_WEEK, Frequency.PER_MONTH, Frequency.TOTAL)

# Rungs 1–5 of the ladder must be filled in before paid support (rung 6) for a life area.
LADDER_RUNGS_BEFORE_PAID = tuple(r for r in Rung if r is not Rung.PAID)

LAW_NAMES = {Law.WMO: "Wmo", Law.JEUGDWET: "Jeugdwet"}


# --- helpers ---------------------------------------------------------------------------------


def _who(member: Member) -> str:
    return member.full_name or "dit gezinslid"


def _life_area_name(code: str, reference: Reference) -> str:
    try:
        return reference.life_area(code).name
    except (KeyError, LookupError):
        return code


def _municipality_name(code: str, catalogue: Catalogue, reference: Reference | None = None) -> str:
    m = catalogue.municipalities.get(code)
    if m is None and reference is not None:
        m = next((x for x in reference.municipalities if x.code == code), None)
    return m.name if m is not None else code


def _unit_name(unit: Unit) -> str:
    return "euro's" if unit is Unit.EURO else unit_words(2, unit).split(" ", 1)[1]


def _laws_words(laws: Iterable[Law]) -> str:
    return " of ".join(LAW_NAMES[law] for law in sorted(laws))


# --- rule 1: one active plan, one coordinator ------------------------------------------------


def check_plan_count(household: Household, plans: Iterable[Plan]) -> list[Finding]:
    """At most one concept plan and one decided plan per household at a time."""
    plans = list(plans)
    out = []
    concepts = [p for p in plans if p.status is PlanStatus.CONCEPT]
    decided = [p for p in plans if p.status is PlanStatus.DECIDED]
    if len(concepts) > 1:
        out.append(
            Finding(
                "plan.one_active",
                Severity.ERROR,
                f"Dit huishouden heeft {len(concepts)} conceptplannen. Er mag maar één plan tegelijk in "
                "bewerking zijn. Verwijder of sluit de overbodige conceptplannen.",
                "household",
                household.id,
            )
        )
    if len(decided) > 1:
        out.append(
            Finding(
                "plan.one_active",
                Severity.ERROR,
                f"Dit huishouden heeft {len(decided)} vastgestelde plannen die tegelijk gelden. "
                "Er mag er maar één gelden. Sluit het oudere plan af.",
                "household",
                household.id,
            )
        )
    return out


def check_coordinator(
    plan: Plan, household: Household, catalogue: Catalogue, reference: Reference, for_decision: bool = False
) -> list[Finding]:
    coord = plan.coordinator
    if coord is None:
        return [
            Finding(
                "plan.no_coordinator",
                error_if(for_decision),
                "Het plan heeft nog geen coördinator. Kies één coördinator: het huishouden zelf, het "
                "toegangsteam of een zorgaanbieder met een coördinatiecontract.",
                "plan",
                plan.id,
            )
        ]
    if coord.kind is not CoordinatorKind.PROVIDER:
        return []
    if not coord.provider_id:
        return [
            Finding(
                "coordinator.no_provider",
                error_if(for_decision),
                "Kies welke zorgaanbieder het plan coördineert.",
                "coordinator",
                plan.id,
            )
        ]
    if coord.provider_id not in catalogue.providers:
        return [
            Finding(
                "coordinator.unknown_provider",
                Severity.ERROR,
                "De gekozen coördinator staat niet (meer) in de lijst van zorgaanbieders. Kies een andere "
                "coördinator.",
                "coordinator",
                plan.id,
            )
        ]
    missing = missing_cells(coord.provider_id, plan, household, catalogue)
    if not missing:
        return []
    cells = join_and([cell_words(c, _life_area_name(c[0], reference)) for c in missing])
    period = ""
    if plan.start is not None and plan.months >= 1:
        period = f" {period_words(plan.start, periods.plan_end(plan.start, plan.months))}"
    where = _municipality_name(household.municipality_code, catalogue, reference)
    return [
        Finding(
            "coordinator.not_eligible",
            Severity.ERROR,
            f"{provider_name(coord.provider_id, catalogue)} mag dit plan niet coördineren: er is geen "
            f"coördinatiecontract in {where}{period} "
            f"voor {cells}. De coördinatie kan niet worden verdeeld. Kies een coördinator die alle "
            "leefgebieden van het plan dekt.",
            "coordinator",
            plan.id,
        )
    ]


# --- rules 5 and 6 for members ---------------------------------------------------------------


def check_member(member: Member, today: date) -> list[Finding]:
    """Birth date and BSN of one member."""
    out: list[Finding] = []
    who = _who(member)

    def add(code: str, severity: Severity, message: str) -> None:
        out.append(Finding(code, severity, message, "member", member.id))

    birth = member.birth_date
    if birth is None:
        add("member.no_birth_date", Severity.ERROR, f"Vul de geboortedatum van {who} in.")
    elif birth > today:
        add(
            "member.birth_in_future",
            Severity.ERROR,
            f"De geboortedatum van {who} ({date_words(birth)}) ligt in de toekomst. Controleer de datum.",
        )
    bsn = (member.bsn or "").strip()
    if bsn:
        problem = bsn_problem(bsn)
        if problem is not None:
            add("member.bsn_invalid", Severity.ERROR, f"BSN van {who}: {problem}")
    elif birth is not None and birth <= today and periods.age_on(birth, today) < NEWBORN_MAX_AGE_YEARS:
        add(
            "member.bsn_missing",
            Severity.WARNING,
            f"{who} heeft nog geen BSN. Dat mag bij een pasgeboren kind; vul het in zodra het bekend is.",
        )
    else:
        add("member.bsn_missing", Severity.ERROR, f"Vul het BSN van {who} in.")
    return out


# --- the plan --------------------------------------------------------------------------------


def check_plan(
    plan: Plan,
    household: Household,
    catalogue: Catalogue,
    reference: Reference,
    today: date,
    for_decision: bool = False,
) -> list[Finding]:
    """All rules for one plan that is being drafted (or about to be decided)."""
    terms = reference.terms
    out: list[Finding] = []

    def add(code: str, severity: Severity, message: str) -> None:
        out.append(Finding(code, severity, message, "plan", plan.id))

    # Rule 5: the plan period.
    if plan.start is None:
        add("plan.no_start", error_if(for_decision), "Vul de startdatum van het plan in.")
    if plan.months < 1:
        add("plan.too_short", Severity.ERROR, "Een plan duurt minstens 1 maand. Pas de duur aan.")
    elif plan.months > terms.max_plan_months:
        add(
            "plan.too_long",
            Severity.ERROR,
            f"Het plan duurt {plan.months} maanden; dat is langer dan de {terms.max_plan_months} maanden "
            "die de regio toestaat. Kort de duur in.",
        )
    if not plan_cells(plan):
        add(
            "plan.no_life_areas",
            error_if(for_decision),
            "Het plan heeft nog geen leefgebied met een afstand tot het resultaat. Vul per leefgebied "
            "de situatie, het gewenste resultaat en de afstand in.",
        )

    # Rule 5: procedure deadlines, while the plan is not yet decided.
    if plan.status is PlanStatus.CONCEPT:
        out.extend(_deadline_findings(plan, reference, today))

    # Rule 1: the coordinator.
    out.extend(check_coordinator(plan, household, catalogue, reference, for_decision))

    # Rule 8: safety.
    if household.safety_signal and not plan.safety_assessment.strip():
        add(
            "plan.safety_assessment_missing",
            error_if(for_decision),
            "Er is een signaal over de veiligheid in dit huishouden. Leg de veiligheidsinschatting vast "
            "voordat het plan wordt vastgesteld.",
        )

    # Rule 7: the ladder, once per life area that gets paid support.
    out.extend(check_ladder(plan, reference, for_decision))

    for allocation in plan.allocations:
        out.extend(check_allocation(allocation, plan, household, catalogue, reference, today, for_decision))
    return out


def _deadline_findings(plan: Plan, reference: Reference, today: date) -> list[Finding]:
    terms = reference.terms
    out = []
    pending = periods.pending_deadlines(
        plan.report_date, plan.application_date, plan.own_plan_submitted, terms, today
    )
    for deadline in pending:
        status = deadline.status(today, terms.deadline_warning_days)
        if status is DeadlineStatus.OK:
            continue
        code = "plan.deadline_past" if status is DeadlineStatus.PAST else "plan.deadline_near"
        advice = (
            "Deze termijn is verlopen; leg vast waarom, en informeer de cliënt."
            if status is DeadlineStatus.PAST
            else "Deze termijn verloopt binnenkort."
        )
        out.append(Finding(code, Severity.WARNING, f"{deadline.words(today)}. {advice}", "plan", plan.id))
    return out


def check_ladder(plan: Plan, reference: Reference, for_decision: bool = False) -> list[Finding]:
    """Rule 7: paid support for a life area needs rungs 1–5 of the ladder filled in."""
    rung_names = {info.rung: info.name for info in reference.ladder_rungs}
    out = []
    codes = list(dict.fromkeys(a.life_area for a in plan.allocations if a.life_area))
    for code in codes:
        result = plan.life_area(code)
        if result is None:
            continue  # reported per allocation
        empty = [r for r in LADDER_RUNGS_BEFORE_PAID if not result.ladder.get(r, "").strip()]
        if not empty:
            continue
        names = join_and([rung_names.get(r, r.value) for r in empty])
        out.append(
            Finding(
                "life_area.ladder_incomplete",
                error_if(for_decision),
                f"Bij {_life_area_name(code, reference)} is betaalde ondersteuning gekozen, maar nog niet "
                f"ingevuld wat wordt gedaan door: {names}. Vul dit eerst in; 'niets, omdat ...' mag ook.",
                "life_area",
                result.id,
            )
        )
    return out


# --- allocations -----------------------------------------------------------------------------


def check_allocation(
    allocation: Allocation,
    plan: Plan,
    household: Household,
    catalogue: Catalogue,
    reference: Reference,
    today: date,
    for_decision: bool = False,
) -> list[Finding]:
    """Rules 2–7 for one allocation."""
    out: list[Finding] = []

    def add(code: str, severity: Severity, message: str) -> None:
        out.append(Finding(code, severity, message, "allocation", allocation.id))

    try:
        member = household.member(allocation.member_id)
    except KeyError:
        add(
            "allocation.unknown_member",
            Severity.ERROR,
            "Deze toewijzing hoort bij iemand die niet (meer) in het huishouden staat. Kies het gezinslid.",
        )
        return out
    who = _who(member)
    product = catalogue.products.get(allocation.product_code)
    label = f"{product.name} voor {who}" if product else f"De toewijzing voor {who}"
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
        out.extend(_amount_findings(allocation, product, label))
        out.extend(_law_findings(allocation, member, product, label, reference, for_decision))
    out.extend(_provider_findings(allocation, member, product, label, household, catalogue, for_decision))

    # Rule 7: the allocation serves a life area of the plan.
    if not allocation.life_area:
        add(
            "allocation.no_life_area",
            error_if(for_decision),
            f"{label}: kies het leefgebied waar deze ondersteuning bij hoort.",
        )
    elif plan.life_area(allocation.life_area) is None:
        add(
            "allocation.life_area_not_in_plan",
            error_if(for_decision),
            f"{label} hoort bij {_life_area_name(allocation.life_area, reference)}, maar dat leefgebied "
            "staat niet in het plan. Voeg het leefgebied toe of kies een ander.",
        )
    return out


def _amount_findings(allocation: Allocation, product: Product, label: str) -> list[Finding]:
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
                f"{label}: de omvang moet {bounds} {_unit_name(product.unit)} zijn. Pas de omvang aan.",
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
            f"{label}: de eenheid moet {_unit_name(product.unit)} zijn, niet {_unit_name(allocation.unit)}.",
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
            f"{label}: een omvang in {_unit_name(allocation.unit)} kan alleen {allowed} worden "
            "toegewezen (iWmo/iJw-standaard). Kies een andere frequentie.",
        )
    return out


def _law_findings(
    allocation: Allocation,
    member: Member,
    product: Product,
    label: str,
    reference: Reference,
    for_decision: bool,
) -> list[Finding]:
    """Rule 2: the law follows the age, and Jeugdwet support ends the day before the 18th birthday."""
    birth = member.birth_date
    if birth is None:
        return []  # reported on the member
    terms = reference.terms
    out = []

    def add(code: str, message: str) -> None:
        out.append(Finding(code, Severity.ERROR, message, "allocation", allocation.id))

    who = _who(member)
    birthday = periods.eighteenth_birthday(birth, terms.adult_age)
    member_law = periods.law_on(birth, allocation.start, terms.adult_age)
    law = allocation.law or member_law
    if law is Law.WMO and member_law is Law.JEUGDWET:
        add(
            "allocation.wmo_minor",
            f"{label}: {who} is op {date_words(allocation.start)} nog geen {terms.adult_age} jaar. Tot "
            f"{date_words(birthday)} geldt de Jeugdwet, niet de Wmo. Kies jeugdhulp of laat de Wmo-"
            "toewijzing op de verjaardag beginnen.",
        )
    elif law is Law.JEUGDWET and member_law is Law.WMO and not allocation.extended_youth_care:
        add(
            "allocation.youth_care_adult",
            f"{label}: {who} is op {date_words(allocation.start)} al {terms.adult_age} jaar of ouder. Dan "
            "geldt de Wmo. Kies een Wmo-product, of leg vast dat de jeugdhulp wordt verlengd "
            f"(verlengde jeugdhulp tot {terms.extended_youth_care_age} jaar).",
        )
    if law not in product.laws:
        add(
            "allocation.law_mismatch",
            f"{label}: dit product valt onder de {_laws_words(product.laws)}, maar voor {who} geldt op "
            f"{date_words(allocation.start)} de {LAW_NAMES[law]}. Kies een product dat onder de "
            f"{LAW_NAMES[law]} valt.",
        )
    if law is Law.JEUGDWET and not allocation.extended_youth_care:
        if allocation.start < birthday <= allocation.end:
            last_day = birthday - ONE_DAY
            add(
                "allocation.past_18",
                f"{who} wordt {terms.adult_age} op {date_words(birthday)}. Jeugdhulp kan dan lopen "
                f"tot en met {date_words(last_day)}, maar {label} loopt tot en met "
                f"{date_words(allocation.end)}. Splits de toewijzing: Jeugdwet tot en met "
                f"{date_words(last_day)} en Wmo vanaf {date_words(birthday)}. Of leg vast dat de "
                f"jeugdhulp wordt verlengd (verlengde jeugdhulp tot {terms.extended_youth_care_age} jaar).",
            )
    elif law is Law.JEUGDWET and allocation.extended_youth_care:
        limit = periods.anniversary(birth, terms.extended_youth_care_age)
        if allocation.end >= limit:
            add(
                "allocation.past_extended_youth_care",
                f"{label}: verlengde jeugdhulp kan tot en met {date_words(limit - ONE_DAY)}, de dag voor "
                f"{who} {terms.extended_youth_care_age} wordt. Laat de toewijzing uiterlijk dan eindigen.",
            )
    if allocation.extended_youth_care and not allocation.extended_youth_care_reason.strip():
        out.append(
            Finding(
                "allocation.extended_no_reason",
                error_if(for_decision),
                f"{label}: schrijf op waarom de jeugdhulp wordt verlengd. Die reden komt in de beschikking.",
                "allocation",
                allocation.id,
            )
        )
    return out


def _provider_findings(
    allocation: Allocation,
    member: Member,
    product: Product | None,
    label: str,
    household: Household,
    catalogue: Catalogue,
    for_decision: bool,
) -> list[Finding]:
    """Rules 3 and 4: own provider first, and a contract (or a recorded route) for in-kind support."""
    out: list[Finding] = []

    def add(code: str, severity: Severity, message: str) -> None:
        out.append(Finding(code, severity, message, "allocation", allocation.id))

    who = _who(member)
    cont = allocation.continuity
    out.extend(continuity_findings(allocation, member, catalogue, household))

    if allocation.form is Form.PGB:
        if allocation.pgb_budget is None:
            add(
                "allocation.pgb_budget_missing",
                error_if(for_decision),
                f"{label}: vul het pgb-budget in.",
            )
        return out  # the client buys the support; no contract is needed

    pid = allocation.provider_id
    if not pid:
        add(
            "allocation.no_provider",
            error_if(for_decision),
            f"{label}: kies de zorgaanbieder die de zorg in natura levert.",
        )
        return out
    if pid not in catalogue.providers:
        add(
            "allocation.unknown_provider",
            Severity.ERROR,
            f"{label}: de gekozen zorgaanbieder staat niet (meer) in de lijst. Kies een andere aanbieder.",
        )
        return out

    # Rule 3: never silently replace the member's own provider.
    own = member.own_provider_id
    if own and pid != own and cont is None and offers_product(own, allocation.product_code, catalogue):
        add(
            "allocation.own_provider_replaced",
            Severity.ERROR,
            f"{who} krijgt al zorg van {provider_name(own, catalogue)}, maar voor {label} is "
            f"{provider_name(pid, catalogue)} gekozen. Houd de eigen aanbieder, of leg samen met de "
            "cliënt een route vast: overbrugging, onderaanneming, pgb, of een andere aanbieder met reden "
            "en toestemming van de cliënt.",
        )

    # Rule 4: a contract for product × municipality over the whole period.
    muni = household.municipality_code
    status = contract_status(pid, allocation.product_code, muni, allocation.start, allocation.end, catalogue)
    if status.is_valid:
        return out
    name = provider_name(pid, catalogue)
    where = _municipality_name(muni, catalogue)
    if cont is not None and cont.route is ContinuityRoute.BRIDGING and pid == cont.own_provider_id:
        if cont.until is not None and cont.until >= allocation.start:
            # The bridging agreement covers up to its date; a contract may reach further.
            contract_until = covered_until(
                [
                    c
                    for c in catalogue.contracts_of(pid)
                    if c.product_code == allocation.product_code and c.municipality_code == muni
                ],
                allocation.start,
            )
            reach = max(cont.until, contract_until) if contract_until else cont.until
            if reach < allocation.end:
                add(
                    "allocation.bridging_ends",
                    Severity.WARNING,
                    f"{label}: de overbruggingsovereenkomst met {name} loopt tot en met "
                    f"{date_words(cont.until)}, de toewijzing tot en met {date_words(allocation.end)}. "
                    f"Regel vóór {date_words(cont.until)} hoe de zorg daarna verder gaat, of laat de "
                    "toewijzing eerder eindigen.",
                )
        return out  # an incomplete bridging route is reported by continuity_findings
    if cont is not None and cont.route is ContinuityRoute.SUBCONTRACTING and pid == cont.own_provider_id:
        return out  # the main provider's contract is checked by continuity_findings
    if status.kind is ContractKind.ENDS_EARLY and status.until is not None:
        message = (
            f"{label}: het contract van {name} in {where} loopt tot en met {date_words(status.until)}, "
            f"de toewijzing tot en met {date_words(allocation.end)}. Laat de toewijzing eerder eindigen, "
            "of leg een route vast (overbrugging of onderaanneming)."
        )
    elif status.kind is ContractKind.CLOSED:
        message = (
            f"{label}: {name} heeft geen contract voor dit product in {where}, en de gemeente laat in dit "
            "segment geen nieuwe aanbieders toe. Kies een aanbieder met contract, of leg een route vast "
            "(onderaanneming of pgb)."
        )
    else:
        message = (
            f"{label}: {name} heeft geen contract voor dit product in {where} "
            f"{period_words(allocation.start, allocation.end)}. Kies een aanbieder met contract, "
            "of leg een route vast (overbrugging, onderaanneming of pgb)."
        )
    add("allocation.no_contract", Severity.ERROR, message)
    return out


# --- the household ---------------------------------------------------------------------------


def check_household(
    household: Household,
    plans: Iterable[Plan],
    catalogue: Catalogue,
    reference: Reference,
    today: date,
    for_decision: bool = False,
) -> list[Finding]:
    """Every rule for a household and its plans, errors first.

    Concept plans are checked in full; decided and closed plans are frozen history and only
    count for "one active plan".
    """
    plans = list(plans)
    out: list[Finding] = []
    if not household.members:
        out.append(
            Finding(
                "household.no_members",
                error_if(for_decision),
                "Dit huishouden heeft nog geen gezinsleden. Voeg ten minste één gezinslid toe.",
                "household",
                household.id,
            )
        )
    for member in household.members:
        out.extend(check_member(member, today))
    out.extend(check_plan_count(household, plans))
    for plan in plans:
        if plan.status is PlanStatus.CONCEPT:
            out.extend(check_plan(plan, household, catalogue, reference, today, for_decision))
    return sort_findings(out)


# --- rule 2: the proposed split --------------------------------------------------------------


def propose_adulthood_split(allocation: Allocation, member: Member, adult_age: int) -> list[Allocation]:
    """The allocation split at the 18th birthday: a Jeugdwet part and a Wmo part (domain.md §4.7).

    Returns new allocations (new ids, the hours lines copied) that together cover the original
    period, or the allocation itself when there is nothing to split. The Wmo part keeps the
    product; when that product is not a Wmo product the rules say so and the user picks another.
    """
    if member.birth_date is None or allocation.end < allocation.start:
        return [allocation]
    parts = periods.split_at_adulthood(allocation.start, allocation.end, member.birth_date, adult_age)
    if len(parts) == 1:
        return [allocation]
    out = []
    for part in parts:
        clone = replace(
            allocation,
            id=new_id(),
            start=part.start,
            end=part.end,
            law=part.law,
            extended_youth_care=False,
            hours_lines=[replace(line, id=new_id()) for line in allocation.hours_lines],
            continuity=copy.copy(allocation.continuity),
        )
        out.append(clone)
    return out


# --- rule 9: a decided plan is frozen --------------------------------------------------------


def assert_editable(plan: Plan) -> None:
    """Raise FrozenPlanError (with a Dutch message) when the plan may no longer be changed."""
    if plan.is_frozen:
        raise FrozenPlanError.of(plan.status)


def changed_since_decision(plan: Plan, decided: Plan) -> list[Finding]:
    """A decided plan that differs from the version that was decided (e.g. read back from the snapshot)."""
    if not plan.is_frozen or plan == decided:
        return []
    return [
        Finding(
            "plan.frozen_changed",
            Severity.ERROR,
            "Dit plan is vastgesteld, maar wijkt af van de vastgestelde versie. Wijzigingen horen in een "
            "nieuwe versie van het plan; de vastgestelde versie blijft zoals hij was.",
            "plan",
            plan.id,
        )
    ]
