"""Errors of the persistence layer; `str(error)` is a Dutch sentence fit to show the user."""

from __future__ import annotations


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
