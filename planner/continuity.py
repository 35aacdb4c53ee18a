"""The one registry of continuity routes: how a member keeps (or knowingly leaves) their own provider.

domain.md §4.7. Each route says what must be recorded for it, who then delivers the care, whether
the allocation becomes a pgb, how it lifts the contract rule, the letter's text and the findings
when something is missing. The data lives in `resources/continuity_routes.toml` (read by
`planner.reference`); this module holds the route identifiers and the shape of that data, and
imports nothing else from `planner` so that `planner.model` can use the identifiers.

The rules (`planner.rules.continuity`), the choice of the allocation's fields
(`planner.allocations.apply_route`), the continuity dialog, the letter and the timeline all read
this registry; adding a route is an identifier here plus its entry in `resources/`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planner.model import Allocation

__all__ = [
    "CHECKS",
    "ContinuityRoute",
    "ContractLift",
    "Deliverer",
    "FindingText",
    "Need",
    "RouteRegistry",
    "RouteSpec",
    "default_routes",
    "letter_paragraph",
]


class ContinuityRoute(StrEnum):
    """The routes; the values are stored in the database and in exported files."""

    BRIDGING = "overbrugging"
    SUBCONTRACTING = "onderaanneming"
    PGB = "pgb"
    OTHER_PROVIDER = "andere_aanbieder"


class Need(StrEnum):
    """What the professional records for a route."""

    UNTIL = "until"  # the date up to which the own provider may deliver
    MAIN_PROVIDER = "main_provider"  # a main provider with a contract for the whole period
    OTHER_PROVIDER = "other_provider"  # another contracted provider delivers
    REASON = "reason"  # why, in words
    CONSENT = "consent"  # the client agrees


class Deliverer(StrEnum):
    """Who delivers the care under the route."""

    OWN = "own"
    OWN_OR_MAIN = "own_or_main"
    CLIENT = "client"  # the client buys it with a pgb: no provider on the allocation
    OTHER = "other"  # any provider but the own one


class ContractLift(StrEnum):
    """How the route lifts rule 4 (a contract for product × municipality over the period)."""

    NONE = "none"  # the delivering provider needs its own contract
    UNTIL = "until"  # lifted for the own provider up to the route's date
    MAIN = "main"  # the main provider's contract counts (checked with the route)


# Every finding a route can give, and the need, deliverer or form that makes it apply.
CHECKS: Mapping[str, str] = {
    "until_missing": Need.UNTIL,
    "until_before_start": Need.UNTIL,
    "until_ends": Need.UNTIL,
    "main_missing": Need.MAIN_PROVIDER,
    "main_unknown": Need.MAIN_PROVIDER,
    "main_not_contracted": Need.MAIN_PROVIDER,
    "other_missing": Need.OTHER_PROVIDER,
    "reason_missing": Need.REASON,
    "consent_missing": Need.CONSENT,
    "deliverer": "deliverer",  # every route but the pgb one names who delivers
    "form": "pgb",  # a pgb route
}


@dataclass(frozen=True, slots=True)
class FindingText:
    code: str  # e.g. "continuity.bridging_no_until"
    text: str  # Dutch, with {placeholders}


@dataclass(frozen=True, slots=True)
class RouteSpec:
    route: ContinuityRoute
    label: str  # Dutch, for the dialog and the editor
    name: str  # Dutch, short, within a sentence: "overbrugging"
    remedies: tuple[str, ...]  # the contract problems (`ContractKind` values) the route resolves
    undo: str  # Dutch, for the undo step
    needs: tuple[Need, ...]
    deliverer: Deliverer
    pgb: bool  # the allocation's form becomes pgb
    contract: ContractLift
    keeps_reason: bool  # a reason recorded earlier for this route is kept when it is chosen again
    letter_text: str  # key in texts.toml
    timeline_mark: str  # Dutch, with {own_provider} and {until}; "" for no mark
    plan_end_text: str  # key in texts.toml: the plan document's timeline line on the route's end; ""
    findings: Mapping[str, FindingText]

    def finding(self, check: str) -> FindingText:
        return self.findings[check]

    def applies(self, check: str) -> bool:
        """Whether the check belongs to this route (the loader requires its text then)."""
        what = CHECKS[check]
        if what == "deliverer":
            return self.deliverer is not Deliverer.CLIENT
        if what == "pgb":
            return self.pgb
        if check == "until_ends":
            return self.contract is ContractLift.UNTIL
        return Need(what) in self.needs


@dataclass(frozen=True, slots=True)
class RouteRegistry:
    routes: tuple[RouteSpec, ...]  # in the order the dialog shows them
    choose_route: str  # Dutch: the dialog's prompt before a route is chosen

    def __iter__(self) -> Iterator[RouteSpec]:
        return iter(self.routes)

    def __len__(self) -> int:
        return len(self.routes)

    def names_for(self, problem: str) -> list[str]:
        """The short names of the routes that resolve a contract problem, in order."""
        return [s.name for s in self.routes if problem in s.remedies]

    def __getitem__(self, route: ContinuityRoute) -> RouteSpec:
        for spec in self.routes:
            if spec.route is route:
                return spec
        raise KeyError(route)


@functools.cache
def default_routes() -> RouteRegistry:
    """The product's routes (from the reference data), for callers without a `Reference`."""
    from planner.reference import load_reference  # the loader imports the model, which imports us

    return load_reference().continuity_routes


def letter_paragraph(
    routes: RouteRegistry,
    allocation: Allocation,
    provider_name: Callable[[str | None], str],
    text: Callable[..., str],
    date_words: Callable[[date], str],
) -> str:
    """The letter's sentence about the recorded route ("" without one), from the route's text key.

    `text(key, **values)` is `Reference.text`; every route's text may use `own_provider`,
    `main_provider`, `provider`, `until` (the route's date, else the allocation's end) and `reason`.
    """
    c = allocation.continuity
    if c is None:
        return ""
    return text(
        routes[c.route].letter_text,
        own_provider=provider_name(c.own_provider_id),
        main_provider=provider_name(c.main_provider_id),
        provider=provider_name(allocation.provider_id),
        until=date_words(c.until or allocation.end),
        reason=c.reason,
    )
