"""Static proof that `db` (and the in-memory test double) implement planner's unit-of-work port,
type-checked by tests/db/test_port.py (mypy): a repository method that drifts fails there."""

from __future__ import annotations

from db.database import Database
from db.repositories import UnitOfWork
from planner.services.port import UnitOfWorkFactory, UnitOfWorkPort
from tests.planner.memory_storage import MemoryStorage


def database_is_a_factory(db: Database) -> UnitOfWorkFactory:
    return db


def unit_of_work_is_the_port(uow: UnitOfWork) -> UnitOfWorkPort:
    return uow


def the_test_double_is_a_factory(storage: MemoryStorage) -> UnitOfWorkFactory:
    return storage
