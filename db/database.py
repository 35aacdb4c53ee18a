"""Opening the one SQLite file safely, keeping its schema current, and handing out transactions.

Opening never changes a file it is going to refuse and never touches what it did not create: the
file is first inspected without side effects (db/inspection.py: is it SQLite at all, is it ours by
its application_id, is its schema version one this code knows), checked for damage
(db/integrity.py), and only then opened for writing and upgraded — or read-only, with the reason.
A new file is encrypted (db/cipher.py); an encrypted one is inspected through a keyed connection.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from db import cipher, dialect
from db.connection import BUSY_TIMEOUT_S, DBAPI_ERRORS, connect
from db.errors import (
    ConstraintError,
    DamagedError,
    DatabaseError,
    DiskFullError,
    LockedError,
    NewerSchemaError,
    from_os_error,
    from_sqlite_error,
)
from db.inspection import APPLICATION_ID, PATIENCE_S, wal_has_frames
from db.opening import MIGRATIONS, Prepared, head_revision, known_revisions, prepare
from db.repositories import UnitOfWork

if TYPE_CHECKING:
    from alembic.config import Config

__all__ = [
    "ConstraintError",
    "Database",
    "DatabaseError",
    "NewerSchemaError",
    "head_revision",
    "known_revisions",
]

log = logging.getLogger(__name__)

# What reading or writing the file can raise, from either driver or through SQLAlchemy.
_FILE_ERRORS: tuple[type[Exception], ...] = (*DBAPI_ERRORS, SQLAlchemyError)


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


class Database:
    """One open database: a SQLite file, or a PostgreSQL server's database (db/postgres.py).
    Create with `Database.open(path or URL)`; close with `close()`.

    `read_only` is set when the file cannot or must not be written (a read-only file, folder or
    medium, a full disk, damage found at open or on a read); `notice` then holds the Dutch
    sentence that says why, and every writing unit of work raises it without touching the file.
    """

    def __init__(
        self,
        path: Path | None,
        engine: Engine,
        notice: DatabaseError | None = None,
        *,
        encrypted: bool = False,
        url: str | None = None,
    ) -> None:
        self._path = path
        self.url = url  # a PostgreSQL URL, or None for a file
        self.engine = engine
        self.notice = notice
        self.encrypted = encrypted  # SQLCipher (db/cipher.py) or plain SQLite

    @property
    def on_server(self) -> bool:
        return self.url is not None

    @property
    def path(self) -> Path:
        """The database file; a server database has none (what needs one says so in Dutch)."""
        if self._path is None:
            from db.postgres import FileOnlyError

            raise FileOnlyError(self.location)
        return self._path

    @property
    def location(self) -> str:
        """Where the database is, fit to show: the file, or the server URL without its password."""
        if self.url is not None:
            from db.postgres import location

            return location(self.url)
        return str(self.path)

    @property
    def read_only(self) -> bool:
        return self.notice is not None

    # --- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, encrypt: bool = True, prepared: Prepared | None = None) -> Database:
        """Open (or create) the database, upgrading an older schema to the current one.

        A PostgreSQL URL (`postgresql+psycopg://…`) opens that server's database (db/postgres.py).

        A new file is encrypted with this user's key unless `encrypt` is False; an existing file
        opens as it is (plain or encrypted — `encrypted` says which; cipher.encrypt_file converts).
        Raises a DatabaseError subclass (a Dutch sentence) for a file that cannot be used (also a
        missing or wrong key); a foreign, damaged or newer file is left exactly as it was, side
        files included. `prepared`: the file as `db.opening.prepare` found it a moment ago (the
        window does that before this module is imported); it is inspected again only if the file
        turns out to be busy."""
        if dialect.is_url(path):
            from db.postgres import open_server_database

            return open_server_database(str(path))
        path = Path(path)
        deadline = time.monotonic() + PATIENCE_S
        while True:
            try:
                return cls._open(prepared or prepare(path, encrypt))
            except LockedError:
                # Another program starting on the same file (making it, upgrading it) had the
                # lock; nothing was written by us, so opening again is safe.
                if time.monotonic() > deadline:
                    raise
                log.info("database busy while opening; trying again")
                prepared = None
                time.sleep(0.05)

    @classmethod
    def _open(cls, prepared: Prepared) -> Database:
        path, found, notice = prepared.path, prepared.found, prepared.notice
        engine = _make_engine(path, found.key, read_only=notice is not None)
        db = cls(path, engine, notice, encrypted=found.key is not None)
        try:
            if notice is None:
                db._upgrade(found.has_id)
            else:
                db.schema_version  # noqa: B018 - the first read: fails now, not in the window
        except DatabaseError:
            engine.dispose()
            raise
        except _FILE_ERRORS as exc:
            engine.dispose()
            error = from_sqlite_error(exc, path)
            if isinstance(error, DiskFullError | DamagedError) and found.revision == head_revision():
                return cls._open_read_only(path, found.key, error)  # what is there can still be shown
            raise error from None
        except OSError as exc:
            engine.dispose()
            raise from_os_error(exc, path, writing=True) from None
        except BaseException:
            engine.dispose()
            raise
        return db

    @classmethod
    def _open_read_only(cls, path: Path, key: cipher.Key | None, notice: DatabaseError) -> Database:
        """After a write at open failed (no space, damage met on the way): viewing and printing
        still work."""
        engine = _make_engine(path, key, read_only=True)
        db = cls(path, engine, notice, encrypted=key is not None)
        try:
            db.schema_version  # noqa: B018
        except _FILE_ERRORS:
            engine.dispose()
            raise notice from None
        return db

    def _upgrade(self, has_id: bool) -> None:
        """Bring the schema to head and stamp our application_id, under the write lock so two
        programs starting at once do it once (the second finds it done)."""
        if has_id and self.schema_version_or_none() == head_revision():
            return
        with self.engine.connect() as conn:
            conn.info["begin"] = "BEGIN IMMEDIATE"
            with conn.begin():
                upgrade_to_head(conn, _current_revision(conn))
                conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- facts about the file --------------------------------------------------------------

    def schema_version_or_none(self) -> str | None:
        with self.engine.connect() as conn:
            return _current_revision(conn)

    def server_state(self) -> dict[str, object] | None:
        """What a PostgreSQL server says of itself (db/postgres.py); None for a file."""
        if not self.on_server:
            return None
        from db.postgres import server_state

        with self.engine.connect() as conn:
            return server_state(conn)

    @property
    def schema_version(self) -> str:
        revision = self.schema_version_or_none()
        assert revision is not None
        return revision

    def integrity_check(self) -> str:
        """ "ok", or SQLite's description of what is damaged (never raises for damage).

        On a server: "ok" when it answers and has found no damaged page (`server_state`)."""
        if self.on_server:
            try:
                state = self.server_state()
            except _FILE_ERRORS as exc:
                return f"server niet bereikbaar: {type(getattr(exc, 'orig', exc)).__name__}"
            assert state is not None
            failures = state["checksum_failures"]
            return "ok" if not failures else f"beschadigd: {failures} pagina's met een foute controlesom"
        try:
            with self.engine.connect() as conn:
                rows: Sequence[object] = conn.exec_driver_sql("PRAGMA integrity_check").scalars().all()
        except _FILE_ERRORS as exc:
            return f"beschadigd: {getattr(exc, 'orig', exc)}"
        return "\n".join(str(r) for r in rows)

    def case_number_of(self, household_id: str) -> str | None:
        """The case number of a household, read as plainly as possible (for messages about a
        household whose other rows are damaged); None when even that cannot be read."""
        try:
            with self.engine.connect() as conn:
                return conn.exec_driver_sql(
                    dialect.driver_sql(conn, "SELECT case_number FROM households WHERE id = ?"),
                    (household_id,),
                ).scalar()
        except _FILE_ERRORS:
            return None

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
        What SQLite or the system reports comes out as a DatabaseError subclass with a Dutch
        sentence; damage found on a read makes the database read-only from then on, so nothing
        more is saved into it. A DatabaseError raised inside the block (a ConflictError, a
        PlanDecidedElsewhereError) passes unchanged: it is no state of the file.
        """
        if write and self.notice is not None:
            raise self.notice
        try:
            with self.engine.connect() as conn:
                conn.info["begin"] = "BEGIN IMMEDIATE" if write else "BEGIN"
                uow = UnitOfWork(conn)
                raw = None
                if (
                    busy_timeout_s is not None and not self.on_server
                ):  # on the driver: through SQLAlchemy it would BEGIN
                    raw = conn.connection.driver_connection
                    assert raw is not None  # a checked-out connection always has its driver's
                    raw.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
                try:
                    with conn.begin():
                        if self.on_server:
                            from db.postgres import begin_unit

                            begin_unit(conn, write=write, busy_timeout_s=busy_timeout_s)
                        yield uow
                except BaseException:
                    uow.rolled_back()  # saved objects get their old revisions back: nothing is on disk
                    raise
                finally:
                    conn.info.pop("begin", None)
                    if raw is not None:
                        raw.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        except _FILE_ERRORS as exc:
            if isinstance(exc, SQLAlchemyError) and not isinstance(exc, DBAPIError):
                raise  # a mistake in our own statements, not a state of the file
            error = self._error(exc)
            log.warning("database error: %s", type(error).__name__)
            if isinstance(error, DamagedError):
                self.notice = error
            raise error from exc
        except OSError as exc:
            raise from_os_error(exc, self.path, writing=write) from exc

    def _error(self, exc: BaseException) -> DatabaseError:
        if self.url is not None:
            from db.postgres import from_postgres_error

            return from_postgres_error(exc, self.location)
        return from_sqlite_error(exc, self.path)


def upgrade_to_head(conn: Connection, before: str | None) -> None:
    """Run the migrations from `before` to head on `conn`, inside its open transaction."""
    if before == head_revision():
        return
    from alembic import command

    config = _alembic_config()
    config.attributes["connection"] = conn
    command.upgrade(config, "head")
    log.info("database schema upgraded from %s to %s", before, head_revision())


def _current_revision(conn: Connection) -> str | None:
    if not dialect.has_table(conn, "alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _make_engine(path: Path, key: cipher.Key | None, *, read_only: bool = False) -> Engine:
    def creator() -> sqlite3.Connection:
        if not read_only:
            return connect(path, "write", key=key)
        # Without frames in a -wal the main file holds everything: read it immutable, so nothing
        # is made beside a read-only file or on a full disk; with frames, read through them.
        return connect(path, "read" if wal_has_frames(path) else "immutable", key=key)

    # The URL names the file so SQLAlchemy chooses its pool for file databases.
    # `module` makes SQLAlchemy wrap the errors of whichever driver `connect` uses;
    # hide_parameters: an error never carries the values of a statement (client data) to a log.
    engine = create_engine(
        f"sqlite:///{path}", creator=creator, module=cipher.dbapi(key), hide_parameters=True
    )

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql(conn.info.get("begin", "BEGIN"))

    return engine
