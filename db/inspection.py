"""Looking at an existing file before opening it for writing, without changing anything.

Inspection must not create, change or delete a file — not even the `-wal`/`-shm` files: another
Trajectplanner may be starting on the same file at the same moment and be using them (an earlier
version deleted them and lost that process's commits). So:

* the 100-byte SQLite header is read as plain bytes (magic, page size, application_id); an
  encrypted (SQLCipher) file has no plain header — its first bytes are random — so it is
  identified through a keyed connection instead (`PRAGMA application_id` after the key), and a
  key that does not open it is the key's problem (cipher.WrongKeyError), not a foreign file;
* with no `-wal` next to the file, the main file holds everything: it is read through an
  `immutable` connection, which makes no side files and takes no locks;
* with a `-wal`, a live or crashed writer may have data there: a `mode=ro&readonly_shm=1`
  connection reads through it without writing even its read marks into the `-shm` (SQLite then
  builds the WAL index in its own memory), and never removes anything.

The file is ours when its `application_id` is APPLICATION_ID (set on creation and on every
upgrade). A file without an id is adopted only when it holds our tables and an Alembic revision
of ours (a file of an older Trajectplanner); anything else is refused.
"""

from __future__ import annotations

import contextlib
import logging
import time
from dataclasses import dataclass
from pathlib import Path

from db import cipher
from db.connection import DBAPI_ERRORS, Mode, connect, is_transient
from db.errors import (
    DamagedError,
    NewerSchemaError,
    NotOursError,
    StaleWalError,
    UnreadableError,
    from_os_error,
    from_sqlite_error,
)

log = logging.getLogger(__name__)

APPLICATION_ID = 0x5472506C  # "TrPl"; SQLite's application_id is a signed 32-bit integer
SQLITE_HEADER = cipher.SQLITE_HEADER
PATIENCE_S = 3.0  # how long another program starting on the same file is waited for
CIPHER_PAGE_SIZE = 4096  # SQLCipher 4's page size; Trajectplanner never sets another
OUR_TABLES = frozenset({"households", "members", "plans", "settings", "alembic_version"})


@dataclass(frozen=True)
class Header:
    page_size: int
    wal_mode: bool
    page_count: int  # as the main file's header says; 0 when SQLite left it unset
    application_id: int

    @classmethod
    def parse(cls, data: bytes) -> Header:
        page_size = int.from_bytes(data[16:18], "big")
        page_size = 65536 if page_size == 1 else page_size
        counter, valid_for = data[24:28], data[92:96]
        count = int.from_bytes(data[28:32], "big") if counter == valid_for else 0
        app_id = int.from_bytes(data[68:72], "big", signed=True)
        return cls(page_size, data[18] == 2 and data[19] == 2, count, app_id)


@dataclass(frozen=True)
class Inspection:
    """What an existing file is: `new` for an empty file, else its revision and header."""

    new: bool
    revision: str | None = None
    has_id: bool = False
    header: Header | None = None  # None for an encrypted file: its header is not plain
    key: cipher.Key | None = None  # the key it opened with; None for plain SQLite


def side_file(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def wal_has_frames(path: Path) -> bool:
    """A -wal with frames in it: a crashed session's, a live writer's, or a stale one."""
    try:
        return side_file(path, "-wal").stat().st_size > 32  # 32 bytes: the WAL header alone
    except OSError:
        return False


def inspect(path: Path, known: frozenset[str], key: cipher.Key | None = None) -> Inspection:
    """What `path` is; raises a DatabaseError subclass for a file we must not open.

    `key` is this user's database key (None when none exists yet); a plain file never needs it."""
    try:
        with path.open("rb") as f:
            data = f.read(100)
    except OSError as exc:
        raise from_os_error(exc, path, writing=False) from None
    if data == b"":
        return Inspection(new=True, key=key)  # an empty file: made by us a moment ago, or by the user
    if not data.startswith(SQLITE_HEADER):
        return _inspect_encrypted(path, known, key)
    if len(data) < 100:
        raise UnreadableError(path, "het bestand is afgekapt")
    header = Header.parse(data)
    if header.application_id not in (0, APPLICATION_ID):
        raise NotOursError(path)  # another program's SQLite file: not even opened
    _check_size_patiently(path, header)
    tables, revision, app_id = _read(path, None)
    if app_id not in (0, APPLICATION_ID):
        raise NotOursError(path)  # the id in the -wal differs from the main file's
    return _judge(path, known, tables, revision, app_id, header, None)


def _inspect_encrypted(path: Path, known: frozenset[str], key: cipher.Key | None) -> Inspection:
    """A file that is not plain SQLite: ours only if this user's key opens it."""
    if key is None:
        raise cipher.KeyMissingError(path)
    _check_whole_pages(path)
    tables, revision, app_id = _read(path, key)
    if app_id not in (0, APPLICATION_ID):
        raise NotOursError(path)  # an encrypted file of another program that uses our key
    return _judge(path, known, tables, revision, app_id, None, key)


def _check_whole_pages(path: Path) -> None:
    """The encrypted file's stand-in for the page scan (db/integrity.py says why it needs none).

    A file that is not whole pages was cut off. One cut at a page boundary is shorter than page 1
    records, which SQLite itself refuses on the first read. Only the size is looked at: another
    program may be starting on the file right now, and a second connection would race it."""
    if path.stat().st_size % CIPHER_PAGE_SIZE:
        raise UnreadableError(path, "het bestand is afgekapt")


def _judge(
    path: Path,
    known: frozenset[str],
    tables: set[str],
    revision: str | None,
    app_id: int,
    header: Header | None,
    key: cipher.Key | None,
) -> Inspection:
    if not tables:
        return Inspection(new=True, header=header, key=key)
    if app_id == APPLICATION_ID:
        if revision is None:
            raise UnreadableError(path, "de schemaversie ontbreekt")
        if revision not in known:
            raise NewerSchemaError(revision)
        return Inspection(new=False, revision=revision, has_id=True, header=header, key=key)
    # No id: only a file of an older Trajectplanner (our tables, our revision) is adopted.
    if not tables >= OUR_TABLES or revision not in known:
        raise NotOursError(path)
    return Inspection(new=False, revision=revision, has_id=False, header=header, key=key)


def _check_size_patiently(path: Path, header: Header) -> None:
    """A checkpoint of another program writes page 1 (with the new page count) before the pages
    that extend the file: with a -wal beside it, a short file may be one being written."""
    deadline = time.monotonic() + PATIENCE_S
    while True:
        try:
            _check_size(path, header)
            return
        except UnreadableError:
            if not side_file(path, "-wal").exists() or time.monotonic() > deadline:
                raise
        time.sleep(0.02)
        with contextlib.suppress(OSError), path.open("rb") as f:
            header = Header.parse(f.read(100))


def _check_size(path: Path, header: Header) -> None:
    """A file shorter than its header says, or not whole pages, was cut off."""
    size = path.stat().st_size
    if header.page_size < 512 or header.page_size & (header.page_size - 1):
        raise UnreadableError(path, "de kop van het bestand is beschadigd")
    if size % header.page_size:
        raise UnreadableError(path, "het bestand is afgekapt")
    if header.page_count and size < header.page_count * header.page_size:
        raise UnreadableError(path, "het bestand is afgekapt")


def _read(path: Path, key: cipher.Key | None) -> tuple[set[str], str | None, int]:
    """Table names, Alembic revision and application_id, read without side effects.

    Another program may be creating the file or its -wal/-shm at this very moment: a failure
    that can pass (a lock, a -shm not there yet, a file still changing) is retried for a few
    seconds before it counts."""
    wal = side_file(path, "-wal")
    deadline = time.monotonic() + PATIENCE_S
    while True:
        immutable = not wal.exists()
        state = _state(path)
        try:
            return _query(path, "immutable" if immutable else "read", key)
        except DBAPI_ERRORS as exc:
            failure = exc
        code = getattr(failure, "sqlite_errorcode", 0) & 0xFF
        busy = is_transient(failure) or _state(path) != state or wal.exists() != (not immutable)
        if not busy or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    log.warning("database inspection failed: %s", getattr(failure, "sqlite_errorname", "?"))
    if not immutable and code == 14 and not side_file(path, "-shm").exists():
        # A -wal without its -shm (a copied or half-removed pair): SQLite must make the -shm.
        try:
            return _query(path, "read_shared", key)
        except DBAPI_ERRORS as exc:
            failure = exc
    if key is not None and code == 26:
        # "file is not a database" through a key: page 1 does not decrypt (another key, damage
        # to page 1, or random bytes) — the key's message, which names both possibilities.
        raise cipher.WrongKeyError(path, key)
    error = from_sqlite_error(failure, path)
    if type(error) is DamagedError:
        if not immutable and _main_file_alone_is_sound(path, key):
            raise StaleWalError(path)
        raise UnreadableError(path)
    raise error


def _state(path: Path) -> tuple[int, int, bool]:
    """What changes while another program writes: size and time of the file, a rollback journal."""
    try:
        info = path.stat()
    except OSError:
        return (-1, -1, False)
    return (info.st_size, info.st_mtime_ns, side_file(path, "-journal").exists())


def _query(path: Path, mode: Mode, key: cipher.Key | None) -> tuple[set[str], str | None, int]:
    con = connect(path, mode, key=key)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        revision = None
        if "alembic_version" in tables:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        return tables, revision, app_id
    finally:
        con.close()


def _main_file_alone_is_sound(path: Path, key: cipher.Key | None) -> bool:
    """Whether the main file, ignoring the -wal beside it, is a sound database of ours: then the
    -wal is what breaks it (a stale one next to a restored backup)."""
    try:
        con = connect(path, "immutable", key=key)
        try:
            ok = con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            return ok and con.execute("PRAGMA application_id").fetchone()[0] in (0, APPLICATION_ID)
        finally:
            con.close()
    except DBAPI_ERRORS:
        return False
