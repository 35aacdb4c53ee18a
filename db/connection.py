"""The one place a connection to a database file is made (a key for encryption hooks in here).

Three ways, chosen by the caller:

* "write": the normal connection — WAL, foreign keys on, created private (umask 0077);
* "read": `mode=ro&readonly_shm=1` — reads through an existing -wal without writing even its
  read marks into the -shm, never removes anything;
* "read_shared": `mode=ro` — as "read", but may create a missing -shm (a -wal without its -shm);
* "immutable": no locks, no -wal/-shm made or read — only for a file no one can be writing
  (no -wal beside it; read-only file, folder or medium; the main file alone on purpose).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Literal
from urllib.parse import quote

BUSY_TIMEOUT_S = 10.0

Mode = Literal["write", "read", "read_shared", "immutable"]


_TRANSIENT = frozenset({5, 6, 8, 14, 15})  # BUSY, LOCKED, READONLY(_RECOVERY…), CANTOPEN, PROTOCOL


def is_transient(exc: sqlite3.Error) -> bool:
    """A failure that passes when the other program is done: a lock, or a -wal/-shm it is
    making or removing right now."""
    return (getattr(exc, "sqlite_errorcode", 0) & 0xFF) in _TRANSIENT


def connect(path: Path, mode: Mode = "write", *, timeout: float | None = None) -> sqlite3.Connection:
    wait = BUSY_TIMEOUT_S if timeout is None else timeout
    if mode != "write":
        flags = {"immutable": "immutable=1", "read": "mode=ro&readonly_shm=1", "read_shared": "mode=ro"}[mode]
        uri = f"file:{quote(str(path.resolve()))}?{flags}"
        con = sqlite3.connect(uri, uri=True, timeout=wait, check_same_thread=False)
        con.isolation_level = None
        con.execute("PRAGMA cache_size = -32000")
        return con
    # SQLite gives -wal/-shm the rights of the database file; the umask is a second guard.
    old = os.umask(0o077)
    try:
        con = sqlite3.connect(str(path), timeout=wait, check_same_thread=False)
        # Let SQLAlchemy emit BEGIN itself: sqlite3's own transaction handling skips it for
        # reads and commits implicitly around DDL (SQLAlchemy's documented recipe).
        con.isolation_level = None
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("PRAGMA cache_size = -32000")
        return con
    finally:
        os.umask(old)
