"""Contract status: may a provider deliver a product here over a period; the own provider's status.

domain.md §4.5 and §4.7.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from planner.catalogue import Catalogue
from planner.coverage import covered_until
from planner.dutch import date_words
from planner.model import Allocation, Household, Member, Provider

__all__ = [
    "ContractKind",
    "ContractStatus",
    "OwnProviderStatus",
    "contract_status",
    "offers_product",
    "own_provider_status",
    "provider_name",
]


class ContractKind(StrEnum):
    VALID = "geldig"
    ENDS_EARLY = "loopt_af"  # covers the start, ends before the allocation ends
    NONE = "geen"
    CLOSED = "gesloten"  # segment closed to new providers in this municipality


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
