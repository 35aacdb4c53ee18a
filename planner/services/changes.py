"""What an operation changed: a typed, frozen value the views refresh from (Anki's OpChanges).

A kind is an enum member, so a misspelt kind is an AttributeError at import time instead of a
view that silently never refreshes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Flag, auto


class Kind(Flag):
    """The kinds of data an edit can touch; combine with `|`."""

    NONE = 0
    HOUSEHOLD = auto()  # address, municipality, safety signal
    MEMBERS = auto()  # the members and their fields
    PLAN = auto()  # fields of the current plan (dates, period, participants)
    LIFE_AREAS = auto()  # life areas with their goals and ladder
    COORDINATOR = auto()
    ALLOCATIONS = auto()  # allocations with their hours lines
    PLANS = auto()  # which plans exist, which one is current, their status
    DECISION = auto()  # a decision was recorded
    CATALOGUE = auto()  # municipalities, products, providers, contracts
    SETTINGS = auto()  # the professional's settings (who signs, default municipality)


HOUSEHOLD_DATA = Kind.HOUSEHOLD | Kind.MEMBERS
"""Saved with the household record."""
PLAN_DATA = Kind.PLAN | Kind.LIFE_AREAS | Kind.COORDINATOR | Kind.ALLOCATIONS | Kind.PLANS
"""Saved with the plan records."""


@dataclass(frozen=True, slots=True)
class Changes:
    """The kinds touched and the ids of the objects touched (may be empty: "some of them")."""

    kinds: Kind = Kind.NONE
    ids: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, kinds: Kind, *ids: str | None) -> Changes:
        return cls(kinds, frozenset(i for i in ids if i))

    def touches(self, kinds: Kind) -> bool:
        """True when any of `kinds` changed."""
        return bool(self.kinds & kinds)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.kinds | other.kinds, self.ids | other.ids)

    def __bool__(self) -> bool:
        return bool(self.kinds)

    @staticmethod
    def union(all_changes: Iterable[Changes]) -> Changes:
        result = NOTHING
        for c in all_changes:
            result = result | c
        return result


NOTHING = Changes()
