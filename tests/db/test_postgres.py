"""What only a PostgreSQL server database does: created and upgraded on open, a newer or foreign
one refused untouched, a writer waiting its turn, `check` reporting the server's own state.

The repository tests run on both engines through `db_path` (tests/db/conftest.py); these open
their server databases themselves, so they run once."""

from __future__ import annotations

import time
from collections.abc import Iterator

import psycopg
import pytest

from db.database import Database, head_revision
from db.errors import DatabaseError, LockedError, NewerSchemaError, is_busy
from db.inspection import APPLICATION_ID
from db.postgres import FileOnlyError, location
from tests.pg import PostgresServer, server_or_skip


@pytest.fixture
def server() -> PostgresServer:
    return server_or_skip()


@pytest.fixture
def empty(server: PostgresServer) -> Iterator[str]:
    url = server.empty_database()
    yield url
    server.drop(url)


def _driver(url: str) -> psycopg.Connection:
    return psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True)


def _tables(url: str) -> list[str]:
    with _driver(url) as con:
        rows = con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"
        ).fetchall()
    return [r[0] for r in rows]


def test_an_empty_server_database_is_migrated_to_head_and_checked(empty: str) -> None:
    with Database.open(empty) as db:
        assert db.schema_version == head_revision()
        assert db.on_server and not db.encrypted and db.notice is None
        assert db.integrity_check() == "ok"
        state = db.server_state()
        assert state is not None and str(state["version"])[:2].isdigit()
        assert state["checksum_failures"] == 0 and state["connections"] >= 1
    assert {"households", "plans", "allocations", "alembic_version"} <= set(_tables(empty))


def test_a_newer_schema_on_the_server_is_refused_and_left_as_it_was(empty: str) -> None:
    Database.open(empty).close()
    with _driver(empty) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999'")
    before = _tables(empty)
    with pytest.raises(NewerSchemaError, match="nieuwere versie"):
        Database.open(empty)
    assert _tables(empty) == before
    with _driver(empty) as con:
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [("9999",)]


def test_a_database_of_another_program_is_refused_untouched(empty: str) -> None:
    with _driver(empty) as con:
        con.execute("CREATE TABLE invoices (id integer primary key)")
    with pytest.raises(DatabaseError, match="ander programma"):
        Database.open(empty)
    assert _tables(empty) == ["invoices"]


def test_an_unreachable_server_is_said_in_dutch_without_the_password(server: PostgresServer) -> None:
    url = f"postgresql+psycopg://kantoor:geheim@127.0.0.1:{server.port}/bestaat_niet"
    with pytest.raises(DatabaseError, match="niet bereikbaar") as info:
        Database.open(url)
    assert "geheim" not in str(info.value) and "geheim" not in location(url)


def test_a_writer_waits_for_the_other_and_a_short_wait_gives_up_as_busy(empty: str) -> None:
    with Database.open(empty) as db, _driver(empty) as other:
        other.autocommit = False
        other.execute("SELECT pg_advisory_xact_lock(%s)", (APPLICATION_ID,))  # as another writer mid-save
        t0 = time.perf_counter()
        with pytest.raises(LockedError) as info, db.unit_of_work(busy_timeout_s=0.2) as uow:
            uow.settings.set("probe", "1")
        assert 0.15 <= time.perf_counter() - t0 < 2
        assert is_busy(info.value.__cause__ or info.value) and info.value.retry and "bezet" in str(info.value)
        with db.unit_of_work(write=False) as uow:  # reading is not held up
            assert uow.settings.get("probe") is None
        other.rollback()
        with db.unit_of_work(busy_timeout_s=0.2) as uow:
            uow.settings.set("probe", "1")
        with db.unit_of_work(write=False) as uow:
            assert uow.settings.get("probe") == "1"


def test_what_needs_a_file_says_so_on_a_server(empty: str) -> None:
    with Database.open(empty) as db:
        with pytest.raises(FileOnlyError, match="pg_dump"):
            db.path  # noqa: B018
        assert db.location.startswith("postgresql+psycopg://postgres@127.0.0.1:")


def test_a_database_sorted_by_language_is_refused(server: PostgresServer) -> None:
    """The search walks word ranges in byte order, as SQLite sorts; a Dutch collation would not."""
    name = "sorted_by_language"
    try:
        server._admin(
            f"CREATE DATABASE {name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'nl-NL' LOCALE 'C'"
        )
    except psycopg.Error as exc:
        pytest.skip(f"deze server kent geen ICU-sortering: {exc}")
    try:
        with pytest.raises(DatabaseError, match="sortering C"):
            Database.open(server.url(name))
        assert _tables(server.url(name)) == []
    finally:
        server.drop(server.url(name))


def test_a_connection_dropped_while_idle_is_replaced_not_reported(
    empty: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pool pings a connection that sat unused (db/postgres.py make_engine): one the server
    dropped meanwhile (a restart, a firewall) is replaced, and the next unit of work just works."""
    from db import postgres

    with Database.open(empty) as office:
        with office.unit_of_work() as uow:
            uow.settings.set("probe", "1")
        with _driver(empty) as admin:
            dropped = admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            ).fetchall()
        assert dropped and all(row[0] for row in dropped)
        monkeypatch.setattr(postgres, "IDLE_PING_S", 0.0)  # as if it had sat unused for long
        with office.unit_of_work(write=False) as uow:
            assert uow.settings.get("probe") == "1"
