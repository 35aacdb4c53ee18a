"""Where SQLite and PostgreSQL differ, said once: every other module writes portable SQL.

The differences the code meets:

* the target: a file path (SQLite) or a URL `postgresql+psycopg://…` (`is_url`, `engine_url`);
* raw driver SQL: `?` (sqlite3) or `%s` (psycopg) placeholders (`driver_sql`);
* values read through the driver: SQLite gives dates as ISO text, psycopg as `date` (`as_date`);
* dates written through the driver: SQLite wants ISO text, psycopg takes `date` (`driver_date`);
* many rows inserted at once through the driver (`insert_many`);
* a column in a list of ids (`in_ids`: one array parameter on PostgreSQL);
* "insert unless there": each dialect has its own `INSERT … ON CONFLICT` construct
  (`insert_ignoring_duplicates`); raw `ON CONFLICT … DO UPDATE` SQL reads the same on both;
* whether the schema table exists: `sqlite_master`, or the information schema (`has_table`);
* partial indexes: `sqlite_where` and `postgresql_where` both (db/schema.py, migration 0001);
* one text field of a JSON column, read in SQL: `json_extract` (SQLite) or `->>` (`json_field`);
* a read over most of the database (the regional monitor): SQLite's page cache is the
  connection's, made larger for the while; on PostgreSQL the transaction's work_mem (`larger_cache`);
* a correlated subquery run per row of a walk that stops at its LIMIT (`per_row`, `per_row_exists`);
* a filter tested on each match, never an index to start from (`equals_as_filter`).

The features only a file has (SQLCipher, WAL, PRAGMA integrity_check, the online backup API, the
instance lock, the temporary files beside it) are answered for PostgreSQL in db/postgres.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import ARRAY, ColumnElement, Connection, String, Table, any_, bindparam
from sqlalchemy.sql import exists, func, literal_column, select
from sqlalchemy.sql.dml import Insert
from sqlalchemy.sql.selectable import Select

SQLITE = "sqlite"
POSTGRESQL = "postgresql"

_URL_SCHEMES = ("postgresql://", "postgresql+psycopg://", "postgres://")


def is_url(target: str | Path | None) -> bool:
    """A PostgreSQL URL rather than a database file."""
    return isinstance(target, str) and target.startswith(_URL_SCHEMES)


def engine_url(url: str) -> str:
    """The URL with the driver we install (psycopg 3) named, whichever way it was written."""
    for scheme in ("postgresql://", "postgres://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url[len(scheme) :]
    return url


def driver_sql(conn: Connection, sql: str) -> str:
    """Raw SQL written with `?` placeholders, in the placeholders of the connection's driver."""
    if conn.dialect.paramstyle == "qmark" or "?" not in sql:
        return sql
    return sql.replace("%", "%%").replace("?", "%s")  # a literal % is doubled only beside placeholders


def as_date(value: Any) -> date | None:
    """A date column read through the driver: ISO text (SQLite) or a date (PostgreSQL)."""
    if value is None or value == "":
        return None
    return value if isinstance(value, date) else date.fromisoformat(value)


def driver_date(conn: Connection, value: date | None) -> Any:
    """A date to hand to the driver: as SQLAlchemy's Date stores it on SQLite (ISO text)."""
    if value is None or conn.dialect.name != SQLITE:
        return value
    return value.isoformat()


def _insert(conn: Connection) -> Any:
    """The dialect's INSERT with ON CONFLICT. Imported on use: sqlalchemy.dialects.postgresql (with
    asyncpg and asyncio) is a third of SQLAlchemy's import, which a SQLite start never needs."""
    if conn.dialect.name == POSTGRESQL:
        from sqlalchemy.dialects import postgresql

        return postgresql.insert
    from sqlalchemy.dialects import sqlite

    return sqlite.insert


def insert_ignoring_duplicates(conn: Connection, table: Table) -> Insert:
    """INSERT … ON CONFLICT DO NOTHING: rows already there are left as they are."""
    return _insert(conn)(table).on_conflict_do_nothing()


def insert_many(
    conn: Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """INSERT many rows given as values in `columns` order (dates as ISO text for SQLite, as
    SQLAlchemy's Date stores them there; as `date` for PostgreSQL): one sqlite3 executemany, or
    on PostgreSQL one COPY (psycopg), which takes three quarters of the time of an executemany.
    None of SQLAlchemy's per-row parameter processing (it would cost more than the database
    itself); its error wrapping is kept (IntegrityError, OperationalError)."""
    if not rows:
        return
    names = ", ".join(f'"{c}"' for c in columns)
    if conn.dialect.name != POSTGRESQL:
        marks = ", ".join("?" * len(columns))
        conn.exec_driver_sql(f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', rows)
        return
    copy_sql = f'COPY "{table.name}" ({names}) FROM STDIN'
    with _driver(conn) as raw, raw.cursor() as cursor, cursor.copy(copy_sql) as copy:
        for row in rows:
            copy.write_row(row)


def in_ids(conn: Connection, column: ColumnElement[Any], ids: Sequence[str]) -> ColumnElement[bool]:
    """`column IN (ids)`. On PostgreSQL as `= ANY(one array parameter)`: the statement's text is the
    same for any number of ids, so psycopg converts it once and the server prepares it, where an
    expanding IN renders and parses a placeholder per id (a third of an ingest's reading here)."""
    if conn.dialect.name != POSTGRESQL:
        return column.in_(ids)
    return column == any_(bindparam(None, list(ids), type_=ARRAY(String), unique=True))


def placeholder(conn: Connection) -> str:
    """The driver's placeholder for raw SQL with no literal %: `?` (sqlite3) or `%s` (psycopg).
    For SQL put together with `in_ids_sql`'s, already in the driver's form; other raw SQL is
    written with `?` and passed through `driver_sql`."""
    return "?" if conn.dialect.paramstyle == "qmark" else "%s"


def in_ids_sql(conn: Connection, column: str, ids: Sequence[str]) -> tuple[str, tuple[Any, ...]]:
    """`in_ids` for raw driver SQL: the condition on the (quoted) `column` and its parameters. On
    PostgreSQL one array, written as its text: psycopg's list adaptation looks at every element
    (a fifth of an ingest's reading)."""
    if conn.dialect.name != POSTGRESQL:
        return f'"{column}" IN ({", ".join("?" * len(ids))})', tuple(ids)
    quoted = ",".join('"' + i.replace("\\", "\\\\").replace('"', '\\"') + '"' for i in ids)
    return f'"{column}" = ANY(%s::text[])', ("{" + quoted + "}",)


def fetch_all(conn: Connection, statements: Sequence[tuple[str, tuple[Any, ...]]]) -> list[list[Any]]:
    """The rows (the driver's tuples) of several raw SELECTs (driver SQL and parameters), on the
    driver's own connection: none of SQLAlchemy's per-statement and per-row work (a tenth of
    SQLite's reading of an import's stored trees). On PostgreSQL they go in one pipeline, a round
    trip for all of them instead of one each. A failure comes out as SQLAlchemy's error for it,
    as from `exec_driver_sql`."""
    with _driver(conn) as raw:
        if conn.dialect.name != POSTGRESQL:
            return [raw.execute(sql, params).fetchall() for sql, params in statements]
        with raw.pipeline():
            cursors = [raw.execute(sql, params) for sql, params in statements]
        return [cursor.fetchall() for cursor in cursors]


@contextmanager
def _driver(conn: Connection) -> Iterator[Any]:
    """The driver's own connection under `conn`; its errors come out as SQLAlchemy's, as from
    `exec_driver_sql` (IntegrityError, OperationalError), without the statement's values."""
    from sqlalchemy.exc import DBAPIError

    raw = conn.connection.driver_connection
    assert raw is not None  # a checked-out connection always has its driver's
    error = conn.dialect.dbapi.Error  # type: ignore[union-attr]  # the driver's (cipher.dbapi on SQLite)
    try:
        yield raw
    except error as exc:
        raise DBAPIError.instance(None, None, exc, error, hide_parameters=True) from exc


def has_table(conn: Connection, name: str) -> bool:
    if conn.dialect.name == SQLITE:  # cheaper than the inspector, on every start
        sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    else:
        sql = (
            "SELECT 1 FROM information_schema.tables"
            " WHERE table_schema = current_schema() AND table_name = %s"
        )
    return conn.exec_driver_sql(sql, (name,)).first() is not None


_KEY_COLUMNS = re.compile(r"Key \(([^)]*)\)=")


def integrity_message(orig: BaseException | None) -> str:
    """What a violated constraint names, in SQLite's words whichever engine reported it:
    "FOREIGN KEY constraint failed", "UNIQUE constraint failed: plans.household_id".

    From PostgreSQL only the table and the key's column names are taken, never its values."""
    state = getattr(orig, "sqlstate", None)
    if state is None:
        return str(orig)
    if state == "23503":
        return "FOREIGN KEY constraint failed"
    diag = getattr(orig, "diag", None)
    table = getattr(diag, "table_name", None) or ""
    found = _KEY_COLUMNS.match(getattr(diag, "message_detail", None) or "")
    columns = [c.strip() for c in found.group(1).split(",")] if found else []
    if state == "23505":
        return "UNIQUE constraint failed: " + ", ".join(f"{table}.{c}" for c in columns)
    return f"constraint failed ({state})"


def after_bulk_load(conn: Connection, tables: Sequence[Table]) -> None:
    """After thousands of rows at once: PostgreSQL's planner needs fresh statistics to choose the
    indexes the search and lists rely on (autovacuum would only get there later); SQLite plans
    from its indexes alone."""
    if conn.dialect.name == POSTGRESQL:
        for table in tables:
            conn.exec_driver_sql(f'ANALYZE "{table.name}"')


@contextmanager
def larger_cache(conn: Connection, mib: int) -> Iterator[None]:
    """Memory for one read over most of the database, while the block runs.

    SQLite: a page cache of up to `mib` MiB on this connection, then the connection's own again
    (which frees the pages over it): a read that joins most of the tables then decrypts each page
    once, not once per statement. PostgreSQL caches pages in the server; there `mib` is the
    transaction's work_mem, so that its sorts and hash joins stay in memory (the default 4 MB
    spills them to disk at 100,000 households)."""
    if conn.dialect.name != SQLITE:
        conn.exec_driver_sql(f"SET LOCAL work_mem = '{int(mib)}MB'")  # until the transaction ends
        yield
        return
    before: int = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
    conn.exec_driver_sql(f"PRAGMA cache_size = {-1024 * int(mib)}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(before)}")


def json_field(conn: Connection, column: str, key: str) -> str:
    """SQL for the text of `key` in the JSON object stored as text in `column` (NULL when absent)."""
    if not key.isidentifier():
        raise ValueError(key)
    if conn.dialect.name == SQLITE:
        return f"json_extract({column}, '$.{key}')"
    return f"(NULLIF({column}, '')::json ->> '{key}')"


def per_row(conn: Connection, query: Select[Any]) -> Select[Any]:
    """A correlated subquery as one the engine runs for each row the outer query reads, in its
    order, so that a walk in name order stops at its LIMIT. SQLite always runs it so. PostgreSQL
    would pull it up into a join planned from its estimate of the matches: for common words typed
    together ("van der") it estimates a few, then probes and sorts every household the walk could
    reach (10-80 ms at 100,000) instead of stopping after the first page (1-4 ms). It does not
    pull up a subquery that has an OFFSET: OFFSET 0 keeps it per row."""
    return query.offset(literal_column("0")) if conn.dialect.name == POSTGRESQL else query


def per_row_exists(conn: Connection, *where: ColumnElement[bool]) -> ColumnElement[bool]:
    """EXISTS (rows matching `where`), tested on each row the outer query reads (`per_row`)."""
    if conn.dialect.name != POSTGRESQL:
        return exists().where(*where)
    return per_row(conn, select(literal_column("1")).where(*where)).exists()


def equals_as_filter(conn: Connection, column: ColumnElement[Any], value: str) -> ColumnElement[bool]:
    """`column = value` (NULL as ""), tested on each match of a search, never an index to start
    from. SQLite: wrapped in coalesce, so that its planner does not read every row of the value
    from the column's index and sort them (a whole municipality: 36 ms at 100,000). PostgreSQL:
    the column itself, whose share its statistics know; of the wrapped one it would assume 0.5 %,
    too few matches for a walk in name order to stop at its LIMIT, so it probes and sorts them all."""
    if conn.dialect.name == POSTGRESQL and value != "":
        return column == value
    return func.coalesce(column, "") == value
