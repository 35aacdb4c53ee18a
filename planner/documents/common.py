"""What the letter and the plan document both say: who sends and signs, names of laws,
providers and the coordinator, and the address lines. Words come from resources/texts.toml."""

from __future__ import annotations

from dataclasses import dataclass

from planner import hours
from planner.catalogue import Catalogue
from planner.documents.snapshots import Sender
from planner.model import CoordinatorKind, Household, Law, Plan, Unit
from planner.postcode import normalise_postcode
from planner.reference import Letterhead, Reference


@dataclass(frozen=True, slots=True)
class Professional:
    """Who signs the letter (by mandate) and whom the client can call."""

    name: str
    role: str = ""  # defaults to the letterhead's signer role
    phone: str = ""  # defaults to the team's number
    email: str = ""


def law_name(law: Law | None, ref: Reference) -> str:
    """ "Wmo 2015", "Jeugdwet" (texts.toml [law]); "" when the law is not known."""
    return ref.text(f"law.{law.value}") if law is not None else ""


def about_text(ref: Reference, key: str, child: str | None, **values: object) -> str:
    """The text `key`; in a letter to the parent(s) about `child` (given name) its "_child" variant
    where there is one, which names the child where the plain text says "uw": the support is the
    child's, not the parent's. The young adult's own letter passes no child and keeps "uw"."""
    if child is not None and f"{key}_child" in ref.texts:
        return ref.text(f"{key}_child", name=child, **values)
    return ref.text(key, **values)


def letterhead_sender(letterhead: Letterhead) -> Sender:
    return Sender(
        municipality=letterhead.name,
        team=letterhead.team,
        street=letterhead.street,
        postcode_city=letterhead.postcode_city,
        phone=letterhead.phone,
        email=letterhead.email,
        website=letterhead.website,
        return_address=letterhead.return_address,
    )


def address_lines(household: Household) -> tuple[str, ...]:
    street = " ".join(p for p in (household.street, household.house_number) if p)
    city = " ".join(p for p in (normalise_postcode(household.postcode), household.city) if p)
    return tuple(line for line in (street, city) if line)


def provider_name(catalogue: Catalogue, provider_id: str | None) -> str:
    if provider_id is None:
        return ""
    provider = catalogue.providers.get(provider_id)
    return provider.name if provider else ""


def coordinator_name(plan: Plan, catalogue: Catalogue, letterhead: Letterhead, ref: Reference) -> str:
    c = plan.coordinator
    if c is None:
        return ""
    if c.kind is CoordinatorKind.PROVIDER:
        return provider_name(catalogue, c.provider_id)
    if c.kind is CoordinatorKind.ACCESS_TEAM:
        return letterhead.team
    return ref.text("plan.coordinator_household")


# How many minutes one unit of the iWmo/iJw code list WJ756 stands for, where a reader needs the
# hours to check an amount: a dagdeel is 4 hours, an etmaal 24 (facts.md §3; domain.md §6 Units).
UNIT_MINUTES: dict[Unit, int] = {Unit.DAYPART: 4 * 60, Unit.ETMAAL: 24 * 60}


def with_hours(amount: str, volume: int, unit: Unit, suffix: str, ref: Reference) -> str:
    """ "2 dagdelen per week" -> "2 dagdelen per week, dat is 8 uur per week"; other units as they are."""
    per_unit = UNIT_MINUTES.get(unit)
    if per_unit is None:
        return amount
    spoken = f"{hours.minutes_words(volume * per_unit)} {suffix}".strip()
    return ref.text("letter.unit_hours", amount=amount, hours=spoken)


def sentence(text: str) -> str:
    """Free text as one sentence: trimmed, ending in exactly one full stop (no ".." after a reason
    that already ended with one); "" stays ""."""
    text = text.strip()
    if not text:
        return ""
    if text.endswith(("...", "…")):
        return text  # an ellipsis is meant
    stripped = text.rstrip(". ")
    if not stripped:
        return ""
    return stripped if stripped.endswith(("!", "?")) else f"{stripped}."
