"""A DB-API connection to a database outside the program: a file with the test's key if
encrypted, or a PostgreSQL URL (`raw_rows` takes `?` placeholders for both)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine

from db import cipher
from db.dialect import engine_url, is_url


def raw_connect(path: Path, **kwargs: Any) -> Any:
    if is_url(path):
        import psycopg

        return psycopg.connect(engine_url(str(path)).replace("postgresql+psycopg://", "postgresql://"))
    key = cipher.stored_key() if cipher.is_encrypted(path) else None
    return cipher.connect(str(path), key, **kwargs)


def raw_rows(path: Path, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """The rows of one query on a separate connection, committed data only."""
    con = raw_connect(path)
    try:
        if is_url(path):
            sql = sql.replace("?", "%s")
        return [tuple(r) for r in con.execute(sql, tuple(params)).fetchall()]
    finally:
        con.close()


def blank_engine(path: Path) -> Engine:
    """An engine on an empty database at `path` (a plain file; on a server the schema emptied),
    for building an older schema by hand."""
    if not is_url(path):
        return create_engine(f"sqlite:///{path}")
    engine = create_engine(engine_url(str(path)))
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    return engine
