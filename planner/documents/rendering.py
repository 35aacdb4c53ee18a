"""A decision's documents as PDF files, and the files stored with a decision as it was sent.

`all_documents` lays a bundle out (letters, then the plan document). At deciding, every document
is rendered in reportlab's invariant mode and stored as bytes with its SHA-256
(`StoredDocument`); a reprint returns exactly those bytes after checking the hash (`verified`),
so a letter sent last year prints the same whatever changes later in the renderer's code.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.documents.letter import render_letter
from planner.documents.plan_document import render_plan_document

if TYPE_CHECKING:
    from planner.deciding import DecisionBundle


@dataclass(frozen=True, slots=True)
class Document:
    title: str  # shown in the preview list: "Brief aan M. Jansen (over Daan Jansen)"
    filename: str  # no names in file names: "DEMO-0001-1-2.pdf"
    kind: str  # "letter" | "plan"
    concept: bool
    pdf: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.pdf).hexdigest()


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """One document as stored with its decision: written once, never changed."""

    position: int  # order in the preview: the letters, then the plan document
    kind: str
    title: str
    filename: str
    sha256: str  # of `pdf`, taken when it was rendered at deciding
    pdf: bytes


class StoredDocumentError(ValueError):
    """A stored document whose bytes no longer match their SHA-256 (message in Dutch)."""


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


def to_store(documents: Sequence[Document]) -> tuple[StoredDocument, ...]:
    """The rows stored with a decision, in the order given."""
    return tuple(
        StoredDocument(n, d.kind, d.title, d.filename, d.sha256, d.pdf) for n, d in enumerate(documents)
    )


def verified(rows: Sequence[StoredDocument]) -> list[Document]:
    """The stored documents in their order, each checked against its SHA-256: a mismatch is an
    error, never a silent new rendering (that would no longer be the letter that was sent)."""
    docs = []
    for row in sorted(rows, key=lambda r: r.position):
        if hashlib.sha256(row.pdf).hexdigest() != row.sha256:
            raise StoredDocumentError(
                f"Het opgeslagen document {row.filename} is beschadigd: de inhoud klopt niet meer met "
                "de controlecode die bij het vaststellen is vastgelegd. Er is niets afgedrukt. "
                "Zet een back-up van de database terug of neem contact op met functioneel beheer."
            )
        docs.append(Document(row.title, row.filename, row.kind, False, row.pdf))
    return docs
