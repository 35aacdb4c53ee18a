"""Rules 1, 5, 7 and 8 for a plan: one active plan, the coordinator, the period and deadlines, the
ladder before paid support, and the safety assessment."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from planner import periods
from planner.coordinator import cell_words, missing_cells, plan_cells
from planner.dutch import join_and, period_words
from planner.findings import Finding, Severity
from planner.model import CoordinatorKind, Household, Plan, PlanStatus, Rung
from planner.periods import DeadlineStatus
from planner.providers.contracts import provider_name
from planner.rules.allocations import check_allocation_in
from planner.rules.context import RuleContext

# Rungs 1–5 of the ladder must be filled in before paid support (rung 6) for a life area.
LADDER_RUNGS_BEFORE_PAID = tuple(r for r in Rung if r is not Rung.PAID)


def plan_count_findings(
    household: Household, plans: Iterable[Plan], history: Mapping[PlanStatus, int] | None = None
) -> list[Finding]:
    """At most one concept plan and one decided plan per household at a time.

    `history`: further plans of the household, not in `plans`, counted by status (RuleContext)."""
    concepts = history.get(PlanStatus.CONCEPT, 0) if history else 0
    decided = history.get(PlanStatus.DECIDED, 0) if history else 0
    for p in plans:
        if p.status is PlanStatus.CONCEPT:
            concepts += 1
        elif p.status is PlanStatus.DECIDED:
            decided += 1
    out = []
    if concepts > 1:
        out.append(
            Finding(
                "plan.one_active",
                Severity.ERROR,
                f"Dit huishouden heeft {concepts} conceptplannen. Er mag maar één plan tegelijk in "
                "bewerking zijn. Verwijder of sluit de overbodige conceptplannen.",
                "household",
                household.id,
            )
        )
    if decided > 1:
        out.append(
            Finding(
                "plan.one_active",
                Severity.ERROR,
                f"Dit huishouden heeft {decided} vastgestelde plannen die tegelijk gelden. "
                "Er mag er maar één gelden. Sluit het oudere plan af.",
                "household",
                household.id,
            )
        )
    return out


def coordinator_findings(ctx: RuleContext, plan: Plan) -> list[Finding]:
    """Rule 1: one coordinator, and a provider coordinates only with a contract for every cell."""
    coord = plan.coordinator
    catalogue = ctx.catalogue
    if coord is None:
        return [
            Finding(
                "plan.no_coordinator",
                Severity.ERROR,
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
                Severity.ERROR,
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
    missing = missing_cells(coord.provider_id, plan, ctx.household, catalogue)
    if not missing:
        return []
    cells = join_and([cell_words(c, ctx.life_area_name(c[0])) for c in missing])
    period = ""
    if plan.start is not None and plan.months >= 1:
        period = f" {period_words(plan.start, periods.plan_end(plan.start, plan.months))}"
    where = ctx.municipality_name(ctx.household.municipality_code)
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


def plan_findings(ctx: RuleContext, plan: Plan) -> list[Finding]:
    """All rules for one plan that is being drafted (or about to be decided)."""
    terms = ctx.reference.terms
    out: list[Finding] = []

    def add(code: str, severity: Severity, message: str) -> None:
        out.append(Finding(code, severity, message, "plan", plan.id))

    # Rule 5: the plan period.
    if plan.start is None:
        add("plan.no_start", Severity.ERROR, "Vul de startdatum van het plan in.")
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
            Severity.ERROR,
            "Het plan heeft nog geen leefgebied met een afstand tot het resultaat. Vul per leefgebied "
            "de situatie, het gewenste resultaat en de afstand in.",
        )

    # Rule 5: procedure deadlines, while the plan is not yet decided.
    if plan.status is PlanStatus.CONCEPT:
        out.extend(_deadline_findings(ctx, plan))

    # Rule 1: the coordinator.
    out.extend(coordinator_findings(ctx, plan))

    # Rule 8: safety.
    if ctx.household.safety_signal and not plan.safety_assessment.strip():
        add(
            "plan.safety_assessment_missing",
            Severity.ERROR,
            "Er is een signaal over de veiligheid in dit huishouden. Leg de veiligheidsinschatting vast "
            "voordat het plan wordt vastgesteld.",
        )

    # Rule 7: the ladder, once per life area that gets paid support.
    out.extend(ladder_findings(ctx, plan))

    for allocation in plan.allocations:
        out.extend(check_allocation_in(ctx, plan, allocation))
    return out


def _deadline_findings(ctx: RuleContext, plan: Plan) -> list[Finding]:
    terms = ctx.reference.terms
    today = ctx.today
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


def ladder_findings(ctx: RuleContext, plan: Plan) -> list[Finding]:
    """Rule 7: paid support for a life area needs rungs 1–5 of the ladder filled in."""
    rung_names = {info.rung: info.name for info in ctx.reference.ladder_rungs}
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
                Severity.ERROR,
                f"Bij {ctx.life_area_name(code)} is betaalde ondersteuning gekozen, maar nog niet "
                f"ingevuld wat wordt gedaan door: {names}. Vul dit eerst in; 'niets, omdat ...' mag ook.",
                "life_area",
                result.id,
            )
        )
    return out
