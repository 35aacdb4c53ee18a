"""The catalogue (municipalities, products, providers, contracts) through the port."""

from __future__ import annotations

from planner.catalogue import Catalogue
from planner.services.changes import Changes, Kind
from planner.services.port import UnitOfWorkFactory


def load_catalogue(storage: UnitOfWorkFactory) -> Catalogue:
    with storage.unit_of_work(write=False) as uow:
        return uow.catalogue.load()


def replace_catalogue(storage: UnitOfWorkFactory, catalogue: Catalogue) -> Changes:
    """Replace the stored catalogue by this one (the office's catalogue file), in one unit."""
    with storage.unit_of_work() as uow:
        uow.catalogue.replace(catalogue)
    return Changes.of(Kind.CATALOGUE)
