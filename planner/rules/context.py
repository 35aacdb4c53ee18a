"""What every rule reads besides the thing it checks: one frozen context instead of seven parameters."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from planner.catalogue import Catalogue
from planner.hours import unit_words
from planner.model import Household, Law, Member, Plan, PlanStatus, Unit

if TYPE_CHECKING:
    from planner.reference import Reference

LAW_NAMES = {Law.WMO: "Wmo", Law.JEUGDWET: "Jeugdwet"}


@dataclass(frozen=True, slots=True)
class RuleContext:
    """The household under check and the reference it is checked against.

    One severity: what blocks deciding (no coordinator yet, ladder not filled in, ...) is an error
    while drafting too, so the findings panel, its count and the decide dialog always agree.

    `bsn_elsewhere`: per BSN of a member, the case numbers of the OTHER households that hold it.
    The rules do no I/O; the caller looks these up (planner.services.integrity) and passes them.

    `history`: the household's other stored plans, not in `plans`, counted by status. Decided and
    closed plans are frozen history that only counts for "one active plan", so a check of every
    household (`trajectplanner check`) passes their statuses instead of loading them whole.
    """

    household: Household
    catalogue: Catalogue
    reference: Reference
    today: date
    plans: tuple[Plan, ...] = field(default=())
    bsn_elsewhere: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    history: Mapping[PlanStatus, int] = field(default_factory=dict)

    @property
    def adult_age(self) -> int:
        return self.reference.terms.adult_age

    def life_area_name(self, code: str) -> str:
        try:
            return self.reference.life_area(code).name
        except (KeyError, LookupError):
            return code

    def municipality_name(self, code: str) -> str:
        m = self.catalogue.municipalities.get(code)
        if m is None:
            m = next((x for x in self.reference.municipalities if x.code == code), None)
        return m.name if m is not None else code


def who(member: Member) -> str:
    return member.full_name or "dit gezinslid"


def unit_name(unit: Unit) -> str:
    return "euro's" if unit is Unit.EURO else unit_words(2, unit).split(" ", 1)[1]


def laws_words(laws: Iterable[Law]) -> str:
    return " of ".join(LAW_NAMES[law] for law in sorted(laws))
