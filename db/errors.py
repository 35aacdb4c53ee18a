"""Errors of the persistence layer; `str(error)` is a Dutch sentence fit to show the user."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from planner.errors import FrozenPlanError
from planner.model import PlanStatus


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


_BUSY_CODES = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def _is_busy_error(error: object) -> bool:
    # Both drivers: sqlite3, and sqlcipher3 (encrypted files), whose errors are its own classes.
    if type(error).__name__ != "OperationalError" or not isinstance(error, Exception):
        return False
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _BUSY_CODES
    return str(error).startswith(("database is locked", "database table is locked"))


def is_busy(exc: BaseException) -> bool:
    """True when `exc`, or what caused it, is SQLite saying another connection holds the lock.

    Busy is not broken: the same save succeeds once the other program lets go.
    """
    seen: BaseException | None = exc
    visited: set[int] = set()
    while seen is not None and id(seen) not in visited:
        visited.add(id(seen))
        for candidate in (seen, getattr(seen, "orig", None)):  # SQLAlchemy keeps the driver's error
            if _is_busy_error(candidate):
                return True
        seen = seen.__cause__ or seen.__context__
    return False


# --- saving over a change made elsewhere ---------------------------------------------------------

RecordKind = Literal["household", "member", "plan", "life_area", "allocation"]
Change = Literal["changed", "deleted_elsewhere", "removed_here", "added_elsewhere"]


@dataclass(frozen=True, slots=True)
class FieldConflict:
    """One field that this window and another writer both changed, to different values.

    `field` is the model attribute (e.g. "street", "current_situation", "goals", "coordinator");
    values are model values (str, date, enum, list of Goal, Coordinator, ...). `base` is what both
    started from, None when it is not known; `stored` is None when the record was deleted
    elsewhere, `ours` is None when this window removed the record.
    """

    field: str
    stored: Any
    ours: Any
    base: Any = None


@dataclass(frozen=True, slots=True)
class RecordConflict:
    """One record (household, member, plan, life area or allocation) that could not be saved."""

    kind: RecordKind
    id: str
    parent_id: str  # the household of a member, the plan of a life area or allocation; else itself
    # "changed": changed on both sides; "deleted_elsewhere": deleted elsewhere, changed here;
    # "removed_here": removed in this window, changed elsewhere; "added_elsewhere": only when
    # deciding, a record another writer added to the plan (the decision would not include it)
    change: Change
    our_revision: int  # the revision this window read
    stored_revision: int | None  # the revision in the database now; None when deleted elsewhere
    # The fields that clash: for "changed" those both sides changed; for "deleted_elsewhere" those
    # changed here (stored None); for "removed_here" those changed elsewhere (ours None); for
    # "added_elsewhere" all of them (ours None).
    fields: tuple[FieldConflict, ...]
    # For "changed": the fields only the other writer changed (ours == base). They clash with
    # nothing; whatever is chosen for `fields`, these take the stored value.
    elsewhere: tuple[FieldConflict, ...] = ()


class ConflictError(DatabaseError):
    """Another window or computer changed the same record since it was read; nothing was saved.

    The whole save is rolled back. `conflicts` says per record and per field what is stored now
    and what this window wanted, so the window can show it and let the professional choose;
    `db.conflicts.resolve` then applies the choice to the window's objects for the next save.
    """

    def __init__(self, conflicts: Sequence[RecordConflict]) -> None:
        self.conflicts = tuple(conflicts)
        super().__init__(
            "Deze gegevens zijn intussen ergens anders gewijzigd (in een ander venster of op een andere "
            "computer). Er is niets opgeslagen en niets overschreven; uw wijzigingen staan nog in het "
            "venster. Kies per veld welke waarde u wilt houden en sla dan opnieuw op."
        )


class PlanDecidedElsewhereError(FrozenPlanError):
    """The concept plan this window edits was decided (or closed) elsewhere; nothing was saved.

    A FrozenPlanError, so code that refuses changes to frozen plans handles it too, and a distinct
    type, because saving again can never succeed: the window must reload the plan.
    """

    def __init__(self, plan_id: str, stored_status: PlanStatus) -> None:
        self.plan_id = plan_id
        self.stored_status = stored_status
        super().__init__(
            f"Dit plan is intussen ergens anders {stored_status.value} (in een ander venster of op een "
            "andere computer). Uw laatste wijzigingen aan het plan zijn niet opgeslagen en kunnen ook "
            "niet meer worden opgeslagen. Sluit het huishouden en open het opnieuw; wilt u nog iets "
            "veranderen, start dan een herindicatie."
        )
