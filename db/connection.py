"""The one place a connection to a database file is made, keyed for an encrypted file.

The key itself is applied by `cipher.connect` (the only code that says `PRAGMA key`); every
connection to a database file — the engine's, inspection's, the checks' — is made here, so none
can forget it. Four ways, chosen by the caller:

* "write": the normal connection — WAL, foreign keys on, created private (umask 0077);
* "read": `mode=ro&readonly_shm=1` — reads through an existing -wal without writing even its
  read marks into the -shm, never removes anything;
* "read_shared": `mode=ro` — as "read", but may create a missing -shm (a -wal without its -shm);
* "immutable": no locks, no -wal/-shm made or read — only for a file no one can be writing
  (no -wal beside it; read-only file, folder or medium; the main file alone on purpose).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

from db import cipher

BUSY_TIMEOUT_S = 10.0

Mode = Literal["write", "read", "read_shared", "immutable"]

# What a call on either kind of connection can raise (sqlcipher3's errors are its own classes).
DBAPI_ERRORS = cipher.DBAPI_ERRORS

_TRANSIENT = frozenset({5, 6, 8, 14, 15})  # BUSY, LOCKED, READONLY(_RECOVERY…), CANTOPEN, PROTOCOL


def is_transient(exc: BaseException) -> bool:
    """A failure that passes when the other program is done: a lock, or a -wal/-shm it is
    making or removing right now."""
    return (getattr(exc, "sqlite_errorcode", 0) & 0xFF) in _TRANSIENT


def connect(
    path: Path, mode: Mode = "write", *, key: cipher.Key | None = None, timeout: float | None = None
) -> Any:
    """A DB-API connection (sqlite3, or sqlcipher3 keyed with `key`) in autocommit mode."""
    wait = BUSY_TIMEOUT_S if timeout is None else timeout
    if mode != "write":
        flags = {"immutable": "immutable=1", "read": "mode=ro&readonly_shm=1", "read_shared": "mode=ro"}[mode]
        uri = f"file:{quote(str(path.resolve()))}?{flags}"
        con = cipher.connect(uri, key, uri=True, timeout=wait, check_same_thread=False)
        con.isolation_level = None
        con.execute("PRAGMA cache_size = -32000")
        return con
    # SQLite gives -wal/-shm the rights of the database file; the umask is a second guard.
    old = os.umask(0o077)
    try:
        con = cipher.connect(str(path), key, timeout=wait, check_same_thread=False)
        try:
            # Let SQLAlchemy emit BEGIN itself: sqlite3's own transaction handling skips it for
            # reads and commits implicitly around DDL (SQLAlchemy's documented recipe).
            con.isolation_level = None
            con.execute("PRAGMA foreign_keys = ON")
            con.execute("PRAGMA journal_mode = WAL")
            con.execute("PRAGMA cache_size = -32000")
        except BaseException:
            con.close()
            raise
        return con
    finally:
        os.umask(old)
