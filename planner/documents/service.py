"""The document service: which bundle a plan prints, and that bundle as PDF files (data in, bytes out).

A decided plan prints the PDF files stored when it was decided, byte for byte as sent (domain.md
§5.9; a decision stored before the files were kept re-renders its stored bundle in invariant
mode); any other plan prints as a concept, built fresh and watermarked. What the service reads
from storage is the small `DecisionSource` protocol below; the unit of work's decision store
(`planner.services.port.DecisionStore`, implemented by `db`) satisfies it, a test can use a dict.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from planner.catalogue import Catalogue
from planner.deciding import DecisionBundle, concept_bundle
from planner.documents.common import Professional
from planner.documents.rendering import (
    Document,
    StoredDocument,
    StoredDocumentError,
    all_documents,
    letter_documents,
    plan_document,
    verified,
)
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


class DocumentSource(DecisionSource, Protocol):
    """The stored decisions with the PDF files rendered when they were decided."""

    def documents(self, plan_id: str) -> list[StoredDocument]:
        """The files stored with the plan's decision, in order; empty when none were stored."""
        ...


__all__ = [
    "DecidedPlan",
    "DecisionSource",
    "Document",
    "DocumentSource",
    "StoredDocument",
    "StoredDocumentError",
    "all_documents",
    "decided_documents",
    "letter_documents",
    "plan_document",
    "printable_bundle",
    "printable_documents",
    "stored_bundle",
]


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


def decided_documents(source: DocumentSource, plan_id: str) -> list[Document] | None:
    """The documents of a stored decision exactly as sent, or None when the plan has none.

    The files stored at deciding, checked against their SHA-256 (`StoredDocumentError` when one
    no longer matches); a decision stored before files were kept: its bundle in invariant mode."""
    rows = source.documents(plan_id)
    if rows:
        return verified(rows)
    bundle = stored_bundle(source, plan_id)
    return None if bundle is None else all_documents(bundle, invariant=True)


def printable_documents(
    source: DocumentSource,
    household: Household,
    plan: Plan,
    catalogue: Catalogue | Callable[[], Catalogue],
    reference: Reference,
    professional: Professional,
    today: date,
) -> list[Document]:
    """What `plan` prints: its decision as sent, else a concept built now (the catalogue may be
    passed as a function, read only for a concept)."""
    sent = decided_documents(source, plan.id)
    if sent is not None:
        return sent
    products = catalogue() if callable(catalogue) else catalogue
    return all_documents(concept_bundle(household, plan, products, reference, today, professional, today))
