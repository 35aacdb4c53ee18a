"""Qt-free helpers behind the support tab: which products fit, amounts from minutes, customary help,
the 18th-birthday split with the adult product, and Dutch labels.

Kept free of widgets so the arithmetic the professional relies on is tested without a window.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from planner import periods
from planner.catalogue import Catalogue
from planner.dutch import date_words
from planner.hours import MINUTES_PER_HOUR, to_iwmo
from planner.model import (
    Allocation,
    Form,
    Frequency,
    HoursLine,
    Household,
    Law,
    LineKind,
    Member,
    Product,
    Unit,
)
from planner.rules import propose_adulthood_split

LAW_WORDS = {Law.WMO: "Wmo", Law.JEUGDWET: "Jeugdwet"}
FORM_WORDS = {Form.IN_KIND: "Zorg in natura (via een aanbieder)", Form.PGB: "Pgb (persoonsgebonden budget)"}
UNIT_WORDS = {
    Unit.MINUTE: "minuten",
    Unit.HOUR: "uur",
    Unit.ETMAAL: "etmalen",
    Unit.DAYPART: "dagdelen",
    Unit.PIECE_OUTPUT: "stuks",
    Unit.PIECE_EFFORT: "stuks (inspanning)",
    Unit.EURO: "euro",
}
FREQUENCY_WORDS = {
    Frequency.PER_DAY: "per dag",
    Frequency.PER_WEEK: "per week",
    Frequency.PER_MONTH: "per maand",
    Frequency.TOTAL: "in totaal",
}
TIME_UNITS = (Unit.MINUTE, Unit.HOUR)


def adult_age(reference: Any) -> int:
    return int(reference.terms.adult_age)


def member_law(member: Member, on: date, reference: Any) -> Law | None:
    """The law for the member on a date; None without a birth date."""
    if member.birth_date is None:
        return None
    return periods.law_on(member.birth_date, on, adult_age(reference))


def allocation_law(allocation: Allocation, member: Member | None, reference: Any) -> Law | None:
    """The allocation's law: fixed after a split, otherwise the member's law on the start date."""
    if allocation.law is not None:
        return allocation.law
    return None if member is None else member_law(member, allocation.start, reference)


def products_for(catalogue: Catalogue, law: Law | None) -> list[Product]:
    """Products of the catalogue under `law` (all when the law is unknown), by segment then name."""
    out = [p for p in catalogue.products.values() if law is None or law in p.laws]
    return sorted(out, key=lambda p: (p.segment, p.name.casefold(), p.code))


def product_label(product: Product, catalogue: Catalogue | None = None) -> str:
    laws = " en ".join(LAW_WORDS[law] for law in sorted(product.laws))
    return f"{product.name} ({product.code}, {laws})"


def is_time_based(product: Product) -> bool:
    return product.unit in TIME_UNITS


def volume_from_minutes(minutes: int, product: Product) -> tuple[int, Unit, Frequency]:
    """The allocation amount for weekly minutes, in the product's unit.

    Products priced per minute get minutes; products per hour get whole hours, or minutes when the
    total is not a whole number of hours (iWmo/iJw: `hours.to_iwmo`). Never rounded down.
    """
    if product.unit is Unit.MINUTE:
        return minutes, Unit.MINUTE, Frequency.PER_WEEK
    if product.unit is Unit.HOUR:
        return to_iwmo(minutes)
    raise ValueError("not a time-based product")


def minutes_of(volume: int, unit: Unit) -> int | None:
    if unit is Unit.MINUTE:
        return volume
    if unit is Unit.HOUR:
        return volume * MINUTES_PER_HOUR
    return None


# --- customary help ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CustomaryHelpProposal:
    member_id: str
    label: str  # "Gebruikelijke hulp van Daan Jansen (17 jaar)"
    minutes_per_week: int | None  # None: takes over the household as a whole
    reason: str


def _present(member: Member, on: date) -> bool:
    return member.moved_out_on is None or member.moved_out_on > on


def customary_help_proposals(
    household: Household, member: Member, table: Any, on: date
) -> list[CustomaryHelpProposal]:
    """Housemates of an age to help, per the standard table's customary-help rules, on `on`.

    Rules with 0 minutes are left out (nothing to deduct). A rule without minutes means the
    housemate is expected to take over the household as a whole (the professional records why not).
    """
    rules = list(getattr(table, "customary_help", ()) or ())
    out: list[CustomaryHelpProposal] = []
    for other in household.members:
        if other.id == member.id or other.birth_date is None or not _present(other, on):
            continue
        age = periods.age_on(other.birth_date, on)
        rule = next((r for r in rules if _rule_matches(r, age)), None)
        if rule is None:
            continue
        minutes = _rule_minutes(rule)
        if minutes == 0:
            continue
        name = other.given_names or other.full_name or "huisgenoot"
        note = str(_get(rule, "note", "") or "")
        reason = f"{_get(rule, 'name', '')}: {note}".strip(": ")
        out.append(
            CustomaryHelpProposal(other.id, f"Gebruikelijke hulp van {name} ({age} jaar)", minutes, reason)
        )
    return out


def _get(rule: Any, name: str, default: Any = None) -> Any:
    if isinstance(rule, dict):
        return rule.get(name, default)
    return getattr(rule, name, default)


def _rule_matches(rule: Any, age: int) -> bool:
    low = _get(rule, "min_age", 0) or 0
    high = _get(rule, "max_age")
    return age >= low and (high is None or age <= high)


def _rule_minutes(rule: Any) -> int | None:
    m = _get(rule, "minutes_per_week")
    return None if m is None else int(m)


def customary_lines(proposals: Iterable[CustomaryHelpProposal], activity_minutes: int) -> list[HoursLine]:
    """Hours lines for the proposals; a whole-household rule deducts all activity minutes."""
    lines = []
    for p in proposals:
        minutes = p.minutes_per_week if p.minutes_per_week is not None else activity_minutes
        reason = p.reason
        if p.minutes_per_week is None:
            reason += " Pas dit aan als overbelasting, afwezigheid of een beperking dat verhindert."
        lines.append(
            HoursLine(kind=LineKind.CUSTOMARY_HELP, label=p.label, minutes_per_week=minutes, reason=reason)
        )
    return lines


def activity_minutes(lines: Iterable[HoursLine]) -> int:
    return sum(ln.minutes_per_week for ln in lines if not ln.kind.deducts)


def activities_for(table: Any, product_code: str) -> list[Any]:
    """The standard activities that explain hours of this product (own code or `also_for`)."""
    out = []
    for a in getattr(table, "activities", ()):
        also = tuple(getattr(a, "also_for", ()) or ())
        if a.product_code == product_code or product_code in also:
            out.append(a)
    return out


# --- 18th birthday ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BirthdayProposal:
    birthday: date
    last_youth_day: date
    text: str  # the banner sentence
    parts: tuple[Allocation, ...]


def birthday_proposal(
    allocation: Allocation, member: Member, catalogue: Catalogue, reference: Any
) -> BirthdayProposal | None:
    """The split proposal when a Jeugdwet allocation crosses the 18th birthday (None otherwise)."""
    if member.birth_date is None or allocation.extended_youth_care or allocation.end < allocation.start:
        return None
    if allocation_law(allocation, member, reference) is not Law.JEUGDWET:
        return None
    parts = split_with_adult_product(allocation, member, catalogue, reference)
    if len(parts) < 2:
        return None
    birthday = parts[1].start
    last = parts[0].end
    name = member.given_names or member.full_name or "Dit gezinslid"
    text = (
        f"{name} wordt {adult_age(reference)} op {date_words(birthday)}. "
        "Splits in een Jeugdwet-deel tot en met "
        f"{date_words(last)} en een Wmo-deel vanaf {date_words(birthday)}."
    )
    return BirthdayProposal(birthday, last, text, tuple(parts))


def adult_product_code(product_code: str, catalogue: Catalogue, reference: Any) -> str | None:
    """The Wmo product that continues a youth product at 18: from the catalogue, else the reference data.

    (A catalogue read back from the database may not carry `adult_product`; the region's reference
    catalogue does.)
    """
    youth = catalogue.products.get(product_code)
    if youth is not None and youth.adult_product:
        return youth.adult_product
    try:
        return reference.product(product_code).adult_product
    except (KeyError, LookupError, AttributeError):
        return None


def split_with_adult_product(
    allocation: Allocation, member: Member, catalogue: Catalogue, reference: Any
) -> list[Allocation]:
    """`rules.propose_adulthood_split`, with the Wmo part moved to the product's adult product.

    The amount stays the same when the adult product has the same unit; the law of each part is fixed.
    """
    parts = propose_adulthood_split(allocation, member, adult_age(reference))
    if len(parts) < 2:
        return parts
    adult_code = adult_product_code(allocation.product_code, catalogue, reference)
    adult = catalogue.products.get(adult_code) if adult_code else None
    out = []
    for part in parts:
        if part.law is Law.WMO and adult is not None:
            volume, unit, frequency = part.volume, part.unit, part.frequency
            if unit is not adult.unit and is_time_based(adult):
                m = minutes_of(volume, unit)
                if m is not None:
                    volume, unit, frequency = volume_from_minutes(m, adult)
            if frequency not in adult.frequencies and adult.frequencies:
                frequency = adult.frequencies[0]
            part = replace(
                part,
                product_code=adult.code,
                volume=volume,
                unit=unit,
                frequency=frequency,
                continuity=copy.copy(part.continuity),
            )
        out.append(part)
    return out


def period_label(allocation: Allocation) -> str:
    if allocation.end < allocation.start:
        return f"{allocation.start:%d-%m-%Y} – {allocation.end:%d-%m-%Y} (einde vóór start)"
    return (
        f"{allocation.start:%d-%m-%Y} t/m {allocation.end:%d-%m-%Y} "
        f"({periods.length_words(allocation.start, allocation.end)})"
    )
