"""The office's database: the same schema and repositories on a PostgreSQL server.

What a file has and a server does not, answered here in one place:

* SQLCipher: none — the server's own access control and disk encryption protect the data;
* WAL, the instance lock, temporary files: the server handles concurrency itself; a writing unit
  of work takes one transaction-level advisory lock, so writers queue exactly as on SQLite
  (BEGIN IMMEDIATE) and every save still compares revisions;
* PRAGMA integrity_check: `server_state` reports what the server says of itself instead;
* the online backup API: `pg_dump` on the server (the backup verbs refuse with that advice);
* `application_id`: a database is ours when it holds our `alembic_version`, or nothing at all.

The database must sort bytewise (locale C), as SQLite does: the search walks word ranges and
name order by that (`scripts/office.sh` creates it so; a database sorted otherwise is refused).
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, DisconnectionError

from db import connection
from db.dialect import engine_url, fetch_all, has_table
from db.errors import ConstraintError, DatabaseError, LockedError, NewerSchemaError
from db.inspection import APPLICATION_ID
from db.schema import plans


def _partial_indexes() -> None:
    """The plans' partial unique indexes have the same WHERE on PostgreSQL. Set here, not in
    db.schema: a `postgresql_*` argument there imports that dialect (with asyncpg) into every
    SQLite start, about 40 ms of the first frame (tests/benchmarks/bench_ui.py)."""
    for index in plans.indexes:
        where = index.dialect_kwargs.get("sqlite_where")
        if where is not None:
            index.dialect_kwargs["postgresql_where"] = where


_partial_indexes()

if TYPE_CHECKING:
    from db.database import Database

log = logging.getLogger(__name__)


def location(url: str) -> str:
    """The URL as it may be shown and logged: never the password."""
    return make_url(engine_url(url)).render_as_string(hide_password=True)


class ServerUnreachableError(DatabaseError):
    retry = True

    def __init__(self, where: str) -> None:
        super().__init__(
            f"De databaseserver {where} is niet bereikbaar. Er is niets gewijzigd. Controleer of de "
            "server draait (bijvoorbeeld met: bash scripts/office.sh) en of het adres, de gebruiker "
            "en het wachtwoord kloppen."
        )


class ServerBusyError(LockedError):
    """Another program kept the write lock on the server longer than we wait."""

    def __init__(self, where: str) -> None:
        DatabaseError.__init__(
            self,
            f"De database {where} is bezet: een ander programma schrijft er nu in. Er is niets "
            "verloren. Wacht even; het opslaan wordt vanzelf opnieuw geprobeerd.",
        )


class NotOurServerDatabaseError(DatabaseError):
    def __init__(self, where: str) -> None:
        super().__init__(
            f"De database {where} bevat al tabellen van een ander programma. Er is niets gewijzigd. "
            "Maak voor Trajectplanner een eigen, lege database (bijvoorbeeld met: bash scripts/office.sh)."
        )


class WrongCollationError(DatabaseError):
    def __init__(self, where: str, collation: str) -> None:
        super().__init__(
            f"De database {where} sorteert op taal ('{collation}'); Trajectplanner vraagt sortering C "
            "(zoals in het databasebestand van de laptop), anders vindt het zoeken niet altijd wat er "
            "staat. Er is niets gewijzigd. Maak de database opnieuw met: createdb --locale=C "
            "--template=template0 NAAM (of met bash scripts/office.sh)."
        )


class FileOnlyError(DatabaseError):
    """A feature of the database file (backup, encryption) asked of a server database."""

    def __init__(self, where: str) -> None:
        super().__init__(
            f"Dit kan alleen met een databasebestand; de database {where} staat op een "
            "PostgreSQL-server. Maak daar een reservekopie met pg_dump en laat de beheerder van de "
            "server de schijf versleutelen."
        )


class UnexpectedServerError(DatabaseError):
    def __init__(self, where: str) -> None:
        super().__init__(
            f"De databaseserver {where} gaf een onverwachte fout. Er is niets half opgeslagen. "
            "Details staan in het logbestand; probeer het opnieuw of neem contact op met de beheerder."
        )


_BUSY_STATES = frozenset({"55P03", "40P01", "40001"})  # lock not available, deadlock, serialization


def is_busy_state(error: object) -> bool:
    return getattr(error, "sqlstate", None) in _BUSY_STATES


def from_postgres_error(exc: BaseException, where: str) -> DatabaseError:
    """The Dutch error for what the server (or psycopg on the way to it) reported."""
    orig = getattr(exc, "orig", exc)
    state = getattr(orig, "sqlstate", None) or ""
    if state in _BUSY_STATES:
        return ServerBusyError(where)
    if state.startswith("23"):
        return ConstraintError(
            "Deze wijziging past niet bij wat er al in de database staat; er is niets opgeslagen. "
            "Controleer de gegevens en probeer het opnieuw."
        )
    if state.startswith(("08", "57P", "28", "3D")) or type(orig).__name__ == "OperationalError":
        return ServerUnreachableError(where)
    return UnexpectedServerError(where)


IDLE_PING_S = 5.0  # a pooled connection unused this long is pinged before it is used again


def make_engine(url: str) -> Engine:
    """The engine, its pool pinging a connection that sat unused for IDLE_PING_S first: a server
    restarted (or a connection dropped) meanwhile costs a new connection, not an error. Pinging
    every checkout (pool_pre_ping) cost a round trip per unit of work: about 3 % of an ingest."""
    # hide_parameters: an error never carries the values of a statement (client data) to a log.
    engine = create_engine(engine_url(url), hide_parameters=True)

    def returned(dbapi_connection: Any, record: Any) -> None:
        record.info["returned"] = time.monotonic()

    def ping_after_idle(dbapi_connection: Any, record: Any, proxy: Any) -> None:
        since = record.info.get("returned")
        if since is None or time.monotonic() - since < IDLE_PING_S:
            return  # just connected, or just used
        try:
            alive = engine.dialect.do_ping(dbapi_connection)
        except Exception:  # the driver's own error (psycopg.OperationalError): the connection is gone
            alive = False
        if not alive:
            raise DisconnectionError  # the pool replaces the connection and checks out again

    event.listen(engine.pool, "checkin", returned)
    event.listen(engine.pool, "checkout", ping_after_idle)
    return engine


def current_revision(conn: Connection) -> str | None:
    if not has_table(conn, "alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def open_server_database(url: str) -> Database:
    """Open (create the schema in, upgrade) the database at `url`; a newer one is refused untouched."""
    from db.database import Database, head_revision, known_revisions, upgrade_to_head

    where = location(url)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            # Asked of the behaviour, not the name: with any provider and version, bytewise order
            # puts capitals before small letters and accented letters after z.
            bytewise, collation = conn.exec_driver_sql(
                "SELECT 'Z' < 'a' AND 'é' > 'z', datcollate FROM pg_database "
                "WHERE datname = current_database()"
            ).one()
            revision = current_revision(conn)
            tables: int = conn.exec_driver_sql(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
            ).scalar_one()
        if revision is not None and revision not in known_revisions():
            raise NewerSchemaError(revision)
        if revision is None and tables:
            raise NotOurServerDatabaseError(where)
        if not bytewise:
            raise WrongCollationError(where, str(collation))
        if revision != head_revision():
            with engine.connect() as conn, conn.begin():
                # Two programs starting at once upgrade once: the second waits, then finds it done.
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(%s)", (APPLICATION_ID,))
                upgrade_to_head(conn, current_revision(conn))
    except DatabaseError:
        engine.dispose()
        raise
    except DBAPIError as exc:
        engine.dispose()
        log.warning("opening the server database failed: %s", type(getattr(exc, "orig", exc)).__name__)
        raise from_postgres_error(exc, where) from None
    return Database(None, engine, url=url)


def begin_unit(conn: Connection, *, write: bool, busy_timeout_s: float | None) -> None:
    """The start of a unit of work's transaction: a writer waits its turn, at most so long."""
    wait = connection.BUSY_TIMEOUT_S if busy_timeout_s is None else busy_timeout_s
    ms = str(int(wait * 1000))
    timeout = "SELECT set_config('lock_timeout', %s, true)"  # SET LOCAL
    # One round trip with the driver's BEGIN (a pipeline: else BEGIN is one of its own); the
    # subquery sets the timeout before the lock is waited for.
    statement: tuple[str, tuple[Any, ...]]
    if write:
        statement = (f"SELECT pg_advisory_xact_lock(%s) FROM ({timeout}) AS t", (APPLICATION_ID, ms))
    else:
        statement = (timeout, (ms,))
    fetch_all(conn, [statement])


def server_state(conn: Connection) -> dict[str, Any]:
    """What `check` reports of a server database in place of SQLite's integrity check."""
    version: str = conn.exec_driver_sql("SHOW server_version").scalar_one()
    row = conn.exec_driver_sql(
        "SELECT pg_database_size(current_database()), pg_is_in_recovery(), "
        "(SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()), "
        "(SELECT checksum_failures FROM pg_stat_database WHERE datname = current_database())"
    ).one()
    size, recovering, connections, checksum_failures = (
        int(row[0]),
        bool(row[1]),
        int(row[2]),
        int(row[3] or 0),
    )
    return {
        "version": str(version),
        "size_mb": round(size / 1_000_000, 1),
        "read_only_replica": recovering,
        "connections": connections,
        "checksum_failures": checksum_failures,
    }
