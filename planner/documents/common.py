"""What the letter and the plan document both say: who sends and signs, names of laws,
providers and the coordinator, and the address lines. Words come from resources/texts.toml."""

from __future__ import annotations

from dataclasses import dataclass

from planner.catalogue import Catalogue
from planner.documents.snapshots import Sender
from planner.model import CoordinatorKind, Household, Law, Plan
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
    city = " ".join(p for p in (household.postcode, household.city) if p)
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
