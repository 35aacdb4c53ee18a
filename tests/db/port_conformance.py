"""Static proof that `db` implements planner's unit-of-work port: type-checked by
tests/db/test_port.py (mypy), so a repository method that drifts from the port fails there."""

from __future__ import annotations

from db.database import Database
from db.repositories import UnitOfWork
from planner.services.port import UnitOfWorkFactory, UnitOfWorkPort


def database_is_a_factory(db: Database) -> UnitOfWorkFactory:
    return db


def unit_of_work_is_the_port(uow: UnitOfWork) -> UnitOfWorkPort:
    return uow
