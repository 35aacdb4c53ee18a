"""Opening a database file, the part that needs no SQLAlchemy: find out whether and how the file
may be opened (db/inspection.py, db/integrity.py), create a new one privately, and know the
schema versions this code can read.

Kept apart from db/database.py so the window can do this, and refuse a file, before the data
layer's 0.2 s import (issue 11): `prepare` is the first half of `Database.open`, and
`Database.open(path, prepared=...)` the second.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from db import cipher
from db.connection import DBAPI_ERRORS
from db.errors import (
    CannotCreateError,
    DamagedError,
    DanglingLinkError,
    DatabaseError,
    NotAFileError,
    ReadOnlyError,
    StaleWalError,
    from_os_error,
    from_sqlite_error,
    read_only_reason,
)
from db.inspection import Inspection, inspect, wal_has_frames
from db.integrity import damage_on_open, sqlite_check

MIGRATIONS = Path(__file__).with_name("migrations")

_REVISION_LINE = re.compile(r"^(revision|down_revision)\s*=\s*(?:['\"](\w+)['\"]|None)", re.MULTILINE)


@cache
def _revision_chain() -> dict[str, str | None]:
    """revision -> down_revision, read from the migration files' headers.

    Reading two lines per file instead of importing Alembic keeps ~0.5 s off every start; Alembic
    is imported only when a file actually needs upgrading (a test checks both agree)."""
    chain: dict[str, str | None] = {}
    for file in sorted((MIGRATIONS / "versions").glob("[0-9]*.py")):
        found = dict((key, value or None) for key, value in _REVISION_LINE.findall(file.read_text("utf-8")))
        chain[found["revision"]] = found.get("down_revision")
    return chain


def known_revisions() -> frozenset[str]:
    return frozenset(_revision_chain())


@cache
def head_revision() -> str:
    chain = _revision_chain()
    (head,) = set(chain) - {down for down in chain.values() if down}
    return head


def _create_private(path: Path) -> None:
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        if path.is_symlink() and not path.exists():
            raise DanglingLinkError(path) from None
        return  # another Trajectplanner created it a moment ago: inspect it like any file
    except OSError as exc:
        error = from_os_error(exc, path, writing=True)
        raise (CannotCreateError(path) if isinstance(error, ReadOnlyError) else error) from None
    os.close(fd)


@dataclass(frozen=True)
class Prepared:
    """A file found fit to open: how it was found, and why it must be read-only (or None)."""

    path: Path
    found: Inspection
    notice: DatabaseError | None


def prepare(path: Path, encrypt: bool = True) -> Prepared:
    """Inspect `path` (creating it privately when missing) and decide how it may be opened.

    Raises the DatabaseError that refuses it; leaves a refused file exactly as it was."""
    try:
        return _prepare(path, encrypt)
    except OSError as exc:  # e.g. a folder on the way that may not be entered
        raise from_os_error(exc, path, writing=False) from None


def _prepare(path: Path, encrypt: bool) -> Prepared:
    if path.is_symlink() and not path.exists():
        raise DanglingLinkError(path)
    if path.exists() and not path.is_file():
        raise NotAFileError(path)
    if not path.exists():
        _create_private(path)
    found = inspect(path, known_revisions(), _key_for(path, encrypt))
    notice = _why_read_only(path, found)
    if notice is not None and found.new:
        raise notice  # nothing to show in an empty file we cannot fill
    if notice is not None and found.revision != head_revision():
        raise DatabaseError(
            f"{notice} Deze database moet eerst worden bijgewerkt naar de nieuwe versie van het "
            "programma, en dat kan alleen als er in het bestand mag worden geschreven."
        )
    if notice is None:
        _tighten_mode(path)
    return Prepared(path, found, notice)


def _why_read_only(path: Path, found: Inspection) -> DatabaseError | None:
    """Why this file must be opened read-only, or None to open it for writing."""
    reason = read_only_reason(path)
    if reason is not None:
        return ReadOnlyError(path, reason)
    if found.new:
        return None
    if wal_has_frames(path):  # after a crash, or another program has it open: check through it
        try:
            verdict = sqlite_check(path, key=found.key)
        except DBAPI_ERRORS as exc:
            error = from_sqlite_error(exc, path)
            if not isinstance(error, DamagedError):
                raise error from None  # a lock held for long, a full disk: not damage
            verdict = str(exc)
        if verdict != "ok":
            if _main_file_sound(path, found.key):
                raise StaleWalError(path)  # opening for writing would merge it in for good
            return DamagedError(path, "SQLite: " + verdict.splitlines()[0][:120])
        return None
    if found.header is None:
        return None  # encrypted: no raw page scan (db/integrity.py says why), inspection checked size
    damage = damage_on_open(path, found.header)
    return DamagedError(path, damage) if damage else None


def _main_file_sound(path: Path, key: cipher.Key | None) -> bool:
    try:
        return sqlite_check(path, through_wal=False, key=key) == "ok"
    except DBAPI_ERRORS:
        return False


def _tighten_mode(path: Path) -> None:
    """Take group and other rights away from an older file; never add any (a 0400 file stays)."""
    mode = stat.S_IMODE(os.stat(path).st_mode)
    if os.name == "posix" and mode & 0o077:
        with contextlib.suppress(OSError):
            os.chmod(path, mode & ~0o077)


def _key_for(path: Path, encrypt: bool) -> cipher.Key | None:
    """The key to inspect and open `path` with: None for plain SQLite, else this user's key
    (None when there is none: inspection then says the key is missing)."""
    if cipher.is_encrypted(path):
        return cipher.stored_key()
    if path.is_file() and path.stat().st_size > 0:
        return None  # plain SQLite (or a file inspection refuses)
    return cipher.database_key() if encrypt else None
