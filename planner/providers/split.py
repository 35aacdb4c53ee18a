"""Who delivers the Wmo part of an 18th-birthday split (domain.md §4.7, seed 004: continuity across 18).

The provider of the youth care is kept for the adult product only if it holds that product's
contract in the household's municipality over the Wmo part. Otherwise nothing is substituted: the
screen lists the providers that hold both the youth and the adult contract there, ranked as the
picker ranks (`rank_providers`), and the professional records a continuity route with the client.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from planner.catalogue import Catalogue
from planner.model import Allocation, Form, Household, Member, Plan
from planner.providers.contracts import ContractStatus, contract_status
from planner.providers.ranking import ProviderChoice, rank_providers

__all__ = ["WmoPartProvider", "wmo_part_provider"]


@dataclass(frozen=True, slots=True)
class WmoPartProvider:
    provider_id: str  # who delivers the youth care (the allocation's provider, else the own provider)
    status: ContractStatus  # its contract for the adult product over the Wmo part
    both: tuple[ProviderChoice, ...]  # providers with both contracts, best first; () when it is kept

    @property
    def keep(self) -> bool:
        """The youth provider simply continues under the Wmo."""
        return self.status.is_valid


def wmo_part_provider(
    youth: Allocation,
    wmo: Allocation,
    member: Member,
    household: Household,
    catalogue: Catalogue,
    plans: Iterable[Plan] = (),
) -> WmoPartProvider | None:
    """Whether the youth provider can deliver the Wmo part `wmo` (the split's second part), and if
    not, who holds both contracts. None when no provider delivers the care (a pgb, none chosen)."""
    provider_id = youth.provider_id or member.own_provider_id
    if not provider_id or youth.form is Form.PGB:
        return None
    muni = household.municipality_code
    status = contract_status(provider_id, wmo.product_code, muni, wmo.start, wmo.end, catalogue)
    if status.is_valid:
        return WmoPartProvider(provider_id, status, ())
    ranked = rank_providers(
        wmo.product_code, wmo.start, wmo.end, household, catalogue, member=member, plans=plans
    )
    both = tuple(
        c
        for c in ranked
        if c.provider.id != provider_id
        and c.status.is_valid
        and contract_status(
            c.provider.id, youth.product_code, muni, youth.start, youth.end, catalogue
        ).is_valid
    )
    return WmoPartProvider(provider_id, status, both)
