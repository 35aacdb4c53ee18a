"""Load the demo region into a database: catalogue, showcase households, generated households."""

from __future__ import annotations

from datetime import date

from db.database import Database
from db.health import COUNTED
from db.repositories import UnitOfWork
from planner.deciding import build_bundle
from planner.demo import build_demo_region, generate_households
from planner.documents.common import Professional
from planner.model import Household, Plan, PlanStatus
from planner.reference import load_reference

BATCH = 2_000  # households per executemany batch: bounded memory, still few statements


def load_demo(db: Database, today: date, households: int = 0, seed: int = 2026) -> dict[str, int]:
    """Replace the catalogue with the demo region's, add the showcase households that are not there
    yet and `households` generated ones, all in one transaction. Returns counts per kind."""
    reference = load_reference()
    region = build_demo_region(reference, today, seed)
    with db.unit_of_work() as uow:
        uow.catalogue.replace(region.catalogue)
        new = [(h, ps) for h, ps in region.showcase if uow.households.by_case_number(h.case_number) is None]
        uow.bulk_insert_households([h for h, _ in new], [p for _, ps in new for p in ps])
        # A decided showcase plan prints as it was sent, like any plan decided in the app.
        signer = Professional(region.professional)
        for household, plans in new:
            for plan in plans:
                if plan.status is PlanStatus.DECIDED and plan.decided_on is not None:
                    bundle = build_bundle(
                        household, plan, region.catalogue, reference, plan.decided_on, signer, today
                    )
                    uow.decisions.save(plan.id, bundle.to_json())
        first = uow.counts()["households"] + 1
        batch: list[tuple[Household, list[Plan]]] = []
        for item in generate_households(households, region.catalogue, reference, today, seed, first):
            batch.append(item)
            if len(batch) == BATCH:
                _insert(uow, batch)
                batch = []
        _insert(uow, batch)
        counts = uow.counts()
    return {kind: counts.get(table, 0) for kind, table in COUNTED.items()}


def _insert(uow: UnitOfWork, batch: list[tuple[Household, list[Plan]]]) -> None:
    uow.bulk_insert_households([h for h, _ in batch], [p for _, ps in batch for p in ps])
