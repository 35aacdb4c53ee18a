"""The printed documents of a household's plan, for the window and the command line (no widgets).

The document service (planner.documents.service) decides what a plan prints and renders it; this
module only opens the database for it: who signs (Instellingen), which household and plan a case
number means, and the stored decisions read in one short read-only unit of work.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from db.database import Database
from db.decisions import StoredDecisions
from planner.deciding import DecisionBundle
from planner.documents import service
from planner.documents.common import Professional
from planner.model import Household, Plan
from planner.reference import Reference

if TYPE_CHECKING:
    from db.repositories import UnitOfWork


class DocumentError(Exception):
    """A Dutch sentence for the user: what is missing and what to do."""


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
    """What `plan` prints: its stored decision, else a concept (see service.printable_bundle)."""
    with db.unit_of_work(write=False) as uow:
        catalogue = uow.catalogue.load()
        return service.printable_bundle(
            StoredDecisions(uow), household, plan, catalogue, reference, professional, today
        )


def stored_bundle(uow: UnitOfWork, plan_id: str) -> DecisionBundle | None:
    """The bundle stored when the plan was decided, read in the caller's unit of work."""
    return service.stored_bundle(StoredDecisions(uow), plan_id)


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
