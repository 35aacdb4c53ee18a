"""Errors of the persistence layer; `str(error)` is a Dutch sentence fit to show the user.

Each kind of failure has its own class and its own sentence that says what happened and what to
do: a full disk is not a damaged file, and a read-only folder is not a reason to restore a backup.
`from_os_error` and `from_sqlite_error` turn what the operating system or SQLite reports into one
of these; callers show `str(error)` in the window and on the command line alike.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from planner.errors import FrozenPlanError
from planner.model import PlanStatus

# SQLite's primary result codes; sqlcipher3's errors carry them too but are not sqlite3 classes.
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 3, 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN = 10, 11, 13, 14
_SQLITE_CONSTRAINT, _SQLITE_NOTADB = 19, 26


class DatabaseError(Exception):
    """The database cannot be used as asked. `retry` says whether trying again later may help."""

    retry = False


class NotOursError(DatabaseError):
    """A file that is no Trajectplanner database (another program's, or no SQLite at all)."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Het bestand {path.name} is geen bruikbare Trajectplanner-database: het hoort bij een "
            "ander programma of is geen database. Het bestand is niet gewijzigd. Kies het juiste "
            "databasebestand."
        )


class DamagedError(DatabaseError):
    """The file is a Trajectplanner database, but SQLite finds it damaged."""

    def __init__(self, path: Path, detail: str = "") -> None:
        what = f" ({detail})" if detail else ""
        super().__init__(
            f"De database {path.name} is beschadigd{what}. U kunt alleen lezen; wijzigingen worden "
            "niet opgeslagen. Het bestand is niet gewijzigd. Voer ‘trajectplanner check’ uit voor "
            "details en zet zo nodig een reservekopie terug (maak eerst een kopie van dit bestand)."
        )


class UnreadableError(DamagedError):
    """The file could not even be opened for reading: a damaged or truncated file."""

    def __init__(self, path: Path, detail: str = "") -> None:
        what = f" ({detail})" if detail else ""
        DatabaseError.__init__(
            self,
            f"Het bestand {path.name} is geen bruikbare Trajectplanner-database meer: het is "
            f"beschadigd en kan niet worden gelezen{what}. Het bestand is niet gewijzigd. Zet een "
            "reservekopie terug; bewaar dit bestand voor onderzoek.",
        )


class StaleWalError(DamagedError):
    """A `-wal` file of another (older) state of the database lies next to it."""

    def __init__(self, path: Path) -> None:
        DatabaseError.__init__(
            self,
            f"Naast de database {path.name} staat een achtergebleven logbestand ({path.name}-wal) "
            "dat niet bij dit bestand hoort, bijvoorbeeld omdat een reservekopie is teruggezet "
            "terwijl het programma nog open was of was vastgelopen. Er is niets gewijzigd. Sluit "
            f"alle vensters van Trajectplanner, verplaats {path.name}-wal en {path.name}-shm naar "
            "een andere map en open de database opnieuw.",
        )


class HouseholdUnreadableError(DamagedError):
    """One household's rows cannot be read (a damaged page)."""

    def __init__(self, case_number: str | None) -> None:
        which = f"met dossiernummer {case_number}" if case_number else "dat u koos"
        DatabaseError.__init__(
            self,
            f"Het huishouden {which} kan niet worden gelezen: de database is op die plek "
            "beschadigd. Andere huishoudens zijn wel te openen. Voer ‘trajectplanner check’ uit en "
            "zet zo nodig een reservekopie terug.",
        )


class NewerSchemaError(DatabaseError):
    """The file was written by a newer Trajectplanner; it is left untouched."""

    def __init__(self, revision: str) -> None:
        self.revision = revision
        super().__init__(
            f"Deze database is gemaakt met een nieuwere versie van Trajectplanner "
            f"(schemaversie {revision}). Werk het programma bij; de database is niet gewijzigd."
        )


class DiskFullError(DatabaseError):
    retry = True

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"De schijf waarop {path.name} staat is vol; er kon niets worden opgeslagen. Uw gegevens "
            "zijn in orde. Maak ruimte vrij (verwijder of verplaats andere bestanden) en "
            "probeer het opnieuw."
        )


class ReadOnlyError(DatabaseError):
    """The file, its folder or the medium cannot be written: the database opens read-only."""

    def __init__(self, path: Path, where: str) -> None:
        self.where = where
        reason = {
            "file": f"het bestand {path.name} is alleen-lezen gemaakt",
            "folder": f"in de map {path.parent} mag niet worden geschreven",
            "media": f"de schijf of stick met {path.name} is alleen-lezen",
        }[where]
        super().__init__(
            f"De database kan alleen worden gelezen: {reason}. Bekijken en afdrukken kan; "
            "wijzigingen worden niet opgeslagen. Wilt u wijzigen, vraag dan schrijfrechten aan of "
            "kopieer de database naar een map waarin u mag schrijven."
        )


class CannotCreateError(DatabaseError):
    """A new database cannot be made where it was asked for."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"De database {path.name} kan niet worden aangemaakt: in de map {path.parent} mag niet "
            "worden geschreven (of de schijf is alleen-lezen). Er is niets gewijzigd. Kies een map "
            "waarin u mag schrijven, bijvoorbeeld in uw eigen documenten."
        )


class PermissionDeniedError(DatabaseError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"U hebt geen toegang tot {path}: het besturingssysteem weigert het lezen. Het bestand "
            "is niet gewijzigd. Vraag de beheerder om leesrechten, of kies een ander bestand."
        )


class DanglingLinkError(DatabaseError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} is een snelkoppeling naar een bestand dat niet (meer) bestaat. Er is niets "
            "aangemaakt of gewijzigd. Herstel de koppeling (bijvoorbeeld door de netwerkschijf te "
            "verbinden) of kies het databasebestand zelf."
        )


class NotAFileError(DatabaseError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} is een map of apparaat, geen databasebestand. Kies een databasebestand.")


class LockedError(DatabaseError):
    """Another program kept the write lock longer than we wait."""

    retry = True

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"De database {path.name} is bezet: een ander programma schrijft er nu in. Er is niets "
            "verloren. Wacht even; het opslaan wordt vanzelf opnieuw geprobeerd."
        )


class AlreadyOpenError(DatabaseError):
    """Another window of Trajectplanner on this computer has the database open."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"De database {path.name} is al geopend in een ander venster van Trajectplanner op deze "
            "computer. Werk in dat venster verder, of sluit het en open de database dan opnieuw."
        )


class ConstraintError(DatabaseError):
    """A save would break a rule the database guards (e.g. a second concept plan)."""


class UnexpectedDatabaseError(DatabaseError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"De database {path.name} gaf een onverwachte fout. Er is niets half opgeslagen. "
            "Details staan in het logbestand; probeer het opnieuw of neem contact op met de beheerder."
        )


def from_os_error(exc: OSError, path: Path, *, writing: bool) -> DatabaseError:
    """The Dutch error for an operating-system failure on the database file or its folder."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(path)
    if exc.errno == errno.EROFS:
        return ReadOnlyError(path, "media")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return ReadOnlyError(path, "folder") if writing else PermissionDeniedError(path)
    if exc.errno == errno.ENOENT and path.is_symlink():
        return DanglingLinkError(path)
    if exc.errno in (errno.EISDIR, errno.ENOTDIR):
        return NotAFileError(path)
    return UnexpectedDatabaseError(path)


def from_sqlite_error(exc: BaseException, path: Path) -> DatabaseError:
    """The Dutch error for a failure SQLite reported (directly or wrapped by SQLAlchemy)."""
    orig = getattr(exc, "orig", exc)
    code = getattr(orig, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    message = str(orig).lower()
    if primary == _SQLITE_FULL or "database or disk is full" in message:
        return DiskFullError(path)
    if primary == _SQLITE_READONLY or "readonly database" in message:
        return ReadOnlyError(path, read_only_reason(path) or "folder")
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or "database is locked" in message:
        return LockedError(path)
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "malformed" in message or "not a database" in message:
        return DamagedError(path, "SQLite: " + str(orig))
    if primary in (_SQLITE_CANTOPEN, _SQLITE_PERM):
        return PermissionDeniedError(path)
    if primary == _SQLITE_IOERR:  # e.g. IOERR_SHMSIZE: the -shm could not grow on a full disk
        return DiskFullError(path) if _nearly_full(path) else UnexpectedDatabaseError(path)
    if type(orig).__name__ == "IntegrityError" or primary == _SQLITE_CONSTRAINT:
        return ConstraintError(
            "Deze wijziging past niet bij wat er al in de database staat; er is niets opgeslagen. "
            "Controleer de gegevens en probeer het opnieuw."
        )
    return UnexpectedDatabaseError(path)


def _nearly_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < 1 << 20
    except OSError:
        return False


def _may(path: Path, mode: int) -> bool:
    """os.access for the effective user (who the program runs as), where the system can tell."""
    return os.access(path, mode, effective_ids=os.access in os.supports_effective_ids)


def read_only_reason(path: Path) -> str | None:
    """ "file", "folder" or "media" when the database at `path` cannot be written, else None.

    A file without its owner's write bit is read-only by the user's choice, also for root (who
    could write it anyway); we never chmod it."""
    try:
        if os.statvfs(path.parent).f_flag & os.ST_RDONLY:
            return "media"
    except (OSError, AttributeError):  # no statvfs on Windows
        pass
    try:
        if not os.stat(path).st_mode & stat.S_IWUSR or not _may(path, os.W_OK):
            return "file"
    except OSError:
        return None
    if not _may(path.parent, os.W_OK | os.X_OK):
        return "folder"
    return None


_BUSY_CODES = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def _is_busy_error(error: object) -> bool:
    # Both drivers: sqlite3, and sqlcipher3 (encrypted files), whose errors are its own classes.
    if getattr(error, "sqlstate", None) in ("55P03", "40P01", "40001"):  # PostgreSQL (db/postgres.py)
        return True
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
