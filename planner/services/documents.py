"""Printing through the port: who signs, which household and plan a case number means, and the
bundle a plan prints (stored decision or concept), each read in one short read-only unit of work.
The window and the command line both print through these."""

from __future__ import annotations

from datetime import date

from planner.deciding import DecisionBundle
from planner.documents import service
from planner.documents.common import Professional
from planner.documents.rendering import Document, StoredDocumentError
from planner.model import Household, Plan
from planner.reference import Reference
from planner.services.port import UnitOfWorkFactory, UnitOfWorkPort
from planner.services.settings import load_settings


class DocumentError(Exception):
    """A Dutch sentence for the user: what is missing and what to do."""


def signer(storage: UnitOfWorkFactory) -> Professional:
    """Who signs: the name and role saved in Instellingen (stored in the database)."""
    settings = load_settings(storage)
    return Professional(name=settings.name, role=settings.role)


def printable_bundle(
    storage: UnitOfWorkFactory,
    household: Household,
    plan: Plan,
    reference: Reference,
    professional: Professional,
    today: date,
) -> DecisionBundle:
    """What `plan` prints: its stored decision, else a concept (see service.printable_bundle)."""
    with storage.unit_of_work(write=False) as uow:
        catalogue = uow.catalogue.load()
        return service.printable_bundle(
            uow.decisions, household, plan, catalogue, reference, professional, today
        )


def printable_documents(
    storage: UnitOfWorkFactory,
    household: Household,
    plan: Plan,
    reference: Reference,
    professional: Professional,
    today: date,
) -> list[Document]:
    """The files `plan` prints: its decision exactly as sent (the stored PDF files, checked
    against their SHA-256), else a concept built now. A stored file that no longer matches its
    hash raises `DocumentError` (nothing is re-rendered in its place)."""
    with storage.unit_of_work(write=False) as uow:
        try:
            return service.printable_documents(
                uow.decisions, household, plan, uow.catalogue.load, reference, professional, today
            )
        except StoredDocumentError as exc:
            raise DocumentError(str(exc)) from None


def decided_documents(uow: UnitOfWorkPort, plan_id: str) -> list[Document] | None:
    """The documents of the plan's stored decision as sent (None: not decided here), read in the
    caller's unit of work; a stored file that no longer matches its hash raises `DocumentError`."""
    try:
        return service.decided_documents(uow.decisions, plan_id)
    except StoredDocumentError as exc:
        raise DocumentError(str(exc)) from None


def stored_bundle(uow: UnitOfWorkPort, plan_id: str) -> DecisionBundle | None:
    """The bundle stored when the plan was decided, read in the caller's unit of work."""
    return service.stored_bundle(uow.decisions, plan_id)


def load_case(storage: UnitOfWorkFactory, case_number: str) -> tuple[Household, Plan]:
    """The household and its current plan (the concept if there is one, else the decided plan)."""
    with storage.unit_of_work(write=False) as uow:
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
