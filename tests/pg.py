"""A real PostgreSQL server for the tests: started once per session, a fresh database per test.

Reusable by any test package (sync, office):

    from tests.pg import PostgresServer, server_or_skip
    server = server_or_skip()            # the session's server (started on first use), or skip
    url = server.fresh_database()        # an empty database migrated to head, from a template
    ...
    server.drop(url)

or simply request the fixtures `pg_server` / `pg_url` (tests/conftest.py). The server runs from
the Debian `postgresql` binaries (`scripts/system-packages.sh --test`) in a private temporary
folder, on a free TCP port of 127.0.0.1, trusting local connections, with fsync off (a test
server: speed over durability), locale C (the collation the program requires: db/postgres.py).
initdb refuses to run as root, so under root the server runs as the `postgres` user.
Without the binaries the PostgreSQL half of a test is skipped with the reason (it fails instead
when TRAJECTPLANNER_REQUIRE_POSTGRES is set, as .ci/run does).
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
from pathlib import Path

import pytest

_TEMPLATE = "tp_template"


def _bindir() -> Path | None:
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(os.path.realpath(found)).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(candidates[-1]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PostgresServer:
    """One throw-away server; `stop()` (also at exit) removes its folder."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.folder = Path(tempfile.mkdtemp(prefix="trajectplanner-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self._user: str | None = None
        if os.geteuid() == 0:  # initdb and postgres refuse root
            self._user = "postgres"
            pw = pwd.getpwnam("postgres")
            os.chown(self.folder, pw.pw_uid, pw.pw_gid)
        self._names = itertools.count(1)
        self._lock = threading.Lock()
        self._run(
            "initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--locale=C", "-E", "UTF8"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-w", "-o",
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50",
            "start",
        )  # fmt: skip
        atexit.register(self.stop)
        self._make_template()

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self.bindir / tool), *args]
        if self._user:
            command = ["runuser", "-u", self._user, "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd=self.folder)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres") as con:
            con.autocommit = True
            con.execute(sql)

    def _make_template(self) -> None:
        """A database migrated to head once, copied per test (a copy takes milliseconds)."""
        from db.database import Database

        self._admin(f"CREATE DATABASE {_TEMPLATE}")
        Database.open(self.url(_TEMPLATE)).close()

    def fresh_database(self) -> str:
        """The URL of a new database at the current schema, empty."""
        with self._lock:
            name = f"test_{os.getpid()}_{next(self._names)}"
            self._admin(f"CREATE DATABASE {name} TEMPLATE {_TEMPLATE}")
        return self.url(name)

    def empty_database(self) -> str:
        """The URL of a new database without any table (to test creating and upgrading)."""
        with self._lock:
            name = f"empty_{os.getpid()}_{next(self._names)}"
            self._admin(f"CREATE DATABASE {name}")
        return self.url(name)

    def drop(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        with contextlib.suppress(Exception):
            self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        if self.data.exists():
            with contextlib.suppress(subprocess.CalledProcessError):
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


_server: PostgresServer | None = None
_failure: str | None = None


def server_or_skip() -> PostgresServer:
    """The session's server, started on first use; skips the calling test when it cannot run."""
    global _server, _failure
    if _server is None and _failure is None:
        bindir = _bindir()
        if bindir is None:
            _failure = "PostgreSQL is niet geïnstalleerd (bash scripts/system-packages.sh --test)"
        else:
            try:
                _server = PostgresServer(bindir)
            except (OSError, subprocess.CalledProcessError, KeyError) as exc:
                detail = getattr(exc, "stderr", b"") or b""
                _failure = f"de PostgreSQL-testserver start niet: {exc} {detail.decode(errors='replace')}"
    if _server is None:
        if os.environ.get("TRAJECTPLANNER_REQUIRE_POSTGRES"):  # .ci/run: never a silent skip
            pytest.fail(_failure or "geen PostgreSQL")
        pytest.skip(_failure or "geen PostgreSQL")
    return _server
