"""Opening the one SQLite file safely, keeping its schema current, and handing out transactions.

Opening never changes a file it is going to refuse: the file is first inspected through a
read-only SQLite connection (is it SQLite at all, is it ours, is its schema version one this code
knows), and only then opened for writing and upgraded.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from sqlalchemy import Connection, Engine, create_engine, event, text

from db import cipher
from db.errors import ConstraintError, DatabaseError, NewerSchemaError
from db.repositories import UnitOfWork

if TYPE_CHECKING:
    from alembic.config import Config

__all__ = ["ConstraintError", "Database", "DatabaseError", "NewerSchemaError"]

log = logging.getLogger(__name__)

_SQLITE_HEADER = b"SQLite format 3\x00"
_MIGRATIONS = Path(__file__).with_name("migrations")
_BUSY_TIMEOUT_S = 10.0


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    return config


_REVISION_LINE = re.compile(r"^(revision|down_revision)\s*=\s*(?:['\"](\w+)['\"]|None)", re.MULTILINE)


@cache
def _revision_chain() -> dict[str, str | None]:
    """revision -> down_revision, read from the migration files' headers.

    Reading two lines per file instead of importing Alembic keeps ~0.5 s off every start; Alembic
    is imported only when a file actually needs upgrading (a test checks both agree)."""
    chain: dict[str, str | None] = {}
    for file in sorted((_MIGRATIONS / "versions").glob("[0-9]*.py")):
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


def _damaged(path: Path) -> DatabaseError:
    return DatabaseError(
        f"Het bestand {path.name} is geen bruikbare Trajectplanner-database (het is beschadigd of "
        "van een ander soort). Het bestand is niet gewijzigd. Kies een ander bestand of zet een "
        "reservekopie terug met: trajectplanner restore BESTAND"
    )


def _inspect_read_only(path: Path, key: cipher.Key | None = None) -> str | None:
    """The schema revision stored in an existing file, or None for an empty SQLite file.

    Raises DatabaseError for anything that is not a Trajectplanner database. Uses a read-only
    connection and removes the -wal/-shm files that connection may leave, so a refused file is
    exactly as it was.
    """
    with path.open("rb") as f:
        header = f.read(len(_SQLITE_HEADER))
    if header == b"":
        return None  # an empty file: made by us a moment ago, or by the user; either way new
    if header != _SQLITE_HEADER and key is None:
        raise _damaged(path)
    side_files = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    existed = {p: p.exists() for p in side_files}
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        con = cipher.connect(uri, key, uri=True, timeout=_BUSY_TIMEOUT_S)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "alembic_version" not in tables:
                if tables:
                    raise _damaged(path)  # a SQLite file of some other program
                return None
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            return row[0] if row else None
        finally:
            con.close()
    except cipher.DBAPI_ERRORS as exc:
        log.warning("database inspection failed: %s", type(exc).__name__)
        raise (_damaged(path) if key is None else cipher.WrongKeyError(path, key)) from exc
    finally:
        for p, was_there in existed.items():
            if not was_there:
                with contextlib.suppress(FileNotFoundError):
                    p.unlink()


def _create_private(path: Path) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


class Database:
    """One open SQLite file. Create with `Database.open(path)`; close with `close()`."""

    def __init__(self, path: Path, engine: Engine, *, encrypted: bool = False) -> None:
        self.path = path
        self.engine = engine
        self.encrypted = encrypted  # SQLCipher (db/cipher.py) or plain SQLite

    # --- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, encrypt: bool = True) -> Database:
        """Open (or create) the database, upgrading an older schema to the current one.

        A new file is encrypted with this user's key unless `encrypt` is False; an existing file
        opens as it is (plain or encrypted — `encrypted` says which; cipher.encrypt_file converts).
        Raises NewerSchemaError for a file written by a newer version and DatabaseError for a
        damaged or foreign file or a missing or wrong key; in all cases the file is not modified.
        """
        path = Path(path)
        key = _key_for(path, encrypt)
        if path.exists():
            if not path.is_file():
                raise _damaged(path)
            revision = _inspect_read_only(path, key)
            if revision is not None and revision not in known_revisions():
                raise NewerSchemaError(revision)
            os.chmod(path, 0o600)  # an older file may have been created with looser rights
        else:
            _create_private(path)
        engine = _make_engine(path, key)
        db = cls(path, engine, encrypted=key is not None)
        try:
            db._upgrade()
        except cipher.DBAPI_ERRORS as exc:  # pragma: no cover - inspection catches this first
            engine.dispose()
            raise _damaged(path) from exc
        except BaseException:
            engine.dispose()
            raise
        return db

    def _upgrade(self) -> None:
        with self.engine.begin() as conn:
            before = _current_revision(conn)
            if before == head_revision():
                return
            from alembic import command

            config = _alembic_config()
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
        log.info("database schema upgraded from %s to %s", before, head_revision())

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- facts about the file --------------------------------------------------------------

    @property
    def schema_version(self) -> str:
        with self.engine.connect() as conn:
            revision = _current_revision(conn)
        assert revision is not None
        return revision

    def integrity_check(self) -> str:
        """ "ok", or SQLite's description of what is damaged."""
        with self.engine.connect() as conn:
            rows = conn.exec_driver_sql("PRAGMA integrity_check").scalars().all()
        return "\n".join(str(r) for r in rows)

    # --- transactions ----------------------------------------------------------------------

    @contextlib.contextmanager
    def unit_of_work(
        self, *, write: bool = True, busy_timeout_s: float | None = None
    ) -> Iterator[UnitOfWork]:
        """One transaction: committed when the block ends, rolled back when it raises.

        A writing unit takes the write lock at its start (BEGIN IMMEDIATE), so two writers
        queue instead of failing halfway; `write=False` only reads. `busy_timeout_s` shortens
        how long this unit waits for another connection's lock before failing (`is_busy`), for
        a background save that would rather retry than hold up the work queued behind it.
        """
        with self.engine.connect() as conn:
            conn.info["begin"] = "BEGIN IMMEDIATE" if write else "BEGIN"
            uow = UnitOfWork(conn)
            raw = None
            if busy_timeout_s is not None:  # on the driver: through SQLAlchemy it would BEGIN
                raw = conn.connection.driver_connection
                assert raw is not None  # a checked-out connection always has its driver's
                raw.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
            try:
                with conn.begin():
                    yield uow
            except BaseException:
                uow.rolled_back()  # saved objects get their old revisions back: nothing is on disk
                raise
            finally:
                conn.info.pop("begin", None)
                if raw is not None:
                    raw.execute(f"PRAGMA busy_timeout = {int(_BUSY_TIMEOUT_S * 1000)}")


def _current_revision(conn: Connection) -> str | None:
    has_table = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).first()
    if not has_table:
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _key_for(path: Path, encrypt: bool) -> cipher.Key | None:
    """The key to open `path` with: None for plain SQLite, this user's key otherwise."""
    if cipher.is_encrypted(path):
        key = cipher.stored_key()
        if key is None:
            raise cipher.KeyMissingError(path)
        return key
    if path.is_file() and path.stat().st_size > 0:
        return None  # plain SQLite (or a file inspection refuses)
    return cipher.database_key() if encrypt else None


def _make_engine(path: Path, key: cipher.Key | None = None) -> Engine:
    def connect() -> sqlite3.Connection:
        # SQLite gives -wal/-shm the rights of the database file; the umask is a second guard.
        old = os.umask(0o077)
        try:
            con = cipher.connect(str(path), key, timeout=_BUSY_TIMEOUT_S, check_same_thread=False)
            # Let SQLAlchemy emit BEGIN itself: sqlite3's own transaction handling skips it for
            # reads and commits implicitly around DDL (SQLAlchemy's documented recipe).
            con.isolation_level = None
            con.execute("PRAGMA foreign_keys = ON")
            con.execute("PRAGMA journal_mode = WAL")
            con.execute("PRAGMA cache_size = -32000")
            return con
        finally:
            os.umask(old)

    # The URL names the file so SQLAlchemy chooses its pool for file databases.
    # `module` makes SQLAlchemy wrap the errors of whichever driver `connect` uses;
    # hide_parameters: an error never carries the values of a statement (client data) to a log.
    engine = create_engine(
        f"sqlite:///{path}", creator=connect, module=cipher.dbapi(key), hide_parameters=True
    )

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql(conn.info.get("begin", "BEGIN"))

    return engine
