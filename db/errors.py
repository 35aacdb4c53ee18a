"""Errors of the persistence layer; `str(error)` is a Dutch sentence fit to show the user."""

from __future__ import annotations

import sqlite3


class DatabaseError(Exception):
    """The database file cannot be used (damaged, not a database, not ours)."""


class NewerSchemaError(DatabaseError):
    """The file was written by a newer Trajectplanner; it is left untouched."""

    def __init__(self, revision: str) -> None:
        self.revision = revision
        super().__init__(
            f"Deze database is gemaakt met een nieuwere versie van Trajectplanner "
            f"(schemaversie {revision}). Werk het programma bij; de database is niet gewijzigd."
        )


class ConstraintError(DatabaseError):
    """A save would break a rule the database guards (e.g. a second concept plan)."""


def is_busy(exc: BaseException) -> bool:
    """True when `exc`, or what caused it, is SQLite saying another connection holds the lock.

    Busy is not broken: the same save succeeds once the other program lets go.
    """
    seen: BaseException | None = exc
    visited: set[int] = set()
    while seen is not None and id(seen) not in visited:
        visited.add(id(seen))
        for candidate in (seen, getattr(seen, "orig", None)):  # SQLAlchemy keeps the driver's error
            if isinstance(candidate, sqlite3.OperationalError):
                code = getattr(candidate, "sqlite_errorcode", None)
                if code is not None and code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
                    return True
        seen = seen.__cause__ or seen.__context__
    return False
