"""Choosing a provider (domain.md §4.5 and §4.7), in three modules with one job each:

- `contracts`: may a provider deliver a product here over a period; the own provider's status;
- `ranking`: the providers for a product, best first;
- `search`: type-to-filter over the providers;
- `split`: who delivers the Wmo part of an 18th-birthday split.

The continuity routes (what happens when the own provider cannot simply be kept) are in
`planner.continuity` (the registry) and `planner.rules.continuity` (their findings).
"""

from planner.coverage import OPEN_END
from planner.providers.contracts import (
    ContractKind,
    ContractStatus,
    OwnProviderStatus,
    contract_status,
    offers_product,
    own_provider_status,
    provider_name,
)
from planner.providers.ranking import ProviderChoice, rank_providers, serving_provider_ids
from planner.providers.search import ProviderIndex, fold
from planner.providers.split import WmoPartProvider, wmo_part_provider

__all__ = [
    "OPEN_END",
    "ContractKind",
    "ContractStatus",
    "OwnProviderStatus",
    "ProviderChoice",
    "ProviderIndex",
    "WmoPartProvider",
    "contract_status",
    "fold",
    "offers_product",
    "own_provider_status",
    "provider_name",
    "rank_providers",
    "serving_provider_ids",
    "wmo_part_provider",
]
