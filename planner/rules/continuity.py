"""Rule 3 for a recorded continuity route: is it complete and consistent with the allocation?

Generic over the route registry (`planner.continuity`): each route's needs, deliverer and form
decide which checks apply; the wording comes with the route from `resources/`.
"""

from __future__ import annotations

from planner.catalogue import Catalogue
from planner.continuity import Deliverer, Need, RouteRegistry, RouteSpec, default_routes
from planner.dutch import date_words
from planner.findings import Finding, Severity
from planner.model import Allocation, Form, Household, Member
from planner.providers.contracts import contract_status, provider_name

__all__ = ["continuity_findings", "route_finding"]


def route_finding(
    spec: RouteSpec, check: str, allocation: Allocation, severity: Severity, **words: str
) -> Finding:
    text = spec.finding(check)
    return Finding(text.code, severity, text.text.format(**words), "allocation", allocation.id)


def continuity_findings(
    allocation: Allocation,
    member: Member,
    catalogue: Catalogue,
    household: Household,
    routes: RouteRegistry | None = None,
    *,
    choosing: bool = False,
) -> list[Finding]:
    """Problems with the recorded continuity route of this allocation (none without a route).

    `choosing`: the route is being chosen (the continuity dialog), so a provider the route needs
    but that is not picked yet is reported here too (in a plan the provider rules say it).
    """
    cont = allocation.continuity
    if cont is None:
        return []
    spec = (routes or default_routes())[cont.route]
    own = provider_name(cont.own_provider_id, catalogue)
    out: list[Finding] = []

    def err(check: str, **words: str) -> None:
        out.append(route_finding(spec, check, allocation, Severity.ERROR, own_provider=own, **words))

    if member.own_provider_id and cont.own_provider_id != member.own_provider_id:
        out.append(
            Finding(
                "continuity.other_own_provider",
                Severity.WARNING,
                f"De route is vastgelegd voor {own}, maar de eigen aanbieder van {member.full_name} is "
                f"{provider_name(member.own_provider_id, catalogue)}. Controleer de route.",
                "allocation",
                allocation.id,
            )
        )

    for need in spec.needs:
        if need is Need.UNTIL:
            if cont.until is None:
                err("until_missing")
            elif cont.until < allocation.start:
                err("until_before_start", until=date_words(cont.until), start=date_words(allocation.start))
        elif need is Need.MAIN_PROVIDER:
            main_id = cont.main_provider_id
            if not main_id:
                err("main_missing")
            elif main_id not in catalogue.providers:
                err("main_unknown")
            else:
                status = contract_status(
                    main_id,
                    allocation.product_code,
                    household.municipality_code,
                    allocation.start,
                    allocation.end,
                    catalogue,
                )
                if not status.is_valid:
                    detail = (
                        f"het contract loopt maar tot en met {date_words(status.until)}"
                        if status.until is not None
                        else "er is geen contract"
                    )
                    err("main_not_contracted", main_provider=provider_name(main_id, catalogue), detail=detail)
        elif need is Need.OTHER_PROVIDER:
            if choosing and not allocation.provider_id:
                err("other_missing")
        elif need is Need.REASON:
            if not cont.reason.strip():
                err("reason_missing")
        elif need is Need.CONSENT and not cont.client_consent:
            err("consent_missing")

    pid = allocation.provider_id
    if (
        (spec.deliverer is Deliverer.OWN and pid != cont.own_provider_id)
        or (
            spec.deliverer is Deliverer.OWN_OR_MAIN
            and pid not in (None, cont.own_provider_id, cont.main_provider_id)
        )
        or (spec.deliverer is Deliverer.OTHER and pid and pid == cont.own_provider_id)
    ):
        err("deliverer")
    if spec.pgb and allocation.form is not Form.PGB:
        err("form")
    return out
