"""The region's catalogue in memory, indexed for the questions the plan asks of it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from planner.model import ClosedGroup, Contract, Distance, Municipality, Product, Provider, Segment


@dataclass(slots=True)
class Catalogue:
    municipalities: dict[str, Municipality] = field(default_factory=dict)
    segments: dict[str, Segment] = field(default_factory=dict)
    products: dict[str, Product] = field(default_factory=dict)
    providers: dict[str, Provider] = field(default_factory=dict)
    contracts: list[Contract] = field(default_factory=list)
    closed_groups: set[ClosedGroup] = field(default_factory=set)
    _by_provider: dict[str, list[Contract]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.reindex()

    def reindex(self) -> None:
        by_provider: dict[str, list[Contract]] = defaultdict(list)
        for c in self.contracts:
            by_provider[c.provider_id].append(c)
        self._by_provider = dict(by_provider)

    def contracts_of(self, provider_id: str) -> list[Contract]:
        return self._by_provider.get(provider_id, [])

    def product_contract(
        self, provider_id: str, product_code: str, municipality_code: str, start: date, end: date
    ) -> Contract | None:
        """The contract that lets this provider deliver the product here over the whole period."""
        for c in self.contracts_of(provider_id):
            if (
                c.product_code == product_code
                and c.municipality_code == municipality_code
                and c.covers(start, end)
            ):
                return c
        return None

    def coordination_contract(
        self, provider_id: str, cell: tuple[str, Distance], municipality_code: str, start: date, end: date
    ) -> Contract | None:
        for c in self.contracts_of(provider_id):
            if c.cell == cell and c.municipality_code == municipality_code and c.covers(start, end):
                return c
        return None
