"""The printed documents of a household's plan, for the window and the command line (no widgets).

A decided plan prints from the bundle stored when it was decided (exactly as sent); any other
plan prints as a concept, built fresh and watermarked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from db.database import Database
from db.decisions import printable_bundle
from planner.deciding import DecisionBundle
from planner.documents.common import Professional
from planner.documents.letter import render_letter
from planner.documents.plan_document import render_plan_document
from planner.model import Household, Plan
from planner.reference import Reference


class DocumentError(Exception):
    """A Dutch sentence for the user: what is missing and what to do."""


@dataclass(frozen=True, slots=True)
class Document:
    title: str  # shown in the preview list: "Brief aan M. Jansen (over Daan Jansen)"
    filename: str  # no names in file names: "DEMO-0001-1-2.pdf"
    kind: str  # "letter" | "plan"
    concept: bool
    pdf: bytes


def professional_from_settings(db: Database) -> Professional:
    """Who signs: the name and role saved in Instellingen (stored in the database)."""
    from ui.settings import KEY_NAME, KEY_ROLE  # the workspace owns the keys

    with db.unit_of_work(write=False) as uow:
        return Professional(name=uow.settings.get(KEY_NAME) or "", role=uow.settings.get(KEY_ROLE) or "")


def bundle_for(
    db: Database,
    household: Household,
    plan: Plan,
    reference: Reference,
    professional: Professional,
    today: date,
) -> DecisionBundle:
    with db.unit_of_work(write=False) as uow:
        return printable_bundle(uow, household, plan, uow.catalogue.load(), reference, professional, today)


def letter_documents(bundle: DecisionBundle, invariant: bool = False) -> list[Document]:
    docs = []
    for letter in bundle.letters:
        about = letter.about_member
        title = f"Brief aan {letter.addressee.name}" + (
            f" (over {about})" if about not in letter.addressee.name else ""
        )
        suffix = "-concept" if letter.concept else ""
        docs.append(
            Document(
                title,
                f"{letter.reference}{suffix}.pdf",
                "letter",
                letter.concept,
                render_letter(letter, invariant),
            )
        )
    return docs


def plan_document(bundle: DecisionBundle, invariant: bool = False) -> Document:
    snapshot = bundle.plan_document
    suffix = "-concept" if snapshot.concept else ""
    return Document(
        "Ondersteuningsplan",
        f"{bundle.case_number}-ondersteuningsplan{suffix}.pdf",
        "plan",
        snapshot.concept,
        render_plan_document(snapshot, invariant),
    )


def all_documents(bundle: DecisionBundle) -> list[Document]:
    return [*letter_documents(bundle), plan_document(bundle)]


def load_case(db: Database, case_number: str) -> tuple[Household, Plan]:
    """The household and its current plan (the concept if there is one, else the decided plan)."""
    with db.unit_of_work(write=False) as uow:
        household = uow.households.by_case_number(case_number.strip())
        if household is None:
            raise DocumentError(
                f"Er is geen huishouden met dossiernummer ‘{case_number}’. "
                "Kijk het nummer na; de lijst staat in: trajectplanner list"
            )
        plan = uow.plans.active(household.id)
    if plan is None:
        raise DocumentError(
            f"Huishouden {household.case_number} heeft nog geen plan; er is niets af te drukken."
        )
    return household, plan
