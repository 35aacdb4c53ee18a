"""Choosing a provider: contract status, own provider first, continuity routes, ranking, filtering.

domain.md §4.5 and §4.7. The app never silently substitutes the client's own provider: when it
cannot simply be kept, the professional records one continuity route, validated here.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from planner.catalogue import Catalogue
from planner.coverage import OPEN_END, covered_until
from planner.dutch import date_words
from planner.findings import Finding, Severity
from planner.model import (
    Allocation,
    ContinuityRoute,
    Form,
    Household,
    Member,
    Plan,
    PlanStatus,
    Provider,
)

# --- contract status -------------------------------------------------------------------------


class ContractKind(StrEnum):
    VALID = "geldig"
    ENDS_EARLY = "loopt_af"  # covers the start, ends before the allocation ends
    NONE = "geen"
    CLOSED = "gesloten"  # segment closed to new providers in this municipality


_KIND_RANK = {ContractKind.VALID: 0, ContractKind.ENDS_EARLY: 1, ContractKind.NONE: 2, ContractKind.CLOSED: 3}


@dataclass(frozen=True, slots=True)
class ContractStatus:
    kind: ContractKind
    until: date | None = None  # ENDS_EARLY: last day covered

    @property
    def is_valid(self) -> bool:
        return self.kind is ContractKind.VALID

    @property
    def label(self) -> str:
        """Short Dutch text for the picker."""
        if self.kind is ContractKind.VALID:
            return "Contract voor de hele periode"
        if self.kind is ContractKind.ENDS_EARLY and self.until is not None:
            return f"Contract loopt tot en met {date_words(self.until)}"
        if self.kind is ContractKind.CLOSED:
            return "Geen contract; gesloten voor nieuwe aanbieders"
        return "Geen contract"


def contract_status(
    provider_id: str,
    product_code: str,
    municipality_code: str,
    start: date,
    end: date,
    catalogue: Catalogue,
) -> ContractStatus:
    """Whether the provider may deliver the product here from start up to and including end.

    Back-to-back contracts count together. A provider without a contract in a segment that the
    municipality closed to new providers cannot get one, which the picker says.
    """
    mine = [
        c
        for c in catalogue.contracts_of(provider_id)
        if c.product_code == product_code and c.municipality_code == municipality_code
    ]
    until = covered_until(mine, start)
    if until is not None and until >= end:
        return ContractStatus(ContractKind.VALID)
    if until is not None:
        return ContractStatus(ContractKind.ENDS_EARLY, until)
    product = catalogue.products.get(product_code)
    if product is not None and _segment_closed_to(provider_id, product.segment, municipality_code, catalogue):
        return ContractStatus(ContractKind.CLOSED)
    return ContractStatus(ContractKind.NONE)


def _segment_closed_to(provider_id: str, segment: str, municipality_code: str, catalogue: Catalogue) -> bool:
    if not any(
        g.municipality_code == municipality_code and g.segment == segment for g in catalogue.closed_groups
    ):
        return False
    # A provider that already had a contract in the segment here is not new to it.
    for c in catalogue.contracts_of(provider_id):
        product = catalogue.products.get(c.product_code or "")
        if c.municipality_code == municipality_code and product is not None and product.segment == segment:
            return False
    return True


def offers_product(provider_id: str, product_code: str, catalogue: Catalogue) -> bool:
    """Whether the provider delivers this kind of product at all (any municipality or period)."""
    provider = catalogue.providers.get(provider_id)
    if provider is not None and product_code in provider.waiting_weeks:
        return True
    return any(c.product_code == product_code for c in catalogue.contracts_of(provider_id))


# --- own provider first ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OwnProviderStatus:
    provider_id: str
    provider: Provider | None  # None when the id is not in the current catalogue
    status: ContractStatus
    offers_product: bool

    @property
    def keep(self) -> bool:
        """The own provider can simply be kept for this allocation."""
        return self.status.is_valid


def own_provider_status(
    member: Member, allocation: Allocation, catalogue: Catalogue, household: Household
) -> OwnProviderStatus | None:
    """The member's own provider and its contract for this allocation; None without one."""
    pid = member.own_provider_id
    if not pid:
        return None
    status = contract_status(
        pid, allocation.product_code, household.municipality_code, allocation.start, allocation.end, catalogue
    )
    return OwnProviderStatus(
        pid, catalogue.providers.get(pid), status, offers_product(pid, allocation.product_code, catalogue)
    )


def provider_name(provider_id: str | None, catalogue: Catalogue) -> str:
    if not provider_id:
        return "(geen aanbieder)"
    provider = catalogue.providers.get(provider_id)
    return provider.name if provider is not None else "(onbekende aanbieder)"


# --- continuity routes -----------------------------------------------------------------------


def continuity_findings(
    allocation: Allocation, member: Member, catalogue: Catalogue, household: Household
) -> list[Finding]:
    """Problems with the recorded continuity route of this allocation (none without a route)."""
    cont = allocation.continuity
    if cont is None:
        return []
    out: list[Finding] = []

    def err(code: str, message: str) -> None:
        out.append(Finding(f"continuity.{code}", Severity.ERROR, message, "allocation", allocation.id))

    own = provider_name(cont.own_provider_id, catalogue)
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

    if cont.route is ContinuityRoute.BRIDGING:
        if cont.until is None:
            err(
                "bridging_no_until",
                f"Vul in tot wanneer de overbruggingsovereenkomst met {own} loopt.",
            )
        elif cont.until < allocation.start:
            err(
                "bridging_before_start",
                f"De overbruggingsovereenkomst met {own} eindigt op {date_words(cont.until)}, "
                f"vóór de start van de toewijzing ({date_words(allocation.start)}). "
                "Kies een latere datum of een andere route.",
            )
        if allocation.provider_id != cont.own_provider_id:
            err(
                "bridging_other_provider",
                "Bij een overbruggingsovereenkomst levert de eigen aanbieder de zorg. "
                f"Kies {own} als aanbieder van deze toewijzing.",
            )
    elif cont.route is ContinuityRoute.SUBCONTRACTING:
        main_id = cont.main_provider_id
        if not main_id:
            err(
                "no_main_provider",
                f"Kies de hoofdaannemer met contract waaronder {own} de zorg levert.",
            )
        elif main_id not in catalogue.providers:
            err(
                "main_provider_unknown",
                "De gekozen hoofdaannemer staat niet (meer) in de lijst van aanbieders. "
                "Kies een andere hoofdaannemer.",
            )
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
                main = provider_name(main_id, catalogue)
                detail = (
                    f"het contract loopt maar tot en met {date_words(status.until)}"
                    if status.until is not None
                    else "er is geen contract"
                )
                err(
                    "main_not_contracted",
                    f"Hoofdaannemer {main} heeft geen contract voor dit product in deze gemeente "
                    f"voor de hele periode ({detail}). Kies een hoofdaannemer met een geldig contract.",
                )
        if allocation.provider_id not in (None, cont.own_provider_id, main_id):
            err(
                "subcontracting_other_provider",
                f"Bij onderaanneming levert {own} de zorg onder de hoofdaannemer. "
                f"Kies {own} of de hoofdaannemer als aanbieder van deze toewijzing.",
            )
    elif cont.route is ContinuityRoute.PGB:
        if allocation.form is not Form.PGB:
            err(
                "pgb_form",
                f"De route is een pgb, zodat de cliënt zelf zorg kan inkopen bij {own}. Zet de vorm van de "
                "toewijzing op pgb.",
            )
    elif cont.route is ContinuityRoute.OTHER_PROVIDER:
        if not cont.reason.strip():
            err(
                "no_reason",
                f"Schrijf op waarom de cliënt niet bij {own} blijft en een andere aanbieder krijgt.",
            )
        if not cont.client_consent:
            err(
                "no_consent",
                "Leg vast dat de cliënt instemt met de andere aanbieder.",
            )
        if allocation.provider_id and allocation.provider_id == cont.own_provider_id:
            err(
                "other_is_own",
                f"De route is 'andere aanbieder', maar de gekozen aanbieder is de eigen aanbieder {own}. "
                "Kies een andere aanbieder of een andere route.",
            )
    return out


# --- ranking ---------------------------------------------------------------------------------


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


# --- type-to-filter --------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case without accents, so "Zorggroep Ëlan" is found by typing "elan"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


class ProviderIndex:
    """Built once per catalogue; filters providers by a typed query over name, AGB code and expertise.

    Every word of the query must occur somewhere in the provider's text (in any order).
    """

    __slots__ = ("_rows", "_text")

    def __init__(self, providers: Iterable[Provider]) -> None:
        self._text: dict[str, str] = {}
        for p in sorted(providers, key=lambda p: fold(p.name)):
            self._text[p.id] = fold(" ".join((p.name, p.agb, *p.expertise)))
        self._rows = list(self._text.items())  # (id, folded text), by name

    @classmethod
    def from_catalogue(cls, catalogue: Catalogue) -> ProviderIndex:
        return cls(catalogue.providers.values())

    def __len__(self) -> int:
        return len(self._rows)

    def filter(self, query: str, among: Sequence[str] | None = None) -> list[str]:
        """Ids of the providers matching `query`, in the order of `among` (default: by name).

        `among` is typically the ranked list of the picker; ids unknown to the index are dropped.
        """
        if among is None:
            rows = self._rows
        else:
            text = self._text
            rows = [(i, text[i]) for i in among if i in text]
        for word in fold(query).split():  # narrow per word: each pass is one tight comprehension
            rows = [row for row in rows if word in row[1]]
        return [i for i, _ in rows]

    def matches(self, provider_id: str, query: str) -> bool:
        t = self._text.get(provider_id)
        return t is not None and all(w in t for w in fold(query).split())


__all__ = [
    "OPEN_END",
    "ContractKind",
    "ContractStatus",
    "OwnProviderStatus",
    "ProviderChoice",
    "ProviderIndex",
    "continuity_findings",
    "contract_status",
    "fold",
    "offers_product",
    "own_provider_status",
    "provider_name",
    "rank_providers",
    "serving_provider_ids",
]
