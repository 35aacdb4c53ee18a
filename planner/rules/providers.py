"""Rules 3 and 4: own provider first, and a contract (or a recorded route) for in-kind support."""

from __future__ import annotations

from planner.continuity import ContractLift
from planner.coverage import covered_until
from planner.dutch import date_words, period_words
from planner.findings import Finding, Severity
from planner.model import Allocation, Form, Member
from planner.providers.contracts import ContractKind, contract_status, offers_product, provider_name
from planner.rules.context import RuleContext, who
from planner.rules.continuity import continuity_findings, route_finding


def _or(names: list[str], comma: bool = False) -> str:
    """ "a, b of c"; with `comma` also before the last ("a, b, of c"), where the last is long."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])}{',' if comma else ''} of {names[-1]}"


def provider_findings(ctx: RuleContext, allocation: Allocation, member: Member, label: str) -> list[Finding]:
    out: list[Finding] = []
    catalogue, household = ctx.catalogue, ctx.household
    routes = ctx.reference.continuity_routes

    def add(code: str, severity: Severity, message: str) -> None:
        out.append(Finding(code, severity, message, "allocation", allocation.id))

    name = who(member)
    cont = allocation.continuity
    out.extend(continuity_findings(allocation, member, catalogue, household, routes))

    if allocation.form is Form.PGB:
        if allocation.pgb_budget is None:
            add(
                "allocation.pgb_budget_missing",
                Severity.ERROR,
                f"{label}: vul het pgb-budget in.",
            )
        return out  # the client buys the support; no contract is needed

    pid = allocation.provider_id
    if not pid:
        add(
            "allocation.no_provider",
            Severity.ERROR,
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
            f"{name} krijgt al zorg van {provider_name(own, catalogue)}, maar voor {label} is "
            f"{provider_name(pid, catalogue)} gekozen. Houd de eigen aanbieder, of leg samen met de "
            f"cliënt een route vast: {_or([s.name for s in routes], comma=True)}.",
        )

    # Rule 4: a contract for product × municipality over the whole period.
    muni = household.municipality_code
    status = contract_status(pid, allocation.product_code, muni, allocation.start, allocation.end, catalogue)
    if status.is_valid:
        return out
    pname = provider_name(pid, catalogue)
    where = ctx.municipality_name(muni)
    spec = routes[cont.route] if cont is not None else None
    if (
        cont is not None
        and spec is not None
        and spec.contract is ContractLift.UNTIL
        and pid == cont.own_provider_id
    ):
        if cont.until is not None and cont.until >= allocation.start:
            # The route covers up to its date; a contract may reach further.
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
                out.append(
                    route_finding(
                        spec,
                        "until_ends",
                        allocation,
                        Severity.WARNING,
                        label=label,
                        own_provider=pname,
                        until=date_words(cont.until),
                        end=date_words(allocation.end),
                    )
                )
        return out  # an incomplete route is reported by continuity_findings
    if (
        cont is not None
        and spec is not None
        and spec.contract is ContractLift.MAIN
        and pid == cont.own_provider_id
    ):
        return out  # the main provider's contract is checked by continuity_findings
    if status.kind is ContractKind.ENDS_EARLY and status.until is not None:
        message = (
            f"{label}: het contract van {pname} in {where} loopt tot en met {date_words(status.until)}, "
            f"de toewijzing tot en met {date_words(allocation.end)}. Laat de toewijzing eerder eindigen, "
            f"of leg een route vast ({_or(routes.names_for(status.kind.value))})."
        )
    elif status.kind is ContractKind.CLOSED:
        message = (
            f"{label}: {pname} heeft geen contract voor dit product in {where}, en de gemeente laat in dit "
            "segment geen nieuwe aanbieders toe. Kies een aanbieder met contract, of leg een route vast "
            f"({_or(routes.names_for(status.kind.value))})."
        )
    else:
        message = (
            f"{label}: {pname} heeft geen contract voor dit product in {where} "
            f"{period_words(allocation.start, allocation.end)}. Kies een aanbieder met contract, "
            f"of leg een route vast ({_or(routes.names_for(status.kind.value))})."
        )
    add("allocation.no_contract", Severity.ERROR, message)
    return out
