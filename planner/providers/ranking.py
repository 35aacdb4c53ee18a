"""Ranking the providers for a product: own provider first, then who serves the household already,
contract coverage, waiting time, distance and expertise (domain.md §4.7)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

from planner.catalogue import Catalogue
from planner.model import Household, Member, Plan, PlanStatus, Provider
from planner.providers.contracts import ContractKind, ContractStatus, contract_status

__all__ = ["ProviderChoice", "rank_providers", "serving_provider_ids"]

_KIND_RANK = {ContractKind.VALID: 0, ContractKind.ENDS_EARLY: 1, ContractKind.NONE: 2, ContractKind.CLOSED: 3}


@dataclass(frozen=True, slots=True)
class ProviderChoice:
    provider: Provider
    status: ContractStatus
    waiting_weeks: int | None
    same_municipality: bool
    serves_household: bool
    is_own_provider: bool
    expertise_matches: tuple[str, ...]
    reasons: tuple[str, ...]  # Dutch, why it is ranked where it is


def serving_provider_ids(household: Household, plans: Iterable[Plan] = ()) -> set[str]:
    """Providers already working with this household: own providers, allocations, coordinator."""
    ids = {m.own_provider_id for m in household.members if m.own_provider_id}
    for plan in plans:
        if plan.status is PlanStatus.CLOSED:
            continue
        ids.update(a.provider_id for a in plan.allocations if a.provider_id)
        if plan.coordinator is not None and plan.coordinator.provider_id:
            ids.add(plan.coordinator.provider_id)
    return ids


def rank_providers(
    product_code: str,
    start: date,
    end: date,
    household: Household,
    catalogue: Catalogue,
    *,
    member: Member | None = None,
    plans: Iterable[Plan] = (),
    expertise: Collection[str] = (),
    contracted_only: bool = True,
) -> list[ProviderChoice]:
    """Providers for a product, best first (domain.md §4.7).

    The member's own provider comes first, whatever its contract says (it is never dropped
    silently). Then: already serving this household, contract coverage of the whole period,
    waiting time, same municipality before another one in the region, matching expertise, name.
    Distance is "same municipality or not": the reference data has no distances between
    municipalities. With `contracted_only` providers without any contract here are left out
    (except the own provider).
    """
    muni = household.municipality_code
    own_id = member.own_provider_id if member is not None else None
    serving = serving_provider_ids(household, plans)
    wanted = {e.casefold() for e in expertise}
    candidate_ids = {c.provider_id for c in catalogue.contracts if c.product_code == product_code}
    if own_id:
        candidate_ids.add(own_id)

    rows: list[tuple[tuple, ProviderChoice]] = []
    for pid in candidate_ids:
        provider = catalogue.providers.get(pid)
        if provider is None:
            continue
        status = contract_status(pid, product_code, muni, start, end, catalogue)
        is_own = pid == own_id
        if contracted_only and not is_own and status.kind in (ContractKind.NONE, ContractKind.CLOSED):
            continue
        serves = pid in serving
        weeks = provider.waiting_weeks.get(product_code)
        same = provider.municipality_code == muni
        matches = tuple(e for e in provider.expertise if e.casefold() in wanted)
        reasons = _reasons(status, is_own, serves, weeks, same, matches)
        choice = ProviderChoice(provider, status, weeks, same, serves, is_own, matches, reasons)
        key = (
            not is_own,
            not serves,
            _KIND_RANK[status.kind],
            weeks if weeks is not None else 10_000,
            not same,
            -len(matches),
            provider.name.casefold(),
        )
        rows.append((key, choice))
    rows.sort(key=lambda r: r[0])
    return [choice for _, choice in rows]


def _reasons(
    status: ContractStatus,
    is_own: bool,
    serves: bool,
    weeks: int | None,
    same: bool,
    matches: tuple[str, ...],
) -> tuple[str, ...]:
    out = []
    if is_own:
        out.append("Eigen aanbieder van de cliënt")
    elif serves:
        out.append("Helpt dit huishouden al")
    out.append(status.label)
    if weeks is not None:
        out.append(
            "Geen wachttijd" if weeks == 0 else f"Wachttijd {weeks} {'week' if weeks == 1 else 'weken'}"
        )
    out.append("In dezelfde gemeente" if same else "In een andere gemeente in de regio")
    if matches:
        out.append("Expertise: " + ", ".join(matches))
    return tuple(out)
