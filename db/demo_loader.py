"""Load the demo region into a database: catalogue, showcase households, generated households."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from db import schema as s
from db.database import Database
from db.errors import DatabaseError
from db.health import COUNTED
from db.repositories import UnitOfWork
from planner.catalogue import Catalogue
from planner.demo import build_demo_region, demo_decision, generate_households, stable_id
from planner.documents.common import Professional
from planner.model import Household, Plan, PlanStatus
from planner.reference import Reference, load_reference
from planner.services.deciding import store_decision

BATCH = 2_000  # households per executemany batch: bounded memory, still few statements


class RealDataError(DatabaseError):
    """The database holds households that did not come from the demo."""

    def __init__(self, count: int) -> None:
        super().__init__(
            f"Deze database bevat {count} echte huishouden(s), niet uit de demo. De demo vervangt de "
            "catalogus met aanbieders en contracten; daarom is er niets gewijzigd. Laad de demo in "
            "een aparte database (trajectplanner demo --db demo.db), of gebruik --force als u het "
            "zeker weet."
        )


def real_households(uow: UnitOfWork) -> int:
    """Households not made by the demo: every demo household's id is derived from its case number."""
    rows = uow.connection.execute(select(s.households.c.id, s.households.c.case_number))
    return sum(1 for r in rows if r.id != stable_id("household", r.case_number))


def load_demo(
    db: Database, today: date, households: int = 0, seed: int = 2026, *, force: bool = False
) -> dict[str, int]:
    """Replace the catalogue with the demo region's, add the showcase households that are not there
    yet and `households` generated ones, all in one transaction. Returns counts per kind.

    Refuses (RealDataError, nothing changed) a database with real households unless `force`;
    a provider or product that a stored plan refers to is kept, never deleted."""
    reference = load_reference()
    region = build_demo_region(reference, today, seed)
    with db.unit_of_work() as uow:
        real = real_households(uow)
        if real and not force:
            raise RealDataError(real)
        uow.catalogue.replace(_keeping_referenced(uow, region.catalogue))
        new = [(h, ps) for h, ps in region.showcase if uow.households.by_case_number(h.case_number) is None]
        signer = Professional(region.professional)
        _insert(uow, new, region.catalogue, reference, signer, render=True)
        first = uow.counts()["households"] + 1
        batch: list[tuple[Household, list[Plan]]] = []
        for item in generate_households(households, region.catalogue, reference, today, seed, first):
            batch.append(item)
            if len(batch) == BATCH:
                _insert(uow, batch, region.catalogue, reference, signer)
                batch = []
        _insert(uow, batch, region.catalogue, reference, signer)
        counts = uow.counts()
    return {kind: counts.get(table, 0) for kind, table in COUNTED.items()}


def _keeping_referenced(uow: UnitOfWork, demo: Catalogue) -> Catalogue:
    """The demo catalogue plus the stored providers (with their contracts) and products that a
    plan, allocation or member refers to and the demo does not have."""
    conn = uow.connection
    provider_ids: set[str] = set()
    for column in (
        s.allocations.c.provider_id,
        s.plans.c.coordinator_provider_id,
        s.members.c.own_provider_id,
    ):
        found: list[object] = list(conn.execute(select(column).distinct()).scalars())
        provider_ids |= {str(v) for v in found if v}
    product_codes: set[str] = set(conn.execute(select(s.allocations.c.product_code).distinct()).scalars())
    missing_providers = provider_ids - demo.providers.keys()
    missing_products = product_codes - demo.products.keys()
    if not missing_providers and not missing_products:
        return demo
    stored = uow.catalogue.load()
    kept = {pid: stored.providers[pid] for pid in missing_providers if pid in stored.providers}
    return Catalogue(
        municipalities={**stored.municipalities, **demo.municipalities},
        segments={**stored.segments, **demo.segments},
        products={
            **{c: stored.products[c] for c in missing_products if c in stored.products},
            **demo.products,
        },
        providers={**demo.providers, **kept},
        contracts=[*demo.contracts, *(c for c in stored.contracts if c.provider_id in kept)],
        closed_groups=set(demo.closed_groups),
    )


def _insert(
    uow: UnitOfWork,
    batch: list[tuple[Household, list[Plan]]],
    catalogue: Catalogue,
    reference: Reference,
    signer: Professional,
    *,
    render: bool = False,
) -> None:
    """Insert the households and their other plans in bulk; every plan marked decided is decided the
    way the program decides (`demo_decision`) and stored, plan and decision, with `store_decision`,
    so its letters reprint as sent and `letters --decided-since` finds them. With `render` (the
    showcase) the files as sent are stored too; a generated history keeps its bundles only, which
    reprint through the invariant re-render: rendering thousands of plans would make loading slow."""
    decided = [
        demo_decision(household, plans, plan, catalogue, reference, signer, render=render)
        for household, plans in batch
        for plan in plans
        if plan.status is PlanStatus.DECIDED
    ]
    uow.bulk_insert_households(
        [h for h, _ in batch], [p for _, ps in batch for p in ps if p.status is not PlanStatus.DECIDED]
    )
    for outcome in decided:
        store_decision(uow, outcome)
