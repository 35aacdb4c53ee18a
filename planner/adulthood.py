"""The 18th birthday: which law an allocation falls under, and the split onto the adult product.

domain.md §4.1 and §4.7. This module is the one answer to "which law?" for the rules, the costs,
the letters and the screens.

- The law the member's situation calls for (`required_law`): fixed by a split; Jeugdwet for
  extended youth care (verlengde jeugdhulp is youth care, also after 18); otherwise the member's
  age on the allocation's start date. An unsplit allocation that crosses the birthday therefore
  starts as youth care and stays Jeugdwet until it is split (the rules ask for the split).
- The law the allocation falls under (`allocation_law`): a product that falls under one law only
  is decided under that law (a Jeugdwet-only product is never treated as Wmo); a product under
  both laws follows `required_law`. Where the two differ, the rules say so.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Protocol

from planner import periods
from planner.hours import MINUTES_PER_HOUR, to_iwmo
from planner.model import Allocation, Frequency, Law, Member, Plan, Product, Unit, new_id

__all__ = [
    "BirthdayProposal",
    "adult_product_code",
    "allocation_law",
    "birthday_proposal",
    "member_law",
    "needs_split",
    "required_law",
    "split_allocation",
    "split_member_allocations",
]

ONE_DAY = timedelta(days=1)


class _Products(Protocol):
    @property
    def products(self) -> Mapping[str, Product]: ...


class _Terms(Protocol):
    @property
    def adult_age(self) -> int: ...


class _Reference(Protocol):
    """What this module reads of `planner.reference.Reference`."""

    @property
    def terms(self) -> _Terms: ...

    def product(self, code: str) -> Product: ...


def member_law(member: Member | None, on: date, adult_age: int) -> Law | None:
    """The law for the member on a date (under 18 Jeugdwet, else Wmo); None without a birth date."""
    if member is None or member.birth_date is None:
        return None
    return periods.law_on(member.birth_date, on, adult_age)


def required_law(allocation: Allocation, member: Member | None, adult_age: int) -> Law | None:
    """The law the member's age, a split or extended youth care call for; None when unknown."""
    if allocation.law is not None:
        return allocation.law
    if allocation.extended_youth_care:
        return Law.JEUGDWET
    return member_law(member, allocation.start, adult_age)


def allocation_law(
    allocation: Allocation, member: Member | None, adult_age: int, product: Product | None = None
) -> Law | None:
    """THE law of an allocation: the product's when it falls under one law, else `required_law`."""
    if product is not None and len(product.laws) == 1:
        return next(iter(product.laws))
    return required_law(allocation, member, adult_age)


def needs_split(allocation: Allocation, member: Member, adult_age: int) -> bool:
    """Youth care (not extended) that runs past the day before the 18th birthday."""
    if member.birth_date is None or allocation.extended_youth_care or allocation.end < allocation.start:
        return False
    if required_law(allocation, member, adult_age) is not Law.JEUGDWET:
        return False
    birthday = periods.eighteenth_birthday(member.birth_date, adult_age)
    return allocation.start < birthday <= allocation.end


def adult_product_code(
    product_code: str, catalogue: _Products, reference: _Reference | None = None
) -> str | None:
    """The Wmo product that continues a youth product at 18: from the catalogue, else the reference.

    (A catalogue read back from the database may not carry `adult_product`; the region's reference
    catalogue does.)
    """
    youth = catalogue.products.get(product_code)
    if youth is not None and youth.adult_product:
        return youth.adult_product
    if reference is None:
        return None
    try:
        return reference.product(product_code).adult_product
    except (KeyError, LookupError):
        return None


def _minutes_of(volume: int, unit: Unit) -> int | None:
    if unit is Unit.MINUTE:
        return volume
    if unit is Unit.HOUR:
        return volume * MINUTES_PER_HOUR
    return None


def _onto_product(part: Allocation, adult: Product) -> Allocation:
    """The Wmo part on the adult product: same amount, in the adult product's unit where needed."""
    volume, unit, frequency = part.volume, part.unit, part.frequency
    if unit is not adult.unit and adult.unit in (Unit.MINUTE, Unit.HOUR):
        minutes = _minutes_of(volume, unit)
        if minutes is not None:
            volume, unit, frequency = (
                (minutes, Unit.MINUTE, Frequency.PER_WEEK) if adult.unit is Unit.MINUTE else to_iwmo(minutes)
            )
    if frequency not in adult.frequencies and adult.frequencies:
        frequency = adult.frequencies[0]
    return replace(part, product_code=adult.code, volume=volume, unit=unit, frequency=frequency)


def split_allocation(
    allocation: Allocation,
    member: Member,
    adult_age: int,
    catalogue: _Products | None = None,
    reference: _Reference | None = None,
) -> list[Allocation]:
    """The allocation split at the 18th birthday: a Jeugdwet part and a Wmo part (domain.md §4.7).

    Returns new allocations (new ids, the hours lines and the continuity route copied) that
    together cover the original period, each with its law fixed, or the allocation itself when
    there is nothing to split. With a catalogue the Wmo part moves to the youth product's adult
    product; without one (or without an adult product) it keeps the product, and the rules say
    when that product is not a Wmo product.
    """
    if member.birth_date is None or allocation.end < allocation.start:
        return [allocation]
    law_parts = periods.split_at_adulthood(allocation.start, allocation.end, member.birth_date, adult_age)
    if len(law_parts) == 1:
        return [allocation]
    adult = None
    if catalogue is not None:
        code = adult_product_code(allocation.product_code, catalogue, reference)
        adult = catalogue.products.get(code) if code else None
    out = []
    for law_part in law_parts:
        part = replace(
            allocation,
            id=new_id(),
            start=law_part.start,
            end=law_part.end,
            law=law_part.law,
            extended_youth_care=False,
            hours_lines=[replace(line, id=new_id()) for line in allocation.hours_lines],
            continuity=copy.copy(allocation.continuity),
        )
        if law_part.law is Law.WMO and adult is not None:
            part = _onto_product(part, adult)
        out.append(part)
    return out


def split_member_allocations(plan: Plan, member: Member, catalogue: _Products, reference: _Reference) -> Plan:
    """The plan with every allocation of `member` that crosses the birthday split (the proposal
    accepted for all of them); other allocations stay as they are."""
    adult_age = reference.terms.adult_age
    allocations: list[Allocation] = []
    for a in plan.allocations:
        if a.member_id == member.id and needs_split(a, member, adult_age):
            allocations.extend(split_allocation(a, member, adult_age, catalogue, reference))
        else:
            allocations.append(a)
    return replace(plan, allocations=allocations)


@dataclass(frozen=True, slots=True)
class BirthdayProposal:
    """What the app proposes when youth care crosses the 18th birthday (the screen words it)."""

    member_name: str  # given name, for the banner
    adult_age: int
    birthday: date
    last_youth_day: date
    parts: tuple[Allocation, ...]
    adult_product: Product | None  # the product the Wmo part moves to; None: keeps the product


def birthday_proposal(
    allocation: Allocation, member: Member, catalogue: _Products, reference: _Reference
) -> BirthdayProposal | None:
    """The split proposal when a youth-care allocation crosses the 18th birthday (None otherwise)."""
    adult_age = reference.terms.adult_age
    if not needs_split(allocation, member, adult_age):
        return None
    parts = split_allocation(allocation, member, adult_age, catalogue, reference)
    if len(parts) < 2:
        return None
    wmo = parts[1]
    adult = catalogue.products.get(wmo.product_code) if wmo.product_code != allocation.product_code else None
    name = member.given_names or member.full_name or "Dit gezinslid"
    return BirthdayProposal(name, adult_age, wmo.start, parts[0].end, tuple(parts), adult)
