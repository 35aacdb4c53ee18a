"""The document service: which bundle a plan prints, and that bundle as PDF files (data in, bytes out).

A decided plan prints from the bundle stored when it was decided, exactly as sent (domain.md
§5.9); any other plan prints as a concept, built fresh and watermarked. What the service reads
from storage is the small `DecisionSource` protocol below; the unit of work's decision store
(`planner.services.port.DecisionStore`, implemented by `db`) satisfies it, a test can use a dict.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from planner.catalogue import Catalogue
from planner.deciding import DecisionBundle, concept_bundle
from planner.documents.common import Professional
from planner.documents.letter import render_letter
from planner.documents.plan_document import render_plan_document
from planner.model import Household, Plan
from planner.reference import Reference


@dataclass(frozen=True, slots=True)
class DecidedPlan:
    case_number: str
    household_id: str
    plan_id: str
    decided_on: date


class DecisionSource(Protocol):
    """What the document service reads: the stored decisions."""

    def get(self, plan_id: str) -> str | None:
        """The bundle stored when the plan was decided, as JSON; None when it has none."""
        ...

    def decided_since(self, since: date) -> list[DecidedPlan]:
        """Plans with a stored decision, decided on or after `since`, oldest first."""
        ...


@dataclass(frozen=True, slots=True)
class Document:
    title: str  # shown in the preview list: "Brief aan M. Jansen (over Daan Jansen)"
    filename: str  # no names in file names: "DEMO-0001-1-2.pdf"
    kind: str  # "letter" | "plan"
    concept: bool
    pdf: bytes


def stored_bundle(source: DecisionSource, plan_id: str) -> DecisionBundle | None:
    """The bundle stored when the plan was decided, or None (not decided here)."""
    text = source.get(plan_id)
    return DecisionBundle.from_json(text) if text is not None else None


def printable_bundle(
    source: DecisionSource,
    household: Household,
    plan: Plan,
    catalogue: Catalogue,
    reference: Reference,
    professional: Professional,
    today: date,
) -> DecisionBundle:
    """What to print for `plan`: the stored decision if it has one, else a concept dated today."""
    stored = stored_bundle(source, plan.id)
    if stored is not None:
        return stored
    return concept_bundle(household, plan, catalogue, reference, today, professional, today)


def letter_documents(bundle: DecisionBundle, invariant: bool = False) -> list[Document]:
    """One PDF per letter of the bundle (`invariant`: byte-stable output, for comparing)."""
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


def all_documents(bundle: DecisionBundle, invariant: bool = False) -> list[Document]:
    """The letters, then the plan document: what the preview shows."""
    return [*letter_documents(bundle, invariant), plan_document(bundle, invariant)]
